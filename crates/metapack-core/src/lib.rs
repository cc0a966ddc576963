//! Shared runtime for the metapack-rs API clients.
//!
//! Generated clients (progenitor) hold a [`Runtime`] and route every request
//! through it (see [`impl_client_hooks!`]): the runtime adds
//! [`Credentials`], enforces [`Timeouts`], retries what is safe to retry
//! ([`RetryPolicy`], [`retry`]) and traces each call. [`finish`] turns a
//! generated method's result into a [`Response`] or a single [`Error`] type
//! with parsed Metapack [`ErrorCode`]s.
//!
//! ```
//! use metapack_core::{Credentials, Environment, Runtime, Timeouts};
//! use std::time::Duration;
//!
//! let base_url = Environment::Sandbox
//!     .base_url_str("https://sandbox.example.com/api", "https://api.example.com/api")?;
//! let (runtime, http) = Runtime::builder("metapack-example", "0.1.0")
//!     .credentials(Credentials::api_key("my-key"))
//!     .timeouts(Timeouts::default().with_overall(Duration::from_secs(30)))
//!     .build()?;
//! // A generated client is then created with
//! // `Client::new_with_client(&base_url, http, runtime)`.
//! assert_eq!(base_url, "https://sandbox.example.com/api");
//! assert!(runtime.user_agent().contains("metapack-example/0.1.0"));
//! # drop(http);
//! # Ok::<(), metapack_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client_builder;
pub mod credentials;
pub mod environment;
pub mod error;
pub mod error_code;
mod hooks;
pub mod lenient;
pub mod open_enum;
pub mod request_info;
pub mod response;
pub mod retry;
pub mod runtime;
pub mod secret;
pub mod timeouts;
pub mod tls;
pub mod user_agent;

pub use client_builder::{ApiClient, ClientBuilder};
pub use credentials::{Credentials, StaticToken, Token, TokenProvider, TokenSource};
pub use environment::Environment;
pub use error::{ApiError, Error};
pub use error_code::{ErrorCategory, ErrorCode, MmFamily};
pub use request_info::{Delivery, RequestInfo};
pub use response::{
    IntoErrorBody, Response, decode_json, finish, finish_bytes, finish_empty, finish_status,
    finish_value,
};
pub use retry::RetryPolicy;
pub use runtime::{Runtime, RuntimeBuilder};
pub use secret::Secret;
pub use timeouts::Timeouts;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Re-exports used by [`impl_client_hooks!`] and [`open_enum!`]; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use progenitor_client;
    pub use reqwest;
    pub use schemars;
    pub use serde;
}
