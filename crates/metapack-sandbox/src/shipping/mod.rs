//! The Shipping API (`/shipping/v1`): consignments through their lifecycle, parcels, items,
//! consolidations, allocation against a [`ShippingCatalogue`], paperwork, manifests, rates and
//! setup data. All 25 operations of the spec:
//!
//! | route | operationId | answer |
//! |---|---|---|
//! | `GET /consignments?orderReference=&consignmentTrackingIdentifier=&parcelTrackingIdentifier=&parcelCode=` | `search_consignments` | 200, consignments (at least one filter is required) |
//! | `POST /consignments` (`{consignment, shippingRules?}`) | `create_consignment` | 201 `{consignment, links}` |
//! | `GET /consignments/{c}` | `get_consignment` | 200 `{consignment, links}` |
//! | `PUT /consignments/{c}` (`{consignment, shippingRules?}`) | `update_consignment` | 200 `{consignment, links}` |
//! | `PATCH /consignments/{c}` (`{"manifestGroupCode": "..."}`) | `patch_consignment` | 200 `{consignment, links}` |
//! | `DELETE /consignments/{c}` | `delete_consignment` | 204 |
//! | `GET /consignments/{c}/paperwork?type=&format=&dimension=&resolution=` | `get_consignment_paperwork` | 200 `{paperwork: {labels, customs}, links}` |
//! | `POST /consignment-with-paperwork` (`{consignment, shippingRules, paperwork}`) | `create_consignment_with_paperwork` | 201 `{consignment, paperwork, links}` |
//! | `POST /consignments/{c}/parcels` (`{parcel}`) | `add_parcel` | 201 `{parcel, links}` |
//! | `DELETE /consignments/{c}/parcels/{p}` | `remove_parcel` | 204 |
//! | `POST /consignments/{c}/parcels/{p}/consolidate` (`{containerConsignmentCode, containerParcelCode}`) | `consolidate_parcel` | 204 |
//! | `DELETE /consignments/{c}/parcels/{p}/consolidate` | `unconsolidate_parcel` | 204 |
//! | `GET /consignments/{c}/parcels/{p}/paperwork?...` | `get_parcel_paperwork` | 200 `{paperwork, links}` |
//! | `POST /consignments/{c}/parcels/{p}/items` (`{item}`) | `add_item` | 204 |
//! | `DELETE /consignments/{c}/parcels/{p}/items/{itemRef}?quantityToDelete=` | `remove_item` | 204 |
//! | `POST /consignments/{c}/service` (shipping rules) | `allocate_consignment` | 201 `{consignment, links}`, or 204 when no service fits |
//! | `DELETE /consignments/{c}/service` | `deallocate_consignment` | 204 |
//! | `POST /consignments/{c}/status?readyToShip=true\|false` | `set_ready_to_ship` | 204 |
//! | `POST /consignments-validation` (`{consignment, shippingRules?}`) | `validate_allocation` | 200 (no body) when a service is available, 204 when none is |
//! | `POST /manifests` | `create_manifest` | 201 `{links: [{rel: "manifest", href: "/manifests/{code}"}]}` |
//! | `GET /manifests/{m}/paperwork` | `get_manifest_paperwork` | 200 `{paperwork: {manifest, consolidatedClearanceLabel?, commercialInvoice?}, links}` |
//! | `POST /rates` (`{consignment, shippingRules?}`) | `get_rates` | 200, rates cheapest first |
//! | `GET /carriers` | `list_carriers` | 200 |
//! | `GET /carriers/{carrierCode}/services` | `list_carrier_services` | 200 (404 for an unknown carrier) |
//! | `GET /shippingLocations` | `list_shipping_locations` | 200 |
//!
//! Failures answer the Shipping error body `{errorCode, message, systemMessage, traceID,
//! timestamp}`. The Shipping docs show `errorCode` only as a string, so the codes are
//! inferred: the generic ones follow the `PS-nnnn` style Metapack documents for Tracking
//! (`PS-0400` naming the field, `PS-0401` checked before anything else, `PS-0404` for unknown
//! consignments, parcels, items, manifests or carriers, `PS-0405`, `PS-0415`), and the 409s
//! of the lifecycle are `CONSIGNMENT_STATUS_CONFLICT` ([`state`] has the table of allowed
//! statuses per operation).
//!
//! Requests are judged by the sandbox's own reading of the docs ([`validate`]): country codes
//! must be ISO 3166-1 alpha-3 (`GBR`) wherever they appear, and the closed lists of
//! [`crate::values::shipping`] are matched exactly; failures are 400 `PS-0400` naming the
//! field.
//!
//! See [`catalogue`] for how services are matched and [`paperwork`] for the documents.

pub(crate) mod catalogue;
pub(crate) use crate::paperwork;
pub(crate) mod state;
mod validate;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, middleware};
use metapack_shipping::types::{
    Carrier, CarrierService, Consignment, ConsignmentPatch, ConsignmentRequest,
    ConsignmentResponse, ConsignmentStatus, ConsignmentWithPaperwork,
    ConsignmentWithPaperworkRequest, ConsolidationRequest, Item, ItemRequest, Link,
    ManifestPaperworkResponse, ManifestRequest, ManifestResponse, PaperworkRequest,
    PaperworkResponse, Parcel, ParcelRequest, ParcelResponse, Rate, ShippingLocation,
    ShippingRules, TimeSlots,
};
use serde::Deserialize;

use crate::server::{
    self, ApiError, BasicCredentials, ErrorDialect, FieldError, JsonBody, PathParams, QueryParams,
    Validate, given, lock, required_param,
};
use catalogue::ShippingCatalogue;
use paperwork::PaperworkOptions;
use state::{SearchFilter, ShippingStore};

/// Where the Shipping API lives, as on Metapack's hosts.
pub(crate) const BASE_PATH: &str = "/shipping/v1";

/// The shared store behind every Shipping route; the [`crate::Sandbox`] keeps one too, to
/// answer its inspection methods.
pub(crate) type Store = Arc<Mutex<ShippingStore>>;

/// A new store allocating against `catalogue`, publishing allocations to `world`.
pub(crate) fn store(catalogue: ShippingCatalogue, world: crate::world::World) -> Store {
    Arc::new(Mutex::new(ShippingStore::with_world(catalogue, world)))
}

/// The Shipping API's routes, relative to [`BASE_PATH`], behind HTTP Basic `credentials`.
pub(crate) fn router(credentials: BasicCredentials, store: Store) -> Router {
    Router::new()
        .route(
            "/consignments",
            get(search_consignments).post(create_consignment),
        )
        .route(
            "/consignments/{consignment}",
            get(get_consignment)
                .put(update_consignment)
                .patch(patch_consignment)
                .delete(delete_consignment),
        )
        .route(
            "/consignments/{consignment}/paperwork",
            get(get_consignment_paperwork),
        )
        .route(
            "/consignment-with-paperwork",
            post(create_consignment_with_paperwork),
        )
        .route("/consignments/{consignment}/parcels", post(add_parcel))
        .route(
            "/consignments/{consignment}/parcels/{parcel}",
            delete(remove_parcel),
        )
        .route(
            "/consignments/{consignment}/parcels/{parcel}/consolidate",
            post(consolidate_parcel).delete(unconsolidate_parcel),
        )
        .route(
            "/consignments/{consignment}/parcels/{parcel}/paperwork",
            get(get_parcel_paperwork),
        )
        .route(
            "/consignments/{consignment}/parcels/{parcel}/items",
            post(add_item),
        )
        .route(
            "/consignments/{consignment}/parcels/{parcel}/items/{item}",
            delete(remove_item),
        )
        .route(
            "/consignments/{consignment}/service",
            post(allocate_consignment).delete(deallocate_consignment),
        )
        .route(
            "/consignments/{consignment}/status",
            post(set_ready_to_ship),
        )
        .route("/consignments-validation", post(validate_allocation))
        .route("/manifests", post(create_manifest))
        .route(
            "/manifests/{manifest}/paperwork",
            get(get_manifest_paperwork),
        )
        .route("/rates", post(get_rates))
        .route("/carriers", get(list_carriers))
        .route("/carriers/{carrier}/services", get(list_carrier_services))
        .route("/shippingLocations", get(list_shipping_locations))
        .fallback(server::not_found)
        .method_not_allowed_fallback(server::method_not_allowed)
        .with_state(store)
        .layer(middleware::from_fn_with_state(
            credentials,
            server::require_auth::<BasicCredentials>,
        ))
        .layer(middleware::from_fn_with_state(
            ErrorDialect::Shipping,
            server::error_dialect,
        ))
}

/// A link to a path of the API.
fn link(rel: &str, href: String) -> Link {
    Link {
        href: Some(href),
        operation: None,
        rel: Some(rel.to_owned()),
    }
}

/// The links of a consignment: itself, and its paperwork once it has a carrier service.
fn consignment_links(consignment: &Consignment) -> Vec<Link> {
    let code = consignment.consignment_code.as_deref().unwrap_or_default();
    let mut links = vec![link("self", format!("/consignments/{code}"))];
    let status = consignment
        .status
        .clone()
        .unwrap_or(ConsignmentStatus::Unallocated);
    if matches!(
        status,
        ConsignmentStatus::Allocated
            | ConsignmentStatus::Printed
            | ConsignmentStatus::ReadyToManifest
    ) {
        links.push(link("paperwork", format!("/consignments/{code}/paperwork")));
    }
    links
}

/// `{consignment, links}`.
fn consignment_response(consignment: Consignment) -> ConsignmentResponse {
    ConsignmentResponse {
        links: Some(consignment_links(&consignment)),
        consignment: Some(consignment),
    }
}

/// The query of `GET /consignments`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SearchQuery {
    order_reference: Option<String>,
    consignment_tracking_identifier: Option<String>,
    parcel_tracking_identifier: Option<String>,
    parcel_code: Option<String>,
}

/// `GET /consignments`: needs at least one filter.
async fn search_consignments(
    State(store): State<Store>,
    QueryParams(query): QueryParams<SearchQuery>,
) -> Result<Json<Vec<Consignment>>, ApiError> {
    let filter = SearchFilter {
        order_reference: given(query.order_reference.as_deref()),
        consignment_tracking_identifier: given(query.consignment_tracking_identifier.as_deref()),
        parcel_tracking_identifier: given(query.parcel_tracking_identifier.as_deref()),
        parcel_code: given(query.parcel_code.as_deref()),
    };
    if filter.order_reference.is_none()
        && filter.consignment_tracking_identifier.is_none()
        && filter.parcel_tracking_identifier.is_none()
        && filter.parcel_code.is_none()
    {
        return Err(ApiError::bad_request(
            "orderReference, consignmentTrackingIdentifier, parcelTrackingIdentifier or parcelCode: one of these query parameters is required",
        ));
    }
    Ok(Json(lock(&store).search(&filter)))
}

/// `POST /consignments`.
async fn create_consignment(
    State(store): State<Store>,
    JsonBody(request): JsonBody<ConsignmentRequest>,
) -> (StatusCode, Json<ConsignmentResponse>) {
    let now = lock(&store).now();
    let consignment = lock(&store).create(request, now);
    (StatusCode::CREATED, Json(consignment_response(consignment)))
}

/// `GET /consignments/{c}`.
async fn get_consignment(
    State(store): State<Store>,
    PathParams(code): PathParams<String>,
) -> Result<Json<ConsignmentResponse>, ApiError> {
    let consignment = lock(&store).get(&code)?;
    Ok(Json(consignment_response(consignment)))
}

/// `PUT /consignments/{c}`.
async fn update_consignment(
    State(store): State<Store>,
    PathParams(code): PathParams<String>,
    JsonBody(request): JsonBody<ConsignmentRequest>,
) -> Result<Json<ConsignmentResponse>, ApiError> {
    let now = lock(&store).now();
    let consignment = lock(&store).update(&code, request, now)?;
    Ok(Json(consignment_response(consignment)))
}

/// `PATCH /consignments/{c}`.
async fn patch_consignment(
    State(store): State<Store>,
    PathParams(code): PathParams<String>,
    JsonBody(patch): JsonBody<ConsignmentPatch>,
) -> Result<Json<ConsignmentResponse>, ApiError> {
    let consignment = lock(&store).patch(&code, &patch)?;
    Ok(Json(consignment_response(consignment)))
}

/// `DELETE /consignments/{c}`.
async fn delete_consignment(
    State(store): State<Store>,
    PathParams(code): PathParams<String>,
) -> Result<StatusCode, ApiError> {
    lock(&store).delete(&code)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The query of the paperwork routes.
#[derive(Debug, Deserialize)]
struct PaperworkQuery {
    #[serde(rename = "type")]
    type_: Option<String>,
    format: Option<String>,
    dimension: Option<String>,
    resolution: Option<String>,
}

impl PaperworkQuery {
    fn options(&self) -> Result<PaperworkOptions, ApiError> {
        validate::paperwork_query(self.type_.as_deref(), self.format.as_deref())?;
        Ok(PaperworkOptions::parse(
            "",
            self.type_.as_deref(),
            self.format.as_deref(),
            self.dimension.as_deref(),
            self.resolution.as_deref(),
        )?)
    }
}

/// `GET /consignments/{c}/paperwork`.
async fn get_consignment_paperwork(
    State(store): State<Store>,
    PathParams(code): PathParams<String>,
    QueryParams(query): QueryParams<PaperworkQuery>,
) -> Result<Json<PaperworkResponse>, ApiError> {
    let options = query.options()?;
    let paperwork = lock(&store).paperwork(&code, None, &options)?;
    Ok(Json(PaperworkResponse {
        links: Some(vec![link("consignment", format!("/consignments/{code}"))]),
        paperwork: Some(paperwork),
    }))
}

/// `GET /consignments/{c}/parcels/{p}/paperwork`.
async fn get_parcel_paperwork(
    State(store): State<Store>,
    PathParams((code, parcel)): PathParams<(String, String)>,
    QueryParams(query): QueryParams<PaperworkQuery>,
) -> Result<Json<PaperworkResponse>, ApiError> {
    let options = query.options()?;
    let paperwork = lock(&store).paperwork(&code, Some(&parcel), &options)?;
    Ok(Json(PaperworkResponse {
        links: Some(vec![link("consignment", format!("/consignments/{code}"))]),
        paperwork: Some(paperwork),
    }))
}

/// `POST /consignment-with-paperwork`: 201 whether or not a service fits (unallocated
/// consignments come without paperwork).
async fn create_consignment_with_paperwork(
    State(store): State<Store>,
    JsonBody(request): JsonBody<ConsignmentWithPaperworkRequest>,
) -> Result<(StatusCode, Json<ConsignmentWithPaperwork>), ApiError> {
    let options = paperwork_options(&request.paperwork)?;
    let consignment_request = ConsignmentRequest {
        consignment: request.consignment,
        shipping_rules: Some(request.shipping_rules),
    };
    let now = lock(&store).now();
    let (consignment, paperwork) =
        lock(&store).create_with_paperwork(consignment_request, &options, now);
    Ok((
        StatusCode::CREATED,
        Json(ConsignmentWithPaperwork {
            links: Some(consignment_links(&consignment)),
            consignment: Some(consignment),
            paperwork,
        }),
    ))
}

/// The options of a paperwork request body.
fn paperwork_options(request: &PaperworkRequest) -> Result<PaperworkOptions, FieldError> {
    PaperworkOptions::parse(
        "paperwork.",
        request.type_.as_ref().map(|t| t.as_str()),
        request.format.as_ref().map(|f| f.as_str()),
        request.dimension.as_deref(),
        request.resolution.as_deref(),
    )
}

/// `POST /consignments/{c}/parcels`.
async fn add_parcel(
    State(store): State<Store>,
    PathParams(code): PathParams<String>,
    JsonBody(request): JsonBody<ParcelRequest>,
) -> Result<(StatusCode, Json<ParcelResponse>), ApiError> {
    let parcel = request.parcel.unwrap_or_default();
    let parcel = lock(&store).add_parcel(&code, parcel)?;
    let parcel_code = parcel.parcel_code.clone().unwrap_or_default();
    Ok((
        StatusCode::CREATED,
        Json(ParcelResponse {
            links: Some(vec![
                link("consignment", format!("/consignments/{code}")),
                link(
                    "paperwork",
                    format!("/consignments/{code}/parcels/{parcel_code}/paperwork"),
                ),
            ]),
            parcel: Some(parcel),
        }),
    ))
}

/// `DELETE /consignments/{c}/parcels/{p}`.
async fn remove_parcel(
    State(store): State<Store>,
    PathParams((code, parcel)): PathParams<(String, String)>,
) -> Result<StatusCode, ApiError> {
    lock(&store).remove_parcel(&code, &parcel)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /consignments/{c}/parcels/{p}/consolidate`.
async fn consolidate_parcel(
    State(store): State<Store>,
    PathParams((code, parcel)): PathParams<(String, String)>,
    JsonBody(request): JsonBody<ConsolidationRequest>,
) -> Result<StatusCode, ApiError> {
    let container = request.container_consignment_code.unwrap_or_default();
    let container_parcel = request.container_parcel_code.unwrap_or_default();
    lock(&store).consolidate(&code, &parcel, &container, &container_parcel)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /consignments/{c}/parcels/{p}/consolidate`.
async fn unconsolidate_parcel(
    State(store): State<Store>,
    PathParams((code, parcel)): PathParams<(String, String)>,
) -> Result<StatusCode, ApiError> {
    lock(&store).unconsolidate(&code, &parcel)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /consignments/{c}/parcels/{p}/items`.
async fn add_item(
    State(store): State<Store>,
    PathParams((code, parcel)): PathParams<(String, String)>,
    JsonBody(request): JsonBody<ItemRequest>,
) -> Result<StatusCode, ApiError> {
    lock(&store).add_item(&code, &parcel, request.item)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The query of `DELETE .../items/{itemRef}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RemoveItemQuery {
    quantity_to_delete: Option<String>,
}

/// `DELETE /consignments/{c}/parcels/{p}/items/{itemRef}?quantityToDelete=`.
async fn remove_item(
    State(store): State<Store>,
    PathParams((code, parcel, item)): PathParams<(String, String, String)>,
    QueryParams(query): QueryParams<RemoveItemQuery>,
) -> Result<StatusCode, ApiError> {
    let quantity = match given(query.quantity_to_delete.as_deref()) {
        None => None,
        Some(text) => Some(
            text.parse::<i64>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "quantityToDelete: must be a whole number of at least 1, got {text:?}"
                    ))
                })?,
        ),
    };
    lock(&store).remove_item(&code, &parcel, &item, quantity)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /consignments/{c}/service`: 201 with the consignment, or 204 when nothing fits.
async fn allocate_consignment(
    State(store): State<Store>,
    PathParams(code): PathParams<String>,
    JsonBody(rules): JsonBody<ShippingRules>,
) -> Result<Response, ApiError> {
    let now = lock(&store).now();
    let allocated = lock(&store).allocate(&code, &rules, now)?;
    Ok(match allocated {
        Some(consignment) => {
            (StatusCode::CREATED, Json(consignment_response(consignment))).into_response()
        }
        None => StatusCode::NO_CONTENT.into_response(),
    })
}

/// `DELETE /consignments/{c}/service`.
async fn deallocate_consignment(
    State(store): State<Store>,
    PathParams(code): PathParams<String>,
) -> Result<StatusCode, ApiError> {
    lock(&store).deallocate(&code)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The query of `POST /consignments/{c}/status`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatusQuery {
    ready_to_ship: Option<String>,
}

/// `POST /consignments/{c}/status?readyToShip=true|false`.
async fn set_ready_to_ship(
    State(store): State<Store>,
    PathParams(code): PathParams<String>,
    QueryParams(query): QueryParams<StatusQuery>,
) -> Result<StatusCode, ApiError> {
    let value = required_param("readyToShip", query.ready_to_ship)?;
    let ready = match value.trim().to_ascii_lowercase().as_str() {
        "true" => true,
        "false" => false,
        _ => {
            return Err(ApiError::bad_request(format!(
                "readyToShip: must be true or false, got {value:?}"
            )));
        }
    };
    lock(&store).set_ready_to_ship(&code, ready)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /consignments-validation`: 200 when a service is available, 204 when none is.
async fn validate_allocation(
    State(store): State<Store>,
    JsonBody(request): JsonBody<ConsignmentRequest>,
) -> StatusCode {
    let now = lock(&store).now();
    if lock(&store).can_allocate(&request, now) {
        StatusCode::OK
    } else {
        StatusCode::NO_CONTENT
    }
}

/// `POST /manifests`.
async fn create_manifest(
    State(store): State<Store>,
    JsonBody(request): JsonBody<ManifestRequest>,
) -> Result<(StatusCode, Json<ManifestResponse>), ApiError> {
    let now = lock(&store).now();
    let code = lock(&store).create_manifest(&request, now)?;
    Ok((
        StatusCode::CREATED,
        Json(ManifestResponse {
            links: Some(vec![link("manifest", format!("/manifests/{code}"))]),
        }),
    ))
}

/// `GET /manifests/{m}/paperwork`.
async fn get_manifest_paperwork(
    State(store): State<Store>,
    PathParams(code): PathParams<String>,
) -> Result<Json<ManifestPaperworkResponse>, ApiError> {
    let paperwork = lock(&store).manifest_paperwork(&code)?;
    Ok(Json(ManifestPaperworkResponse {
        links: Some(vec![link("manifest", format!("/manifests/{code}"))]),
        paperwork: Some(paperwork),
    }))
}

/// `POST /rates`.
async fn get_rates(
    State(store): State<Store>,
    JsonBody(request): JsonBody<ConsignmentRequest>,
) -> Json<Vec<Rate>> {
    let now = lock(&store).now();
    Json(lock(&store).rates(&request, now))
}

/// `GET /carriers`.
async fn list_carriers(State(store): State<Store>) -> Json<Vec<Carrier>> {
    Json(lock(&store).carriers())
}

/// `GET /carriers/{carrierCode}/services`.
async fn list_carrier_services(
    State(store): State<Store>,
    PathParams(carrier): PathParams<String>,
) -> Result<Json<Vec<CarrierService>>, ApiError> {
    Ok(Json(lock(&store).services(&carrier)?))
}

/// `GET /shippingLocations`.
async fn list_shipping_locations(State(store): State<Store>) -> Json<Vec<ShippingLocation>> {
    Json(lock(&store).shipping_locations())
}

/// Fails when a number is negative or not finite.
fn non_negative(field: String, value: Option<f64>) -> Result<(), FieldError> {
    match value {
        Some(v) if !v.is_finite() || v < 0.0 => Err(FieldError::new(field, "must not be negative")),
        _ => Ok(()),
    }
}

/// Checks a parcel found at JSON path `path`.
fn validate_parcel(parcel: &Parcel, path: &str) -> Result<(), FieldError> {
    non_negative(
        format!("{path}.weight.value"),
        parcel.weight.as_ref().and_then(|w| w.value),
    )?;
    non_negative(
        format!("{path}.value.amount"),
        parcel.value.as_ref().and_then(|v| v.amount),
    )?;
    for (index, item) in parcel.items.iter().flatten().enumerate() {
        validate_item(item, &format!("{path}.items[{index}]"))?;
    }
    Ok(())
}

/// Checks an item found at JSON path `path`.
fn validate_item(item: &Item, path: &str) -> Result<(), FieldError> {
    if let Some(quantity) = item.quantity
        && quantity < 1
    {
        return Err(FieldError::new(
            format!("{path}.quantity"),
            "must be at least 1",
        ));
    }
    non_negative(
        format!("{path}.weight.value"),
        item.weight.as_ref().and_then(|w| w.value),
    )?;
    non_negative(
        format!("{path}.value.amount"),
        item.value.as_ref().and_then(|v| v.amount),
    )
}

/// Checks a consignment found at JSON path `path`: it needs at least one parcel.
fn validate_consignment(consignment: &Consignment, path: &str) -> Result<(), FieldError> {
    let parcels = consignment.parcels.as_deref().unwrap_or_default();
    if parcels.is_empty() {
        return Err(FieldError::new(
            format!("{path}.parcels"),
            "at least one parcel is required",
        ));
    }
    for (index, parcel) in parcels.iter().enumerate() {
        validate_parcel(parcel, &format!("{path}.parcels[{index}]"))?;
    }
    Ok(())
}

/// Checks shipping rules found at JSON path `prefix` (empty at the top level).
fn validate_rules(rules: &ShippingRules, prefix: &str) -> Result<(), FieldError> {
    let slots = |slots: &Option<TimeSlots>, name: &str| -> Result<(), FieldError> {
        let Some(slots) = slots else {
            return Ok(());
        };
        let lists = [
            ("acceptable", &slots.acceptable),
            ("unacceptable", &slots.unacceptable),
        ];
        for (list, windows) in lists {
            for (index, window) in windows.iter().flatten().enumerate() {
                if let (Some(from), Some(to)) = (window.from, window.to)
                    && from > to
                {
                    return Err(FieldError::new(
                        format!("{prefix}{name}.{list}[{index}]"),
                        "from must not be after to",
                    ));
                }
            }
        }
        Ok(())
    };
    slots(&rules.collection_slots, "collectionSlots")?;
    slots(&rules.delivery_slots, "deliverySlots")
}

/// The keys of the Shipping schemas holding a date-time.
const DATE_TIME_KEYS: &[&str] = &[
    "allocatedDateTime",
    "cutoffDateTime",
    "despatchDate",
    "from",
    "orderDate",
    "to",
];

/// Fails on the first unreadable date-time under `json` (see [`server::readable_date_times`]).
fn readable_date_times(json: &serde_json::Value) -> Result<(), FieldError> {
    server::readable_date_times(json, DATE_TIME_KEYS, "")
}

impl Validate for ConsignmentRequest {
    fn validate(&self) -> Result<(), FieldError> {
        validate_consignment(&self.consignment, "consignment")?;
        match &self.shipping_rules {
            Some(rules) => validate_rules(rules, "shippingRules."),
            None => Ok(()),
        }
    }

    fn validate_json(json: &serde_json::Value) -> Result<(), FieldError> {
        readable_date_times(json)?;
        validate::country_codes(json, "")
    }
}

impl Validate for ConsignmentWithPaperworkRequest {
    fn validate(&self) -> Result<(), FieldError> {
        validate_consignment(&self.consignment, "consignment")?;
        validate_rules(&self.shipping_rules, "shippingRules.")?;
        paperwork_options(&self.paperwork).map(|_| ())
    }

    fn validate_json(json: &serde_json::Value) -> Result<(), FieldError> {
        readable_date_times(json)?;
        validate::country_codes(json, "")?;
        match json.get("paperwork") {
            Some(paperwork) => validate::paperwork_object(paperwork, "paperwork"),
            None => Ok(()),
        }
    }
}

impl Validate for ShippingRules {
    fn validate(&self) -> Result<(), FieldError> {
        validate_rules(self, "")
    }

    fn validate_json(json: &serde_json::Value) -> Result<(), FieldError> {
        readable_date_times(json)
    }
}

impl Validate for ConsignmentPatch {
    fn validate(&self) -> Result<(), FieldError> {
        if self.is_empty() {
            return Err(FieldError::new(
                "manifestGroupCode",
                "the body must name a property to change",
            ));
        }
        let mut names: Vec<&String> = self.keys().collect();
        names.sort();
        match names
            .iter()
            .find(|name| name.as_str() != "manifestGroupCode")
        {
            Some(name) => Err(FieldError::new(
                (*name).clone(),
                "cannot be changed: manifestGroupCode is the only property PATCH accepts",
            )),
            None => Ok(()),
        }
    }
}

impl Validate for ParcelRequest {
    fn validate(&self) -> Result<(), FieldError> {
        match &self.parcel {
            Some(parcel) => validate_parcel(parcel, "parcel"),
            None => Err(FieldError::new("parcel", "is required")),
        }
    }

    fn validate_json(json: &serde_json::Value) -> Result<(), FieldError> {
        validate::country_codes(json, "")
    }
}

impl Validate for ItemRequest {
    fn validate(&self) -> Result<(), FieldError> {
        FieldError::not_blank("item.itemRef", self.item.item_ref.as_deref().unwrap_or(""))?;
        validate_item(&self.item, "item")
    }

    fn validate_json(json: &serde_json::Value) -> Result<(), FieldError> {
        validate::country_codes(json, "")
    }
}

impl Validate for ConsolidationRequest {
    fn validate(&self) -> Result<(), FieldError> {
        FieldError::not_blank(
            "containerConsignmentCode",
            self.container_consignment_code.as_deref().unwrap_or(""),
        )?;
        FieldError::not_blank(
            "containerParcelCode",
            self.container_parcel_code.as_deref().unwrap_or(""),
        )
    }
}

impl Validate for ManifestRequest {
    fn validate_json(json: &serde_json::Value) -> Result<(), FieldError> {
        readable_date_times(json)?;
        validate::manifest(json)
    }

    fn validate(&self) -> Result<(), FieldError> {
        FieldError::not_blank("carrierCode", self.carrier_code.as_deref().unwrap_or(""))?;
        FieldError::not_blank(
            "shippingLocationCode",
            self.shipping_location_code.as_deref().unwrap_or(""),
        )
    }
}
