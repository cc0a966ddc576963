//! The API key never leaves the client in an error, whatever the server echoes.

use crate::common;

use common::{KEY, client_without_retries, home};
use httpmock::Method::GET;
use httpmock::MockServer;
use metapack_delivery_options::Error;

fn assert_no_key(err: &Error) {
    let shown = format!("{err:?} {err}");
    assert!(!shown.contains(KEY), "the API key in {shown}");
    let encoded: String = url::form_urlencoded::byte_serialize(KEY.as_bytes()).collect();
    assert!(!shown.contains(&encoded), "the encoded API key in {shown}");
}

/// The error of a search the server answers with `status` and the JSON `body`.
async fn find_answered(server: &MockServer, status: u16, body: String) -> Error {
    server
        .mock_async(|when, then| {
            when.method(GET).path("/find");
            then.status(status)
                .header("content-type", "application/json")
                .body(body);
        })
        .await;
    client_without_retries(&server.base_url())
        .find(&home())
        .await
        .expect_err("an error")
}

#[tokio::test]
async fn a_malformed_answer_echoing_the_key_keeps_it_out_of_the_error() {
    let server = MockServer::start_async().await;
    // The echo of every query parameter, then a malformed result list.
    let body = format!(
        r#"{{"header":{{"inputParameters":{{"key":"{KEY}","limit":"{KEY}"}}}},"results":"{KEY}"}}"#
    );
    let err = find_answered(&server, 200, body).await;
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_no_key(&err);
}

#[tokio::test]
async fn an_error_answer_echoing_the_key_keeps_it_out_of_the_error() {
    let server = MockServer::start_async().await;
    let body = format!(
        r#"{{"errorCode":"PS-0400","message":"bad request /find?key={KEY}&limit=x","systemMessage":"key {KEY} refused"}}"#
    );
    let err = find_answered(&server, 400, body).await;
    assert_eq!(err.status(), Some(400));
    assert_no_key(&err);
    let api = err.api().expect("api error");
    assert!(!api.body.contains(KEY) && !api.details.to_string().contains(KEY));
}
