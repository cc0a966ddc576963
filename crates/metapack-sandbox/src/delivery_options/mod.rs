//! The Delivery Options API (`/dmoptions`): `GET /find` over a [`DeliveryOptionsCatalogue`].
//!
//! | route | answer |
//! |---|---|
//! | `GET /find?wh_code=&c_cc=&c_pc=\|c_lat=&c_long=&...&key=` | 200 `{header, results}` |
//!
//! The API key travels as the `key` query parameter: a missing key, one that is not a UUID, or
//! a UUID other than the sandbox's answers 401, before anything else (unknown paths too).
//! Every rule of the spec's parameter descriptions is checked by [`query`] (400, the message
//! starting with the parameter's name); [`catalogue`] says how options are found and ordered.
//!
//! The response `header` carries `requestId` (the `traceId` request header when sent, else a
//! fresh UUID), `requestDate` and `responseDate` (the catalogue's clock), and
//! `inputParameters` (every query parameter but `key`, its values split at commas). Failures
//! answer the spec's `Error` body, `{"message", "errorCode", "traceId"}`, with the `PS-nnnn`
//! codes of the other APIs (`PS-0400`, `PS-0401`, `PS-0404`, `PS-0405`) and the `traceId`
//! request header as `traceId` when it is a UUID. Object keys of the JSON body are sorted, so
//! identical requests get byte-identical answers under a fixed clock.

pub(crate) mod catalogue;
pub(crate) mod query;

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::get;
use axum::{Json, Router, middleware};
use metapack_delivery_options::types::{FindResponse, Header};

use crate::server::{self, ApiError, ErrorDialect, QueryApiKey};
use catalogue::DeliveryOptionsCatalogue;

/// Where the Delivery Options API lives, as on Metapack's host
/// (`https://dmo.metapack.com/dmoptions`).
pub(crate) const BASE_PATH: &str = "/dmoptions";

/// The Delivery Options API's routes, relative to [`BASE_PATH`], behind the API key `key`.
pub(crate) fn router(key: uuid::Uuid, catalogue: DeliveryOptionsCatalogue) -> Router {
    Router::new()
        .route("/find", get(find))
        .fallback(server::not_found)
        .method_not_allowed_fallback(server::method_not_allowed)
        .with_state(Arc::new(catalogue))
        .layer(middleware::from_fn_with_state(
            QueryApiKey::new(query::KEY_PARAMETER, key),
            server::require_auth::<QueryApiKey>,
        ))
        .layer(middleware::from_fn_with_state(
            ErrorDialect::DeliveryOptions,
            server::error_dialect,
        ))
}

/// `GET /find`.
async fn find(
    State(catalogue): State<Arc<DeliveryOptionsCatalogue>>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, ApiError> {
    let request_date = catalogue.now();
    let pairs = server::query_pairs(uri.query());
    let query = query::parse(&pairs, &headers)?;
    let results = catalogue.find(&query, request_date)?;
    let header = Header {
        input_parameters: query::input_parameters(&pairs),
        request_date: Some(request_date),
        request_id: Some(
            query
                .trace_id
                .clone()
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
        ),
        response_date: Some(catalogue.now()),
    };
    let response = FindResponse {
        header: Some(header),
        results: Some(results),
    };
    let mut body = serde_json::to_value(&response).map_err(|error| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal server error",
            format!("the response could not be written: {error}"),
        )
    })?;
    sort_keys(&mut body);
    Ok(Json(body))
}

/// Sorts the keys of every object under `value`: the models hold maps as `HashMap`s
/// (`inputParameters`, `storeTimes`), whose order changes from run to run.
fn sort_keys(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.sort_keys();
            map.values_mut().for_each(sort_keys);
        }
        serde_json::Value::Array(values) => values.iter_mut().for_each(sort_keys),
        _ => {}
    }
}
