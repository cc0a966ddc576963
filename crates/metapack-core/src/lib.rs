#![doc = include_str!("../README.md")]
//!
//! ## Where things are
//!
//! A client holds a [`Runtime`] and routes every request through it: the runtime adds
//! [`Credentials`], enforces [`Timeouts`], retries what is safe to retry ([`RetryPolicy`],
//! [`retry`]) and traces each call. An API crate's builder is a [`ClientBuilder`] wrapped by
//! [`client_builder!`]. TLS uses an explicit rustls provider and root store ([`tls`]), never a
//! process-wide default.
#![cfg_attr(
    feature = "progenitor",
    doc = "\nWith the `progenitor` feature (which the generated API crates enable), \
           [`impl_client_hooks!`] routes a progenitor-generated client's requests through its \
           runtime and [`finish`] turns a generated method's result into a [`Response`] or an \
           [`Error`]."
)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod build_error;
pub mod call_settings;
mod carried_error;
pub mod client_builder;
pub mod credentials;
pub mod environment;
pub mod error;
pub mod error_code;
#[cfg(feature = "progenitor")]
mod hooks;
pub mod lenient;
pub mod open_enum;
pub mod redact;
pub mod request_info;
pub mod response;
pub mod response_limits;
pub mod retry;
pub mod runtime;
pub mod secret;
pub mod timeouts;
pub mod tls;
pub mod user_agent;

pub use build_error::BuildError;
pub use call_settings::CallSettings;
pub use client_builder::{ApiClient, ClientBuilder};
pub use credentials::{Credentials, StaticToken, Token, TokenProvider, TokenSource};
pub use environment::Environment;
pub use error::{ApiError, Error};
pub use error_code::{ErrorCategory, ErrorCode, MmFamily};
pub use request_info::{Delivery, RequestInfo};
#[cfg(feature = "progenitor")]
pub use response::{
    IntoErrorBody, finish, finish_bytes, finish_empty, finish_status, finish_value,
    value_from_response,
};
pub use response::{Response, decode_json};
pub use response_limits::ResponseLimits;
pub use retry::{RetryBudget, RetryPolicy};
pub use runtime::{Runtime, RuntimeBuilder};
pub use secret::Secret;
pub use timeouts::Timeouts;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Re-exports used by `impl_client_hooks!` and [`open_enum!`]; not a public API.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "progenitor")]
    pub use progenitor_client;
    pub use reqwest;
    pub use schemars;
    pub use serde;
}
