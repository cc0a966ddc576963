//! A typed, validated client for Metapack's Delivery Options API.
//!
//! Ask which carrier services, pick-up points (PUDO) and own stores can deliver an order to a
//! shopper, and by when, so that a checkout only offers options the shipper can meet. A
//! search is a [`FindOptions`]: the documented rules of `GET /find` are checked before
//! anything is sent, and each broken rule is one [`FindError`] variant.
//!
//! This example runs against the local emulator,
//! [`metapack_sandbox`](https://docs.rs/metapack-sandbox), started in the example:
//!
//! ```
//! use metapack_delivery_options::{
//!     Credentials, DeliveryOptionsClient, Destination, Environment, FindError, FindOptions,
//!     OptionType, Parcel, Warehouse,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = metapack_sandbox::Sandbox::start().await?;
//! let client = DeliveryOptionsClient::builder()
//!     .credentials(Credentials::api_key(sandbox.delivery_options().key()))
//!     .environment(Environment::custom(sandbox.delivery_options().url())?)
//!     .build()?;
//!
//! let order = FindOptions::new(Warehouse::code("WH-LONDON"), Destination::postcode("GBR", "EC1R 4PF"))
//!     .parcels([Parcel::new().weight(1.2).dimensions(10.0, 20.0, 30.0)]);
//! let found = client.find(&order).await?;
//!
//! // The cheapest option of any type (a free click-and-collect store beats paid home
//! // delivery), then the cheapest of one type.
//! let cheapest = found.cheapest().ok_or("no delivery option")?;
//! println!("{:?} {:?} for {:?}", cheapest.option_type, cheapest.full_name, cheapest.shipping_charge);
//! let home = found.cheapest_of(OptionType::Home).ok_or("no home delivery")?;
//! // Book exactly this option later through the Shipping API (`.booking_code(..)`).
//! println!("home from {:?}, booked as {:?}", home.earliest_delivery(), home.booking_code());
//! for point in found.pudo() {
//!     println!("{:?} at {:?} m", point.store_name, point.distance_metres());
//! }
//!
//! // A search that breaks a documented rule is refused before anything is sent; the error
//! // keeps the typed FindError, which names the parcel.
//! let two = order.clone().parcels([
//!     Parcel::new().weight(1.2).dimensions(10.0, 20.0, 30.0),
//!     Parcel::new().weight(0.8),
//! ]);
//! let err = client.find(&two).await.expect_err("the second parcel has no dimensions");
//! assert!(matches!(
//!     FindError::from_error(&err),
//!     Some(FindError::ParcelMeasurementMissing { parcel: 2, parameter: "parcelDepth", .. })
//! ));
//! // In production: .credentials(Credentials::api_key("<your key>")).environment(Environment::Production)
//! # Ok(())
//! # }
//! ```
//!
//! The query can be inspected without a network: [`FindOptions::build`] returns a
//! [`ValidFind`] whose [`query_string`](ValidFind::query_string) is exactly what is sent
//! (followed by `&key=<API key>`).
//!
//! ```
//! use metapack_delivery_options::{Destination, FindOptions, Warehouse};
//!
//! let search = FindOptions::pudo_near(Warehouse::code("WH1"), "GBR", 51.5072, -0.1276, 2000);
//! assert_eq!(
//!     search.build()?.query_string(),
//!     "c_cc=GBR&c_lat=51.5072&c_long=-0.1276&optionType=PUDO&radius=2000&wh_code=WH1"
//! );
//! # Ok::<(), metapack_delivery_options::FindError>(())
//! ```
//!
//! # Credentials and hosts
//!
//! The API takes an API key, a UUID issued by Metapack Support, as the `key` query parameter:
//! [`Credentials::api_key`]; any other credentials, or a key that is not a hyphenated UUID,
//! fail at `build()` with [`Error::InvalidRequest`] on field `key`. The runtime adds the key
//! to each request from the credentials, so it is sent exactly once, last in the query, and
//! never appears in `Debug` output, errors or traces (which record the path without the query).
//!
//! Every client names its environment (there is no default). Metapack documents one host,
//! [`PRODUCTION_URL`]; [`Environment::MetapackSandbox`] resolves to it as well (see
//! [`METAPACK_SANDBOX_URL`] for why). Offline, the local emulator of the `metapack-sandbox`
//! crate serves `GET /find`, as in the example above.
//!
//! # Encoding
//!
//! Array parameters travel as one comma-separated value (`optionType=HOME,PUDO`). The query is
//! `application/x-www-form-urlencoded` like every query reqwest builds, so the comma goes out
//! as `%2C` and a space as `+` (`c_pc=EC1R+4PF`); servers decode both before splitting.
//! Slots are sent as the docs show them (`2022-04-05 00:00:00,2022-04-11 23:59:59`), numbers
//! in their shortest exact form (`1.0`, `2.5`). Parameters you do not set are not sent.
//!
//! Every call goes through `metapack-core`: retries (`GET /find` is safe to repeat),
//! timeouts, User-Agent, tracing, and one [`Error`] type. The generated request builder is
//! reachable through [`DeliveryOptionsClient::raw`]. With the `mock` feature, `mock` offers
//! typed httpmock helpers for your own tests.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod client;
mod error;
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
mod generated;
mod request;
mod response;

/// Typed httpmock helpers for `GET /find`.
#[cfg(feature = "mock")]
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
#[path = "generated_mock.rs"]
pub mod mock;

metapack_core::impl_client_hooks!(generated::Client);

pub use client::{
    DeliveryOptionsClient, DeliveryOptionsClientBuilder, METAPACK_SANDBOX_URL, PRODUCTION_URL,
};
pub use error::FindError;
pub use metapack_core::{
    ApiError, CallSettings, Credentials, Environment, Error, ErrorCategory, ErrorCode, Result,
    RetryBudget, RetryPolicy, Secret, Timeouts,
};
pub use request::{
    AddressKind, Destination, DimensionUnit, FindOptions, Parcel, SortOrder, ValidFind, Warehouse,
    WeightUnit,
};
pub use response::{BookingCode, OpeningPeriod};

/// Request and response models of the Delivery Options API.
///
/// The value lists here are the spec's open enums as they travel on the wire; requests take the
/// closed [`crate::WeightUnit`], [`crate::DimensionUnit`], [`crate::AddressKind`] and
/// [`crate::SortOrder`] instead.
pub mod types {
    pub use crate::generated::enums::*;
    pub use crate::generated::types::*;
    /// Builders for the request and response models.
    pub mod builder {
        pub use crate::generated::types::builder::*;
    }
}
pub use types::{DeliveryOption, Distance, FindResponse, Header, OptionType, TimeWindow};

/// The generated client and its request builder, for what the typed methods do not cover.
pub mod raw {
    pub use crate::generated::Client;
    pub use crate::generated::builder;
}
