//! [`ErrorCode`]: Metapack's machine-readable error codes and their
//! [`ErrorCategory`].
//!
//! Two code schemes exist: `PS-nnnn` (platform services; the number mirrors
//! the HTTP status, e.g. `PS-0400`) and the MM-API's `O-FAM-nnnn`
//! (e.g. `O-VAL-2001`). Anything else is kept verbatim in
//! [`ErrorCode::Other`]. Only canonical spellings (upper case, four digits)
//! are parsed into the structured variants, so the string form always
//! round-trips.

use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A Metapack error code. Parsing never fails.
///
/// ```
/// use metapack_core::{ErrorCategory, ErrorCode};
/// use metapack_core::error_code::MmFamily;
///
/// assert_eq!(ErrorCode::parse("PS-0401"), ErrorCode::Ps(401));
/// let code = ErrorCode::parse("O-VAL-2001");
/// assert_eq!(code, ErrorCode::Mm { family: MmFamily::Val, number: 2001 });
/// assert_eq!(code.category(), ErrorCategory::UnsupportedMedia);
/// assert_eq!(code.to_string(), "O-VAL-2001");
/// assert_eq!(ErrorCode::parse("weird").as_str(), "weird");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `PS-nnnn`, e.g. `PS-0400` is `Ps(400)`.
    Ps(u16),
    /// MM-API code `O-<family>-nnnn`, e.g. `O-VAL-2001`.
    Mm {
        /// The three-letter family (`VAL`, `NFO`, ...).
        family: MmFamily,
        /// The four-digit number.
        number: u16,
    },
    /// Any other code, exactly as received.
    Other(String),
}

/// Family of an MM-API error code (`O-<family>-nnnn`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MmFamily {
    /// `VAL`: validation.
    Val,
    /// `NFO`: not found.
    Nfo,
    /// `ALE`: allocation.
    Ale,
    /// `COL`: collection conflicts.
    Col,
    /// `INT`: integration / authentication (`O-INT-1000` is "unauthorized").
    Int,
    /// Any other upper-case family, as received.
    Other(String),
}

impl MmFamily {
    /// The family as it appears in the code (`"VAL"`).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Val => "VAL",
            Self::Nfo => "NFO",
            Self::Ale => "ALE",
            Self::Col => "COL",
            Self::Int => "INT",
            Self::Other(s) => s,
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "VAL" => Self::Val,
            "NFO" => Self::Nfo,
            "ALE" => Self::Ale,
            "COL" => Self::Col,
            "INT" => Self::Int,
            _ if (2..=5).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase()) => {
                Self::Other(s.to_owned())
            }
            _ => return None,
        })
    }
}

/// Broad kind of an API error, for handling errors without matching codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCategory {
    /// The request was malformed or failed validation.
    Validation,
    /// Missing or invalid credentials.
    Auth,
    /// Authenticated but not allowed.
    Forbidden,
    /// The resource does not exist.
    NotFound,
    /// Conflicts with the resource's current state.
    Conflict,
    /// No carrier service could be allocated.
    Allocation,
    /// The request's content type is not accepted.
    UnsupportedMedia,
    /// The server failed; retrying may help.
    Server,
    /// Anything else.
    Other,
}

impl ErrorCategory {
    /// The category implied by an HTTP status alone.
    pub fn from_status(status: u16) -> Self {
        match status {
            400 | 422 => Self::Validation,
            401 => Self::Auth,
            403 => Self::Forbidden,
            404 | 410 => Self::NotFound,
            409 | 412 => Self::Conflict,
            415 => Self::UnsupportedMedia,
            500..=599 => Self::Server,
            _ => Self::Other,
        }
    }
}

impl ErrorCode {
    /// Parses a code; unknown shapes are kept verbatim in [`ErrorCode::Other`].
    pub fn parse(s: &str) -> Self {
        Self::parse_structured(s).unwrap_or_else(|| Self::Other(s.to_owned()))
    }

    fn parse_structured(s: &str) -> Option<Self> {
        if let Some(num) = s.strip_prefix("PS-") {
            return Some(Self::Ps(four_digits(num)?));
        }
        let (family, num) = s.strip_prefix("O-")?.split_once('-')?;
        Some(Self::Mm {
            family: MmFamily::parse(family)?,
            number: four_digits(num)?,
        })
    }

    /// The code's text, identical to what was parsed.
    pub fn as_str(&self) -> Cow<'_, str> {
        match self {
            Self::Other(s) => Cow::Borrowed(s),
            _ => Cow::Owned(self.to_string()),
        }
    }

    /// The code's category; [`ErrorCategory::Other`] for unknown codes
    /// (see [`ApiError::category`](crate::ApiError::category), which falls
    /// back to the HTTP status).
    pub fn category(&self) -> ErrorCategory {
        match self {
            Self::Ps(n) => ErrorCategory::from_status(*n),
            Self::Mm { family, number } => match family {
                MmFamily::Val if *number == 2001 => ErrorCategory::UnsupportedMedia,
                MmFamily::Val => ErrorCategory::Validation,
                MmFamily::Nfo => ErrorCategory::NotFound,
                MmFamily::Ale => ErrorCategory::Allocation,
                MmFamily::Col => ErrorCategory::Conflict,
                MmFamily::Int => ErrorCategory::Auth,
                MmFamily::Other(_) => ErrorCategory::Other,
            },
            Self::Other(_) => ErrorCategory::Other,
        }
    }

    /// Whether the code denotes a server-side failure worth retrying.
    pub fn is_retryable(&self) -> bool {
        self.category() == ErrorCategory::Server
    }
}

fn four_digits(s: &str) -> Option<u16> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ps(n) => write!(f, "PS-{n:04}"),
            Self::Mm { family, number } => write!(f, "O-{}-{number:04}", family.as_str()),
            Self::Other(s) => f.write_str(s),
        }
    }
}

impl FromStr for ErrorCode {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Self, Infallible> {
        Ok(Self::parse(s))
    }
}

impl From<&str> for ErrorCode {
    fn from(s: &str) -> Self {
        Self::parse(s)
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Self::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ErrorCategory as C;

    #[test]
    fn parses_categorizes_and_round_trips() {
        let cases = [
            ("PS-0400", ErrorCode::Ps(400), C::Validation, false),
            ("PS-0401", ErrorCode::Ps(401), C::Auth, false),
            ("PS-0403", ErrorCode::Ps(403), C::Forbidden, false),
            ("PS-0404", ErrorCode::Ps(404), C::NotFound, false),
            ("PS-0409", ErrorCode::Ps(409), C::Conflict, false),
            ("PS-0415", ErrorCode::Ps(415), C::UnsupportedMedia, false),
            ("PS-0500", ErrorCode::Ps(500), C::Server, true),
            ("PS-0503", ErrorCode::Ps(503), C::Server, true),
            (
                "O-VAL-2001",
                mm(MmFamily::Val, 2001),
                C::UnsupportedMedia,
                false,
            ),
            ("O-VAL-2002", mm(MmFamily::Val, 2002), C::Validation, false),
            ("O-INT-1000", mm(MmFamily::Int, 1000), C::Auth, false),
            ("O-ALE-4001", mm(MmFamily::Ale, 4001), C::Allocation, false),
            ("O-NFO-3000", mm(MmFamily::Nfo, 3000), C::NotFound, false),
            ("O-COL-0042", mm(MmFamily::Col, 42), C::Conflict, false),
            (
                "O-XYZ-0001",
                mm(MmFamily::Other("XYZ".into()), 1),
                C::Other,
                false,
            ),
        ];
        for (text, code, category, retryable) in cases {
            let parsed = ErrorCode::parse(text);
            assert_eq!(parsed, code, "{text}");
            assert_eq!(parsed.category(), category, "{text}");
            assert_eq!(parsed.is_retryable(), retryable, "{text}");
            assert_eq!(parsed.to_string(), text);
            assert_eq!(parsed.as_str(), text);
        }
    }

    #[test]
    fn unknown_codes_are_kept_verbatim() {
        for text in [
            "ps-0400",
            "PS-400",
            "PS-04000",
            "O-val-2001",
            "O-VAL-201",
            "O--1",
            "E42",
            "",
            "PS-",
            "O-VAL-20a1",
        ] {
            let parsed = ErrorCode::parse(text);
            assert_eq!(parsed, ErrorCode::Other(text.to_owned()), "{text}");
            assert_eq!(parsed.to_string(), text);
            assert_eq!(parsed.as_str(), text);
            assert_eq!(parsed.category(), C::Other);
            assert!(!parsed.is_retryable());
        }
    }

    #[test]
    fn serde_uses_strings() {
        let code: ErrorCode = serde_json::from_str(r#""O-ALE-4001""#).expect("de");
        assert_eq!(code, mm(MmFamily::Ale, 4001));
        assert_eq!(
            serde_json::to_string(&ErrorCode::Ps(415)).expect("ser"),
            r#""PS-0415""#
        );
        let other: ErrorCode = serde_json::from_str(r#""Nope\n""#).expect("de other");
        assert_eq!(serde_json::to_string(&other).expect("ser"), r#""Nope\n""#);
    }

    #[test]
    fn category_from_status() {
        assert_eq!(C::from_status(400), C::Validation);
        assert_eq!(C::from_status(401), C::Auth);
        assert_eq!(C::from_status(502), C::Server);
        assert_eq!(C::from_status(429), C::Other);
        assert_eq!(C::from_status(200), C::Other);
    }

    fn mm(family: MmFamily, number: u16) -> ErrorCode {
        ErrorCode::Mm { family, number }
    }
}
