//! What the Tracking client retries, how often, and within which time limits, against a
//! scripted loopback server that counts every request it reads.

use crate::common;

use std::time::{Duration, Instant};

use common::fixtures::{self, delivery};
use common::{
    BASIC_AUTH, Reply, ScriptedServer, assert_timeout, builder, client, client_with_timeouts,
    client_without_retries, json, per_attempt, refused_addr, status,
};
use metapack_tracking::types::{
    DeliveryEvent, DeliveryLeg, DeliveryLegEvent, ParcelJourneySearch, PostAllocationEventCode,
    PreAllocationEventCode,
};
use metapack_tracking::{CallSettings, Error, JourneyQuery, RetryPolicy, Timeouts};

fn delivery_event() -> DeliveryEvent {
    fixtures::delivery_event(PreAllocationEventCode::PaymentSuccessful, "Europe/London")
}

/// Leg `TRK-1` of carrier `DPD_UK`.
fn leg() -> DeliveryLeg {
    DeliveryLeg {
        carrier_code: Some("DPD_UK".into()),
        ..fixtures::leg()
    }
}

fn leg_event() -> DeliveryLegEvent {
    fixtures::leg_event(PostAllocationEventCode::OutForDelivery, "Europe/London")
}

#[tokio::test]
async fn get_503_503_200_succeeds_after_three_hits() {
    let server = ScriptedServer::start(vec![status(503), status(503), json(200, "[]")]).await;
    let client = client(&server.base_url());

    let journeys = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect("third attempt succeeds");
    assert!(journeys.is_empty());
    assert_eq!(server.hits().len(), 3);
    server.assert_identical_hits("GET", "/parcel-journeys?orderRef=ORDER-1", BASIC_AUTH);
}

#[tokio::test]
async fn exhausted_budget_returns_the_last_error() {
    let server = ScriptedServer::start(vec![
        json(503, r#"{"message":"first"}"#),
        json(503, r#"{"message":"second"}"#),
        json(503, r#"{"message":"third"}"#),
        json(200, "[]"),
    ])
    .await;
    let client = client(&server.base_url());

    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("3 attempts of 503");
    assert_eq!(server.hits().len(), 3);
    assert_eq!(err.status(), Some(503));
    let api = err.api().expect("Error::Api");
    assert_eq!(api.message.as_deref(), Some("third"));
}

#[tokio::test]
async fn retry_after_is_obeyed() {
    let server = ScriptedServer::start(vec![
        Reply::Respond(503, vec![("Retry-After", "1")], ""),
        json(200, "[]"),
    ])
    .await;
    // The default policy: Retry-After (1 s) is below its 20 s cap.
    let client = builder(&server.base_url()).build().expect("client");

    client
        .parcel_journeys(&JourneyQuery::tracking("TRK-1"))
        .await
        .expect("second attempt succeeds");
    let hits = server.hits();
    assert_eq!(hits.len(), 2);
    let waited = hits[1].at - hits[0].at;
    assert!(waited >= Duration::from_millis(900), "{waited:?}");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
}

#[tokio::test]
async fn retry_after_is_capped_by_max_delay() {
    let server = ScriptedServer::start(vec![
        Reply::Respond(503, vec![("Retry-After", "30")], ""),
        json(200, "[]"),
    ])
    .await;
    let client = client(&server.base_url()); // max delay 20 ms

    let started = Instant::now();
    client
        .parcel_journeys(&JourneyQuery::tracking("TRK-1"))
        .await
        .expect("second attempt succeeds");
    assert_eq!(server.hits().len(), 2);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn retry_after_past_the_overall_deadline_is_not_waited_for() {
    let server = ScriptedServer::start(vec![
        Reply::Respond(503, vec![("Retry-After", "5")], ""),
        json(200, "[]"),
    ])
    .await;
    let client = builder(&server.base_url())
        .timeouts(Timeouts::default().with_overall(Duration::from_secs(1)))
        .build()
        .expect("client");

    let started = Instant::now();
    let err = client
        .parcel_journeys(&JourneyQuery::tracking("TRK-1"))
        .await
        .expect_err("gives up at once");
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.hits().len(), 1);
    assert!(started.elapsed() < Duration::from_millis(900));
}

#[tokio::test]
async fn event_post_that_times_out_is_sent_once() {
    let server = ScriptedServer::start(vec![Reply::Hang, status(204)]).await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(300));

    let started = Instant::now();
    assert_timeout(client.add_delivery_event(&delivery_event()).await);
    assert!(started.elapsed() >= Duration::from_millis(280));
    assert_eq!(server.hits().len(), 1);
    assert_eq!(server.hits()[0].target, "/deliveries/events");
}

#[tokio::test]
async fn leg_event_post_that_times_out_is_sent_once() {
    let server = ScriptedServer::start(vec![Reply::Hang, status(204)]).await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(200));

    assert_timeout(client.add_delivery_leg_event(&leg_event()).await);
    assert_eq!(server.hits().len(), 1);
}

#[tokio::test]
async fn upsert_delivery_that_times_out_is_retried() {
    let server = ScriptedServer::start(vec![Reply::Hang, Reply::Hang, status(204)]).await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(200));

    client
        .upsert_delivery(&delivery())
        .await
        .expect("third attempt succeeds");
    assert_eq!(server.hits().len(), 3);
    server.assert_identical_hits("POST", "/deliveries", BASIC_AUTH);
    assert_eq!(server.hits()[0].json()["deliveryRef"], "DEL-1");
}

#[tokio::test]
async fn upsert_delivery_times_out_after_three_attempts() {
    let server = ScriptedServer::start(vec![Reply::Hang]).await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(200));

    assert_timeout(client.upsert_delivery(&delivery()).await);
    assert_eq!(server.hits().len(), 3);
}

#[tokio::test]
async fn upsert_delivery_leg_that_times_out_is_retried() {
    let server = ScriptedServer::start(vec![Reply::Hang, status(204)]).await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(200));

    client
        .upsert_delivery_leg(&leg())
        .await
        .expect("second attempt succeeds");
    assert_eq!(server.hits().len(), 2);
    server.assert_identical_hits("POST", "/delivery-legs", BASIC_AUTH);
}

#[tokio::test]
async fn event_post_is_retried_with_retry_unsafe_only() {
    let server = ScriptedServer::start(vec![Reply::Hang, Reply::Hang, status(204)]).await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(200));
    let unsafe_client = client.with_retry_unsafe();

    // The original client is unchanged by with_retry_unsafe().
    assert_timeout(client.add_delivery_event(&delivery_event()).await);
    assert_eq!(server.hits().len(), 1);

    unsafe_client
        .add_delivery_event(&delivery_event())
        .await
        .expect("retried until the 204");
    assert_eq!(server.hits().len(), 3);
    server.assert_identical_hits("POST", "/deliveries/events", BASIC_AUTH);
}

#[tokio::test]
async fn leg_event_500_is_not_retried() {
    let server = ScriptedServer::start(vec![status(500), status(204)]).await;
    let client = client(&server.base_url());

    let err = client
        .add_delivery_leg_event(&leg_event())
        .await
        .expect_err("500");
    assert_eq!(err.status(), Some(500));
    assert_eq!(server.hits().len(), 1);
}

#[tokio::test]
async fn get_500_is_retried() {
    let server = ScriptedServer::start(vec![json(500, r#"{"errorCode":"PS-0500"}"#)]).await;
    let client = client(&server.base_url());

    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("500 three times");
    assert_eq!(err.status(), Some(500));
    assert_eq!(server.hits().len(), 3);
}

#[tokio::test]
async fn delete_500_is_retried() {
    let server = ScriptedServer::start(vec![
        status(500),
        json(200, r#"{"message":"Deleted 1 delivery leg"}"#),
    ])
    .await;
    let client = client(&server.base_url());

    let deleted = client
        .delete_delivery_legs("TRK-1")
        .await
        .expect("second attempt succeeds");
    assert_eq!(deleted.message.as_deref(), Some("Deleted 1 delivery leg"));
    assert_eq!(server.hits().len(), 2);
    server.assert_identical_hits(
        "DELETE",
        "/delivery-legs?trackingIdentifier=TRK-1",
        BASIC_AUTH,
    );
}

#[tokio::test]
async fn search_500_is_retried_because_the_search_is_read_only() {
    let server = ScriptedServer::start(vec![status(500), json(200, "[]")]).await;
    let client = client(&server.base_url());

    let search = ParcelJourneySearch {
        customer_ref: None,
        email: Some("jane@example.com".into()),
    };
    client
        .search_parcel_journeys(&search)
        .await
        .expect("second attempt succeeds");
    assert_eq!(server.hits().len(), 2);
    server.assert_identical_hits("POST", "/parcel-journeys/search", BASIC_AUTH);
}

#[tokio::test]
async fn event_post_503_is_retried_only_when_opted_in() {
    // An event post is not idempotent: a 503 sent by a proxy after the origin stored the
    // event would make a repeat a duplicate event.
    let server = ScriptedServer::start(vec![status(503), status(204)]).await;
    let err = client(&server.base_url())
        .add_delivery_event(&delivery_event())
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.hits().len(), 1);

    let server = ScriptedServer::start(vec![status(503), status(204)]).await;
    client(&server.base_url())
        .with_retry_unsafe()
        .add_delivery_event(&delivery_event())
        .await
        .expect("second attempt succeeds");
    assert_eq!(server.hits().len(), 2);
}

#[tokio::test]
async fn post_502_is_retried_only_for_upserts() {
    let server = ScriptedServer::start(vec![status(502), status(204)]).await;
    let client = client(&server.base_url());
    let err = client
        .add_delivery_leg_event(&leg_event())
        .await
        .expect_err("502");
    assert_eq!(err.status(), Some(502));
    assert_eq!(server.hits().len(), 1);

    let server = ScriptedServer::start(vec![status(502), status(204)]).await;
    let client = common::client(&server.base_url());
    client
        .upsert_delivery_leg(&leg())
        .await
        .expect("second attempt succeeds");
    assert_eq!(server.hits().len(), 2);
}

#[tokio::test]
async fn bad_request_is_never_retried() {
    let body = r#"{"errorCode":"PS-0400","message":"orderRef is unknown"}"#;
    let server = ScriptedServer::start(vec![json(400, body), json(200, "[]")]).await;
    let client = client(&server.base_url());
    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("400");
    assert_eq!(err.status(), Some(400));
    assert_eq!(server.hits().len(), 1);

    let server = ScriptedServer::start(vec![json(400, body), status(204)]).await;
    let client = common::client(&server.base_url()).with_retry_unsafe();
    let err = client
        .add_delivery_event(&delivery_event())
        .await
        .expect_err("400");
    assert_eq!(err.status(), Some(400));
    assert_eq!(server.hits().len(), 1);
}

#[tokio::test]
async fn disabled_policy_makes_one_attempt() {
    let server = ScriptedServer::start(vec![status(503), json(200, "[]")]).await;
    let client = client_without_retries(&server.base_url());

    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.hits().len(), 1);
}

#[tokio::test]
async fn max_attempts_is_honoured() {
    let server = ScriptedServer::start(vec![status(503)]).await;
    let client = builder(&server.base_url())
        .retry_policy(common::fast_retries().with_max_attempts(5))
        .build()
        .expect("client");

    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.hits().len(), 5);
}

#[tokio::test]
async fn connection_refused_on_post_is_a_transport_error() {
    let addr = refused_addr().await;
    let client = client(&format!("http://{addr}"));

    let err = client
        .add_delivery_event(&delivery_event())
        .await
        .expect_err("nothing listens");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(err.status(), None);
}

#[tokio::test]
async fn overall_timeout_bounds_the_call() {
    let server = ScriptedServer::start(vec![Reply::Hang]).await;
    let client = client_with_timeouts(
        &server.base_url(),
        Timeouts::default().with_overall(Duration::from_millis(500)),
    );

    let started = Instant::now();
    assert_timeout(
        client
            .parcel_journeys(&JourneyQuery::order("ORDER-1"))
            .await,
    );
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(450), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
    assert!(!server.hits().is_empty());
}

#[tokio::test]
async fn stalled_response_body_is_bounded_by_the_timeouts() {
    let server = ScriptedServer::start(vec![Reply::StallBody(200)]).await;
    let client = client_with_timeouts(
        &server.base_url(),
        Timeouts::default().with_overall(Duration::from_millis(500)),
    );

    let started = Instant::now();
    assert_timeout(
        client
            .parcel_journeys(&JourneyQuery::order("ORDER-1"))
            .await,
    );
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

#[tokio::test]
async fn get_whose_body_times_out_is_retried() {
    let server = ScriptedServer::start(vec![Reply::StallBody(200), json(200, "[]")]).await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(200));

    let result = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await;
    assert_eq!(server.hits().len(), 2, "{result:?}");
    assert!(result.expect("second attempt succeeds").is_empty());
}

// --- Per-call settings (`with_call_settings`) ---------------------------------------------

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
