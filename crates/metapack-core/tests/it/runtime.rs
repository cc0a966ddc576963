//! The retry loop, authorization and User-Agent against a loopback server.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::common::retries::fast_retries;
use metapack_core::credentials::TokenFuture;
use metapack_core::{
    Credentials, RetryPolicy, Runtime, Secret, Timeouts, Token, TokenProvider, TokenSource,
};
use metapack_testkit::{Reply, ScriptedServer as Server, refused_addr as free_port, status};
use reqwest::Method;

fn runtime(
    credentials: Credentials,
    retry: RetryPolicy,
    timeouts: Timeouts,
) -> (Runtime, reqwest::Client) {
    Runtime::builder("metapack-test", "9.9.9")
        .credentials(credentials)
        .retry_policy(retry)
        .timeouts(timeouts)
        .retry_safe_operations(&["searchThings"])
        .user_agent_suffix("my-shop/1.0")
        .build()
        .expect("runtime")
}

fn request(http: &reqwest::Client, method: Method, url: &str) -> reqwest::Request {
    http.request(method, url)
        .body("{}")
        .build()
        .expect("request")
}

#[tokio::test]
async fn retries_503_until_success() {
    let server = Server::start(vec![status(503), status(503), status(200)]).await;
    let (rt, http) = runtime(Credentials::None, fast_retries(3), Timeouts::default());
    let req = request(&http, Method::GET, &server.url("/things"));
    let resp = rt.execute(&http, req, "getThings").await.expect("response");
    assert_eq!(resp.status(), 200);
    assert_eq!(server.hits().len(), 3);
}

#[tokio::test]
async fn exhausted_budget_returns_last_response() {
    let server = Server::start(vec![status(503)]).await;
    let (rt, http) = runtime(Credentials::None, fast_retries(3), Timeouts::default());
    let req = request(&http, Method::PUT, &server.url("/things"));
    let resp = rt.execute(&http, req, "putThing").await.expect("response");
    assert_eq!(resp.status(), 503);
    let hits = server.hits();
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h.method == "PUT" && h.body == b"{}"));
}

#[tokio::test]
async fn post_and_patch_are_not_retried_after_429_or_503_unless_opted_in() {
    let (rt, http) = runtime(Credentials::None, fast_retries(3), Timeouts::default());
    for (method, code) in [
        (Method::POST, 429),
        (Method::POST, 503),
        (Method::PATCH, 503),
    ] {
        let server = Server::start(vec![status(code), status(200)]).await;
        let req = request(&http, method.clone(), &server.url("/a"));
        let resp = rt
            .execute(&http, req, "createThing")
            .await
            .expect("response");
        assert_eq!(resp.status(), code, "{method} {code}");
        assert_eq!(server.hits().len(), 1, "{method} {code}");

        let server = Server::start(vec![status(code), status(200)]).await;
        let req = request(&http, method.clone(), &server.url("/a"));
        let resp = rt
            .with_retry_unsafe()
            .execute(&http, req, "createThing")
            .await
            .expect("response");
        assert_eq!(resp.status(), 200, "{method} {code} opted in");
        assert_eq!(server.hits().len(), 2);
    }
}

#[tokio::test]
async fn post_502_is_not_retried_unless_opted_in() {
    let server = Server::start(vec![status(502), status(200)]).await;
    let (rt, http) = runtime(Credentials::None, fast_retries(3), Timeouts::default());

    let resp = rt
        .execute(
            &http,
            request(&http, Method::POST, &server.url("/a")),
            "createThing",
        )
        .await
        .expect("response");
    assert_eq!(resp.status(), 502);
    assert_eq!(server.hits().len(), 1);

    // Listed in retry_safe_operations: retried like a PUT.
    let server = Server::start(vec![status(502), status(200)]).await;
    let resp = rt
        .execute(
            &http,
            request(&http, Method::POST, &server.url("/a")),
            "searchThings",
        )
        .await
        .expect("response");
    assert_eq!(resp.status(), 200);
    assert_eq!(server.hits().len(), 2);
}

#[tokio::test]
async fn post_timed_out_after_sending_is_sent_once() {
    let server = Server::start(vec![Reply::Hang]).await;
    let timeouts = Timeouts::default().with_per_attempt(Duration::from_millis(200));
    let (rt, http) = runtime(Credentials::None, fast_retries(3), timeouts);
    let req = request(&http, Method::POST, &server.url("/things"));
    let err = rt
        .execute(&http, req, "createThing")
        .await
        .expect_err("timeout");
    assert!(err.is_timeout(), "{err:?}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(server.hits().len(), 1);
}

#[tokio::test]
async fn post_timed_out_is_retried_when_opted_in() {
    let server = Server::start(vec![Reply::Hang, status(201)]).await;
    let timeouts = Timeouts::default().with_per_attempt(Duration::from_millis(200));
    let (rt, http) = runtime(Credentials::None, fast_retries(3), timeouts);
    let req = request(&http, Method::POST, &server.url("/things"));
    let resp = rt
        .with_retry_unsafe()
        .execute(&http, req, "createThing")
        .await
        .expect("response");
    assert_eq!(resp.status(), 201);
    assert_eq!(server.hits().len(), 2);
}

#[tokio::test]
async fn get_timed_out_is_retried() {
    let server = Server::start(vec![Reply::Hang, status(200)]).await;
    let timeouts = Timeouts::default().with_per_attempt(Duration::from_millis(200));
    let (rt, http) = runtime(Credentials::None, fast_retries(2), timeouts);
    let req = request(&http, Method::GET, &server.url("/things"));
    let resp = rt.execute(&http, req, "getThings").await.expect("response");
    assert_eq!(resp.status(), 200);
    assert_eq!(server.hits().len(), 2);
}

#[tokio::test]
async fn connect_refused_post_is_retried() {
    // Nothing listens on the port at first; a server appears after 150 ms.
    let addr = free_port().await;
    let late = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let listener = tokio::net::TcpListener::bind(addr).await.expect("rebind");
        Server::serve(listener, vec![status(201)])
    });
    let retry = RetryPolicy::default()
        .with_max_attempts(1000)
        .with_base_delay(Duration::from_millis(20))
        .with_max_delay(Duration::from_millis(20));
    let (rt, http) = runtime(Credentials::None, retry, Timeouts::default());
    let req = request(&http, Method::POST, &format!("http://{addr}/things"));
    let resp = rt
        .execute(&http, req, "createThing")
        .await
        .expect("response");
    assert_eq!(resp.status(), 201);
    let server = late.await.expect("server task");
    assert_eq!(
        server.hits().len(),
        1,
        "only the attempt that connected reached a server"
    );
}

#[tokio::test]
async fn connect_refused_without_retries_is_a_connect_error() {
    let addr = free_port().await;
    let (rt, http) = runtime(
        Credentials::None,
        RetryPolicy::disabled(),
        Timeouts::default(),
    );
    let req = request(&http, Method::POST, &format!("http://{addr}/x"));
    let err = rt
        .execute(&http, req, "createThing")
        .await
        .expect_err("refused");
    assert!(err.is_connect(), "{err:?}");
}

#[tokio::test]
async fn retry_after_is_obeyed() {
    let server = Server::start(vec![
        Reply::Respond(503, vec![("Retry-After", "1")], ""),
        status(200),
    ])
    .await;
    let (rt, http) = runtime(
        Credentials::None,
        RetryPolicy::default(),
        Timeouts::default(),
    );
    let req = request(&http, Method::PUT, &server.url("/things"));
    let resp = rt.execute(&http, req, "putThing").await.expect("response");
    assert_eq!(resp.status(), 200);
    let hits = server.hits();
    assert_eq!(hits.len(), 2);
    let gap = hits[1].at - hits[0].at;
    assert!(gap >= Duration::from_millis(950), "gap {gap:?}");
}

#[tokio::test]
async fn retry_after_is_clamped_to_max_delay() {
    let server = Server::start(vec![
        Reply::Respond(429, vec![("Retry-After", "120")], ""),
        status(200),
    ])
    .await;
    let (rt, http) = runtime(Credentials::None, fast_retries(2), Timeouts::default());
    let started = Instant::now();
    let req = request(&http, Method::GET, &server.url("/things"));
    let resp = rt.execute(&http, req, "getThings").await.expect("response");
    assert_eq!(resp.status(), 200);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn overall_deadline_stops_retries() {
    // The backoff (Retry-After: 1 s) would end after the 300 ms deadline.
    let server = Server::start(vec![Reply::Respond(503, vec![("Retry-After", "1")], "")]).await;
    let timeouts = Timeouts::default().with_overall(Duration::from_millis(300));
    let (rt, http) = runtime(Credentials::None, RetryPolicy::default(), timeouts);
    let started = Instant::now();
    let req = request(&http, Method::GET, &server.url("/things"));
    let resp = rt.execute(&http, req, "getThings").await.expect("response");
    assert_eq!(resp.status(), 503);
    assert_eq!(server.hits().len(), 1);
    assert!(started.elapsed() < Duration::from_millis(900));
}

#[tokio::test]
async fn overall_deadline_bounds_a_hanging_attempt() {
    let server = Server::start(vec![Reply::Hang]).await;
    let timeouts = Timeouts::default().with_overall(Duration::from_millis(300));
    let (rt, http) = runtime(Credentials::None, fast_retries(5), timeouts);
    let started = Instant::now();
    let req = request(&http, Method::GET, &server.url("/things"));
    let err = rt
        .execute(&http, req, "getThings")
        .await
        .expect_err("timeout");
    assert!(err.is_timeout(), "{err:?}");
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(280) && elapsed < Duration::from_secs(1),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn non_replayable_body_is_never_retried() {
    let source = Server::start(vec![Reply::Respond(200, Vec::new(), "streamed body")]).await;
    let server = Server::start(vec![status(503), status(200)]).await;
    let (rt, http) = runtime(Credentials::None, fast_retries(3), Timeouts::default());
    let stream = http
        .get(source.url("/"))
        .send()
        .await
        .expect("source")
        .bytes_stream();
    let req = http
        .put(server.url("/upload"))
        .body(reqwest::Body::wrap_stream(stream))
        .build()
        .expect("request");
    assert!(req.try_clone().is_none());
    let resp = rt.execute(&http, req, "upload").await.expect("response");
    assert_eq!(resp.status(), 503);
    assert_eq!(server.hits().len(), 1);
}

struct CountingSource(Arc<AtomicUsize>);

impl TokenSource for CountingSource {
    fn fetch(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(Token {
                value: Secret::new(format!("token-{n}")),
                expires_in: Some(Duration::from_secs(3600)),
            })
        })
    }
}

fn bearer() -> (Credentials, Arc<AtomicUsize>) {
    let fetches = Arc::new(AtomicUsize::new(0));
    let provider = TokenProvider::new(CountingSource(fetches.clone()));
    (Credentials::bearer(provider), fetches)
}

#[tokio::test]
async fn bearer_401_refreshes_token_and_retries_once() {
    let server = Server::start(vec![status(401), status(200)]).await;
    let (creds, fetches) = bearer();
    // Retries disabled: the refresh retry is not a backoff attempt.
    let (rt, http) = runtime(creds, RetryPolicy::disabled(), Timeouts::default());
    let mut req = request(&http, Method::POST, &server.url("/things"));
    rt.authorize(&mut req).await.expect("authorize");
    let resp = rt
        .execute(&http, req, "createThing")
        .await
        .expect("response");
    assert_eq!(resp.status(), 200);
    let hits = server.hits();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].header("authorization"), Some("Bearer token-1"));
    assert_eq!(hits[1].header("authorization"), Some("Bearer token-2"));
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn bearer_401_refresh_never_loops() {
    let server = Server::start(vec![status(401)]).await;
    let (creds, fetches) = bearer();
    let (rt, http) = runtime(creds, fast_retries(3), Timeouts::default());
    let mut req = request(&http, Method::GET, &server.url("/things"));
    rt.authorize(&mut req).await.expect("authorize");
    let resp = rt.execute(&http, req, "getThings").await.expect("response");
    assert_eq!(resp.status(), 401);
    assert_eq!(server.hits().len(), 2);
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn basic_401_is_not_retried() {
    let server = Server::start(vec![status(401), status(200)]).await;
    let (rt, http) = runtime(
        Credentials::basic("u", "p"),
        fast_retries(3),
        Timeouts::default(),
    );
    let mut req = request(&http, Method::GET, &server.url("/things"));
    rt.authorize(&mut req).await.expect("authorize");
    let resp = rt.execute(&http, req, "getThings").await.expect("response");
    assert_eq!(resp.status(), 401);
    assert_eq!(server.hits().len(), 1);
}

#[tokio::test]
async fn user_agent_header() {
    let server = Server::start(vec![status(200)]).await;
    let (rt, http) = runtime(Credentials::None, fast_retries(1), Timeouts::default());
    let expected = format!(
        "metapack-rs/{} metapack-test/9.9.9 my-shop/1.0",
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(rt.user_agent(), expected);
    let req = request(&http, Method::GET, &server.url("/"));
    rt.execute(&http, req, "get").await.expect("response");
    assert_eq!(
        server.hits()[0].header("user-agent"),
        Some(expected.as_str())
    );
}

#[tokio::test]
async fn authorize_applies_each_credential_kind() {
    let url = "http://127.0.0.1:9/things?page=2";

    let (rt, http) = runtime(
        Credentials::basic("alice", "open sesame"),
        fast_retries(1),
        Timeouts::default(),
    );
    let mut req = request(&http, Method::GET, url);
    rt.authorize(&mut req).await.expect("basic");
    let value = req.headers().get("authorization").expect("header");
    assert_eq!(
        value.to_str().expect("ascii"),
        "Basic YWxpY2U6b3BlbiBzZXNhbWU="
    );
    assert!(value.is_sensitive());

    let (rt, http) = runtime(
        Credentials::bearer(TokenProvider::new(metapack_core::StaticToken::new("tok"))),
        fast_retries(1),
        Timeouts::default(),
    );
    let mut req = request(&http, Method::GET, url);
    rt.authorize(&mut req).await.expect("bearer");
    let value = req.headers().get("authorization").expect("header");
    assert_eq!(value.to_str().expect("ascii"), "Bearer tok");
    assert!(value.is_sensitive());

    let (rt, http) = runtime(
        Credentials::api_key("k&y=1"),
        fast_retries(1),
        Timeouts::default(),
    );
    let mut req = request(&http, Method::GET, url);
    rt.authorize(&mut req).await.expect("api key");
    rt.authorize(&mut req).await.expect("idempotent");
    assert_eq!(req.url().query(), Some("page=2&key=k%26y%3D1"));
    assert!(req.headers().get("authorization").is_none());

    let (rt, http) = runtime(Credentials::None, fast_retries(1), Timeouts::default());
    let mut req = request(&http, Method::GET, url);
    rt.authorize(&mut req).await.expect("none");
    assert!(req.headers().get("authorization").is_none());
    assert_eq!(req.url().query(), Some("page=2"));
}

#[tokio::test]
async fn runtime_debug_redacts_credentials() {
    let provider = TokenProvider::new(metapack_core::StaticToken::new("tok-SECRET"));
    for creds in [
        Credentials::basic("alice", "pw-SECRET"),
        Credentials::api_key("key-SECRET"),
        Credentials::bearer(provider),
    ] {
        let (rt, _) = runtime(creds, RetryPolicy::default(), Timeouts::default());
        let dbg = format!("{rt:?} {:?}", rt.with_retry_unsafe());
        assert!(!dbg.contains("SECRET"), "{dbg}");
        assert!(dbg.contains("metapack-test"));
    }
}

#[tokio::test]
async fn getters_reflect_configuration() {
    let timeouts = Timeouts::default().with_connect(Duration::from_secs(1));
    let (rt, _) = runtime(Credentials::None, fast_retries(7), timeouts.clone());
    assert_eq!(rt.api_name(), "metapack-test");
    assert_eq!(rt.retry_policy().max_attempts(), 7);
    assert_eq!(rt.timeouts(), &timeouts);
}

#[tokio::test]
async fn futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let (rt, http) = runtime(Credentials::None, fast_retries(1), Timeouts::default());
    let mut req = request(&http, Method::GET, "http://127.0.0.1:9/");
    assert_send(&rt.authorize(&mut req));
    assert_send(&rt.execute(&http, req, "op"));
    let result: Result<
        progenitor_client::ResponseValue<u8>,
        progenitor_client::Error<progenitor_client::ByteStream>,
    > = Err(progenitor_client::Error::Custom("x".into()));
    assert_send(&metapack_core::finish(result));
}

#[test]
fn a_basic_username_with_a_colon_is_refused_by_every_runtime() {
    let err = Runtime::builder("metapack-test", "0.0.0")
        .credentials(Credentials::basic("a:b", "pw"))
        .build()
        .unwrap_err();
    assert!(
        matches!(err, metapack_core::Error::InvalidRequest { field: Some(ref f), .. } if f == "username"),
        "{err:?}"
    );
}
