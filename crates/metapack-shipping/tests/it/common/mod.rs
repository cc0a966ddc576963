//! Shared helpers of the Shipping client's integration tests: client construction and the
//! workspace's scripted loopback server (`metapack_testkit`).
#![allow(dead_code, unused_imports)]

use std::time::Duration;

use metapack_shipping::{
    Credentials, Environment, RetryPolicy, ShippingClient, ShippingClientBuilder, Timeouts,
};

pub const USER: &str = "shipping-user";
pub const PASSWORD: &str = "s3cr3t-pass";
/// `Basic base64("shipping-user:s3cr3t-pass")`.
pub const BASIC_AUTH: &str = "Basic c2hpcHBpbmctdXNlcjpzM2NyM3QtcGFzcw==";
/// The base64 token alone, which must never leak either.
pub const BASIC_TOKEN: &str = "c2hpcHBpbmctdXNlcjpzM2NyM3QtcGFzcw==";

/// `metapack-rs/<core version> metapack-shipping/<crate version>`; core and shipping share the
/// workspace version.
pub fn user_agent() -> String {
    let v = env!("CARGO_PKG_VERSION");
    format!("metapack-rs/{v} metapack-shipping/{v}")
}

/// Retries that keep the suite fast: 3 attempts, 1 ms base, 20 ms cap.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(20))
}

/// A builder pointed at `base_url` with the test credentials.
pub fn builder(base_url: &str) -> ShippingClientBuilder {
    ShippingClient::builder()
        .credentials(Credentials::basic(USER, PASSWORD))
        .environment(Environment::custom(base_url).expect("loopback base URL"))
}

/// A client with the fast retry policy.
pub fn client(base_url: &str) -> ShippingClient {
    builder(base_url)
        .retry_policy(fast_retries())
        .build()
        .expect("client")
}

/// A client that makes exactly one attempt per call.
pub fn client_without_retries(base_url: &str) -> ShippingClient {
    builder(base_url)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
}

/// A client with the fast retry policy and these timeouts.
pub fn client_with_timeouts(base_url: &str, timeouts: Timeouts) -> ShippingClient {
    builder(base_url)
        .retry_policy(fast_retries())
        .timeouts(timeouts)
        .build()
        .expect("client")
}

pub use metapack_testkit::*;
