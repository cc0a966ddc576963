//! Bearer tokens under load: 100 concurrent calls against a token endpoint that refuses,
//! fails or hangs make a bounded number of token requests, and every call fails typed and
//! within its overall timeout.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use metapack_core::__private::progenitor_client;
use metapack_core::credentials::TokenFuture;
use metapack_core::{
    ApiError, Credentials, Delivery, Error, RetryPolicy, Runtime, Secret, Timeouts, Token,
    TokenProvider, TokenSource,
};
use metapack_testkit::{Reply, ScriptedServer as Server, json, refused_addr};

const CALLS: usize = 100;

/// A client-credentials style token endpoint client: `POST {url}` through its own runtime
/// (retry-safe, three attempts), an error answer as `Error::Api`.
struct Endpoint {
    url: String,
    runtime: Runtime,
    http: reqwest::Client,
}

impl Endpoint {
    fn new(url: String) -> Self {
        let (runtime, http) = Runtime::builder("metapack-test-auth", "9.9.9")
            .retry_policy(
                RetryPolicy::default()
                    .with_max_attempts(3)
                    .with_base_delay(Duration::from_millis(1))
                    .with_max_delay(Duration::from_millis(5)),
            )
            .retry_safe_operations(&["token"])
            .build()
            .expect("runtime");
        Self { url, runtime, http }
    }

    async fn exchange(&self) -> Result<Token, Error> {
        let request = self.http.post(&self.url).build()?;
        let mut response = self.runtime.execute(&self.http, request, "token").await?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let body = response.bytes().await?;
        if status != 200 {
            return Err(ApiError::from_parts(status, &headers, &body).into());
        }
        Ok(Token {
            value: Secret::new("tok"),
            expires_in: Some(Duration::from_secs(3600)),
        })
    }
}

impl TokenSource for Endpoint {
    fn fetch(&self) -> TokenFuture<'_> {
        Box::pin(self.exchange())
    }
}

fn api_runtime(credentials: Credentials, timeouts: Timeouts) -> (Runtime, reqwest::Client) {
    Runtime::builder("metapack-test", "9.9.9")
        .credentials(credentials)
        .retry_policy(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
        .timeouts(timeouts)
        .build()
        .expect("runtime")
}

/// `CALLS` concurrent GETs of `url`, each converted to the typed error as generated clients
/// do (progenitor's `CommunicationError`, then [`metapack_core::finish`]).
async fn storm(runtime: &Runtime, http: &reqwest::Client, url: &str) -> Vec<Error> {
    let tasks: Vec<_> = (0..CALLS)
        .map(|_| {
            let (runtime, http) = (runtime.clone(), http.clone());
            let request = http.get(url).build().expect("request");
            tokio::spawn(async move {
                let outcome = runtime.execute(&http, request, "getThings").await;
                let result: Result<progenitor_client::ResponseValue<serde_json::Value>, _> =
                    match outcome {
                        Ok(response) => Err(progenitor_client::Error::<
                            progenitor_client::ByteStream,
                        >::UnexpectedResponse(response)),
                        Err(e) => Err(e.into()),
                    };
                metapack_core::finish(result)
                    .await
                    .expect_err("no token, no answer")
            })
        })
        .collect();
    let mut errors = Vec::new();
    for task in tasks {
        errors.push(task.await.expect("task panicked"));
    }
    errors
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_refusing_token_endpoint_is_asked_once_and_the_refusal_is_typed() {
    let auth = Server::start(vec![json(
        401,
        r#"{"errorCode":"INVALID_CLIENT","message":"invalid_client"}"#,
    )])
    .await;
    let api = Server::start(vec![json(200, "{}")]).await;
    let provider = TokenProvider::new(Endpoint::new(auth.url("/auth")))
        // Long enough for any machine to start 100 calls within it.
        .with_refusal_memory(Duration::from_secs(600));
    let (runtime, http) = api_runtime(Credentials::bearer(provider), Timeouts::default());
    for error in storm(&runtime, &http, &api.url("/things")).await {
        assert!(matches!(error, Error::Api(_)), "{error:?}");
        assert_eq!(error.status(), Some(401));
        assert_eq!(
            error.code().map(ToString::to_string).as_deref(),
            Some("INVALID_CLIENT")
        );
        assert!(!error.is_retryable(), "{error:?}");
    }
    let token_requests = auth.hits().len();
    println!("401: {CALLS} concurrent calls made {token_requests} token request(s)");
    assert!(token_requests <= 2, "{token_requests} token requests");
    assert!(api.hits().is_empty(), "nothing sent without a token");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failing_token_endpoint_is_asked_a_bounded_number_of_times() {
    let auth = Server::start(vec![json(503, r#"{"message":"down"}"#)]).await;
    let api = Server::start(vec![json(200, "{}")]).await;
    let provider = TokenProvider::new(Endpoint::new(auth.url("/auth")));
    let (runtime, http) = api_runtime(Credentials::bearer(provider), Timeouts::default());
    for error in storm(&runtime, &http, &api.url("/things")).await {
        assert_eq!(error.status(), Some(503), "{error:?}");
    }
    // One fetch (three attempts) is shared by the calls waiting for it; a call that starts
    // after a failure asks again, so the count depends on scheduling, but stays far below
    // one fetch per call (300 requests before).
    let token_requests = auth.hits().len();
    println!("503: {CALLS} concurrent calls made {token_requests} token request(s)");
    assert!(token_requests <= 30, "{token_requests} token requests");
    assert!(api.hits().is_empty());
}

struct Hanging(Arc<AtomicUsize>);

impl TokenSource for Hanging {
    fn fetch(&self) -> TokenFuture<'_> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(std::future::pending())
    }
}

#[tokio::test(start_paused = true)]
async fn a_hanging_token_fetch_fails_every_call_within_its_overall_timeout() {
    let fetches = Arc::new(AtomicUsize::new(0));
    let provider = TokenProvider::new(Hanging(fetches.clone()));
    let overall = Duration::from_secs(1);
    let (runtime, http) = api_runtime(
        Credentials::bearer(provider),
        Timeouts::default().with_overall(overall),
    );
    let url = format!("http://{}/things", refused_addr().await);
    let started = tokio::time::Instant::now();
    for error in storm(&runtime, &http, &url).await {
        assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
        assert_eq!(error.delivery(), Delivery::NotSent);
        assert!(error.is_retryable());
        assert_eq!(
            error.request().map(|r| r.operation_id.as_str()),
            Some("getThings")
        );
    }
    let elapsed = started.elapsed();
    println!(
        "hang: {CALLS} concurrent calls made {} fetch(es), the last failed after {elapsed:?}",
        fetches.load(Ordering::SeqCst)
    );
    assert!(elapsed <= overall, "{elapsed:?}");
    assert_eq!(fetches.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_hanging_token_endpoint_fails_the_call_within_its_overall_timeout() {
    // Over the network: the endpoint never answers; the endpoint's own runtime has the
    // default timeouts (30 s and more), the call 300 ms.
    let auth = Server::start(vec![Reply::Hang]).await;
    let provider = TokenProvider::new(Endpoint::new(auth.url("/auth")));
    let (runtime, http) = api_runtime(
        Credentials::bearer(provider),
        Timeouts::default().with_overall(Duration::from_millis(300)),
    );
    let url = format!("http://{}/things", refused_addr().await);
    let started = std::time::Instant::now();
    let errors = storm(&runtime, &http, &url).await;
    let elapsed = started.elapsed();
    for error in errors {
        assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    }
    println!(
        "hang: {CALLS} concurrent calls made {} token request(s) in {elapsed:?}",
        auth.hits().len()
    );
    assert!(auth.hits().len() <= 1);
    // Generous: the endpoint's own timeouts would take 30 s and more.
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}
