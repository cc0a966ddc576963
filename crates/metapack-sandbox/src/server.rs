//! Plumbing shared by every emulated API: the listener and its shutdown, HTTP Basic auth,
//! Metapack's `PS-nnnn` error bodies and the JSON request-body extractor.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, OriginalUri, Request, State};
use axum::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use metapack_tracking::types::Error as ErrorBody;
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
    /// Binds `127.0.0.1:port` (0 for an ephemeral port) and serves `app` on a tokio task.
    pub(crate) async fn start(port: u16, app: Router) -> io::Result<Self> {
        let listener = TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)).await?;
        let local_addr = listener.local_addr()?;
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

/// The HTTP Basic credentials one API accepts.
#[derive(Clone, Debug)]
pub(crate) struct BasicCredentials {
    username: Arc<str>,
    password: Arc<str>,
}

impl BasicCredentials {
    /// Credentials made of this username and password.
    pub(crate) fn new(username: &str, password: &str) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
        }
    }

    /// The accepted username.
    pub(crate) fn username(&self) -> &str {
        &self.username
    }

    /// The accepted password.
    pub(crate) fn password(&self) -> &str {
        &self.password
    }

    /// Whether `headers` carry exactly these credentials in an `Authorization: Basic` header.
    fn accepts(&self, headers: &HeaderMap) -> bool {
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
                username == &*self.username && password == &*self.password
            }
            None => false,
        }
    }
}

/// Middleware answering 401 (`PS-0401`) unless the request carries the API's credentials.
/// It runs before routing within the API, so even unknown paths need credentials.
pub(crate) async fn require_basic_auth(
    State(credentials): State<BasicCredentials>,
    request: Request,
    next: Next,
) -> Response {
    if credentials.accepts(request.headers()) {
        next.run(request).await
    } else {
        ApiError::unauthorized().into_response()
    }
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

/// A failure answered with Metapack's error body:
/// `{"message", "errorCode", "systemMessage", "traceId", "timestamp"}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
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
            message: message.into(),
            system_message: system_message.into(),
        }
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

    /// 415 `PS-0415`.
    pub(crate) fn unsupported_media_type(system_message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            system_message,
        )
    }

    /// The `PS-nnnn` code of this error.
    fn error_code(&self) -> String {
        format!("PS-{:04}", self.status.as_u16())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error_code: Some(self.error_code()),
            message: Some(self.message),
            system_message: Some(self.system_message),
            timestamp: Some(chrono::Utc::now()),
            trace_id: Some(uuid::Uuid::new_v4().to_string()),
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"metapack-sandbox\""),
            );
        }
        response
    }
}

/// A problem with one field of an otherwise well-formed request body.
#[derive(Debug)]
pub(crate) struct FieldError {
    field: &'static str,
    problem: String,
}

impl FieldError {
    /// `field` (its JSON name) has this problem.
    pub(crate) fn new(field: &'static str, problem: impl Into<String>) -> Self {
        Self {
            field,
            problem: problem.into(),
        }
    }

    /// Fails when `value` is empty or only whitespace.
    pub(crate) fn not_blank(field: &'static str, value: &str) -> Result<(), Self> {
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
