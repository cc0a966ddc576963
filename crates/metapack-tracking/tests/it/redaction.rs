//! The password never shows up in `Debug` or `Display` output: not of the client, the builder,
//! the credentials, nor of the errors a call returns.

use crate::common;

use std::time::Duration;

use common::{BASIC_TOKEN, PASSWORD, USER, builder, client_without_retries, refused_addr};
use httpmock::Method::GET;
use httpmock::MockServer;
use metapack_tracking::{Credentials, Error, JourneyQuery, Secret, Timeouts, TrackingClient};

fn assert_redacted(what: &str, text: &str) {
    assert!(
        !text.contains(PASSWORD),
        "{what} leaks the password: {text}"
    );
    assert!(
        !text.contains(BASIC_TOKEN),
        "{what} leaks the Authorization token: {text}"
    );
}

fn assert_error_redacted(err: &Error) {
    assert_redacted("Display", &err.to_string());
    assert_redacted("Debug", &format!("{err:?}"));
    assert_redacted("pretty Debug", &format!("{err:#?}"));
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        assert_redacted("source", &cause.to_string());
        source = cause.source();
    }
}

#[test]
fn credentials_debug_hides_the_password() {
    let credentials = Credentials::basic("user", "s3cr3t-pass");
    for text in [format!("{credentials:?}"), format!("{credentials:#?}")] {
        assert!(!text.contains("s3cr3t-pass"), "{text}");
        assert!(text.contains("user"), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
    }
    let secret = Secret::new("s3cr3t-pass");
    assert!(!format!("{secret:?}").contains("s3cr3t-pass"));
    assert!(!secret.to_string().contains("s3cr3t-pass"));
}

#[test]
fn builder_debug_hides_the_password() {
    let builder = TrackingClient::builder()
        .credentials(Credentials::basic(USER, PASSWORD))
        .user_agent_suffix("my-shop/1.0");
    for text in [format!("{builder:?}"), format!("{builder:#?}")] {
        assert_redacted("builder Debug", &text);
        assert!(text.contains(USER), "{text}");
        assert!(text.contains("my-shop/1.0"), "{text}");
    }
}

#[test]
fn client_debug_hides_the_password() {
    let client = builder("http://127.0.0.1:9").build().expect("client");
    for text in [
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{:?}", client.with_retry_unsafe()),
        format!("{:?}", client.raw()),
    ] {
        assert_redacted("client Debug", &text);
        assert!(text.contains("<redacted>"), "{text}");
    }
}

#[tokio::test]
async fn unauthorized_error_does_not_contain_the_password() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/parcel-journeys");
            then.status(401)
                .header("content-type", "application/json")
                .body(
                    r#"{"message":"Bad credentials","errorCode":"PS-0401","systemMessage":"authentication failed","traceId":"t-401","timestamp":"2019-08-24T14:15:22Z"}"#,
                );
        })
        .await;
    let client = client_without_retries(&server.base_url());

    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("401");
    mock.assert_calls_async(1).await;
    assert_eq!(err.status(), Some(401));
    assert_eq!(
        err.to_string(),
        "HTTP 401 PS-0401: Bad credentials: authentication failed (trace id t-401)",
        "the systemMessage follows the message (issue 10)"
    );
    assert_error_redacted(&err);
}

#[tokio::test]
async fn transport_and_timeout_errors_do_not_contain_the_password() {
    let addr = refused_addr().await;
    let client = client_without_retries(&format!("http://{addr}"));
    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_error_redacted(&err);

    let server = MockServer::start_async().await;
    let _slow = server
        .mock_async(|when, then| {
            when.method(GET).path("/parcel-journeys");
            then.status(200)
                .header("content-type", "application/json")
                .body("[]")
                .delay(Duration::from_secs(2));
        })
        .await;
    let client = builder(&server.base_url())
        .retry_policy(metapack_tracking::RetryPolicy::disabled())
        .timeouts(Timeouts::default().with_per_attempt(Duration::from_millis(100)))
        .build()
        .expect("client");
    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("timeout");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_error_redacted(&err);
}
