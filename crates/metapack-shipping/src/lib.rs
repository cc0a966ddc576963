#![doc = include_str!("../README.md")]
//!
//! ## Where things are
//!
//! - [`ShippingClient`]: the client. [`ShippingClient::with_retry_unsafe`] opts in to
//!   retrying creates; the generated request builders are reachable through
//!   [`ShippingClient::raw`]. Input is checked before anything is sent
//!   ([`Error::InvalidRequest`] names the field).
//! - The builders ([`ConsignmentBuilder`], [`ManifestBuilder`], [`PaperworkOptions`]) produce
//!   the generated request types, which stay available in [`types`] for everything else;
//!   `build()` names a missing or invalid field in a [`BuildError`].
//! - [`types`]: the request and response models of the spec, with open enums for value lists.
//! - [`paperwork`]: base64 paperwork to [`Document`]s and files.
//! - [`raw`]: the generated client and its request builders.
//! - `mock` (feature `mock`): typed httpmock helpers for your own tests.
//!
//! ## Environments
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
mod generated_client;
mod outcome;
pub mod paperwork;
mod query;
mod read;
mod status;

pub use build::{
    AddressBuilder, BuildError, ConsignmentBuilder, ItemBuilder, ManifestBuilder, ParcelBuilder,
};
pub use client::{METAPACK_SANDBOX_URL, PRODUCTION_URL, production_stack};
pub use generated_client::*;
pub use outcome::{Allocation, AllocationCheck, ManifestCreated, Rates};
pub use paperwork::{Document, DocumentKind, PaperworkError};
pub use query::{ConsignmentChanges, ConsignmentSearch, PaperworkOptions};
pub use read::CreatedConsignment;
pub use status::Status;

pub use types::{
    Address, Carrier, CarrierService, Consignment, ConsignmentPatch, ConsignmentRequest,
    ConsignmentResponse, ConsignmentWithPaperwork, ConsignmentWithPaperworkRequest,
    ConsolidationRequest, Item, ManifestPaperwork, ManifestPaperworkResponse, ManifestRequest,
    ManifestResponse, Paperwork, PaperworkFormat, PaperworkRequest, PaperworkResponse,
    PaperworkType, Parcel, ParcelResponse, Rate, ShippingLocation, ShippingRules,
};
