//! Fluent builders for the requests most programs send: a consignment
//! ([`ConsignmentBuilder`], with [`AddressBuilder`], [`ParcelBuilder`] and [`ItemBuilder`]) and
//! a manifest ([`ManifestBuilder`]). Paperwork options are [`PaperworkOptions`](crate::PaperworkOptions).
//!
//! Every setter takes `impl Into<String>` or the natural type (kilograms and centimetres as
//! `f64`, an amount and its currency), nested values take their builder or the generated value
//! directly, and `build()` checks what the builder's reading of Metapack's docs needs, naming
//! the field in a [`BuildError`]. The result is the generated request type, so the raw types
//! stay available for everything else.

mod checks;
mod consignment;
mod manifest;

pub use consignment::{AddressBuilder, ConsignmentBuilder, ItemBuilder, ParcelBuilder};
pub use manifest::ManifestBuilder;

pub use metapack_core::BuildError;

#[cfg(test)]
mod tests;
