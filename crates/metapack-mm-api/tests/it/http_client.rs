//! `MmApiClientBuilder::http_client`: the caller's `reqwest::Client` carries the token
//! request, the API calls and the logistics-services calls.

use crate::common::mock_client::builder;
use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use metapack_mm_api::ClientCredentials;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::json;

fn own_client() -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert("x-proxy-tag", HeaderValue::from_static("corporate"));
    metapack_core::tls::http_client_builder()
        .expect("TLS configuration")
        .default_headers(headers)
        .build()
        .expect("a client")
}

#[tokio::test]
async fn every_request_goes_through_the_callers_client() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/auth")
                .header("x-proxy-tag", "corporate")
                .header_exists("user-agent");
            then.status(200)
                .json_body(json!({"access_token": "t1", "expires_in": 3600}));
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/shipments/{}", uuid::Uuid::nil()))
                .header("authorization", "Bearer t1")
                .header("x-proxy-tag", "corporate");
            then.status(200).json_body(json!({"shipmentRef": "REF-1"}));
        })
        .await;
    let client = builder(&server)
        .client_credentials(ClientCredentials::new("id", "secret"))
        .http_client(own_client())
        .build()
        .expect("a client");
    let shipment = client
        .get_shipment(uuid::Uuid::nil())
        .await
        .expect("a shipment");
    assert_eq!(shipment.shipment_ref.as_deref(), Some("REF-1"));
    token.assert_calls_async(1).await;
    api.assert_calls_async(1).await;
}

#[tokio::test]
async fn without_it_the_default_client_is_used() {
    let server = MockServer::start_async().await;
    let tagged = server
        .mock_async(|when, then| {
            when.header_exists("x-proxy-tag");
            then.status(500);
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET).header_exists("user-agent");
            then.status(200).json_body(json!({}));
        })
        .await;
    let client = builder(&server)
        .static_token("t1")
        .build()
        .expect("a client");
    client
        .get_shipment(uuid::Uuid::nil())
        .await
        .expect("a shipment");
    tagged.assert_calls_async(0).await;
    api.assert_calls_async(1).await;
}
