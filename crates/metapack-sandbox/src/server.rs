//! Plumbing shared by every emulated API: the listener and its shutdown, HTTP Basic auth,
//! Metapack's error bodies (in each API's spelling), the JSON request-body extractor and the
//! query and path extractors that answer JSON errors.

use std::borrow::Cow;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, OriginalUri, Path, Query, Request, State};
use axum::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use metapack_core::Secret;
use serde::de::DeserializeOwned;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How long [`Server::shutdown`] waits for open connections before cutting them.
const GRACE_PERIOD: Duration = Duration::from_secs(5);

/// A running HTTP server: its address, the trigger of its graceful shutdown and its task.
#[derive(Debug)]
pub(crate) struct Server {
    local_addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl Server {
    /// Binds `address` (port 0 for an ephemeral port), calls `on_bound` with the bound
    /// address (before any request is served), then serves `app` on a tokio task.
    pub(crate) async fn start(
        address: SocketAddr,
        app: Router,
        on_bound: impl FnOnce(SocketAddr),
    ) -> io::Result<Self> {
        let listener = TcpListener::bind(address).await?;
        let local_addr = listener.local_addr()?;
        on_bound(local_addr);
        let (shutdown, signal) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                // Either a shutdown request or the `Server` being dropped ends the wait.
                let _ = signal.await;
            });
            // `serve` only fails on listener errors, which end the sandbox the same way.
            let _ = serve.await;
        });
        Ok(Self {
            local_addr,
            shutdown: Some(shutdown),
            task,
        })
    }

    /// The bound address.
    pub(crate) fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Stops accepting connections, lets in-flight requests finish (for a few seconds at
    /// most) and waits until the listener is closed.
    pub(crate) async fn shutdown(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if tokio::time::timeout(GRACE_PERIOD, &mut self.task)
            .await
            .is_err()
        {
            self.task.abort();
            let _ = (&mut self.task).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        self.task.abort();
    }
}

/// How an API authenticates its callers: HTTP Basic ([`BasicCredentials`]) or an API key in
/// a query parameter ([`QueryApiKey`]).
pub(crate) trait Authenticate: Clone + Send + Sync + 'static {
    /// `Ok` when `request` carries the API's credentials, else the 401 to answer.
    fn authenticate(&self, request: &Request) -> Result<(), ApiError>;
}

/// Middleware answering 401 (`PS-0401`) unless the request carries the API's credentials
/// ([`Authenticate`]). It runs before routing within the API, so even unknown paths need
/// credentials.
pub(crate) async fn require_auth<A: Authenticate>(
    State(auth): State<A>,
    request: Request,
    next: Next,
) -> Response {
    match auth.authenticate(&request) {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

/// The HTTP Basic credentials one API accepts; `Debug` redacts the password.
#[derive(Clone, Debug)]
pub(crate) struct BasicCredentials {
    username: Arc<str>,
    password: Arc<Secret>,
}

impl BasicCredentials {
    /// Credentials made of this username and password.
    pub(crate) fn new(username: &str, password: &str) -> Self {
        Self {
            username: username.into(),
            password: Arc::new(Secret::new(password)),
        }
    }

    /// The accepted username.
    pub(crate) fn username(&self) -> &str {
        &self.username
    }

    /// The accepted password.
    pub(crate) fn password(&self) -> &str {
        self.password.expose()
    }

    /// Whether `headers` carry exactly these credentials in an `Authorization: Basic` header.
    pub(crate) fn accepts(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers.get(axum::http::header::AUTHORIZATION) else {
            return false;
        };
        let Ok(value) = value.to_str() else {
            return false;
        };
        let Some((scheme, encoded)) = value.trim().split_once(' ') else {
            return false;
        };
        if !scheme.eq_ignore_ascii_case("basic") {
            return false;
        }
        let Ok(decoded) = BASE64.decode(encoded.trim()) else {
            return false;
        };
        let Ok(decoded) = String::from_utf8(decoded) else {
            return false;
        };
        match decoded.split_once(':') {
            Some((username, password)) => {
                username == &*self.username && password == self.password.expose()
            }
            None => false,
        }
    }
}

impl Authenticate for BasicCredentials {
    fn authenticate(&self, request: &Request) -> Result<(), ApiError> {
        if self.accepts(request.headers()) {
            Ok(())
        } else {
            Err(ApiError::unauthorized())
        }
    }
}

/// An API key (a UUID) travelling as a query parameter, as the Delivery Options API takes it
/// (`?key=...`). The 401s never echo the key sent: a wrong key may still be most of a real one.
#[derive(Clone, Debug)]
pub(crate) struct QueryApiKey {
    parameter: &'static str,
    key: uuid::Uuid,
}

impl QueryApiKey {
    /// The key `key`, expected in query parameter `parameter`.
    pub(crate) fn new(parameter: &'static str, key: uuid::Uuid) -> Self {
        Self { parameter, key }
    }
}

impl Authenticate for QueryApiKey {
    fn authenticate(&self, request: &Request) -> Result<(), ApiError> {
        let name = self.parameter;
        let pairs = query_pairs(request.uri().query());
        let mut sent = pairs.iter().filter(|(key, _)| key == name);
        let problem = match (sent.next(), sent.next()) {
            (None, _) => format!("the API key (query parameter {name}) is missing"),
            (Some(_), Some(_)) => {
                format!("the API key (query parameter {name}) is sent more than once")
            }
            (Some((_, value)), None) => match uuid::Uuid::try_parse(value.trim()) {
                Err(_) => format!(
                    "the API key (query parameter {name}) is not a UUID such as 03b2a318-bdf6-49a3-97c4-868ae039de04"
                ),
                Ok(key) if key != self.key => {
                    format!("the API key (query parameter {name}) is not a key of this account")
                }
                Ok(_) => return Ok(()),
            },
        };
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            format!("Unauthorized: {problem}"),
            format!("Full authentication is required to access this resource: {problem}"),
        ))
    }
}

/// The decoded `name=value` pairs of a query string or form body, in order (repeated names
/// kept; `+` reads as a space).
pub(crate) fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    query
        .map(|query| {
            url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default()
}

/// Answers 404 (`PS-0404`) for a path no API serves.
pub(crate) async fn not_found(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "Resource not found",
        format!("no route for {method} {}", uri.path()),
    )
}

/// Answers 405 (`PS-0405`) for a known path called with a method it does not support.
pub(crate) async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "Method not allowed",
        format!("{method} is not supported on {}", uri.path()),
    )
}

/// How an API spells its error body. Tracking and Shipping carry `errorCode`, `message`,
/// `systemMessage` and `timestamp`, and the trace identifier as `traceId` (Tracking) or
/// `traceID` (Shipping); Delivery Options carries only `message`, `errorCode` and `traceId`
/// (its spec's `Error`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ErrorDialect {
    /// The Tracking API's body (`traceId`), also used for paths outside every API.
    Tracking,
    /// The Shipping API's body (`traceID`).
    Shipping,
    /// The Delivery Options API's body (`message`, `errorCode`, `traceId`); the trace id is the
    /// request's `traceId` header when it is a UUID.
    DeliveryOptions,
    /// The MM-API's body (its reference's 1.7.2: `timestamp`, `httpStatus`,
    /// `httpReasonPhrase`, `code`, `message`, `path`, `correlationID`), with the `PS-nnnn`
    /// codes of the shared helpers translated to Appendix C's ([`mm_api_code`]).
    MmApi,
}

/// The MM-API error code (Appendix C) of an error raised with `code` and `status`: `O-...`
/// codes are kept, the generic `PS-nnnn` ones become the code Table 3 gives their status.
pub(crate) fn mm_api_code(status: StatusCode, code: &str) -> String {
    if code.starts_with("O-") {
        return code.to_owned();
    }
    match status.as_u16() {
        400 => "O-VAL-2003",
        404 => "O-NFO-3000",
        405 => "O-VAL-2009",
        415 => "O-VAL-2001",
        _ => "O-INT-1000",
    }
    .to_owned()
}

impl ErrorDialect {
    /// The response carrying `error` in this dialect (with `WWW-Authenticate` on a 401).
    fn render(self, error: &ErrorParts) -> Response {
        let timestamp = Some(error.timestamp);
        let trace_id = Some(error.trace_id.clone());
        let mut response = match self {
            ErrorDialect::Tracking => {
                let body = metapack_tracking::types::Error {
                    error_code: Some(error.code.clone()),
                    message: Some(error.message.clone()),
                    system_message: Some(error.system_message.clone()),
                    timestamp,
                    trace_id,
                };
                (error.status, axum::Json(body)).into_response()
            }
            ErrorDialect::Shipping => {
                let body = metapack_shipping::types::Error {
                    error_code: Some(error.code.clone()),
                    message: Some(error.message.clone()),
                    system_message: Some(error.system_message.clone()),
                    timestamp,
                    trace_id,
                };
                (error.status, axum::Json(body)).into_response()
            }
            ErrorDialect::DeliveryOptions => {
                let body = metapack_delivery_options::types::Error {
                    error_code: Some(error.code.clone()),
                    message: Some(error.message.clone()),
                    trace_id,
                };
                (error.status, axum::Json(body)).into_response()
            }
            ErrorDialect::MmApi => {
                let code = mm_api_code(error.status, &error.code);
                let mut body = metapack_mm_api::ErrorBody::new(
                    error.status.as_u16(),
                    &code,
                    error.system_message.clone(),
                );
                body.timestamp = timestamp;
                body.correlation_id = trace_id;
                (error.status, axum::Json(body)).into_response()
            }
        };
        // An API key in the query has no HTTP authentication scheme to challenge with.
        let challenge = match self {
            ErrorDialect::DeliveryOptions => None,
            ErrorDialect::MmApi => Some("Bearer realm=\"metapack-sandbox\""),
            ErrorDialect::Tracking | ErrorDialect::Shipping => {
                Some("Basic realm=\"metapack-sandbox\"")
            }
        };
        if error.status == StatusCode::UNAUTHORIZED
            && let Some(challenge) = challenge
        {
            response
                .headers_mut()
                .insert(WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
        }
        response.extensions_mut().insert(error.clone());
        response
    }
}

/// Middleware re-spelling every [`ApiError`] answered inside an API in that API's
/// [`ErrorDialect`]. Layered outermost (after the auth layer), so 401s are re-spelled too.
pub(crate) async fn error_dialect(
    State(dialect): State<ErrorDialect>,
    request: Request,
    next: Next,
) -> Response {
    let trace_id = match dialect {
        ErrorDialect::DeliveryOptions => uuid_header(request.headers(), TRACE_ID_HEADER),
        _ => None,
    };
    let response = next.run(request).await;
    match response.extensions().get::<ErrorParts>() {
        Some(error) => {
            let mut error = error.clone();
            if let Some(trace_id) = trace_id {
                error.trace_id = trace_id;
            }
            dialect.render(&error)
        }
        None => response,
    }
}

/// The request header carrying a caller's trace id (`traceId`; header names are matched
/// without regard to case).
pub(crate) const TRACE_ID_HEADER: &str = "traceid";

/// The value of header `name` when it is a UUID, as sent (trimmed).
pub(crate) fn uuid_header(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(name)?.to_str().ok()?.trim();
    uuid::Uuid::try_parse(value).ok()?;
    Some(value.to_owned())
}

/// The content of an error body, kept in the response's extensions so that
/// [`error_dialect`] can spell it again.
#[derive(Clone, Debug)]
struct ErrorParts {
    status: StatusCode,
    code: String,
    message: String,
    system_message: String,
    trace_id: String,
    timestamp: DateTime<Utc>,
}

/// A failure answered with Metapack's error body:
/// `{"message", "errorCode", "systemMessage", "traceId" (or "traceID"), "timestamp"}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: Option<Cow<'static, str>>,
    message: String,
    system_message: String,
}

impl ApiError {
    /// An error with this status; the `errorCode` is `PS-` and the status code.
    pub(crate) fn new(
        status: StatusCode,
        message: impl Into<String>,
        system_message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            code: None,
            message: message.into(),
            system_message: system_message.into(),
        }
    }

    /// The same error with this `errorCode` instead of `PS-nnnn`.
    pub(crate) fn with_code(mut self, code: impl Into<Cow<'static, str>>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// 400 `PS-0400`: `message` names the failing field or parameter.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        let message = message.into();
        let system_message = format!("Request validation failed: {message}");
        Self::new(StatusCode::BAD_REQUEST, message, system_message)
    }

    /// 401 `PS-0401`.
    pub(crate) fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "Unauthorized",
            "Full authentication is required to access this resource: send valid HTTP Basic credentials",
        )
    }

    /// 404 `PS-0404` for a resource that does not exist: `what` names it
    /// (`consignment DMC123456789`).
    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        let what = what.into();
        let system_message = format!("{what} does not exist");
        Self::new(StatusCode::NOT_FOUND, "Resource not found", system_message)
    }

    /// 409 with this `errorCode`: the request conflicts with the resource's current state.
    pub(crate) fn conflict(
        code: &'static str,
        message: impl Into<String>,
        system_message: impl Into<String>,
    ) -> Self {
        Self::new(StatusCode::CONFLICT, message, system_message).with_code(code)
    }

    /// 415 `PS-0415`.
    pub(crate) fn unsupported_media_type(system_message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            system_message,
        )
    }

    /// The `message` of this error.
    #[cfg(test)]
    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP status of this error.
    #[cfg(test)]
    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    /// The `errorCode` of this error: the one given, else `PS-` and the status code.
    pub(crate) fn error_code(&self) -> String {
        match &self.code {
            Some(code) => code.to_string(),
            None => format!("PS-{:04}", self.status.as_u16()),
        }
    }
}

impl ApiError {
    /// The response carrying this error in `dialect`, for answers made outside an API's
    /// [`error_dialect`] layer (the sandbox's injected faults).
    pub(crate) fn into_response_in(self, dialect: ErrorDialect) -> Response {
        let parts = ErrorParts {
            status: self.status,
            code: self.error_code(),
            message: self.message,
            system_message: self.system_message,
            trace_id: uuid::Uuid::new_v4().to_string(),
            timestamp: Utc::now(),
        };
        dialect.render(&parts)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.into_response_in(ErrorDialect::Tracking)
    }
}

/// A problem with one field of an otherwise well-formed request body.
#[derive(Debug)]
pub(crate) struct FieldError {
    field: Cow<'static, str>,
    problem: String,
}

impl FieldError {
    /// `field` (its JSON path, `consignment.parcels[0].weight.value`) has this problem.
    pub(crate) fn new(field: impl Into<Cow<'static, str>>, problem: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// Fails when `value` is empty or only whitespace.
    pub(crate) fn not_blank(field: impl Into<Cow<'static, str>>, value: &str) -> Result<(), Self> {
        if value.trim().is_empty() {
            return Err(Self::new(field, "must not be blank"));
        }
        Ok(())
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        ApiError::bad_request(format!("{}: {}", error.field, error.problem))
    }
}

/// Checks beyond what decoding into the generated type enforces.
pub(crate) trait Validate {
    /// The first problem found, if any.
    fn validate(&self) -> Result<(), FieldError>;

    /// Checks on the raw JSON before it is decoded, for what decoding lets through (the
    /// generated models read timestamps leniently: an unreadable one decodes as absent).
    fn validate_json(_json: &serde_json::Value) -> Result<(), FieldError> {
        Ok(())
    }
}

/// A JSON request body decoded into `T` and validated.
///
/// Rejections, in order: a `Content-Type` other than JSON → 415; an empty body → 400; a body
/// that is not JSON at all → 415; a body that does not decode into `T` → 400 naming the
/// field (`eventDate: premature end of input`); a failed [`Validate`] check → 400.
#[derive(Debug)]
pub(crate) struct JsonBody<T>(pub(crate) T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        check_json_content_type(request.headers())?;
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                ApiError::new(
                    rejection.status(),
                    "Unreadable request body",
                    rejection.body_text(),
                )
            })?;
        decode(&bytes).map(JsonBody)
    }
}

/// Fails with 415 unless the `Content-Type` is `application/json` (or `application/*+json`).
fn check_json_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let Some(content_type) = content_type else {
        return Err(ApiError::unsupported_media_type(
            "Content-Type is missing; the request body must be sent as application/json",
        ));
    };
    let essence = content_type
        .split_once(';')
        .map_or(content_type, |(essence, _)| essence)
        .trim();
    let essence = essence.to_ascii_lowercase();
    let is_json = essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"));
    if is_json {
        Ok(())
    } else {
        Err(ApiError::unsupported_media_type(format!(
            "Content type '{content_type}' is not supported; send application/json"
        )))
    }
}

/// Decodes a JSON body into `T` (naming the failing field) and validates it.
pub(crate) fn decode<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("request body is missing"));
    }
    // Parsing to a `Value` first separates "not JSON at all" (415) from "JSON of the wrong
    // shape" (400), and keeps line/column noise out of the field errors.
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|error| {
        ApiError::unsupported_media_type(format!("The request body is not valid JSON: {error}"))
    })?;
    T::validate_json(&value)?;
    let decoded: T = serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let problem = error.inner().to_string().replace('`', "");
        if path == "." || path.is_empty() {
            ApiError::bad_request(problem)
        } else {
            ApiError::bad_request(format!("{path}: {problem}"))
        }
    })?;
    decoded.validate()?;
    Ok(decoded)
}

/// Query parameters decoded into `T`; a query string that does not decode answers 400.
#[derive(Debug)]
pub(crate) struct QueryParams<T>(pub(crate) T);

impl<S, T> FromRequestParts<S> for QueryParams<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(value) =
            Query::<T>::from_request_parts(parts, state)
                .await
                .map_err(|rejection| {
                    ApiError::bad_request(format!(
                        "invalid query string: {}",
                        rejection.body_text()
                    ))
                })?;
        Ok(QueryParams(value))
    }
}

/// Path parameters decoded into `T`; a path that does not decode answers 400.
#[derive(Debug)]
pub(crate) struct PathParams<T>(pub(crate) T);

impl<S, T> FromRequestParts<S> for PathParams<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(value) =
            Path::<T>::from_request_parts(parts, state)
                .await
                .map_err(|rejection| {
                    ApiError::bad_request(format!("invalid path: {}", rejection.body_text()))
                })?;
        Ok(PathParams(value))
    }
}

/// Fails on the first string under `json`, at one of the date-time `keys`, that cannot be read
/// in the forms the SDK reads (RFC 3339, or without an offset meaning UTC), naming its JSON
/// path (`path` is where `json` sits, empty at the top). The generated models would decode
/// such a value as absent.
pub(crate) fn readable_date_times(
    json: &serde_json::Value,
    keys: &[&str],
    path: &str,
) -> Result<(), FieldError> {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match json {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                let here = join(key);
                if keys.contains(&key.as_str())
                    && let Some(text) = value.as_str()
                    && metapack_core::lenient::parse_datetime(text).is_none()
                {
                    return Err(FieldError::new(
                        here,
                        format!("{text:?} is not a date-time such as 2030-01-08T09:00:00Z"),
                    ));
                }
                readable_date_times(value, keys, &here)?;
            }
            Ok(())
        }
        serde_json::Value::Array(values) => {
            for (index, value) in values.iter().enumerate() {
                readable_date_times(value, keys, &format!("{path}[{index}]"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A parameter that counts as given: present and not blank.
pub(crate) fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

/// A value that is given and not blank, without its surrounding white space.
pub(crate) fn given_trimmed(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Locks a store; a panic in another request does not make the data unusable.
pub(crate) fn lock<T>(store: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    store
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A required query parameter, or 400 naming it.
pub(crate) fn required_param(name: &str, value: Option<String>) -> Result<String, ApiError> {
    match value {
        Some(value) if !value.trim().is_empty() => Ok(value),
        _ => Err(ApiError::bad_request(format!(
            "{name}: required query parameter is missing"
        ))),
    }
}
