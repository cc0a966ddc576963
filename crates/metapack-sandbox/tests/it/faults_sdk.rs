//! Fault injection seen through our SDK: retried reads succeed, a create hit by a fault is not
//! sent twice, and the request log tells what the sandbox really processed.

use std::time::Duration;

use metapack_core::RetryPolicy;
use metapack_sandbox::{Fault, Faults, RequestRecord, Sandbox};
use metapack_shipping::{ConsignmentRequest, ConsignmentSearch, ShippingClient};
use metapack_tracking::{JourneyQuery, TrackingClient};
use serde_json::json;

/// Patient but quick retries: up to 10 attempts, a millisecond apart.
fn retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(10)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5))
}

fn shipping(sandbox: &Sandbox) -> ShippingClient {
    sandbox
        .shipping()
        .client_builder()
        .expect("loopback URL")
        .retry_policy(retries())
        .build()
        .expect("client builds")
}

fn tracking(sandbox: &Sandbox) -> TrackingClient {
    sandbox
        .tracking()
        .client_builder()
        .expect("loopback URL")
        .retry_policy(retries())
        .build()
        .expect("client builds")
}

/// A consignment for this order, created without shipping rules (no allocation).
fn consignment(order: &str) -> ConsignmentRequest {
    serde_json::from_value(json!({
        "consignment": {
            "orders": [{"orderRef": order}],
            "sender": {"code": "WH-LONDON"},
            "recipient": {"countryCode": "GBR", "postCode": "M1 1AA", "line1": "1 Piccadilly"},
            "parcels": [{"weight": {"value": 1.2}}]
        }
    }))
    .expect("a consignment request")
}

fn faults(text: &str) -> Faults {
    text.parse().expect("faults parse")
}

fn creates(log: &[RequestRecord]) -> Vec<&RequestRecord> {
    log.iter()
        .filter(|r| r.method == "POST" && r.path == "/shipping/v1/consignments")
        .collect()
}

#[tokio::test]
async fn a_create_hit_by_a_fault_is_not_retried_and_is_processed_at_most_once() {
    let sandbox = Sandbox::builder().seed(1).start().await.expect("starts");
    let client = shipping(&sandbox);

    // A 503: the SDK does not retry a POST, and the sandbox processed nothing.
    sandbox.set_faults(faults("503:1,retry-after=0"), None);
    let error = client
        .create_consignment(&consignment("ORDER-FAULT-1"))
        .await
        .expect_err("503");
    assert_eq!(error.status(), Some(503), "{error}");
    let log = sandbox.requests();
    let attempts = creates(&log);
    assert_eq!(attempts.len(), 1, "not retried: {log:?}");
    assert!(!attempts[0].processed);
    assert_eq!(attempts[0].fault, Some(Fault::Status(503)));

    // A reset: processed, the answer lost, and still not retried.
    sandbox.set_faults(faults("reset:1"), None);
    let error = client
        .create_consignment(&consignment("ORDER-FAULT-1"))
        .await
        .expect_err("no answer");
    assert_eq!(
        error.status(),
        None,
        "a connection error, not a status: {error}"
    );
    let log = sandbox.requests();
    let attempts = creates(&log);
    assert_eq!(attempts.len(), 2, "not retried: {log:?}");
    let processed: Vec<_> = attempts.iter().filter(|r| r.processed).collect();
    assert_eq!(processed.len(), 1, "exactly one processed create");
    assert_eq!(processed[0].fault, Some(Fault::Reset));
    assert_eq!(processed[0].status, 201);

    // What the shop would see: one consignment for the order, not two, not none.
    sandbox.set_faults(Faults::none(), None);
    let found = client
        .search_consignments(&ConsignmentSearch::order("ORDER-FAULT-1"))
        .await
        .expect("search");
    assert_eq!(found.len(), 1);
}

/// The (API, method, status, fault) of every request the sandbox logged (paths differ: the
/// consignment codes are random).
fn outcomes(log: &[RequestRecord]) -> Vec<(Option<String>, String, u16, Option<Fault>)> {
    log.iter()
        .map(|r| (r.api.clone(), r.method.clone(), r.status, r.fault))
        .collect()
}

/// Reads a consignment and a parcel journey 15 times each under faults; answers the log.
async fn reads_under_faults(seed: u64) -> Vec<RequestRecord> {
    let sandbox = Sandbox::builder().seed(seed).start().await.expect("starts");
    let shipping = shipping(&sandbox);
    let tracking = tracking(&sandbox);
    let created = shipping
        .create_consignment(&consignment("ORDER-READS"))
        .await
        .expect("create");
    let code = created.consignment_code().expect("a code").to_owned();
    sandbox.clear_requests();

    sandbox.set_faults(
        faults("503:0.25,429:0.1,reset:0.1,500:0.05,retry-after=0"),
        Some(seed),
    );
    for _ in 0..15 {
        let got = shipping
            .get_consignment(&code)
            .await
            .expect("retried until it succeeds");
        assert_eq!(got.consignment_code(), Some(code.as_str()));
        let journeys = tracking
            .parcel_journeys(&JourneyQuery::tracking("JD0000001"))
            .await
            .expect("retried until it succeeds");
        assert!(journeys.is_empty());
    }
    sandbox.requests()
}

#[tokio::test]
async fn reads_are_retried_through_faults_and_the_log_counts_every_attempt() {
    let log = reads_under_faults(7).await;
    let faulted = log.iter().filter(|r| r.fault.is_some()).count();
    assert!(faulted > 0, "some requests were hit: {log:?}");
    // Each fault cost exactly one more attempt; the 30 calls all ended in a 200.
    assert_eq!(log.len(), 30 + faulted, "{log:?}");
    assert_eq!(log.iter().filter(|r| r.fault.is_none()).count(), 30);
    assert!(
        log.iter()
            .filter(|r| r.fault.is_none())
            .all(|r| r.status == 200 && r.processed)
    );
    for (index, record) in log.iter().enumerate() {
        if record.fault.is_some() {
            let next = &log[index + 1];
            assert_eq!(next.path, record.path, "the same call again");
        }
    }
    let kinds = |wanted: fn(&Fault) -> bool| {
        log.iter()
            .filter(|r| r.fault.as_ref().is_some_and(wanted))
            .count()
    };
    assert!(kinds(|f| matches!(f, Fault::Status(503))) > 0, "{log:?}");
    assert!(kinds(|f| matches!(f, Fault::Reset)) > 0, "{log:?}");
}

#[tokio::test]
async fn the_same_seed_and_calls_get_the_same_faults() {
    let first = outcomes(&reads_under_faults(11).await);
    let second = outcomes(&reads_under_faults(11).await);
    assert_eq!(first, second);
    let other = outcomes(&reads_under_faults(12).await);
    assert_ne!(first, other);
}
