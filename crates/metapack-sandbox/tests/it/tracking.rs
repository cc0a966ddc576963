//! The Tracking API of the sandbox, over loopback HTTP with a plain `reqwest` client.

use crate::common::{error_body, http};
use std::time::Duration;

use metapack_sandbox::{DEFAULT_DELIVERY_OPTIONS_KEY, DEFAULT_PASSWORD, DEFAULT_USERNAME, Sandbox};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A started sandbox with a client sending its credentials.
struct Fixture {
    sandbox: Sandbox,
    http: reqwest::Client,
}

impl Fixture {
    async fn new() -> Self {
        let sandbox = Sandbox::start().await.expect("sandbox starts");
        Self {
            sandbox,
            http: http(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.tracking().url())
    }

    fn authed(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let (username, password) = self.sandbox.tracking().credentials();
        self.http
            .request(method, self.url(path))
            .basic_auth(username, Some(password))
    }

    async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.authed(reqwest::Method::POST, path)
            .json(&body)
            .send()
            .await
            .expect("request sent")
    }

    async fn post_ok(&self, path: &str, body: Value) {
        let response = self.post(path, body).await;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert_eq!(status, StatusCode::NO_CONTENT, "POST {path}: {text}");
    }

    async fn journeys(&self, query: &[(&str, &str)]) -> Vec<Value> {
        let response = self
            .authed(reqwest::Method::GET, "/parcel-journeys")
            .query(query)
            .send()
            .await
            .expect("request sent");
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.expect("a JSON array")
    }

    async fn search(&self, body: Value) -> Vec<Value> {
        let response = self.post("/parcel-journeys/search", body).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.expect("a JSON array")
    }
}

/// Asserts a Metapack error body with this status and code; returns its message.
async fn expect_error(response: reqwest::Response, status: StatusCode, code: &str) -> String {
    let body = error_body(response, status, code).await;
    let trace_id = body["traceId"].as_str().expect("traceId");
    let trace_id = uuid::Uuid::parse_str(trace_id).expect("traceId is a uuid");
    assert_eq!(trace_id.get_version_num(), 4);
    body["message"].as_str().expect("message").to_owned()
}

fn leg_event(tracking_identifier: &str, code: &str, date: &str) -> Value {
    json!({
        "trackingIdentifier": tracking_identifier,
        "eventCode": code,
        "eventDate": date,
        "eventTimeZone": "Europe/London",
        "eventSource": "CARRIER"
    })
}

fn delivery_event(delivery_ref: &str, code: &str, date: &str) -> Value {
    json!({
        "deliveryRef": delivery_ref,
        "eventCode": code,
        "eventDate": date,
        "eventTimeZone": "Europe/London"
    })
}

#[tokio::test]
async fn credentials_are_checked_before_anything_else() {
    let f = Fixture::new().await;
    assert_eq!(
        f.sandbox.tracking().credentials(),
        (DEFAULT_USERNAME, DEFAULT_PASSWORD)
    );

    // No credentials.
    let response = f
        .http
        .get(f.url("/parcel-journeys?orderRef=O"))
        .send()
        .await
        .unwrap();
    let www = response
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok());
    assert!(www.is_some_and(|v| v.starts_with("Basic")));
    expect_error(response, StatusCode::UNAUTHORIZED, "PS-0401").await;

    // Wrong password, even with a body that would otherwise be a 415.
    let response = f
        .http
        .post(f.url("/delivery-legs"))
        .basic_auth(DEFAULT_USERNAME, Some("nope"))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::UNAUTHORIZED, "PS-0401").await;

    // Not Basic at all, and an unknown path under the API.
    let response = f
        .http
        .get(f.url("/parcel-journeys?orderRef=O"))
        .bearer_auth("token")
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::UNAUTHORIZED, "PS-0401").await;
    let response = f.http.get(f.url("/nowhere")).send().await.unwrap();
    expect_error(response, StatusCode::UNAUTHORIZED, "PS-0401").await;

    // The right credentials pass.
    assert!(f.journeys(&[("orderRef", "O")]).await.is_empty());
}

#[tokio::test]
async fn custom_credentials_replace_the_defaults() {
    let sandbox = Sandbox::builder()
        .tracking_credentials("alice", "s3cret")
        .start()
        .await
        .unwrap();
    assert_eq!(sandbox.tracking().credentials(), ("alice", "s3cret"));
    let url = format!("{}/parcel-journeys?orderRef=O", sandbox.tracking().url());
    let http = http();
    let response = http
        .get(&url)
        .basic_auth(DEFAULT_USERNAME, Some(DEFAULT_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = http
        .get(&url)
        .basic_auth("alice", Some("s3cret"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        Sandbox::builder()
            .tracking_credentials("a:b", "p")
            .start()
            .await
            .is_err()
    );
}

#[tokio::test]
async fn urls_point_at_the_bound_port() {
    let f = Fixture::new().await;
    let port = f.sandbox.local_addr().port();
    assert_ne!(port, 0);
    assert_eq!(f.sandbox.base_url(), format!("http://127.0.0.1:{port}"));
    assert_eq!(
        f.sandbox.tracking().url(),
        format!("http://127.0.0.1:{port}/tracking/v1")
    );

    // A sandbox can be shared across tasks and kept in statics.
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Sandbox>();
}

#[tokio::test]
async fn bodies_that_are_not_json_are_415() {
    let f = Fixture::new().await;
    let body = r#"{"trackingIdentifier": "T1"}"#;
    let response = f
        .authed(reqwest::Method::POST, "/delivery-legs")
        .header("content-type", "text/plain")
        .body(body)
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "PS-0415").await;

    let response = f
        .authed(reqwest::Method::POST, "/deliveries")
        .body(body)
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "PS-0415").await;

    let response = f
        .authed(reqwest::Method::POST, "/parcel-journeys/search")
        .header("content-type", "application/json")
        .body("customerRef=C1")
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "PS-0415").await;

    // A charset parameter is fine.
    let response = f
        .authed(reqwest::Method::POST, "/delivery-legs")
        .header("content-type", "application/json; charset=utf-8")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn invalid_bodies_are_400_naming_the_field() {
    let f = Fixture::new().await;
    let cases = [
        (
            "/delivery-legs",
            json!({"carrierCode": "DPD_UK"}),
            "missing field trackingIdentifier",
        ),
        (
            "/delivery-legs",
            json!({"trackingIdentifier": "  "}),
            "trackingIdentifier: must not be blank",
        ),
        (
            "/delivery-legs",
            json!({"trackingIdentifier": "T1", "carrierTrackingURL": "http://track.example/T1"}),
            "carrierTrackingURL: must start with https://",
        ),
        (
            "/delivery-legs",
            json!({"trackingIdentifier": 42}),
            "trackingIdentifier: invalid type",
        ),
        (
            "/delivery-legs",
            json!({"trackingIdentifier": "T1", "order": {"orderDate": "yesterday"}}),
            "order.orderDate: ",
        ),
        (
            "/delivery-legs/events",
            leg_event("T1", "DELIVERED", "2019-08-"),
            "eventDate: premature end of input",
        ),
        (
            "/delivery-legs/events",
            json!({"trackingIdentifier": "T1", "eventCode": "DELIVERED", "eventDate": "2019-08-24T14:15:22Z", "eventTimeZone": ""}),
            "eventTimeZone: must not be blank",
        ),
        (
            "/deliveries",
            json!({"deliveryRef": ""}),
            "deliveryRef: must not be blank",
        ),
        ("/deliveries", json!({}), "missing field deliveryRef"),
        (
            "/deliveries/events",
            json!({"deliveryRef": "D1", "eventDate": "2019-08-24T14:15:22Z", "eventTimeZone": "UTC"}),
            "missing field eventCode",
        ),
        ("/parcel-journeys/search", json!({}), "customerRef or email"),
        (
            "/parcel-journeys/search",
            json!({"email": " "}),
            "customerRef or email",
        ),
    ];
    for (path, body, expected) in cases {
        let response = f.post(path, body.clone()).await;
        let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
        assert!(
            message.contains(expected),
            "POST {path} {body}: {message:?} lacks {expected:?}"
        );
    }

    // Unknown event codes are refused: the documented lists are closed for writes.
    let response = f
        .post(
            "/delivery-legs/events",
            leg_event("T1", "TELEPORTED", "2019-08-24T14:15:22Z"),
        )
        .await;
    let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    assert!(
        message.starts_with("eventCode: \"TELEPORTED\""),
        "{message}"
    );

    // Query parameters.
    let response = f
        .authed(reqwest::Method::GET, "/parcel-journeys")
        .send()
        .await
        .unwrap();
    let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    assert!(
        message.contains("orderRef or trackingIdentifier"),
        "{message}"
    );
    let response = f
        .authed(reqwest::Method::GET, "/parcel-journeys")
        .query(&[("postcode", "WC1X 8XZ")])
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    let response = f
        .authed(reqwest::Method::DELETE, "/delivery-legs")
        .send()
        .await
        .unwrap();
    let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    assert!(message.contains("trackingIdentifier"), "{message}");
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_json() {
    let f = Fixture::new().await;
    let response = f
        .authed(reqwest::Method::GET, "/consignments")
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::NOT_FOUND, "PS-0404").await;
    let response = f
        .http
        .get(format!("{}/no-such-api/find", f.sandbox.base_url()))
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::NOT_FOUND, "PS-0404").await;
    let response = f
        .authed(reqwest::Method::GET, "/deliveries")
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::METHOD_NOT_ALLOWED, "PS-0405").await;
}

/// One order: a delivery (with events), a parcel of two legs sharing a parcelRef (with
/// events posted out of order), and a second parcel of one leg.
async fn publish_order(f: &Fixture) {
    f.post_ok(
        "/deliveries",
        json!({
            "deliveryRef": "D1",
            "order": {
                "orderRef": "ORDER-1",
                "customer": {"customerRef": "CUST-1", "email": "ann@example.com", "name": "Ann"}
            },
            "recipient": {"name": "Ann", "postCode": "WC1X 8XZ", "timeZone": "Europe/London"},
            "sender": {"name": "Warehouse", "timeZone": "Europe/London"},
            "delivery": {"deliveryType": "HOME"}
        }),
    )
    .await;
    f.post_ok(
        "/deliveries/events",
        delivery_event("D1", "ORDER_ACCEPTED", "2024-05-01T09:00:00Z"),
    )
    .await;
    f.post_ok(
        "/deliveries/events",
        delivery_event("D1", "READY_FOR_PACKING", "2024-05-01T12:00:00Z"),
    )
    .await;
    f.post_ok(
        "/delivery-legs",
        json!({
            "trackingIdentifier": "FIRST-MILE-1",
            "carrierCode": "DPD_UK",
            "carrierTrackingURL": "https://track.example/FIRST-MILE-1",
            "deliveryRef": "D1",
            "finalDeliveryLeg": false,
            "parcel": {"parcelRef": "PARCEL-1"}
        }),
    )
    .await;
    f.post_ok(
        "/delivery-legs",
        json!({
            "trackingIdentifier": "LAST-MILE-1",
            "carrierCode": "ROYAL_MAIL",
            "deliveryRef": "D1",
            "parcel": {"parcelRef": "PARCEL-1"}
        }),
    )
    .await;
    f.post_ok(
        "/delivery-legs",
        json!({"trackingIdentifier": "SECOND-PARCEL", "deliveryRef": "D1", "parcel": {"parcelRef": "PARCEL-2"}}),
    )
    .await;
    f.post_ok(
        "/delivery-legs/events",
        leg_event("LAST-MILE-1", "DELIVERED", "2024-05-03T10:00:00Z"),
    )
    .await;
    f.post_ok(
        "/delivery-legs/events",
        leg_event("FIRST-MILE-1", "DESPATCHED", "2024-05-02T08:00:00Z"),
    )
    .await;
    f.post_ok(
        "/delivery-legs/events",
        leg_event("LAST-MILE-1", "OUT_FOR_DELIVERY", "2024-05-03T07:00:00Z"),
    )
    .await;
}

fn codes(journey: &Value) -> Vec<&str> {
    journey["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["eventCode"].as_str().unwrap())
        .collect()
}

fn tracking_identifiers(journey: &Value) -> Vec<&str> {
    journey["deliveryLegs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["trackingIdentifier"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn journeys_are_assembled_per_parcel() {
    let f = Fixture::new().await;
    publish_order(&f).await;

    let journeys = f.journeys(&[("orderRef", "ORDER-1")]).await;
    assert_eq!(journeys.len(), 2, "{journeys:#?}");
    let first = &journeys[0];
    assert_eq!(tracking_identifiers(first), ["FIRST-MILE-1", "LAST-MILE-1"]);
    assert_eq!(first["deliveryRef"], "D1");
    assert_eq!(first["order"]["orderRef"], "ORDER-1");
    assert_eq!(first["order"]["customer"]["customerRef"], "CUST-1");
    assert_eq!(first["recipient"]["postCode"], "WC1X 8XZ");
    assert_eq!(first["sender"]["name"], "Warehouse");
    assert_eq!(first["delivery"]["deliveryType"], "HOME");
    assert_eq!(first["deliveries"].as_array().unwrap().len(), 1);
    assert_eq!(first["deliveries"][0]["deliveryRef"], "D1");
    assert_eq!(
        first["deliveryLegs"][0]["carrierTrackingURL"],
        "https://track.example/FIRST-MILE-1"
    );
    assert_eq!(
        codes(first),
        [
            "ORDER_ACCEPTED",
            "READY_FOR_PACKING",
            "DESPATCHED",
            "OUT_FOR_DELIVERY",
            "DELIVERED"
        ]
    );
    let events = first["events"].as_array().unwrap();
    assert_eq!(events[0]["deliveryRef"], "D1");
    assert_eq!(events[0]["eventTimeZone"], "Europe/London");
    assert_eq!(events[2]["trackingIdentifier"], "FIRST-MILE-1");
    assert_eq!(events[4]["trackingIdentifier"], "LAST-MILE-1");
    assert_eq!(events[4]["eventSource"], "CARRIER");
    assert_eq!(events[4]["eventDate"], "2024-05-03T10:00:00Z");

    let second = &journeys[1];
    assert_eq!(tracking_identifiers(second), ["SECOND-PARCEL"]);
    assert_eq!(codes(second), ["ORDER_ACCEPTED", "READY_FOR_PACKING"]);

    // The same order twice over gives the same answer.
    assert_eq!(f.journeys(&[("orderRef", "ORDER-1")]).await, journeys);
}

#[tokio::test]
async fn journey_filters_are_case_sensitive_and_combined() {
    let f = Fixture::new().await;
    publish_order(&f).await;

    let by_tracking = f.journeys(&[("trackingIdentifier", "LAST-MILE-1")]).await;
    assert_eq!(by_tracking.len(), 1);
    assert_eq!(
        tracking_identifiers(&by_tracking[0]),
        ["FIRST-MILE-1", "LAST-MILE-1"]
    );

    assert!(f.journeys(&[("orderRef", "order-1")]).await.is_empty());
    assert!(
        f.journeys(&[("trackingIdentifier", "last-mile-1")])
            .await
            .is_empty()
    );
    assert!(f.journeys(&[("orderRef", "ORDER-2")]).await.is_empty());

    let both = [
        ("orderRef", "ORDER-1"),
        ("trackingIdentifier", "SECOND-PARCEL"),
    ];
    assert_eq!(f.journeys(&both).await.len(), 1);
    let mismatched = [
        ("orderRef", "ORDER-2"),
        ("trackingIdentifier", "SECOND-PARCEL"),
    ];
    assert!(f.journeys(&mismatched).await.is_empty());

    assert_eq!(
        f.journeys(&[("orderRef", "ORDER-1"), ("postcode", "WC1X 8XZ")])
            .await
            .len(),
        2
    );
    assert!(
        f.journeys(&[("orderRef", "ORDER-1"), ("postcode", "wc1x 8xz")])
            .await
            .is_empty()
    );
    assert!(
        f.journeys(&[("orderRef", "ORDER-1"), ("postcode", "SW1A 1AA")])
            .await
            .is_empty()
    );

    assert_eq!(
        f.journeys(&[("orderRef", "ORDER-1"), ("customerRef", "CUST-1")])
            .await
            .len(),
        2
    );
    assert!(
        f.journeys(&[("orderRef", "ORDER-1"), ("customerRef", "cust-1")])
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn brands_sharing_an_order_ref_are_told_apart_by_customer_ref() {
    let f = Fixture::new().await;
    for (delivery_ref, customer_ref) in [("BRAND-A-1", "A-CUSTOMER"), ("BRAND-B-1", "B-CUSTOMER")] {
        f.post_ok(
            "/deliveries",
            json!({"deliveryRef": delivery_ref, "order": {"orderRef": "1001", "customer": {"customerRef": customer_ref}}}),
        )
        .await;
    }
    assert_eq!(f.journeys(&[("orderRef", "1001")]).await.len(), 2);
    let brand_b = f
        .journeys(&[("orderRef", "1001"), ("customerRef", "B-CUSTOMER")])
        .await;
    assert_eq!(brand_b.len(), 1);
    assert_eq!(brand_b[0]["deliveryRef"], "BRAND-B-1");
}

#[tokio::test]
async fn a_delivery_without_legs_has_its_own_journey() {
    let f = Fixture::new().await;
    f.post_ok(
        "/deliveries",
        json!({"deliveryRef": "PRE-1", "order": {"orderRef": "ORDER-9"}}),
    )
    .await;
    f.post_ok(
        "/deliveries/events",
        delivery_event("PRE-1", "PAYMENT_SUCCESSFUL", "2024-05-01T10:00:00Z"),
    )
    .await;
    f.post_ok(
        "/deliveries/events",
        delivery_event("PRE-1", "ORDER_ACCEPTED", "2024-05-01T09:00:00Z"),
    )
    .await;

    let journeys = f.journeys(&[("orderRef", "ORDER-9")]).await;
    assert_eq!(journeys.len(), 1);
    assert_eq!(journeys[0]["deliveryRef"], "PRE-1");
    assert_eq!(journeys[0]["deliveryLegs"], json!([]));
    assert_eq!(
        codes(&journeys[0]),
        ["ORDER_ACCEPTED", "PAYMENT_SUCCESSFUL"]
    );

    // Once a leg links to it, the delivery is part of that parcel's journey instead.
    f.post_ok(
        "/delivery-legs",
        json!({"trackingIdentifier": "T-9", "deliveryRef": "PRE-1"}),
    )
    .await;
    let journeys = f.journeys(&[("orderRef", "ORDER-9")]).await;
    assert_eq!(journeys.len(), 1);
    assert_eq!(tracking_identifiers(&journeys[0]), ["T-9"]);
    assert_eq!(
        codes(&journeys[0]),
        ["ORDER_ACCEPTED", "PAYMENT_SUCCESSFUL"]
    );
}

#[tokio::test]
async fn upserts_replace_instead_of_duplicating() {
    let f = Fixture::new().await;
    let leg = |carrier: &str| json!({"trackingIdentifier": "T1", "carrierCode": carrier, "order": {"orderRef": "O1"}});
    f.post_ok("/delivery-legs", leg("DPD_UK")).await;
    f.post_ok("/delivery-legs", leg("ROYAL_MAIL")).await;
    let journeys = f.journeys(&[("trackingIdentifier", "T1")]).await;
    assert_eq!(journeys.len(), 1);
    assert_eq!(journeys[0]["deliveryLegs"].as_array().unwrap().len(), 1);
    assert_eq!(journeys[0]["deliveryLegs"][0]["carrierCode"], "ROYAL_MAIL");

    // The same identifier with a parcelRef is another leg.
    f.post_ok(
        "/delivery-legs",
        json!({"trackingIdentifier": "T1", "parcel": {"parcelRef": "P1"}}),
    )
    .await;
    assert_eq!(f.journeys(&[("trackingIdentifier", "T1")]).await.len(), 2);

    let delivery = |postcode: &str| json!({"deliveryRef": "D1", "order": {"orderRef": "O2"}, "recipient": {"postCode": postcode}});
    f.post_ok("/deliveries", delivery("AB1 2CD")).await;
    f.post_ok("/deliveries", delivery("EF3 4GH")).await;
    let journeys = f.journeys(&[("orderRef", "O2")]).await;
    assert_eq!(journeys.len(), 1);
    assert_eq!(journeys[0]["recipient"]["postCode"], "EF3 4GH");

    // The same deliveryRef under another orderRef is another delivery.
    f.post_ok(
        "/deliveries",
        json!({"deliveryRef": "D1", "order": {"orderRef": "O3"}}),
    )
    .await;
    assert_eq!(f.journeys(&[("orderRef", "O2")]).await.len(), 1);
    assert_eq!(f.journeys(&[("orderRef", "O3")]).await.len(), 1);
}

#[tokio::test]
async fn deleting_legs_reports_the_count() {
    let f = Fixture::new().await;
    f.post_ok(
        "/delivery-legs",
        json!({"trackingIdentifier": "T1", "order": {"orderRef": "O1"}}),
    )
    .await;
    f.post_ok(
        "/delivery-legs",
        json!({"trackingIdentifier": "T1", "parcel": {"parcelRef": "P1"}, "order": {"orderRef": "O1"}}),
    )
    .await;
    f.post_ok(
        "/delivery-legs",
        json!({"trackingIdentifier": "T2", "order": {"orderRef": "O1"}}),
    )
    .await;

    let delete = |identifier: &'static str| {
        f.authed(reqwest::Method::DELETE, "/delivery-legs")
            .query(&[("trackingIdentifier", identifier)])
            .send()
    };
    let response = delete("T1").await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"message": "Deleted 2 delivery legs"})
    );
    let response = delete("T1").await.unwrap();
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"message": "Deleted 0 delivery legs"})
    );
    let response = delete("t2").await.unwrap();
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"message": "Deleted 0 delivery legs"})
    );

    let journeys = f.journeys(&[("orderRef", "O1")]).await;
    assert_eq!(journeys.len(), 1);
    assert_eq!(tracking_identifiers(&journeys[0]), ["T2"]);
}

#[tokio::test]
async fn search_by_email_or_customer_ref() {
    let f = Fixture::new().await;
    publish_order(&f).await;
    f.post_ok(
        "/deliveries",
        json!({"deliveryRef": "OTHER", "order": {"orderRef": "ORDER-2", "customer": {"customerRef": "CUST-2", "email": "bob@example.com"}}}),
    )
    .await;

    let by_email = f.search(json!({"email": "ann@example.com"})).await;
    assert_eq!(by_email.len(), 2);
    assert!(by_email.iter().all(|j| j["order"]["orderRef"] == "ORDER-1"));
    assert!(
        f.search(json!({"email": "ANN@example.com"}))
            .await
            .is_empty()
    );

    let by_ref = f.search(json!({"customerRef": "CUST-2"})).await;
    assert_eq!(by_ref.len(), 1);
    assert_eq!(by_ref[0]["deliveryRef"], "OTHER");

    assert!(
        f.search(json!({"customerRef": "CUST-2", "email": "ann@example.com"}))
            .await
            .is_empty()
    );
    assert!(f.search(json!({"customerRef": "NOBODY"})).await.is_empty());
}

#[tokio::test]
async fn dropping_the_sandbox_shuts_the_server_down() {
    let f = Fixture::new().await;
    let url = f.url("/parcel-journeys?orderRef=O");
    let (username, password) = f.sandbox.tracking().credentials();
    let (username, password) = (username.to_owned(), password.to_owned());
    let http = http();
    let response = http
        .get(&url)
        .basic_auth(&username, Some(&password))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    drop(f);

    // The server task is aborted on drop; the port closes as soon as the runtime gets to it.
    let fresh = metapack_core::tls::http_client_builder()
        .expect("an HTTP client builder")
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let mut last = None;
    for _ in 0..50 {
        match fresh
            .get(&url)
            .basic_auth(&username, Some(&password))
            .send()
            .await
        {
            Err(error) if error.is_connect() => return,
            other => last = Some(other.map(|r| r.status())),
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the server still answers after drop: {last:?}");
}

#[tokio::test]
async fn shutdown_waits_until_the_port_is_closed() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.local_addr();
    sandbox.shutdown().await;
    let error = tokio::net::TcpStream::connect(addr)
        .await
        .expect_err("the port is closed");
    assert_eq!(error.kind(), std::io::ErrorKind::ConnectionRefused);
}

/// Starts the binary with `args` and reads the 7 lines it prints on start (one per API, then
/// the credentials and the key); the child is killed when dropped.
async fn start_binary(args: &[&str]) -> (tokio::process::Child, Vec<String>) {
    use tokio::io::{AsyncBufReadExt, BufReader};

    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_metapack-sandbox"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let read = async {
        let mut printed = Vec::new();
        for _ in 0..7 {
            printed.push(lines.next_line().await.unwrap().expect("a line"));
        }
        printed
    };
    let printed = tokio::time::timeout(Duration::from_secs(30), read)
        .await
        .expect("lines in time");
    (child, printed)
}

#[tokio::test]
async fn the_binary_prints_where_each_api_is() {
    let (mut child, printed) = start_binary(&["--port", "0"]).await;

    let first = &printed[0];
    let url = first
        .strip_prefix("tracking: ")
        .expect("the tracking line comes first");
    let port: u16 = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix("/tracking/v1"))
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"));
    assert_ne!(port, 0, "the real port is printed");
    let base = format!("http://127.0.0.1:{port}");
    assert_eq!(
        printed[1..],
        [
            format!("shipping: {base}/shipping/v1"),
            format!("delivery-options: {base}/dmoptions"),
            format!("mm-api: {base}/mm-api"),
            format!("mm-api data host: {base}/mm-data"),
            "credentials: sandbox / sandbox-password (HTTP Basic)".to_owned(),
            format!("key: {DEFAULT_DELIVERY_OPTIONS_KEY} (Delivery Options, query parameter key)"),
        ],
        "one line per API, in order, then the credentials"
    );

    // It serves what it printed.
    let response = http()
        .get(format!("{url}/parcel-journeys?orderRef=O"))
        .basic_auth(DEFAULT_USERNAME, Some(DEFAULT_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = http()
        .get(format!("{base}/shipping/v1/carriers"))
        .basic_auth(DEFAULT_USERNAME, Some(DEFAULT_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = http()
        .get(format!("{base}/dmoptions/find"))
        .query(&[
            ("wh_code", "WH-LONDON"),
            ("c_cc", "GBR"),
            ("c_pc", "EC1R 4PF"),
            ("key", DEFAULT_DELIVERY_OPTIONS_KEY),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = http()
        .post(format!("{base}/mm-api/auth"))
        .basic_auth(DEFAULT_USERNAME, Some(DEFAULT_PASSWORD))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = http()
        .get(format!("{base}/mm-data/logistics-services/sandbox-48"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "no authentication");

    child.kill().await.expect("the child is killed");
}

#[tokio::test]
async fn the_binary_rejects_bad_arguments() {
    let binary = env!("CARGO_BIN_EXE_metapack-sandbox");
    let output = tokio::process::Command::new(binary)
        .arg("--bogus")
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--bogus"));

    let output = tokio::process::Command::new(binary)
        .args(["--port", "http"])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2));

    let output = tokio::process::Command::new(binary)
        .args(["--key", "not-a-uuid"])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--key needs a UUID"));

    let output = tokio::process::Command::new(binary)
        .arg("--help")
        .output()
        .await
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("Usage: metapack-sandbox"));
}

#[tokio::test]
async fn the_binary_does_not_echo_a_given_password() {
    let (mut child, printed) = start_binary(&["--port", "0", "--password", "hush-123"]).await;
    assert!(
        printed[5].starts_with("credentials: sandbox / "),
        "{printed:?}"
    );
    assert!(
        printed.iter().all(|line| !line.contains("hush-123")),
        "{printed:?}"
    );
    child.kill().await.expect("the child is killed");
}

#[tokio::test]
async fn event_codes_are_checked_against_the_documented_lists() {
    let f = Fixture::new().await;
    f.post_ok("/delivery-legs", json!({"trackingIdentifier": "CODES-1"}))
        .await;
    // Every documented code of each list is accepted, in its documented spelling.
    let leg_codes = [
        "AWAITING_DESPATCH",
        "RECD_BY_CARRIER_NO_ELEC_ADVICE",
        "OUT_FOR_DELIVERY",
        "DELIVERED",
        "HELD_BY_CARRIER_FOR_CLEARANCE_PRE_PROCESSING",
        "RETURN_NOT_COMPLETED",
    ];
    for code in leg_codes {
        f.post_ok(
            "/delivery-legs/events",
            leg_event("CODES-1", code, "2024-05-02T08:00:00Z"),
        )
        .await;
    }
    for code in [
        "ORDER_ACCEPTED",
        "DESPATCH_DELAYED_IN_PART",
        "RETURN_COMPLETED_IN_PART",
    ] {
        f.post_ok(
            "/deliveries/events",
            delivery_event("CODES-D", code, "2024-05-01T08:00:00Z"),
        )
        .await;
    }

    let cases = [
        (
            "/delivery-legs/events",
            leg_event("CODES-1", "TELEPORTED", "2024-05-02T08:00:00Z"),
            "eventCode: \"TELEPORTED\" is not a Metapack event code of delivery leg events (one of the 83 values the documentation lists)",
        ),
        (
            "/delivery-legs/events",
            leg_event("CODES-1", "delivered", "2024-05-02T08:00:00Z"),
            "eventCode: \"delivered\" is not a Metapack event code of delivery leg events; send \"DELIVERED\"",
        ),
        (
            // A pre-allocation code is not a delivery leg event.
            "/delivery-legs/events",
            leg_event("CODES-1", "ORDER_ACCEPTED", "2024-05-02T08:00:00Z"),
            "eventCode: \"ORDER_ACCEPTED\" is not a Metapack event code of delivery leg events (one of the 83 values the documentation lists)",
        ),
        (
            // And a post-allocation code is not a delivery event.
            "/deliveries/events",
            delivery_event("CODES-D", "DELIVERED", "2024-05-01T08:00:00Z"),
            "eventCode: \"DELIVERED\" is not a Metapack event code of delivery events (one of the 21 values the documentation lists)",
        ),
        (
            "/deliveries/events",
            delivery_event("CODES-D", "Order_Accepted", "2024-05-01T08:00:00Z"),
            "eventCode: \"Order_Accepted\" is not a Metapack event code of delivery events; send \"ORDER_ACCEPTED\"",
        ),
    ];
    for (path, body, expected) in cases {
        let response = f.post(path, body.clone()).await;
        let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
        assert_eq!(message, expected, "POST {path} {body}");
    }

    // Only the accepted events were stored.
    let journeys = f.journeys(&[("trackingIdentifier", "CODES-1")]).await;
    assert_eq!(journeys.len(), 1);
    let events = journeys[0]["events"].as_array().map_or(0, Vec::len);
    assert_eq!(events, leg_codes.len(), "{}", journeys[0]);
}
