//! [`Error`], the one error type of every metapack-rs client, and
//! [`ApiError`], the parsed form of an error response.

use std::fmt;

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::request_info::{self, Delivery, RequestInfo};
use crate::{ErrorCategory, ErrorCode};

/// Raw error bodies are kept up to this many bytes in [`ApiError::body`].
pub const MAX_ERROR_BODY: usize = 4 * 1024;

/// `Display` and `Debug` shorten a message, system message or body snippet to about this many
/// bytes (on a character boundary, marked with `…`); the fields keep the whole text.
pub const MAX_SHOWN_TEXT: usize = 300;

/// Everything that can go wrong in a call.
///
/// Messages never contain credentials: URLs are reported without their
/// query string.
///
/// `Display` is one line meant for people: for an API error the status, Metapack's code, the
/// message, the `systemMessage` (which usually says what to do) and the trace id to quote
/// to support. `Debug` is compact: the parsed fields once, the raw body only when it was not
/// JSON.
///
/// Before sending a failed call again, ask [`Error::is_retryable`]; when it says no, ask
/// [`Error::may_have_reached_server`] (see there for how to repeat a create safely).
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
        /// Whether the request may have reached the server.
        delivery: Delivery,
        /// The request, when the runtime sent it.
        request: Option<RequestInfo>,
    },
    /// A timeout (per attempt or overall) elapsed.
    #[error("request timed out: {message}")]
    Timeout {
        /// What timed out.
        message: String,
        /// Whether the request may have reached the server ([`Delivery::NotSent`] for a
        /// connect timeout).
        delivery: Delivery,
        /// The request, when the runtime sent it.
        request: Option<RequestInfo>,
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
    /// The answer's body was larger than the client's limit
    /// ([`ResponseLimits`](crate::ResponseLimits)): the rest was not read, and the connection
    /// was closed. Not retried: the same answer would come again. Raise the limit on the
    /// client's builder if answers this large are expected.
    #[error(
        "response body larger than the limit of {limit} bytes{}",
        content_length.map(|l| format!(" (Content-Length {l})")).unwrap_or_default()
    )]
    BodyTooLarge {
        /// The limit, in bytes.
        limit: u64,
        /// The `Content-Length` the server announced, if any.
        content_length: Option<u64>,
        /// The request, when the runtime sent it.
        request: Option<RequestInfo>,
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
        /// The refusal as the API crate's own typed error, when it has one (Delivery Options:
        /// its `FindError`), whose `Display` is `message`. Read it back with
        /// [`Error::refusal`] or the crate's helper. It is not the error's
        /// [`source`](std::error::Error::source): `message` already says everything it says,
        /// and error reporters would print it twice.
        refusal: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl Error {
    /// An [`Error::InvalidRequest`] without a field.
    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::InvalidRequest {
            message: message.into(),
            field: None,
            details: serde_json::Value::Null,
            refusal: None,
        }
    }

    /// An [`Error::InvalidRequest`] about one field or parameter (named as on the wire).
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::InvalidRequest {
            message: message.into(),
            field: Some(field.into()),
            details: serde_json::Value::Null,
            refusal: None,
        }
    }

    /// An [`Error::InvalidRequest`] about `field` (named as on the wire) that keeps the typed
    /// `refusal` it comes from; its `Display` becomes the message. Read it back with
    /// [`Error::refusal`].
    ///
    /// ```
    /// use metapack_core::Error;
    ///
    /// #[derive(Debug, PartialEq, thiserror::Error)]
    /// #[error("radius must be at most 100000 metres")]
    /// struct RadiusTooLarge;
    ///
    /// let err = Error::invalid_field_with("radius", RadiusTooLarge);
    /// assert_eq!(err.to_string(), "invalid request: radius must be at most 100000 metres");
    /// assert_eq!(err.refusal::<RadiusTooLarge>(), Some(&RadiusTooLarge));
    /// assert_eq!(err.refusal::<std::fmt::Error>(), None);
    /// ```
    pub fn invalid_field_with<E>(field: impl Into<String>, refusal: E) -> Self
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        Self::InvalidRequest {
            message: refusal.to_string(),
            field: Some(field.into()),
            details: serde_json::Value::Null,
            refusal: Some(Box::new(refusal)),
        }
    }

    /// The typed refusal of an [`Error::InvalidRequest`], when it has one of type `E` (see
    /// [`Error::invalid_field_with`]); `None` for every other error.
    pub fn refusal<E: std::error::Error + 'static>(&self) -> Option<&E> {
        match self {
            Self::InvalidRequest {
                refusal: Some(refusal),
                ..
            } => refusal.downcast_ref(),
            _ => None,
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

    /// The request behind the error, when the runtime sent it (errors built by hand, e.g.
    /// with [`ApiError::from_parts`], have none).
    pub fn request(&self) -> Option<&RequestInfo> {
        match self {
            Self::Api(e) => e.request.as_ref(),
            Self::Transport { request, .. }
            | Self::Timeout { request, .. }
            | Self::BodyTooLarge { request, .. } => request.as_ref(),
            Self::Decode { .. } | Self::InvalidRequest { .. } => None,
        }
    }

    /// Whether the request may have reached the server; see [`Error::may_have_reached_server`].
    pub fn delivery(&self) -> Delivery {
        match self {
            Self::Transport { delivery, .. } | Self::Timeout { delivery, .. } => *delivery,
            Self::InvalidRequest { .. } => Delivery::NotSent,
            // Something answered: the server, or a proxy in front of it.
            Self::Api(_) | Self::Decode { .. } | Self::BodyTooLarge { .. } => {
                Delivery::MayHaveReached
            }
        }
    }

    /// Whether the request may have reached the server and been acted on, so that sending
    /// it again might do the work twice.
    ///
    /// `false` only when it certainly did not: it was refused before sending
    /// ([`Error::InvalidRequest`]), or the connection failed before any of it was sent (DNS,
    /// connection refused, TLS handshake, connect timeout). `true` for everything else: a
    /// timeout or reset after sending, and every answer, even a 429 or 503 (a proxy may send
    /// one after the server created the consignment).
    ///
    /// A create (a POST) is safe to send again only when this is `false`. Otherwise look it
    /// up first, e.g. search consignments by the order reference you gave it, and create it
    /// only if nothing is found:
    ///
    /// ```
    /// use metapack_core::{ApiError, Delivery, Error};
    ///
    /// #[derive(Debug, PartialEq)]
    /// enum Next {
    ///     /// Send the same request again (after a pause).
    ///     SendAgain,
    ///     /// It may have been created: search by order reference before creating again.
    ///     LookUpFirst,
    ///     /// Sending it again would fail the same way.
    ///     GiveUp,
    /// }
    ///
    /// fn after_failed_create(e: &Error) -> Next {
    ///     if e.is_retryable() {
    ///         // Nothing reached the server, or the operation is safe to repeat.
    ///         Next::SendAgain
    ///     } else if e.may_have_reached_server()
    ///         && (e.status().is_none() || matches!(e.status(), Some(408 | 429 | 500..=599)))
    ///     {
    ///         Next::LookUpFirst
    ///     } else {
    ///         Next::GiveUp
    ///     }
    /// }
    ///
    /// let refused = Error::Transport {
    ///     message: "connection refused".into(),
    ///     source: None,
    ///     delivery: Delivery::NotSent,
    ///     request: None,
    /// };
    /// assert!(!refused.may_have_reached_server());
    /// assert_eq!(after_failed_create(&refused), Next::SendAgain);
    ///
    /// // What the runtime marks on a 503 answering `POST /consignments`.
    /// let mut headers = reqwest::header::HeaderMap::new();
    /// headers.insert(
    ///     metapack_core::request_info::REQUEST_HEADER,
    ///     "POST create_consignment once".parse().unwrap(),
    /// );
    /// let unavailable = Error::from(ApiError::from_parts(503, &headers, b""));
    /// assert!(unavailable.may_have_reached_server());
    /// assert!(!unavailable.is_retryable());
    /// assert_eq!(after_failed_create(&unavailable), Next::LookUpFirst);
    ///
    /// let invalid = Error::from(ApiError::from_parts(400, &headers, b""));
    /// assert_eq!(after_failed_create(&invalid), Next::GiveUp);
    /// ```
    pub fn may_have_reached_server(&self) -> bool {
        self.delivery() == Delivery::MayHaveReached
    }

    /// Whether sending the same request again later might succeed without doing anything
    /// twice.
    ///
    /// - A request that certainly did not reach the server (see
    ///   [`Error::may_have_reached_server`]) after a transport failure or connect timeout:
    ///   yes.
    /// - A timeout or transport failure after sending, or an answer with status 408, 429 or
    ///   5xx (or a server-error code): only when the request is safe to repeat by the API's
    ///   semantics ([`RequestInfo::safe_to_repeat`]: GET, PUT, DELETE, and the operations each
    ///   client lists as idempotent, such as searches and upserts). So a create (POST) or a
    ///   PATCH that may have reached the server is never retryable, not even after a 503.
    /// - Anything else (bad input, decode failures, a body over the limit, 4xx): no.
    ///
    /// An error the runtime did not build (no [`Error::request`]) is judged by its kind and
    /// status alone. The runtime has already retried what was safe to retry; this is a
    /// hint for callers with their own, longer-term retry logic.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(e) => e.is_retryable(),
            Self::Transport {
                delivery, request, ..
            }
            | Self::Timeout {
                delivery, request, ..
            } => {
                *delivery == Delivery::NotSent || request.as_ref().is_none_or(|r| r.safe_to_repeat)
            }
            Self::Decode { .. } | Self::InvalidRequest { .. } | Self::BodyTooLarge { .. } => false,
        }
    }

    /// Converts a reqwest error, keeping URLs' query strings out of messages. The runtime's
    /// mark ([`request_info`]) becomes [`Error::request`]; a connect error (DNS, refused,
    /// TLS handshake, connect timeout) is [`Delivery::NotSent`].
    /// An error the runtime carried through reqwest (a failure to authorize the request)
    /// comes back as it was.
    pub(crate) fn from_reqwest(mut e: reqwest::Error) -> Self {
        let request = request_info::take_from_error(&mut e);
        if let Some(mut carried) = crate::carried_error::take(&e) {
            // An oversized body learns which request it answered here; an authorization
            // failure carries its own.
            if let Self::BodyTooLarge {
                request: none @ None,
                ..
            } = &mut carried
            {
                *none = request;
            }
            return carried;
        }
        let message = describe_reqwest(&e);
        let delivery = if e.is_connect() {
            Delivery::NotSent
        } else {
            Delivery::MayHaveReached
        };
        if e.is_builder() {
            Self::invalid_request(message)
        } else if e.is_timeout() {
            Self::Timeout {
                message,
                delivery,
                request,
            }
        } else {
            Self::Transport {
                message,
                source: Some(Box::new(e.without_url())),
                delivery,
                request,
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
/// `Display` gives the status, code, message, `systemMessage` and trace id in one line
/// (long texts shortened to about [`MAX_SHOWN_TEXT`] bytes); `Debug` gives the parsed fields
/// and, only when the body was not JSON, the beginning of the raw body.
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
///
/// let body = br#"{"errorCode":"CONSIGNMENT_STATUS_CONFLICT","message":"Wrong state for printing",
///     "systemMessage":"consignment DMC1 is unallocated"}"#;
/// let err = ApiError::from_parts(409, &HeaderMap::new(), body);
/// assert_eq!(
///     err.to_string(),
///     "HTTP 409 CONSIGNMENT_STATUS_CONFLICT: Wrong state for printing: consignment DMC1 is unallocated",
/// );
/// ```
#[derive(Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// `errorCode` (or `code`) from the body.
    pub code: Option<ErrorCode>,
    /// Human-readable `message`.
    pub message: Option<String>,
    /// `systemMessage`: more technical detail, often what to do. (The MM-API, whose bodies
    /// have none, puts a summary of its constraint violations and allocation errors here.)
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
    /// The request that was answered, when the runtime sent it.
    pub request: Option<RequestInfo>,
}

impl ApiError {
    /// Builds an `ApiError` from a response. Never fails: bodies that are
    /// not JSON (gateway HTML, empty) keep only the status and raw body. The request is read
    /// from the [`REQUEST_HEADER`](request_info::REQUEST_HEADER) the runtime adds.
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
            request: request_info::from_headers(headers),
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

    /// Whether a later retry might succeed (408, 429, or a server error by status or code)
    /// without doing anything twice: the request must be safe to repeat
    /// ([`RequestInfo::safe_to_repeat`]; without a known request the status alone decides).
    /// The status decides first: the MM-API sends `O-INT-1000` with 401 and with 500/503.
    pub fn is_retryable(&self) -> bool {
        let transient = matches!(self.status, 408 | 429 | 500..=599)
            || self.category() == ErrorCategory::Server;
        transient && self.request.as_ref().is_none_or(|r| r.safe_to_repeat)
    }

    /// The `systemMessage` when it adds to the message (not empty, not already in it).
    fn extra_detail(&self) -> Option<&str> {
        let system = self.system_message.as_deref()?.trim();
        let message = self.message.as_deref()?.trim();
        (!system.is_empty() && !message.contains(system)).then_some(system)
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
        write!(f, ": {}", shown(summary))?;
        if let Some(detail) = self.extra_detail() {
            write!(f, ": {}", shown(detail))?;
        }
        if let Some(trace) = &self.trace_id {
            write!(f, " (trace id {})", shown(trace))?;
        }
        Ok(())
    }
}

/// Compact: the parsed fields that are present, each once; the raw body only when it was not
/// JSON (a JSON body's content is in the parsed fields and [`ApiError::details`]).
impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ApiError");
        d.field("status", &self.status);
        if let Some(code) = &self.code {
            d.field("code", &format_args!("{code}"));
        }
        let texts = [
            ("message", &self.message),
            ("system_message", &self.system_message),
            ("trace_id", &self.trace_id),
            ("timestamp", &self.timestamp),
        ];
        for (name, text) in texts {
            if let Some(text) = text {
                d.field(name, &shown(text));
            }
        }
        if let Some(request) = &self.request {
            d.field("request", &format_args!("{request}"));
        }
        if self.details.is_null() && !self.body.trim().is_empty() {
            d.field("body", &shown(&self.body));
        } else {
            d.field("body_len", &self.body.len());
        }
        d.finish_non_exhaustive()
    }
}

impl std::error::Error for ApiError {}

/// `text` as `Display`/`Debug` show it: on one line, without URL query strings, and shortened
/// to about [`MAX_SHOWN_TEXT`] bytes.
fn shown(text: &str) -> String {
    let line = strip_queries(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    if line.len() <= MAX_SHOWN_TEXT {
        return line;
    }
    let mut cut = truncate(&line, MAX_SHOWN_TEXT);
    cut.push('…');
    cut
}

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
            "HTTP 400 O-VAL-2002: Invalid parcel: field x (trace id abc)",
            "the systemMessage follows the message (issue 10)"
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

    fn marked(method: &str, operation: &str, safe_to_repeat: bool) -> HeaderMap {
        let info = RequestInfo::new(method, operation, safe_to_repeat);
        let mut headers = HeaderMap::new();
        let value = format!(
            "{info} {}",
            if safe_to_repeat { "repeatable" } else { "once" }
        );
        headers.insert(
            request_info::REQUEST_HEADER,
            HeaderValue::from_str(&value).expect("header"),
        );
        headers
    }

    #[test]
    fn display_is_one_line_with_the_system_message_shortened() {
        let body = br#"{"errorCode":"CONSIGNMENT_STATUS_CONFLICT","message":"Wrong state for printing","systemMessage":"consignment DMC1 is unallocated;\n get paperwork accepts allocated","traceId":"t-9"}"#;
        let e = ApiError::from_parts(409, &HeaderMap::new(), body);
        assert_eq!(
            e.to_string(),
            "HTTP 409 CONSIGNMENT_STATUS_CONFLICT: Wrong state for printing: consignment DMC1 \
             is unallocated; get paperwork accepts allocated (trace id t-9)"
        );

        // A system message repeating the message is not shown twice.
        let body = br#"{"message":"Not found","systemMessage":"Not found"}"#;
        let e = ApiError::from_parts(404, &HeaderMap::new(), body);
        assert_eq!(e.to_string(), "HTTP 404: Not found");

        // Long texts are cut on a character boundary; query strings never shown.
        let long = format!(
            r#"{{"message":"m","systemMessage":"see https://h/p?key=SECRET {}"}}"#,
            "é".repeat(400)
        );
        let e = ApiError::from_parts(500, &HeaderMap::new(), long.as_bytes());
        let shown = e.to_string();
        assert!(shown.ends_with('…'), "{shown}");
        assert!(shown.len() < MAX_SHOWN_TEXT + 40, "{}", shown.len());
        assert!(
            !shown.contains("SECRET") && shown.contains("https://h/p"),
            "{shown}"
        );
        assert_eq!(
            e.system_message.as_deref().map(str::len),
            Some(827),
            "kept whole"
        );
        assert!(!format!("{e:?}").contains("SECRET"));
    }

    #[test]
    fn debug_is_compact_and_shows_the_body_once() {
        let body = br#"{"errorCode":"CONSIGNMENT_STATUS_CONFLICT","message":"Wrong state for printing","systemMessage":"consignment DMC1 is unallocated; get paperwork accepts allocated, printed, readyToManifest","traceId":"0123456789abcdef","timestamp":"2026-12-05T10:00:00Z"}"#;
        let e = Error::from(ApiError::from_parts(
            409,
            &marked("GET", "get_consignment_paperwork", true),
            body,
        ));
        let debug = format!("{e:?}");
        assert_eq!(debug.matches("readyToManifest").count(), 1, "{debug}");
        assert!(debug.len() < 400, "{} chars: {debug}", debug.len());
        assert!(
            debug.starts_with("Api(ApiError { status: 409, code: CONSIGNMENT_STATUS_CONFLICT"),
            "{debug}"
        );
        assert!(
            debug.contains(r#"request: GET get_consignment_paperwork"#),
            "{debug}"
        );
        assert!(debug.contains("body_len: "), "{debug}");

        // A body that is not JSON is shown, shortened.
        let html = format!("<html>{}</html>", "x".repeat(2000));
        let e = ApiError::from_parts(502, &HeaderMap::new(), html.as_bytes());
        let debug = format!("{e:?}");
        assert!(debug.contains("body: \"<html>xxx"), "{debug}");
        assert!(debug.len() < 400, "{} chars", debug.len());
    }

    #[test]
    fn retryable_answers_need_a_request_that_is_safe_to_repeat() {
        for status in [408, 429, 500, 502, 503, 504] {
            let create =
                ApiError::from_parts(status, &marked("POST", "create_consignment", false), b"");
            assert_eq!(
                create.request.as_ref().map(|r| r.safe_to_repeat),
                Some(false)
            );
            assert!(!create.is_retryable(), "{status} on a create");
            let create = Error::from(create);
            assert!(!create.is_retryable() && create.may_have_reached_server());

            let search = ApiError::from_parts(status, &marked("POST", "search", true), b"");
            assert!(search.is_retryable(), "{status} on a search");
            let get = Error::from(ApiError::from_parts(
                status,
                &marked("GET", "get", true),
                b"",
            ));
            assert!(
                get.is_retryable() && get.may_have_reached_server(),
                "{status}"
            );
        }
        let conflict = ApiError::from_parts(409, &marked("GET", "get", true), b"");
        assert!(!conflict.is_retryable());
    }

    #[test]
    fn transport_errors_by_delivery_and_request() {
        let error = |delivery, request| Error::Transport {
            message: "boom".into(),
            source: None,
            delivery,
            request,
        };
        let create = || Some(RequestInfo::new("POST", "create_consignment", false));
        let refused = error(Delivery::NotSent, create());
        assert!(refused.is_retryable() && !refused.may_have_reached_server());
        let reset = error(Delivery::MayHaveReached, create());
        assert!(!reset.is_retryable() && reset.may_have_reached_server());
        assert_eq!(
            reset.request().map(|r| r.to_string()).as_deref(),
            Some("POST create_consignment")
        );
        let get = error(
            Delivery::MayHaveReached,
            Some(RequestInfo::new("GET", "get", true)),
        );
        assert!(get.is_retryable());
        let timeout = Error::Timeout {
            message: "slow".into(),
            delivery: Delivery::MayHaveReached,
            request: create(),
        };
        assert!(!timeout.is_retryable() && timeout.may_have_reached_server());
        assert!(!Error::invalid_request("bad").may_have_reached_server());
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
