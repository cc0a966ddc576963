//! [`RequestInfo`] and [`Delivery`]: what an [`Error`](crate::Error) knows about the request
//! behind it, so that callers can tell whether repeating it is safe.
//!
//! The runtime ([`Runtime::execute`](crate::Runtime::execute)) marks the last attempt's
//! outcome with the request's method, operation id and whether repeating it is safe by the
//! API's semantics; the conversion into an [`Error`](crate::Error) reads the mark back.
//! Generated code hands the outcome on as a `reqwest::Response` or `reqwest::Error`, so the
//! mark travels inside them: an error response carries it in the
//! [`REQUEST_HEADER`] header (set by the runtime, never taken from the server: the runtime
//! replaces any the server sent), a transport error in its URL's fragment (a fragment is
//! never sent to a server). Both are removed again when the [`Error`](crate::Error) is built.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderValue};

/// Name of the header in which the runtime passes a failed request's [`RequestInfo`] on to
/// the conversion into an [`Error`](crate::Error). Seen only by callers of a generated
/// client's raw methods, on error responses.
pub const REQUEST_HEADER: &str = "x-metapack-rs-request";

/// Prefix of the URL fragment that carries a [`RequestInfo`] in a `reqwest::Error`.
const FRAGMENT_PREFIX: &str = "metapack-rs-request:";

/// Whether a failed request may have reached the server (and been acted on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Delivery {
    /// The request certainly did not reach the server: it was refused before sending
    /// (invalid input, no credentials) or the connection failed before any of it was sent
    /// (DNS, connection refused, TLS handshake, connect timeout).
    NotSent,
    /// The request may have reached the server: it was sent (in full or in part) and no
    /// answer arrived (timeout, reset), or something answered it (the server, or a proxy in
    /// front of it, which may answer 429/502/503/504 after the server acted).
    MayHaveReached,
}

/// The request behind an [`Error`](crate::Error), as the runtime sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestInfo {
    /// The HTTP method (`POST`).
    pub method: String,
    /// The operation id (`create_consignment`).
    pub operation_id: String,
    /// Whether sending the request twice has the same effect as sending it once, by the
    /// API's semantics: an idempotent HTTP method (GET, HEAD, PUT, DELETE, OPTIONS) that is
    /// not listed as unsafe, an operation listed as retry-safe (a POST search, an upsert),
    /// or a call made through `with_retry_unsafe()`.
    pub safe_to_repeat: bool,
}

impl RequestInfo {
    /// A request's description.
    pub fn new(
        method: impl Into<String>,
        operation_id: impl Into<String>,
        safe_to_repeat: bool,
    ) -> Self {
        Self {
            method: method.into(),
            operation_id: operation_id.into(),
            safe_to_repeat,
        }
    }

    fn encode(&self, separator: char) -> String {
        let repeat = if self.safe_to_repeat {
            "repeatable"
        } else {
            "once"
        };
        format!(
            "{}{separator}{}{separator}{repeat}",
            self.method, self.operation_id
        )
    }

    fn decode(text: &str, separator: char) -> Option<Self> {
        let mut parts = text.trim().split(separator);
        let method = parts.next().filter(|m| !m.is_empty())?;
        let operation_id = parts.next().filter(|o| !o.is_empty())?;
        let safe_to_repeat = match parts.next()? {
            "repeatable" => true,
            "once" => false,
            _ => return None,
        };
        parts
            .next()
            .is_none()
            .then(|| Self::new(method, operation_id, safe_to_repeat))
    }
}

/// `POST create_consignment`.
impl fmt::Display for RequestInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.operation_id)
    }
}

/// Marks the outcome of a request: an error response gets the [`REQUEST_HEADER`] (replacing
/// any the server sent; success responses are left alone), a transport error a URL fragment
/// (`url` is the request's URL, used when the error has none).
pub(crate) fn mark(
    result: reqwest::Result<reqwest::Response>,
    info: &RequestInfo,
    url: &url::Url,
) -> reqwest::Result<reqwest::Response> {
    match result {
        Ok(mut response) => {
            let status = response.status();
            if status.is_client_error() || status.is_server_error() {
                let headers = response.headers_mut();
                headers.remove(REQUEST_HEADER);
                if let Ok(value) = HeaderValue::from_str(&info.encode(' ')) {
                    headers.insert(REQUEST_HEADER, value);
                }
            }
            Ok(response)
        }
        Err(mut e) => {
            let fragment = format!("{FRAGMENT_PREFIX}{}", info.encode(':'));
            if let Some(own) = e.url_mut() {
                own.set_fragment(Some(&fragment));
                return Err(e);
            }
            let mut marked = url.clone();
            marked.set_fragment(Some(&fragment));
            Err(e.with_url(marked))
        }
    }
}

/// The [`RequestInfo`] the runtime put in an error response's headers.
pub(crate) fn from_headers(headers: &HeaderMap) -> Option<RequestInfo> {
    let value = headers.get(REQUEST_HEADER)?.to_str().ok()?;
    RequestInfo::decode(value, ' ')
}

/// Takes the [`RequestInfo`] the runtime put in a transport error's URL, removing the mark.
pub(crate) fn take_from_error(error: &mut reqwest::Error) -> Option<RequestInfo> {
    let url = error.url_mut()?;
    let info = RequestInfo::decode(url.fragment()?.strip_prefix(FRAGMENT_PREFIX)?, ':')?;
    url.set_fragment(None);
    Some(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_round_trip_and_refuse_anything_else() {
        for info in [
            RequestInfo::new("POST", "create_consignment", false),
            RequestInfo::new("GET", "getThings", true),
        ] {
            assert_eq!(
                RequestInfo::decode(&info.encode(' '), ' '),
                Some(info.clone())
            );
            assert_eq!(RequestInfo::decode(&info.encode(':'), ':'), Some(info));
        }
        for bad in [
            "",
            "POST",
            "POST x",
            "POST x maybe",
            "POST x once extra",
            " x once",
        ] {
            assert_eq!(RequestInfo::decode(bad, ' '), None, "{bad:?}");
        }
        assert_eq!(
            RequestInfo::new("POST", "create_consignment", false).to_string(),
            "POST create_consignment"
        );
    }

    #[test]
    fn error_responses_are_marked_and_a_server_cannot_forge_the_mark() {
        let url = url::Url::parse("http://127.0.0.1:1/things").expect("url");
        let info = RequestInfo::new("POST", "createThing", false);
        let response = |status: u16| {
            let mut built = http::Response::new(Vec::<u8>::new());
            *built.status_mut() = http::StatusCode::from_u16(status).expect("status");
            built.headers_mut().insert(
                REQUEST_HEADER,
                HeaderValue::from_static("GET forged repeatable"),
            );
            reqwest::Response::from(built)
        };
        let marked = mark(Ok(response(503)), &info, &url).expect("response");
        assert_eq!(from_headers(marked.headers()), Some(info.clone()));
        let untouched = mark(Ok(response(200)), &info, &url).expect("response");
        assert_eq!(
            untouched
                .headers()
                .get(REQUEST_HEADER)
                .and_then(|v| v.to_str().ok()),
            Some("GET forged repeatable"),
            "success responses are left as they are"
        );
    }
}
