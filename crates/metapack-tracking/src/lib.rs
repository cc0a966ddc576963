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
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
mod generated;
mod journey;
mod query;

/// Typed httpmock helpers for every operation (`when`/`then` per operation id).
#[cfg(feature = "mock")]
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
#[path = "generated_mock.rs"]
pub mod mock;

pub use client::{METAPACK_SANDBOX_URL, PRODUCTION_URL, TrackingClient, TrackingClientBuilder};
pub use event_groups::EventGroup;
pub use metapack_core::{
    ApiError, CallSettings, Credentials, Environment, Error, ErrorCategory, ErrorCode,
    ResponseLimits, Result, RetryBudget, RetryPolicy, Secret, Timeouts,
};
pub use query::JourneyQuery;

/// Request and response models of the Tracking API.
pub mod types {
    pub use crate::generated::enums::*;
    pub use crate::generated::types::*;
    /// The generated builders of the request and response models (`Delivery::builder()` and
    /// the like). For requests, the fluent builders of [`crate::build`] are simpler: plain
    /// `&str` setters, nested builders without `try_into`, and errors naming the field.
    pub mod builder {
        pub use crate::generated::types::builder::*;
    }
}
pub use types::{
    AcceptLanguage, Delivery, DeliveryEvent, DeliveryLeg, DeliveryLegEvent, EventCode,
    ParcelJourney, ParcelJourneySearch, PostAllocationEventCode, PreAllocationEventCode,
};

/// The generated client and its request builders, for what the typed methods do not cover.
pub mod raw {
    pub use crate::generated::Client;
    pub use crate::generated::builder;
}
