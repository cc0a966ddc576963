//! Client-credentials tokens under load: 100 concurrent calls against a token endpoint that
//! refuses, fails or hangs make a bounded number of token requests and fail typed, within
//! their overall timeout; a short-lived token is reused.

use std::time::{Duration, Instant};

use crate::common::mock_client::{builder, fast_retries};
use httpmock::Method::POST;
use httpmock::{Mock, MockServer};
use metapack_mm_api::{ClientCredentials, Error, MmApiClient, Timeouts};
use serde_json::json;

const CALLS: usize = 100;

fn client(server: &MockServer, credentials: ClientCredentials, timeouts: Timeouts) -> MmApiClient {
    builder(server)
        .client_credentials(credentials)
        .retry_policy(fast_retries())
        .timeouts(timeouts)
        .build()
        .expect("client")
}

fn credentials() -> ClientCredentials {
    ClientCredentials::new("client-1", "sup3r-secret")
}

/// Everything but `/auth` answers `{}`; counts what reached the API.
async fn api(server: &MockServer) -> Mock<'_> {
    server
        .mock_async(|when, then| {
            when.path_excludes("/auth");
            then.status(200).json_body(json!({}));
        })
        .await
}

/// `POST /auth` answering `status` with `body`, after `delay`.
async fn auth(
    server: &MockServer,
    status: u16,
    body: serde_json::Value,
    delay: Duration,
) -> Mock<'_> {
    server
        .mock_async(|when, then| {
            when.method(POST).path("/auth");
            then.status(status).delay(delay).json_body(body);
        })
        .await
}

async fn storm(client: &MmApiClient) -> Vec<Result<(), Error>> {
    let tasks: Vec<_> = (0..CALLS)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_shipment(uuid::Uuid::nil()).await.map(|_| ()) })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task panicked"));
    }
    results
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_refused_token_request_is_made_once_for_a_storm_of_calls() {
    let server = MockServer::start_async().await;
    let token = auth(
        &server,
        401,
        json!({"error": "invalid_client"}),
        Duration::ZERO,
    )
    .await;
    let api = api(&server).await;
    // Remembered long enough for any machine to start 100 calls within it (default 5 s).
    let creds = credentials().with_refusal_memory(Duration::from_secs(600));
    let c = client(&server, creds, Timeouts::default());
    for result in storm(&c).await {
        let error = result.expect_err("refused");
        assert!(matches!(error, Error::Api(_)), "{error:?}");
        assert_eq!(error.status(), Some(401));
        assert!(!error.is_retryable());
        assert!(!format!("{error:?} {error}").contains("sup3r-secret"));
    }
    let token_requests = token.calls_async().await;
    println!("401: {CALLS} concurrent calls made {token_requests} token request(s)");
    assert!(token_requests <= 2, "{token_requests}");
    api.assert_calls_async(0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failing_token_endpoint_is_asked_a_bounded_number_of_times() {
    let server = MockServer::start_async().await;
    let token = auth(&server, 500, json!({"message": "down"}), Duration::ZERO).await;
    let api = api(&server).await;
    let c = client(&server, credentials(), Timeouts::default());
    for result in storm(&c).await {
        assert_eq!(result.expect_err("failed").status(), Some(500));
    }
    // One token fetch (three attempts) shared by the calls waiting for it; a call starting
    // after it failed asks again. Before: three requests per call (300).
    let token_requests = token.calls_async().await;
    println!("500: {CALLS} concurrent calls made {token_requests} token request(s)");
    assert!(token_requests <= 30, "{token_requests}");
    api.assert_calls_async(0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hanging_token_endpoint_fails_every_call_within_its_overall_timeout() {
    let server = MockServer::start_async().await;
    let token = auth(
        &server,
        200,
        json!({"access_token": "t", "expires_in": 3600}),
        Duration::from_secs(60),
    )
    .await;
    let api = api(&server).await;
    let timeouts = Timeouts::default()
        .with_per_attempt(Duration::from_secs(60))
        .with_overall(Duration::from_millis(300));
    let c = client(&server, credentials(), timeouts);
    let started = Instant::now();
    for result in storm(&c).await {
        let error = result.expect_err("timed out");
        assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
        assert!(!error.may_have_reached_server());
    }
    let elapsed = started.elapsed();
    let token_requests = token.calls_async().await;
    println!(
        "hang: {CALLS} concurrent calls made {token_requests} token request(s) in {elapsed:?}"
    );
    assert!(token_requests <= 1, "{token_requests}");
    // Generous bound: one call after another would take 100 x 300 ms.
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    api.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_ten_second_token_is_reused() {
    let server = MockServer::start_async().await;
    let token = auth(
        &server,
        200,
        json!({"access_token": "t", "expires_in": 10}),
        Duration::ZERO,
    )
    .await;
    let api = api(&server).await;
    let c = client(&server, credentials(), Timeouts::default());
    for _ in 0..5 {
        c.get_shipment(uuid::Uuid::nil()).await.expect("answer");
    }
    // Refreshed a tenth of its lifetime (1 s) before it expires; before, with a fixed 30 s
    // margin, every call fetched a token.
    token.assert_calls_async(1).await;
    api.assert_calls_async(5).await;
}
