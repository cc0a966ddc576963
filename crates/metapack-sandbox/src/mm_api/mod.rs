//! The MetaPack Manager API (`/mm-api`): OAuth2 client-credentials tokens, shipments,
//! allocation of consignments with label documents, deallocation, status changes, closing of
//! consignment lists and documents as real PDF, PNG or ZPL bytes.
//!
//! | route | answer |
//! |---|---|
//! | `POST /auth` (HTTP Basic client credentials, form `grant_type=client_credentials`) | 200 `{access_token, token_type: "bearer", expires_in}` |
//! | `GET /shipments/{uuid}` | 200 shipment |
//! | `POST /consignments?logisticsServiceURI=&...` (a shipment, or a shipment's URL as a JSON string or `{"@id"}`) | 201 consignment, `Location` |
//! | `GET /consignments/{uuid}` | 200 consignment |
//! | `DELETE /consignments/{uuid}` | 204 |
//! | `PATCH /consignments/{uuid}` (consignment status) | 200 |
//! | `PATCH /consignments` (consignment status batch) | 200 all updated, 207 some |
//! | `POST /consignment-lists` (`CLOSE_LIST`) | 201 consignment list reference, `Location` |
//! | `GET /documents/{consignment}/{unit}/label?format=PDF\|PNG\|ZPL&dpi=200\|300` | 200 the document's bytes |
//! | `GET /documents/{consignment}/customs`, `.../invoice` (consignments leaving the UK) | 200 the CN23 declaration in the label's format; the commercial invoice, always PDF |
//! | `GET {data host}/logistics-services/{id}` (no authentication; [`services`]) | 200 logistics service |
//!
//! An allocation sent as `v1.0` or later also answers `returnLogisticsUnitDocuments`: one
//! return unit whose label is addressed back to the sender (the reference's example shows
//! one; that every `v1.0` allocation gets one is the sandbox's choice, since the request
//! carries no flag for it).
//!
//! Every route but `/auth` needs `Authorization: Bearer <token>` with a token `/auth` issued
//! and that has not expired. Bodies must be sent as
//! `application/vnd.metapack.mm.v<version>+json` for a version the reference lists, and are
//! judged as JSON by the sandbox's own reading of the reference ([`validate`]: Appendix A's
//! constraints, Appendix B's closed lists, Appendix D's address rules, Appendix E's version
//! ranges), never by the client crate's validation; the client's model types only hold the
//! state once a request passed. Failures answer the reference's error body (1.7.2) with
//! Appendix C's codes:
//!
//! | status | code | when |
//! |---|---|---|
//! | 400 | `O-VAL-2000` | constraint violations (with `constraintViolations`), among them a value outside a closed list of Appendix B (`SupportedValue` or `Enum`), a bad `format` or `dpi`; unreadable JSON |
//! | 400 | `O-VAL-2002`, `O-VAL-2003` | `/auth` without or with a wrong `grant_type`; a malformed path |
//! | 400 | `O-ALE-4000` | allocation failed (with `allocationErrors`): a unit over 30 kg, a shipment already consigned |
//! | 400 | `O-ALE-4002` | deallocating a deallocated consignment |
//! | 401 | `O-INT-1000` | no, unknown or expired bearer token; wrong client credentials on `/auth` |
//! | 404 | `O-NFO-3000`, `O-NFO-3001`, `O-NFO-3003`, `O-NFO-3004` | unknown path, shipment, consignment, document |
//! | 404 | `O-NFO-3006` | no consignment of a status change is eligible (Appendix C puts it in the not-found family) |
//! | 405 | `O-VAL-2009` | a method the path does not support |
//! | 409 | `O-ALE-4001` | deallocating a manifested consignment (its list was closed) |
//! | 409 | `O-COL-6001` | a `CLOSE_LIST` with a consignment that is held, manifested or deallocated |
//! | 415 | `O-VAL-2001` | a body without a versioned MM-API content type |

pub(crate) mod services;
pub(crate) mod state;
pub(crate) mod validate;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{FromRequest, OriginalUri, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router, middleware};
use chrono::DateTime;
use metapack_mm_api::errors::{AllocationError, ConstraintViolation, ErrorBody};
use metapack_mm_api::model::{
    ConsignmentList, ConsignmentListReference, ConsignmentStatus, ConsignmentStatusBatch, Shipment,
};
use metapack_mm_api::uri::{ConsignmentListUri, LogisticsServiceUri, ShipmentUri};
use metapack_mm_api::values::AllocationErrorCode;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::paperwork::{self, CustomsLine, Format, LabelContent, PaperworkOptions};
use crate::server::{
    self, ApiError, Authenticate, BasicCredentials, ErrorDialect, PathParams, lock, query_pairs,
};
use state::{Deallocation, MAX_UNIT_WEIGHT_KG, MmStore};
use validate::{Validator, Version, versions};

/// Where the MM-API lives on the sandbox (the real one is at the root of a host given to
/// each customer).
pub(crate) const BASE_PATH: &str = "/mm-api";

/// The shared store behind every MM-API route.
pub(crate) type Store = Arc<Mutex<MmStore>>;

/// A new store with the seeded shipments.
pub(crate) fn store() -> Store {
    Arc::new(Mutex::new(MmStore::new()))
}

/// What every MM-API route shares.
#[derive(Clone, Debug)]
pub(crate) struct MmApi {
    /// The data.
    pub(crate) store: Store,
    /// The OAuth2 client credentials `/auth` accepts.
    pub(crate) client: BasicCredentials,
    /// How long an issued token is valid.
    pub(crate) token_lifetime: Duration,
    /// Where allocations are tracked, and the clock.
    pub(crate) world: crate::world::World,
}

/// The MM-API's routes, relative to [`BASE_PATH`].
pub(crate) fn router(api: MmApi) -> Router {
    let tokens = BearerTokens(api.store.clone());
    let routes = Router::new()
        .route("/shipments/{shipment}", get(get_shipment))
        .route(
            "/consignments",
            post(allocate_consignment).patch(update_statuses),
        )
        .route(
            "/consignments/{consignment}",
            get(get_consignment)
                .delete(deallocate_consignment)
                .patch(update_status),
        )
        .route("/consignment-lists", post(close_consignment_list))
        .route("/documents/{*document}", get(get_document))
        .route_layer(middleware::from_fn_with_state(
            tokens,
            server::require_auth::<BearerTokens>,
        ))
        .route("/auth", post(issue_token));
    finish(routes, api)
}

/// The routes with the MM-API's 404 and 405 answers, its state and its error body.
fn finish(routes: Router<MmApi>, api: MmApi) -> Router {
    routes
        .fallback(server::not_found)
        .method_not_allowed_fallback(server::method_not_allowed)
        .with_state(api)
        .layer(middleware::from_fn_with_state(
            ErrorDialect::MmApi,
            server::error_dialect,
        ))
}

/// The bearer tokens issued by `/auth`, checked by [`server::require_auth`].
#[derive(Clone, Debug)]
struct BearerTokens(Store);

impl Authenticate for BearerTokens {
    fn authenticate(&self, request: &Request) -> Result<(), ApiError> {
        let Some(token) = bearer_token(request.headers()) else {
            return Err(unauthorized(
                "send Authorization: Bearer with a token from POST /auth",
            ));
        };
        match lock(&self.0).token_expiry(token) {
            Some(expiry) if expiry > Instant::now() => Ok(()),
            Some(_) => Err(unauthorized(
                "the bearer token has expired; get a new one from POST /auth",
            )),
            None => Err(unauthorized(
                "the bearer token was not issued by POST /auth",
            )),
        }
    }
}

/// The token of an `Authorization: Bearer` header.
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// 401 `O-INT-1000`: a valid bearer token has not been supplied.
fn unauthorized(problem: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "Unauthorized",
        format!("A valid bearer token has not been supplied: {problem}"),
    )
    .with_code("O-INT-1000")
}

/// A failure answered with the MM-API error body as built (constraint violations and
/// allocation errors included).
#[derive(Debug)]
pub(crate) struct MmError(Box<ErrorBody>);

impl MmError {
    /// An error with this status, code and message.
    fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self::from(ErrorBody::new(status.as_u16(), code, message))
    }

    /// 400 `O-VAL-2000` with these violations.
    fn violations(violations: Vec<ConstraintViolation>) -> Self {
        Self::from(ErrorBody::constraint_violations(violations))
    }

    /// 404 with this not-found code.
    fn not_found(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, message)
    }
}

impl From<ErrorBody> for MmError {
    fn from(body: ErrorBody) -> Self {
        Self(Box::new(body))
    }
}

impl IntoResponse for MmError {
    fn into_response(self) -> Response {
        let status = self
            .0
            .status()
            .and_then(|status| StatusCode::from_u16(status).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        // A UUID, like the correlation IDs of errors re-spelled by `ErrorDialect::MmApi`.
        let body = (*self.0).with_correlation_id(Uuid::new_v4().to_string());
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"metapack-sandbox\""),
            );
        }
        response
    }
}

/// A JSON request body sent with a versioned MM-API content type: the version and the JSON.
///
/// Rejections: a `Content-Type` naming no supported version → 415 `O-VAL-2001`; an empty body
/// or one that is not JSON → 400 `O-VAL-2000`.
#[derive(Debug)]
struct MmBody(Version, Value);

impl<S: Send + Sync> FromRequest<S> for MmBody {
    type Rejection = MmError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .unwrap_or_default();
        let version = Version::from_content_type(&content_type)
            .ok_or_else(|| MmError::from(ErrorBody::unsupported_media_type(&content_type)))?;
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                MmError::new(rejection.status(), "O-VAL-2000", rejection.body_text())
            })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(MmError::new(
                StatusCode::BAD_REQUEST,
                "O-VAL-2000",
                "Required request body is missing",
            ));
        }
        let value = serde_json::from_slice(&bytes).map_err(|error| {
            MmError::new(
                StatusCode::BAD_REQUEST,
                "O-VAL-2000",
                format!("The request body is not valid JSON: {error}"),
            )
        })?;
        Ok(MmBody(version, value))
    }
}

/// The violations as an error, or `Ok` when there are none.
fn judged(violations: Vec<ConstraintViolation>) -> Result<(), MmError> {
    if violations.is_empty() {
        Ok(())
    } else {
        Err(MmError::violations(violations))
    }
}

/// Decodes a body the sandbox's [`validate`] passed into the model type `T` that holds it (a
/// value the model cannot hold is a binding failure naming its field).
fn decode<T: DeserializeOwned>(value: Value, object_name: &str) -> Result<T, MmError> {
    serde_path_to_error::deserialize(&value).map_err(|error| {
        let path = error.path().to_string();
        let field = if path == "." { String::new() } else { path };
        let rejected = pointer(&value, &field);
        MmError::violations(vec![ConstraintViolation::binding_failure(
            object_name,
            field,
            rejected,
            &error.inner().to_string().replace('`', ""),
        )])
    })
}

/// The value at a serde path (`logisticsUnits[0].weight`), when it can be found.
fn pointer(value: &Value, path: &str) -> Option<Value> {
    let mut current = value;
    for part in path.split('.').filter(|part| !part.is_empty()) {
        let (name, indexes) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            current = current.get(name)?;
        }
        for index in indexes.split('[') {
            let index = index.trim_end_matches(']');
            if !index.is_empty() {
                current = current.get(index.parse::<usize>().ok()?)?;
            }
        }
    }
    Some(current.clone())
}

/// A path UUID, or 404 with `code` (an identifier that is not a UUID names nothing).
fn uuid_or(id: &str, code: &str, what: &str) -> Result<Uuid, MmError> {
    Uuid::try_parse(id.trim())
        .map_err(|_| MmError::not_found(code, format!("{what} {id} does not exist")))
}

/// `POST /auth`: HTTP Basic client credentials and form `grant_type=client_credentials` →
/// `{access_token, token_type, expires_in}`.
async fn issue_token(State(api): State<MmApi>, headers: HeaderMap, body: Bytes) -> Response {
    if !api.client.accepts(&headers) {
        return MmError::new(
            StatusCode::UNAUTHORIZED,
            "O-INT-1000",
            "Bad client credentials: send the client id and secret with HTTP Basic",
        )
        .into_response();
    }
    let form = String::from_utf8_lossy(&body);
    let pairs = query_pairs(Some(form.trim()));
    let grant_type = pairs
        .iter()
        .find(|(name, _)| name == "grant_type")
        .map(|(_, value)| value.as_str());
    match grant_type {
        None => {
            return MmError::new(
                StatusCode::BAD_REQUEST,
                "O-VAL-2002",
                "Missing request parameter grant_type (form-encoded body)",
            )
            .into_response();
        }
        Some("client_credentials") => {}
        Some(other) => {
            return MmError::new(
                StatusCode::BAD_REQUEST,
                "O-VAL-2003",
                format!("Unsupported grant_type {other:?}: only client_credentials is"),
            )
            .into_response();
        }
    }
    let token = lock(&api.store).issue_token(api.token_lifetime);
    let expires_in = api.token_lifetime.as_secs_f64().ceil() as u64;
    let mut response = Json(json!({
        "access_token": token,
        "token_type": "bearer",
        "expires_in": expires_in,
    }))
    .into_response();
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /shipments/{uuid}`.
async fn get_shipment(
    State(api): State<MmApi>,
    PathParams(id): PathParams<String>,
) -> Result<Json<Shipment>, MmError> {
    let uuid = uuid_or(&id, "O-NFO-3001", "Shipment")?;
    lock(&api.store)
        .shipment(uuid)
        .map(Json)
        .ok_or_else(|| MmError::not_found("O-NFO-3001", format!("Shipment {id} does not exist")))
}

/// `POST /consignments`: allocates a shipment given inline, or by its URL (a JSON string, or
/// an object with only `@id`).
async fn allocate_consignment(
    State(api): State<MmApi>,
    OriginalUri(uri): OriginalUri,
    MmBody(version, value): MmBody,
) -> Result<Response, MmError> {
    let validator = Validator::new(version);
    let params = query_pairs(uri.query());
    judged(validator.allocation_params(&params))?;
    let service = params
        .iter()
        .rev()
        .find(|(name, _)| name == "logisticsServiceURI")
        .map(|(_, uri)| LogisticsServiceUri::new(uri.clone()));
    let by_reference = match &value {
        Value::String(url) => Some(url.clone()),
        Value::Object(map) if map.len() == 1 => {
            map.get("@id").and_then(Value::as_str).map(str::to_owned)
        }
        _ => None,
    };
    let (id, shipment) = match by_reference {
        Some(url) => {
            let uuid = ShipmentUri::new(url.clone()).uuid().ok_or_else(|| {
                MmError::not_found("O-NFO-3001", format!("Shipment {url} does not exist"))
            })?;
            let shipment = lock(&api.store).shipment(uuid).ok_or_else(|| {
                MmError::not_found("O-NFO-3001", format!("Shipment {url} does not exist"))
            })?;
            let stored = serde_json::to_value(&shipment).unwrap_or_default();
            judged(validator.shipment(&stored))?;
            (uuid, shipment)
        }
        None => {
            judged(validator.shipment(&value))?;
            (Uuid::new_v4(), decode::<Shipment>(value, "shipment")?)
        }
    };
    let too_heavy = shipment
        .logistics_units
        .iter()
        .flatten()
        .filter_map(|unit| unit.weight.as_ref().and_then(|weight| weight.value))
        .any(|kg| kg > MAX_UNIT_WEIGHT_KG);
    if too_heavy {
        return Err(MmError::from(ErrorBody::allocation_errors(vec![
            AllocationError::new(AllocationErrorCode::TooHigh, None)
                .on("shipment", "logisticsUnits.weight.value"),
        ])));
    }
    let mut store = lock(&api.store);
    let service = service.unwrap_or_else(|| store.default_service());
    if store.is_consigned(id) {
        return Err(MmError::from(ErrorBody::allocation_errors(vec![
            AllocationError::new(
                AllocationErrorCode::UnknownError,
                Some(format!("Shipment {id} is already consigned")),
            ),
        ])));
    }
    let now = api.world.now();
    // A delivery window that closes before the earliest delivery any service promises cannot
    // be met (the reference's own allocation example, with a past date, answers this).
    let latest_delivery = params
        .iter()
        .rev()
        .find(|(name, _)| name == "latestDeliveryDate")
        .and_then(|(_, date)| DateTime::parse_from_rfc3339(date).ok());
    if latest_delivery.is_some_and(|latest| latest < state::earliest_delivery(now)) {
        return Err(MmError::from(ErrorBody::allocation_errors(vec![
            AllocationError::new(
                AllocationErrorCode::DeliveryWindow,
                Some("No logistics service available for the DeliveryWindow".to_owned()),
            ),
        ])));
    }
    let with_returns = version.has(versions::RETURN_LABELS);
    let consignment = store.allocate(id, shipment, service, now, with_returns);
    let tracked = crate::world::mm_api::parcels(id, &consignment, store.shipment(id).as_ref());
    drop(store);
    api.world.allocated(tracked, now);
    let location = consignment
        .id
        .as_ref()
        .map(|id| id.as_str().to_owned())
        .unwrap_or_default();
    let mut response = (StatusCode::CREATED, Json(consignment)).into_response();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, location);
    }
    Ok(response)
}

/// `GET /consignments/{uuid}`.
async fn get_consignment(
    State(api): State<MmApi>,
    PathParams(id): PathParams<String>,
) -> Result<Response, MmError> {
    let uuid = uuid_or(&id, "O-NFO-3003", "Consignment")?;
    let store = lock(&api.store);
    let record = store
        .consignment(uuid)
        .ok_or_else(|| consignment_not_found(&id))?;
    Ok(Json(record.consignment.clone()).into_response())
}

/// 404 `O-NFO-3003`.
fn consignment_not_found(id: &str) -> MmError {
    MmError::not_found("O-NFO-3003", format!("Consignment {id} does not exist"))
}

/// `DELETE /consignments/{uuid}`: 204, 409 `O-ALE-4001` once manifested, 400 `O-ALE-4002`
/// when already deallocated.
async fn deallocate_consignment(
    State(api): State<MmApi>,
    PathParams(id): PathParams<String>,
) -> Result<StatusCode, MmError> {
    let uuid = uuid_or(&id, "O-NFO-3003", "Consignment")?;
    let outcome = lock(&api.store).deallocate(uuid);
    match outcome {
        Deallocation::Done => {
            api.world
                .cancelled_delivery(&uuid.to_string(), api.world.now());
            Ok(StatusCode::NO_CONTENT)
        }
        Deallocation::Unknown => Err(consignment_not_found(&id)),
        Deallocation::Manifested => Err(MmError::new(
            StatusCode::CONFLICT,
            "O-ALE-4001",
            format!("Consignment {id} cannot be deallocated as it has already been manifested"),
        )),
        Deallocation::AlreadyDeallocated => Err(MmError::new(
            StatusCode::BAD_REQUEST,
            "O-ALE-4002",
            format!("Consignment {id} cannot be deallocated as it is already deallocated"),
        )),
    }
}

/// 404 `O-NFO-3006`: no consignment can take the status.
fn none_eligible() -> MmError {
    MmError::not_found(
        "O-NFO-3006",
        "None of the consignments provided is eligible for changing the status",
    )
}

/// `PATCH /consignments/{uuid}`: 200 when the status changed.
async fn update_status(
    State(api): State<MmApi>,
    PathParams(id): PathParams<String>,
    MmBody(version, value): MmBody,
) -> Result<StatusCode, MmError> {
    let uuid = uuid_or(&id, "O-NFO-3003", "Consignment")?;
    judged(Validator::new(version).consignment_status(&value))?;
    let request: ConsignmentStatus = decode(value, "consignmentStatus")?;
    // Validation reports a missing status (NotNull) before this.
    let Some(status) = request.status else {
        return Err(none_eligible());
    };
    let mut store = lock(&api.store);
    if store.consignment(uuid).is_none() {
        return Err(consignment_not_found(&id));
    }
    if store.set_status(uuid, &status) {
        Ok(StatusCode::OK)
    } else {
        Err(none_eligible())
    }
}

/// `PATCH /consignments`: 200 when every consignment changed, 207 when some did, 404
/// `O-NFO-3006` when none could.
async fn update_statuses(
    State(api): State<MmApi>,
    MmBody(version, value): MmBody,
) -> Result<StatusCode, MmError> {
    judged(Validator::new(version).consignment_status_batch(&value))?;
    let request: ConsignmentStatusBatch = decode(value, "consignmentStatusBatch")?;
    // Validation reports a missing status (NotNull) before this.
    let Some(status) = request.status else {
        return Err(none_eligible());
    };
    let consignments = request.consignments.unwrap_or_default();
    let mut store = lock(&api.store);
    let updated = consignments
        .iter()
        .filter(|uri| {
            uri.uuid()
                .is_some_and(|uuid| store.set_status(uuid, &status))
        })
        .count();
    if updated == 0 {
        Err(none_eligible())
    } else if updated == consignments.len() {
        Ok(StatusCode::OK)
    } else {
        Ok(StatusCode::MULTI_STATUS)
    }
}

/// `POST /consignment-lists` (`CLOSE_LIST`): 201 with the list reference; 409 `O-COL-6001`
/// when a consignment cannot be closed.
async fn close_consignment_list(
    State(api): State<MmApi>,
    MmBody(version, value): MmBody,
) -> Result<Response, MmError> {
    judged(Validator::new(version).consignment_list(&value))?;
    let list: ConsignmentList = decode(value, "consignmentList")?;
    let consignments = list.consignments.clone().unwrap_or_default();
    let mut store = lock(&api.store);
    let mut ids = Vec::with_capacity(consignments.len());
    let mut incompatible = Vec::new();
    for uri in &consignments {
        let Some(uuid) = uri.uuid() else {
            return Err(consignment_not_found(uri.as_str()));
        };
        match store.status(uuid) {
            None | Some(state::Status::Deallocated) => {
                return Err(consignment_not_found(uri.as_str()));
            }
            Some(status) if !status.accepts_close() => {
                incompatible.push(format!("{uuid} is {}", status.name()));
            }
            Some(_) => ids.push(uuid),
        }
    }
    if !incompatible.is_empty() {
        return Err(MmError::new(
            StatusCode::CONFLICT,
            "O-COL-6001",
            format!(
                "The list type is incompatible with the status of the consignments in the request: {}",
                incompatible.join(", ")
            ),
        ));
    }
    let number = store.close(&ids);
    let id = ConsignmentListUri::new(format!("{}/consignment-lists/{number}", store.base_url()));
    drop(store);
    let reference = ConsignmentListReference {
        id: Some(id.clone()),
        node_type: None,
        list_type: list.list_type,
        consignment_list_id: list.consignment_list_id,
    };
    let mut response = (StatusCode::CREATED, Json(reference)).into_response();
    if let Ok(location) = HeaderValue::from_str(id.as_str()) {
        response.headers_mut().insert(LOCATION, location);
    }
    Ok(response)
}

/// A document to render: a label-shaped one (labels, the CN23 declaration) or an invoice.
enum Document {
    Label(LabelContent),
    Invoice(LabelContent, Vec<CustomsLine>),
}

/// `GET /documents/{consignment}/{unit}/label?format=&dpi=`: the label's bytes; and the
/// consignment-level customs documents, `/documents/{consignment}/customs` and `/invoice`.
async fn get_document(
    State(api): State<MmApi>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    PathParams(path): PathParams<String>,
) -> Result<Response, MmError> {
    let params = query_pairs(uri.query());
    // A GET has no body; a versioned content type, when sent, still selects the version.
    let version = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(Version::from_content_type)
        .unwrap_or(Version::V0);
    judged(Validator::new(version).document_params(&params))?;
    let missing = || MmError::not_found("O-NFO-3004", format!("Document {path} does not exist"));
    let param = |name: &str| {
        params
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    // Only the supported values of B.3 and B.2 pass validation; PDF and 200 DPI by default.
    let format = match param("format") {
        Some("PNG") => Format::Png,
        Some("ZPL") => Format::Zpl,
        _ => Format::Pdf,
    };
    let dpi = match param("dpi") {
        Some("300") => 300,
        _ => 200,
    };
    let options = PaperworkOptions::labels_only(format, dpi);
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    // Copy what the document shows under the lock; render without it.
    let document = {
        let store = lock(&api.store);
        match parts.as_slice() {
            [consignment, unit, "label"] => {
                let (Ok(consignment), Ok(unit)) =
                    (Uuid::try_parse(consignment), Uuid::try_parse(unit))
                else {
                    return Err(missing());
                };
                Document::Label(store.label(consignment, unit).ok_or_else(missing)?.clone())
            }
            [consignment, kind @ ("customs" | "invoice")] => {
                let consignment = Uuid::try_parse(consignment).map_err(|_| missing())?;
                let (declaration, lines) = store.customs(consignment).ok_or_else(missing)?;
                if *kind == "customs" {
                    Document::Label(declaration.clone())
                } else {
                    Document::Invoice(declaration.clone(), lines.clone())
                }
            }
            _ => return Err(missing()),
        }
    };
    // The customs declaration comes in the label's format; the invoice is always a PDF.
    let (format, bytes) = match document {
        Document::Label(content) => (format, paperwork::label(&options, &content)),
        Document::Invoice(declaration, lines) => (
            Format::Pdf,
            paperwork::customs_invoice(
                &declaration.consignment_code,
                &declaration.sender,
                &declaration.recipient,
                &lines,
            ),
        ),
    };
    Ok((
        [(CONTENT_TYPE, HeaderValue::from_static(format.media_type()))],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_follows_serde_paths() {
        let value = json!({"logisticsUnits": [{"weight": {"value": "x"}}]});
        assert_eq!(
            pointer(&value, "logisticsUnits[0].weight.value"),
            Some(json!("x"))
        );
        assert_eq!(pointer(&value, ""), Some(value.clone()));
        assert_eq!(pointer(&value, "missing"), None);
    }

    #[test]
    fn bearer_tokens_are_read() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer_token(&headers), None);
        headers.insert(
            axum::http::header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(bearer_token(&headers), Some("abc"));
        headers.insert(
            axum::http::header::AUTHORIZATION,
            HeaderValue::from_static("Basic abc"),
        );
        assert_eq!(bearer_token(&headers), None);
    }
}
