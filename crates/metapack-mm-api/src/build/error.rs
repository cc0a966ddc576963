//! [`BuildError`]: what a builder's `build()` refused (shared with the other API crates).

pub use metapack_core::BuildError;
