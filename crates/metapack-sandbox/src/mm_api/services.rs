//! The logistics services of the sandbox's data host (`GET /logistics-services/{id}`, the
//! sandbox's stand-in for `https://data.metapack.net`), and which one allocation picks.
//!
//! The real data host serves static JSON documents without authentication; so does this one.
//! An unknown id answers 404 `O-NFO-3000` in the MM-API error body (inferred: the reference
//! shows no failure of the data host).

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use metapack_mm_api::model::{ComplimentaryService, LogisticsService};
use metapack_mm_api::uri::{LogisticsProviderUri, LogisticsServiceUri};

use super::{MmApi, MmError};
use crate::server::{PathParams, lock};

/// Where the data host lives on the sandbox.
pub(crate) const DATA_BASE_PATH: &str = "/mm-data";

/// The id of the service allocation picks when the request names none.
pub(crate) const DEFAULT_SERVICE_ID: &str = "sandbox-48";

/// The id of the carrier every sandbox service belongs to.
const PROVIDER_ID: &str = "sandbox-carrier";

/// One service of the catalogue: id, base service id (itself when it has no extras), name,
/// description, and its complimentary service (code, name, description), if any.
type Entry = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str, &'static str)>,
);

/// The sandbox's logistics services, in the shape of the reference's `49ddd5d;SAFE` example.
pub(crate) const SERVICES: [Entry; 4] = [
    (
        "sandbox-48",
        "sandbox-48",
        "Sandbox Tracked 48",
        "GB trackable 48-hour service of the sandbox carrier.",
        None,
    ),
    (
        "sandbox-48;SAFE",
        "sandbox-48",
        "Sandbox Tracked 48 (safe place)",
        "GB trackable 48-hour service of the sandbox carrier, left in a safe place.",
        Some(("SAFE", "Safe place", "Left in a safe place")),
    ),
    (
        "sandbox-24",
        "sandbox-24",
        "Sandbox Tracked 24",
        "GB trackable next-day service of the sandbox carrier.",
        None,
    ),
    (
        "sandbox-returns",
        "sandbox-returns",
        "Sandbox Returns",
        "Returns service of the sandbox carrier: labels addressed back to the sender.",
        None,
    ),
];

/// The data host's routes, relative to [`DATA_BASE_PATH`]: no authentication.
pub(crate) fn router(api: MmApi) -> Router {
    let routes = Router::new().route("/logistics-services/{id}", get(get_logistics_service));
    super::finish(routes, api)
}

/// The service with this id, its URLs under `data_url`.
pub(crate) fn service(data_url: &str, id: &str) -> Option<LogisticsService> {
    let (id, base, name, description, extra) = SERVICES.into_iter().find(|entry| entry.0 == id)?;
    let uri = |id: &str| LogisticsServiceUri::new(format!("{data_url}/logistics-services/{id}"));
    Some(LogisticsService {
        context: None,
        id: Some(uri(id)),
        node_type: Some("LogisticsService".to_owned()),
        base_logistics_service: Some(uri(base)),
        name: Some(name.to_owned()),
        description: Some(description.to_owned()),
        logistics_provider: Some(LogisticsProviderUri::new(format!(
            "{data_url}/logistics-providers/{PROVIDER_ID}"
        ))),
        complimentary_services: extra.map(|(code, name, description)| {
            vec![ComplimentaryService {
                code: Some(code.to_owned()),
                name: Some(name.to_owned()),
                description: Some(description.to_owned()),
            }]
        }),
    })
}

/// `GET /logistics-services/{id}`.
async fn get_logistics_service(
    State(api): State<MmApi>,
    PathParams(id): PathParams<String>,
) -> Result<Response, MmError> {
    let data_url = lock(&api.store).data_url().to_owned();
    let found = service(&data_url, &id).ok_or_else(|| {
        MmError::not_found(
            "O-NFO-3000",
            format!("Logistics service {id} does not exist"),
        )
    })?;
    Ok((
        StatusCode::OK,
        [(CONTENT_TYPE, "application/json;charset=UTF-8")],
        Json(found),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_have_their_base_and_extras() {
        let safe = service("http://d", "sandbox-48;SAFE").unwrap();
        assert_eq!(
            safe.id.unwrap().as_str(),
            "http://d/logistics-services/sandbox-48;SAFE"
        );
        assert_eq!(
            safe.base_logistics_service.unwrap().as_str(),
            "http://d/logistics-services/sandbox-48"
        );
        assert_eq!(safe.complimentary_services.unwrap().len(), 1);
        assert!(service("http://d", DEFAULT_SERVICE_ID).is_some());
        assert!(service("http://d", "nope").is_none());
    }
}
