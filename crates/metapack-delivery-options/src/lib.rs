//! A typed, validated client for Metapack's Delivery Options API (work in progress).
#![forbid(unsafe_code)]

#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
mod generated;

/// Typed httpmock helpers for `GET /find`.
#[cfg(feature = "mock")]
#[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
#[path = "generated_mock.rs"]
pub mod mock;

metapack_core::impl_client_hooks!(generated::Client);

/// Request and response models of the Delivery Options API.
pub mod types {
    pub use crate::generated::enums::*;
    pub use crate::generated::types::*;
    /// Builders for the request and response models.
    pub mod builder {
        pub use crate::generated::types::builder::*;
    }
}

/// The generated client and its request builder.
pub mod raw {
    pub use crate::generated::Client;
    pub use crate::generated::builder;
}
