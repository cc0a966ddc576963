//! [`Secret`]: a string that never shows up in `Debug`, `Display` or logs.

use std::fmt;

/// A secret value (password, API key, bearer token).
///
/// `Debug` prints `Secret(<redacted>)` and `Display` prints `<redacted>`;
/// the value is only reachable through [`Secret::expose`].
///
/// ```
/// use metapack_core::Secret;
///
/// let key = Secret::new("s3cr3t");
/// assert_eq!(key.expose(), "s3cr3t");
/// assert_eq!(format!("{key:?}"), "Secret(<redacted>)");
/// assert_eq!(key.to_string(), "<redacted>");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the secret value. Do not log or display it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
