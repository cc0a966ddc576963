//! Request plumbing below both [`auth`](crate::auth) and the client's operations: sending a
//! request through a [`Runtime`] and reading the whole answer, turning error answers into
//! [`Error::Api`] with the MM-API body's summary, decoding success answers, JSON bodies, the
//! `Location` and `Content-Type` of answers, and the host checks of URLs.

use metapack_core::{ApiError, Error, Runtime, decode_json};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::errors::ErrorBody;

/// A request's body.
pub(crate) enum Body {
    /// No body.
    None,
    /// Serialized JSON.
    Json(Vec<u8>),
}

/// Sends `request` through `runtime` and reads the whole answer.
pub(crate) async fn execute(
    runtime: &Runtime,
    http: &reqwest::Client,
    request: reqwest::Request,
    operation: &'static str,
) -> Result<(StatusCode, HeaderMap, Vec<u8>), Error> {
    let mut response = runtime.execute(http, request, operation).await?;
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let body = response.bytes().await?;
    Ok((status, headers, body.into()))
}

/// `value` serialized as a JSON body.
pub(crate) fn json_body<T: Serialize + ?Sized>(value: &T) -> Result<Body, Error> {
    serde_json::to_vec(value)
        .map(Body::Json)
        .map_err(|e| Error::invalid_request(format!("could not serialize the request: {e}")))
}

/// The [`Error::Api`] of an error answer. MM-API bodies have no `systemMessage`: the
/// [summary](ErrorBody::summary) of their constraint violations and allocation errors takes
/// its place, so that the error's one line says what was wrong.
pub(crate) fn api_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    let mut error = ApiError::from_parts(status.as_u16(), headers, body);
    if error.system_message.is_none() {
        error.system_message = ErrorBody::from_api_error(&error).and_then(|b| b.summary());
    }
    Error::Api(Box::new(error))
}

/// The decoded body of a success answer; the [`Error::Api`] of any other.
pub(crate) fn ok_json<T: DeserializeOwned>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, Error> {
    if status.is_success() {
        decode_json(body)
    } else {
        Err(api_error(status, headers, body))
    }
}

/// `Ok` for a success answer (its body ignored); the [`Error::Api`] of any other.
pub(crate) fn ok_empty(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<(), Error> {
    if status.is_success() {
        Ok(())
    } else {
        Err(api_error(status, headers, body))
    }
}

/// The `Location` of an answer, when it has a non-empty one.
pub(crate) fn location(headers: &HeaderMap) -> Option<String> {
    headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// The decode error of a created resource whose answer says nowhere where it is.
pub(crate) fn missing_location(what: &str) -> Error {
    Error::Decode {
        path: "Location".to_owned(),
        message: format!("the created {what} has neither a Location header nor an @id"),
        body_snippet: String::new(),
    }
}

/// The `Content-Type` of an answer.
pub(crate) fn media_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Refuses `uri` (a resource of kind `what`) unless it lies under `host`: same scheme, host
/// and port, and a path inside the host's path.
pub(crate) fn on_host(what: &str, uri: &str, host: &Url) -> Result<(), Error> {
    let parsed = Url::parse(uri.trim())
        .map_err(|e| Error::invalid_field(what, format!("not a {what} URI ({e}): {uri}")))?;
    let root = host.path().trim_end_matches('/');
    let inside = parsed.origin() == host.origin()
        && parsed
            .path()
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with('/'));
    if inside {
        Ok(())
    } else {
        Err(Error::invalid_field(
            what,
            format!(
                "{uri} is not on this client's host {}: give its id, or use a client of \
                 the host that issued it",
                host.as_str().trim_end_matches('/')
            ),
        ))
    }
}

/// Parses a host with core's base-URL rules (`https`, or `http` on loopback; no user info,
/// query or fragment), naming `field` in the error.
pub(crate) fn parse_host(field: &str, value: &str) -> Result<Url, Error> {
    let url = Url::parse(value.trim())
        .map_err(|e| Error::invalid_field(field, format!("not a URL ({e})")))?;
    metapack_core::environment::validate(&url).map_err(|e| match e {
        Error::InvalidRequest { message, .. } => Error::invalid_field(field, message),
        other => other,
    })?;
    Ok(url)
}
