//! The MM-API of the sandbox, over loopback HTTP with a plain `reqwest` client.

use crate::common::{http, mm_bearer, mm_token_request};
use std::time::Duration;

use metapack_sandbox::{MM_API_SEEDED_SHIPMENTS, Sandbox, SandboxBuilder};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const PDF: &[u8] = b"%PDF-";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
const V0: &str = "application/vnd.metapack.mm.v0+json";

/// A started sandbox, a client and a bearer token.
struct Fixture {
    sandbox: Sandbox,
    http: reqwest::Client,
    token: String,
}

impl Fixture {
    async fn new() -> Self {
        Self::with(Sandbox::builder()).await
    }

    async fn with(builder: SandboxBuilder) -> Self {
        let sandbox = builder.start().await.expect("sandbox starts");
        let http = http();
        let token = mm_bearer(&http, &sandbox).await;
        Self {
            sandbox,
            http,
            token,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.mm_api().url())
    }

    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, self.url(path))
            .bearer_auth(&self.token)
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
        let request = self.request(method, path);
        let request = match body {
            Some(body) => request
                .header("content-type", V0)
                .body(serde_json::to_vec(&body).unwrap()),
            None => request,
        };
        request.send().await.unwrap()
    }

    /// Allocates `shipment` (201), answering the consignment's UUID and the consignment.
    async fn allocate(&self, shipment: Value) -> (String, Value) {
        let response = self
            .send(Method::POST, "/consignments", Some(shipment))
            .await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let id = body["@id"].as_str().unwrap();
        let uuid = id.rsplit('/').next().unwrap().to_owned();
        (uuid, body)
    }

    fn consignment_url(&self, uuid: &str) -> String {
        self.url(&format!("/consignments/{uuid}"))
    }
}

fn shipment(weight: f64) -> Value {
    let address = json!({
        "country": "GBR", "city": "London", "street": "Gray's Inn Road", "postalCode": "WC1X 8XZ"
    });
    let contact =
        json!({"firstname": "Andrew", "lastname": "Neal", "email": "example@metapack.com"});
    json!({
        "shipmentRef": "ORDER-1",
        "type": "DELIVERY",
        "sender": {"uri": "https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742"},
        "receiver": {"address": address, "contact": contact},
        "destination": {"address": address, "contact": contact},
        "logisticsUnits": [
            {"weight": {"unit": "KG", "value": weight}, "dimension": {"unit": "CM", "width": 5.0, "height": 5.0, "depth": 5.0}},
            {"weight": {"unit": "KG", "value": 1.0}, "dimension": {"unit": "CM", "width": 5.0, "height": 5.0, "depth": 5.0}}
        ]
    })
}

async fn error_body(response: reqwest::Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["httpStatus"], status.as_u16().to_string());
    assert!(body["timestamp"].is_string());
    assert!(body["message"].is_string());
    let correlation = body["correlationID"].as_str().unwrap_or_default();
    assert!(
        uuid::Uuid::try_parse(correlation).is_ok(),
        "correlationID {correlation:?} is a UUID on every path"
    );
    body
}

#[tokio::test]
async fn tokens_are_issued_for_the_client_credentials_only() {
    let sandbox = Sandbox::builder()
        .mm_api_client_credentials("client-1", "s3cret")
        .start()
        .await
        .unwrap();
    assert_eq!(
        sandbox.mm_api().client_credentials(),
        ("client-1", "s3cret")
    );
    assert_eq!(
        sandbox.mm_api().url(),
        format!("{}/mm-api", sandbox.base_url())
    );
    let http = http();
    let response = mm_token_request(&http, &sandbox, "client-1", "s3cret").await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 3600);
    assert!(body["access_token"].as_str().is_some_and(|t| t.len() >= 32));

    let response = mm_token_request(&http, &sandbox, "client-1", "wrong").await;
    error_body(response, StatusCode::UNAUTHORIZED, "O-INT-1000").await;

    let response = http
        .post(format!("{}/auth", sandbox.mm_api().url()))
        .basic_auth("client-1", Some("s3cret"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=password")
        .send()
        .await
        .unwrap();
    error_body(response, StatusCode::BAD_REQUEST, "O-VAL-2003").await;

    // The form is read as a form: a raw space elsewhere does not hide grant_type.
    let response = http
        .post(format!("{}/auth", sandbox.mm_api().url()))
        .basic_auth("client-1", Some("s3cret"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("scope=read write&grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn absent_unknown_and_expired_tokens_answer_401() {
    let fixture =
        Fixture::with(Sandbox::builder().mm_api_token_lifetime(Duration::from_millis(600))).await;
    let path = format!("/shipments/{}", MM_API_SEEDED_SHIPMENTS[0]);

    let response = fixture.http.get(fixture.url(&path)).send().await.unwrap();
    assert!(
        response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    error_body(response, StatusCode::UNAUTHORIZED, "O-INT-1000").await;

    let response = fixture
        .http
        .get(fixture.url(&path))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    error_body(response, StatusCode::UNAUTHORIZED, "O-INT-1000").await;

    // Valid now...
    let response = fixture.send(Method::GET, &path, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let shipment: Value = response.json().await.unwrap();
    assert_eq!(shipment["type"], "DELIVERY");
    assert_eq!(shipment["@id"], fixture.url(&path));

    // ...and no longer once expired.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let response = fixture.send(Method::GET, &path, None).await;
    let body = error_body(response, StatusCode::UNAUTHORIZED, "O-INT-1000").await;
    assert!(body["message"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn bodies_need_a_versioned_content_type() {
    let fixture = Fixture::new().await;
    for content_type in ["application/json", "application/vnd.metapack.mm.v9.9+json"] {
        let response = fixture
            .request(Method::POST, "/consignments")
            .header("content-type", content_type)
            .body(shipment(2.0).to_string())
            .send()
            .await
            .unwrap();
        let body = error_body(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "O-VAL-2001").await;
        assert!(body["message"].as_str().unwrap().contains(content_type));
    }
    let response = fixture
        .request(Method::PATCH, "/consignments")
        .body("{}")
        .send()
        .await
        .unwrap();
    error_body(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "O-VAL-2001").await;

    // Every documented version is accepted.
    let response = fixture
        .request(Method::POST, "/consignments")
        .header(
            "content-type",
            "application/vnd.metapack.mm.v1.0+json; charset=UTF-8",
        )
        .body(shipment(2.0).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn allocation_creates_a_consignment_with_label_documents() {
    let fixture = Fixture::new().await;
    let response = fixture
        .send(Method::POST, "/consignments", Some(shipment(2.0)))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let consignment: Value = response.json().await.unwrap();
    assert_eq!(consignment["@id"], location);
    assert!(location.starts_with(&fixture.url("/consignments/")));
    assert_eq!(consignment["@type"], "Consignment");
    let uuid = location.rsplit('/').next().unwrap();
    assert_eq!(
        consignment["shipmentUrl"],
        fixture.url(&format!("/shipments/{uuid}"))
    );
    assert!(consignment["deliveryPromise"]["logisticsService"].is_string());
    let units = consignment["logisticsUnitDocuments"].as_array().unwrap();
    assert_eq!(units.len(), 2);
    let label = units[0]["documents"][0]["url"].as_str().unwrap().to_owned();
    assert_eq!(units[0]["documents"][0]["type"], "label");
    assert!(label.starts_with(&fixture.url(&format!("/documents/{uuid}/"))));
    assert!(units[0]["trackingCode"].is_string());

    // The consignment and its shipment can be read back.
    let response = fixture
        .http
        .get(&location)
        .bearer_auth(&fixture.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<Value>().await.unwrap(), consignment);
    let response = fixture
        .send(Method::GET, &format!("/shipments/{uuid}"), None)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let stored: Value = response.json().await.unwrap();
    assert_eq!(stored["shipmentRef"], "ORDER-1");

    // The label in each format, with real magic bytes and its media type.
    for (query, media_type, magic) in [
        ("", "application/pdf", PDF),
        ("?format=PDF", "application/pdf", PDF),
        ("?format=PNG&dpi=300", "image/png", PNG),
        ("?format=ZPL&dpi=200", "text/zpl", b"^XA".as_slice()),
    ] {
        let response = fixture
            .http
            .get(format!("{label}{query}"))
            .bearer_auth(&fixture.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{query}");
        assert_eq!(response.headers()["content-type"], media_type);
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with(magic), "{query}");
    }
    let response = fixture
        .http
        .get(format!("{label}?format=PCL"))
        .bearer_auth(&fixture.token)
        .send()
        .await
        .unwrap();
    let body = error_body(response, StatusCode::BAD_REQUEST, "O-VAL-2000").await;
    assert_eq!(body["constraintViolations"][0]["field"], "format");
    let response = fixture
        .send(Method::GET, &format!("/documents/{uuid}/nope/label"), None)
        .await;
    error_body(response, StatusCode::NOT_FOUND, "O-NFO-3004").await;
}

#[tokio::test]
async fn seeded_shipments_are_allocated_by_uri() {
    let fixture = Fixture::new().await;
    let uuid = MM_API_SEEDED_SHIPMENTS[1];
    let shipment_url = fixture.url(&format!("/shipments/{uuid}"));
    let (consignment_uuid, consignment) = fixture.allocate(json!(shipment_url)).await;
    assert_eq!(consignment_uuid, uuid);
    assert_eq!(consignment["shipmentUrl"], shipment_url);
    assert_eq!(
        consignment["logisticsUnitDocuments"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Allocating it again fails; an unknown shipment is not found.
    let response = fixture
        .send(
            Method::POST,
            "/consignments",
            Some(json!({"@id": shipment_url})),
        )
        .await;
    error_body(response, StatusCode::BAD_REQUEST, "O-ALE-4000").await;
    let unknown = fixture.url("/shipments/00000000-0000-4000-8000-000000000000");
    let response = fixture
        .send(Method::POST, "/consignments", Some(json!(unknown)))
        .await;
    error_body(response, StatusCode::NOT_FOUND, "O-NFO-3001").await;
}

#[tokio::test]
async fn invalid_shipments_answer_constraint_violations() {
    let fixture = Fixture::new().await;
    let mut invalid = shipment(2.0);
    invalid.as_object_mut().unwrap().remove("logisticsUnits");
    invalid["receiver"]["contact"]["email"] = json!("not-an-email");
    let response = fixture
        .send(Method::POST, "/consignments", Some(invalid))
        .await;
    let body = error_body(response, StatusCode::BAD_REQUEST, "O-VAL-2000").await;
    assert_eq!(body["message"], "General validation error");
    let violations = body["constraintViolations"].as_array().unwrap();
    let units = violations
        .iter()
        .find(|v| v["field"] == "logisticsUnits")
        .expect("a violation on logisticsUnits");
    assert_eq!(units["code"], "NotNull");
    assert_eq!(units["objectName"], "shipment");
    assert_eq!(units["bindingFailure"], false);
    assert!(units.get("rejectedValue").is_some());
    assert!(
        violations
            .iter()
            .any(|v| v["code"] == "Email" && v["field"] == "receiver.contact.email")
    );

    // A value of the wrong JSON type is a binding failure.
    let mut wrong_type = shipment(2.0);
    wrong_type["logisticsUnits"][0]["weight"]["value"] = json!("heavy");
    let response = fixture
        .send(Method::POST, "/consignments", Some(wrong_type))
        .await;
    let body = error_body(response, StatusCode::BAD_REQUEST, "O-VAL-2000").await;
    assert_eq!(body["constraintViolations"][0]["bindingFailure"], true);

    // A unit too heavy for any service fails allocation.
    let response = fixture
        .send(Method::POST, "/consignments", Some(shipment(45.0)))
        .await;
    let body = error_body(response, StatusCode::BAD_REQUEST, "O-ALE-4000").await;
    assert_eq!(body["allocationErrors"][0]["code"], "TooHigh");
}

#[tokio::test]
async fn deallocation_codes() {
    let fixture = Fixture::new().await;
    let (open, _) = fixture.allocate(shipment(2.0)).await;
    let response = fixture
        .send(Method::DELETE, &format!("/consignments/{open}"), None)
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    // The consignment and its shipment are gone...
    let response = fixture
        .send(Method::GET, &format!("/consignments/{open}"), None)
        .await;
    error_body(response, StatusCode::NOT_FOUND, "O-NFO-3003").await;
    let response = fixture
        .send(Method::GET, &format!("/shipments/{open}"), None)
        .await;
    error_body(response, StatusCode::NOT_FOUND, "O-NFO-3001").await;
    // ...and a repeat is O-ALE-4002.
    let response = fixture
        .send(Method::DELETE, &format!("/consignments/{open}"), None)
        .await;
    error_body(response, StatusCode::BAD_REQUEST, "O-ALE-4002").await;

    // Once its list is closed, O-ALE-4001.
    let (closed, _) = fixture.allocate(shipment(2.0)).await;
    let response = fixture
        .send(
            Method::POST,
            "/consignment-lists",
            Some(json!({"type": "CLOSE_LIST", "consignments": [fixture.consignment_url(&closed)]})),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = fixture
        .send(Method::DELETE, &format!("/consignments/{closed}"), None)
        .await;
    error_body(response, StatusCode::CONFLICT, "O-ALE-4001").await;

    let response = fixture
        .send(
            Method::DELETE,
            "/consignments/00000000-0000-4000-8000-000000000000",
            None,
        )
        .await;
    error_body(response, StatusCode::NOT_FOUND, "O-NFO-3003").await;
}

#[tokio::test]
async fn status_updates_answer_200_207_or_3006() {
    let fixture = Fixture::new().await;
    let (a, _) = fixture.allocate(shipment(2.0)).await;
    let (b, _) = fixture.allocate(shipment(3.0)).await;

    // One consignment.
    let response = fixture
        .send(
            Method::PATCH,
            &format!("/consignments/{a}"),
            Some(json!({"status": "HOLD_TO_MANIFEST"})),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = fixture
        .send(
            Method::PATCH,
            &format!("/consignments/{a}"),
            Some(json!({"status": "SHIPPED"})),
        )
        .await;
    let body = error_body(response, StatusCode::BAD_REQUEST, "O-VAL-2000").await;
    assert_eq!(body["constraintViolations"][0]["field"], "status");

    // All of them: 200.
    let all = json!({
        "status": "READY_TO_MANIFEST",
        "consignments": [fixture.consignment_url(&a), fixture.consignment_url(&b)]
    });
    let response = fixture
        .send(Method::PATCH, "/consignments", Some(all))
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    // Close b; then only a can change: 207.
    let response = fixture
        .send(
            Method::POST,
            "/consignment-lists",
            Some(json!({"type": "CLOSE_LIST", "consignments": [fixture.consignment_url(&b)]})),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let some = json!({
        "status": "HOLD_TO_MANIFEST",
        "consignments": [fixture.consignment_url(&a), fixture.consignment_url(&b)]
    });
    let response = fixture
        .send(Method::PATCH, "/consignments", Some(some))
        .await;
    assert_eq!(response.status(), StatusCode::MULTI_STATUS);

    // None of them: O-NFO-3006.
    let none = json!({
        "status": "READY_TO_MANIFEST",
        "consignments": [
            fixture.consignment_url(&b),
            fixture.consignment_url("00000000-0000-4000-8000-000000000000")
        ]
    });
    let response = fixture
        .send(Method::PATCH, "/consignments", Some(none))
        .await;
    let body = error_body(response, StatusCode::NOT_FOUND, "O-NFO-3006").await;
    assert!(body["correlationID"].is_string());
    let response = fixture
        .send(
            Method::PATCH,
            &format!("/consignments/{b}"),
            Some(json!({"status": "READY_TO_MANIFEST"})),
        )
        .await;
    error_body(response, StatusCode::NOT_FOUND, "O-NFO-3006").await;
}

#[tokio::test]
async fn closing_a_list_answers_201_or_409() {
    let fixture = Fixture::new().await;
    let (a, _) = fixture.allocate(shipment(2.0)).await;
    let (b, _) = fixture.allocate(shipment(2.0)).await;
    let (held, _) = fixture.allocate(shipment(2.0)).await;
    let response = fixture
        .send(
            Method::PATCH,
            &format!("/consignments/{held}"),
            Some(json!({"status": "HOLD_TO_MANIFEST"})),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    let response = fixture
        .send(
            Method::POST,
            "/consignment-lists",
            Some(json!({
                "type": "CLOSE_LIST",
                "consignments": [fixture.consignment_url(&a), fixture.consignment_url(&b)],
                "consignmentListId": "My Reference number"
            })),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, fixture.url("/consignment-lists/1"));
    let reference: Value = response.json().await.unwrap();
    assert_eq!(
        reference,
        json!({"@id": location, "type": "CLOSE_LIST", "consignmentListId": "My Reference number"})
    );

    // A closed (manifested) or held consignment cannot be closed: 409 O-COL-6001.
    for uuid in [&a, &held] {
        let response = fixture
            .send(
                Method::POST,
                "/consignment-lists",
                Some(
                    json!({"type": "CLOSE_LIST", "consignments": [fixture.consignment_url(uuid)]}),
                ),
            )
            .await;
        error_body(response, StatusCode::CONFLICT, "O-COL-6001").await;
    }

    // An invalid list is a constraint violation.
    let response = fixture
        .send(
            Method::POST,
            "/consignment-lists",
            Some(json!({"type": "OPEN_LIST"})),
        )
        .await;
    let body = error_body(response, StatusCode::BAD_REQUEST, "O-VAL-2000").await;
    assert!(body["constraintViolations"].as_array().unwrap().len() >= 2);
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_the_mm_api_body() {
    let fixture = Fixture::new().await;
    let response = fixture.send(Method::GET, "/nowhere", None).await;
    error_body(response, StatusCode::NOT_FOUND, "O-NFO-3000").await;
    let response = fixture.send(Method::PUT, "/consignment-lists", None).await;
    error_body(response, StatusCode::METHOD_NOT_ALLOWED, "O-VAL-2009").await;
    let response = fixture
        .send(Method::GET, "/shipments/not-a-uuid", None)
        .await;
    error_body(response, StatusCode::NOT_FOUND, "O-NFO-3001").await;
}

#[tokio::test]
async fn v1_allocations_answer_a_return_label() {
    let fixture = Fixture::new().await;
    let response = fixture
        .request(Method::POST, "/consignments")
        .header("content-type", "application/vnd.metapack.mm.v1.0+json")
        .body(serde_json::to_vec(&shipment(2.0)).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let consignment: Value = response.json().await.unwrap();
    let returns = consignment["returnLogisticsUnitDocuments"]
        .as_array()
        .expect("return units on v1.0");
    assert_eq!(returns.len(), 1);
    assert_eq!(returns[0]["@type"], "LogisticsUnit");
    let label = returns[0]["documents"][0]["url"].as_str().unwrap();
    let response = fixture
        .http
        .get(label)
        .bearer_auth(&fixture.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.bytes().await.unwrap().starts_with(PDF));

    // v0 answers none.
    let (_, consignment) = fixture.allocate(shipment(2.0)).await;
    assert!(consignment.get("returnLogisticsUnitDocuments").is_none());
}

#[tokio::test]
async fn the_data_host_serves_logistics_services_without_auth() {
    let fixture = Fixture::new().await;
    let data = fixture.sandbox.mm_api().data_url().to_owned();
    let (_, consignment) = fixture.allocate(shipment(2.0)).await;
    let service = consignment["deliveryPromise"]["logisticsService"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(service, format!("{data}/logistics-services/sandbox-48"));

    let response = fixture.http.get(&service).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["@id"], service);
    assert_eq!(body["@type"], "LogisticsService");
    assert_eq!(body["baseLogisticsService"], service);
    assert!(body["logisticsProvider"].is_string());

    let response = fixture
        .http
        .get(format!("{data}/logistics-services/sandbox-48;SAFE"))
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["complimentaryServices"][0]["code"], "SAFE");
    assert_eq!(body["baseLogisticsService"], service);

    let response = fixture
        .http
        .get(format!("{data}/logistics-services/nope"))
        .send()
        .await
        .unwrap();
    error_body(response, StatusCode::NOT_FOUND, "O-NFO-3000").await;
    let response = fixture.http.post(&service).send().await.unwrap();
    error_body(response, StatusCode::METHOD_NOT_ALLOWED, "O-VAL-2009").await;
}

#[tokio::test]
async fn consignments_leaving_the_uk_have_customs_documents() {
    let fixture = Fixture::new().await;
    let mut international = shipment(2.0);
    let paris = json!({"country": "FRA", "city": "Paris", "street": "Rue de Rivoli", "postalCode": "75001"});
    international["destination"]["address"] = paris.clone();
    international["receiver"]["address"] = paris;
    international["logisticsUnits"][0]["tradeItems"] = json!([{
        "productCode": "SKU-1", "description": "Wool scarf", "harmonisedCode": "611710",
        "countryOfOrigin": "GBR", "quantity": 2, "fabricContent": "100% wool",
        "productType": "Clothing", "unitWeight": {"unit": "KG", "value": 0.2},
        "unitValue": {"value": 25.0, "currencyCode": "GBP"}
    }]);
    let (uuid, consignment) = fixture.allocate(international).await;
    let documents = consignment["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 2, "{consignment}");
    assert!(documents.iter().all(|d| d["type"] == "paperwork"));
    let urls: Vec<&str> = documents
        .iter()
        .map(|d| d["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            fixture.url(&format!("/documents/{uuid}/customs")),
            fixture.url(&format!("/documents/{uuid}/invoice")),
        ]
    );
    // The declaration follows the label's format; the invoice is a PDF whatever is asked.
    for (url, query, media_type, magic) in [
        (urls[0], "?format=PNG", "image/png", PNG),
        (urls[0], "?format=ZPL", "text/zpl", b"^XA".as_slice()),
        (urls[1], "?format=PNG", "application/pdf", PDF),
    ] {
        let response = fixture
            .http
            .get(format!("{url}{query}"))
            .bearer_auth(&fixture.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{url}{query}");
        assert_eq!(response.headers()["content-type"], media_type);
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with(magic));
        if url == urls[1] {
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.contains("COMMERCIAL INVOICE") && text.contains("Wool scarf"));
            assert!(text.contains("611710") && text.contains("25.00 GBP"));
        }
    }

    // A domestic consignment has none, and asking for them is a missing document.
    let (domestic, consignment) = fixture.allocate(shipment(2.0)).await;
    assert_eq!(consignment["documents"], json!([]));
    let response = fixture
        .send(Method::GET, &format!("/documents/{domestic}/invoice"), None)
        .await;
    error_body(response, StatusCode::NOT_FOUND, "O-NFO-3004").await;
}

#[tokio::test]
async fn debug_output_carries_no_secret_and_any_token_lifetime_is_accepted() {
    let builder = Sandbox::builder()
        .tracking_credentials("t", "tracking-secret-1")
        .shipping_credentials("s", "shipping-secret-2")
        .mm_api_client_credentials("m", "mm-secret-3")
        .mm_api_token_lifetime(Duration::MAX);
    let fixture = Fixture::with(builder.clone()).await;
    for text in [format!("{builder:?}"), format!("{:?}", fixture.sandbox)] {
        for secret in ["tracking-secret-1", "shipping-secret-2", "mm-secret-3"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(!text.contains(&fixture.token), "a bearer token in {text}");
    }
    // The token from Duration::MAX works.
    let response = fixture
        .send(
            Method::GET,
            &format!("/shipments/{}", MM_API_SEEDED_SHIPMENTS[0]),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}
