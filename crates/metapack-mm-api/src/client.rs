//! [`MmApiClient`]: the HTTP client of the MM-API, hand-written on `metapack-core`'s
//! [`Runtime`](metapack_core::Runtime) (credentials, retries, timeouts, tracing, one token refresh after a 401).
//!
//! Every request names the configured [`ApiVersion`](crate::ApiVersion) in both `Content-Type` and `Accept`
//! (`application/vnd.metapack.mm.v0+json`). Request objects are checked with
//! [`Validate`](crate::Validate) before they are sent (unless turned off), and anything the version lacks is
//! refused before sending with [`Error::InvalidRequest`](metapack_core::Error::InvalidRequest). Error answers become
//! [`Error::Api`](metapack_core::Error::Api); their MM-API body (constraint violations, allocation errors) is read back
//! with the methods of [`MmApiErrorExt`].
//!
//! ```
//! use metapack_mm_api::client::MmApiClient;
//! use metapack_mm_api::ApiVersion;
//!
//! let client = MmApiClient::builder()
//!     .host("https://example.metapack.com")
//!     .static_token("my-token")
//!     .version(ApiVersion::V1_0)
//!     .build()?;
//! assert_eq!(client.version(), ApiVersion::V1_0);
//! assert!(!format!("{client:?}").contains("my-token"));
//! # Ok::<(), metapack_core::Error>(())
//! ```
//!
//! Retry safety: `POST /consignments` (allocation) and `POST /consignment-lists` create
//! resources and are never retried once they may have reached the server (unless a call opts
//! in through [`MmApiClient::with_call_settings`] and [`CallSettings::retry_unsafe`](metapack_core::CallSettings::retry_unsafe)); `GET`s and
//! `DELETE /consignments/<uuid>` are idempotent; the status `PATCH`es set a status to a
//! value, so repeating them changes nothing and they are marked retry-safe.
//!
//! The client is in layers, each module using only those below it: the request plumbing
//! (`transport`, shared with [`auth`](crate::auth)); the client's state and shared steps
//! (`mm_api_client`); its [builder](MmApiClientBuilder); and one module of operations per
//! resource (shipments, consignments, consignment lists, documents, logistics services). This
//! module only gathers their public items.

mod builder;
mod consignment_lists;
mod consignments;
mod documents;
mod logistics_services;
mod mm_api_client;
pub mod operations;
mod resource_ref;
mod shipments;

pub use builder::{DEFAULT_DATA_HOST, MmApiClientBuilder, default_timeouts};
pub use consignment_lists::ClosedConsignmentList;
pub use consignments::{Allocation, AllocationRequest, BatchStatusOutcome, ShipmentSource};
pub use documents::{DocumentContent, DocumentDownload};
pub use mm_api_client::MmApiClient;
pub use resource_ref::ResourceRef;

#[allow(deprecated)]
pub use crate::error_ext::MmApiError;
pub use crate::error_ext::{MmApiErrorExt, validation_error};
