//! Per-call settings (`TrackingClient::with_call_settings`) against the scripted loopback
//! server.

mod common;

use std::time::Duration;

use chrono::{TimeZone, Utc};
use common::{Reply, ScriptedServer, client, status};
use metapack_tracking::types::{DeliveryEvent, PreAllocationEventCode};
use metapack_tracking::{CallSettings, Error, JourneyQuery, RetryPolicy, Timeouts};

fn delivery_event() -> DeliveryEvent {
    DeliveryEvent {
        delivery_ref: "DEL-1".into(),
        event_code: PreAllocationEventCode::PaymentSuccessful,
        event_date: Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap(),
        event_location: None,
        event_source: None,
        event_time_zone: "Europe/London".into(),
    }
}

#[tokio::test]
async fn a_per_call_opt_in_retries_an_event_post_the_client_does_not() {
    let server = ScriptedServer::start(vec![status(503), status(503), status(204)]).await;
    let client = client(&server.base_url());
    let err = client
        .add_delivery_event(&delivery_event())
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.hit_count(), 1);

    client
        .with_call_settings(CallSettings::new().retry_unsafe())
        .add_delivery_event(&delivery_event())
        .await
        .expect("retried until the 204");
    assert_eq!(server.hit_count(), 3);
}

#[tokio::test]
async fn a_per_call_timeout_and_policy_apply() {
    // The client waits 20 s per attempt and makes 3; this call gives up after one of 200 ms.
    // The outer limit only turns an ignored override into a failure instead of a long wait.
    let server = ScriptedServer::start(vec![Reply::Hang]).await;
    let quick = client(&server.base_url()).with_call_settings(
        CallSettings::new()
            .timeouts(Timeouts::default().with_per_attempt(Duration::from_millis(200)))
            .retry_policy(RetryPolicy::disabled()),
    );
    let result = tokio::time::timeout(
        Duration::from_secs(10),
        quick.parcel_journeys(&JourneyQuery::order("ORDER-1")),
    )
    .await
    .expect("the per-call timeout should end the call");
    assert!(
        matches!(result, Err(Error::Timeout { .. })),
        "expected Error::Timeout, got {result:?}"
    );
    assert_eq!(server.hit_count(), 1);
}
