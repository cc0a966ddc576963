//! The Tracking API's in-memory store, and the assembly of parcel journeys from it.
//!
//! # Journey assembly
//!
//! * One journey per parcel. Delivery legs sharing a `parcel.parcelRef` are one parcel; a leg
//!   without a parcel reference is a parcel of its own.
//! * A leg links to the deliveries with its `deliveryRef` (when both carry an
//!   `order.orderRef`, those must be equal too). A delivery no leg links to is a journey of its
//!   own: the tracking experience before a tracking identifier exists.
//! * A journey's events are the delivery events of its delivery references and the leg events
//!   of its tracking identifiers, sorted by `eventDate` (ties keep their arrival order).
//! * `recipient`, `sender`, `collection` and `delivery` come from the most recently created
//!   leg that has them, else from the most recently created delivery that has them. `order`
//!   is merged field by field with the same precedence (legs over deliveries, later over
//!   earlier), `order.customer` too.
//! * Journeys come out in order of first creation: by the earliest-created delivery or leg
//!   they contain.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use metapack_tracking::types::{
    Customer, Delivery, DeliveryEvent, DeliveryLeg, DeliveryLegEvent, EventCode, JourneyDelivery,
    JourneyDeliveryLeg, JourneyEvent, Order, ParcelJourney,
};

use crate::server::given;

/// A stored value and its creation sequence number (kept across upserts).
#[derive(Debug)]
struct Entry<T> {
    seq: u64,
    value: T,
}

/// Everything published to the Tracking API, in creation order.
#[derive(Debug, Default)]
pub(crate) struct TrackingStore {
    next_seq: u64,
    deliveries: Vec<Entry<Delivery>>,
    delivery_events: Vec<Entry<DeliveryEvent>>,
    legs: Vec<Entry<DeliveryLeg>>,
    leg_events: Vec<Entry<DeliveryLegEvent>>,
}

/// The filters of a journey lookup; every given filter must match (case-sensitive).
#[derive(Debug, Default)]
pub(crate) struct JourneyFilter<'a> {
    /// `order.orderRef` equals this.
    pub(crate) order_ref: Option<&'a str>,
    /// The journey has a delivery leg with this tracking identifier.
    pub(crate) tracking_identifier: Option<&'a str>,
    /// `order.customer.customerRef` equals this.
    pub(crate) customer_ref: Option<&'a str>,
    /// `order.customer.email` equals this.
    pub(crate) email: Option<&'a str>,
    /// `recipient.postCode` equals this.
    pub(crate) postcode: Option<&'a str>,
}

fn delivery_order_ref(delivery: &Delivery) -> Option<&str> {
    given(delivery.order.as_ref().and_then(|o| o.order_ref.as_deref()))
}

fn leg_order_ref(leg: &DeliveryLeg) -> Option<&str> {
    given(leg.order.as_ref().and_then(|o| o.order_ref.as_deref()))
}

fn leg_parcel_ref(leg: &DeliveryLeg) -> Option<&str> {
    given(leg.parcel.as_ref().and_then(|p| p.parcel_ref.as_deref()))
}

/// Whether `leg` belongs with `delivery`: same deliveryRef, and the same orderRef when both
/// have one.
fn links(leg: &DeliveryLeg, delivery: &Delivery) -> bool {
    if leg.delivery_ref.as_deref() != Some(delivery.delivery_ref.as_str()) {
        return false;
    }
    match (leg_order_ref(leg), delivery_order_ref(delivery)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

impl TrackingStore {
    fn seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// Creates or replaces the delivery keyed by deliveryRef (plus orderRef when given).
    pub(crate) fn upsert_delivery(&mut self, delivery: Delivery) {
        let existing = self.deliveries.iter_mut().find(|entry| {
            entry.value.delivery_ref == delivery.delivery_ref
                && delivery_order_ref(&entry.value) == delivery_order_ref(&delivery)
        });
        match existing {
            Some(entry) => entry.value = delivery,
            None => {
                let seq = self.seq();
                self.deliveries.push(Entry {
                    seq,
                    value: delivery,
                });
            }
        }
    }

    /// Appends a delivery event.
    pub(crate) fn add_delivery_event(&mut self, event: DeliveryEvent) {
        let seq = self.seq();
        self.delivery_events.push(Entry { seq, value: event });
    }

    /// Creates or replaces the leg keyed by trackingIdentifier (plus parcelRef when given).
    pub(crate) fn upsert_leg(&mut self, leg: DeliveryLeg) {
        let existing = self.legs.iter_mut().find(|entry| {
            entry.value.tracking_identifier == leg.tracking_identifier
                && leg_parcel_ref(&entry.value) == leg_parcel_ref(&leg)
        });
        match existing {
            Some(entry) => entry.value = leg,
            None => {
                let seq = self.seq();
                self.legs.push(Entry { seq, value: leg });
            }
        }
    }

    /// Appends a delivery leg event.
    pub(crate) fn add_leg_event(&mut self, event: DeliveryLegEvent) {
        let seq = self.seq();
        self.leg_events.push(Entry { seq, value: event });
    }

    /// Removes every leg with this tracking identifier, and the identifier's events (it will
    /// never be tracked); returns how many legs were removed.
    pub(crate) fn delete_legs(&mut self, tracking_identifier: &str) -> usize {
        let before = self.legs.len();
        self.legs
            .retain(|entry| entry.value.tracking_identifier != tracking_identifier);
        self.leg_events
            .retain(|entry| entry.value.tracking_identifier != tracking_identifier);
        before - self.legs.len()
    }

    /// The parcel journeys matching `filter`, in order of first creation.
    pub(crate) fn journeys(&self, filter: &JourneyFilter<'_>) -> Vec<ParcelJourney> {
        self.parcels()
            .into_iter()
            .map(|parcel| self.assemble(&parcel))
            .filter(|journey| matches(journey, filter))
            .collect()
    }

    /// Groups the legs into parcels and links deliveries to them; unlinked deliveries become
    /// parcels of their own. Sorted by first creation.
    fn parcels(&self) -> Vec<Parcel<'_>> {
        let mut groups: Vec<Vec<&Entry<DeliveryLeg>>> = Vec::new();
        let mut by_parcel_ref: HashMap<&str, usize> = HashMap::new();
        for leg in &self.legs {
            match leg_parcel_ref(&leg.value) {
                Some(parcel_ref) => match by_parcel_ref.get(parcel_ref) {
                    Some(&index) => groups[index].push(leg),
                    None => {
                        by_parcel_ref.insert(parcel_ref, groups.len());
                        groups.push(vec![leg]);
                    }
                },
                None => groups.push(vec![leg]),
            }
        }

        let mut linked = vec![false; self.deliveries.len()];
        let mut parcels = Vec::with_capacity(groups.len());
        for legs in groups {
            let mut deliveries = Vec::new();
            for (index, delivery) in self.deliveries.iter().enumerate() {
                if legs.iter().any(|leg| links(&leg.value, &delivery.value)) {
                    linked[index] = true;
                    deliveries.push(delivery);
                }
            }
            let first_leg = legs.iter().map(|leg| leg.seq).min().unwrap_or(u64::MAX);
            let first = deliveries
                .iter()
                .map(|d| d.seq)
                .min()
                .unwrap_or(u64::MAX)
                .min(first_leg);
            parcels.push(Parcel {
                order_key: (first, first_leg),
                legs,
                deliveries,
            });
        }
        for (delivery, linked) in self.deliveries.iter().zip(linked) {
            if !linked {
                parcels.push(Parcel {
                    order_key: (delivery.seq, delivery.seq),
                    legs: Vec::new(),
                    deliveries: vec![delivery],
                });
            }
        }
        parcels.sort_by_key(|parcel| parcel.order_key);
        parcels
    }

    /// Builds the journey of one parcel.
    fn assemble(&self, parcel: &Parcel<'_>) -> ParcelJourney {
        let legs: Vec<&DeliveryLeg> = parcel.legs.iter().map(|e| &e.value).collect();
        let deliveries: Vec<&Delivery> = parcel.deliveries.iter().map(|e| &e.value).collect();

        let delivery_refs: BTreeSet<&str> = legs
            .iter()
            .filter_map(|leg| given(leg.delivery_ref.as_deref()))
            .chain(deliveries.iter().map(|d| d.delivery_ref.as_str()))
            .collect();
        let tracking_identifiers: BTreeSet<&str> = legs
            .iter()
            .map(|leg| leg.tracking_identifier.as_str())
            .collect();

        let mut events: Vec<(DateTime<Utc>, u64, JourneyEvent)> = Vec::new();
        for entry in &self.delivery_events {
            let event = &entry.value;
            if delivery_refs.contains(event.delivery_ref.as_str()) {
                let code = EventCode::parse(event.event_code.as_str());
                events.push((
                    event.event_date,
                    entry.seq,
                    JourneyEvent {
                        delivery_ref: Some(event.delivery_ref.clone()),
                        description: Some(describe(&code)),
                        event_code: Some(code),
                        event_date: Some(event.event_date),
                        event_location: event.event_location.clone(),
                        event_source: event.event_source.clone(),
                        event_time_zone: Some(event.event_time_zone.clone()),
                        tracking_identifier: None,
                    },
                ));
            }
        }
        for entry in &self.leg_events {
            let event = &entry.value;
            if tracking_identifiers.contains(event.tracking_identifier.as_str()) {
                let code = EventCode::parse(event.event_code.as_str());
                events.push((
                    event.event_date,
                    entry.seq,
                    JourneyEvent {
                        delivery_ref: None,
                        description: Some(describe(&code)),
                        event_code: Some(code),
                        event_date: Some(event.event_date),
                        event_location: event.event_location.clone(),
                        event_source: event.event_source.clone(),
                        event_time_zone: Some(event.event_time_zone.clone()),
                        tracking_identifier: Some(event.tracking_identifier.clone()),
                    },
                ));
            }
        }
        events.sort_by_key(|(date, seq, _)| (*date, *seq));

        let recipient = latest(
            &legs,
            &deliveries,
            |l| l.recipient.as_ref(),
            |d| d.recipient.as_ref(),
        );
        let sender = latest(
            &legs,
            &deliveries,
            |l| l.sender.as_ref(),
            |d| d.sender.as_ref(),
        );
        let collection = latest(
            &legs,
            &deliveries,
            |l| l.collection.as_ref(),
            |d| d.collection.as_ref(),
        );
        let delivery = latest(
            &legs,
            &deliveries,
            |l| l.delivery.as_ref(),
            |d| d.delivery.as_ref(),
        );
        let delivery_ref = legs
            .iter()
            .rev()
            .find_map(|leg| given(leg.delivery_ref.as_deref()))
            .or_else(|| deliveries.last().map(|d| d.delivery_ref.as_str()))
            .map(str::to_owned);
        let orders = deliveries
            .iter()
            .filter_map(|d| d.order.as_ref())
            .chain(legs.iter().filter_map(|l| l.order.as_ref()));
        let order = merge_orders(orders);

        ParcelJourney {
            collection,
            deliveries: Some(deliveries.iter().map(|d| journey_delivery(d)).collect()),
            delivery,
            delivery_legs: Some(legs.iter().map(|l| journey_leg(l)).collect()),
            delivery_ref,
            events: Some(events.into_iter().map(|(_, _, event)| event).collect()),
            order,
            recipient,
            sender,
        }
    }
}

/// The legs and deliveries of one parcel, with the key ordering journeys by first creation.
struct Parcel<'a> {
    order_key: (u64, u64),
    legs: Vec<&'a Entry<DeliveryLeg>>,
    deliveries: Vec<&'a Entry<Delivery>>,
}

/// The value from the most recently created leg that has it, else from the most recently
/// created delivery that has it.
fn latest<'a, T: Clone + 'a>(
    legs: &[&'a DeliveryLeg],
    deliveries: &[&'a Delivery],
    from_leg: impl Fn(&'a DeliveryLeg) -> Option<&'a T>,
    from_delivery: impl Fn(&'a Delivery) -> Option<&'a T>,
) -> Option<T> {
    legs.iter()
        .rev()
        .find_map(|leg| from_leg(leg))
        .or_else(|| deliveries.iter().rev().find_map(|d| from_delivery(d)))
        .cloned()
}

/// Whether `journey` passes every filter given.
fn matches(journey: &ParcelJourney, filter: &JourneyFilter<'_>) -> bool {
    let order = journey.order.as_ref();
    let customer = order.and_then(|o| o.customer.as_ref());
    let equals =
        |wanted: Option<&str>, actual: Option<&str>| wanted.is_none_or(|w| actual == Some(w));
    equals(filter.order_ref, order.and_then(|o| o.order_ref.as_deref()))
        && equals(
            filter.customer_ref,
            customer.and_then(|c| c.customer_ref.as_deref()),
        )
        && equals(filter.email, customer.and_then(|c| c.email.as_deref()))
        && equals(
            filter.postcode,
            journey
                .recipient
                .as_ref()
                .and_then(|r| r.post_code.as_deref()),
        )
        && filter.tracking_identifier.is_none_or(|wanted| {
            journey
                .delivery_legs
                .iter()
                .flatten()
                .any(|leg| leg.tracking_identifier.as_deref() == Some(wanted))
        })
}

/// Merges orders field by field, later ones taking precedence; `None` when there are none.
fn merge_orders<'a>(orders: impl Iterator<Item = &'a Order>) -> Option<Order> {
    let mut merged: Option<Order> = None;
    for order in orders {
        let target = merged.get_or_insert_with(Order::default);
        overlay(&mut target.order_ref, &order.order_ref);
        overlay(&mut target.order_date, &order.order_date);
        overlay(&mut target.marketplace, &order.marketplace);
        overlay(&mut target.billing_address, &order.billing_address);
        overlay(&mut target.products, &order.products);
        if let Some(customer) = &order.customer {
            let into = target.customer.get_or_insert_with(Customer::default);
            overlay(&mut into.customer_ref, &customer.customer_ref);
            overlay(&mut into.customer_segment, &customer.customer_segment);
            overlay(&mut into.email, &customer.email);
            overlay(&mut into.name, &customer.name);
            overlay(&mut into.phone, &customer.phone);
        }
    }
    merged
}

/// Replaces `target` with `source` when `source` is present.
fn overlay<T: Clone>(target: &mut Option<T>, source: &Option<T>) {
    if source.is_some() {
        target.clone_from(source);
    }
}

fn journey_delivery(delivery: &Delivery) -> JourneyDelivery {
    JourneyDelivery {
        collection: delivery.collection.clone(),
        delivery: delivery.delivery.clone(),
        delivery_ref: Some(delivery.delivery_ref.clone()),
        order: delivery.order.clone(),
        recipient: delivery.recipient.clone(),
        sender: delivery.sender.clone(),
    }
}

fn journey_leg(leg: &DeliveryLeg) -> JourneyDeliveryLeg {
    JourneyDeliveryLeg {
        carrier_code: leg.carrier_code.clone(),
        carrier_display_name: leg.carrier_display_name.clone(),
        carrier_service_code: leg.carrier_service_code.clone(),
        carrier_tracking_url: leg.carrier_tracking_url.clone(),
        collection: leg.collection.clone(),
        delivery: leg.delivery.clone(),
        delivery_ref: leg.delivery_ref.clone(),
        final_delivery_leg: leg.final_delivery_leg,
        order: leg.order.clone(),
        parcel: leg.parcel.clone(),
        recipient: leg.recipient.clone(),
        sender: leg.sender.clone(),
        tracking_identifier: Some(leg.tracking_identifier.clone()),
    }
}

/// English text for an event code: `OUT_FOR_DELIVERY` → `Out for delivery`.
fn describe(code: &EventCode) -> String {
    let words = code.as_str().replace('_', " ").to_lowercase();
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leg(json: serde_json::Value) -> DeliveryLeg {
        serde_json::from_value(json).expect("valid leg")
    }

    fn delivery(json: serde_json::Value) -> Delivery {
        serde_json::from_value(json).expect("valid delivery")
    }

    fn all(store: &TrackingStore) -> Vec<ParcelJourney> {
        store.journeys(&JourneyFilter::default())
    }

    #[test]
    fn legs_sharing_a_parcel_ref_form_one_journey() {
        let mut store = TrackingStore::default();
        store.upsert_leg(leg(
            serde_json::json!({"trackingIdentifier": "A", "parcel": {"parcelRef": "P"}}),
        ));
        store.upsert_leg(leg(
            serde_json::json!({"trackingIdentifier": "B", "parcel": {"parcelRef": "P"}}),
        ));
        store.upsert_leg(leg(serde_json::json!({"trackingIdentifier": "C"})));
        store.upsert_leg(leg(serde_json::json!({"trackingIdentifier": "D"})));
        let journeys = all(&store);
        assert_eq!(journeys.len(), 3);
        assert_eq!(journeys[0].delivery_legs.as_ref().map(Vec::len), Some(2));
    }

    #[test]
    fn a_delivery_without_legs_is_its_own_journey_and_orders_merge() {
        let mut store = TrackingStore::default();
        store.upsert_delivery(delivery(serde_json::json!({
            "deliveryRef": "D1",
            "order": {"orderRef": "O1", "customer": {"customerRef": "C1", "email": "a@b.c"}}
        })));
        store.upsert_delivery(delivery(serde_json::json!({"deliveryRef": "D2"})));
        store.upsert_leg(leg(serde_json::json!({
            "trackingIdentifier": "T1", "deliveryRef": "D1", "order": {"customer": {"name": "Ann"}}
        })));
        let journeys = all(&store);
        assert_eq!(journeys.len(), 2);
        let order = journeys[0].order.clone().unwrap_or_default();
        assert_eq!(order.order_ref.as_deref(), Some("O1"));
        let customer = order.customer.unwrap_or_default();
        assert_eq!(customer.customer_ref.as_deref(), Some("C1"));
        assert_eq!(customer.name.as_deref(), Some("Ann"));
        assert_eq!(journeys[1].delivery_ref.as_deref(), Some("D2"));
        assert_eq!(journeys[1].delivery_legs.as_ref().map(Vec::len), Some(0));
    }

    #[test]
    fn describes_codes() {
        assert_eq!(
            describe(&EventCode::parse("OUT_FOR_DELIVERY")),
            "Out for delivery"
        );
    }
}
