//! What an error says about the request behind it: whether it may have reached the server
//! and whether it is retryable, for errors built from the runtime's outcomes the way the
//! clients build them.

use std::time::Duration;

use metapack_core::{
    ApiError, Credentials, Delivery, Error, RetryPolicy, Runtime, Timeouts, request_info,
};
use metapack_testkit::{Reply, ScriptedServer as Server, refused_addr, status};
use reqwest::Method;

fn runtime() -> (Runtime, reqwest::Client) {
    Runtime::builder("metapack-test", "9.9.9")
        .credentials(Credentials::api_key("SECRET-KEY"))
        .retry_policy(RetryPolicy::disabled())
        .timeouts(Timeouts::default().with_per_attempt(Duration::from_millis(300)))
        .retry_safe_operations(&["searchThings"])
        .build()
        .expect("runtime")
}

/// Sends one request through the runtime and turns its outcome into an [`Error`] (or `None`
/// for a success), as the clients do.
async fn call(url: &str, method: Method, operation: &str) -> Option<Error> {
    let (rt, http) = runtime();
    let mut request = http
        .request(method, url)
        .body("{}")
        .build()
        .expect("request");
    rt.authorize(&mut request).await.expect("authorized");
    match rt.execute(&http, request, operation).await {
        Err(e) => Some(Error::from(e)),
        Ok(response) if response.status().is_success() => None,
        Ok(response) => {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response.bytes().await.expect("buffered body");
            Some(ApiError::from_parts(status, &headers, &body).into())
        }
    }
}

fn assert_no_secret(err: &Error) {
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("SECRET-KEY"), "{shown}");
    assert!(
        !shown.contains("metapack-rs-request"),
        "the mark is removed: {shown}"
    );
}

#[tokio::test]
async fn connection_refused_certainly_did_not_reach_the_server() {
    let addr = refused_addr().await;
    let err = call(
        &format!("http://{addr}/consignments"),
        Method::POST,
        "createThing",
    )
    .await
    .expect("refused");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(err.delivery(), Delivery::NotSent);
    assert!(!err.may_have_reached_server());
    assert!(
        err.is_retryable(),
        "nothing was sent: a create may be sent again"
    );
    let request = err.request().expect("the runtime's request");
    assert_eq!(
        (request.method.as_str(), request.operation_id.as_str()),
        ("POST", "createThing")
    );
    assert!(!request.safe_to_repeat);
    assert_no_secret(&err);
}

#[tokio::test]
async fn a_503_on_a_create_may_have_reached_it_and_is_not_retryable() {
    for (method, code) in [
        (Method::POST, 503),
        (Method::POST, 429),
        (Method::PATCH, 503),
    ] {
        let server = Server::start(vec![status(code)]).await;
        let err = call(&server.url("/consignments"), method.clone(), "createThing")
            .await
            .expect("error status");
        assert_eq!(err.status(), Some(code));
        assert!(err.may_have_reached_server(), "{method} {code}");
        assert!(
            !err.is_retryable(),
            "{method} {code}: a proxy may answer after the origin acted"
        );
        assert_eq!(
            err.request().map(ToString::to_string).as_deref(),
            Some(format!("{method} createThing").as_str())
        );
        assert_no_secret(&err);
    }
}

#[tokio::test]
async fn a_503_on_a_get_or_a_retry_safe_post_is_retryable() {
    for (method, operation) in [(Method::GET, "getThings"), (Method::POST, "searchThings")] {
        let server = Server::start(vec![status(503)]).await;
        let err = call(&server.url("/things"), method.clone(), operation)
            .await
            .expect("503");
        assert!(err.may_have_reached_server(), "{method}");
        assert!(err.is_retryable(), "{method} {operation}");
        assert!(err.request().is_some_and(|r| r.safe_to_repeat));
    }
}

#[tokio::test]
async fn a_timeout_after_sending_may_have_reached_the_server() {
    let server = Server::start(vec![Reply::Hang, Reply::Hang]).await;
    let err = call(&server.url("/consignments"), Method::POST, "createThing")
        .await
        .expect("timeout");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(server.hits().len(), 1, "the request was sent");
    assert!(err.may_have_reached_server());
    assert!(!err.is_retryable(), "the create may have been done");
    assert_no_secret(&err);

    let err = call(&server.url("/things"), Method::GET, "getThings")
        .await
        .expect("timeout");
    assert!(err.may_have_reached_server() && err.is_retryable());
}

#[tokio::test]
async fn a_server_cannot_claim_its_error_is_safe_to_repeat() {
    let server = Server::start(vec![Reply::Respond(
        503,
        vec![(request_info::REQUEST_HEADER, "GET getThings repeatable")],
        "",
    )])
    .await;
    let err = call(&server.url("/consignments"), Method::POST, "createThing")
        .await
        .expect("503");
    assert!(!err.is_retryable());
    assert_eq!(
        err.request().map(|r| r.operation_id.as_str()),
        Some("createThing")
    );
}
