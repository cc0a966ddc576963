//! Setters and checks of single fields, shared by the builders.

use super::error::BuildError;

/// Setters of optional text fields on a builder wrapping a generated value (`self.inner`).
macro_rules! text_setters {
    ($($(#[$doc:meta])* $name:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, value: impl Into<String>) -> Self {
                self.inner.$name = Some(value.into());
                self
            }
        )*
    };
}
pub(crate) use text_setters;

/// The value of a required text field, or [`BuildError::Missing`] when absent or blank.
pub(super) fn required(field: &str, value: Option<String>) -> Result<String, BuildError> {
    match value {
        Some(value) if !value.trim().is_empty() => Ok(value),
        _ => Err(BuildError::Missing(field.to_owned())),
    }
}

/// The value of a required field, or [`BuildError::Missing`].
pub(super) fn present<T>(field: &str, value: Option<T>) -> Result<T, BuildError> {
    value.ok_or_else(|| BuildError::Missing(field.to_owned()))
}
