//! Per-call settings (`ShippingClient::with_call_settings`) and the retry budget they share
//! with the client, against the scripted loopback server.

mod common;

use common::{ScriptedServer, builder, client, fast_retries, json, status};
use metapack_shipping::{CallSettings, Consignment, ConsignmentRequest, RetryBudget, RetryPolicy};

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
