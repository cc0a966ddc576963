//! [`Error`], the one error type of every metapack-rs client, and
//! [`ApiError`], the parsed form of an error response.

use std::fmt;

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::{ErrorCategory, ErrorCode};

/// Raw error bodies are kept up to this many bytes in [`ApiError::body`].
pub const MAX_ERROR_BODY: usize = 4 * 1024;

/// Everything that can go wrong in a call.
///
/// Messages never contain credentials: URLs are reported without their
/// query string.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The request could not be sent or the response could not be read.
    #[error("transport error: {message}")]
    Transport {
        /// What failed.
        message: String,
        /// The underlying error, if any.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A timeout (per attempt or overall) elapsed.
    #[error("request timed out: {message}")]
    Timeout {
        /// What timed out.
        message: String,
    },
    /// A success response did not match the expected schema.
    #[error("could not decode response at `{path}`: {message}")]
    Decode {
        /// Path to the offending JSON value (e.g. `items[0].status`); `.` for the root.
        path: String,
        /// The decoder's message.
        message: String,
        /// The beginning of the response body.
        body_snippet: String,
    },
    /// The request was rejected before it was sent (bad input or configuration).
    #[error("invalid request: {message}")]
    InvalidRequest {
        /// What to fix.
        message: String,
        /// The offending field or parameter, when known.
        field: Option<String>,
        /// Structured details, when the check produced any (e.g. the MM-API's constraint
        /// violations, in the shape the server would send); `Null` otherwise.
        details: serde_json::Value,
    },
}

impl Error {
    /// An [`Error::InvalidRequest`] without a field.
    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::InvalidRequest {
            message: message.into(),
            field: None,
            details: serde_json::Value::Null,
        }
    }

    /// An [`Error::InvalidRequest`] about one field or parameter (named as on the wire).
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::InvalidRequest {
            message: message.into(),
            field: Some(field.into()),
            details: serde_json::Value::Null,
        }
    }

    /// The HTTP status, for [`Error::Api`].
    pub fn status(&self) -> Option<u16> {
        self.api().map(|e| e.status)
    }

    /// The Metapack error code, for [`Error::Api`] with a code.
    pub fn code(&self) -> Option<&ErrorCode> {
        self.api().and_then(|e| e.code.as_ref())
    }

    /// The error category, for [`Error::Api`].
    pub fn category(&self) -> Option<ErrorCategory> {
        self.api().map(ApiError::category)
    }

    /// The parsed error response, for [`Error::Api`].
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(e) => Some(e),
            _ => None,
        }
    }

    /// Whether trying the same call again later might succeed: transport
    /// failures, timeouts, and API errors with status 408/429/5xx.
    ///
    /// The runtime has already retried what was safe to retry; this is a
    /// hint for callers with their own, longer-term retry logic.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(e) => e.is_retryable(),
            Self::Transport { .. } | Self::Timeout { .. } => true,
            Self::Decode { .. } | Self::InvalidRequest { .. } => false,
        }
    }

    /// Converts a reqwest error, keeping URLs' query strings out of messages.
    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        let message = describe_reqwest(&e);
        if e.is_builder() {
            Self::invalid_request(message)
        } else if e.is_timeout() {
            Self::Timeout { message }
        } else {
            Self::Transport {
                message,
                source: Some(Box::new(e.without_url())),
            }
        }
    }
}

/// Refuses a blank `value` (empty or only white space) with an [`Error::InvalidRequest`]
/// naming `field`: a blank path parameter would address another resource, or none.
///
/// ```
/// use metapack_core::error::not_blank;
/// assert!(not_blank("consignmentCode", "DMC123").is_ok());
/// assert_eq!(not_blank("consignmentCode", " ").unwrap_err().to_string().contains("consignmentCode"), true);
/// ```
pub fn not_blank(field: &str, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid_field(
            field,
            format!("{field} must not be blank"),
        ));
    }
    Ok(())
}

/// A transport failure (connect, timeout, body read) or a request that could not be built,
/// with URLs' query strings kept out of the message.
impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        Self::from_reqwest(e)
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Self::Api(Box::new(e))
    }
}

/// A parsed error response.
///
/// ```
/// use metapack_core::{ApiError, ErrorCategory, ErrorCode};
/// use reqwest::header::HeaderMap;
///
/// let body = br#"{"errorCode":"PS-0400","message":"bad postcode","traceId":"t-1"}"#;
/// let err = ApiError::from_parts(400, &HeaderMap::new(), body);
/// assert_eq!(err.code, Some(ErrorCode::Ps(400)));
/// assert_eq!(err.category(), ErrorCategory::Validation);
/// assert_eq!(err.to_string(), "HTTP 400 PS-0400: bad postcode (trace id t-1)");
/// ```
#[derive(Clone, Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// `errorCode` (or `code`) from the body.
    pub code: Option<ErrorCode>,
    /// Human-readable `message`.
    pub message: Option<String>,
    /// `systemMessage`: more technical detail.
    pub system_message: Option<String>,
    /// `traceId` (MM-API: `correlationID`) from the body, or the `x-trace-id` / `traceid`
    /// header.
    pub trace_id: Option<String>,
    /// `timestamp` from the body.
    pub timestamp: Option<String>,
    /// Raw body (lossy UTF-8), truncated to [`MAX_ERROR_BODY`] bytes.
    pub body: String,
    /// The full parsed JSON body, or `Null` if it was not JSON.
    pub details: Value,
}

impl ApiError {
    /// Builds an `ApiError` from a response. Never fails: bodies that are
    /// not JSON (gateway HTML, empty) keep only the status and raw body.
    pub fn from_parts(status: u16, headers: &HeaderMap, body: &[u8]) -> Self {
        let details: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let object = match &details {
            Value::Object(map) => Some(map),
            Value::Array(items) => items.iter().find_map(Value::as_object),
            _ => None,
        };
        let field = |keys: &[&str]| {
            object.and_then(|map| keys.iter().find_map(|k| map.get(*k).and_then(scalar)))
        };
        let header = |names: &[&str]| {
            names.iter().find_map(|n| {
                let v = headers.get(*n)?.to_str().ok()?.trim();
                (!v.is_empty()).then(|| v.to_owned())
            })
        };
        Self {
            status,
            code: field(&["errorCode", "code"]).map(|c| ErrorCode::parse(&c)),
            message: field(&["message"]),
            system_message: field(&["systemMessage"]),
            trace_id: field(&["traceId", "traceID", "correlationID", "correlationId"])
                .or_else(|| header(&["x-trace-id", "traceid"])),
            timestamp: field(&["timestamp"]),
            body: truncate(&String::from_utf8_lossy(body), MAX_ERROR_BODY),
            details,
        }
    }

    /// The code's category, falling back to the HTTP status when the code is
    /// missing or unknown.
    pub fn category(&self) -> ErrorCategory {
        match self.code.as_ref().map(ErrorCode::category) {
            Some(ErrorCategory::Other) | None => ErrorCategory::from_status(self.status),
            Some(category) => category,
        }
    }

    /// Whether a later retry might succeed (408, 429, or a server error by status or code).
    /// The status decides first: the MM-API sends `O-INT-1000` with 401 and with 500/503.
    pub fn is_retryable(&self) -> bool {
        matches!(self.status, 408 | 429 | 500..=599) || self.category() == ErrorCategory::Server
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        let reason = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason());
        let summary = self
            .message
            .as_deref()
            .or(self.system_message.as_deref())
            .or(reason)
            .unwrap_or("no error message");
        write!(f, ": {summary}")?;
        if let Some(trace) = &self.trace_id {
            write!(f, " (trace id {trace})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Truncates to at most `max` bytes on a character boundary.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

/// Describes a reqwest error and its causes without any URL query string.
pub(crate) fn describe_reqwest(e: &reqwest::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    strip_queries(&message)
}

/// Removes query strings from anything that looks like a URL.
pub(crate) fn strip_queries(text: &str) -> String {
    text.split(' ')
        .map(|word| match (word.find("://"), word.find('?')) {
            (Some(scheme), Some(query)) if query > scheme => {
                let tail = word[query..]
                    .trim_end_matches([')', ']', '>', ':', ',', ';', '"', '\''])
                    .len();
                format!("{}{}", &word[..query], &word[query + tail..])
            }
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn from_json_body() {
        let body = br#"{"message":"Invalid parcel","errorCode":"O-VAL-2002","systemMessage":"field x","traceID":"abc","timestamp":"2019-08-24T14:15:22Z","extra":[1]}"#;
        let e = ApiError::from_parts(400, &HeaderMap::new(), body);
        assert_eq!(e.status, 400);
        assert_eq!(e.code, Some(ErrorCode::parse("O-VAL-2002")));
        assert_eq!(e.message.as_deref(), Some("Invalid parcel"));
        assert_eq!(e.system_message.as_deref(), Some("field x"));
        assert_eq!(e.trace_id.as_deref(), Some("abc"));
        assert_eq!(e.timestamp.as_deref(), Some("2019-08-24T14:15:22Z"));
        assert_eq!(e.details["extra"][0], 1);
        assert_eq!(e.category(), ErrorCategory::Validation);
        assert_eq!(
            e.to_string(),
            "HTTP 400 O-VAL-2002: Invalid parcel (trace id abc)"
        );
        assert!(!e.is_retryable());
    }

    #[test]
    fn code_key_and_header_trace_id() {
        let mut headers = HeaderMap::new();
        headers.insert("x-trace-id", HeaderValue::from_static("hdr-trace"));
        let e = ApiError::from_parts(
            500,
            &headers,
            br#"{"code":"PS-0500","systemMessage":"db down"}"#,
        );
        assert_eq!(e.code, Some(ErrorCode::Ps(500)));
        assert_eq!(e.trace_id.as_deref(), Some("hdr-trace"));
        assert_eq!(
            e.to_string(),
            "HTTP 500 PS-0500: db down (trace id hdr-trace)"
        );
        assert!(e.is_retryable());
        let err = Error::from(e);
        assert_eq!(err.status(), Some(500));
        assert_eq!(err.code(), Some(&ErrorCode::Ps(500)));
        assert!(err.is_retryable());
    }

    #[test]
    fn mm_api_correlation_id_and_status_first_retryability() {
        let body = br#"{"httpStatus":"503","code":"O-INT-1000","correlationID":"c-9"}"#;
        let e = ApiError::from_parts(503, &HeaderMap::new(), body);
        assert_eq!(e.trace_id.as_deref(), Some("c-9"));
        assert_eq!(e.category(), ErrorCategory::Auth, "the code's family");
        assert!(e.is_retryable(), "a 503 is retryable whatever the code");
        let e = ApiError::from_parts(401, &HeaderMap::new(), body);
        assert!(!e.is_retryable());
    }

    #[test]
    fn html_gateway_body() {
        let html = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        let mut headers = HeaderMap::new();
        headers.insert("traceid", HeaderValue::from_static("gw-1"));
        let e = ApiError::from_parts(502, &headers, html);
        assert_eq!(e.code, None);
        assert_eq!(e.message, None);
        assert_eq!(e.details, Value::Null);
        assert!(e.body.contains("502 Bad Gateway"));
        assert_eq!(e.category(), ErrorCategory::Server);
        assert_eq!(e.to_string(), "HTTP 502: Bad Gateway (trace id gw-1)");
    }

    #[test]
    fn empty_and_huge_bodies() {
        let e = ApiError::from_parts(404, &HeaderMap::new(), b"");
        assert_eq!(e.body, "");
        assert_eq!(e.category(), ErrorCategory::NotFound);
        assert_eq!(e.to_string(), "HTTP 404: Not Found");
        let e = ApiError::from_parts(499, &HeaderMap::new(), b"   ");
        assert_eq!(e.to_string(), "HTTP 499: no error message");

        let big = "é".repeat(5000);
        let e = ApiError::from_parts(400, &HeaderMap::new(), big.as_bytes());
        assert!(e.body.len() <= MAX_ERROR_BODY && e.body.len() > MAX_ERROR_BODY - 4);
    }

    #[test]
    fn unknown_code_falls_back_to_status() {
        let e = ApiError::from_parts(
            409,
            &HeaderMap::new(),
            br#"[{"errorCode":"XYZ","message":"dup"}]"#,
        );
        assert_eq!(e.code, Some(ErrorCode::Other("XYZ".into())));
        assert_eq!(e.category(), ErrorCategory::Conflict);
        assert_eq!(e.message.as_deref(), Some("dup"));
    }

    #[test]
    fn query_strings_are_stripped() {
        assert_eq!(
            strip_queries("error sending request for url (http://h/p?key=SECRET&a=b): boom"),
            "error sending request for url (http://h/p): boom"
        );
        assert_eq!(strip_queries("what? no url"), "what? no url");
    }
}
