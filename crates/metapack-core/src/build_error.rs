//! [`BuildError`]: what a request builder's `build()` refused, shared by every API crate's
//! fluent builders.

use std::fmt;

use crate::Error;

/// Why a builder could not produce its request. The field is named by its path on the wire
/// (`recipient.address.postCode`, `logisticsUnits[0].tradeItems[1].quantity`,
/// `eventTimeZone`), as in the APIs' own validation messages.
///
/// Converts into [`Error::InvalidRequest`] with the field, so `?` works in functions returning
/// a client's [`Error`]; [`Error::refusal`] gives the `BuildError` back.
///
/// ```
/// use metapack_core::{BuildError, Error};
///
/// let missing = BuildError::Missing("postCode".into()).within("recipient.address");
/// assert_eq!(missing.field(), "recipient.address.postCode");
/// assert_eq!(missing.to_string(), "`recipient.address.postCode` is required but was not set");
///
/// let error = Error::from(missing.clone());
/// assert_eq!(error.refusal::<BuildError>(), Some(&missing));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// A mandatory field was not set, or only to blank text.
    Missing(String),
    /// A field was set to a value the API refuses.
    Invalid {
        /// The field's path, as on the wire.
        field: String,
        /// What is wrong and what to send instead.
        message: String,
    },
}

impl BuildError {
    /// A field set to a value the API refuses, with what to send instead.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        BuildError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

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

impl From<BuildError> for Error {
    fn from(error: BuildError) -> Self {
        Error::invalid_field_with(error.field().to_owned(), error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_prefixes_the_path_and_display_names_it() {
        let err = BuildError::invalid("quantity", "must be more than 0")
            .within("logisticsUnits[0].tradeItems[1]");
        assert_eq!(err.field(), "logisticsUnits[0].tradeItems[1].quantity");
        assert_eq!(
            err.to_string(),
            "`logisticsUnits[0].tradeItems[1].quantity`: must be more than 0"
        );
    }

    #[test]
    fn converts_into_an_invalid_request_naming_the_field() {
        let err = Error::from(BuildError::Missing("deliveryRef".into()));
        match &err {
            Error::InvalidRequest { field, message, .. } => {
                assert_eq!(field.as_deref(), Some("deliveryRef"));
                assert!(message.contains("deliveryRef"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            err.refusal::<BuildError>(),
            Some(&BuildError::Missing("deliveryRef".into()))
        );
    }
}
