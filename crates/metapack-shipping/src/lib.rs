//! A typed, retrying client for Metapack's Shipping API (work in progress).
#![forbid(unsafe_code)]

#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
mod generated;

/// Typed httpmock helpers for every operation.
#[cfg(feature = "mock")]
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
#[path = "generated_mock.rs"]
pub mod mock;

metapack_core::impl_client_hooks!(generated::Client);
