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

use metapack_core::Error;

/// Why a builder refused to build: the field is named by its path in the builder
/// (`recipient.address.postCode`, `parcels[0].items[1].countryOfOrigin`), with the API's
/// spelling of each field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A field the request needs was not set.
    #[error("{0} is missing: set it before build()")]
    Missing(String),
    /// A field was set to a value the API does not take.
    #[error("{field} is invalid: {reason}")]
    Invalid {
        /// The field, as in [`BuildError::Missing`].
        field: String,
        /// What is wrong and what to send instead.
        reason: String,
    },
}

impl BuildError {
    /// The path of the field at fault.
    pub fn field(&self) -> &str {
        match self {
            BuildError::Missing(field) => field,
            BuildError::Invalid { field, .. } => field,
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        BuildError::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// A build error becomes [`Error::InvalidRequest`] naming the field, so `?` works in functions
/// returning the client's [`Error`].
impl From<BuildError> for Error {
    fn from(error: BuildError) -> Self {
        Error::invalid_field(error.field().to_owned(), error.to_string())
    }
}

#[cfg(test)]
mod tests;
