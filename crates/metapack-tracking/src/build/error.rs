//! [`BuildError`]: what a builder's `build()` refused.

use std::fmt;

/// Why a builder could not produce its request. The field is named as on the wire
/// (`trackingIdentifier`, `eventCode`), so the message matches the API's own.
///
/// Converts into [`metapack_core::Error::InvalidRequest`] (with the field), so `?` works in
/// functions returning the client's [`Error`](crate::Error).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// A mandatory field was not set, or only to blank text.
    Missing(String),
    /// A field was set to a value the API refuses.
    Invalid {
        /// The field, as on the wire.
        field: String,
        /// What is wrong and what is expected.
        message: String,
    },
}

impl BuildError {
    /// The field at fault, as on the wire.
    pub fn field(&self) -> &str {
        match self {
            BuildError::Missing(field) | BuildError::Invalid { field, .. } => field,
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
    fn display_names_the_field() {
        let missing = BuildError::Missing("eventDate".into());
        assert_eq!(
            missing.to_string(),
            "`eventDate` is required but was not set"
        );
        assert_eq!(missing.field(), "eventDate");
        let invalid = BuildError::Invalid {
            field: "eventCode".into(),
            message: "not documented".into(),
        };
        assert_eq!(invalid.to_string(), "`eventCode`: not documented");
    }

    #[test]
    fn converts_into_an_invalid_request() {
        let err: metapack_core::Error = BuildError::Missing("deliveryRef".into()).into();
        match err {
            metapack_core::Error::InvalidRequest { field, message, .. } => {
                assert_eq!(field.as_deref(), Some("deliveryRef"));
                assert!(message.contains("deliveryRef"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
