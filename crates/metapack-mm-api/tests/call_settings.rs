//! Per-call settings (`MmApiClient::with_call_settings`) against httpmock on loopback.

use std::time::Duration;

use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use metapack_mm_api::model::{
    Address, AgentUri, Contact, Destination, Dimension, LogisticsUnit, Receiver, Shipment, Weight,
};
use metapack_mm_api::{AllocationRequest, CallSettings, MmApiClient, RetryPolicy};

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5))
}

fn client(server: &MockServer) -> MmApiClient {
    MmApiClient::builder()
        .host(server.base_url())
        .data_host(server.base_url())
        .static_token("tok-abc")
        .retry_policy(fast_retries())
        .build()
        .expect("client")
}

fn shipment() -> Shipment {
    let address = Address::new("GBR", "London", "Gray's Inn Road", "WC1X 8XZ");
    let contact = Contact::named("Andrew", "Neal").with_email("example@metapack.com");
    Shipment::delivery(
        AgentUri::new(
            "https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742",
        ),
        Receiver::new(address.clone(), contact.clone()),
        Destination::new(address, contact),
        vec![LogisticsUnit::new(
            Weight::kg(2.0),
            Dimension::cm(5.0, 5.0, 5.0),
        )],
    )
}

#[tokio::test]
async fn a_per_call_opt_in_retries_an_allocation_the_client_does_not() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/consignments");
            then.status(503);
        })
        .await;
    let client = client(&server);
    let request = AllocationRequest::shipment(shipment());
    let err = client.allocate(&request).await.expect_err("503");
    assert_eq!(err.status(), Some(503));
    mock.assert_calls_async(1).await;

    client
        .with_call_settings(CallSettings::new().retry_unsafe())
        .allocate(&request)
        .await
        .expect_err("503");
    mock.assert_calls_async(4).await;
}

#[tokio::test]
async fn per_call_settings_reach_the_logistics_services_host_too() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/logistics-services/dpdrev");
            then.status(503);
        })
        .await;
    let client = client(&server);
    client
        .with_call_settings(CallSettings::new().retry_policy(RetryPolicy::disabled()))
        .get_logistics_service("dpdrev")
        .await
        .expect_err("503");
    mock.assert_calls_async(1).await;
    client
        .get_logistics_service("dpdrev")
        .await
        .expect_err("503");
    mock.assert_calls_async(4).await;
}
