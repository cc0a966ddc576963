//! The sandbox's own routes over loopback HTTP: fault injection, the request log, the index
//! and the MM-API shipments of the control API.

use crate::common::{http, mm_token};
use std::time::{Duration, Instant};

use metapack_sandbox::{
    DEFAULT_DELIVERY_OPTIONS_KEY, Fault, Faults, MM_API_SEEDED_SHIPMENTS, REDACTED, Sandbox,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

const MM_V0: &str = "application/vnd.metapack.mm.v0+json";

async fn start_with(faults: &str, seed: u64) -> Sandbox {
    Sandbox::builder()
        .faults(faults.parse().expect("faults parse"))
        .seed(seed)
        .start()
        .await
        .expect("sandbox starts")
}

/// `GET {tracking}/parcel-journeys?trackingIdentifier=...` with the right credentials.
fn journeys(http: &reqwest::Client, sandbox: &Sandbox, tracking: &str) -> reqwest::RequestBuilder {
    let (username, password) = sandbox.tracking().credentials();
    http.get(format!("{}/parcel-journeys", sandbox.tracking().url()))
        .query(&[("trackingIdentifier", tracking)])
        .basic_auth(username, Some(password))
}

/// `PUT {tracking}/delivery-legs` of a leg with this tracking number.
fn upsert_leg(
    http: &reqwest::Client,
    sandbox: &Sandbox,
    tracking: &str,
) -> reqwest::RequestBuilder {
    let (username, password) = sandbox.tracking().credentials();
    http.post(format!("{}/delivery-legs", sandbox.tracking().url()))
        .basic_auth(username, Some(password))
        .json(&json!({"trackingIdentifier": tracking, "deliveryRef": "DELIVERY-1"}))
}

async fn control(
    http: &reqwest::Client,
    sandbox: &Sandbox,
    method: reqwest::Method,
    path: &str,
    body: Option<&str>,
) -> (StatusCode, Value) {
    let mut request = http.request(method, format!("{}{path}", sandbox.base_url()));
    if let Some(body) = body {
        request = request.body(body.to_owned());
    }
    let response = request.send().await.expect("sent");
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_reset_processes_the_request_and_loses_the_answer() {
    let sandbox = start_with("reset:1", 1).await;
    let http = http();
    let error = upsert_leg(&http, &sandbox, "JD0000001")
        .send()
        .await
        .expect_err("the connection is dropped without an answer");
    assert!(
        error.status().is_none(),
        "no status reached the client: {error:?}"
    );

    // The leg was stored all the same.
    sandbox.set_faults(Faults::none(), None);
    let found: Vec<Value> = journeys(&http, &sandbox, "JD0000001")
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(found.len(), 1, "{found:?}");

    let log = sandbox.requests();
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0].method, "POST");
    assert_eq!(log[0].path, "/tracking/v1/delivery-legs");
    assert_eq!(log[0].fault, Some(Fault::Reset));
    assert!(log[0].processed);
    assert_eq!(log[0].status, 204);
    assert_eq!(log[1].fault, None);
    assert_eq!(log[1].api.as_deref(), Some("tracking"));
}

#[tokio::test]
async fn injected_statuses_speak_each_apis_error_body_and_process_nothing() {
    let sandbox = start_with("503:1", 2).await;
    let http = http();

    // Tracking: traceId, PS-0503, Retry-After; the leg is not stored.
    let response = upsert_leg(&http, &sandbox, "JD0000002")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "1");
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["errorCode"], "PS-0503", "{body}");
    assert!(
        body["traceId"].is_string() && body["systemMessage"].is_string(),
        "{body}"
    );

    // Shipping spells traceID.
    let (username, password) = sandbox.shipping().credentials();
    let response = http
        .get(format!("{}/consignments", sandbox.shipping().url()))
        .query(&[("orderReference", "X")])
        .basic_auth(username, Some(password))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = response.json().await.expect("json");
    assert!(
        body["traceID"].is_string() && body.get("traceId").is_none(),
        "{body}"
    );

    // Delivery Options: message, errorCode, traceId only.
    let response = http
        .get(format!("{}/find", sandbox.delivery_options().url()))
        .query(&[("key", DEFAULT_DELIVERY_OPTIONS_KEY)])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = response.json().await.expect("json");
    let mut fields: Vec<&str> = body
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["errorCode", "message", "traceId"], "{body}");

    // The MM-API: Appendix C's O-INT-1000 for a 503; its token route is spared.
    let token = mm_token(&http, &sandbox).await;
    assert_eq!(token.status(), StatusCode::OK);
    let token: Value = token.json().await.expect("json");
    let response = http
        .get(format!(
            "{}/shipments/{}",
            sandbox.mm_api().url(),
            MM_API_SEEDED_SHIPMENTS[0]
        ))
        .bearer_auth(token["access_token"].as_str().expect("token"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["code"], "O-INT-1000", "{body}");
    assert_eq!(body["httpStatus"], "503", "{body}");

    // Nothing was processed; the token request was not drawn for.
    sandbox.set_faults(Faults::none(), None);
    let found: Vec<Value> = journeys(&http, &sandbox, "JD0000002")
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert!(found.is_empty(), "{found:?}");
    let log = sandbox.requests();
    let faulted: Vec<(&str, bool, Option<Fault>)> = log
        .iter()
        .map(|r| (r.api.as_deref().unwrap_or(""), r.processed, r.fault))
        .collect();
    let hit = Some(Fault::Status(503));
    assert_eq!(
        faulted,
        [
            ("tracking", false, hit),
            ("shipping", false, hit),
            ("delivery-options", false, hit),
            ("mm-api", true, None),
            ("mm-api", false, hit),
            ("tracking", true, None),
        ]
    );
}

#[tokio::test]
async fn rate_limits_and_the_token_route_when_asked() {
    let sandbox = start_with("429:1,auth,retry-after=7s", 3).await;
    let http = http();
    let response = mm_token(&http, &sandbox).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "7");
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["httpStatus"], "429", "{body}");
}

#[tokio::test]
async fn a_delay_answers_late() {
    let sandbox = start_with("delay=300ms:1", 4).await;
    let http = http();
    let started = Instant::now();
    let response = journeys(&http, &sandbox, "JD0000003")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    let log = sandbox.requests();
    assert_eq!(log[0].fault, Some(Fault::Delay(Duration::from_millis(300))));
    assert!(log[0].processed);
}

#[tokio::test]
async fn control_routes_and_the_index_never_get_faults_nor_enter_the_log() {
    let sandbox = start_with("503:1", 5).await;
    let http = http();
    for path in ["/", "/_sandbox/faults", "/_sandbox/requests"] {
        let (status, _) = control(&http, &sandbox, reqwest::Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }
    assert!(sandbox.requests().is_empty());
    // A path outside every API is logged but gets no fault.
    let (status, _) = control(&http, &sandbox, reqwest::Method::GET, "/nowhere", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let log = sandbox.requests();
    assert_eq!(
        (log.len(), log[0].fault, log[0].api.clone()),
        (1, None, None)
    );
}

#[tokio::test]
async fn faults_are_set_shown_and_cleared_at_run_time() {
    let sandbox = Sandbox::start().await.expect("starts");
    let http = http();
    let put = reqwest::Method::PUT;

    let (status, body) = control(
        &http,
        &sandbox,
        put.clone(),
        "/_sandbox/faults",
        Some("503:0.2, reset:0.05"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["faults"], "503:0.2,reset:0.05");
    assert_eq!(
        body["rules"][1],
        json!({"fault": "reset", "probability": 0.05})
    );
    assert_eq!(sandbox.faults().to_string(), "503:0.2,reset:0.05");

    let json_body =
        r#"{"rules": [{"fault": "delay=2s", "probability": 0.1}], "auth": true, "seed": 99}"#;
    let (status, body) = control(
        &http,
        &sandbox,
        put.clone(),
        "/_sandbox/faults",
        Some(json_body),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["faults"], "delay=2s:0.1,auth");
    assert_eq!(body["seed"], 99);
    assert_eq!(sandbox.fault_seed(), 99);

    let (status, body) = control(
        &http,
        &sandbox,
        put.clone(),
        "/_sandbox/faults",
        Some("\"429:0.5\""),
    )
    .await;
    assert_eq!(
        (status, body["faults"].clone()),
        (StatusCode::OK, json!("429:0.5"))
    );

    let (status, body) = control(
        &http,
        &sandbox,
        put.clone(),
        "/_sandbox/faults",
        Some("503:0.9,teapot:0.1"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("teapot"),
        "{body}"
    );
    assert_eq!(
        sandbox.faults().to_string(),
        "429:0.5",
        "a refused PUT changes nothing"
    );

    let (status, _) = control(
        &http,
        &sandbox,
        reqwest::Method::DELETE,
        "/_sandbox/faults",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, body) = control(
        &http,
        &sandbox,
        reqwest::Method::GET,
        "/_sandbox/faults",
        None,
    )
    .await;
    assert_eq!(body["faults"], "");
    assert!(sandbox.faults().is_empty());
}

/// The statuses and faults of 40 journeys queries against a sandbox with this seed.
async fn fault_sequence(seed: u64) -> Vec<(u16, Option<Fault>)> {
    let sandbox = start_with("503:0.3,429:0.2", seed).await;
    let http = http();
    for _ in 0..40 {
        let response = journeys(&http, &sandbox, "JD0000004")
            .send()
            .await
            .expect("sent");
        let _ = response.bytes().await;
    }
    sandbox
        .requests()
        .iter()
        .map(|record| (record.status, record.fault))
        .collect()
}

#[tokio::test]
async fn the_same_seed_and_requests_get_the_same_faults() {
    let first = fault_sequence(42).await;
    assert_eq!(first, fault_sequence(42).await);
    assert_ne!(first, fault_sequence(43).await);
    let hits = first.iter().filter(|(_, fault)| fault.is_some()).count();
    assert!((8..=32).contains(&hits), "{hits} of 40 hit: {first:?}");
    assert!(first.iter().all(|(status, fault)| match fault {
        Some(Fault::Status(injected)) => status == injected,
        _ => *status == 200,
    }));
}

#[tokio::test]
async fn the_request_log_holds_no_secrets_and_keeps_the_most_recent() {
    let sandbox = Sandbox::builder()
        .request_log_size(3)
        .start()
        .await
        .expect("starts");
    let http = http();
    let response = http
        .get(format!("{}/find", sandbox.delivery_options().url()))
        .query(&[("c_pc", "EC1R 4PF"), ("key", DEFAULT_DELIVERY_OPTIONS_KEY)])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let _ = mm_token(&http, &sandbox).await;
    let (status, body) = control(
        &http,
        &sandbox,
        reqwest::Method::GET,
        "/_sandbox/requests",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let text = body.to_string();
    let (_, password) = sandbox.mm_api().client_credentials();
    for secret in [
        DEFAULT_DELIVERY_OPTIONS_KEY,
        password,
        "Basic ",
        "grant_type",
    ] {
        assert!(!text.contains(secret), "{secret:?} in {text}");
    }
    assert_eq!(body[0]["query"], format!("c_pc=EC1R+4PF&key={REDACTED}"));
    assert_eq!(body[0]["status"], 400);
    assert_eq!(body[0]["processed"], true);
    assert_eq!(body[0]["fault"], Value::Null);
    assert_eq!(body[1]["method"], "POST");
    assert_eq!(body[1]["path"], "/mm-api/auth");
    assert!(body[1]["timestamp"].is_string());

    for tracking in ["A", "B", "C"] {
        let _ = journeys(&http, &sandbox, tracking)
            .send()
            .await
            .expect("sent");
    }
    let log = sandbox.requests();
    let ids: Vec<u64> = log.iter().map(|record| record.id).collect();
    assert_eq!(ids, [3, 4, 5], "the 3 most recent");
    let (status, _) = control(
        &http,
        &sandbox,
        reqwest::Method::DELETE,
        "/_sandbox/requests",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(sandbox.requests().is_empty());
}

#[tokio::test]
async fn the_index_tells_how_to_call_each_api() {
    let sandbox = Sandbox::start().await.expect("starts");
    let http = http();
    let index: Value = http
        .get(sandbox.base_url())
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json by default");
    let apis = &index["apis"];
    assert_eq!(apis["tracking"]["baseUrl"], sandbox.tracking().url());
    assert_eq!(
        apis["tracking"]["username"],
        sandbox.tracking().credentials().0
    );
    assert_eq!(apis["shipping"]["baseUrl"], sandbox.shipping().url());
    assert_eq!(
        apis["shipping"]["password"],
        sandbox.shipping().credentials().1
    );
    assert_eq!(
        apis["deliveryOptions"]["key"],
        sandbox.delivery_options().key()
    );
    let mm = &apis["mmApi"];
    assert_eq!(mm["baseUrl"], sandbox.mm_api().url());
    assert_eq!(
        mm["token"]["url"],
        format!("{}/auth", sandbox.mm_api().url())
    );
    assert_eq!(
        mm["token"]["contentType"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(mm["contentType"], MM_V0);
    let shipments: Vec<&str> = mm["shipments"]
        .as_array()
        .expect("shipments")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(shipments, MM_API_SEEDED_SHIPMENTS);
    let control_urls: Vec<&str> = index["control"]
        .as_array()
        .expect("control")
        .iter()
        .filter_map(|route| route["url"].as_str())
        .collect();
    assert!(control_urls.contains(&format!("{}/_sandbox/requests", sandbox.base_url()).as_str()));

    let html = http
        .get(sandbox.base_url())
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .send()
        .await
        .expect("sent");
    assert!(
        html.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/html")
    );
    let html = html.text().await.expect("text");
    assert!(html.contains(sandbox.shipping().url()), "{html}");
    assert!(html.contains(MM_API_SEEDED_SHIPMENTS[0]), "{html}");
}

#[tokio::test]
async fn mm_api_shipments_created_through_the_control_api_can_be_allocated() {
    let sandbox = Sandbox::start().await.expect("starts");
    let http = http();
    let token: Value = mm_token(&http, &sandbox).await.json().await.expect("json");
    let token = token["access_token"].as_str().expect("token").to_owned();
    // A seeded shipment as the template.
    let template: Value = http
        .get(format!(
            "{}/shipments/{}",
            sandbox.mm_api().url(),
            MM_API_SEEDED_SHIPMENTS[0]
        ))
        .bearer_auth(&token)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");

    let mut urls = Vec::new();
    for _ in 0..2 {
        let response = http
            .post(format!("{}/_sandbox/mm-api/shipments", sandbox.base_url()))
            .header("content-type", MM_V0)
            .body(template.to_string())
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), StatusCode::CREATED);
        let location = response.headers()["location"]
            .to_str()
            .unwrap_or_default()
            .to_owned();
        let created: Value = response.json().await.expect("json");
        let url = created["url"].as_str().expect("url").to_owned();
        assert_eq!(location, url);
        assert_eq!(
            url,
            format!(
                "{}/shipments/{}",
                sandbox.mm_api().url(),
                created["id"].as_str().unwrap_or_default()
            )
        );
        urls.push(url);
    }
    assert_ne!(urls[0], urls[1]);
    for url in &urls {
        let response = http
            .post(format!("{}/consignments", sandbox.mm_api().url()))
            .bearer_auth(&token)
            .header("content-type", MM_V0)
            .body(json!(url).to_string())
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), StatusCode::CREATED, "{url}");
    }
    // The index lists them after the seeded ones.
    let index: Value = http
        .get(sandbox.base_url())
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(index["apis"]["mmApi"]["shipments"][3]["url"], urls[0]);

    // What does not read as a shipment is refused, naming the field.
    let response = http
        .post(format!("{}/_sandbox/mm-api/shipments", sandbox.base_url()))
        .header("content-type", "application/json")
        .body(r#"{"logisticsUnits": "many"}"#)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.expect("json");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("logisticsUnits"),
        "{body}"
    );
}

#[tokio::test]
async fn the_default_catalogue_has_the_sender_codes_of_our_docs() {
    let sandbox = Sandbox::start().await.expect("starts");
    let codes: Vec<&str> = sandbox
        .shipping()
        .catalogue()
        .shipping_locations()
        .iter()
        .map(|location| location.code.as_str())
        .collect();
    for code in ["WH-LONDON", "WH-MANCHESTER", "WAREHOUSE-1", "WH-1"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
}

#[tokio::test]
async fn the_binary_takes_faults_a_seed_and_prints_each_request() {
    use tokio::io::{AsyncBufReadExt, BufReader};

    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_metapack-sandbox"))
        .args(["--port", "0", "--faults", "503:1", "--seed", "5", "--log"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let read = async {
        let mut printed = Vec::new();
        for _ in 0..11 {
            printed.push(stdout.next_line().await.expect("read").expect("a line"));
        }
        printed
    };
    let printed = tokio::time::timeout(Duration::from_secs(30), read)
        .await
        .expect("lines in time");
    let tracking = printed[0]
        .strip_prefix("tracking: ")
        .expect("tracking first");
    let base = tracking.strip_suffix("/tracking/v1").expect("a base URL");
    assert_eq!(
        printed[7],
        format!(
            "mm-api token: POST {base}/mm-api/auth (HTTP Basic with the credentials, form grant_type=client_credentials); bodies {MM_V0}"
        )
    );
    assert!(
        printed[8].contains(MM_API_SEEDED_SHIPMENTS[2]),
        "{printed:?}"
    );
    assert!(
        printed[9].contains(&format!("{base}/_sandbox/requests")),
        "{printed:?}"
    );
    assert_eq!(printed[10], "faults: 503:1 (seed 5)");

    let response = http()
        .get(format!("{tracking}/parcel-journeys?trackingIdentifier=JD1"))
        .basic_auth("sandbox", Some("sandbox-password"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let logged = async {
        loop {
            let line = stderr.next_line().await.expect("read").expect("a line");
            if line.contains("/tracking/v1/parcel-journeys") {
                return line;
            }
        }
    };
    let line = tokio::time::timeout(Duration::from_secs(30), logged)
        .await
        .expect("a log line in time");
    assert!(
        line.ends_with("GET /tracking/v1/parcel-journeys?trackingIdentifier=JD1 503 (fault 503)"),
        "{line}"
    );
    child.kill().await.expect("killed");
}
