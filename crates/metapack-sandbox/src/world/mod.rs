//! Shipping, the MM-API and Tracking as one world, on one sandbox clock.
//!
//! # What Tracking shows
//!
//! Allocating a consignment (Shipping: create or update with shipping rules,
//! `POST /consignments/{c}/service`, `POST /consignment-with-paperwork`, or adding a parcel to
//! an allocated consignment; MM-API: `POST /consignments`) publishes one delivery leg per
//! parcel to the Tracking store, as a Metapack account's allocations are: the parcel's
//! tracking identifier, `deliveryRef` the consignment code (the MM-API consignment's UUID),
//! the carrier's code and display name, the carrier service code, the carrier's tracking URL
//! (when it is `https`), `order.orderRef` (the first order of a Shipping consignment, the
//! MM-API shipment's `shipmentRef`... see [`mm_api`]), the recipient and sender, the parcel
//! weight, the expected delivery date (start of the delivery window) and
//! `finalDeliveryLeg: true`. No `parcel.parcelRef` is set, so a parcel deallocated and
//! allocated again has a new journey under its new tracking identifier.
//!
//! Events (our reading of the Tracking event code list; Metapack does not publish which of
//! its codes an allocation produces):
//!
//! | when | event code | source |
//! |---|---|---|
//! | allocation | `AWAITING_DESPATCH`, at the allocation time | `METAPACK` |
//! | manifesting (Shipping `POST /manifests`) | `DESPATCHED` for every parcel of every manifested consignment | `METAPACK` |
//! | deallocation, deletion of an allocated consignment, removal of an allocated parcel | `CANCELLED_BEFORE_DESPATCH`; scheduled events not yet due are dropped | `METAPACK` |
//! | a [`ParcelScenario`] postcode | the scenario's script, scheduled from the allocation | `CARRIER` |
//! | `POST /_sandbox/parcels/{trackingIdentifier}/events` | the given code | `CARRIER` |
//!
//! Printing labels and `readyToShip` change no tracking status: Metapack's Tracking list has
//! no code for them (the parcel is still awaiting despatch). MM-API status changes and the
//! closing of consignment lists add no event either (only allocation and deallocation are
//! wired there). The journey ends with the cancellation: its legs stay readable.
//!
//! Every world event has `eventTimeZone` `Europe/London`.

pub(crate) mod clock;
pub(crate) mod control;
pub(crate) mod mm_api;
pub(crate) mod scenarios;
pub(crate) mod shipping;

use std::fmt;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use metapack_tracking::types::{DeliveryLeg, DeliveryLegEvent, PostAllocationEventCode};

use crate::server::lock;
use crate::tracking::state::TrackingStore;
use clock::Clock;
use scenarios::ParcelScenario;

/// The time zone of every event the world creates.
const TIME_ZONE: &str = "Europe/London";
/// `eventSource` of the events of allocation, manifesting and cancellation.
const SOURCE_METAPACK: &str = "METAPACK";
/// `eventSource` of scripted and simulated carrier events.
const SOURCE_CARRIER: &str = "CARRIER";

/// The shared Tracking store.
pub(crate) type TrackingHandle = Arc<Mutex<TrackingStore>>;

/// The Tracking store and the clock every API of one sandbox shares.
#[derive(Clone, Debug)]
pub(crate) struct World {
    tracking: TrackingHandle,
    clock: Clock,
}

impl Default for World {
    fn default() -> Self {
        World::new(Clock::default())
    }
}

/// Why a simulated carrier event was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParcelEventError {
    /// No delivery leg has this tracking identifier.
    UnknownTrackingIdentifier(String),
    /// The event code is not one of the Tracking API's documented delivery-leg event codes.
    UnknownEventCode(String),
}

impl fmt::Display for ParcelEventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParcelEventError::UnknownTrackingIdentifier(id) => {
                write!(f, "no parcel has the tracking identifier {id:?}")
            }
            ParcelEventError::UnknownEventCode(code) => write!(
                f,
                "eventCode {code:?} is not one of the Tracking API's delivery-leg event codes"
            ),
        }
    }
}

impl std::error::Error for ParcelEventError {}

/// A parcel to publish: its delivery leg (whose recipient postcode may pick a scenario).
#[derive(Debug)]
pub(crate) struct TrackedParcel {
    pub(crate) leg: DeliveryLeg,
}

fn leg_event(
    tracking_identifier: &str,
    code: &str,
    date: DateTime<Utc>,
    source: &str,
) -> DeliveryLegEvent {
    DeliveryLegEvent {
        event_code: PostAllocationEventCode::parse(code),
        event_date: date,
        event_location: None,
        event_source: Some(source.to_owned()),
        event_time_zone: TIME_ZONE.to_owned(),
        tracking_identifier: tracking_identifier.to_owned(),
    }
}

impl World {
    /// A world with an empty Tracking store on `clock`.
    pub(crate) fn new(clock: Clock) -> Self {
        World {
            tracking: Arc::new(Mutex::new(TrackingStore::with_clock(clock.clone()))),
            clock,
        }
    }

    /// The Tracking store.
    pub(crate) fn tracking(&self) -> &TrackingHandle {
        &self.tracking
    }

    /// The clock.
    pub(crate) fn clock(&self) -> &Clock {
        &self.clock
    }

    /// What the clock reads.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Publishes allocated parcels: their legs, `AWAITING_DESPATCH` at `allocated`, and the
    /// script of their recipient postcode's scenario.
    pub(crate) fn allocated(&self, parcels: Vec<TrackedParcel>, allocated: DateTime<Utc>) {
        let mut store = lock(&self.tracking);
        for parcel in parcels {
            let tracking = parcel.leg.tracking_identifier.clone();
            let scenario = parcel
                .leg
                .recipient
                .as_ref()
                .and_then(|r| r.post_code.as_deref())
                .and_then(ParcelScenario::for_postcode);
            store.upsert_leg(parcel.leg);
            store.add_leg_event(leg_event(
                &tracking,
                "AWAITING_DESPATCH",
                allocated,
                SOURCE_METAPACK,
            ));
            for (date, code) in scenario.into_iter().flat_map(|s| s.events_from(allocated)) {
                store.schedule_leg_event(leg_event(&tracking, code, date, SOURCE_CARRIER));
            }
        }
    }

    /// `DESPATCHED` for these parcels (manifested).
    pub(crate) fn despatched(&self, tracking_identifiers: &[String], now: DateTime<Utc>) {
        let mut store = lock(&self.tracking);
        for tracking in tracking_identifiers {
            store.add_leg_event(leg_event(tracking, "DESPATCHED", now, SOURCE_METAPACK));
        }
    }

    /// Ends these parcels' journeys: pending scheduled events dropped,
    /// `CANCELLED_BEFORE_DESPATCH` added.
    pub(crate) fn cancelled(&self, tracking_identifiers: &[String], now: DateTime<Utc>) {
        let mut store = lock(&self.tracking);
        for tracking in tracking_identifiers {
            store.cancel_scheduled(tracking);
            store.add_leg_event(leg_event(
                tracking,
                "CANCELLED_BEFORE_DESPATCH",
                now,
                SOURCE_METAPACK,
            ));
        }
    }

    /// Ends the journeys of every leg with this delivery reference.
    pub(crate) fn cancelled_delivery(&self, delivery_ref: &str, now: DateTime<Utc>) {
        let tracking = lock(&self.tracking).tracking_identifiers_of_delivery(delivery_ref);
        self.cancelled(&tracking, now);
    }

    /// A simulated carrier event; dated now unless `date` is given (a future date is
    /// scheduled: it appears when the clock passes it). Returns the event's date.
    pub(crate) fn simulate(
        &self,
        tracking_identifier: &str,
        event_code: &str,
        date: Option<DateTime<Utc>>,
    ) -> Result<DateTime<Utc>, ParcelEventError> {
        if !crate::values::tracking::LEG_EVENT_CODE.accepts(event_code) {
            return Err(ParcelEventError::UnknownEventCode(event_code.to_owned()));
        }
        let mut store = lock(&self.tracking);
        if !store.has_leg(tracking_identifier) {
            return Err(ParcelEventError::UnknownTrackingIdentifier(
                tracking_identifier.to_owned(),
            ));
        }
        let now = self.clock.now();
        let date = date.unwrap_or(now);
        let event = leg_event(tracking_identifier, event_code, date, SOURCE_CARRIER);
        if date > now {
            store.schedule_leg_event(event);
        } else {
            store.add_leg_event(event);
        }
        Ok(date)
    }
}
