//! A typed, retrying client for Metapack's Tracking API.
//!
//! Publish deliveries (pre-allocation) and delivery legs (post-allocation) with their events,
//! and read the parcel journeys Metapack assembles from them and from carrier events.
//!
//! ```no_run
//! use metapack_tracking::{Credentials, Environment, JourneyQuery, TrackingClient};
//!
//! # async fn run() -> Result<(), metapack_tracking::Error> {
//! let client = TrackingClient::builder()
//!     .credentials(Credentials::basic("user", "password"))
//!     .environment(Environment::Sandbox)
//!     .build()?;
//! for journey in client.parcel_journeys(&JourneyQuery::order("ORDER-1")).await? {
//!     if let Some(event) = journey.latest_event() {
//!         println!("{:?}: delivered = {}", event.event_code, journey.is_delivered());
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Every call goes through `metapack-core`: credentials, retries (event posts are never
//! retried once sent unless you opt in with [`TrackingClient::with_retry_unsafe`]),
//! timeouts, User-Agent, tracing, and one [`Error`] type. The generated request builders are
//! reachable through [`TrackingClient::raw`] for headers the typed methods do not cover.
//! With the `mock` feature, [`mock`] offers typed httpmock helpers for your own tests.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod client;
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
mod generated;
mod journey;
mod query;

/// Typed httpmock helpers for every operation (`when`/`then` per operation id).
#[cfg(feature = "mock")]
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
#[path = "generated_mock.rs"]
pub mod mock;

pub use client::{PRODUCTION_URL, SANDBOX_URL, TrackingClient, TrackingClientBuilder};
pub use metapack_core::{
    ApiError, Credentials, Environment, Error, ErrorCategory, ErrorCode, Result, RetryPolicy,
    Secret, Timeouts,
};
pub use query::JourneyQuery;

/// Request and response models of the Tracking API.
pub mod types {
    pub use crate::generated::enums::*;
    pub use crate::generated::types::*;
    /// Builders for the request and response models (`Delivery::builder()` and the like).
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
