//! Shared helpers of the Tracking client's integration tests: client construction and the
//! workspace's scripted loopback server (`metapack_testkit`).
#![allow(dead_code, unused_imports)]

use std::time::Duration;

use metapack_tracking::{
    Credentials, Environment, RetryPolicy, Timeouts, TrackingClient, TrackingClientBuilder,
};

pub const USER: &str = "tracking-user";
pub const PASSWORD: &str = "s3cr3t-pass";
/// `Basic base64("tracking-user:s3cr3t-pass")`.
pub const BASIC_AUTH: &str = "Basic dHJhY2tpbmctdXNlcjpzM2NyM3QtcGFzcw==";
/// The base64 token alone, which must never leak either.
pub const BASIC_TOKEN: &str = "dHJhY2tpbmctdXNlcjpzM2NyM3QtcGFzcw==";

/// `metapack-rs/<core version> metapack-tracking/<crate version>`; core and tracking share the
/// workspace version.
pub fn user_agent() -> String {
    let v = env!("CARGO_PKG_VERSION");
    format!("metapack-rs/{v} metapack-tracking/{v}")
}

/// Retries that keep the suite fast: 3 attempts, 1 ms base, 20 ms cap.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(20))
}

/// A builder pointed at `base_url` with the test credentials.
pub fn builder(base_url: &str) -> TrackingClientBuilder {
    TrackingClient::builder()
        .credentials(Credentials::basic(USER, PASSWORD))
        .environment(Environment::custom(base_url).expect("loopback base URL"))
}

/// A client with the fast retry policy.
pub fn client(base_url: &str) -> TrackingClient {
    builder(base_url)
        .retry_policy(fast_retries())
        .build()
        .expect("client")
}

/// A client that makes exactly one attempt per call.
pub fn client_without_retries(base_url: &str) -> TrackingClient {
    builder(base_url)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
}

/// A client with the fast retry policy and these timeouts.
pub fn client_with_timeouts(base_url: &str, timeouts: Timeouts) -> TrackingClient {
    builder(base_url)
        .retry_policy(fast_retries())
        .timeouts(timeouts)
        .build()
        .expect("client")
}

pub use metapack_testkit::*;
