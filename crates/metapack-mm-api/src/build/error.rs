//! [`BuildError`]: what a builder's `build()` refused.

use std::fmt;

/// Why a builder could not produce its value. The field is named by its path on the wire
/// (`receiver.address.country`, `logisticsUnits[0].tradeItems[1].quantity`), as in the
/// server's constraint violations.
///
/// Converts into [`metapack_core::Error::InvalidRequest`] (with the field), so `?` works in
/// functions returning the client's error.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// A mandatory field was not set, or only to blank text.
    Missing(String),
    /// A field was set to a value the API refuses.
    Invalid {
        /// The field's path, as on the wire.
        field: String,
        /// What is wrong and what is expected.
        message: String,
    },
}

impl BuildError {
    /// The path of the field at fault, as on the wire.
    pub fn field(&self) -> &str {
        match self {
            BuildError::Missing(field) | BuildError::Invalid { field, .. } => field,
        }
    }

    /// The same error about a field of the part at `prefix` (`receiver.address`).
    #[must_use]
    pub fn within(self, prefix: &str) -> Self {
        let nest = |field: String| format!("{prefix}.{field}");
        match self {
            BuildError::Missing(field) => BuildError::Missing(nest(field)),
            BuildError::Invalid { field, message } => BuildError::Invalid {
                field: nest(field),
                message,
            },
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Missing(field) => write!(f, "`{field}` is required but was not set"),
            BuildError::Invalid { field, message } => write!(f, "`{field}`: {message}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<BuildError> for metapack_core::Error {
    fn from(err: BuildError) -> Self {
        metapack_core::Error::invalid_field(err.field().to_owned(), err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_prefixes_the_path_and_display_names_it() {
        let err = BuildError::Missing("country".into()).within("receiver.address");
        assert_eq!(err.field(), "receiver.address.country");
        assert_eq!(
            err.to_string(),
            "`receiver.address.country` is required but was not set"
        );
        let err = BuildError::Invalid {
            field: "quantity".into(),
            message: "must be more than 0".into(),
        }
        .within("logisticsUnits[0].tradeItems[1]");
        assert_eq!(
            err.to_string(),
            "`logisticsUnits[0].tradeItems[1].quantity`: must be more than 0"
        );
        let core: metapack_core::Error = err.into();
        assert!(
            matches!(&core, metapack_core::Error::InvalidRequest { field: Some(f), .. } if f == "logisticsUnits[0].tradeItems[1].quantity"),
            "{core:?}"
        );
    }
}
