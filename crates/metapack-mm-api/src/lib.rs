//! Models, versions, error codes and client-side validation for the MetaPack Manager API
//! (MM-API): the shipments, consignments, consignment lists, documents and logistics
//! services of MetaPack Manager.
//!
//! Metapack publishes no OpenAPI spec for the MM-API; these types are written from its
//! reference (asciidoc), whose Appendix A (objects), B (value lists), C (error codes),
//! D (required address fields), E (version ranges) and G (timeouts) they follow. They serve
//! both sides of the wire: the HTTP client serializes requests and decodes responses with
//! them, and the sandbox decodes requests, validates them and answers with them.
//!
//! Build a shipment with the fluent builders of [`build`], allocate it with an
//! [`MmApiClient`] and read what the consignment carries in one call each
//! ([`Consignment::tracking_codes`](model::Consignment::tracking_codes),
//! [`MmApiClient::labels`]). This example runs against the local emulator,
//! [`metapack_sandbox`](https://docs.rs/metapack-sandbox):
//!
//! ```
//! use metapack_mm_api::build::{AddressBuilder, ContactBuilder, LogisticsUnitBuilder, ShipmentBuilder};
//! use metapack_mm_api::model::DocumentParams;
//! use metapack_mm_api::{AllocationRequest, ClientCredentials, MmApiClient};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = metapack_sandbox::Sandbox::start().await?;
//! let (id, secret) = sandbox.mm_api().client_credentials();
//! let client = MmApiClient::builder()
//!     .host(sandbox.mm_api().url())
//!     .data_host(sandbox.mm_api().data_url())
//!     .client_credentials(ClientCredentials::new(id, secret))
//!     .build()?;
//!
//! let shipment = ShipmentBuilder::delivery()
//!     .shipment_ref("ORDER-1001")
//!     .sender("https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742")
//!     .recipient(
//!         AddressBuilder::new().country("GBR").city("London").street("Gray's Inn Road").postal_code("WC1X 8XZ"),
//!         ContactBuilder::named("Andrew", "Neal").email("andrew@example.com"),
//!     )
//!     .parcel(LogisticsUnitBuilder::new().weight_kg(2.0).dimensions_cm(20, 15, 10))
//!     .order_number("1001")
//!     .build()?;
//! let allocation = client.allocate(&AllocationRequest::shipment(shipment)).await?;
//! println!("tracking codes: {:?}", allocation.consignment.tracking_codes());
//! let labels = client.labels(&allocation.consignment, &DocumentParams::default()).await?;
//! assert!(labels[0].bytes.starts_with(b"%PDF-"));
//! // In production: .host("https://<you>.metapack.com") alone; the token URL and data host follow from it
//! # Ok(())
//! # }
//! ```
//!
//! The models also validate offline, as the server would:
//!
//! ```
//! use metapack_mm_api::model::*;
//! use metapack_mm_api::validation::Validate;
//! use metapack_mm_api::ApiVersion;
//!
//! let address = Address::new("GBR", "London", "Gray's Inn Road", "WC1X 8XZ");
//! let contact = Contact::named("Andrew", "Neal").with_email("example@metapack.com");
//! let shipment = Shipment::delivery(
//!     AgentUri::new("https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742"),
//!     Receiver::new(address.clone(), contact.clone()),
//!     Destination::new(address, contact),
//!     vec![LogisticsUnit::new(Weight::kg(2.0), Dimension::cm(5.0, 5.0, 5.0))],
//! );
//! let version = ApiVersion::V0;
//! assert!(shipment.validate(version).is_empty());
//! // POST /consignments with `Content-Type: application/vnd.metapack.mm.v0+json` ...
//! assert_eq!(version.content_type(), "application/vnd.metapack.mm.v0+json");
//! ```
//!
//! - [`version`]: [`ApiVersion`] (content types), [`VersionRange`] (Maven ranges of
//!   Appendix E), version-gated [`Feature`]s.
//! - [`model`]: every object of Appendix A; [`uri`]: typed resource URLs.
//! - [`values`]: the value lists of Appendix B as open enums, and the country, time-zone and
//!   language tables.
//! - [`errors`]: the error body of 1.7.2 and help for every code of Appendix C.
//! - [`validation`]: the constraints of Appendix A and D, reported as the server does.
//! - [`build`]: fluent builders of a [`Shipment`](model::Shipment) and its parts, whose
//!   `build()` names the missing field.
//! - [`client`]: [`MmApiClient`], the HTTP client; [`auth`]: OAuth2 [`ClientCredentials`].
//! - [`timeouts`]: the server's allocation time limits (Appendix G).
//! - [`batch`]: each consignment's outcome of a batch status change (`207 Multi-Status`).
//! - `mock` (feature `mock`): typed httpmock helpers (`mock::MockServerExt`) for your own tests.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod auth;
pub mod batch;
pub mod build;
pub mod client;
pub mod errors;
mod labels;
mod lenient;
#[cfg(feature = "mock")]
pub mod mock;
pub mod model;
mod newtype;
pub mod timeouts;
pub mod uri;
pub mod validation;
pub mod values;
pub mod version;

pub use auth::ClientCredentials;
pub use batch::{BatchStatusReport, ConsignmentStatusResult};
pub use client::{
    Allocation, AllocationRequest, BatchStatusOutcome, ClosedConsignmentList, DocumentContent,
    MmApiClient, MmApiClientBuilder, MmApiError, ShipmentSource,
};
pub use errors::{AllocationError, ConstraintViolation, ErrorBody};
/// What this crate's signatures use from `metapack-core`, so that users need not depend on it.
pub use metapack_core::{
    ApiError, CallSettings, Delivery, Error, ErrorCategory, ErrorCode, Result, RetryBudget,
    RetryPolicy, Runtime, Secret, StaticToken, Timeouts, Token, TokenProvider, TokenSource,
};
pub use validation::{Validate, ValidationError};
pub use version::{ApiVersion, Feature, UnsupportedFeature, VersionRange};
