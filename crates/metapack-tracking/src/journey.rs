//! Helpers on parcel journeys and event codes.

use chrono::{DateTime, Utc};

use crate::EventGroup;
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

    /// The most recent event, by event date (of equally dated events, the last listed),
    /// whatever it says. For the event that sets the parcel's status, see
    /// [`status_event`](Self::status_event).
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

    /// The event that sets the parcel's status: the latest event, oldest-first as in
    /// [`events_in_order`](Self::events_in_order) (so of equally dated events the last
    /// listed), that bears status. An event does not bear status when
    ///
    /// - its code is informational or unknown ([`EventGroup::bears_status`]: `INFORMATION`,
    ///   `CLOSED_BY_SYSTEM`, SMS and e-mail notifications, codes this SDK does not know), or
    /// - it is a [pre-allocation event](JourneyEvent::is_pre_allocation) and the status is
    ///   already [delivered](EventGroup::Delivered): a seller's delivery event (a late
    ///   `DESPATCH_DELAYED`, a `RETURN_CREATED`) cannot undo a carrier's delivery.
    ///
    /// Delivery leg events always bear status (except informational ones), so a carrier's
    /// `RETURN_RECEIVED` after `DELIVERED` does change it. [`latest_event`](Self::latest_event)
    /// still gives the latest event of any kind.
    pub fn status_event(&self) -> Option<&JourneyEvent> {
        let mut status: Option<&JourneyEvent> = None;
        for event in self.events_in_order() {
            let Some(code) = &event.event_code else {
                continue;
            };
            let delivered = status
                .and_then(|e| e.event_code.as_ref())
                .is_some_and(EventCode::is_delivered);
            if code.group().bears_status() && !(delivered && event.is_pre_allocation()) {
                status = Some(event);
            }
        }
        status
    }

    /// The main group of the [status event](Self::status_event)'s code, e.g.
    /// [`EventGroup::InTransit`].
    pub fn status(&self) -> Option<EventGroup> {
        self.status_event()?
            .event_code
            .as_ref()
            .map(EventCode::group)
    }

    /// The latest event whose code belongs to `group` ([`EventCode::is_in`]), e.g. the latest
    /// [`EventGroup::Returns`] event after a delivery.
    pub fn latest_event_in(&self, group: EventGroup) -> Option<&JourneyEvent> {
        self.events_in_order()
            .into_iter()
            .rev()
            .find(|e| e.event_code.as_ref().is_some_and(|c| c.is_in(group)))
    }

    /// Whether the [status event](Self::status_event) says the parcel was delivered: its
    /// code is one of [`EventGroup::Delivered`] (`DELIVERED`, `DELIVERED_TO_NEIGHBOUR`,
    /// `DELIVERED_SPECIFIED_SAFE_PLACE`, `PARCEL_COLLECTED_FROM_PICKUP_POINT`, ... but not
    /// `DELIVERED_IN_PART`). Informational and pre-allocation events after it do not undo it.
    pub fn is_delivered(&self) -> bool {
        self.status_event()
            .and_then(|e| e.event_code.as_ref())
            .is_some_and(EventCode::is_delivered)
    }

    /// Whether the [status event](Self::status_event) reports a problem: its code is one of
    /// [`EventGroup::Exception`] (failed, delayed, held, lost, damaged, refused, declined or
    /// cancelled), or `DELIVERED_DAMAGED`.
    pub fn is_exception(&self) -> bool {
        self.status_event()
            .and_then(|e| e.event_code.as_ref())
            .is_some_and(EventCode::is_exception)
    }
}

impl JourneyEvent {
    /// Whether the event was published for a delivery (pre-allocation) rather than for a
    /// parcel's delivery leg: it names a `deliveryRef` and no `trackingIdentifier`, or it
    /// names neither and its code is documented only for delivery events (`ORDER_ACCEPTED`,
    /// `PAYMENT_DECLINED`, ...). Inferred: the docs do not show the journey event's shape.
    pub fn is_pre_allocation(&self) -> bool {
        let given = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        if given(&self.tracking_identifier) {
            return false;
        }
        given(&self.delivery_ref)
            || self
                .event_code
                .as_ref()
                .is_some_and(EventCode::is_pre_allocation_only)
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

    fn event(code: &str, d: u32, tracking: Option<&str>, delivery: Option<&str>) -> JourneyEvent {
        JourneyEvent {
            event_code: Some(EventCode::parse(code)),
            event_date: Some(day(d)),
            tracking_identifier: tracking.map(Into::into),
            delivery_ref: delivery.map(Into::into),
            ..JourneyEvent::default()
        }
    }

    fn journey(events: Vec<JourneyEvent>) -> ParcelJourney {
        ParcelJourney {
            events: Some(events),
            ..ParcelJourney::default()
        }
    }

    #[test]
    fn a_later_pre_allocation_event_does_not_undo_a_delivery() {
        let leg = |code, d| event(code, d, Some("T-1"), None);
        let seller = |code, d| event(code, d, None, Some("DEL-1"));
        let delivered = journey(vec![
            seller("ORDER_ACCEPTED", 1),
            leg("OUT_FOR_DELIVERY", 2),
            leg("DELIVERED", 3),
            // A code posted as a delivery event after the delivery, even a post-allocation
            // one sent with the unlisted opt-in.
            seller("DESPATCHED", 4),
            seller("DESPATCH_DELAYED", 5),
            seller("RETURN_CREATED", 6),
        ]);
        assert_eq!(
            delivered.latest_event_code(),
            Some(&EventCode::ReturnCreated)
        );
        assert!(delivered.is_delivered());
        assert!(!delivered.is_exception());
        assert_eq!(delivered.status(), Some(EventGroup::Delivered));
        assert_eq!(
            delivered.status_event().and_then(|e| e.event_date),
            Some(day(3))
        );
        assert_eq!(
            delivered
                .latest_event_in(EventGroup::Returns)
                .and_then(|e| e.event_date),
            Some(day(6))
        );

        // Without leg or delivery reference, a code only documented for delivery events
        // still reads as pre-allocation.
        let unlabelled = journey(vec![
            leg("DELIVERED", 3),
            event("PAYMENT_DECLINED", 4, None, None),
        ]);
        assert!(unlabelled.is_delivered());

        // A carrier's leg event after the delivery does change the status.
        let returned = journey(vec![leg("DELIVERED", 3), leg("RETURN_RECEIVED", 4)]);
        assert!(!returned.is_delivered());
        assert_eq!(returned.status(), Some(EventGroup::Returns));
    }

    #[test]
    fn informational_and_unknown_events_do_not_set_the_status() {
        let leg = |code, d| event(code, d, Some("T-1"), None);
        let lost = journey(vec![
            leg("PARCEL_LOST", 2),
            leg("INFORMATION", 3),
            leg("PARCEL_UPDATE_NOTIFICATION_VIA_EMAIL", 4),
            leg("TELEPORTED", 5),
        ]);
        assert!(lost.is_exception());
        assert_eq!(lost.status(), Some(EventGroup::Exception));
        assert_eq!(
            lost.latest_event_code(),
            Some(&EventCode::parse("TELEPORTED"))
        );

        // Before any delivery, pre-allocation events set the status.
        let declined = journey(vec![
            event("ORDER_ACCEPTED", 1, None, Some("DEL-1")),
            event("PAYMENT_DECLINED", 2, None, Some("DEL-1")),
        ]);
        assert!(declined.is_exception());
        assert!(!declined.is_delivered());
        assert_eq!(ParcelJourney::default().status(), None);
    }

    #[test]
    fn a_delivery_damaged_is_delivered_and_an_exception() {
        let damaged = journey(vec![event("DELIVERED_DAMAGED", 1, Some("T"), None)]);
        assert!(damaged.is_delivered() && damaged.is_exception());
        assert_eq!(damaged.status(), Some(EventGroup::Delivered));
    }
}
