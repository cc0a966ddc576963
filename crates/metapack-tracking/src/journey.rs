//! Helpers on parcel journeys and event codes.

use chrono::{DateTime, Utc};

use crate::types::{
    DeliveryInformation, EventCode, JourneyDeliveryLeg, JourneyEvent, ParcelJourney,
};

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

    /// When the most recent event happened.
    pub fn latest_event_date(&self) -> Option<DateTime<Utc>> {
        self.latest_event().and_then(|e| e.event_date)
    }

    /// The leg that brings the parcel to the recipient: the one flagged `finalDeliveryLeg`,
    /// else the last one listed.
    pub fn final_leg(&self) -> Option<&JourneyDeliveryLeg> {
        let legs = self.delivery_legs.as_deref().unwrap_or_default();
        legs.iter()
            .rev()
            .find(|leg| leg.final_delivery_leg == Some(true))
            .or_else(|| legs.last())
    }

    /// The tracking number of the parcel: the tracking identifier of the [final
    /// leg](Self::final_leg).
    pub fn tracking_number(&self) -> Option<&str> {
        self.final_leg()?.tracking_identifier.as_deref()
    }

    /// The code of the carrier of the [final leg](Self::final_leg) (`carrierCode`).
    pub fn carrier_code(&self) -> Option<&str> {
        self.final_leg()?.carrier_code.as_deref()
    }

    /// The name of the carrier of the [final leg](Self::final_leg) as shown to recipients
    /// (`carrierDisplayName`), else its code.
    pub fn carrier_name(&self) -> Option<&str> {
        let leg = self.final_leg()?;
        leg.carrier_display_name
            .as_deref()
            .or(leg.carrier_code.as_deref())
    }

    /// The carrier's tracking page of the [final leg](Self::final_leg)
    /// (`carrierTrackingURL`).
    pub fn carrier_tracking_url(&self) -> Option<&str> {
        self.final_leg()?.carrier_tracking_url.as_deref()
    }

    /// The delivery promise: the journey's own delivery information when it carries a date,
    /// else that of the [final leg](Self::final_leg), of the other legs (latest first), or of
    /// the deliveries (latest first).
    pub fn delivery_promise(&self) -> Option<&DeliveryInformation> {
        self.promises().find(|info| {
            info.promised_delivery_date.is_some() || info.expected_delivery_date.is_some()
        })
    }

    /// The date promised to the recipient (`promisedDeliveryDate`), from the first source
    /// of [`delivery_promise`](Self::delivery_promise)'s order that has one.
    pub fn promised_delivery_date(&self) -> Option<DateTime<Utc>> {
        self.promises().find_map(|info| info.promised_delivery_date)
    }

    /// The date delivery is now expected (`expectedDeliveryDate`), from the first source of
    /// [`delivery_promise`](Self::delivery_promise)'s order that has one.
    pub fn expected_delivery_date(&self) -> Option<DateTime<Utc>> {
        self.promises().find_map(|info| info.expected_delivery_date)
    }

    /// Every delivery information of the journey, most authoritative first.
    fn promises(&self) -> impl Iterator<Item = &DeliveryInformation> {
        let final_leg = self.final_leg();
        let legs = self.delivery_legs.iter().flatten().rev();
        let deliveries = self.deliveries.iter().flatten().rev();
        self.delivery
            .iter()
            .chain(final_leg.and_then(|leg| leg.delivery.as_ref()))
            .chain(legs.filter_map(|leg| leg.delivery.as_ref()))
            .chain(deliveries.filter_map(|d| d.delivery.as_ref()))
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::types::JourneyDelivery;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, d, 12, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn leg(tracking: &str, carrier: &str, is_final: Option<bool>) -> JourneyDeliveryLeg {
        JourneyDeliveryLeg {
            tracking_identifier: Some(tracking.into()),
            carrier_code: Some(carrier.into()),
            final_delivery_leg: is_final,
            ..JourneyDeliveryLeg::default()
        }
    }

    #[test]
    fn an_empty_journey_answers_none() {
        let journey = ParcelJourney::default();
        assert_eq!(journey.tracking_number(), None);
        assert_eq!(journey.carrier_name(), None);
        assert_eq!(journey.delivery_promise(), None);
        assert_eq!(journey.promised_delivery_date(), None);
        assert_eq!(journey.latest_event_date(), None);
    }

    #[test]
    fn the_final_leg_gives_tracking_number_and_carrier() {
        let mut line_haul = leg("HAUL-1", "HAULIER", Some(false));
        line_haul.carrier_display_name = Some("Haulier".into());
        let mut last_mile = leg("DPD-1", "DPD_UK", Some(true));
        last_mile.carrier_tracking_url = Some("https://track.example/DPD-1".into());
        let journey = ParcelJourney {
            delivery_legs: Some(vec![last_mile, line_haul.clone()]),
            ..ParcelJourney::default()
        };
        assert_eq!(
            journey.tracking_number(),
            Some("DPD-1"),
            "flagged final wins"
        );
        assert_eq!(journey.carrier_code(), Some("DPD_UK"));
        assert_eq!(
            journey.carrier_name(),
            Some("DPD_UK"),
            "code without a name"
        );
        assert_eq!(
            journey.carrier_tracking_url(),
            Some("https://track.example/DPD-1")
        );

        let unflagged = ParcelJourney {
            delivery_legs: Some(vec![leg("A", "X", None), line_haul]),
            ..ParcelJourney::default()
        };
        assert_eq!(unflagged.tracking_number(), Some("HAUL-1"), "else the last");
        assert_eq!(unflagged.carrier_name(), Some("Haulier"));
    }

    #[test]
    fn the_promise_comes_from_the_journey_then_legs_then_deliveries() {
        let promised = |d| DeliveryInformation {
            promised_delivery_date: Some(day(d)),
            ..DeliveryInformation::default()
        };
        let mut final_leg = leg("T", "C", Some(true));
        final_leg.delivery = Some(DeliveryInformation {
            expected_delivery_date: Some(day(9)),
            ..promised(8)
        });
        let mut journey = ParcelJourney {
            deliveries: Some(vec![JourneyDelivery {
                delivery: Some(promised(7)),
                ..JourneyDelivery::default()
            }]),
            ..ParcelJourney::default()
        };
        assert_eq!(journey.promised_delivery_date(), Some(day(7)));
        journey.delivery_legs = Some(vec![final_leg]);
        assert_eq!(journey.promised_delivery_date(), Some(day(8)));
        assert_eq!(journey.expected_delivery_date(), Some(day(9)));
        journey.delivery = Some(promised(10));
        assert_eq!(journey.promised_delivery_date(), Some(day(10)));
        assert_eq!(journey.expected_delivery_date(), Some(day(9)));
        assert_eq!(journey.delivery_promise(), Some(&promised(10)));
        journey.delivery = Some(DeliveryInformation::default());
        assert_eq!(
            journey
                .delivery_promise()
                .and_then(|p| p.promised_delivery_date),
            Some(day(8)),
            "an undated journey promise is skipped"
        );
    }
}
