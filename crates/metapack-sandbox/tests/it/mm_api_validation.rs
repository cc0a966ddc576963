//! The MM-API sandbox judges requests with its own reading of the reference: closed value
//! lists (Appendix B), constraints (Appendix A), address rules (Appendix D) and version
//! ranges (Appendix E), answered as `400 O-VAL-2000` with the constraint violations.

use crate::common::{http, mm_bearer};
use metapack_sandbox::Sandbox;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const V0: &str = "application/vnd.metapack.mm.v0+json";

/// A started sandbox, a client and a bearer token.
struct Fixture {
    sandbox: Sandbox,
    http: reqwest::Client,
    token: String,
}

impl Fixture {
    async fn new() -> Self {
        let sandbox = Sandbox::builder().start().await.expect("sandbox starts");
        let http = http();
        let token = mm_bearer(&http, &sandbox).await;
        Self {
            sandbox,
            http,
            token,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.sandbox.mm_api().url()))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request
                .header("content-type", content_type)
                .body(serde_json::to_vec(body).unwrap());
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let bytes = response.bytes().await.unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// Sends a body that must be refused, answering its violations as `field code` lines.
    async fn refused(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: &Value,
    ) -> Vec<String> {
        let (status, answer) = self.send(method, path, content_type, Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        assert_eq!(answer["code"], "O-VAL-2000", "{answer}");
        assert_eq!(answer["message"], "General validation error");
        violations(&answer)
    }
}

fn violations(answer: &Value) -> Vec<String> {
    answer["constraintViolations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            format!(
                "{} {}",
                v["field"].as_str().unwrap(),
                v["code"].as_str().unwrap()
            )
        })
        .collect()
}

/// The reference's allocation example (3.2.1), from `specs/examples/`.
fn documented_shipment() -> Value {
    serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../specs/examples/mm-api/allocate_shipment.request.json"
    )))
    .expect("specs/examples/mm-api/allocate_shipment.request.json is JSON")
}

fn with(body: &Value, at: &str, value: Value) -> Value {
    let mut body = body.clone();
    let (parent, key) = at.rsplit_once('/').unwrap();
    body.pointer_mut(parent).unwrap()[key] = value;
    body
}

#[tokio::test]
async fn the_references_example_is_allocated() {
    let fixture = Fixture::new().await;
    // The reference's date (2024-11-19) has passed, and a window that closed is refused
    // (`DeliveryWindow`, the conformance test checks it): the same query a week ahead.
    let latest = (chrono::Utc::now() + chrono::Duration::days(7)).format("%Y-%m-%dT%H:%M:%S%.3fZ");
    let path = format!("/consignments?logisticsServiceGroup=Domestic&latestDeliveryDate={latest}");
    let (status, answer) = fixture
        .send(Method::POST, &path, V0, Some(&documented_shipment()))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["@type"], "Consignment");
}

#[tokio::test]
async fn values_outside_appendix_b_are_refused() {
    let fixture = Fixture::new().await;
    let doc = documented_shipment();
    let mut item = json!({
        "@type": "HazardousTradeItem", "countryOfOrigin": "CHN", "fabricContent": "none",
        "harmonisedCode": "3303", "productCode": "P-1", "description": "Perfume",
        "quantity": 1, "productType": "Cosmetics",
        "unitValue": {"value": 30, "currencyCode": "GBP"},
        "unitWeight": {"value": 0.1, "unit": "KG"},
        "codes": ["UN1266"], "materialAttributes": ["LIQUID"]
    });
    let cases = [
        ("/type", json!("OFFICE"), "type SupportedValue"),
        ("/type", json!("delivery"), "type SupportedValue"),
        (
            "/logisticsUnits/0/weight/unit",
            json!("LB"),
            "logisticsUnits[0].weight.unit SupportedValue",
        ),
        (
            "/logisticsUnits/0/weight/unit",
            json!("kg"),
            "logisticsUnits[0].weight.unit SupportedValue",
        ),
        (
            "/logisticsUnits/0/dimension/unit",
            json!("IN"),
            "logisticsUnits[0].dimension.unit SupportedValue",
        ),
        ("/incoterms", json!("XYZ"), "incoterms Enum"),
        (
            "/shipmentAttributes",
            json!({"proofOfDeliveryType": "PHOTO"}),
            "shipmentAttributes.proofOfDeliveryType Enum",
        ),
        (
            "/receiver/contact/notifications/0/notificationType",
            json!("FAX"),
            "receiver.contact.notifications[0].notificationType Enum",
        ),
        (
            "/receiver/contact/timeZone",
            json!("Europe/Atlantis"),
            "receiver.contact.timeZone SupportedValue",
        ),
        (
            "/receiver/contact/language",
            json!("xx"),
            "receiver.contact.language SupportedValue",
        ),
        (
            "/destination/address/country",
            json!("XXX"),
            "destination.address.country SupportedValue",
        ),
        (
            "/destination/address/country",
            json!("gbr"),
            "destination.address.country SupportedValue",
        ),
    ];
    for (at, value, expected) in cases {
        let body = with(&doc, at, value.clone());
        let found = fixture
            .refused(Method::POST, "/consignments", V0, &body)
            .await;
        assert_eq!(found, [expected], "{at} = {value}");
    }
    item["materialAttributes"] = json!(["SOLID"]);
    let body = with(&doc, "/logisticsUnits/0/tradeItems", json!([item.clone()]));
    let found = fixture
        .refused(Method::POST, "/consignments", V0, &body)
        .await;
    assert_eq!(
        found,
        ["logisticsUnits[0].tradeItems[0].materialAttributes[0] Enum"]
    );
    item["@type"] = json!("Gadget");
    item["materialAttributes"] = json!(["LIQUID"]);
    let body = with(&doc, "/logisticsUnits/0/tradeItems", json!([item]));
    let found = fixture
        .refused(Method::POST, "/consignments", V0, &body)
        .await;
    assert_eq!(
        found,
        ["logisticsUnits[0].tradeItems[0].@type SupportedValue"]
    );

    // The other bodies.
    let found = fixture
        .refused(Method::POST, "/consignment-lists", V0, &json!({"type": "OPEN_LIST", "consignments": ["https://example.metapack.com/consignments/1"]}))
        .await;
    assert_eq!(found, ["type SupportedValue"]);
    let found = fixture
        .refused(Method::PATCH, "/consignments", V0, &json!({"status": "SHIPPED", "consignments": ["https://example.metapack.com/consignments/1"]}))
        .await;
    assert_eq!(found, ["status Enum"]);
}

#[tokio::test]
async fn appendix_d_and_version_ranges_are_applied() {
    let fixture = Fixture::new().await;
    let doc = documented_shipment();
    // The United States require a province; the United Kingdom a postal code.
    let usa = with(
        &doc,
        "/destination/address",
        json!({"country": "USA", "city": "Boston", "postalCode": "02110", "street": "1 Main St"}),
    );
    let found = fixture
        .refused(Method::POST, "/consignments", V0, &usa)
        .await;
    assert_eq!(found, ["destination.address.province ValidAddressFormat"]);
    let gbr = with(&doc, "/destination/address/postalCode", Value::Null);
    let found = fixture
        .refused(Method::POST, "/consignments", V0, &gbr)
        .await;
    assert_eq!(found, ["destination.address.postalCode ValidAddressFormat"]);
    // Nepal has no row: city and street only.
    let npl = with(
        &doc,
        "/destination/address",
        json!({"country": "NPL", "city": "Kathmandu", "street": "Durbar Marg"}),
    );
    let (status, answer) = fixture
        .send(Method::POST, "/consignments", V0, Some(&npl))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    // Agent URIs are [0.7.5,): v0.7.1 refuses the example's sender and origin.
    let found = fixture
        .refused(
            Method::POST,
            "/consignments",
            "application/vnd.metapack.mm.v0.7.1+json",
            &doc,
        )
        .await;
    assert_eq!(
        found,
        ["origin.uri SupportedValue", "sender.uri SupportedValue"]
    );
    // Status updates are [0.14.0,).
    let found = fixture
        .refused(
            Method::PATCH,
            "/consignments/7464dc6a-631d-47dc-8ac8-97726815204c",
            "application/vnd.metapack.mm.v0.7.5+json",
            &json!({"status": "READY_TO_MANIFEST"}),
        )
        .await;
    assert_eq!(found, ["status SupportedValue"]);
}

#[tokio::test]
async fn a_wrong_json_type_is_a_binding_failure_reported_alone() {
    let fixture = Fixture::new().await;
    let mut body = with(
        &documented_shipment(),
        "/logisticsUnits/0/weight/value",
        json!("two"),
    );
    body["shipmentRef"] = json!("x".repeat(41));
    let (status, answer) = fixture
        .send(Method::POST, "/consignments", V0, Some(&body))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        violations(&answer),
        ["logisticsUnits[0].weight.value CompatibleType"]
    );
    let violation = &answer["constraintViolations"][0];
    assert_eq!(violation["bindingFailure"], true);
    assert_eq!(violation["rejectedValue"], "two");
    assert_eq!(violation["objectName"], "shipment");
}

#[tokio::test]
async fn document_parameters_outside_b2_and_b3_are_refused() {
    let fixture = Fixture::new().await;
    let (status, consignment) = fixture
        .send(
            Method::POST,
            "/consignments",
            V0,
            Some(&documented_shipment()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let label = consignment["logisticsUnitDocuments"][0]["documents"][0]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    for (query, expected) in [
        ("format=PCL", "format SupportedValue"),
        ("format=zpl", "format SupportedValue"),
        ("dpi=600", "dpi SupportedValue"),
        ("format=ZPL&dpi=150", "dpi SupportedValue"),
    ] {
        let response = fixture
            .http
            .get(format!("{label}?{query}"))
            .bearer_auth(&fixture.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(violations(&answer), [expected], "{query}");
    }
    let response = fixture
        .http
        .get(format!("{label}?format=ZPL&dpi=300"))
        .bearer_auth(&fixture.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.bytes().await.unwrap().starts_with(b"^XA"));
}

#[tokio::test]
async fn a_delivery_window_that_has_closed_is_an_allocation_error() {
    let fixture = Fixture::new().await;
    let path =
        "/consignments?logisticsServiceGroup=Domestic&latestDeliveryDate=2024-11-19T14:26:11.261Z";
    let (status, answer) = fixture
        .send(Method::POST, path, V0, Some(&documented_shipment()))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["code"], "O-ALE-4000");
    assert_eq!(answer["allocationErrors"][0]["code"], "DeliveryWindow");
}
