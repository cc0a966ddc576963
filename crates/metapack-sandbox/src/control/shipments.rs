//! `POST /_sandbox/mm-api/shipments`: adds a shipment to the MM-API, so an allocation can be
//! repeated without restarting the sandbox.
//!
//! The MM-API reference has no route creating shipments (they reach Metapack by other means),
//! so this one lives under the control path. The body is an MM-API `Shipment` in JSON; it is
//! stored as sent and judged when it is allocated (`POST /mm-api/consignments` with its URL),
//! as production judges a shipment it has on file.

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{IntoResponse, Response};
use metapack_mm_api::model::Shipment;
use serde::Deserialize;
use serde_json::json;

use super::Control;
use crate::server::{ApiError, FieldError, JsonBody, Validate, lock};

/// A shipment as the control route takes it: anything that reads as an MM-API `Shipment`.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub(crate) struct ShipmentBody(Shipment);

impl Validate for ShipmentBody {
    /// Nothing beyond decoding: the allocation judges the shipment.
    fn validate(&self) -> Result<(), FieldError> {
        Ok(())
    }
}

/// `POST /_sandbox/mm-api/shipments`: 201 `{"id", "url"}` with `Location`, the URL to send to
/// `POST /mm-api/consignments`.
pub(crate) async fn create(
    State(control): State<Control>,
    body: Result<JsonBody<ShipmentBody>, ApiError>,
) -> Result<Response, ApiError> {
    let JsonBody(ShipmentBody(shipment)) = body?;
    let mut store = lock(&control.mm_api);
    let id = store.add_shipment(shipment);
    let url = store.shipment_uri(id).as_str().to_owned();
    drop(store);
    control.index.add_shipment(id);
    let mut response = (
        StatusCode::CREATED,
        axum::Json(json!({"id": id, "url": url})),
    )
        .into_response();
    if let Ok(location) = url.parse() {
        response.headers_mut().insert(LOCATION, location);
    }
    Ok(response)
}
