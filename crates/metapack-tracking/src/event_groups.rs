//! [`EventGroup`]: what an event code says about a parcel (delivered, exception, ...).
//!
//! The Tracking docs (1.0.12) list the codes of each kind of event but do not group them:
//! every group below is inferred from the code's name. Each code has one main group
//! ([`EventCode::group`]); two codes also belong to a second one ([`EventCode::is_in`]).
//! The assignment is one exhaustive `match`, so a code added to the spec does not compile
//! until it is given a group.

use crate::types::{EventCode, PostAllocationEventCode, PreAllocationEventCode};

/// What an event code says about a parcel. Inferred from the codes' names: the docs list
/// the codes without grouping them. Each variant lists its codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventGroup {
    /// The order is being prepared and the parcel is not yet with the carrier:
    /// `ORDER_ACCEPTED`, `PAYMENT_SUCCESSFUL`, `PERSONALISATION_STARTED`,
    /// `PERSONALISATION_COMPLETED`, `AWAITING_FULFILMENT`, `READY_FOR_PACKING`,
    /// `AWAITING_DESPATCH`, `NOT_YET_RECEIVED_BY_CARRIER`, `ELEC_ADVICE_RECD_BY_CARRIER`,
    /// `COLLECTION_REQUESTED`.
    ///
    /// Issue 11 named five groups; this sixth one keeps order progress out of
    /// [`InTransit`](Self::InTransit).
    PreTransit,
    /// The parcel is on its way, including attempts that the carrier will repeat and
    /// parcels waiting to be collected: `DESPATCHED`, `RECEIVED_BY_CARRIER`,
    /// `RECD_BY_CARRIER_NO_ELEC_ADVICE`, `COLLECTION_MADE`, `IN_TRANSIT`,
    /// `RECEIVED_LOCAL_DELIVERY_DEPOT`, `HUB_SCAN_OUT`, `CUSTOMS_PROCESSING`,
    /// `CUSTOMS_CLEARED`, `COLLECT_AT_LOCAL_PO`, `SUB_CONTRACTOR_RECEIVED`, `OUT_FOR_DELIVERY`,
    /// `CUSTOMER_CARDED`, `DELIVERED_IN_PART` (the rest is still coming),
    /// `CUSTOMER_TO_COLLECT_FROM_CARRIER`, `DELIVERY_ARRANGED_WITH_RECIPIENT`,
    /// `PARCEL_REPACKED`, `PARCEL_OVER_LABELLED`, `AWAITING_COLLECTION_FROM_PICKUP_POINT`,
    /// `ATTEMPTED_DELIVERY`, `ATTEMPTED_DELIVERY_2ND`, `ATTEMPTED_DELIVERY_3RD`.
    InTransit,
    /// The parcel reached the recipient, a neighbour, a safe place, a PO box, a locker or an
    /// alternative location, or was collected: `DELIVERED`, `DELIVERED_TO_PO_BOX`,
    /// `DELIVERED_DAMAGED` (also an [`Exception`](Self::Exception)), `DELIVERED_TO_NEIGHBOUR`,
    /// `DELIVERED_SPECIFIED_SAFE_PLACE`, `DELIVERED_TO_LOCKER_COLLECTION_POINT`,
    /// `DELIVERED_TO_ALTERNATIVE_DELIVERY_LOCATION`, `PARCEL_COLLECTED_FROM_PICKUP_POINT`,
    /// `PROOF_OF_DELIVERY`. `DELIVERED_IN_PART` is not here: it is in transit.
    Delivered,
    /// The delivery is not going as planned and may need attention: failed, delayed, held,
    /// lost, damaged, refused, declined or cancelled. `COLLECTION_FAILED`, `ROUTING_ERROR`,
    /// `CARRIER_DELAYS`, `PARCEL_LOST`, `DELAYED_NOT_CARRIER`, `HELD_BY_CUSTOMS`,
    /// `PARCEL_DAMAGED`, `ADDRESS_QUERY`, `HELD_BY_CARRIER`, `CUSTOMER_MOVED`,
    /// `REFUSED_BY_CUSTOMER`, `RETURN_TO_SENDER` (also [`Returns`](Self::Returns)),
    /// `NOT_DELIVERED`, `NOT_DELIVERED_ADDRESSEE_DECEASED`, `HAZARDOUS_PROHIBITED`,
    /// `CANCELLED`, `MISSORTED`, `NO_ACCESS_TO_RECIPIENTS_ADDRESS`, `COD_AMOUNT_NOT_PAID`,
    /// `CUSTOMER_IDENTIFICATION_FAILED`, `INVALID_METHOD_OF_PAYMENT`, `PARCEL_DISPOSED`,
    /// `INCORRECT_DECLARATION`, `HELD_BY_IMPORT_CUSTOMS`, `HELD_BY_EXPORT_CUSTOMS`,
    /// `NOT_COLLECTED_FROM_PICKUP_POINT`, `HELD_BY_CARRIER_FOR_CLEARANCE_PRE_PROCESSING`,
    /// `PARCEL_OUTSIDE_OF_SERVICE_CAPABILITY`, `CANCELLED_BEFORE_DESPATCH`,
    /// `PAYMENT_DECLINED`, `ORDER_DECLINED`, `PERSONALISATION_ISSUE`, `DESPATCH_DELAYED`,
    /// `DESPATCH_DELAYED_IN_PART`. Also `DELIVERED_DAMAGED` (main group
    /// [`Delivered`](Self::Delivered)).
    Exception,
    /// A return of the parcel by the recipient: `RETURN_CREATED`, `RETURN_NEEDS_APPROVAL`,
    /// `RETURN_APPROVED`, `RETURN_LABEL_CREATED`, `RETURN_CANCELLED`, `RETURN_REJECTED`,
    /// `RETURN_WINDOW_EXPIRED`, `RETURN_RECEIVED`, `RETURN_COMPLETED`,
    /// `RETURN_COMPLETED_IN_PART`, `RETURN_NOT_COMPLETED`. Also `RETURN_TO_SENDER` (main
    /// group [`Exception`](Self::Exception)).
    Returns,
    /// Reports something without changing where the parcel is: `INFORMATION`,
    /// `POST_TRANSIT_STATUS`, `SUB_CONTRACTOR_EVENT`, `COD_AMOUNT_PAID`, `CLOSED_BY_SYSTEM`,
    /// `PARCEL_UPDATE_NOTIFICATION_VIA_SMS`, `PARCEL_UPDATE_NOTIFICATION_VIA_EMAIL`.
    Information,
    /// A code this version of the SDK does not know (an `Other` of the open enums).
    Unknown,
}

impl EventGroup {
    /// Whether an event of this group sets the parcel's status: every group except
    /// [`Information`](Self::Information) and [`Unknown`](Self::Unknown). See
    /// [`ParcelJourney::status_event`](crate::ParcelJourney::status_event).
    pub fn bears_status(self) -> bool {
        !matches!(self, EventGroup::Information | EventGroup::Unknown)
    }
}

impl EventCode {
    /// The code's main group; see [`EventGroup`] for the codes of each.
    pub fn group(&self) -> EventGroup {
        use EventCode as C;
        use EventGroup as G;
        match self {
            C::OrderAccepted
            | C::PaymentSuccessful
            | C::PersonalisationStarted
            | C::PersonalisationCompleted
            | C::AwaitingFulfilment
            | C::ReadyForPacking
            | C::AwaitingDespatch
            | C::NotYetReceivedByCarrier
            | C::ElecAdviceRecdByCarrier
            | C::CollectionRequested => G::PreTransit,
            C::Despatched
            | C::ReceivedByCarrier
            | C::RecdByCarrierNoElecAdvice
            | C::CollectionMade
            | C::InTransit
            | C::ReceivedLocalDeliveryDepot
            | C::HubScanOut
            | C::CustomsProcessing
            | C::CustomsCleared
            | C::CollectAtLocalPo
            | C::SubContractorReceived
            | C::OutForDelivery
            | C::CustomerCarded
            | C::DeliveredInPart
            | C::CustomerToCollectFromCarrier
            | C::DeliveryArrangedWithRecipient
            | C::ParcelRepacked
            | C::ParcelOverLabelled
            | C::AwaitingCollectionFromPickupPoint
            | C::AttemptedDelivery
            | C::AttemptedDelivery2nd
            | C::AttemptedDelivery3rd => G::InTransit,
            C::Delivered
            | C::DeliveredToPoBox
            | C::DeliveredDamaged
            | C::DeliveredToNeighbour
            | C::DeliveredSpecifiedSafePlace
            | C::DeliveredToLockerCollectionPoint
            | C::DeliveredToAlternativeDeliveryLocation
            | C::ParcelCollectedFromPickupPoint
            | C::ProofOfDelivery => G::Delivered,
            C::CollectionFailed
            | C::RoutingError
            | C::CarrierDelays
            | C::ParcelLost
            | C::DelayedNotCarrier
            | C::HeldByCustoms
            | C::ParcelDamaged
            | C::AddressQuery
            | C::HeldByCarrier
            | C::CustomerMoved
            | C::RefusedByCustomer
            | C::ReturnToSender
            | C::NotDelivered
            | C::NotDeliveredAddresseeDeceased
            | C::HazardousProhibited
            | C::Cancelled
            | C::Missorted
            | C::NoAccessToRecipientsAddress
            | C::CodAmountNotPaid
            | C::CustomerIdentificationFailed
            | C::InvalidMethodOfPayment
            | C::ParcelDisposed
            | C::IncorrectDeclaration
            | C::HeldByImportCustoms
            | C::HeldByExportCustoms
            | C::NotCollectedFromPickupPoint
            | C::HeldByCarrierForClearancePreProcessing
            | C::ParcelOutsideOfServiceCapability
            | C::CancelledBeforeDespatch
            | C::PaymentDeclined
            | C::OrderDeclined
            | C::PersonalisationIssue
            | C::DespatchDelayed
            | C::DespatchDelayedInPart => G::Exception,
            C::ReturnCreated
            | C::ReturnNeedsApproval
            | C::ReturnApproved
            | C::ReturnLabelCreated
            | C::ReturnCancelled
            | C::ReturnRejected
            | C::ReturnWindowExpired
            | C::ReturnReceived
            | C::ReturnCompleted
            | C::ReturnCompletedInPart
            | C::ReturnNotCompleted => G::Returns,
            C::Information
            | C::PostTransitStatus
            | C::SubContractorEvent
            | C::CodAmountPaid
            | C::ClosedBySystem
            | C::ParcelUpdateNotificationViaSms
            | C::ParcelUpdateNotificationViaEmail => G::Information,
            C::Other(_) => G::Unknown,
        }
    }

    /// Whether the code belongs to `group`: its [main group](Self::group), or the second
    /// group of `DELIVERED_DAMAGED` ([`EventGroup::Exception`]) and `RETURN_TO_SENDER`
    /// ([`EventGroup::Returns`]).
    pub fn is_in(&self, group: EventGroup) -> bool {
        self.group() == group
            || matches!(
                (self, group),
                (EventCode::DeliveredDamaged, EventGroup::Exception)
                    | (EventCode::ReturnToSender, EventGroup::Returns)
            )
    }

    /// Whether the code says the parcel was delivered: the codes of
    /// [`EventGroup::Delivered`].
    pub fn is_delivered(&self) -> bool {
        self.is_in(EventGroup::Delivered)
    }

    /// Whether the code reports a problem: the codes of [`EventGroup::Exception`], and
    /// `DELIVERED_DAMAGED`.
    pub fn is_exception(&self) -> bool {
        self.is_in(EventGroup::Exception)
    }

    /// Whether the docs list this code for delivery (pre-allocation) events only, not for
    /// delivery leg events.
    pub fn is_pre_allocation_only(&self) -> bool {
        PreAllocationEventCode::parse(self.as_str()).is_known()
            && !PostAllocationEventCode::parse(self.as_str()).is_known()
    }
}

impl PostAllocationEventCode {
    /// The code's main group; see [`EventGroup`] and [`EventCode::group`].
    pub fn group(&self) -> EventGroup {
        EventCode::parse(self.as_str()).group()
    }
}

impl PreAllocationEventCode {
    /// The code's main group; see [`EventGroup`] and [`EventCode::group`].
    pub fn group(&self) -> EventGroup {
        EventCode::parse(self.as_str()).group()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_code_has_a_known_group() {
        for code in EventCode::KNOWN {
            assert_ne!(code.group(), EventGroup::Unknown, "{code}");
            assert!(code.is_in(code.group()), "{code}");
        }
        assert_eq!(EventCode::parse("TELEPORTED").group(), EventGroup::Unknown);
        // Both lists of the requests map onto the same groups.
        for code in PostAllocationEventCode::KNOWN {
            assert_eq!(code.group(), EventCode::parse(code.as_str()).group());
        }
        assert_eq!(
            PreAllocationEventCode::PaymentDeclined.group(),
            EventGroup::Exception
        );
        assert_eq!(
            PostAllocationEventCode::ReturnReceived.group(),
            EventGroup::Returns
        );
    }

    #[test]
    fn groups_of_sample_codes() {
        let group = |code: &str| EventCode::parse(code).group();
        assert_eq!(group("ORDER_ACCEPTED"), EventGroup::PreTransit);
        assert_eq!(group("AWAITING_DESPATCH"), EventGroup::PreTransit);
        assert_eq!(group("DESPATCHED"), EventGroup::InTransit);
        assert_eq!(group("OUT_FOR_DELIVERY"), EventGroup::InTransit);
        assert_eq!(group("DELIVERED_IN_PART"), EventGroup::InTransit);
        assert_eq!(group("DELIVERED_TO_NEIGHBOUR"), EventGroup::Delivered);
        assert_eq!(group("PARCEL_LOST"), EventGroup::Exception);
        assert_eq!(group("RETURN_CREATED"), EventGroup::Returns);
        assert_eq!(group("INFORMATION"), EventGroup::Information);
        assert!(!EventGroup::Information.bears_status());
        assert!(!EventGroup::Unknown.bears_status());
        assert!(EventGroup::Returns.bears_status());
    }

    #[test]
    fn two_codes_belong_to_two_groups() {
        let damaged = EventCode::DeliveredDamaged;
        assert!(damaged.is_delivered() && damaged.is_exception());
        let to_sender = EventCode::ReturnToSender;
        assert!(to_sender.is_exception() && to_sender.is_in(EventGroup::Returns));
        assert!(!to_sender.is_delivered());
        let second_groups = EventCode::KNOWN
            .iter()
            .filter(|code| {
                [
                    EventGroup::PreTransit,
                    EventGroup::InTransit,
                    EventGroup::Delivered,
                    EventGroup::Exception,
                    EventGroup::Returns,
                    EventGroup::Information,
                ]
                .into_iter()
                .filter(|group| code.is_in(*group))
                .count()
                    > 1
            })
            .count();
        assert_eq!(second_groups, 2);
    }

    #[test]
    fn pre_allocation_only_codes() {
        assert!(EventCode::OrderAccepted.is_pre_allocation_only());
        assert!(EventCode::DespatchDelayed.is_pre_allocation_only());
        assert!(
            !EventCode::ReturnCreated.is_pre_allocation_only(),
            "in both lists"
        );
        assert!(!EventCode::Despatched.is_pre_allocation_only());
        assert!(!EventCode::parse("TELEPORTED").is_pre_allocation_only());
    }
}
