//! Typed outcomes (allocation, allocation check, manifest code), lifecycle conflicts (409), and
//! which operations are retried once they may have reached Metapack.

use crate::common;

use std::time::{Duration, Instant};

use common::{
    BASIC_AUTH, Reply, ScriptedServer, assert_timeout, builder, client, client_with_timeouts,
    fast_retries, json, per_attempt, status,
};
use httpmock::Method::{DELETE, GET, PATCH, POST, PUT};
use httpmock::MockServer;
use metapack_shipping::types::ManifestResponse;
use metapack_shipping::{
    Allocation, AllocationCheck, Consignment, ConsignmentChanges, ConsignmentRequest,
    ConsignmentWithPaperworkRequest, ErrorCategory, ErrorCode, ManifestCreated, ManifestRequest,
    PaperworkFormat, PaperworkOptions, Parcel, ShippingRules, Status,
};
use metapack_shipping::{CallSettings, RetryBudget, RetryPolicy};
use metapack_shipping::{Error, ShippingClient};
use serde_json::json;

const CODE: &str = "DMC4BY1V4HVY";
/// A created consignment's answer: Metapack always gives the new consignment its code.
const CREATED: &str = r#"{"consignment":{"consignmentCode":"DMC4BY1V4HVY"}}"#;

fn request() -> ConsignmentRequest {
    ConsignmentRequest {
        consignment: Consignment {
            shipment_ref: Some("SHIP-1".into()),
            ..Default::default()
        },
        shipping_rules: None,
    }
}

fn rules() -> ShippingRules {
    ShippingRules {
        code: Some("CHEAPEST".into()),
        ..Default::default()
    }
}

fn conflict_body(message: &str) -> String {
    json!({
        "errorCode": "CONFLICT",
        "message": message,
        "systemMessage": "lifecycle",
        "traceID": "trace-409",
        "timestamp": "2026-11-20T09:00:00Z"
    })
    .to_string()
}

fn assert_conflict<T: std::fmt::Debug>(result: Result<T, Error>, message: &str) {
    let err = result.expect_err("409");
    assert_eq!(err.status(), Some(409), "{err:?}");
    assert_eq!(err.category(), Some(ErrorCategory::Conflict), "{err:?}");
    let api = err.api().expect("Error::Api");
    assert_eq!(api.message.as_deref(), Some(message));
    assert_eq!(api.trace_id.as_deref(), Some("trace-409"));
    assert_eq!(api.code, Some(ErrorCode::Other("CONFLICT".into())));
    assert!(!err.is_retryable());
}

// ---------------------------------------------------------------------------------------------
// Allocation
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn allocate_201_is_allocated_with_the_consignment() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/consignments/{CODE}/service"));
            then.status(201)
                .header("content-type", "application/json")
                .json_body(json!({
                    "consignment": {
                        "consignmentCode": CODE,
                        "status": "allocated",
                        "service": {"carrierService": {"code": "DPD_NEXT_DAY"}}
                    },
                    "links": []
                }));
        })
        .await;
    let allocation = client(&server.base_url())
        .allocate_consignment(CODE, &rules())
        .await
        .expect("allocation");
    let Allocation::Allocated(response) = &allocation else {
        panic!("expected Allocated, got {allocation:?}");
    };
    assert_eq!(response.consignment_code(), Some(CODE));
    assert_eq!(response.lifecycle_status(), Some(&Status::Allocated));
    let consignment = allocation.consignment().expect("consignment");
    assert_eq!(consignment.carrier_service_code(), Some("DPD_NEXT_DAY"));
    assert!(allocation.into_response().is_some());
}

#[tokio::test]
async fn allocate_204_is_no_service_available() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/consignments/{CODE}/service"));
            then.status(204);
        })
        .await;
    let allocation = client(&server.base_url())
        .allocate_consignment(CODE, &rules())
        .await
        .expect("allocation");
    assert_eq!(allocation, Allocation::NoServiceAvailable);
    assert!(!allocation.is_allocated());
    assert_eq!(allocation.consignment(), None);
}

#[tokio::test]
async fn allocate_409_is_a_conflict() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/consignments/{CODE}/service"));
            then.status(409)
                .header("content-type", "application/json")
                .body(conflict_body("Consignment cannot be allocated"));
        })
        .await;
    let result = client(&server.base_url())
        .allocate_consignment(CODE, &rules())
        .await;
    assert_conflict(result, "Consignment cannot be allocated");
}

#[tokio::test]
async fn allocate_with_unlisted_success_statuses() {
    // 200 with a body: allocated, decoded like 201.
    let server = ScriptedServer::start(vec![
        json(
            200,
            r#"{"consignment":{"consignmentCode":"C-200","status":"allocated"}}"#,
        ),
        // 202 without a body: nothing was allocated.
        status(202),
        // 201 whose body went missing: still allocated.
        status(201),
    ])
    .await;
    let client = client(&server.base_url());
    let allocation = client
        .allocate_consignment(CODE, &rules())
        .await
        .expect("200");
    assert_eq!(
        allocation
            .consignment()
            .and_then(|c| c.consignment_code.as_deref()),
        Some("C-200")
    );
    assert_eq!(
        client
            .allocate_consignment(CODE, &rules())
            .await
            .expect("202"),
        Allocation::NoServiceAvailable
    );
    let allocation = client
        .allocate_consignment(CODE, &rules())
        .await
        .expect("201");
    assert!(allocation.is_allocated());
    assert_eq!(server.hits().len(), 3);
}

#[tokio::test]
async fn allocate_201_with_a_body_of_the_wrong_shape_is_a_decode_error() {
    let server = ScriptedServer::start(vec![json(
        201,
        r#"{"consignment":{"parcels":{"not":"a list"}}}"#,
    )])
    .await;
    let err = client(&server.base_url())
        .allocate_consignment(CODE, &rules())
        .await
        .expect_err("decode");
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "consignment.parcels"),
        "{err:?}"
    );
}

#[tokio::test]
async fn create_with_paperwork_when_no_service_fits_is_unallocated_without_paperwork() {
    let server = ScriptedServer::start(vec![json(
        201,
        r#"{"consignment":{"consignmentCode":"C-1","status":"unallocated"},"paperwork":null}"#,
    )])
    .await;
    let request = ConsignmentWithPaperworkRequest {
        consignment: Consignment::default(),
        shipping_rules: rules(),
        paperwork: PaperworkOptions::new()
            .format(PaperworkFormat::Pdf)
            .to_request(),
    };
    let created = client(&server.base_url())
        .create_consignment_with_paperwork(&request)
        .await
        .expect("created");
    assert_eq!(created.consignment_code(), Some("C-1"));
    assert_eq!(created.lifecycle_status(), Some(&Status::Unallocated));
    assert!(created.documents().expect("no paperwork").is_empty());
}

#[tokio::test]
async fn validation_200_is_available_and_204_is_not() {
    let server = ScriptedServer::start(vec![status(200), status(204)]).await;
    let client = client(&server.base_url());
    let check = client.validate_allocation(&request()).await.expect("200");
    assert_eq!(check, AllocationCheck::ServiceAvailable);
    let check = client.validate_allocation(&request()).await.expect("204");
    assert_eq!(check, AllocationCheck::NoServiceAvailable);
    assert!(!check.is_available());
    let hits = server.hits();
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.target == "/consignments-validation"));
}

#[tokio::test]
async fn validation_400_is_an_api_error() {
    let server = ScriptedServer::start(vec![json(
        400,
        r#"{"errorCode":"VAL-1","message":"sender is required"}"#,
    )])
    .await;
    let err = client(&server.base_url())
        .validate_allocation(&request())
        .await
        .expect_err("400");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.category(), Some(ErrorCategory::Validation));
    assert_eq!(server.hits().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Lifecycle conflicts
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn lifecycle_conflicts_are_api_errors() {
    let server = MockServer::start_async().await;
    let cases = [
        (
            PUT,
            format!("/consignments/{CODE}"),
            "Consignment cannot be modified",
        ),
        (
            PATCH,
            format!("/consignments/{CODE}"),
            "Consignment cannot be modified",
        ),
        (
            GET,
            format!("/consignments/{CODE}/paperwork"),
            "Wrong state for printing",
        ),
        (
            DELETE,
            format!("/consignments/{CODE}/parcels/P-1"),
            "Parcel cannot be removed",
        ),
        (
            POST,
            format!("/consignments/{CODE}/parcels"),
            "Parcel cannot be added",
        ),
        (
            DELETE,
            format!("/consignments/{CODE}/service"),
            "Allocation cannot be deleted",
        ),
        (
            POST,
            format!("/consignments/{CODE}/status"),
            "Status change conflict",
        ),
    ];
    for (method, path, message) in cases {
        let body = conflict_body(message);
        server
            .mock_async(move |when, then| {
                when.method(method).path(path);
                then.status(409)
                    .header("content-type", "application/json")
                    .body(body);
            })
            .await;
    }
    let client = client(&server.base_url());

    assert_conflict(
        client.update_consignment(CODE, &request()).await,
        "Consignment cannot be modified",
    );
    assert_conflict(
        client
            .patch_consignment(CODE, &ConsignmentChanges::new().manifest_group_code("G"))
            .await,
        "Consignment cannot be modified",
    );
    assert_conflict(
        client
            .get_consignment_paperwork(CODE, &PaperworkOptions::new())
            .await,
        "Wrong state for printing",
    );
    assert_conflict(
        client.remove_parcel(CODE, "P-1").await,
        "Parcel cannot be removed",
    );
    assert_conflict(
        client.add_parcel(CODE, &Parcel::default()).await,
        "Parcel cannot be added",
    );
    assert_conflict(
        client.deallocate_consignment(CODE).await,
        "Allocation cannot be deleted",
    );
    assert_conflict(
        client.set_ready_to_ship(CODE, true).await,
        "Status change conflict",
    );
}

#[tokio::test]
async fn conflicts_are_never_retried_even_when_retry_safe() {
    let server = ScriptedServer::start(vec![json(409, conflict_body_static()), status(204)]).await;
    let client = client(&server.base_url()).with_retry_unsafe();
    let err = client.set_ready_to_ship(CODE, true).await.expect_err("409");
    assert_eq!(err.status(), Some(409));
    assert_eq!(server.hits().len(), 1);
}

fn conflict_body_static() -> &'static str {
    r#"{"errorCode":"CONFLICT","message":"no"}"#
}

// ---------------------------------------------------------------------------------------------
// Manifest code
// ---------------------------------------------------------------------------------------------

#[test]
fn manifest_code_comes_from_the_manifest_link() {
    let response: ManifestResponse = serde_json::from_value(json!({
        "links": [
            {"rel": "self", "href": "/manifests/WRONG"},
            {"rel": "MANIFEST", "href": "https://api.sbx.metapack.com/shipping/v1/manifests/MAN-7"}
        ]
    }))
    .unwrap();
    assert_eq!(
        ManifestCreated::from_response(response).code(),
        Some("MAN-7")
    );

    // Without the relation, the first link to a manifest.
    let response: ManifestResponse = serde_json::from_value(json!({
        "links": [{"rel": null, "href": null}, {"href": "/manifests/MAN-8/paperwork"}]
    }))
    .unwrap();
    assert_eq!(
        ManifestCreated::from_response(response).code(),
        Some("MAN-8")
    );

    // No link at all: the call succeeded, the code is unknown.
    for body in [json!({}), json!({"links": null}), json!({"links": []})] {
        let response: ManifestResponse = serde_json::from_value(body).unwrap();
        let created = ManifestCreated::from_response(response);
        assert_eq!(created.code(), None);
    }
}

#[tokio::test]
async fn create_manifest_without_a_manifest_link_still_succeeds() {
    let server = ScriptedServer::start(vec![json(201, r#"{"links":[]}"#)]).await;
    let created = client(&server.base_url())
        .create_manifest(&ManifestRequest::default())
        .await
        .expect("created");
    assert_eq!(created.manifest_code, None);
    assert_eq!(server.hits()[0].json(), json!({}));
}

// ---------------------------------------------------------------------------------------------
// Retries: creates are sent once, idempotent operations are retried.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn create_consignment_that_times_out_is_sent_once() {
    let server = ScriptedServer::start(vec![Reply::Hang, json(201, "{}")]).await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(200));

    let started = Instant::now();
    assert_timeout(client.create_consignment(&request()).await);
    assert!(started.elapsed() >= Duration::from_millis(180));
    assert_eq!(server.hits().len(), 1);
    assert_eq!(server.hits()[0].target, "/consignments");
}

#[tokio::test]
async fn creates_are_not_retried_after_a_500_or_502() {
    let server = ScriptedServer::start(vec![status(500), status(502), json(201, "{}")]).await;
    let client = client(&server.base_url());
    let err = client
        .create_consignment(&request())
        .await
        .expect_err("500");
    assert_eq!(err.status(), Some(500));
    let err = client
        .allocate_consignment(CODE, &rules())
        .await
        .expect_err("502");
    assert_eq!(err.status(), Some(502));
    assert_eq!(server.hits().len(), 2);
}

#[tokio::test]
async fn get_rates_that_times_out_is_retried() {
    let server = ScriptedServer::start(vec![Reply::Hang, json(200, "[]")]).await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(200));

    let rates = client
        .get_rates(&request())
        .await
        .expect("second attempt succeeds");
    assert!(rates.cheapest().is_none());
    assert_eq!(server.hits().len(), 2);
    server.assert_identical_hits("POST", "/rates", BASIC_AUTH);
}

#[tokio::test]
async fn retry_safe_posts_and_patches_are_retried_after_a_500() {
    let server = ScriptedServer::start(vec![
        status(500),
        status(200), // validate_allocation
        status(500),
        status(204), // set_ready_to_ship
        status(502),
        json(200, "{}"), // patch_consignment
    ])
    .await;
    let client = client(&server.base_url());

    let check = client.validate_allocation(&request()).await.expect("check");
    assert_eq!(check, AllocationCheck::ServiceAvailable);
    client
        .set_ready_to_ship(CODE, true)
        .await
        .expect("ready to ship");
    client
        .patch_consignment(CODE, &ConsignmentChanges::new().manifest_group_code("G"))
        .await
        .expect("patched");

    let targets: Vec<(String, String)> = server
        .hits()
        .into_iter()
        .map(|h| (h.method, h.target))
        .collect();
    let post = |t: &str| ("POST".to_owned(), t.to_owned());
    let status_target = format!("/consignments/{CODE}/status?readyToShip=true");
    let patch = ("PATCH".to_owned(), format!("/consignments/{CODE}"));
    assert_eq!(
        targets,
        [
            post("/consignments-validation"),
            post("/consignments-validation"),
            post(&status_target),
            post(&status_target),
            patch.clone(),
            patch,
        ]
    );
}

#[tokio::test]
async fn with_retry_unsafe_retries_a_create() {
    let server = ScriptedServer::start(vec![
        Reply::Hang,
        Reply::Hang,
        json(201, r#"{"consignment":{"consignmentCode":"C-1"}}"#),
    ])
    .await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(200));
    let unsafe_client: ShippingClient = client.with_retry_unsafe();

    // The original client is unchanged by with_retry_unsafe().
    assert_timeout(client.create_consignment(&request()).await);
    assert_eq!(server.hits().len(), 1);

    let created = unsafe_client
        .create_consignment(&request())
        .await
        .expect("retried until the 201");
    assert_eq!(created.consignment_code(), Some("C-1"));
    assert_eq!(server.hits().len(), 3);
    server.assert_identical_hits("POST", "/consignments", BASIC_AUTH);
}

#[tokio::test]
async fn a_create_is_retried_after_503_and_429_only_when_opted_in() {
    // 503 and 429 usually mean nothing was processed, but a proxy may send them after the
    // origin created the consignment: without the opt-in, one attempt.
    let server = ScriptedServer::start(vec![status(503), status(429), json(201, "{}")]).await;
    let err = client(&server.base_url())
        .create_consignment(&request())
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    // Issue 10: a create that may have reached the server is not retryable; the caller
    // looks it up (by order reference) before sending it again.
    assert!(
        !err.is_retryable(),
        "a 503 on a create may come after the origin acted"
    );
    assert!(err.may_have_reached_server());
    assert_eq!(server.hits().len(), 1);

    let server = ScriptedServer::start(vec![status(503), status(429), json(201, CREATED)]).await;
    client(&server.base_url())
        .with_retry_unsafe()
        .create_consignment(&request())
        .await
        .expect("third attempt succeeds");
    assert_eq!(server.hits().len(), 3);
    server.assert_identical_hits("POST", "/consignments", BASIC_AUTH);
}

#[tokio::test]
async fn remove_item_is_not_retried_once_sent_but_other_deletes_are() {
    let server = ScriptedServer::start(vec![Reply::Hang, status(204)]).await;
    let client = client_with_timeouts(&server.base_url(), per_attempt(200));
    assert_timeout(client.remove_item(CODE, "P1", "SKU-1", Some(2)).await);
    assert_eq!(server.hits().len(), 1, "a repeat would remove 2 more units");

    let server = ScriptedServer::start(vec![status(500), status(204)]).await;
    let client = self::client(&server.base_url());
    let err = client
        .remove_item(CODE, "P1", "SKU-1", Some(2))
        .await
        .expect_err("500");
    assert_eq!(err.status(), Some(500));
    assert_eq!(server.hits().len(), 1);

    let server = ScriptedServer::start(vec![status(500), status(204)]).await;
    let client = self::client(&server.base_url());
    client
        .delete_consignment(CODE)
        .await
        .expect("retried after the 500");
    assert_eq!(server.hits().len(), 2);

    let server = ScriptedServer::start(vec![status(500), status(204)]).await;
    let client = self::client(&server.base_url()).with_retry_unsafe();
    client
        .remove_item(CODE, "P1", "SKU-1", None)
        .await
        .expect("opted in");
    assert_eq!(server.hits().len(), 2);
}

// --- Per-call settings (`with_call_settings`) and the retry budget they share --------------

#[tokio::test]
async fn a_per_call_opt_in_retries_a_create_the_client_does_not() {
    let server = ScriptedServer::start(vec![status(503), status(503), json(201, CREATED)]).await;
    let client = client(&server.base_url());
    let err = client
        .create_consignment(&request())
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.hit_count(), 1);

    let created = client
        .with_call_settings(CallSettings::new().retry_unsafe())
        .create_consignment(&request())
        .await
        .expect("retried until the 201");
    assert_eq!(created.consignment_code(), Some("DMC4BY1V4HVY"));
    assert_eq!(server.hit_count(), 3);
}

#[tokio::test]
async fn a_one_attempt_call_makes_one_request() {
    let server = ScriptedServer::start(vec![status(503)]).await;
    let client = client(&server.base_url());
    let once = client.with_call_settings(CallSettings::new().retry_policy(RetryPolicy::disabled()));
    once.get_consignment("DMC4BY1V4HVY").await.expect_err("503");
    assert_eq!(server.hit_count(), 1);
    client
        .get_consignment("DMC4BY1V4HVY")
        .await
        .expect_err("503");
    assert_eq!(server.hit_count(), 4);
}

#[tokio::test]
async fn per_call_clones_share_the_clients_retry_budget() {
    let server = ScriptedServer::start(vec![status(503)]).await;
    let client = builder(&server.base_url())
        .retry_policy(fast_retries().with_retry_budget(RetryBudget::default().with_capacity(10)))
        .build()
        .expect("client");
    // Two retries through a per-call clone empty the bucket of 10 tokens...
    let patient =
        client.with_call_settings(CallSettings::new().retry_policy(
            fast_retries().with_retry_budget(RetryBudget::default().with_capacity(10)),
        ));
    patient.get_consignment("C-1").await.expect_err("503");
    assert_eq!(server.hit_count(), 3);
    // ...so neither the client nor another clone retries any more.
    client.get_consignment("C-1").await.expect_err("503");
    client
        .with_retry_unsafe()
        .get_consignment("C-1")
        .await
        .expect_err("503");
    assert_eq!(server.hit_count(), 5);
}
