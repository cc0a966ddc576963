//! A caller's own `reqwest::Client` is the one requests go through, with the runtime's
//! User-Agent, credentials and retries still applied.

use std::time::Duration;

use metapack_core::{Credentials, RetryPolicy, Runtime, tls};
use metapack_testkit::{ScriptedServer as Server, status};
use reqwest::header::{HeaderMap, HeaderValue};

#[tokio::test]
async fn requests_go_through_the_callers_client() {
    let server = Server::start(vec![status(503), status(200)]).await;
    let mut headers = HeaderMap::new();
    headers.insert("x-proxy-tag", HeaderValue::from_static("corporate"));
    let own = tls::http_client_builder()
        .expect("TLS configuration")
        .default_headers(headers)
        .build()
        .expect("a client");
    let (runtime, http) = Runtime::builder("metapack-test", "9.9.9")
        .credentials(Credentials::basic("user", "s3cret"))
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(2)
                .with_base_delay(Duration::from_millis(1))
                .with_max_delay(Duration::from_millis(2)),
        )
        .user_agent_suffix("my-shop/1.0")
        .http_client(own)
        .build()
        .expect("a runtime");
    let mut request = http.get(server.url("/things")).build().expect("request");
    runtime.authorize(&mut request).await.expect("authorized");
    let response = runtime
        .execute(&http, request, "getThings")
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);

    let hits = server.hits();
    assert_eq!(hits.len(), 2, "retried through the same client");
    for hit in &hits {
        assert_eq!(
            hit.header("x-proxy-tag"),
            Some("corporate"),
            "the caller's client"
        );
        let agent = hit.header("user-agent").expect("a User-Agent");
        assert!(
            agent.contains("metapack-test/9.9.9") && agent.ends_with("my-shop/1.0"),
            "the runtime's User-Agent, got {agent}"
        );
        assert!(hit.header("authorization").is_some(), "credentials applied");
    }
}

#[tokio::test]
async fn the_default_client_sends_the_runtime_user_agent() {
    let server = Server::start(vec![status(200)]).await;
    let (runtime, http) = Runtime::builder("metapack-test", "9.9.9")
        .build()
        .expect("a runtime");
    let request = http.get(server.url("/")).build().expect("request");
    runtime
        .execute(&http, request, "get")
        .await
        .expect("answer");
    let hits = server.hits();
    assert_eq!(hits[0].header("x-proxy-tag"), None);
    assert!(
        hits[0]
            .header("user-agent")
            .is_some_and(|a| a.contains("metapack-test/9.9.9"))
    );
}
