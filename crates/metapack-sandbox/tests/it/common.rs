//! Shared helpers of the sandbox integration tests.

/// An HTTP client for talking to the sandbox over loopback.
pub fn http() -> reqwest::Client {
    metapack_core::tls::http_client().expect("an HTTP client")
}

/// `POST {mm-api}/auth` (the client credentials grant) with `id` and `secret`.
pub async fn mm_token_request(
    http: &reqwest::Client,
    sandbox: &metapack_sandbox::Sandbox,
    id: &str,
    secret: &str,
) -> reqwest::Response {
    http.post(format!("{}/auth", sandbox.mm_api().url()))
        .basic_auth(id, Some(secret))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .expect("sent")
}

/// `POST {mm-api}/auth` with the sandbox's own client credentials.
pub async fn mm_token(
    http: &reqwest::Client,
    sandbox: &metapack_sandbox::Sandbox,
) -> reqwest::Response {
    let (id, secret) = sandbox.mm_api().client_credentials();
    mm_token_request(http, sandbox, id, secret).await
}

/// A bearer token of the sandbox's MM-API, for its own client credentials (asserting that
/// `/auth` answered 200).
pub async fn mm_bearer(http: &reqwest::Client, sandbox: &metapack_sandbox::Sandbox) -> String {
    let response = mm_token(http, sandbox).await;
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let body: serde_json::Value = response.json().await.expect("json");
    body["access_token"].as_str().expect("token").to_owned()
}

/// Asserts a Metapack error answer (Shipping, Tracking) with this status and `errorCode`: JSON,
/// with a non-empty `systemMessage` and an RFC 3339 `timestamp`. Returns the body, for each
/// API's own checks of its trace id.
pub async fn error_body(
    response: reqwest::Response,
    status: reqwest::StatusCode,
    code: &str,
) -> serde_json::Value {
    assert_eq!(response.status(), status);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok());
    assert_eq!(content_type, Some("application/json"));
    let body: serde_json::Value = response.json().await.expect("a JSON error body");
    assert_eq!(body["errorCode"], code, "{body}");
    assert!(
        body["systemMessage"]
            .as_str()
            .is_some_and(|s| !s.is_empty()),
        "{body}"
    );
    let timestamp = body["timestamp"].as_str().expect("timestamp");
    chrono::DateTime::parse_from_rfc3339(timestamp).expect("timestamp is RFC 3339");
    body
}
