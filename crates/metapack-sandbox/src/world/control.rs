//! The world's control routes, on the sandbox's port outside Metapack's paths (no
//! authentication: they are the test harness's, not an API's):
//!
//! | route | answer |
//! |---|---|
//! | `GET /_sandbox/clock` | 200 `{"now", "frozen", "offsetSeconds"}` |
//! | `POST /_sandbox/clock` `{"frozen"?, "now"?, "advance"?, "advanceSeconds"?}` | 200, the new reading; applied in that order |
//! | `POST /_sandbox/parcels/{trackingIdentifier}/events` `{"eventCode", "eventDate"?}` | 201 `{"trackingIdentifier", "eventCode", "eventDate", "scheduled"}` |
//! | `GET /_sandbox/scenarios` | 200, the scenario postcodes and their scripts |
//!
//! `advance` is a duration such as `2h`, `90m`, `1d12h` (units `w`, `d`, `h`, `m`, `s`; a
//! leading `-` goes back); `now` an RFC 3339 date-time. Failures answer
//! `{"errorCode", "message"}`: 400 `INVALID_REQUEST` (unreadable JSON, unknown field, bad
//! duration or date), 400 `UNKNOWN_EVENT_CODE` (not a documented delivery-leg event code),
//! 404 `UNKNOWN_TRACKING_IDENTIFIER` (no delivery leg has it).

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, TimeDelta, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::clock::{ClockReading, parse_duration};
use super::scenarios::ParcelScenario;
use super::{ParcelEventError, World};

/// The control routes (full paths), over `world`.
pub(crate) fn router(world: World) -> Router {
    Router::new()
        .route("/_sandbox/clock", get(read_clock).post(move_clock))
        .route(
            "/_sandbox/parcels/{tracking_identifier}/events",
            post(simulate_event),
        )
        .route("/_sandbox/scenarios", get(scenarios))
        .with_state(world)
}

/// A control-route failure.
#[derive(Debug)]
struct ControlError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ControlError {
    fn invalid(message: impl Into<String>) -> Self {
        ControlError {
            status: StatusCode::BAD_REQUEST,
            code: "INVALID_REQUEST",
            message: message.into(),
        }
    }
}

impl From<ParcelEventError> for ControlError {
    fn from(error: ParcelEventError) -> Self {
        let (status, code) = match &error {
            ParcelEventError::UnknownTrackingIdentifier(_) => {
                (StatusCode::NOT_FOUND, "UNKNOWN_TRACKING_IDENTIFIER")
            }
            ParcelEventError::UnknownEventCode(_) => {
                (StatusCode::BAD_REQUEST, "UNKNOWN_EVENT_CODE")
            }
        };
        ControlError {
            status,
            code,
            message: error.to_string(),
        }
    }
}

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        let body = json!({"errorCode": self.code, "message": self.message});
        (self.status, Json(body)).into_response()
    }
}

/// Decodes a JSON body (any content type: this is a test harness), naming the failure.
fn body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ControlError> {
    serde_json::from_slice(bytes)
        .map_err(|error| ControlError::invalid(format!("request body: {error}")))
}

/// How the clock reads, as answered.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ClockBody {
    now: DateTime<Utc>,
    frozen: bool,
    offset_seconds: i64,
}

impl From<ClockReading> for ClockBody {
    fn from(reading: ClockReading) -> Self {
        ClockBody {
            now: reading.now,
            frozen: reading.frozen,
            offset_seconds: reading.offset_seconds,
        }
    }
}

/// `GET /_sandbox/clock`.
async fn read_clock(State(world): State<World>) -> Json<ClockBody> {
    Json(world.clock().reading().into())
}

/// The body of `POST /_sandbox/clock`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClockChange {
    frozen: Option<bool>,
    now: Option<String>,
    advance: Option<String>,
    advance_seconds: Option<i64>,
}

/// `POST /_sandbox/clock`.
async fn move_clock(
    State(world): State<World>,
    bytes: Bytes,
) -> Result<Json<ClockBody>, ControlError> {
    let change: ClockChange = body(&bytes)?;
    let now = change
        .now
        .as_deref()
        .map(|now| {
            DateTime::parse_from_rfc3339(now)
                .map(|d| d.with_timezone(&Utc))
                .map_err(|_| {
                    ControlError::invalid(format!(
                        "now: must be an RFC 3339 date-time such as 2030-01-07T10:00:00Z, got {now:?}"
                    ))
                })
        })
        .transpose()?;
    let advance = change
        .advance
        .as_deref()
        .map(|text| {
            parse_duration(text).ok_or_else(|| {
                ControlError::invalid(format!(
                    "advance: must be a duration such as 2h, 90m or 1d12h, got {text:?}"
                ))
            })
        })
        .transpose()?;
    let advance_seconds = change
        .advance_seconds
        .map(|seconds| {
            TimeDelta::try_seconds(seconds).ok_or_else(|| {
                ControlError::invalid(format!("advanceSeconds: out of range: {seconds}"))
            })
        })
        .transpose()?;
    if change.frozen.is_none() && now.is_none() && advance.is_none() && advance_seconds.is_none() {
        return Err(ControlError::invalid(
            "one of frozen, now, advance or advanceSeconds is required",
        ));
    }
    let clock = world.clock();
    if let Some(frozen) = change.frozen {
        clock.freeze(frozen);
    }
    if let Some(now) = now {
        clock.set(now);
    }
    for by in [advance, advance_seconds].into_iter().flatten() {
        clock.advance(by);
    }
    Ok(Json(clock.reading().into()))
}

/// The body of `POST /_sandbox/parcels/{trackingIdentifier}/events`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SimulatedEvent {
    event_code: String,
    event_date: Option<DateTime<Utc>>,
}

/// `POST /_sandbox/parcels/{trackingIdentifier}/events`.
async fn simulate_event(
    State(world): State<World>,
    Path(tracking_identifier): Path<String>,
    bytes: Bytes,
) -> Result<Response, ControlError> {
    let event: SimulatedEvent = body(&bytes)?;
    let date = world.simulate(&tracking_identifier, &event.event_code, event.event_date)?;
    let body = json!({
        "trackingIdentifier": tracking_identifier,
        "eventCode": event.event_code,
        "eventDate": date,
        "scheduled": date > world.now(),
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `GET /_sandbox/scenarios`.
async fn scenarios() -> Json<serde_json::Value> {
    let list: Vec<serde_json::Value> = ParcelScenario::ALL
        .into_iter()
        .map(|scenario| {
            let events: Vec<serde_json::Value> = scenario
                .schedule()
                .iter()
                .map(|(hours, code)| json!({"afterHours": hours, "eventCode": code}))
                .collect();
            json!({
                "postcode": scenario.postcode(),
                "description": scenario.description(),
                "events": events,
            })
        })
        .collect();
    Json(json!({"scenarios": list}))
}
