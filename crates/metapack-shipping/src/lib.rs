//! A typed, retrying client for Metapack's Shipping API.
//!
//! Create consignments, allocate them to carrier services, print their labels and customs
//! documents, manifest them, compare rates, and read the carriers, services and warehouses set
//! up for a shipper account.
//!
//! ```no_run
//! use metapack_shipping::types::{Address, Consignment, Parcel, PaperworkFormat, Weight};
//! use metapack_shipping::{
//!     Allocation, ConsignmentRequest, Credentials, Environment, PaperworkOptions,
//!     ShippingClient, ShippingRules, paperwork,
//! };
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = ShippingClient::builder()
//!     .credentials(Credentials::basic("user", "password"))
//!     .environment(Environment::Sandbox)
//!     .build()?;
//!
//! let consignment = Consignment {
//!     sender: Some(Address { code: Some("WAREHOUSE-1".into()), ..Default::default() }),
//!     recipient: Some(Address {
//!         address_line1: Some("1 High Street".into()),
//!         post_code: Some("WC1X 8XZ".into()),
//!         country_code: Some("GBR".into()),
//!         ..Default::default()
//!     }),
//!     parcels: Some(vec![Parcel {
//!         shipper_ref: Some("carton-1".into()),
//!         weight: Some(Weight { value: Some(1.5) }),
//!         ..Default::default()
//!     }]),
//!     ..Default::default()
//! };
//! let request = ConsignmentRequest { consignment, shipping_rules: None };
//!
//! // Compare, create, allocate.
//! let rates = client.get_rates(&request).await?;
//! let Some(cheapest) = rates.cheapest().and_then(|r| r.carrier_service_code()) else {
//!     return Ok(()); // no carrier service can deliver it
//! };
//! let created = client.create_consignment(&request).await?;
//! let code = created.consignment_code().expect("Metapack assigns a code");
//! let rules = ShippingRules { carrier_services: Some(vec![cheapest.to_owned()]), ..Default::default() };
//! match client.allocate_consignment(code, &rules).await? {
//!     Allocation::Allocated(allocated) => println!("{:?}", allocated.lifecycle_status()),
//!     Allocation::NoServiceAvailable => return Ok(()),
//! }
//!
//! // Print: whatever comes back (PDF, PNG, ZPL, a ZIP of them) is recognised by its bytes.
//! let options = PaperworkOptions::new().format(PaperworkFormat::Pdf).dimension("6x4");
//! let documents = client.get_consignment_paperwork(code, &options).await?.documents()?;
//! let files = paperwork::write_documents("labels", code, &documents)?;
//! println!("wrote {files:?}");
//! # Ok(())
//! # }
//! ```
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
//! [`Environment::Sandbox`] is [`SANDBOX_URL`]. Production runs on one of Metapack's platform
//! stacks `dm1` to `dm8`, depending on the account: [`Environment::Production`] is `dm1`
//! ([`PRODUCTION_URL`]); pick another with [`production_stack`] or [`Environment::custom`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod client;
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
mod generated;
mod outcome;
pub mod paperwork;
mod query;
mod status;

/// Typed httpmock helpers for every operation (`when`/`then` per operation id).
#[cfg(feature = "mock")]
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
#[path = "generated_mock.rs"]
pub mod mock;

pub use client::{
    PRODUCTION_URL, SANDBOX_URL, ShippingClient, ShippingClientBuilder, production_stack,
};
pub use metapack_core::{
    ApiError, Credentials, Environment, Error, ErrorCategory, ErrorCode, Result, RetryPolicy,
    Secret, Timeouts,
};
pub use outcome::{Allocation, AllocationCheck, ManifestCreated, Rates};
pub use paperwork::{Document, DocumentKind, PaperworkError};
pub use query::{ConsignmentChanges, ConsignmentSearch, PaperworkOptions};
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
