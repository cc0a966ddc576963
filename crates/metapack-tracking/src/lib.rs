//! A typed, retrying client for Metapack's Tracking API.
//!
//! Publish deliveries (pre-allocation) and delivery legs (post-allocation) with their events,
//! and read the parcel journeys Metapack assembles from them and from carrier events.
//!
//! Build requests with the fluent builders of [`build`], send them with a [`TrackingClient`],
//! and read journeys with one call per fact ([`ParcelJourney::latest_event`],
//! [`ParcelJourney::delivery_promise`], [`ParcelJourney::tracking_number`]). This example runs
//! against the local emulator, [`metapack_sandbox`](https://docs.rs/metapack-sandbox):
//!
//! ```
//! use metapack_tracking::build::{DeliveryLegBuilder, DeliveryLegEventBuilder, OrderBuilder};
//! use metapack_tracking::{
//!     Credentials, Environment, EventGroup, JourneyQuery, PostAllocationEventCode, TrackingClient,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = metapack_sandbox::Sandbox::start().await?;
//! let (username, password) = sandbox.tracking().credentials();
//! let client = TrackingClient::builder()
//!     .credentials(Credentials::basic(username, password))
//!     .environment(Environment::custom(sandbox.tracking().url())?)
//!     .build()?;
//!
//! let now = sandbox.now();
//! let leg = DeliveryLegBuilder::new()
//!     .tracking_identifier("JD0002215")
//!     .carrier("DPD_UK", "DPD UK")
//!     .order(OrderBuilder::new().order_ref("ORDER-1"))
//!     .promised_delivery_date(now + chrono::Duration::days(1))
//!     .build()?;
//! client.upsert_delivery_leg(&leg).await?;
//! let event = DeliveryLegEventBuilder::new()
//!     .tracking_identifier("JD0002215")
//!     .event_code(PostAllocationEventCode::OutForDelivery)
//!     .event_date(now)
//!     .event_time_zone("Europe/London")
//!     .build()?;
//! client.add_delivery_leg_event(&event).await?;
//!
//! for journey in client.parcel_journeys(&JourneyQuery::order("ORDER-1")).await? {
//!     let latest = journey.latest_event().and_then(|e| e.event_code.clone());
//!     println!("{:?} {:?} by {:?}", journey.tracking_number(), latest, journey.promised_delivery_date());
//!     assert_eq!(journey.carrier_name(), Some("DPD UK"));
//!     // Where the parcel stands, by the latest status-bearing event (an informational or a
//!     // late pre-allocation event does not undo a delivery).
//!     match journey.status() {
//!         Some(EventGroup::Delivered) => println!("delivered"),
//!         Some(EventGroup::Exception) => println!("needs attention: {:?}", journey.status_event()),
//!         other => println!("{other:?}"),
//!     }
//! }
//! // An undocumented event code is refused before sending; codes newer than this SDK go
//! // through `client.with_unlisted_event_codes()`.
//! let teleported = DeliveryLegEventBuilder::new()
//!     .tracking_identifier("JD0002215")
//!     .event_code(PostAllocationEventCode::Other("TELEPORTED".into()))
//!     .event_date(now)
//!     .event_time_zone("Europe/London")
//!     .build()?;
//! assert!(client.add_delivery_leg_event(&teleported).await.is_err());
//! // In production: .credentials(Credentials::basic(user, password)).environment(Environment::Production)
//! # Ok(())
//! # }
//! ```
//!
//! Every call goes through `metapack-core`: credentials, retries (event posts are never
//! retried once sent unless you opt in with [`TrackingClient::with_retry_unsafe`]),
//! timeouts, User-Agent, tracing, and one [`Error`] type. The generated request builders are
//! reachable through [`TrackingClient::raw`] for headers the typed methods do not cover.
//! With the `mock` feature, the `mock` module offers typed httpmock helpers for your own tests.
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
    ApiError, CallSettings, Credentials, Environment, Error, ErrorCategory, ErrorCode, Result,
    RetryBudget, RetryPolicy, Secret, Timeouts,
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
