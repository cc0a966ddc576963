#![doc = include_str!("../README.md")]
//!
//! A search is a [`FindOptions`], checked by [`FindOptions::build`] into a [`ValidFind`]
//! ([`ValidFind::query_string`]); each broken rule is one [`FindError`] variant, kept in the
//! [`Error`] a refused [`DeliveryOptionsClient::find`] returns ([`FindError::from_error`]).
//! The value lists of [`types`] are the spec's open enums as they travel on the wire; requests
//! take the closed [`WeightUnit`], [`DimensionUnit`], [`AddressKind`] and [`SortOrder`] instead.
//!
//! ## Credentials and hosts
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
//! ## Encoding
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
mod generated_client;
mod request;
mod response;

pub use client::{METAPACK_SANDBOX_URL, PRODUCTION_URL};
pub use error::FindError;
pub use generated_client::*;
pub use request::{
    AddressKind, Destination, DimensionUnit, FindOptions, Parcel, SortOrder, ValidFind, Warehouse,
    WeightUnit,
};
pub use response::{BookingCode, OpeningPeriod};

pub use types::{DeliveryOption, Distance, FindResponse, Header, OptionType, TimeWindow};
