//! A typed, retrying client for Metapack's Shipping API.
//!
//! Create consignments, allocate them to carrier services, print their labels and customs
//! documents, manifest them, compare rates, and read the carriers, services and warehouses set
//! up for a shipper account.
//!
//! ```
//! use metapack_shipping::types::PaperworkFormat;
//! use metapack_shipping::{
//!     AddressBuilder, ConsignmentBuilder, Credentials, Environment, ItemBuilder,
//!     PaperworkOptions, ParcelBuilder, ShippingClient, paperwork,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // The local emulator (crate `metapack-sandbox`), started in this process.
//! let sandbox = metapack_sandbox::Sandbox::start().await?;
//! let (user, password) = sandbox.shipping().credentials();
//! let client = ShippingClient::builder()
//!     .credentials(Credentials::basic(user, password))
//!     .environment(Environment::custom(sandbox.shipping().url())?)
//!     .build()?;
//!
//! // A parcel from the WH-LONDON warehouse to Manchester, on Sandbox Post 48.
//! let request = ConsignmentBuilder::new()
//!     .sender_location("WH-LONDON")
//!     .recipient(
//!         AddressBuilder::new().name("Ann Smith").email("ann@example.com").phone("+44 161 000 0000")
//!             .line1("1 High Street").city("Manchester").post_code("M1 1AA").country("GBR"),
//!     )
//!     .parcel(
//!         ParcelBuilder::new().weight_kg(1.5).dimensions_cm(10.0, 20.0, 30.0).value(15.0, "GBP")
//!             .item(ItemBuilder::new().description("Mug").value(15.0, "GBP").origin_country("GBR")),
//!     )
//!     .order_ref("ORDER-1")
//!     .carrier_service("SBXPOST48") // or .booking_code(..) from Delivery Options
//!     .build()?;
//!
//! // Create and allocate (the carrier service is a shipping rule), then print the labels.
//! let created = client.create_consignment(&request).await?;
//! assert_eq!(created.carrier_service_code(), Some("SBXPOST48"));
//! let options = PaperworkOptions::new().format(PaperworkFormat::Pdf).dimension("6x4");
//! let paperwork = client.get_consignment_paperwork(created.code(), &options).await?;
//! let dir = std::env::temp_dir().join("metapack-shipping-labels");
//! let files = paperwork::write_documents(&dir, created.code(), &paperwork.label_documents()?)?;
//! println!("{} tracked as {:?}, labels in {files:?}", created.code(), created.tracking_number());
//! # assert!(created.tracking_number().is_some() && !files.is_empty());
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(())
//! # }
//! ```
//!
//! In production, the same client with your account's credentials and stack:
//! `ShippingClient::builder().credentials(Credentials::basic(user, password)).environment(Environment::Production).build()?`.
//!
//! The builders ([`ConsignmentBuilder`], [`ManifestBuilder`], [`PaperworkOptions`]) produce
//! the generated request types, which stay available in [`types`] for everything else;
//! `build()` names a missing or invalid field in a [`BuildError`].
//!
//! Country codes are ISO 3166-1 alpha-3 (`GBR`, `FRA`, `DEU`), in addresses (`country_code`)
//! and items (`country_of_origin`) alike, as Metapack's Shipping API expects.
//!
//! Every call goes through `metapack-core`: HTTP Basic credentials, retries, timeouts,
//! User-Agent, tracing, and one [`Error`] type. Creates (consignments, parcels, items,
//! manifests, allocations, consolidations) are never retried once sent unless you opt in with
//! [`ShippingClient::with_retry_unsafe`]. Input is checked before anything is sent
//! ([`Error::InvalidRequest`] names the field). The generated request builders are reachable
//! through [`ShippingClient::raw`].
//!
//! # Modules
//!
//! - [`types`]: the request and response models of the spec, with open enums for value lists.
//! - [`paperwork`]: base64 paperwork to [`Document`]s and files.
//! - [`raw`]: the generated client and its request builders.
//! - `mock` (feature `mock`): typed httpmock helpers for your own tests.
//!
//! # Environments
//!
//! Every client names its environment; there is no default, and `build()` without one is
//! refused. Production runs on one of Metapack's platform stacks `dm1` to `dm8`, depending on
//! the account: [`Environment::Production`] is `dm1` ([`PRODUCTION_URL`]); pick another with
//! [`production_stack`] or [`Environment::custom`]. [`Environment::MetapackSandbox`] is
//! Metapack's hosted sandbox ([`METAPACK_SANDBOX_URL`]), for a Metapack test account; the local
//! emulator of the example above is `Environment::custom(sandbox.shipping().url())?`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod build;
mod client;
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
mod generated;
mod outcome;
pub mod paperwork;
mod query;
mod read;
mod status;

/// Typed httpmock helpers for every operation (`when`/`then` per operation id).
#[cfg(feature = "mock")]
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
#[path = "generated_mock.rs"]
pub mod mock;

pub use build::{
    AddressBuilder, BuildError, ConsignmentBuilder, ItemBuilder, ManifestBuilder, ParcelBuilder,
};
pub use client::{
    METAPACK_SANDBOX_URL, PRODUCTION_URL, ShippingClient, ShippingClientBuilder, production_stack,
};
pub use metapack_core::{
    ApiError, CallSettings, Credentials, Environment, Error, ErrorCategory, ErrorCode, Result,
    RetryBudget, RetryPolicy, Secret, Timeouts,
};
pub use outcome::{Allocation, AllocationCheck, ManifestCreated, Rates};
pub use paperwork::{Document, DocumentKind, PaperworkError};
pub use query::{ConsignmentChanges, ConsignmentSearch, PaperworkOptions};
pub use read::CreatedConsignment;
pub use status::Status;

/// Request and response models of the Shipping API.
pub mod types {
    pub use crate::generated::enums::*;
    pub use crate::generated::types::*;
    /// Builders for the request and response models (`Consignment::builder()` and the like).
    pub mod builder {
        pub use crate::generated::types::builder::*;
    }
}
pub use types::{
    Address, Carrier, CarrierService, Consignment, ConsignmentPatch, ConsignmentRequest,
    ConsignmentResponse, ConsignmentWithPaperwork, ConsignmentWithPaperworkRequest,
    ConsolidationRequest, Item, ManifestPaperwork, ManifestPaperworkResponse, ManifestRequest,
    ManifestResponse, Paperwork, PaperworkFormat, PaperworkRequest, PaperworkResponse,
    PaperworkType, Parcel, ParcelResponse, Rate, ShippingLocation, ShippingRules,
};

/// The generated client and its request builders, for what the typed methods do not cover.
pub mod raw {
    pub use crate::generated::Client;
    pub use crate::generated::builder;
}
