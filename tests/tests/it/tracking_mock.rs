//! The `mock` feature as a user would use it: progenitor's typed httpmock helpers.

use httpmock::MockServer;
use metapack_tracking::mock::MockServerExt;
use metapack_tracking::types::{EventCode, JourneyEvent, ParcelJourney};
use metapack_tracking::{Credentials, Environment, JourneyQuery, RetryPolicy, TrackingClient};

#[tokio::test]
async fn typed_mocks_drive_the_client() {
    let server = MockServer::start_async().await;
    let journey = ParcelJourney {
        events: Some(vec![JourneyEvent {
            event_code: Some(EventCode::Delivered),
            ..JourneyEvent::default()
        }]),
        ..ParcelJourney::default()
    };
    let ok = server.get_parcel_journeys(|when, then| {
        when.order_ref("ORDER-1");
        then.ok(&vec![journey.clone()]);
    });
    let not_found = server.delete_delivery_legs(|when, then| {
        when.tracking_identifier("NOPE");
        then.bad_request(serde_json::json!({"errorCode": "PS-0400", "message": "unknown"}));
    });
    let client = TrackingClient::builder()
        .credentials(Credentials::basic("user", "pass"))
        .environment(Environment::custom(&server.base_url()).expect("loopback"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");

    let journeys = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect("ok");
    assert_eq!(journeys, [journey]);
    let err = client.delete_delivery_legs("NOPE").await.expect_err("400");
    assert_eq!(err.status(), Some(400));
    ok.assert_async().await;
    not_found.assert_async().await;
}
