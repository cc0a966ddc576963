//! Shared runtime for the metapack-rs API clients.
//!
//! Every API crate (`metapack-shipping`, `metapack-tracking`, `metapack-delivery-options`,
//! `metapack-mm-api`) configures its client with this crate's [`Credentials`],
//! [`Environment`], [`RetryPolicy`] and [`Timeouts`] (re-exported by each), and reports every
//! failure as one [`Error`] type with parsed Metapack [`ErrorCode`]s. This example runs a
//! Tracking client against the local emulator,
//! [`metapack_sandbox`](https://docs.rs/metapack-sandbox), started in the example:
//!
//! ```
//! use metapack_core::{Credentials, Environment, Error, ErrorCategory, RetryPolicy, Timeouts};
//! use metapack_tracking::{JourneyQuery, TrackingClient};
//! use std::time::Duration;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = metapack_sandbox::Sandbox::start().await?;
//! let (username, password) = sandbox.tracking().credentials();
//! let builder = |credentials: Credentials| -> Result<TrackingClient, Error> {
//!     TrackingClient::builder()
//!         .credentials(credentials)
//!         .environment(Environment::custom(sandbox.tracking().url())?)
//!         .retry_policy(RetryPolicy::default().with_max_attempts(3))
//!         .timeouts(Timeouts::default().with_overall(Duration::from_secs(30)))
//!         .user_agent_suffix("my-shop/1.0")
//!         .build()
//! };
//!
//! let query = JourneyQuery::tracking("JD0002215");
//! let client = builder(Credentials::basic(username, password))?;
//! assert!(client.parcel_journeys(&query).await?.is_empty());
//!
//! // A refused request is an `Error::Api` with the status, Metapack's code and message.
//! let intruder = builder(Credentials::basic(username, "wrong password"))?;
//! let Err(err) = intruder.parcel_journeys(&query).await else {
//!     return Err("the sandbox accepted a wrong password".into());
//! };
//! assert_eq!(err.status(), Some(401));
//! assert_eq!(err.category(), Some(ErrorCategory::Auth));
//! assert!(!err.is_retryable());
//! println!("{err}");
//!
//! // Without an environment, `build()` refuses and names the choices.
//! let err = TrackingClient::builder().credentials(Credentials::basic(username, password)).build();
//! assert!(err.is_err_and(|e| e.to_string().contains("Environment::Production")));
//! // In production: .credentials(Credentials::basic(user, password)).environment(Environment::Production)
//! # Ok(())
//! # }
//! ```
//!
//! Underneath, generated clients (progenitor) hold a [`Runtime`] and route every request
//! through it (see [`impl_client_hooks!`]): the runtime adds [`Credentials`], enforces
//! [`Timeouts`], retries what is safe to retry ([`RetryPolicy`], [`retry`]) and traces each
//! call. [`finish`] turns a generated method's result into a [`Response`] or an [`Error`]; an
//! API crate's builder is a [`ClientBuilder`] wrapped by [`client_builder!`]. TLS uses an
//! explicit rustls provider and root store ([`tls`]), never a process-wide default.
//!
//! ```
//! use metapack_core::{Credentials, Environment, Runtime, Timeouts};
//! use std::time::Duration;
//!
//! let base_url = Environment::MetapackSandbox
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

mod build_error;
pub mod call_settings;
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

pub use build_error::BuildError;
pub use call_settings::CallSettings;
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
pub use retry::{RetryBudget, RetryPolicy};
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
