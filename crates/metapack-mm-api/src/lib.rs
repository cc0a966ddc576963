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
//! - [`client`]: [`MmApiClient`], the HTTP client; [`auth`]: OAuth2 [`ClientCredentials`].
//! - [`timeouts`]: the server's allocation time limits (Appendix G).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod auth;
pub mod client;
pub mod errors;
mod lenient;
pub mod model;
mod newtype;
pub mod timeouts;
pub mod uri;
pub mod validation;
pub mod values;
pub mod version;

pub use auth::ClientCredentials;
pub use client::{
    Allocation, AllocationRequest, BatchStatusOutcome, ClosedConsignmentList, DocumentContent,
    MmApiClient, MmApiClientBuilder, MmApiError, ShipmentSource,
};
pub use errors::{AllocationError, ConstraintViolation, ErrorBody};
pub use metapack_core::ErrorCode;
pub use validation::{Validate, ValidationError};
pub use version::{ApiVersion, Feature, UnsupportedFeature, VersionRange};
