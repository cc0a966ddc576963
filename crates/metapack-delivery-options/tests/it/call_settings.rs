//! Per-call settings (`DeliveryOptionsClient::with_call_settings`) against httpmock on
//! loopback.

use crate::common;

use common::{client, home};
use httpmock::Method::GET;
use httpmock::MockServer;
use metapack_delivery_options::{CallSettings, RetryPolicy};

#[tokio::test]
async fn a_one_attempt_call_makes_one_request_and_the_client_keeps_its_policy() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/find");
            then.status(503);
        })
        .await;
    let client = client(&server.base_url());
    let once = client.with_call_settings(CallSettings::new().retry_policy(RetryPolicy::disabled()));

    let err = once.find(&home()).await.expect_err("503");
    assert_eq!(err.status(), Some(503));
    mock.assert_calls_async(1).await;

    client.find(&home()).await.expect_err("503");
    mock.assert_calls_async(4).await;
}
