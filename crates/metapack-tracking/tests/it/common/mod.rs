//! Shared helpers of the Tracking client's integration tests: client construction
//! ([`metapack_testkit::client_helpers!`]) and the workspace's scripted loopback server
//! (`metapack_testkit`).
#![allow(dead_code, unused_imports)]

pub mod fixtures;

pub const USER: &str = "tracking-user";
pub const PASSWORD: &str = "s3cr3t-pass";
/// `Basic base64("tracking-user:s3cr3t-pass")`.
pub const BASIC_AUTH: &str = "Basic dHJhY2tpbmctdXNlcjpzM2NyM3QtcGFzcw==";
/// The base64 token alone, which must never leak either.
pub const BASIC_TOKEN: &str = "dHJhY2tpbmctdXNlcjpzM2NyM3QtcGFzcw==";

metapack_testkit::client_helpers! {
    api: metapack_tracking,
    name: "metapack-tracking",
    client: TrackingClient,
    builder: TrackingClientBuilder,
    credentials: metapack_tracking::Credentials::basic(USER, PASSWORD),
}

pub use metapack_testkit::*;
