//! The sandbox's own routes, outside Metapack's paths, and what watches the Metapack ones.
//!
//! | route | answer |
//! |---|---|
//! | `GET /` | the index: base URLs, credentials, control routes (JSON, or HTML for `Accept: text/html`) |
//! | `GET /_sandbox/faults` | the faults in force and the seed ([`faults`]) |
//! | `PUT /_sandbox/faults` | replaces them: the string syntax, or JSON (`{"faults": "503:0.2", "seed": 7}`) |
//! | `DELETE /_sandbox/faults` | 204, no more faults |
//! | `GET /_sandbox/requests` | the request log, oldest first ([`requests`]) |
//! | `DELETE /_sandbox/requests` | 204, the log emptied |
//! | `POST /_sandbox/mm-api/shipments` | 201 `{id, url}`: a new MM-API shipment ([`shipments`]) |
//!
//! [`observe`] wraps every request: it logs those of the Metapack API routes and injects the
//! faults in force into them.

pub(crate) mod faults;
pub(crate) mod index;
pub(crate) mod requests;
pub(crate) mod shipments;

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use self::faults::{Fault, FaultsRequest, Injector};
use self::requests::{Received, RequestLog};
use crate::server::{ApiError, ErrorDialect, lock};

/// Where the control routes live: outside every Metapack path.
pub(crate) const CONTROL_PATH: &str = "/_sandbox";

/// What the control routes and [`observe`] share.
#[derive(Clone, Debug)]
pub(crate) struct Control {
    /// The faults in force and their generator.
    pub(crate) injector: Arc<Mutex<Injector>>,
    /// What the Metapack API routes received.
    pub(crate) log: Arc<Mutex<RequestLog>>,
    /// Whether each request is printed to stderr (`--log`).
    pub(crate) print: bool,
    /// What the index shows.
    pub(crate) index: Arc<index::Index>,
    /// The MM-API's state, where created shipments go.
    pub(crate) mm_api: crate::mm_api::Store,
}

/// The control routes and the index.
pub(crate) fn router(control: Control) -> Router {
    Router::new()
        .route("/", get(index::index))
        .route(
            "/_sandbox/faults",
            get(get_faults).put(put_faults).delete(delete_faults),
        )
        .route(
            "/_sandbox/requests",
            get(get_requests).delete(delete_requests),
        )
        .route("/_sandbox/mm-api/shipments", post(shipments::create))
        .with_state(control)
}

/// One of the emulated APIs, found from a request's path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Emulated {
    Tracking,
    Shipping,
    DeliveryOptions,
    MmApi,
    MmData,
}

impl Emulated {
    /// Every API with its base path.
    const ALL: [(Emulated, &'static str); 5] = [
        (Emulated::Tracking, crate::tracking::BASE_PATH),
        (Emulated::Shipping, crate::shipping::BASE_PATH),
        (
            Emulated::DeliveryOptions,
            crate::delivery_options::BASE_PATH,
        ),
        (Emulated::MmApi, crate::mm_api::BASE_PATH),
        (Emulated::MmData, crate::mm_api::services::DATA_BASE_PATH),
    ];

    /// The API serving `path`, if any.
    fn of(path: &str) -> Option<Emulated> {
        Self::ALL.iter().find_map(|(api, base)| {
            let rest = path.strip_prefix(base)?;
            (rest.is_empty() || rest.starts_with('/')).then_some(*api)
        })
    }

    /// Its name in the request log.
    fn name(self) -> &'static str {
        match self {
            Emulated::Tracking => "tracking",
            Emulated::Shipping => "shipping",
            Emulated::DeliveryOptions => "delivery-options",
            Emulated::MmApi => "mm-api",
            Emulated::MmData => "mm-api-data",
        }
    }

    /// How it spells its error body.
    fn dialect(self) -> ErrorDialect {
        match self {
            Emulated::Tracking => ErrorDialect::Tracking,
            Emulated::Shipping => ErrorDialect::Shipping,
            Emulated::DeliveryOptions => ErrorDialect::DeliveryOptions,
            Emulated::MmApi | Emulated::MmData => ErrorDialect::MmApi,
        }
    }
}

/// Whether `path` is the MM-API's token route, which only gets faults when asked (`auth`).
fn is_token_route(path: &str) -> bool {
    path.strip_prefix(crate::mm_api::BASE_PATH)
        .is_some_and(|rest| rest.trim_end_matches('/') == "/auth")
}

/// Middleware around the whole server: requests to the Metapack API routes (and to unknown
/// paths) are logged and get the faults in force; `/` and `/_sandbox/...` pass untouched.
/// With `--log`, every request is printed to stderr.
pub(crate) async fn observe(
    State(control): State<Control>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let is_control = path == "/" || path == CONTROL_PATH || path.starts_with("/_sandbox/");
    if is_control {
        let response = next.run(request).await;
        if control.print {
            let received = Received::new(&method, &path, query.as_deref(), None);
            print_line(&received, response.status().as_u16(), None);
        }
        return response;
    }
    let api = Emulated::of(&path);
    let received = Received::new(&method, &path, query.as_deref(), api.map(Emulated::name));
    let fault = match api {
        Some(_) => lock(&control.injector).draw(is_token_route(&path)),
        None => None,
    };
    let record = |status: u16, processed: bool| {
        if control.print {
            print_line(&received, status, fault);
        }
        lock(&control.log).push(received.clone(), status, processed, fault);
    };
    match (fault, api) {
        (Some(Fault::Status(status)), Some(api)) => {
            let retry_after = lock(&control.injector).faults().retry_after();
            let response = injected_status(api, status, retry_after.as_secs());
            record(response.status().as_u16(), false);
            response
        }
        (Some(Fault::Reset), _) => {
            let response = next.run(request).await;
            record(response.status().as_u16(), true);
            reset()
        }
        (Some(Fault::Delay(delay)), _) => {
            let response = next.run(request).await;
            record(response.status().as_u16(), true);
            tokio::time::sleep(delay).await;
            response
        }
        _ => {
            let response = next.run(request).await;
            record(response.status().as_u16(), true);
            response
        }
    }
}

/// Prints one request to stderr (`--log`): time, method, path and scrubbed query, status,
/// fault.
fn print_line(received: &Received, status: u16, fault: Option<Fault>) {
    let query = received
        .query
        .as_deref()
        .map(|query| format!("?{query}"))
        .unwrap_or_default();
    let fault = fault
        .map(|fault| format!(" (fault {fault})"))
        .unwrap_or_default();
    eprintln!(
        "{} {} {}{query} {status}{fault}",
        received.timestamp.format("%Y-%m-%dT%H:%M:%S%.3fZ"),
        received.method,
        received.path,
    );
}

/// An injected 429 or 5xx in `api`'s error body, with `Retry-After` on 429 and 503.
fn injected_status(api: Emulated, status: u16, retry_after_seconds: u64) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let reason = status.canonical_reason().unwrap_or("Service Unavailable");
    let system_message = format!(
        "{reason}: a fault injected by the sandbox (its --faults); the request was not processed"
    );
    let mut response =
        ApiError::new(status, reason, system_message).into_response_in(api.dialect());
    if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(retry_after_seconds));
    }
    response
}

/// A response whose body fails before its first byte: hyper then drops the connection
/// without writing the status line, so the client sees a connection error and no answer.
fn reset() -> Response {
    Response::new(Body::new(ResetBody))
}

/// A body that fails at once ([`reset`]).
struct ResetBody;

impl HttpBody for ResetBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        Poll::Ready(Some(Err(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "connection reset by the sandbox's fault injection",
        ))))
    }
}

/// The faults in force, as `GET` and `PUT /_sandbox/faults` answer them.
fn faults_body(injector: &Injector) -> serde_json::Value {
    let faults = injector.faults();
    json!({
        "faults": faults.to_string(),
        "rules": faults.rules(),
        "auth": faults.applies_to_auth(),
        "retryAfterSeconds": faults.retry_after().as_secs(),
        "seed": injector.seed(),
    })
}

/// `GET /_sandbox/faults`.
async fn get_faults(State(control): State<Control>) -> Response {
    axum::Json(faults_body(&lock(&control.injector))).into_response()
}

/// `PUT /_sandbox/faults`: a body in the string syntax (`503:0.2,reset:0.05`), a JSON string
/// in it, or a JSON object ([`FaultsRequest`]); a `seed` restarts the generator.
async fn put_faults(State(control): State<Control>, body: Bytes) -> Result<Response, ApiError> {
    let text = String::from_utf8_lossy(&body);
    let text = text.trim();
    let request = if text.starts_with('{') {
        serde_json::from_str::<FaultsRequest>(text)
            .map_err(|error| ApiError::bad_request(format!("faults: {error}")))?
    } else if text.starts_with('"') {
        let faults = serde_json::from_str::<String>(text)
            .map_err(|error| ApiError::bad_request(format!("faults: {error}")))?;
        FaultsRequest {
            faults: Some(faults),
            ..FaultsRequest::default()
        }
    } else {
        FaultsRequest {
            faults: Some(text.to_owned()),
            ..FaultsRequest::default()
        }
    };
    let faults = request
        .faults()
        .map_err(|error| ApiError::bad_request(format!("faults: {error}")))?;
    let mut injector = lock(&control.injector);
    injector.set(faults, request.seed);
    Ok(axum::Json(faults_body(&injector)).into_response())
}

/// `DELETE /_sandbox/faults`: no more faults (the generator goes on where it was).
async fn delete_faults(State(control): State<Control>) -> StatusCode {
    let mut injector = lock(&control.injector);
    injector.set(faults::Faults::none(), None);
    StatusCode::NO_CONTENT
}

/// `GET /_sandbox/requests`: the request log, oldest first.
async fn get_requests(State(control): State<Control>) -> Response {
    axum::Json(lock(&control.log).records()).into_response()
}

/// `DELETE /_sandbox/requests`: empties the request log.
async fn delete_requests(State(control): State<Control>) -> StatusCode {
    lock(&control.log).clear();
    StatusCode::NO_CONTENT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apis_by_path() {
        assert_eq!(
            Emulated::of("/shipping/v1/consignments"),
            Some(Emulated::Shipping)
        );
        assert_eq!(Emulated::of("/shipping/v1"), Some(Emulated::Shipping));
        assert_eq!(Emulated::of("/shipping/v10/x"), None);
        assert_eq!(Emulated::of("/mm-api/auth"), Some(Emulated::MmApi));
        assert_eq!(
            Emulated::of("/mm-data/logistics-services/x"),
            Some(Emulated::MmData)
        );
        assert_eq!(
            Emulated::of("/dmoptions/find"),
            Some(Emulated::DeliveryOptions)
        );
        assert_eq!(Emulated::of("/"), None);
        assert!(is_token_route("/mm-api/auth"));
        assert!(!is_token_route("/mm-api/consignments"));
    }
}
