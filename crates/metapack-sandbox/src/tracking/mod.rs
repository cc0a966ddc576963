//! The Tracking API (`/tracking/v1`): deliveries, delivery legs, their events and the parcel
//! journeys assembled from them.
//!
//! | route | answer |
//! |---|---|
//! | `POST /deliveries` | 204; upserts by deliveryRef (+ order.orderRef when given) |
//! | `POST /deliveries/events` | 204; appends an event to the deliveryRef |
//! | `POST /delivery-legs` | 204; upserts by trackingIdentifier (+ parcel.parcelRef when given) |
//! | `DELETE /delivery-legs?trackingIdentifier=` | 200 `{"message": "Deleted N delivery legs"}` |
//! | `POST /delivery-legs/events` | 204; appends an event to the trackingIdentifier |
//! | `GET /parcel-journeys?orderRef=&trackingIdentifier=&customerRef=&postcode=` | 200, journeys |
//! | `POST /parcel-journeys/search` (`{customerRef?, email?}`) | 200, journeys |
//!
//! Event bodies are judged by the sandbox's own reading of the docs: `eventCode` must be one
//! of the documented codes for that kind of event ([`crate::values::tracking`]), else 400
//! `PS-0400` naming `eventCode`. Stored events and journeys read codes leniently.
//!
//! See [`state`] for how journeys are assembled.

pub(crate) mod state;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, middleware};
use metapack_tracking::types::{
    DeleteDeliveryLegsResponse, Delivery, DeliveryEvent, DeliveryLeg, DeliveryLegEvent,
    ParcelJourney, ParcelJourneySearch,
};
use serde::Deserialize;

use crate::server::{
    self, ApiError, BasicCredentials, FieldError, JsonBody, QueryParams, Validate, given, lock,
    required_param,
};
use crate::values::{self, ValueList};
use state::JourneyFilter;

/// Where the Tracking API lives, as on Metapack's hosts.
pub(crate) const BASE_PATH: &str = "/tracking/v1";

/// The shared store behind every Tracking route.
type Store = crate::world::TrackingHandle;

/// The Tracking API's routes, relative to [`BASE_PATH`], behind HTTP Basic `credentials`,
/// over the world's shared `store` (Shipping and MM-API allocations publish into it).
pub(crate) fn router(credentials: BasicCredentials, store: Store) -> Router {
    Router::new()
        .route("/deliveries", post(upsert_delivery))
        .route("/deliveries/events", post(add_delivery_event))
        .route(
            "/delivery-legs",
            post(upsert_delivery_leg).delete(delete_delivery_legs),
        )
        .route("/delivery-legs/events", post(add_delivery_leg_event))
        .route("/parcel-journeys", get(get_parcel_journeys))
        .route("/parcel-journeys/search", post(search_parcel_journeys))
        .fallback(server::not_found)
        .method_not_allowed_fallback(server::method_not_allowed)
        .with_state(store)
        .layer(middleware::from_fn_with_state(
            credentials,
            server::require_auth::<BasicCredentials>,
        ))
}

/// `POST /deliveries`.
async fn upsert_delivery(
    State(store): State<Store>,
    JsonBody(delivery): JsonBody<Delivery>,
) -> StatusCode {
    lock(&store).upsert_delivery(delivery);
    StatusCode::NO_CONTENT
}

/// `POST /deliveries/events`.
async fn add_delivery_event(
    State(store): State<Store>,
    JsonBody(event): JsonBody<DeliveryEvent>,
) -> StatusCode {
    lock(&store).add_delivery_event(event);
    StatusCode::NO_CONTENT
}

/// `POST /delivery-legs`.
async fn upsert_delivery_leg(
    State(store): State<Store>,
    JsonBody(leg): JsonBody<DeliveryLeg>,
) -> StatusCode {
    lock(&store).upsert_leg(leg);
    StatusCode::NO_CONTENT
}

/// `POST /delivery-legs/events`.
async fn add_delivery_leg_event(
    State(store): State<Store>,
    JsonBody(event): JsonBody<DeliveryLegEvent>,
) -> StatusCode {
    lock(&store).add_leg_event(event);
    StatusCode::NO_CONTENT
}

/// The query of `DELETE /delivery-legs`.
#[derive(Debug, Deserialize)]
struct DeleteQuery {
    #[serde(rename = "trackingIdentifier")]
    tracking_identifier: Option<String>,
}

/// `DELETE /delivery-legs?trackingIdentifier=`.
async fn delete_delivery_legs(
    State(store): State<Store>,
    QueryParams(query): QueryParams<DeleteQuery>,
) -> Result<Json<DeleteDeliveryLegsResponse>, ApiError> {
    let tracking_identifier = required_param("trackingIdentifier", query.tracking_identifier)?;
    let deleted = lock(&store).delete_legs(&tracking_identifier);
    Ok(Json(DeleteDeliveryLegsResponse {
        message: Some(format!("Deleted {deleted} delivery legs")),
    }))
}

/// The query of `GET /parcel-journeys`.
#[derive(Debug, Deserialize)]
struct JourneyQuery {
    #[serde(rename = "orderRef")]
    order_ref: Option<String>,
    #[serde(rename = "trackingIdentifier")]
    tracking_identifier: Option<String>,
    #[serde(rename = "customerRef")]
    customer_ref: Option<String>,
    postcode: Option<String>,
}

/// `GET /parcel-journeys`: needs orderRef or trackingIdentifier.
async fn get_parcel_journeys(
    State(store): State<Store>,
    QueryParams(query): QueryParams<JourneyQuery>,
) -> Result<Json<Vec<ParcelJourney>>, ApiError> {
    let filter = JourneyFilter {
        order_ref: given(query.order_ref.as_deref()),
        tracking_identifier: given(query.tracking_identifier.as_deref()),
        customer_ref: given(query.customer_ref.as_deref()),
        postcode: given(query.postcode.as_deref()),
        email: None,
    };
    if filter.order_ref.is_none() && filter.tracking_identifier.is_none() {
        return Err(ApiError::bad_request(
            "orderRef or trackingIdentifier: one of these query parameters is required",
        ));
    }
    Ok(Json(lock(&store).journeys(&filter)))
}

/// `POST /parcel-journeys/search`: needs customerRef or email.
async fn search_parcel_journeys(
    State(store): State<Store>,
    JsonBody(search): JsonBody<ParcelJourneySearch>,
) -> Json<Vec<ParcelJourney>> {
    let filter = JourneyFilter {
        customer_ref: given(search.customer_ref.as_deref()),
        email: given(search.email.as_deref()),
        ..JourneyFilter::default()
    };
    Json(lock(&store).journeys(&filter))
}

/// The keys of the Tracking schemas holding a date-time.
const DATE_TIME_KEYS: &[&str] = &[
    "eventDate",
    "expectedDeliveryDate",
    "orderDate",
    "promisedDeliveryDate",
];

/// Fails on the first unreadable date-time under `json`: the generated models would decode
/// it as absent.
fn readable_date_times(json: &serde_json::Value) -> Result<(), FieldError> {
    server::readable_date_times(json, DATE_TIME_KEYS, "")
}

impl Validate for Delivery {
    fn validate(&self) -> Result<(), FieldError> {
        FieldError::not_blank("deliveryRef", &self.delivery_ref)
    }

    fn validate_json(json: &serde_json::Value) -> Result<(), FieldError> {
        readable_date_times(json)
    }
}

impl Validate for DeliveryEvent {
    fn validate(&self) -> Result<(), FieldError> {
        FieldError::not_blank("deliveryRef", &self.delivery_ref)?;
        FieldError::not_blank("eventTimeZone", &self.event_time_zone)
    }

    fn validate_json(json: &serde_json::Value) -> Result<(), FieldError> {
        event_code(json, &values::tracking::DELIVERY_EVENT_CODE)
    }
}

impl Validate for DeliveryLeg {
    fn validate_json(json: &serde_json::Value) -> Result<(), FieldError> {
        readable_date_times(json)
    }

    fn validate(&self) -> Result<(), FieldError> {
        FieldError::not_blank("trackingIdentifier", &self.tracking_identifier)?;
        match &self.carrier_tracking_url {
            Some(url) if !url.starts_with("https://") => Err(FieldError::new(
                "carrierTrackingURL",
                "must start with https://",
            )),
            _ => Ok(()),
        }
    }
}

impl Validate for DeliveryLegEvent {
    fn validate(&self) -> Result<(), FieldError> {
        FieldError::not_blank("trackingIdentifier", &self.tracking_identifier)?;
        FieldError::not_blank("eventTimeZone", &self.event_time_zone)
    }

    fn validate_json(json: &serde_json::Value) -> Result<(), FieldError> {
        event_code(json, &values::tracking::LEG_EVENT_CODE)
    }
}

/// Checks the `eventCode` of an event body against the sandbox's own list for that kind of
/// event (exact spelling: see [`values::tracking`]). A missing or non-string code is left to
/// decoding, which names the field.
fn event_code(json: &serde_json::Value, list: &ValueList) -> Result<(), FieldError> {
    match json.get("eventCode").and_then(serde_json::Value::as_str) {
        Some(code) => list.check("eventCode", code),
        None => Ok(()),
    }
}

impl Validate for ParcelJourneySearch {
    fn validate(&self) -> Result<(), FieldError> {
        if given(self.customer_ref.as_deref()).is_none() && given(self.email.as_deref()).is_none() {
            return Err(FieldError::new(
                "customerRef or email",
                "one of these fields is required",
            ));
        }
        Ok(())
    }
}
