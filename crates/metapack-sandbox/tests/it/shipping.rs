//! The Shipping API of the sandbox, over loopback HTTP with a plain `reqwest` client.

use crate::common::{error_body, http};
use std::io::{Cursor, Read as _};
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use metapack_sandbox::{
    CatalogueService, DEFAULT_PASSWORD, DEFAULT_USERNAME, Sandbox, ShippingCatalogue,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const PDF: &[u8] = b"%PDF-";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
const ZIP: &[u8] = b"PK\x03\x04";
const CONFLICT: &str = "CONSIGNMENT_STATUS_CONFLICT";

/// A started sandbox with a client sending its Shipping credentials.
struct Fixture {
    sandbox: Sandbox,
    http: reqwest::Client,
}

impl Fixture {
    async fn new() -> Self {
        Self::with(Sandbox::builder()).await
    }

    async fn with(builder: metapack_sandbox::SandboxBuilder) -> Self {
        let sandbox = builder.start().await.expect("sandbox starts");
        Self {
            sandbox,
            http: http(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.shipping().url())
    }

    fn authed(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let (username, password) = self.sandbox.shipping().credentials();
        self.http
            .request(method, self.url(path))
            .basic_auth(username, Some(password))
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
        let request = self.authed(method, path);
        let request = match body {
            Some(body) => request.json(&body),
            None => request,
        };
        request.send().await.expect("request sent")
    }

    async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.send(Method::POST, path, Some(body)).await
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.send(Method::GET, path, None).await
    }

    async fn delete(&self, path: &str) -> reqwest::Response {
        self.send(Method::DELETE, path, None).await
    }

    /// Sends and asserts the status; returns the JSON body (null when empty).
    async fn expect(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        status: StatusCode,
    ) -> Value {
        let response = self.send(method.clone(), path, body).await;
        let actual = response.status();
        let text = response.text().await.unwrap_or_default();
        assert_eq!(actual, status, "{method} {path}: {text}");
        if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method} {path}: {e}: {text}"))
        }
    }

    /// Creates a consignment; returns its code.
    async fn create(&self, body: Value) -> String {
        let created = self
            .expect(
                Method::POST,
                "/consignments",
                Some(body),
                StatusCode::CREATED,
            )
            .await;
        created["consignment"]["consignmentCode"]
            .as_str()
            .expect("a consignment code")
            .to_owned()
    }

    async fn consignment(&self, code: &str) -> Value {
        let body = self
            .expect(
                Method::GET,
                &format!("/consignments/{code}"),
                None,
                StatusCode::OK,
            )
            .await;
        body["consignment"].clone()
    }

    async fn status(&self, code: &str) -> String {
        self.consignment(code).await["status"]
            .as_str()
            .expect("a status")
            .to_owned()
    }

    async fn allocate(&self, code: &str) -> Value {
        self.expect(
            Method::POST,
            &format!("/consignments/{code}/service"),
            Some(json!({})),
            StatusCode::CREATED,
        )
        .await
    }

    /// Gets consignment paperwork (query string included in `query`).
    async fn paperwork(&self, code: &str, query: &str) -> Value {
        self.expect(
            Method::GET,
            &format!("/consignments/{code}/paperwork{query}"),
            None,
            StatusCode::OK,
        )
        .await
    }

    async fn ready_to_ship(&self, code: &str, ready: bool) -> reqwest::Response {
        self.authed(Method::POST, &format!("/consignments/{code}/status"))
            .query(&[("readyToShip", ready.to_string())])
            .send()
            .await
            .expect("request sent")
    }

    /// A new consignment brought to `status` (its own manifest group, so that manifesting
    /// takes only it).
    async fn consignment_in(&self, status: &str) -> String {
        let group = format!("GROUP-{}", NEXT_GROUP.fetch_add(1, Ordering::Relaxed));
        let mut body = gb_consignment("ORDER-STATUS", 2);
        body["consignment"]["manifestGroupCode"] = json!(group);
        let code = self.create(body).await;
        if status == "unallocated" {
            return code;
        }
        self.allocate(&code).await;
        if status == "allocated" {
            return code;
        }
        self.paperwork(&code, "").await;
        if status == "printed" {
            return code;
        }
        assert_eq!(
            self.ready_to_ship(&code, true).await.status(),
            StatusCode::NO_CONTENT
        );
        if status == "readyToManifest" {
            return code;
        }
        self.expect(
            Method::POST,
            "/manifests",
            Some(json!({
                "carrierCode": "SBXPOST",
                "shippingLocationCode": "WH-LONDON",
                "manifestGroupCode": group,
                "transactionType": "delivery"
            })),
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(self.status(&code).await, "manifested");
        code
    }
}

/// Numbers the manifest groups of [`Fixture::consignment_in`].
static NEXT_GROUP: AtomicU64 = AtomicU64::new(1);

/// A domestic GB consignment from WH-LONDON with `parcels` parcels of 1.5 kg and 15 GBP.
fn gb_consignment(order_ref: &str, parcels: usize) -> Value {
    let parcels: Vec<Value> = (0..parcels)
        .map(|i| {
            json!({
                "shipperRef": format!("carton-{i}"),
                "weight": {"value": 1.5},
                "value": {"amount": 15.0, "currencyCode": "GBP"},
                "items": [{"itemRef": "SKU-1", "description": "Mug", "quantity": 1,
                           "countryOfOrigin": "GBR",
                           "value": {"amount": 15.0}, "weight": {"value": 1.0}}]
            })
        })
        .collect();
    json!({
        "consignment": {
            "orders": [{"orderRef": order_ref, "value": {"amount": 30.0, "currencyCode": "GBP"}}],
            "sender": {"code": "WH-LONDON", "companyName": "Acme Ltd"},
            "recipient": {
                "contact": {"name": "Ann Smith"},
                "addressLine1": "1 High Street",
                "city": "Manchester",
                "postCode": "M1 1AA",
                "countryCode": "GBR"
            },
            "parcels": parcels
        }
    })
}

/// Asserts a Shipping error body with this status and code; returns its message.
async fn expect_error(response: reqwest::Response, status: StatusCode, code: &str) -> String {
    let body = error_body(response, status, code).await;
    // The Shipping docs spell it traceID.
    assert!(body.get("traceId").is_none(), "{body}");
    let trace_id = body["traceID"].as_str().expect("traceID");
    uuid::Uuid::parse_str(trace_id).expect("traceID is a uuid");
    body["message"].as_str().expect("message").to_owned()
}

/// Decodes a Base64 paperwork string.
fn decode(value: &Value) -> Vec<u8> {
    BASE64
        .decode(value.as_str().expect("a Base64 string"))
        .expect("valid Base64")
}

/// The entries of a ZIP archive: (name, bytes).
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP archive");
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).expect("an entry");
            let name = file.name().expect("a UTF-8 name").into_owned();
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("readable entry");
            (name, content)
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

fn amount(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("a number: {value}"))
}

#[tokio::test]
async fn full_lifecycle_from_rates_to_manifest_paperwork() {
    let f = Fixture::new().await;
    let body = gb_consignment("ORDER-1", 2);

    // Rates: every matching service, cheapest first (2 parcels: base + 1 extra parcel).
    let rates = f
        .expect(Method::POST, "/rates", Some(body.clone()), StatusCode::OK)
        .await;
    let rates = rates.as_array().expect("an array");
    let codes: Vec<&str> = rates
        .iter()
        .map(|r| {
            r["service"]["carrierService"]["code"]
                .as_str()
                .unwrap_or("")
        })
        .collect();
    assert_eq!(codes, ["SBXPOST48", "SBXPOST24", "SBXEXPNDAY"]);
    let costs: Vec<f64> = rates
        .iter()
        .map(|r| amount(&r["shippingCosts"]["shippingCost"]["amount"]))
        .collect();
    assert_eq!(costs, [4.5, 5.95, 10.45]);
    assert!(costs.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(
        rates[0]["shippingCosts"]["shippingCost"]["currencyCode"],
        "GBP"
    );
    assert_eq!(
        rates[0]["service"]["carrierService"]["carrier"]["code"],
        "SBXPOST"
    );

    // Create: unallocated, Metapack-like codes, stable parcel codes.
    let created = f
        .expect(
            Method::POST,
            "/consignments",
            Some(body),
            StatusCode::CREATED,
        )
        .await;
    let consignment = &created["consignment"];
    let code = consignment["consignmentCode"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 12);
    assert!(code.starts_with("DMC"));
    assert!(
        code[3..]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    );
    assert_eq!(consignment["status"], "unallocated");
    assert_eq!(consignment["parcels"][0]["parcelCode"], format!("{code}P1"));
    assert_eq!(consignment["parcels"][1]["parcelCode"], format!("{code}P2"));
    assert_eq!(consignment["parcels"][1]["parcelIndex"], 2);
    assert!(consignment.get("deliveryInformation").is_none());
    assert_eq!(created["links"][0]["href"], format!("/consignments/{code}"));

    // Allocate: the cheapest service, with delivery information and tracking identifiers.
    let allocated = f.allocate(&code).await;
    let consignment = &allocated["consignment"];
    assert_eq!(consignment["status"], "allocated");
    let info = &consignment["deliveryInformation"];
    assert_eq!(info["service"]["carrierService"]["code"], "SBXPOST48");
    assert_eq!(info["service"]["carrierService"]["name"], "Sandbox Post 48");
    assert_eq!(
        info["service"]["carrierService"]["carrier"]["name"],
        "Sandbox Post"
    );
    assert_eq!(consignment["service"], info["service"]);
    assert_eq!(
        amount(&info["shippingCosts"]["shippingCost"]["amount"]),
        4.5
    );
    let leg = &info["legs"][0];
    let consignment_tracking = leg["trackingIdentifier"].as_str().unwrap().to_owned();
    assert!(consignment_tracking.starts_with("SP"));
    assert!(
        leg["trackingURL"]
            .as_str()
            .unwrap()
            .ends_with(&consignment_tracking)
    );
    assert_eq!(
        consignment["carrierConsignmentCode"],
        consignment_tracking.as_str()
    );
    assert!(consignment["allocatedDateTime"].is_string());
    let from = info["deliveryWindow"]["from"].as_str().unwrap();
    let to = info["deliveryWindow"]["to"].as_str().unwrap();
    assert!(from < to);
    assert!(info["collectionWindow"]["from"].as_str().unwrap() < from);
    assert!(info["cutoffDateTime"].is_string());
    let mut parcel_tracking = Vec::new();
    for parcel in consignment["parcels"].as_array().unwrap() {
        let leg = &parcel["deliveryLegs"][0];
        let tracking = leg["trackingIdentifier"].as_str().unwrap().to_owned();
        assert!(leg["trackingURL"].as_str().unwrap().ends_with(&tracking));
        parcel_tracking.push(tracking);
    }
    assert_ne!(parcel_tracking[0], parcel_tracking[1]);

    // Labels of a two-parcel consignment: a ZIP with one document per parcel, per format.
    let pdf = f.paperwork(&code, "").await;
    assert_eq!(pdf["links"][0]["href"], format!("/consignments/{code}"));
    assert!(
        pdf["paperwork"].get("customs").is_none(),
        "no customs documents for a domestic consignment"
    );
    let archive = decode(&pdf["paperwork"]["labels"]);
    assert!(archive.starts_with(ZIP));
    let entries = unzip(&archive);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, [format!("{code}P1.pdf"), format!("{code}P2.pdf")]);
    for (index, (_, bytes)) in entries.iter().enumerate() {
        assert!(bytes.starts_with(PDF));
        assert!(contains(bytes, &code));
        assert!(contains(bytes, &parcel_tracking[index]));
        assert!(bytes.ends_with(b"%%EOF\n"));
    }
    assert_eq!(f.status(&code).await, "printed");

    let png = f
        .paperwork(&code, "?type=label&format=png&dimension=6X4&resolution=203")
        .await;
    let entries = unzip(&decode(&png["paperwork"]["labels"]));
    assert_eq!(entries.len(), 2);
    for (name, bytes) in &entries {
        assert!(name.ends_with(".png"));
        assert!(bytes.starts_with(PNG));
        assert_eq!(&bytes[12..16], b"IHDR");
        // 4 x 6 inches at 203 dpi.
        assert_eq!(&bytes[16..24], &[0, 0, 3, 44, 0, 0, 4, 194]);
        assert!(bytes.ends_with(b"IEND\xaeB`\x82"));
    }
    let zpl = f.paperwork(&code, "?format=zpl").await;
    let entries = unzip(&decode(&zpl["paperwork"]["labels"]));
    assert_eq!(entries.len(), 2);
    for (index, (_, bytes)) in entries.iter().enumerate() {
        let text = String::from_utf8(bytes.clone()).expect("ZPL is text");
        assert!(text.starts_with("^XA"));
        assert!(text.trim_end().ends_with("^XZ"));
        assert!(text.contains(&format!("^FD{}^FS", parcel_tracking[index])));
    }

    // One parcel's labels are one document, not a ZIP.
    let parcel = f
        .expect(
            Method::GET,
            &format!("/consignments/{code}/parcels/{code}P2/paperwork?format=png"),
            None,
            StatusCode::OK,
        )
        .await;
    assert!(decode(&parcel["paperwork"]["labels"]).starts_with(PNG));

    // Ready to manifest, manifest, manifested.
    assert_eq!(
        f.ready_to_ship(&code, true).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(f.status(&code).await, "readyToManifest");
    let manifest = f
        .expect(
            Method::POST,
            "/manifests",
            Some(json!({
                "carrierCode": "SBXPOST",
                "shippingLocationCode": "WH-LONDON",
                "transactionType": "delivery",
                "despatchDate": "2030-01-08T09:00:00Z",
                "specificDateOnly": false
            })),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(manifest["links"][0]["rel"], "manifest");
    let href = manifest["links"][0]["href"].as_str().unwrap();
    let manifest_code = href.strip_prefix("/manifests/").expect("/manifests/{code}");
    assert!(manifest_code.starts_with("DMM") && manifest_code.len() == 12);
    assert_eq!(f.status(&code).await, "manifested");

    let paperwork = f
        .expect(
            Method::GET,
            &format!("{href}/paperwork"),
            None,
            StatusCode::OK,
        )
        .await;
    let document = decode(&paperwork["paperwork"]["manifest"]);
    assert!(document.starts_with(PDF));
    assert!(contains(&document, manifest_code));
    assert!(contains(&document, &code));
    assert!(paperwork["paperwork"].get("commercialInvoice").is_none());
}

#[tokio::test]
async fn international_consignments_get_customs_documents() {
    let f = Fixture::new().await;
    let mut body = gb_consignment("ORDER-FR", 1);
    body["consignment"]["recipient"]["countryCode"] = json!("FRA");
    body["consignment"]["parcels"][0]["items"][0]["harmonisedCode"] = json!("6912001000");
    body["shippingRules"] = json!({});
    let created = f
        .expect(
            Method::POST,
            "/consignments",
            Some(body),
            StatusCode::CREATED,
        )
        .await;
    let consignment = &created["consignment"];
    let code = consignment["consignmentCode"].as_str().unwrap().to_owned();
    // Shipping rules on create allocate at once.
    assert_eq!(consignment["status"], "allocated");
    assert_eq!(
        consignment["deliveryInformation"]["service"]["carrierService"]["code"],
        "SBXEXPINTL"
    );

    let documentation = f.paperwork(&code, "?type=documentation").await;
    assert!(documentation["paperwork"].get("labels").is_none());
    let customs = decode(&documentation["paperwork"]["customs"]);
    assert!(customs.starts_with(PDF));
    assert!(contains(&customs, "6912001000"));
    // Customs documents alone print no label.
    assert_eq!(f.status(&code).await, "allocated");

    let all = f.paperwork(&code, "?type=all").await;
    assert!(decode(&all["paperwork"]["labels"]).starts_with(PDF));
    assert!(all["paperwork"]["customs"].is_string());
    assert_eq!(f.status(&code).await, "printed");

    assert_eq!(
        f.ready_to_ship(&code, true).await.status(),
        StatusCode::NO_CONTENT
    );
    let manifest = f
        .expect(
            Method::POST,
            "/manifests",
            Some(json!({"carrierCode": "SBXEXPRESS", "shippingLocationCode": "WH-LONDON"})),
            StatusCode::CREATED,
        )
        .await;
    let href = manifest["links"][0]["href"].as_str().unwrap();
    let paperwork = f
        .expect(
            Method::GET,
            &format!("{href}/paperwork"),
            None,
            StatusCode::OK,
        )
        .await;
    for document in [
        "manifest",
        "consolidatedClearanceLabel",
        "commercialInvoice",
    ] {
        assert!(
            decode(&paperwork["paperwork"][document]).starts_with(PDF),
            "{document}"
        );
    }
}

#[tokio::test]
async fn create_with_paperwork_allocates_and_prints_in_one_call() {
    let f = Fixture::new().await;
    let mut body = gb_consignment("ORDER-CWP", 1);
    body["shippingRules"] = json!({"carrierServices": ["SBXEXPNDAY"]});
    body["paperwork"] = json!({"format": "zpl", "dimension": "6x4", "type": "all"});
    let created = f
        .expect(
            Method::POST,
            "/consignment-with-paperwork",
            Some(body.clone()),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(created["consignment"]["status"], "printed");
    assert_eq!(
        created["consignment"]["deliveryInformation"]["service"]["carrierService"]["code"],
        "SBXEXPNDAY"
    );
    let labels = decode(&created["paperwork"]["labels"]);
    assert!(labels.starts_with(b"^XA"));

    // No service fits: created all the same, unallocated, without paperwork.
    body["consignment"]["recipient"]["countryCode"] = json!("JPN");
    let created = f
        .expect(
            Method::POST,
            "/consignment-with-paperwork",
            Some(body.clone()),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(created["consignment"]["status"], "unallocated");
    assert!(created.get("paperwork").is_none());

    // The paperwork part is validated like the query parameters.
    body["paperwork"]["format"] = json!("gif");
    let response = f.post("/consignment-with-paperwork", body).await;
    let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    assert!(message.starts_with("paperwork.format"), "{message}");
}

#[tokio::test]
async fn allocation_without_a_matching_service_is_204_and_stays_unallocated() {
    let f = Fixture::new().await;
    let mut body = gb_consignment("ORDER-JP", 1);
    body["consignment"]["recipient"]["countryCode"] = json!("JPN");
    let code = f.create(body).await;
    let response = f
        .post(&format!("/consignments/{code}/service"), json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(response.bytes().await.unwrap().is_empty());
    let consignment = f.consignment(&code).await;
    assert_eq!(consignment["status"], "unallocated");
    assert!(consignment.get("deliveryInformation").is_none());

    // Rules that no service meets: an unknown service, or only Sunday deliveries.
    let code = f.create(gb_consignment("ORDER-GB", 1)).await;
    for rules in [
        json!({"carrierServices": ["NOPE"]}),
        json!({"deliveryDays": {"sunday": true}}),
        json!({"collectionDays": {"monday": false, "tuesday": false, "wednesday": false,
                                  "thursday": false, "friday": false}}),
    ] {
        let response = f
            .post(&format!("/consignments/{code}/service"), rules)
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }
    assert_eq!(f.status(&code).await, "unallocated");

    // Saturday delivery narrows the choice to the services delivering on Saturdays.
    let allocated = f
        .expect(
            Method::POST,
            &format!("/consignments/{code}/service"),
            Some(json!({"carrierServices": ["SBXEXPNDAY", "SBXPOST24"],
                        "deliveryDays": {"saturday": true}})),
            StatusCode::CREATED,
        )
        .await;
    let info = &allocated["consignment"]["deliveryInformation"];
    assert_eq!(info["service"]["carrierService"]["code"], "SBXPOST24");
    let from = info["deliveryWindow"]["from"].as_str().unwrap();
    let day = chrono::DateTime::parse_from_rfc3339(from).unwrap();
    assert_eq!(chrono::Datelike::weekday(&day), chrono::Weekday::Sat);
}

#[tokio::test]
async fn delivery_slots_narrow_the_window() {
    let f = Fixture::new().await;
    let code = f.create(gb_consignment("ORDER-SLOT", 1)).await;
    // A slot on a Wednesday at least a week ahead.
    let mut day = chrono::Utc::now().date_naive() + chrono::Days::new(7);
    while chrono::Datelike::weekday(&day) != chrono::Weekday::Wed {
        day = day + chrono::Days::new(1);
    }
    let from = format!("{day}T12:00:00Z");
    let to = format!("{day}T14:00:00Z");
    let allocated = f
        .expect(
            Method::POST,
            &format!("/consignments/{code}/service"),
            Some(json!({"deliverySlots": {"acceptable": [{"from": from, "to": to}]}})),
            StatusCode::CREATED,
        )
        .await;
    let window = &allocated["consignment"]["deliveryInformation"]["deliveryWindow"];
    let parse = |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    assert_eq!(parse(&window["from"]), parse(&json!(from)));
    assert_eq!(parse(&window["to"]), parse(&json!(to)));
}

#[tokio::test]
async fn validation_answers_without_creating_anything() {
    let f = Fixture::new().await;
    let response = f
        .post("/consignments-validation", gb_consignment("ORDER-V", 1))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = gb_consignment("ORDER-V", 1);
    body["consignment"]["recipient"]["countryCode"] = json!("JPN");
    let response = f.post("/consignments-validation", body).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let mut body = gb_consignment("ORDER-V", 1);
    body["shippingRules"] = json!({"carrierServices": ["SBXEXPINTL"]});
    let response = f.post("/consignments-validation", body).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let found = f
        .expect(
            Method::GET,
            "/consignments?orderReference=ORDER-V",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(found, json!([]));
}

#[tokio::test]
async fn update_patch_deallocate_and_delete() {
    let f = Fixture::new().await;
    let code = f.create(gb_consignment("ORDER-U", 1)).await;

    // PUT replaces the data, keeping the code; the parcel keeps its code when named.
    let mut body = gb_consignment("ORDER-U2", 1);
    body["consignment"]["parcels"][0]["parcelCode"] = json!(format!("{code}P1"));
    body["consignment"]["shipmentRef"] = json!("SHIP-9");
    let updated = f
        .expect(
            Method::PUT,
            &format!("/consignments/{code}"),
            Some(body.clone()),
            StatusCode::OK,
        )
        .await;
    assert_eq!(updated["consignment"]["consignmentCode"], code.as_str());
    assert_eq!(updated["consignment"]["shipmentRef"], "SHIP-9");
    assert_eq!(updated["consignment"]["orders"][0]["orderRef"], "ORDER-U2");
    assert_eq!(
        updated["consignment"]["parcels"][0]["parcelCode"],
        format!("{code}P1")
    );

    // PATCH changes manifestGroupCode only.
    let patched = f
        .expect(
            Method::PATCH,
            &format!("/consignments/{code}"),
            Some(json!({"manifestGroupCode": "EVENING"})),
            StatusCode::OK,
        )
        .await;
    assert_eq!(patched["consignment"]["manifestGroupCode"], "EVENING");

    // PUT with shipping rules allocates.
    body["shippingRules"] = json!({"carrierServices": ["SBXPOST24"]});
    let updated = f
        .expect(
            Method::PUT,
            &format!("/consignments/{code}"),
            Some(body),
            StatusCode::OK,
        )
        .await;
    assert_eq!(updated["consignment"]["status"], "allocated");

    // Deallocation clears the delivery information and tracking identifiers.
    f.expect(
        Method::DELETE,
        &format!("/consignments/{code}/service"),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    let consignment = f.consignment(&code).await;
    assert_eq!(consignment["status"], "unallocated");
    assert!(consignment.get("deliveryInformation").is_none());
    assert!(consignment.get("service").is_none());
    assert!(consignment["parcels"][0].get("deliveryLegs").is_none());

    // Delete works up to ready to manifest (deallocating first).
    let printed = f.consignment_in("printed").await;
    for code in [code, printed] {
        f.expect(
            Method::DELETE,
            &format!("/consignments/{code}"),
            None,
            StatusCode::NO_CONTENT,
        )
        .await;
        let response = f.get(&format!("/consignments/{code}")).await;
        expect_error(response, StatusCode::NOT_FOUND, "PS-0404").await;
    }
}

/// Asserts a 409 lifecycle conflict; returns its message.
async fn expect_conflict(response: reqwest::Response) -> String {
    expect_error(response, StatusCode::CONFLICT, CONFLICT).await
}

#[tokio::test]
async fn update_and_patch_need_unallocated() {
    let f = Fixture::new().await;
    for status in ["allocated", "printed", "readyToManifest", "manifested"] {
        let code = f.consignment_in(status).await;
        let response = f
            .send(
                Method::PUT,
                &format!("/consignments/{code}"),
                Some(gb_consignment("X", 1)),
            )
            .await;
        let message = expect_conflict(response).await;
        assert_eq!(
            message,
            "Consignment cannot be modified because it is not in the correct consignment lifecycle status"
        );
        let response = f
            .send(
                Method::PATCH,
                &format!("/consignments/{code}"),
                Some(json!({"manifestGroupCode": "G"})),
            )
            .await;
        expect_conflict(response).await;
        assert_eq!(f.status(&code).await, status, "a 409 changes nothing");
    }
}

#[tokio::test]
async fn delete_is_refused_once_manifested() {
    let f = Fixture::new().await;
    let code = f.consignment_in("manifested").await;
    let response = f.delete(&format!("/consignments/{code}")).await;
    expect_conflict(response).await;
    assert_eq!(f.status(&code).await, "manifested");
}

#[tokio::test]
async fn paperwork_needs_a_carrier_service_and_no_manifest() {
    let f = Fixture::new().await;
    for status in ["unallocated", "manifested"] {
        let code = f.consignment_in(status).await;
        let response = f.get(&format!("/consignments/{code}/paperwork")).await;
        let message = expect_conflict(response).await;
        assert_eq!(message, "Wrong state for printing");
        let response = f
            .get(&format!("/consignments/{code}/parcels/{code}P1/paperwork"))
            .await;
        expect_conflict(response).await;
    }
    // Ready to manifest can print again, and stays ready to manifest.
    let code = f.consignment_in("readyToManifest").await;
    f.paperwork(&code, "").await;
    assert_eq!(f.status(&code).await, "readyToManifest");
}

#[tokio::test]
async fn parcels_and_items_cannot_change_once_manifested() {
    let f = Fixture::new().await;
    let code = f.consignment_in("manifested").await;
    let response = f
        .post(
            &format!("/consignments/{code}/parcels"),
            json!({"parcel": {"weight": {"value": 1.0}}}),
        )
        .await;
    expect_conflict(response).await;
    let response = f
        .delete(&format!("/consignments/{code}/parcels/{code}P2"))
        .await;
    expect_conflict(response).await;
    let response = f
        .post(
            &format!("/consignments/{code}/parcels/{code}P1/items"),
            json!({"item": {"itemRef": "SKU-2"}}),
        )
        .await;
    let message = expect_conflict(response).await;
    assert_eq!(message, "Wrong state for adding a product to a parcel");
    let response = f
        .delete(&format!(
            "/consignments/{code}/parcels/{code}P1/items/SKU-1"
        ))
        .await;
    let message = expect_conflict(response).await;
    assert_eq!(message, "Wrong state for deleting products from a parcel");
    assert_eq!(
        f.consignment(&code).await["parcels"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn consolidation_is_refused_when_either_consignment_is_manifested() {
    let f = Fixture::new().await;
    let open = f.consignment_in("unallocated").await;
    let manifested = f.consignment_in("manifested").await;
    // Inner manifested.
    let response = f
        .post(
            &format!("/consignments/{manifested}/parcels/{manifested}P1/consolidate"),
            json!({"containerConsignmentCode": open, "containerParcelCode": format!("{open}P1")}),
        )
        .await;
    expect_conflict(response).await;
    // Outer manifested.
    let response = f
        .post(
            &format!("/consignments/{open}/parcels/{open}P1/consolidate"),
            json!({"containerConsignmentCode": manifested,
                   "containerParcelCode": format!("{manifested}P1")}),
        )
        .await;
    expect_conflict(response).await;

    // A link made before manifesting cannot be removed after.
    let inner = f.consignment_in("readyToManifest").await;
    f.expect(
        Method::POST,
        &format!("/consignments/{inner}/parcels/{inner}P1/consolidate"),
        Some(json!({"containerConsignmentCode": open, "containerParcelCode": format!("{open}P1")})),
        StatusCode::NO_CONTENT,
    )
    .await;
    let group = f.consignment(&inner).await["manifestGroupCode"].clone();
    f.expect(
        Method::POST,
        "/manifests",
        Some(
            json!({"carrierCode": "SBXPOST", "shippingLocationCode": "WH-LONDON",
                    "manifestGroupCode": group}),
        ),
        StatusCode::CREATED,
    )
    .await;
    let response = f
        .delete(&format!(
            "/consignments/{inner}/parcels/{inner}P1/consolidate"
        ))
        .await;
    let message = expect_conflict(response).await;
    assert!(message.contains("cannot be unlinked"), "{message}");
    assert_eq!(f.sandbox.shipping().consolidations().len(), 1);
}

#[tokio::test]
async fn allocation_needs_unallocated_and_deallocation_needs_a_service() {
    let f = Fixture::new().await;
    for status in ["allocated", "printed", "readyToManifest", "manifested"] {
        let code = f.consignment_in(status).await;
        let response = f
            .post(&format!("/consignments/{code}/service"), json!({}))
            .await;
        let message = expect_conflict(response).await;
        assert!(message.contains("cannot be allocated"), "{message}");
    }
    for status in ["unallocated", "manifested"] {
        let code = f.consignment_in(status).await;
        let response = f.delete(&format!("/consignments/{code}/service")).await;
        let message = expect_conflict(response).await;
        assert!(
            message.contains("Allocation cannot be deleted"),
            "{message}"
        );
    }
    for status in ["printed", "readyToManifest"] {
        let code = f.consignment_in(status).await;
        f.expect(
            Method::DELETE,
            &format!("/consignments/{code}/service"),
            None,
            StatusCode::NO_CONTENT,
        )
        .await;
        assert_eq!(f.status(&code).await, "unallocated");
    }
}

#[tokio::test]
async fn ready_to_ship_moves_between_printed_and_ready_to_manifest_only() {
    let f = Fixture::new().await;
    // true needs printed.
    for status in ["unallocated", "allocated", "readyToManifest", "manifested"] {
        let code = f.consignment_in(status).await;
        let message = expect_conflict(f.ready_to_ship(&code, true).await).await;
        assert_eq!(
            message,
            "There was a conflict in the change of the consignment lifecycle status"
        );
    }
    // false needs ready to manifest.
    for status in ["unallocated", "allocated", "printed", "manifested"] {
        let code = f.consignment_in(status).await;
        expect_conflict(f.ready_to_ship(&code, false).await).await;
    }
    let code = f.consignment_in("readyToManifest").await;
    assert_eq!(
        f.ready_to_ship(&code, false).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(f.status(&code).await, "printed");
}

#[tokio::test]
async fn the_only_parcel_cannot_be_removed() {
    let f = Fixture::new().await;
    let code = f.create(gb_consignment("ORDER-1P", 1)).await;
    let response = f
        .delete(&format!("/consignments/{code}/parcels/{code}P1"))
        .await;
    expect_error(response, StatusCode::CONFLICT, "LAST_PARCEL_NOT_REMOVABLE").await;
}

#[tokio::test]
async fn a_manifest_needs_ready_consignments() {
    let f = Fixture::new().await;
    // Printed but not flagged ready: nothing to manifest.
    f.consignment_in("printed").await;
    let response = f
        .post(
            "/manifests",
            json!({"carrierCode": "SBXPOST", "shippingLocationCode": "WH-LONDON"}),
        )
        .await;
    let message = expect_error(
        response,
        StatusCode::BAD_REQUEST,
        "NO_CONSIGNMENTS_TO_MANIFEST",
    )
    .await;
    assert!(
        message.starts_with("carrierCode, shippingLocationCode"),
        "{message}"
    );

    // Ready, but of another carrier, location or group.
    let code = f.consignment_in("readyToManifest").await;
    for body in [
        json!({"carrierCode": "SBXEXPRESS", "shippingLocationCode": "WH-LONDON"}),
        json!({"carrierCode": "SBXPOST", "shippingLocationCode": "WH-MANCHESTER"}),
        json!({"carrierCode": "SBXPOST", "shippingLocationCode": "WH-LONDON", "manifestGroupCode": "OTHER"}),
    ] {
        let response = f.post("/manifests", body).await;
        expect_error(
            response,
            StatusCode::BAD_REQUEST,
            "NO_CONSIGNMENTS_TO_MANIFEST",
        )
        .await;
    }
    assert_eq!(f.status(&code).await, "readyToManifest");
}

#[tokio::test]
async fn unknown_codes_are_404() {
    let f = Fixture::new().await;
    let code = f.create(gb_consignment("ORDER-404", 2)).await;
    let missing = [
        (Method::GET, "/consignments/DMC000000000".to_owned()),
        (Method::DELETE, "/consignments/DMC000000000".to_owned()),
        (
            Method::GET,
            "/consignments/DMC000000000/paperwork".to_owned(),
        ),
        (
            Method::DELETE,
            "/consignments/DMC000000000/service".to_owned(),
        ),
        (
            Method::DELETE,
            format!("/consignments/{code}/parcels/{code}P9"),
        ),
        (
            Method::GET,
            format!("/consignments/{code}/parcels/{code}P9/paperwork"),
        ),
        (
            Method::DELETE,
            format!("/consignments/{code}/parcels/{code}P1/items/NOPE"),
        ),
        (
            Method::DELETE,
            format!("/consignments/{code}/parcels/{code}P1/consolidate"),
        ),
        (Method::GET, "/manifests/DMM000000000/paperwork".to_owned()),
        (Method::GET, "/carriers/NOPE/services".to_owned()),
        (Method::GET, "/nowhere".to_owned()),
    ];
    for (method, path) in missing {
        let response = f.send(method.clone(), &path, None).await;
        let status = response.status();
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
        expect_error(response, StatusCode::NOT_FOUND, "PS-0404").await;
    }
    let response = f
        .post(
            "/consignments/DMC000000000/parcels/DMC000000000P1/items",
            json!({"item": {"itemRef": "X"}}),
        )
        .await;
    expect_error(response, StatusCode::NOT_FOUND, "PS-0404").await;
    let response = f
        .post(
            &format!("/consignments/{code}/parcels/{code}P9/items"),
            json!({"item": {"itemRef": "X"}}),
        )
        .await;
    expect_error(response, StatusCode::NOT_FOUND, "PS-0404").await;
    let response = f
        .post(
            &format!("/consignments/{code}/parcels/{code}P1/consolidate"),
            json!({"containerConsignmentCode": "DMC000000000", "containerParcelCode": "X"}),
        )
        .await;
    expect_error(response, StatusCode::NOT_FOUND, "PS-0404").await;
    let response = f.send(Method::PUT, "/rates", None).await;
    expect_error(response, StatusCode::METHOD_NOT_ALLOWED, "PS-0405").await;
}

#[tokio::test]
async fn invalid_bodies_and_parameters_are_400_naming_the_field() {
    let f = Fixture::new().await;
    let code = f.create(gb_consignment("ORDER-400", 2)).await;
    let cases: Vec<(Method, String, Option<Value>, &str)> = vec![
        (
            Method::POST,
            "/consignments".into(),
            Some(json!({"consignment": {"parcels": [{"weight": {"value": "heavy"}}]}})),
            "consignment.parcels[0].weight.value",
        ),
        (
            Method::POST,
            "/consignments".into(),
            Some(json!({"shippingRules": {}})),
            "missing field consignment",
        ),
        (
            Method::POST,
            "/consignments".into(),
            Some(json!({"consignment": {"parcels": []}})),
            "consignment.parcels",
        ),
        (
            Method::POST,
            "/rates".into(),
            Some(json!({"consignment": {"parcels": [{"weight": {"value": -1}}]}})),
            "consignment.parcels[0].weight.value",
        ),
        (
            Method::POST,
            "/consignments".into(),
            Some(json!({"consignment": {"parcels": [{}]},
                        "shippingRules": {"deliverySlots": {"acceptable": [
                            {"from": "2030-01-02T00:00:00Z", "to": "2030-01-01T00:00:00Z"}]}}})),
            "shippingRules.deliverySlots.acceptable[0]",
        ),
        (
            Method::POST,
            format!("/consignments/{code}/service"),
            Some(json!({"carrierServices": "SBXPOST24"})),
            "carrierServices",
        ),
        (
            Method::POST,
            format!("/consignments/{code}/service"),
            Some(json!({"collectionSlots": {"unacceptable": [{"from": "monday"}]}})),
            "collectionSlots.unacceptable[0].from",
        ),
        (
            Method::PATCH,
            format!("/consignments/{code}"),
            Some(json!({"shipmentRef": "X"})),
            "shipmentRef",
        ),
        (
            Method::POST,
            format!("/consignments/{code}/parcels"),
            Some(json!({"parcel": {"items": [{"itemRef": "A", "quantity": 0}]}})),
            "parcel.items[0].quantity",
        ),
        (
            Method::POST,
            format!("/consignments/{code}/parcels/{code}P1/items"),
            Some(json!({"item": {"description": "no ref"}})),
            "item.itemRef",
        ),
        (
            Method::POST,
            format!("/consignments/{code}/parcels/{code}P1/consolidate"),
            Some(json!({"containerParcelCode": "X"})),
            "containerConsignmentCode",
        ),
        (
            Method::POST,
            "/manifests".into(),
            Some(json!({"shippingLocationCode": "WH-LONDON"})),
            "carrierCode",
        ),
        (
            Method::POST,
            "/manifests".into(),
            Some(
                json!({"carrierCode": "SBXPOST", "shippingLocationCode": "WH-LONDON",
                        "despatchDate": "tomorrow"}),
            ),
            "despatchDate",
        ),
        (
            Method::GET,
            format!("/consignments/{code}/paperwork?format=gif"),
            None,
            "format",
        ),
        (
            Method::GET,
            format!("/consignments/{code}/paperwork?type=everything"),
            None,
            "type",
        ),
        (
            Method::GET,
            format!("/consignments/{code}/paperwork?dimension=huge"),
            None,
            "dimension",
        ),
        (
            Method::GET,
            format!("/consignments/{code}/paperwork?resolution=lots"),
            None,
            "resolution",
        ),
        (
            Method::POST,
            format!("/consignments/{code}/status?readyToShip=maybe"),
            None,
            "readyToShip",
        ),
        (
            Method::POST,
            format!("/consignments/{code}/status"),
            None,
            "readyToShip",
        ),
        (
            Method::DELETE,
            format!("/consignments/{code}/parcels/{code}P1/items/SKU-1?quantityToDelete=0"),
            None,
            "quantityToDelete",
        ),
        (
            Method::GET,
            "/consignments".into(),
            None,
            "orderReference, consignmentTrackingIdentifier",
        ),
    ];
    for (method, path, body, field) in cases {
        let response = f.send(method.clone(), &path, body).await;
        let status = response.status();
        assert_eq!(status, StatusCode::BAD_REQUEST, "{method} {path}");
        let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
        assert!(message.starts_with(field), "{method} {path}: {message}");
    }
    // Nothing was changed by the rejected requests.
    let consignment = f.consignment(&code).await;
    assert_eq!(consignment["status"], "unallocated");
    assert_eq!(consignment["parcels"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn country_codes_are_iso_alpha3_everywhere() {
    let f = Fixture::new().await;
    // Alpha-3 codes are accepted and allocated.
    let mut body = gb_consignment("ORDER-ISO", 1);
    body["consignment"]["sender"]["countryCode"] = json!("GBR");
    body["shippingRules"] = json!({});
    let created = f
        .expect(
            Method::POST,
            "/consignments",
            Some(body),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(created["consignment"]["status"], "allocated", "{created}");
    assert_eq!(created["consignment"]["recipient"]["countryCode"], "GBR");
    let code = created["consignment"]["consignmentCode"]
        .as_str()
        .unwrap()
        .to_owned();

    // Two-letter, lower-case and unknown codes are refused, naming the field and the code to
    // send, on every route that takes addresses or items; nothing is created.
    let with = |pointer: &str, value: &str| {
        let mut body = gb_consignment("ORDER-BAD", 1);
        *body.pointer_mut(pointer).unwrap() = json!(value);
        body
    };
    let origin = "/consignment/parcels/0/items/0/countryOfOrigin";
    let mut sender = with("/consignment/recipient/countryCode", "GBR");
    sender["consignment"]["sender"]["countryCode"] = json!("DE");
    let mut printed = with("/consignment/recipient/countryCode", "UK");
    printed["shippingRules"] = json!({});
    printed["paperwork"] = json!({"type": "all", "format": "pdf"});
    let mut agent = with("/consignment/recipient/countryCode", "GBR");
    agent["consignment"]["supportingAgents"] = json!({"importer": {"countryCode": "FR"}});
    let cases: Vec<(String, Value, &str)> = vec![
        (
            "/consignments".into(),
            with("/consignment/recipient/countryCode", "GB"),
            r#"consignment.recipient.countryCode: "GB" is not an ISO 3166-1 alpha-3 country code; send "GBR""#,
        ),
        (
            "/consignments".into(),
            with("/consignment/recipient/countryCode", "gbr"),
            r#"consignment.recipient.countryCode: "gbr" is not an ISO 3166-1 alpha-3 country code; send "GBR""#,
        ),
        (
            "/rates".into(),
            with("/consignment/recipient/countryCode", "XKX"),
            r#"consignment.recipient.countryCode: "XKX" is not an ISO 3166-1 alpha-3 country code (three capital letters such as "GBR", "FRA" or "DEU")"#,
        ),
        (
            "/consignments-validation".into(),
            sender,
            r#"consignment.sender.countryCode: "DE" is not an ISO 3166-1 alpha-3 country code; send "DEU""#,
        ),
        (
            "/consignments".into(),
            with(origin, "CN"),
            r#"consignment.parcels[0].items[0].countryOfOrigin: "CN" is not an ISO 3166-1 alpha-3 country code; send "CHN""#,
        ),
        (
            "/consignment-with-paperwork".into(),
            printed,
            r#"consignment.recipient.countryCode: "UK" is not an ISO 3166-1 alpha-3 country code; send "GBR""#,
        ),
        (
            "/consignments".into(),
            agent,
            r#"consignment.supportingAgents.importer.countryCode: "FR" is not an ISO 3166-1 alpha-3 country code; send "FRA""#,
        ),
        (
            format!("/consignments/{code}/parcels"),
            json!({"parcel": {"weight": {"value": 1.0},
                              "items": [{"itemRef": "A", "countryOfOrigin": "IT"}]}}),
            r#"parcel.items[0].countryOfOrigin: "IT" is not an ISO 3166-1 alpha-3 country code; send "ITA""#,
        ),
        (
            format!("/consignments/{code}/parcels/{code}P1/items"),
            json!({"item": {"itemRef": "B", "countryOfOrigin": "ZZZ"}}),
            r#"item.countryOfOrigin: "ZZZ" is not an ISO 3166-1 alpha-3 country code"#,
        ),
    ];
    for (path, body, expected) in cases {
        let response = f.post(&path, body).await;
        let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
        assert!(message.starts_with(expected), "POST {path}: {message}");
    }
    // The update route checks too, and the refused requests changed nothing.
    let response = f
        .send(
            Method::PUT,
            &format!("/consignments/{code}"),
            Some(with("/consignment/recipient/countryCode", "NL")),
        )
        .await;
    let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    assert!(message.ends_with(r#"send "NLD""#), "{message}");
    let search = f
        .expect(
            Method::GET,
            "/consignments?orderReference=ORDER-BAD",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(search, json!([]));
    assert_eq!(
        f.consignment(&code).await["parcels"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn closed_lists_are_matched_exactly() {
    let f = Fixture::new().await;
    let code = f.create(gb_consignment("ORDER-LISTS", 1)).await;
    f.allocate(&code).await;
    // Every documented paperwork type and format is accepted.
    for kind in ["label", "documentation", "all"] {
        for format in ["pdf", "png", "zpl"] {
            f.paperwork(&code, &format!("?type={kind}&format={format}"))
                .await;
        }
    }
    // Other spellings are refused with the documented one; unknown values list the values.
    let cases = [
        (
            "?format=PDF",
            r#"format: "PDF" is not a paperwork format; send "pdf""#,
        ),
        (
            "?type=Label",
            r#"type: "Label" is not a paperwork type; send "label""#,
        ),
        (
            "?type=labels",
            r#"type: "labels" is not a paperwork type: expected one of label, documentation, all"#,
        ),
    ];
    for (query, expected) in cases {
        let response = f
            .get(&format!("/consignments/{code}/paperwork{query}"))
            .await;
        let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
        assert_eq!(message, expected, "{query}");
    }

    // The paperwork object of create-with-paperwork, and a manifest's transactionType.
    let mut body = gb_consignment("ORDER-LISTS-2", 1);
    body["shippingRules"] = json!({});
    body["paperwork"] = json!({"type": "all", "format": "ZPL"});
    let response = f.post("/consignment-with-paperwork", body.clone()).await;
    let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    assert_eq!(
        message,
        r#"paperwork.format: "ZPL" is not a paperwork format; send "zpl""#
    );
    body["paperwork"] = json!({"type": "all", "format": "zpl"});
    f.expect(
        Method::POST,
        "/consignment-with-paperwork",
        Some(body),
        StatusCode::CREATED,
    )
    .await;
    let response = f
        .post(
            "/manifests",
            json!({"carrierCode": "SBXPOST", "shippingLocationCode": "WH-LONDON",
                   "transactionType": "return"}),
        )
        .await;
    let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    assert_eq!(
        message,
        r#"transactionType: "return" is not a transaction type the sandbox manifests: expected one of delivery"#
    );
}

#[tokio::test]
async fn weights_and_values_follow_parcels_and_items() {
    let f = Fixture::new().await;
    let body = json!({
        "consignment": {
            "sender": {"code": "WH-LONDON"},
            "recipient": {"countryCode": "GBR"},
            "parcels": [
                // Declared weight and value: items do not change them.
                {"weight": {"value": 2.0}, "value": {"amount": 50.0, "currencyCode": "GBP"},
                 "items": [{"itemRef": "BOOK", "quantity": 2, "weight": {"value": 0.4}, "value": {"amount": 10.0}}]},
                // No weight or value: its items' sums.
                {"items": [{"itemRef": "MUG", "quantity": 2, "weight": {"value": 0.5}, "value": {"amount": 10.0}}]}
            ]
        }
    });
    let code = f.create(body).await;
    let totals = |f: &Fixture| {
        f.sandbox
            .shipping()
            .consignment_totals(&code)
            .expect("totals")
    };
    let t = totals(&f);
    assert_eq!((t.weight, t.value), (3.0, 70.0));
    assert_eq!(t.currency_code.as_deref(), Some("GBP"));
    let consignment = f.consignment(&code).await;
    assert_eq!(amount(&consignment["parcels"][1]["weight"]["value"]), 1.0);
    assert_eq!(amount(&consignment["parcels"][1]["value"]["amount"]), 20.0);

    // A new parcel's weight and value are added.
    let added = f
        .expect(
            Method::POST,
            &format!("/consignments/{code}/parcels"),
            Some(json!({"parcel": {"weight": {"value": 1.5}, "value": {"amount": 30.0, "currencyCode": "GBP"}}})),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(added["parcel"]["parcelCode"], format!("{code}P3"));
    assert_eq!(added["parcel"]["parcelIndex"], 3);
    let t = totals(&f);
    assert_eq!((t.weight, t.value), (4.5, 100.0));

    // Items added to the undeclared parcel change it and the consignment.
    f.expect(
        Method::POST,
        &format!("/consignments/{code}/parcels/{code}P2/items"),
        Some(json!({"item": {"itemRef": "PLATE", "quantity": 4, "weight": {"value": 0.25}, "value": {"amount": 5.0}}})),
        StatusCode::NO_CONTENT,
    )
    .await;
    let t = totals(&f);
    assert_eq!((t.weight, t.value), (5.5, 120.0));
    // ...but not the declared one.
    f.expect(
        Method::POST,
        &format!("/consignments/{code}/parcels/{code}P1/items"),
        Some(json!({"item": {"itemRef": "BOOK", "quantity": 1, "weight": {"value": 0.4}, "value": {"amount": 10.0}}})),
        StatusCode::NO_CONTENT,
    )
    .await;
    let t = totals(&f);
    assert_eq!((t.weight, t.value), (5.5, 120.0));
    let consignment = f.consignment(&code).await;
    assert_eq!(
        consignment["parcels"][0]["items"][0]["quantity"], 3,
        "same itemRef merges"
    );
    assert_eq!(amount(&consignment["parcels"][0]["weight"]["value"]), 2.0);
    assert_eq!(amount(&consignment["parcels"][1]["weight"]["value"]), 2.0);

    // quantityToDelete is honoured; without it the whole item goes.
    f.expect(
        Method::DELETE,
        &format!("/consignments/{code}/parcels/{code}P2/items/PLATE?quantityToDelete=2"),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    let t = totals(&f);
    assert_eq!((t.weight, t.value), (5.0, 110.0));
    let consignment = f.consignment(&code).await;
    assert_eq!(consignment["parcels"][1]["items"][1]["quantity"], 2);
    f.expect(
        Method::DELETE,
        &format!("/consignments/{code}/parcels/{code}P2/items/MUG"),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    let t = totals(&f);
    assert_eq!((t.weight, t.value), (4.0, 90.0));
    let consignment = f.consignment(&code).await;
    let items = consignment["parcels"][1]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["itemRef"], "PLATE");

    // Removing a parcel subtracts its weight only, as the docs say.
    f.expect(
        Method::DELETE,
        &format!("/consignments/{code}/parcels/{code}P1"),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    let t = totals(&f);
    assert_eq!((t.weight, t.value), (2.0, 90.0));
    let consignment = f.consignment(&code).await;
    let parcels = consignment["parcels"].as_array().unwrap();
    let codes: Vec<&str> = parcels
        .iter()
        .map(|p| p["parcelCode"].as_str().unwrap())
        .collect();
    assert_eq!(codes, [format!("{code}P2"), format!("{code}P3")]);
    assert_eq!(parcels[0]["parcelIndex"], 1);

    // Parcel codes are never reused.
    let added = f
        .expect(
            Method::POST,
            &format!("/consignments/{code}/parcels"),
            Some(json!({"parcel": {}})),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(added["parcel"]["parcelCode"], format!("{code}P4"));
    assert!(
        f.sandbox
            .shipping()
            .consignment_totals("DMC000000000")
            .is_none()
    );
}

#[tokio::test]
async fn adding_a_parcel_to_a_printed_consignment_sends_it_back_to_allocated() {
    let f = Fixture::new().await;
    let code = f.create(gb_consignment("ORDER-ADD", 1)).await;
    let allocated = f.allocate(&code).await;
    let cost = |consignment: &Value| {
        amount(&consignment["deliveryInformation"]["shippingCosts"]["shippingCost"]["amount"])
    };
    assert_eq!(cost(&allocated["consignment"]), 3.5);
    f.paperwork(&code, "").await;
    assert_eq!(f.status(&code).await, "printed");

    let added = f
        .expect(
            Method::POST,
            &format!("/consignments/{code}/parcels"),
            Some(json!({"parcel": {"weight": {"value": 1.0}}})),
            StatusCode::CREATED,
        )
        .await;
    let tracking = added["parcel"]["deliveryLegs"][0]["trackingIdentifier"]
        .as_str()
        .expect("the new parcel's tracking identifier");
    assert!(tracking.starts_with("SP"));
    let consignment = f.consignment(&code).await;
    assert_eq!(consignment["status"], "allocated");
    assert_eq!(cost(&consignment), 4.5, "charges follow the parcel count");

    // Printing the new parcel's label completes the labels: printed again.
    let parcel = f
        .expect(
            Method::GET,
            &format!("/consignments/{code}/parcels/{code}P2/paperwork?format=zpl"),
            None,
            StatusCode::OK,
        )
        .await;
    let zpl = String::from_utf8(decode(&parcel["paperwork"]["labels"])).unwrap();
    assert!(zpl.contains(tracking));
    assert_eq!(f.status(&code).await, "printed");

    // From ready to manifest too.
    assert_eq!(
        f.ready_to_ship(&code, true).await.status(),
        StatusCode::NO_CONTENT
    );
    f.expect(
        Method::POST,
        &format!("/consignments/{code}/parcels"),
        Some(json!({"parcel": {}})),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(f.status(&code).await, "allocated");

    // Removing a parcel keeps the status and recalculates the charges.
    f.expect(
        Method::DELETE,
        &format!("/consignments/{code}/parcels/{code}P3"),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    let consignment = f.consignment(&code).await;
    assert_eq!(
        consignment["status"], "printed",
        "every remaining parcel is labelled"
    );
    assert_eq!(cost(&consignment), 4.5);
}

#[tokio::test]
async fn consolidation_links_a_parcel_into_another_consignment() {
    let f = Fixture::new().await;
    let inner = f.create(gb_consignment("ORDER-INNER", 1)).await;
    let outer = f.create(gb_consignment("ORDER-OUTER", 1)).await;
    let link =
        json!({"containerConsignmentCode": outer, "containerParcelCode": format!("{outer}P1")});
    f.expect(
        Method::POST,
        &format!("/consignments/{inner}/parcels/{inner}P1/consolidate"),
        Some(link),
        StatusCode::NO_CONTENT,
    )
    .await;
    let links = f.sandbox.shipping().consolidations();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].consignment_code, inner);
    assert_eq!(links[0].parcel_code, format!("{inner}P1"));
    assert_eq!(links[0].container_consignment_code, outer);
    assert_eq!(links[0].container_parcel_code, format!("{outer}P1"));
    assert_eq!(f.status(&inner).await, "unallocated", "status unchanged");

    // Into itself, or into its own child: 400 naming the field.
    let response = f
        .post(
            &format!("/consignments/{inner}/parcels/{inner}P1/consolidate"),
            json!({"containerConsignmentCode": inner, "containerParcelCode": format!("{inner}P1")}),
        )
        .await;
    let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    assert!(message.starts_with("containerConsignmentCode"), "{message}");
    let response = f
        .post(
            &format!("/consignments/{outer}/parcels/{outer}P1/consolidate"),
            json!({"containerConsignmentCode": inner, "containerParcelCode": format!("{inner}P1")}),
        )
        .await;
    let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    assert!(message.starts_with("containerParcelCode"), "{message}");
    // An unknown container parcel.
    let response = f
        .post(
            &format!("/consignments/{inner}/parcels/{inner}P1/consolidate"),
            json!({"containerConsignmentCode": outer, "containerParcelCode": format!("{outer}P7")}),
        )
        .await;
    expect_error(response, StatusCode::NOT_FOUND, "PS-0404").await;

    // Unlink, then there is nothing left to unlink.
    f.expect(
        Method::DELETE,
        &format!("/consignments/{inner}/parcels/{inner}P1/consolidate"),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    assert!(f.sandbox.shipping().consolidations().is_empty());
    let response = f
        .delete(&format!(
            "/consignments/{inner}/parcels/{inner}P1/consolidate"
        ))
        .await;
    expect_error(response, StatusCode::NOT_FOUND, "PS-0404").await;

    // Deleting a consignment drops its links.
    f.expect(
        Method::POST,
        &format!("/consignments/{inner}/parcels/{inner}P1/consolidate"),
        Some(
            json!({"containerConsignmentCode": outer, "containerParcelCode": format!("{outer}P1")}),
        ),
        StatusCode::NO_CONTENT,
    )
    .await;
    f.expect(
        Method::DELETE,
        &format!("/consignments/{outer}"),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    assert!(f.sandbox.shipping().consolidations().is_empty());
}

#[tokio::test]
async fn search_filters_by_order_tracking_and_parcel() {
    let f = Fixture::new().await;
    let first = f.create(gb_consignment("ORDER-A", 2)).await;
    let second = f.create(gb_consignment("ORDER-A", 1)).await;
    let third = f.create(gb_consignment("ORDER-B", 1)).await;
    let allocated = f.allocate(&first).await;
    let consignment = &allocated["consignment"];
    let consignment_tracking = consignment["deliveryInformation"]["legs"][0]["trackingIdentifier"]
        .as_str()
        .unwrap()
        .to_owned();
    let parcel_tracking = consignment["parcels"][1]["deliveryLegs"][0]["trackingIdentifier"]
        .as_str()
        .unwrap()
        .to_owned();

    let search = |query: Vec<(&'static str, String)>| {
        let request = f.authed(Method::GET, "/consignments").query(&query);
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let found: Vec<Value> = response.json().await.unwrap();
            found
                .iter()
                .map(|c| c["consignmentCode"].as_str().unwrap().to_owned())
                .collect::<Vec<String>>()
        }
    };
    assert_eq!(
        search(vec![("orderReference", "ORDER-A".into())]).await,
        [first.clone(), second.clone()]
    );
    assert_eq!(
        search(vec![("orderReference", "ORDER-B".into())]).await,
        [third.as_str()]
    );
    assert_eq!(
        search(vec![(
            "consignmentTrackingIdentifier",
            consignment_tracking.clone()
        )])
        .await,
        [first.as_str()]
    );
    assert_eq!(
        search(vec![("parcelTrackingIdentifier", parcel_tracking.clone())]).await,
        [first.as_str()]
    );
    assert_eq!(
        search(vec![("parcelCode", format!("{second}P1"))]).await,
        [second.as_str()]
    );
    // Filters combine.
    assert!(
        search(vec![
            ("orderReference", "ORDER-B".into()),
            ("parcelTrackingIdentifier", parcel_tracking),
        ])
        .await
        .is_empty()
    );
    // A found allocated consignment carries its service.
    let response = f
        .authed(Method::GET, "/consignments")
        .query(&[("consignmentTrackingIdentifier", consignment_tracking)])
        .send()
        .await
        .unwrap();
    let found: Vec<Value> = response.json().await.unwrap();
    assert_eq!(
        found[0]["deliveryInformation"]["service"]["carrierService"]["code"],
        "SBXPOST48"
    );
}

#[tokio::test]
async fn setup_data_comes_from_the_catalogue() {
    let f = Fixture::new().await;
    let carriers = f
        .expect(Method::GET, "/carriers", None, StatusCode::OK)
        .await;
    assert_eq!(
        carriers,
        json!([{"code": "SBXPOST", "name": "Sandbox Post"},
               {"code": "SBXEXPRESS", "name": "Sandbox Express"}])
    );
    let services = f
        .expect(
            Method::GET,
            "/carriers/SBXPOST/services",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        services,
        json!([{"code": "SBXPOST48", "name": "Sandbox Post 48"},
               {"code": "SBXPOST24", "name": "Sandbox Post 24"}])
    );
    let locations = f
        .expect(Method::GET, "/shippingLocations", None, StatusCode::OK)
        .await;
    // The default catalogue's locations include the sender codes of our docs (issue 9).
    assert_eq!(locations.as_array().unwrap().len(), 4);
    assert_eq!(locations[2]["code"], "WAREHOUSE-1");
    assert_eq!(locations[3]["code"], "WH-1");
    assert_eq!(
        locations[0],
        json!({"code": "WH-LONDON", "name": "London Warehouse"})
    );
}

#[tokio::test]
async fn a_custom_catalogue_replaces_the_default() {
    let catalogue = ShippingCatalogue::default()
        .without_service("SBXPOST48")
        .service(
            CatalogueService::new("CHEAP", "Cheap Courier", "CHEAPCO", 1.25, "GBP")
                .destination_countries(["GBR"]),
        );
    let f = Fixture::with(Sandbox::builder().shipping_catalogue(catalogue)).await;
    assert_eq!(f.sandbox.shipping().catalogue().services().len(), 4);
    let rates = f
        .expect(
            Method::POST,
            "/rates",
            Some(gb_consignment("ORDER-C", 1)),
            StatusCode::OK,
        )
        .await;
    let codes: Vec<&str> = rates
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["service"]["carrierService"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CHEAP", "SBXPOST24", "SBXEXPNDAY"]);
    let code = f.create(gb_consignment("ORDER-C", 1)).await;
    let allocated = f.allocate(&code).await;
    let service = &allocated["consignment"]["deliveryInformation"]["service"]["carrierService"];
    assert_eq!(service["code"], "CHEAP");
    assert_eq!(service["carrier"]["code"], "CHEAPCO");
    let leg = &allocated["consignment"]["deliveryInformation"]["legs"][0];
    assert!(
        leg["trackingIdentifier"]
            .as_str()
            .unwrap()
            .starts_with("CH")
    );
    // The carrier came with its service.
    let carriers = f
        .expect(Method::GET, "/carriers", None, StatusCode::OK)
        .await;
    assert_eq!(carriers.as_array().unwrap().len(), 3);

    let empty =
        Fixture::with(Sandbox::builder().shipping_catalogue(ShippingCatalogue::empty())).await;
    let rates = empty
        .expect(
            Method::POST,
            "/rates",
            Some(gb_consignment("ORDER-E", 1)),
            StatusCode::OK,
        )
        .await;
    assert_eq!(rates, json!([]));
}

#[tokio::test]
async fn credentials_are_checked_before_anything_else() {
    let f = Fixture::new().await;
    assert_eq!(
        f.sandbox.shipping().credentials(),
        (DEFAULT_USERNAME, DEFAULT_PASSWORD)
    );
    let response = f.http.get(f.url("/carriers")).send().await.unwrap();
    let www = response
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok());
    assert!(www.is_some_and(|v| v.starts_with("Basic")));
    expect_error(response, StatusCode::UNAUTHORIZED, "PS-0401").await;
    // Wrong password, even for an unknown path or a body that would be a 415.
    for (method, path) in [(Method::GET, "/nowhere"), (Method::POST, "/consignments")] {
        let response = f
            .http
            .request(method, f.url(path))
            .basic_auth(DEFAULT_USERNAME, Some("nope"))
            .header("content-type", "text/plain")
            .body("hello")
            .send()
            .await
            .unwrap();
        expect_error(response, StatusCode::UNAUTHORIZED, "PS-0401").await;
    }

    // Each API has its own credentials.
    let sandbox = Sandbox::builder()
        .shipping_credentials("shipper", "s3cret")
        .start()
        .await
        .unwrap();
    assert_eq!(sandbox.shipping().credentials(), ("shipper", "s3cret"));
    assert_eq!(
        sandbox.tracking().credentials(),
        (DEFAULT_USERNAME, DEFAULT_PASSWORD)
    );
    let http = http();
    let carriers = format!("{}/carriers", sandbox.shipping().url());
    let response = http
        .get(&carriers)
        .basic_auth(DEFAULT_USERNAME, Some(DEFAULT_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = http
        .get(&carriers)
        .basic_auth("shipper", Some("s3cret"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        Sandbox::builder()
            .shipping_credentials("a:b", "p")
            .start()
            .await
            .is_err()
    );
}

#[tokio::test]
async fn bodies_that_are_not_json_are_415() {
    let f = Fixture::new().await;
    let response = f
        .authed(Method::POST, "/consignments")
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "PS-0415").await;
    let response = f
        .authed(Method::POST, "/rates")
        .header("content-type", "application/json")
        .body("not json")
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "PS-0415").await;
    let response = f.authed(Method::POST, "/manifests").send().await.unwrap();
    expect_error(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "PS-0415").await;
}

#[tokio::test]
async fn urls_point_at_the_bound_port() {
    let f = Fixture::new().await;
    assert_eq!(
        f.sandbox.shipping().url(),
        format!("http://{}/shipping/v1", f.sandbox.local_addr())
    );
    assert_eq!(
        f.sandbox.shipping().url(),
        format!("{}/shipping/v1", f.sandbox.base_url())
    );
}

#[tokio::test]
async fn huge_item_quantities_saturate_instead_of_overflowing() {
    let f = Fixture::new().await;
    let body = json!({
        "consignment": {
            "sender": {"code": "WH-LONDON"},
            "recipient": {"countryCode": "GBR"},
            "parcels": [{"weight": {"value": 2.0},
                 "items": [{"itemRef": "A", "quantity": i64::MAX}]}]
        }
    });
    let code = f.create(body).await;
    f.expect(
        Method::POST,
        &format!("/consignments/{code}/parcels/{code}P1/items"),
        Some(json!({"item": {"itemRef": "A", "quantity": i64::MAX}})),
        StatusCode::NO_CONTENT,
    )
    .await;
    let consignment = f.consignment(&code).await;
    assert_eq!(consignment["parcels"][0]["items"][0]["quantity"], i64::MAX);
}
