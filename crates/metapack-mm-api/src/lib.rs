#![doc = include_str!("../README.md")]
//!
//! ## Where things are
//!
//! Build a shipment with the fluent builders of [`build`], allocate it with an
//! [`MmApiClient`] and read what the consignment carries in one call each
//! ([`Consignment::tracking_codes`](model::Consignment::tracking_codes),
//! [`MmApiClient::labels`]).
//!
//! - [`version`]: [`ApiVersion`] (content types), [`VersionRange`] (Maven ranges of
//!   Appendix E), version-gated [`Feature`]s.
//! - [`model`]: every object of Appendix A; [`uri`]: typed resource URLs.
//! - [`values`]: the value lists of Appendix B as open enums, and the country, time-zone and
//!   language tables.
//! - [`errors`]: the error body of 1.7.2 and help for every code of Appendix C;
//!   [`MmApiErrorExt`] reads it (or client-side validation's violations) out of an [`Error`].
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
mod error_ext;
pub mod errors;
mod labels;
mod lenient;
#[cfg(feature = "mock")]
pub mod mock;
pub mod model;
mod newtype;
pub mod timeouts;
mod transport;
pub mod uri;
pub mod validation;
pub mod values;
pub mod version;

pub use auth::ClientCredentials;
pub use batch::{BatchStatusReport, ConsignmentStatusResult};
#[allow(deprecated)]
pub use client::MmApiError;
pub use client::{
    Allocation, AllocationRequest, BatchStatusOutcome, ClosedConsignmentList, DocumentContent,
    DocumentDownload, MmApiClient, MmApiClientBuilder, ShipmentSource,
};
pub use error_ext::MmApiErrorExt;
pub use errors::{AllocationError, ConstraintViolation, ErrorBody};
/// What this crate's signatures use from `metapack-core`, so that users need not depend on it.
pub use metapack_core::{
    ApiError, CallSettings, Delivery, Error, ErrorCategory, ErrorCode, ResponseLimits, Result,
    RetryBudget, RetryPolicy, Runtime, Secret, StaticToken, Timeouts, Token, TokenProvider,
    TokenSource,
};
pub use validation::{Validate, ValidationError};
pub use version::{ApiVersion, Feature, UnsupportedFeature, VersionRange};
