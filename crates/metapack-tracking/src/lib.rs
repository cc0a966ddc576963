#![doc = include_str!("../README.md")]
//!
//! ## Where things are
//!
//! - [`TrackingClient`]: the client ([`TrackingClient::builder`]); its generated request
//!   builders are reachable through [`TrackingClient::raw`] for headers the typed methods do
//!   not cover, and [`TrackingClient::with_retry_unsafe`] opts in to retrying event posts.
//! - [`build`]: fluent builders of deliveries, delivery legs and their events.
//! - [`JourneyQuery`] and [`ParcelJourney`] (with [`ParcelJourney::latest_event`],
//!   [`ParcelJourney::delivery_promise`], [`ParcelJourney::tracking_number`] and
//!   [`EventGroup`]): reading journeys.
//! - [`types`]: the request and response models of the spec; [`raw`]: the generated client.
//! - The shared runtime's [`Credentials`], [`Environment`], [`RetryPolicy`], [`Timeouts`] and
//!   [`Error`], re-exported.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod build;
mod checks;
mod client;
mod event_groups;
mod generated_client;
mod journey;
mod query;

pub use client::{METAPACK_SANDBOX_URL, PRODUCTION_URL};
pub use event_groups::EventGroup;
pub use generated_client::*;
pub use query::JourneyQuery;

pub use types::{
    AcceptLanguage, Delivery, DeliveryEvent, DeliveryLeg, DeliveryLegEvent, EventCode,
    ParcelJourney, ParcelJourneySearch, PostAllocationEventCode, PreAllocationEventCode,
};
