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
//! * Scheduled events (a scenario's script, or a simulated event dated in the future) stay
//!   hidden until the sandbox clock passes their date.
//!
//! # Indexes
//!
//! Lookups by tracking identifier and by order reference start from indexes (tracking
//! identifier, parcel reference, delivery reference and order reference to entries; events
//! by tracking identifier and by delivery reference) and assemble only the journeys they
//! reach, so their cost does not grow with the number of stored journeys. Index entries are
//! only added (an upsert that changes a reference leaves a stale entry), so every candidate
//! is checked against the full filter. Searches by customer reference, email or postcode
//! alone read every journey.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use metapack_tracking::types::{
    Customer, Delivery, DeliveryEvent, DeliveryLeg, DeliveryLegEvent, EventCode, JourneyDelivery,
    JourneyDeliveryLeg, JourneyEvent, Order, ParcelJourney,
};

use crate::server::given;
use crate::world::clock::Clock;

/// A stored value and its creation sequence number (kept across upserts).
#[derive(Debug)]
struct Entry<T> {
    seq: u64,
    value: T,
}

/// A stored delivery leg event; a scheduled one is hidden until the clock passes its date.
#[derive(Debug)]
struct LegEventEntry {
    seq: u64,
    scheduled: bool,
    value: DeliveryLegEvent,
}

/// Keys to positions, each position once.
type Index = HashMap<String, Vec<usize>>;

/// Records `position` under `key`.
fn index(map: &mut Index, key: Option<&str>, position: usize) {
    if let Some(key) = key {
        let positions = map.entry(key.to_owned()).or_default();
        if !positions.contains(&position) {
            positions.push(position);
        }
    }
}

/// Everything published to the Tracking API (and by the sandbox's world), with indexes.
#[derive(Debug, Default)]
pub(crate) struct TrackingStore {
    next_seq: u64,
    clock: Clock,
    /// Deliveries in creation order (never removed).
    deliveries: Vec<Entry<Delivery>>,
    deliveries_by_ref: Index,
    deliveries_by_order: Index,
    /// Delivery events by delivery reference.
    delivery_events: HashMap<String, Vec<Entry<DeliveryEvent>>>,
    /// Legs in creation order; `None` once deleted.
    legs: Vec<Option<Entry<DeliveryLeg>>>,
    legs_by_tracking: Index,
    legs_by_parcel_ref: Index,
    legs_by_delivery_ref: Index,
    legs_by_order: Index,
    /// Leg events by tracking identifier.
    leg_events: HashMap<String, Vec<LegEventEntry>>,
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

/// What makes legs one parcel: a shared parcel reference, else the leg itself; a delivery no
/// leg links to is a parcel of its own.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ParcelKey {
    ParcelRef(String),
    Leg(usize),
    Delivery(usize),
}

impl TrackingStore {
    /// An empty store whose scheduled events appear by `clock`.
    pub(crate) fn with_clock(clock: Clock) -> Self {
        Self {
            clock,
            ..Self::default()
        }
    }

    fn seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// The live leg at `position`.
    fn leg(&self, position: usize) -> Option<&Entry<DeliveryLeg>> {
        self.legs.get(position).and_then(Option::as_ref)
    }

    /// Creates or replaces the delivery keyed by deliveryRef (plus orderRef when given).
    pub(crate) fn upsert_delivery(&mut self, delivery: Delivery) {
        let existing = self
            .deliveries_by_ref
            .get(&delivery.delivery_ref)
            .into_iter()
            .flatten()
            .copied()
            .find(|&i| {
                self.deliveries.get(i).is_some_and(|entry| {
                    delivery_order_ref(&entry.value) == delivery_order_ref(&delivery)
                })
            });
        let position = match existing {
            Some(position) => {
                if let Some(entry) = self.deliveries.get_mut(position) {
                    entry.value = delivery;
                }
                position
            }
            None => {
                let seq = self.seq();
                self.deliveries.push(Entry {
                    seq,
                    value: delivery,
                });
                self.deliveries.len() - 1
            }
        };
        if let Some(entry) = self.deliveries.get(position) {
            let delivery = &entry.value;
            index(
                &mut self.deliveries_by_ref,
                Some(&delivery.delivery_ref),
                position,
            );
            index(
                &mut self.deliveries_by_order,
                delivery_order_ref(delivery),
                position,
            );
        }
    }

    /// Appends a delivery event.
    pub(crate) fn add_delivery_event(&mut self, event: DeliveryEvent) {
        let seq = self.seq();
        self.delivery_events
            .entry(event.delivery_ref.clone())
            .or_default()
            .push(Entry { seq, value: event });
    }

    /// Creates or replaces the leg keyed by trackingIdentifier (plus parcelRef when given).
    pub(crate) fn upsert_leg(&mut self, leg: DeliveryLeg) {
        let existing = self
            .legs_by_tracking
            .get(&leg.tracking_identifier)
            .into_iter()
            .flatten()
            .copied()
            .find(|&i| {
                self.leg(i).is_some_and(|entry| {
                    entry.value.tracking_identifier == leg.tracking_identifier
                        && leg_parcel_ref(&entry.value) == leg_parcel_ref(&leg)
                })
            });
        let position = match existing {
            Some(position) => {
                if let Some(Some(entry)) = self.legs.get_mut(position) {
                    entry.value = leg;
                }
                position
            }
            None => {
                let seq = self.seq();
                self.legs.push(Some(Entry { seq, value: leg }));
                self.legs.len() - 1
            }
        };
        if let Some(Some(entry)) = self.legs.get(position) {
            let leg = &entry.value;
            index(
                &mut self.legs_by_tracking,
                Some(&leg.tracking_identifier),
                position,
            );
            index(&mut self.legs_by_parcel_ref, leg_parcel_ref(leg), position);
            index(
                &mut self.legs_by_delivery_ref,
                given(leg.delivery_ref.as_deref()),
                position,
            );
            index(&mut self.legs_by_order, leg_order_ref(leg), position);
        }
    }

    /// Appends a delivery leg event.
    pub(crate) fn add_leg_event(&mut self, event: DeliveryLegEvent) {
        self.push_leg_event(event, false);
    }

    /// Appends a delivery leg event that stays hidden until the clock passes its date.
    pub(crate) fn schedule_leg_event(&mut self, event: DeliveryLegEvent) {
        self.push_leg_event(event, true);
    }

    fn push_leg_event(&mut self, event: DeliveryLegEvent, scheduled: bool) {
        let seq = self.seq();
        self.leg_events
            .entry(event.tracking_identifier.clone())
            .or_default()
            .push(LegEventEntry {
                seq,
                scheduled,
                value: event,
            });
    }

    /// Drops the scheduled events of this tracking identifier that are not yet due.
    pub(crate) fn cancel_scheduled(&mut self, tracking_identifier: &str) {
        let now = self.clock.now();
        if let Some(events) = self.leg_events.get_mut(tracking_identifier) {
            events.retain(|entry| !entry.scheduled || entry.value.event_date <= now);
        }
    }

    /// Whether a delivery leg with this tracking identifier exists.
    pub(crate) fn has_leg(&self, tracking_identifier: &str) -> bool {
        self.legs_by_tracking
            .get(tracking_identifier)
            .into_iter()
            .flatten()
            .any(|&i| {
                self.leg(i)
                    .is_some_and(|e| e.value.tracking_identifier == tracking_identifier)
            })
    }

    /// The tracking identifiers of the live legs with this delivery reference.
    pub(crate) fn tracking_identifiers_of_delivery(&self, delivery_ref: &str) -> Vec<String> {
        self.legs_by_delivery_ref
            .get(delivery_ref)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.leg(i))
            .filter(|e| e.value.delivery_ref.as_deref() == Some(delivery_ref))
            .map(|e| e.value.tracking_identifier.clone())
            .collect()
    }

    /// Removes every leg with this tracking identifier, and the identifier's events (it will
    /// never be tracked); returns how many legs were removed.
    pub(crate) fn delete_legs(&mut self, tracking_identifier: &str) -> usize {
        let positions = self
            .legs_by_tracking
            .remove(tracking_identifier)
            .unwrap_or_default();
        let mut removed = 0;
        for position in positions {
            if let Some(slot) = self.legs.get_mut(position)
                && slot
                    .as_ref()
                    .is_some_and(|e| e.value.tracking_identifier == tracking_identifier)
            {
                *slot = None;
                removed += 1;
            }
        }
        self.leg_events.remove(tracking_identifier);
        removed
    }

    /// The parcel journeys matching `filter`, in order of first creation.
    pub(crate) fn journeys(&self, filter: &JourneyFilter<'_>) -> Vec<ParcelJourney> {
        let now = self.clock.now();
        let mut parcels = self.parcels(filter);
        parcels.sort_by_key(|parcel| parcel.order_key);
        parcels
            .into_iter()
            .map(|parcel| self.assemble(&parcel, now))
            .filter(|journey| matches(journey, filter))
            .collect()
    }

    /// The parcels `filter` may match: reached through the indexes when it names a tracking
    /// identifier or an order reference, else every parcel.
    fn parcels(&self, filter: &JourneyFilter<'_>) -> Vec<Parcel<'_>> {
        let (legs, deliveries): (Vec<usize>, Vec<usize>) =
            if let Some(tracking) = filter.tracking_identifier {
                (lookup(&self.legs_by_tracking, tracking), Vec::new())
            } else if let Some(order_ref) = filter.order_ref {
                (
                    lookup(&self.legs_by_order, order_ref),
                    lookup(&self.deliveries_by_order, order_ref),
                )
            } else {
                (
                    (0..self.legs.len()).collect(),
                    (0..self.deliveries.len()).collect(),
                )
            };
        let mut keys: Vec<ParcelKey> = Vec::new();
        let mut seen: std::collections::HashSet<ParcelKey> = std::collections::HashSet::new();
        let mut add = |key: ParcelKey, keys: &mut Vec<ParcelKey>| {
            if seen.insert(key.clone()) {
                keys.push(key);
            }
        };
        for position in legs {
            if let Some(entry) = self.leg(position) {
                add(self.parcel_key(position, &entry.value), &mut keys);
            }
        }
        for position in deliveries {
            let Some(delivery) = self.deliveries.get(position) else {
                continue;
            };
            let linking = self.linking_legs(&delivery.value);
            if linking.is_empty() {
                add(ParcelKey::Delivery(position), &mut keys);
            }
            for leg in linking {
                if let Some(entry) = self.leg(leg) {
                    add(self.parcel_key(leg, &entry.value), &mut keys);
                }
            }
        }
        keys.into_iter()
            .filter_map(|key| self.parcel(&key))
            .collect()
    }

    fn parcel_key(&self, position: usize, leg: &DeliveryLeg) -> ParcelKey {
        match leg_parcel_ref(leg) {
            Some(parcel_ref) => ParcelKey::ParcelRef(parcel_ref.to_owned()),
            None => ParcelKey::Leg(position),
        }
    }

    /// The live legs linking to `delivery`, in creation order.
    fn linking_legs(&self, delivery: &Delivery) -> Vec<usize> {
        let mut legs: Vec<usize> = self
            .legs_by_delivery_ref
            .get(&delivery.delivery_ref)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| self.leg(i).is_some_and(|e| links(&e.value, delivery)))
            .collect();
        legs.sort_unstable();
        legs
    }

    /// The legs and deliveries of one parcel.
    fn parcel(&self, key: &ParcelKey) -> Option<Parcel<'_>> {
        let legs: Vec<&Entry<DeliveryLeg>> = match key {
            ParcelKey::Delivery(position) => {
                let delivery = self.deliveries.get(*position)?;
                return Some(Parcel {
                    order_key: (delivery.seq, delivery.seq),
                    legs: Vec::new(),
                    deliveries: vec![delivery],
                });
            }
            ParcelKey::Leg(position) => vec![self.leg(*position)?],
            ParcelKey::ParcelRef(parcel_ref) => {
                let mut positions = lookup(&self.legs_by_parcel_ref, parcel_ref);
                positions.sort_unstable();
                positions
                    .into_iter()
                    .filter_map(|i| self.leg(i))
                    .filter(|e| leg_parcel_ref(&e.value) == Some(parcel_ref.as_str()))
                    .collect()
            }
        };
        if legs.is_empty() {
            return None;
        }
        let mut positions: Vec<usize> = Vec::new();
        for leg in &legs {
            let Some(delivery_ref) = given(leg.value.delivery_ref.as_deref()) else {
                continue;
            };
            for &position in self
                .deliveries_by_ref
                .get(delivery_ref)
                .into_iter()
                .flatten()
            {
                let linked = self
                    .deliveries
                    .get(position)
                    .is_some_and(|d| links(&leg.value, &d.value));
                if linked && !positions.contains(&position) {
                    positions.push(position);
                }
            }
        }
        positions.sort_unstable();
        let deliveries: Vec<&Entry<Delivery>> = positions
            .into_iter()
            .filter_map(|i| self.deliveries.get(i))
            .collect();
        let first_leg = legs.iter().map(|leg| leg.seq).min().unwrap_or(u64::MAX);
        let first = deliveries
            .iter()
            .map(|d| d.seq)
            .min()
            .unwrap_or(u64::MAX)
            .min(first_leg);
        Some(Parcel {
            order_key: (first, first_leg),
            legs,
            deliveries,
        })
    }

    /// Builds the journey of one parcel, with the events due by `now`.
    fn assemble(&self, parcel: &Parcel<'_>, now: DateTime<Utc>) -> ParcelJourney {
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
        for delivery_ref in &delivery_refs {
            for entry in self
                .delivery_events
                .get(*delivery_ref)
                .into_iter()
                .flatten()
            {
                let event = &entry.value;
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
        for tracking_identifier in &tracking_identifiers {
            let entries = self
                .leg_events
                .get(*tracking_identifier)
                .into_iter()
                .flatten();
            for entry in entries.filter(|e| !e.scheduled || e.value.event_date <= now) {
                let event = &entry.value;
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

/// The positions under `key`.
fn lookup(map: &Index, key: &str) -> Vec<usize> {
    map.get(key).cloned().unwrap_or_default()
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

    fn leg_event(tracking: &str, code: &str, date: &str) -> DeliveryLegEvent {
        serde_json::from_value(serde_json::json!({
            "trackingIdentifier": tracking, "eventCode": code, "eventDate": date,
            "eventTimeZone": "Europe/London"
        }))
        .expect("valid event")
    }

    fn codes(store: &TrackingStore, tracking: &str) -> Vec<String> {
        let filter = JourneyFilter {
            tracking_identifier: Some(tracking),
            ..JourneyFilter::default()
        };
        store
            .journeys(&filter)
            .iter()
            .flat_map(|j| j.events.iter().flatten())
            .filter_map(|e| e.event_code.as_ref().map(|c| c.as_str().to_owned()))
            .collect()
    }

    #[test]
    fn scheduled_events_wait_for_the_clock_and_can_be_cancelled() {
        let clock = Clock::default();
        clock.freeze(true);
        clock.set("2030-01-07T10:00:00Z".parse().expect("a date"));
        let mut store = TrackingStore::with_clock(clock.clone());
        store.upsert_leg(leg(serde_json::json!({"trackingIdentifier": "T1"})));
        store.add_leg_event(leg_event("T1", "AWAITING_DESPATCH", "2030-01-07T10:00:00Z"));
        store.schedule_leg_event(leg_event("T1", "IN_TRANSIT", "2030-01-07T12:00:00Z"));
        store.schedule_leg_event(leg_event("T1", "DELIVERED", "2030-01-08T12:00:00Z"));
        // A published event dated in the future shows at once: only scheduled ones wait.
        store.add_leg_event(leg_event("T1", "INFORMATION", "2030-02-01T00:00:00Z"));
        assert_eq!(codes(&store, "T1"), ["AWAITING_DESPATCH", "INFORMATION"]);
        clock.advance(chrono::TimeDelta::hours(3));
        assert_eq!(
            codes(&store, "T1"),
            ["AWAITING_DESPATCH", "IN_TRANSIT", "INFORMATION"]
        );
        store.cancel_scheduled("T1");
        clock.advance(chrono::TimeDelta::days(2));
        assert_eq!(
            codes(&store, "T1"),
            ["AWAITING_DESPATCH", "IN_TRANSIT", "INFORMATION"]
        );
    }

    #[test]
    fn indexed_lookups_follow_upserts_and_deletions() {
        let mut store = TrackingStore::default();
        store.upsert_leg(leg(serde_json::json!({
            "trackingIdentifier": "T1", "order": {"orderRef": "OLD"}
        })));
        store.upsert_leg(leg(serde_json::json!({
            "trackingIdentifier": "T1", "order": {"orderRef": "NEW"}
        })));
        let by_order = |store: &TrackingStore, order_ref: &str| {
            store
                .journeys(&JourneyFilter {
                    order_ref: Some(order_ref),
                    ..JourneyFilter::default()
                })
                .len()
        };
        assert_eq!(by_order(&store, "OLD"), 0, "a stale index entry is checked");
        assert_eq!(by_order(&store, "NEW"), 1);
        assert!(store.has_leg("T1"));
        assert_eq!(store.delete_legs("T1"), 1);
        assert!(!store.has_leg("T1"));
        assert_eq!(by_order(&store, "NEW"), 0);
        assert!(codes(&store, "T1").is_empty());
        // A delivery reached through its order, linked to a leg found by delivery reference.
        store.upsert_delivery(delivery(serde_json::json!({
            "deliveryRef": "D1", "order": {"orderRef": "O1"}
        })));
        store.upsert_leg(leg(
            serde_json::json!({"trackingIdentifier": "T2", "deliveryRef": "D1"}),
        ));
        let journeys = store.journeys(&JourneyFilter {
            order_ref: Some("O1"),
            ..JourneyFilter::default()
        });
        assert_eq!(journeys.len(), 1);
        assert_eq!(journeys[0].delivery_legs.as_ref().map(Vec::len), Some(1));
        assert_eq!(store.tracking_identifiers_of_delivery("D1"), ["T2"]);
    }

    #[test]
    fn describes_codes() {
        assert_eq!(
            describe(&EventCode::parse("OUT_FOR_DELIVERY")),
            "Out for delivery"
        );
    }
}
