//! Per-call settings (`Runtime::with_call_settings`) against a loopback server.

use std::time::Duration;

use crate::common::retries::fast_retries;
use metapack_core::{CallSettings, Credentials, RetryPolicy, Runtime, Timeouts};
use metapack_testkit::{Reply, ScriptedServer as Server, status};
use reqwest::Method;

fn runtime() -> (Runtime, reqwest::Client) {
    Runtime::builder("metapack-test", "9.9.9")
        .credentials(Credentials::None)
        .retry_policy(fast_retries(3))
        .build()
        .expect("runtime")
}

async fn send(
    rt: &Runtime,
    http: &reqwest::Client,
    method: Method,
    server: &Server,
) -> (reqwest::Result<reqwest::Response>, usize) {
    let before = server.hit_count();
    let request = http
        .request(method, server.url("/things"))
        .body("{}")
        .build()
        .expect("request");
    let result = rt.execute(http, request, "someOperation").await;
    (result, server.hit_count() - before)
}

#[tokio::test]
async fn a_one_attempt_policy_makes_one_request() {
    let server = Server::start(vec![status(503)]).await;
    let (rt, http) = runtime();
    let once = rt.with_call_settings(CallSettings::new().retry_policy(RetryPolicy::disabled()));
    let (result, sent) = send(&once, &http, Method::GET, &server).await;
    assert_eq!(result.expect("response").status(), 503);
    assert_eq!(sent, 1);
    // The client keeps its own policy.
    let (_, sent) = send(&rt, &http, Method::GET, &server).await;
    assert_eq!(sent, 3);
    assert_eq!(rt.retry_policy().max_attempts(), 3);
    assert_eq!(once.retry_policy().max_attempts(), 1);
}

#[tokio::test]
async fn per_call_timeouts_apply() {
    // The client waits 20 s per attempt; these calls give up after 200 ms. The outer limit
    // only turns an ignored override into a failure instead of a long wait.
    let server = Server::start(vec![Reply::Hang]).await;
    let (rt, http) = runtime();
    let per_attempt = rt.with_call_settings(
        CallSettings::new()
            .timeouts(Timeouts::default().with_per_attempt(Duration::from_millis(200)))
            .retry_policy(RetryPolicy::disabled()),
    );
    let overall = rt.with_call_settings(
        CallSettings::new().timeouts(Timeouts::default().with_overall(Duration::from_millis(200))),
    );
    for runtime in [&per_attempt, &overall] {
        let outcome = tokio::time::timeout(
            Duration::from_secs(10),
            send(runtime, &http, Method::GET, &server),
        )
        .await;
        let (result, _) = outcome.expect("the per-call timeout should end the call");
        let err = result.expect_err("timeout");
        assert!(err.is_timeout(), "{err:?}");
    }
    assert_eq!(rt.timeouts(), &Timeouts::default());
    assert_eq!(overall.timeouts().overall(), Duration::from_millis(200));
}

#[tokio::test]
async fn per_call_retry_unsafe_retries_a_post_the_plain_client_does_not() {
    let server = Server::start(vec![status(503), status(503), status(201)]).await;
    let (rt, http) = runtime();
    let (result, sent) = send(&rt, &http, Method::POST, &server).await;
    assert_eq!(result.expect("response").status(), 503);
    assert_eq!(sent, 1);

    let opted_in = rt.with_call_settings(CallSettings::new().retry_unsafe());
    let (result, sent) = send(&opted_in, &http, Method::POST, &server).await;
    assert_eq!(result.expect("response").status(), 201);
    assert_eq!(sent, 2);
}

#[tokio::test]
async fn settings_add_up_and_later_ones_win() {
    let server = Server::start(vec![status(503)]).await;
    let (rt, http) = runtime();
    let layered = rt
        .with_retry_unsafe()
        .with_call_settings(CallSettings::new().retry_policy(fast_retries(5)))
        .with_call_settings(CallSettings::new().retry_policy(fast_retries(2)));
    // Still opted in (a POST is retried), with the latest policy (2 attempts).
    let (result, sent) = send(&layered, &http, Method::POST, &server).await;
    assert_eq!(result.expect("response").status(), 503);
    assert_eq!(sent, 2);
    assert_eq!(layered.retry_policy().max_attempts(), 2);
    assert_eq!(layered.timeouts(), rt.timeouts());
}
