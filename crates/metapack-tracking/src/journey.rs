//! Helpers on parcel journeys and event codes.

use crate::types::{EventCode, JourneyEvent, ParcelJourney};

impl ParcelJourney {
    /// The journey's events, oldest first (events without a date come first).
    pub fn events_in_order(&self) -> Vec<&JourneyEvent> {
        let mut events: Vec<&JourneyEvent> = self.events.iter().flatten().collect();
        events.sort_by_key(|e| e.event_date);
        events
    }

    /// The most recent event, by event date (of equally dated events, the last listed).
    pub fn latest_event(&self) -> Option<&JourneyEvent> {
        // max_by_key keeps the last of equal maxima, as the stable order above would.
        self.events.iter().flatten().max_by_key(|e| e.event_date)
    }

    /// The code of the most recent event.
    pub fn latest_event_code(&self) -> Option<&EventCode> {
        self.latest_event().and_then(|e| e.event_code.as_ref())
    }

    /// Whether the latest event says the parcel reached its recipient (in full).
    pub fn is_delivered(&self) -> bool {
        self.latest_event_code()
            .is_some_and(EventCode::is_delivered)
    }

    /// Whether the latest event reports a problem that needs attention.
    pub fn is_exception(&self) -> bool {
        self.latest_event_code()
            .is_some_and(EventCode::is_exception)
    }
}

impl EventCode {
    /// Codes saying the parcel reached the recipient, a safe place, a neighbour or a locker,
    /// or was collected.
    pub fn is_delivered(&self) -> bool {
        matches!(
            self,
            EventCode::Delivered
                | EventCode::DeliveredToPoBox
                | EventCode::DeliveredDamaged
                | EventCode::DeliveredToNeighbour
                | EventCode::DeliveredSpecifiedSafePlace
                | EventCode::DeliveredToLockerCollectionPoint
                | EventCode::DeliveredToAlternativeDeliveryLocation
                | EventCode::ParcelCollectedFromPickupPoint
                | EventCode::ProofOfDelivery
        )
    }

    /// Codes reporting a failure, loss, damage, refusal, hold or other problem.
    pub fn is_exception(&self) -> bool {
        matches!(
            self,
            EventCode::CollectionFailed
                | EventCode::RoutingError
                | EventCode::CarrierDelays
                | EventCode::ParcelLost
                | EventCode::DelayedNotCarrier
                | EventCode::HeldByCustoms
                | EventCode::ParcelDamaged
                | EventCode::AddressQuery
                | EventCode::HeldByCarrier
                | EventCode::CustomerMoved
                | EventCode::RefusedByCustomer
                | EventCode::ReturnToSender
                | EventCode::NotDelivered
                | EventCode::NotDeliveredAddresseeDeceased
                | EventCode::DeliveredDamaged
                | EventCode::HazardousProhibited
                | EventCode::Missorted
                | EventCode::NoAccessToRecipientsAddress
                | EventCode::CodAmountNotPaid
                | EventCode::CustomerIdentificationFailed
                | EventCode::InvalidMethodOfPayment
                | EventCode::IncorrectDeclaration
                | EventCode::HeldByImportCustoms
                | EventCode::HeldByExportCustoms
                | EventCode::NotCollectedFromPickupPoint
                | EventCode::ParcelOutsideOfServiceCapability
                | EventCode::PaymentDeclined
                | EventCode::OrderDeclined
                | EventCode::PersonalisationIssue
                | EventCode::DespatchDelayed
                | EventCode::DespatchDelayedInPart
        )
    }
}
