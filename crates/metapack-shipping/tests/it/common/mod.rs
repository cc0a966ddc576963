//! Shared helpers of the Shipping client's integration tests: client construction
//! ([`metapack_testkit::client_helpers!`]) and the workspace's scripted loopback server
//! (`metapack_testkit`).
#![allow(dead_code, unused_imports)]

pub const USER: &str = "shipping-user";
pub const PASSWORD: &str = "s3cr3t-pass";
/// `Basic base64("shipping-user:s3cr3t-pass")`.
pub const BASIC_AUTH: &str = "Basic c2hpcHBpbmctdXNlcjpzM2NyM3QtcGFzcw==";
/// The base64 token alone, which must never leak either.
pub const BASIC_TOKEN: &str = "c2hpcHBpbmctdXNlcjpzM2NyM3QtcGFzcw==";

metapack_testkit::client_helpers! {
    api: metapack_shipping,
    name: "metapack-shipping",
    client: ShippingClient,
    builder: ShippingClientBuilder,
    credentials: metapack_shipping::Credentials::basic(USER, PASSWORD),
}

pub use metapack_testkit::*;
