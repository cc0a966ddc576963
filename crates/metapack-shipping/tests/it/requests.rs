//! The exact HTTP request of every Shipping operation (method, path, query, headers, JSON body),
//! the decoding of each documented success response, and client-side validation that stops
//! bad input before anything is sent.

use crate::common;

use base64::Engine as _;
use common::mock::{catch_all, query_len};
use common::{
    BASIC_AUTH, ScriptedServer, assert_invalid_mentioning, at, builder, client, json, status,
    user_agent,
};
use httpmock::Method::{DELETE, GET, PATCH, POST, PUT};
use httpmock::{Mock, MockServer, When};
use metapack_shipping::types::{
    Address, AddressType, Attributes, ConsignmentType, Contact, DaysOfWeek, Dimensions,
    FlexibleDelivery, LinkOperation, MeasurementUnit, MeasurementUnits, Money, NotificationType,
    Order, TaxAndDuty, TimeSlots, TimeWindow, TransactionType, VolumeUnit, Weight, WeightUnit,
};
use metapack_shipping::{
    Allocation, AllocationCheck, Consignment, ConsignmentChanges, ConsignmentRequest,
    ConsignmentSearch, ConsignmentWithPaperworkRequest, ConsolidationRequest, DocumentKind, Error,
    Item, ManifestRequest, PaperworkFormat, PaperworkOptions, PaperworkRequest, PaperworkType,
    Parcel, ShippingClient, ShippingRules, Status,
};
use serde_json::{Value, json};

const CODE: &str = "DMC4BY1V4HVY";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Method, path, exact query, credentials and User-Agent, and no undocumented header.
fn request(when: When, method: httpmock::Method, path: &str, query: &[(&str, &str)]) -> When {
    let mut when = when
        .method(method)
        .path(path)
        .is_true(query_len(query.len()))
        .header("authorization", BASIC_AUTH)
        .header("user-agent", user_agent())
        .header_missing("api-version");
    for (name, value) in query {
        when = when.query_param(*name, *value);
    }
    when
}

/// No body at all.
fn without_body(when: When) -> When {
    when.header_missing("content-type")
        .is_true(|req| req.body_ref().is_empty())
}

/// A mock of a request without a body (method, path, exact query, credentials, User-Agent),
/// answered with 204 No Content.
async fn no_content<'a>(
    server: &'a MockServer,
    method: httpmock::Method,
    path: &str,
    query: &[(&str, &str)],
) -> Mock<'a> {
    server
        .mock_async(|when, then| {
            without_body(request(when, method, path, query));
            then.status(204);
        })
        .await
}

/// Exactly this JSON body.
fn with_json(when: When, body: Value) -> When {
    when.header("content-type", "application/json")
        .json_body(body)
}

// ---------------------------------------------------------------------------------------------
// Fixtures: a consignment as sent, its JSON, and the responses of the docs' samples.
// ---------------------------------------------------------------------------------------------

fn item() -> Item {
    Item {
        item_ref: Some("SKU-1".into()),
        description: Some("T-shirt".into()),
        harmonised_code: Some("6109100010".into()),
        country_of_origin: Some("GBR".into()),
        quantity: Some(2),
        value: Some(Money {
            amount: Some(12.5),
            currency_code: None,
        }),
        weight: Some(Weight { value: Some(0.25) }),
        ..Default::default()
    }
}

fn item_json() -> Value {
    json!({
        "itemRef": "SKU-1",
        "description": "T-shirt",
        "harmonisedCode": "6109100010",
        "countryOfOrigin": "GBR",
        "quantity": 2,
        "value": {"amount": 12.5},
        "weight": {"value": 0.25}
    })
}

fn parcel() -> Parcel {
    Parcel {
        shipper_ref: Some("cartonId-123456".into()),
        weight: Some(Weight { value: Some(1.5) }),
        dimensions: Some(Dimensions {
            height: Some(10.0),
            width: Some(20.0),
            depth: Some(30.5),
            diameter: None,
        }),
        items: Some(vec![item()]),
        ..Default::default()
    }
}

fn parcel_json() -> Value {
    json!({
        "shipperRef": "cartonId-123456",
        "weight": {"value": 1.5},
        "dimensions": {"height": 10.0, "width": 20.0, "depth": 30.5},
        "items": [item_json()]
    })
}

fn consignment() -> Consignment {
    Consignment {
        shipment_ref: Some("SHIP-1".into()),
        type_: Some(ConsignmentType::Delivery),
        measurement_units: Some(MeasurementUnits {
            weight: Some(WeightUnit::Kg),
            measurement: Some(MeasurementUnit::Cm),
            volume: Some(VolumeUnit::Ml),
        }),
        orders: Some(vec![Order {
            order_ref: Some("ORDER-1".into()),
            order_date: Some(at(19, 18)),
            value: Some(Money {
                amount: Some(25.0),
                currency_code: Some("GBP".into()),
            }),
            ..Default::default()
        }]),
        parcels: Some(vec![parcel()]),
        sender: Some(Address {
            code: Some("WH-1".into()),
            ..Default::default()
        }),
        recipient: Some(Address {
            address_line1: Some("1 High Street".into()),
            city: Some("London".into()),
            post_code: Some("WC1X 8XZ".into()),
            country_code: Some("GBR".into()),
            type_: Some(AddressType::Residential),
            contact: Some(Contact {
                name: Some("Jane Doe".into()),
                email: Some("jane@example.com".into()),
                phone: Some("+44 20 7946 0000".into()),
                ..Default::default()
            }),
            tax_and_duty: Some(TaxAndDuty {
                eori_number: Some("GB123456789000".into()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        attributes: Some(Attributes {
            notification_type: Some(NotificationType::Sms),
            flexible_delivery: Some(FlexibleDelivery {
                delivery_instructions: Some("Leave with a neighbour".into()),
                what3words: None,
            }),
            ..Default::default()
        }),
        manifest_group_code: Some("EVENING".into()),
        tags: Some(vec!["gift".into()]),
        ..Default::default()
    }
}

fn consignment_json() -> Value {
    json!({
        "shipmentRef": "SHIP-1",
        "type": "delivery",
        "measurementUnits": {"weight": "kg", "measurement": "cm", "volume": "ml"},
        "orders": [{
            "orderRef": "ORDER-1",
            "orderDate": "2026-11-19T18:00:00Z",
            "value": {"amount": 25.0, "currencyCode": "GBP"}
        }],
        "parcels": [parcel_json()],
        "sender": {"code": "WH-1"},
        "recipient": {
            "addressLine1": "1 High Street",
            "city": "London",
            "postCode": "WC1X 8XZ",
            "countryCode": "GBR",
            "type": "residential",
            "contact": {"name": "Jane Doe", "email": "jane@example.com", "phone": "+44 20 7946 0000"},
            "taxAndDuty": {"EORINumber": "GB123456789000"}
        },
        "attributes": {
            "notificationType": "sms",
            "flexibleDelivery": {"deliveryInstructions": "Leave with a neighbour"}
        },
        "manifestGroupCode": "EVENING",
        "tags": ["gift"]
    })
}

fn rules() -> ShippingRules {
    ShippingRules {
        carrier_services: Some(vec!["DPD_NEXT_DAY".into(), "RM_TRACKED_48".into()]),
        delivery_days: Some(DaysOfWeek {
            monday: Some(true),
            saturday: Some(false),
            ..Default::default()
        }),
        delivery_slots: Some(TimeSlots {
            acceptable: Some(vec![TimeWindow {
                from: Some(at(21, 9)),
                to: Some(at(21, 17)),
            }]),
            unacceptable: None,
        }),
        ..Default::default()
    }
}

fn rules_json() -> Value {
    json!({
        "carrierServices": ["DPD_NEXT_DAY", "RM_TRACKED_48"],
        "deliveryDays": {"monday": true, "saturday": false},
        "deliverySlots": {"acceptable": [{"from": "2026-11-21T09:00:00Z", "to": "2026-11-21T17:00:00Z"}]}
    })
}

fn consignment_request() -> ConsignmentRequest {
    ConsignmentRequest {
        consignment: consignment(),
        shipping_rules: Some(rules()),
    }
}

fn consignment_request_json() -> Value {
    json!({"consignment": consignment_json(), "shippingRules": rules_json()})
}

fn carrier_service_json() -> Value {
    json!({
        "code": "DPD_NEXT_DAY",
        "name": "DPD Next Day",
        "carrier": {"name": "DPD", "code": "DPD"}
    })
}

/// A consignment as Metapack returns it: the request's fields plus the ones it fills in.
fn consignment_response_json(status: &str) -> Value {
    let mut consignment = consignment_json();
    let object = consignment.as_object_mut().unwrap();
    object.insert("consignmentCode".into(), json!(CODE));
    object.insert("status".into(), json!(status));
    object.insert("allocatedDateTime".into(), json!("2026-11-20T09:00:00Z"));
    object.insert("carrierConsignmentCode".into(), json!("CARRIER-1"));
    object.insert(
        "service".into(),
        json!({"carrierService": carrier_service_json()}),
    );
    object.insert(
        "deliveryInformation".into(),
        json!({
            "cutoffDateTime": "2026-11-20T16:00:00Z",
            "deliveryWindow": {"from": "2026-11-21T09:00:00Z", "to": "2026-11-21T17:00:00Z"},
            "service": {"carrierService": carrier_service_json()},
            "shippingCosts": {"shippingCost": {"amount": 4.2, "currencyCode": "GBP"}},
            "legs": [{
                "trackingIdentifier": "TRK-1",
                "trackingURL": "https://track.example/TRK-1",
                "trackingLinks": {"carrier": "https://carrier.example/TRK-1"}
            }]
        }),
    );
    object["parcels"][0]
        .as_object_mut()
        .unwrap()
        .extend([
            ("parcelCode".to_owned(), json!("P-1")),
            ("parcelIndex".to_owned(), json!(1)),
            (
                "deliveryLegs".to_owned(),
                json!([{"trackingIdentifier": "PTRK-1", "trackingURL": "https://track.example/PTRK-1"}]),
            ),
        ]);
    json!({
        "consignment": consignment,
        "links": [{"operation": "GET", "rel": "self", "href": format!("/consignments/{CODE}")}]
    })
}

fn assert_allocated_consignment(consignment: &Consignment) {
    assert_eq!(consignment.consignment_code.as_deref(), Some(CODE));
    assert_eq!(consignment.lifecycle_status(), Some(&Status::Allocated));
    assert_eq!(consignment.allocated_date_time, Some(at(20, 9)));
    assert_eq!(consignment.carrier_service_code(), Some("DPD_NEXT_DAY"));
    assert_eq!(consignment.parcel_tracking_identifiers(), ["PTRK-1"]);
    let info = consignment.delivery_information.as_ref().expect("info");
    let costs = info.shipping_costs.as_ref().expect("costs");
    assert_eq!(costs["shippingCost"].amount, Some(4.2));
    assert_eq!(
        info.legs.as_ref().unwrap()[0]
            .tracking_identifier
            .as_deref(),
        Some("TRK-1")
    );
    let parcel = &consignment.parcels.as_ref().unwrap()[0];
    assert_eq!(parcel.parcel_code.as_deref(), Some("P-1"));
    assert_eq!(parcel.parcel_index, Some(1));
    assert_eq!(
        parcel.items.as_ref().unwrap()[0].item_ref.as_deref(),
        Some("SKU-1")
    );
}

fn pdf_base64() -> String {
    b64(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
}

fn paperwork_response_json() -> Value {
    json!({
        "paperwork": {"labels": pdf_base64(), "customs": b64(b"^XA^FO50,50^FDCN23^FS^XZ")},
        "links": [{"operation": "GET", "rel": "consignment", "href": format!("/consignments/{CODE}")}]
    })
}

// ---------------------------------------------------------------------------------------------
// Consignments
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn search_consignments_sends_every_criterion() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            without_body(request(
                when,
                GET,
                "/consignments",
                &[
                    ("orderReference", "ORDER-1/A&B+C"),
                    ("consignmentTrackingIdentifier", "TRK-1"),
                    ("parcelTrackingIdentifier", "PTRK-1"),
                    ("parcelCode", "P 1"),
                ],
            ))
            .header("accept", "application/json");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!([
                    consignment_response_json("allocated")["consignment"]
                ]));
        })
        .await;
    let client = client(&server.base_url());

    let search = ConsignmentSearch::order("ORDER-1/A&B+C")
        .consignment_tracking_identifier("TRK-1")
        .parcel_tracking_identifier("PTRK-1")
        .parcel_code("P 1");
    let found = client.search_consignments(&search).await.expect("search");

    mock.assert_async().await;
    assert_eq!(found.len(), 1);
    assert_allocated_consignment(&found[0]);
}

#[tokio::test]
async fn search_consignments_sends_only_the_given_criterion() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            without_body(request(
                when,
                GET,
                "/consignments",
                &[("parcelCode", "P-1")],
            ));
            then.status(200).json_body(json!([]));
        })
        .await;
    let found = client(&server.base_url())
        .search_consignments(&ConsignmentSearch::parcel("P-1"))
        .await
        .expect("search");
    mock.assert_async().await;
    assert!(found.is_empty());
}

#[tokio::test]
async fn create_consignment_posts_the_request_in_camel_case() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, POST, "/consignments", &[]),
                consignment_request_json(),
            )
            .header("accept", "application/json");
            then.status(201)
                .header("content-type", "application/json")
                .json_body(consignment_response_json("allocated"));
        })
        .await;
    let client = client(&server.base_url());

    let created = client
        .create_consignment(&consignment_request())
        .await
        .expect("created");

    mock.assert_async().await;
    assert_eq!(created.consignment_code(), Some(CODE));
    assert_allocated_consignment(created.consignment.as_ref().unwrap());
    let link = &created.links.as_ref().unwrap()[0];
    assert_eq!(link.operation, Some(LinkOperation::Get));
    assert_eq!(link.rel.as_deref(), Some("self"));
}

#[tokio::test]
async fn create_consignment_without_rules_leaves_them_out() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, POST, "/consignments", &[]),
                json!({"consignment": {"sender": {"code": "WH-1"}}}),
            );
            then.status(201).json_body(json!({
                "consignment": {"consignmentCode": CODE, "status": "unallocated"}
            }));
        })
        .await;
    let request = ConsignmentRequest {
        consignment: Consignment {
            sender: Some(Address {
                code: Some("WH-1".into()),
                ..Default::default()
            }),
            ..Default::default()
        },
        shipping_rules: None,
    };
    let created = client(&server.base_url())
        .create_consignment(&request)
        .await
        .expect("created");
    mock.assert_async().await;
    assert_eq!(created.lifecycle_status(), Some(&Status::Unallocated));
}

#[tokio::test]
async fn create_consignment_with_paperwork_posts_all_three_parts() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, POST, "/consignment-with-paperwork", &[]),
                json!({
                    "consignment": consignment_json(),
                    "shippingRules": rules_json(),
                    "paperwork": {"format": "zpl", "dimension": "6x4", "type": "all"}
                }),
            );
            let mut body = consignment_response_json("allocated");
            body["paperwork"] = paperwork_response_json()["paperwork"].clone();
            then.status(201)
                .header("content-type", "application/json")
                .json_body(body);
        })
        .await;
    let client = client(&server.base_url());

    let request = ConsignmentWithPaperworkRequest {
        consignment: consignment(),
        shipping_rules: rules(),
        paperwork: PaperworkOptions::new()
            .format(PaperworkFormat::Zpl)
            .dimension("6x4")
            .paperwork_type(PaperworkType::All)
            .to_request(),
    };
    let created = client
        .create_consignment_with_paperwork(&request)
        .await
        .expect("created");

    mock.assert_async().await;
    assert_allocated_consignment(created.consignment.as_ref().unwrap());
    // The labels are a PDF although ZPL was asked for: detection goes by the bytes.
    let documents = created.documents().expect("documents");
    let kinds: Vec<_> = documents.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, [DocumentKind::Pdf, DocumentKind::Zpl]);
}

#[tokio::test]
async fn get_consignment_reads_one_consignment() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            without_body(request(when, GET, &format!("/consignments/{CODE}"), &[]))
                .header("accept", "application/json");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(consignment_response_json("allocated"));
        })
        .await;
    let got = client(&server.base_url())
        .get_consignment(CODE)
        .await
        .expect("consignment");
    mock.assert_async().await;
    assert_allocated_consignment(got.consignment.as_ref().unwrap());
}

#[tokio::test]
async fn path_codes_are_percent_encoded() {
    let server = ScriptedServer::start(vec![json(200, "{}"), status(204)]).await;
    let client = client(&server.base_url());

    client
        .get_consignment("C 1/2?x")
        .await
        .expect("consignment");
    client
        .remove_item("C-1", "P/1", "SKU #1", None)
        .await
        .expect("removed");

    let targets: Vec<String> = server.hits().into_iter().map(|h| h.target).collect();
    assert_eq!(
        targets,
        [
            "/consignments/C%201%2F2%3Fx",
            "/consignments/C-1/parcels/P%2F1/items/SKU%20%231",
        ]
    );
}

#[tokio::test]
async fn update_consignment_puts_the_whole_request() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, PUT, &format!("/consignments/{CODE}"), &[]),
                consignment_request_json(),
            );
            then.status(200)
                .json_body(consignment_response_json("unallocated"));
        })
        .await;
    let updated = client(&server.base_url())
        .update_consignment(CODE, &consignment_request())
        .await
        .expect("updated");
    mock.assert_async().await;
    assert_eq!(updated.lifecycle_status(), Some(&Status::Unallocated));
    assert!(updated.lifecycle_status().unwrap().can_be_modified());
}

#[tokio::test]
async fn patch_consignment_sends_a_string_map() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, PATCH, &format!("/consignments/{CODE}"), &[]),
                json!({"manifestGroupCode": "MORNING"}),
            );
            then.status(200).json_body(json!({
                "consignment": {"consignmentCode": CODE, "status": "unallocated", "manifestGroupCode": "MORNING"}
            }));
        })
        .await;
    let patched = client(&server.base_url())
        .patch_consignment(
            CODE,
            &ConsignmentChanges::new().manifest_group_code("MORNING"),
        )
        .await
        .expect("patched");
    mock.assert_async().await;
    assert_eq!(
        patched.consignment.unwrap().manifest_group_code.as_deref(),
        Some("MORNING")
    );
}

#[tokio::test]
async fn delete_consignment_sends_nothing_and_reads_204() {
    let server = MockServer::start_async().await;
    let mock = no_content(&server, DELETE, &format!("/consignments/{CODE}"), &[]).await;
    client(&server.base_url())
        .delete_consignment(CODE)
        .await
        .expect("deleted");
    mock.assert_async().await;
}

#[tokio::test]
async fn get_consignment_paperwork_sends_every_option() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            without_body(request(
                when,
                GET,
                &format!("/consignments/{CODE}/paperwork"),
                &[
                    ("type", "label"),
                    ("format", "pdf"),
                    ("dimension", "6X4"),
                    ("resolution", "200"),
                ],
            ));
            then.status(200)
                .header("content-type", "application/json")
                .json_body(paperwork_response_json());
        })
        .await;
    // The docs' own sample: type=label&format=pdf&dimension=6X4&resolution=200.
    let options = PaperworkOptions::new()
        .paperwork_type(PaperworkType::Label)
        .format(PaperworkFormat::Pdf)
        .dimension("6X4")
        .resolution(200);
    let paperwork = client(&server.base_url())
        .get_consignment_paperwork(CODE, &options)
        .await
        .expect("paperwork");
    mock.assert_async().await;

    let labels = paperwork
        .paperwork
        .as_ref()
        .unwrap()
        .label_documents()
        .unwrap();
    assert_eq!(labels.len(), 1);
    assert_eq!(labels[0].kind, DocumentKind::Pdf);
    assert!(labels[0].bytes.starts_with(b"%PDF-1.4"));
    let customs = paperwork
        .paperwork
        .as_ref()
        .unwrap()
        .customs_documents()
        .unwrap();
    assert_eq!(customs[0].kind, DocumentKind::Zpl);
    assert_eq!(paperwork.documents().unwrap().len(), 2);
}

#[tokio::test]
async fn get_consignment_paperwork_without_options_has_no_query() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            without_body(request(
                when,
                GET,
                &format!("/consignments/{CODE}/paperwork"),
                &[],
            ));
            then.status(200)
                .json_body(json!({"paperwork": {"labels": pdf_base64()}}));
        })
        .await;
    let paperwork = client(&server.base_url())
        .get_consignment_paperwork(CODE, &PaperworkOptions::new())
        .await
        .expect("paperwork");
    mock.assert_async().await;
    assert_eq!(paperwork.documents().unwrap().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Parcels and items
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn add_parcel_wraps_the_parcel() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, POST, &format!("/consignments/{CODE}/parcels"), &[]),
                json!({"parcel": parcel_json()}),
            );
            let mut parcel = parcel_json();
            parcel["parcelCode"] = json!("P-2");
            parcel["parcelIndex"] = json!(2);
            parcel["deliveryLegs"] = json!([{"trackingIdentifier": "PTRK-2", "trackingURL": "https://track.example/PTRK-2"}]);
            then.status(201).json_body(json!({
                "parcel": parcel,
                "links": [{"operation": "GET", "rel": "consignment", "href": format!("/consignments/{CODE}")}]
            }));
        })
        .await;
    let added = client(&server.base_url())
        .add_parcel(CODE, &parcel())
        .await
        .expect("added");
    mock.assert_async().await;
    let parcel = added.parcel.expect("parcel");
    assert_eq!(parcel.parcel_code.as_deref(), Some("P-2"));
    assert_eq!(parcel.parcel_index, Some(2));
    assert_eq!(
        parcel.delivery_legs.unwrap()[0]
            .tracking_identifier
            .as_deref(),
        Some("PTRK-2")
    );
}

#[tokio::test]
async fn remove_parcel_deletes_it() {
    let server = MockServer::start_async().await;
    let mock = no_content(
        &server,
        DELETE,
        &format!("/consignments/{CODE}/parcels/P-2"),
        &[],
    )
    .await;
    client(&server.base_url())
        .remove_parcel(CODE, "P-2")
        .await
        .expect("removed");
    mock.assert_async().await;
}

#[tokio::test]
async fn consolidate_parcel_posts_the_container() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(
                    when,
                    POST,
                    &format!("/consignments/{CODE}/parcels/P-1/consolidate"),
                    &[],
                ),
                json!({"containerConsignmentCode": "OUTER-1", "containerParcelCode": "OP-1"}),
            );
            then.status(204);
        })
        .await;
    let container = ConsolidationRequest {
        container_consignment_code: Some("OUTER-1".into()),
        container_parcel_code: Some("OP-1".into()),
    };
    client(&server.base_url())
        .consolidate_parcel(CODE, "P-1", &container)
        .await
        .expect("consolidated");
    mock.assert_async().await;
}

#[tokio::test]
async fn unconsolidate_parcel_deletes_the_link() {
    let server = MockServer::start_async().await;
    let mock = no_content(
        &server,
        DELETE,
        &format!("/consignments/{CODE}/parcels/P-1/consolidate"),
        &[],
    )
    .await;
    client(&server.base_url())
        .unconsolidate_parcel(CODE, "P-1")
        .await
        .expect("unconsolidated");
    mock.assert_async().await;
}

#[tokio::test]
async fn get_parcel_paperwork_sends_the_given_options_only() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            without_body(request(
                when,
                GET,
                &format!("/consignments/{CODE}/parcels/P-1/paperwork"),
                &[("format", "zpl"), ("resolution", "203")],
            ));
            then.status(200).json_body(json!({
                "paperwork": {"labels": b64(b"\n^XA^FO20,20^FDP-1^FS^XZ\n")}
            }));
        })
        .await;
    let options = PaperworkOptions::new()
        .format(PaperworkFormat::Zpl)
        .resolution("203");
    let paperwork = client(&server.base_url())
        .get_parcel_paperwork(CODE, "P-1", &options)
        .await
        .expect("paperwork");
    mock.assert_async().await;
    let documents = paperwork.documents().unwrap();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].kind, DocumentKind::Zpl);
}

#[tokio::test]
async fn add_item_wraps_the_item() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(
                    when,
                    POST,
                    &format!("/consignments/{CODE}/parcels/P-1/items"),
                    &[],
                ),
                json!({"item": item_json()}),
            );
            then.status(204);
        })
        .await;
    client(&server.base_url())
        .add_item(CODE, "P-1", &item())
        .await
        .expect("added");
    mock.assert_async().await;
}

#[tokio::test]
async fn remove_item_sends_the_quantity_when_given() {
    let server = MockServer::start_async().await;
    let with_quantity = no_content(
        &server,
        DELETE,
        &format!("/consignments/{CODE}/parcels/P-1/items/SKU-1"),
        &[("quantityToDelete", "2")],
    )
    .await;
    let without_quantity = no_content(
        &server,
        DELETE,
        &format!("/consignments/{CODE}/parcels/P-1/items/SKU-2"),
        &[],
    )
    .await;
    let client = client(&server.base_url());
    client
        .remove_item(CODE, "P-1", "SKU-1", Some(2))
        .await
        .expect("removed 2");
    client
        .remove_item(CODE, "P-1", "SKU-2", None)
        .await
        .expect("removed");
    with_quantity.assert_async().await;
    without_quantity.assert_async().await;
}

// ---------------------------------------------------------------------------------------------
// Allocation
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn allocate_consignment_posts_the_rules_and_reads_201() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, POST, &format!("/consignments/{CODE}/service"), &[]),
                rules_json(),
            );
            then.status(201)
                .header("content-type", "application/json")
                .json_body(consignment_response_json("allocated"));
        })
        .await;
    let allocation = client(&server.base_url())
        .allocate_consignment(CODE, &rules())
        .await
        .expect("allocation");
    mock.assert_async().await;
    assert!(allocation.is_allocated());
    assert_allocated_consignment(allocation.consignment().expect("consignment"));
    assert!(matches!(allocation, Allocation::Allocated(_)));
}

#[tokio::test]
async fn allocate_consignment_by_rule_code_sends_only_the_code() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, POST, &format!("/consignments/{CODE}/service"), &[]),
                json!({"code": "CHEAPEST"}),
            );
            then.status(204);
        })
        .await;
    let rules = ShippingRules {
        code: Some("CHEAPEST".into()),
        ..Default::default()
    };
    let allocation = client(&server.base_url())
        .allocate_consignment(CODE, &rules)
        .await
        .expect("allocation");
    mock.assert_async().await;
    assert_eq!(allocation, Allocation::NoServiceAvailable);
}

#[tokio::test]
async fn deallocate_consignment_deletes_the_service() {
    let server = MockServer::start_async().await;
    let mock = no_content(
        &server,
        DELETE,
        &format!("/consignments/{CODE}/service"),
        &[],
    )
    .await;
    client(&server.base_url())
        .deallocate_consignment(CODE)
        .await
        .expect("deallocated");
    mock.assert_async().await;
}

#[tokio::test]
async fn set_ready_to_ship_sends_the_flag_in_the_query() {
    let server = MockServer::start_async().await;
    let ready = no_content(
        &server,
        POST,
        &format!("/consignments/{CODE}/status"),
        &[("readyToShip", "true")],
    )
    .await;
    let not_ready = no_content(
        &server,
        POST,
        &format!("/consignments/{CODE}/status"),
        &[("readyToShip", "false")],
    )
    .await;
    let client = client(&server.base_url());
    client.set_ready_to_ship(CODE, true).await.expect("ready");
    client
        .set_ready_to_ship(CODE, false)
        .await
        .expect("not ready");
    ready.assert_async().await;
    not_ready.assert_async().await;
}

#[tokio::test]
async fn validate_allocation_posts_the_request_and_reads_200() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, POST, "/consignments-validation", &[]),
                consignment_request_json(),
            );
            then.status(200);
        })
        .await;
    let check = client(&server.base_url())
        .validate_allocation(&consignment_request())
        .await
        .expect("check");
    mock.assert_async().await;
    assert_eq!(check, AllocationCheck::ServiceAvailable);
    assert!(check.is_available());
}

// ---------------------------------------------------------------------------------------------
// Manifests
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn create_manifest_spells_specific_date_only_and_reads_the_code() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, POST, "/manifests", &[]),
                json!({
                    "carrierCode": "DPD",
                    "shippingLocationCode": "WH-1",
                    "manifestGroupCode": "EVENING",
                    "transactionType": "delivery",
                    "despatchDate": "2026-11-25T09:00:00Z",
                    "specificDateOnly": false
                }),
            )
            .is_true(|req| !String::from_utf8_lossy(req.body_ref()).contains("specified"));
            then.status(201).json_body(json!({
                "links": [
                    {"rel": "self", "href": "/manifests"},
                    {"rel": "manifest", "href": "/manifests/MAN-0001"}
                ]
            }));
        })
        .await;
    let request = ManifestRequest {
        carrier_code: Some("DPD".into()),
        shipping_location_code: Some("WH-1".into()),
        manifest_group_code: Some("EVENING".into()),
        transaction_type: Some(TransactionType::Delivery),
        despatch_date: Some(at(25, 9)),
        specific_date_only: Some(false),
    };
    let created = client(&server.base_url())
        .create_manifest(&request)
        .await
        .expect("manifest");
    mock.assert_async().await;
    assert_eq!(created.code(), Some("MAN-0001"));
    assert_eq!(created.response.links.as_ref().map(Vec::len), Some(2));
}

#[tokio::test]
async fn get_manifest_paperwork_reads_every_document() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            without_body(request(when, GET, "/manifests/MAN-0001/paperwork", &[]));
            then.status(200).json_body(json!({
                "paperwork": {
                    "manifest": pdf_base64(),
                    "consolidatedClearanceLabel": b64(b"~JA^XA^XZ"),
                    "commercialInvoice": pdf_base64()
                },
                "links": [{"rel": "manifest", "href": "/manifests/MAN-0001"}]
            }));
        })
        .await;
    let paperwork = client(&server.base_url())
        .get_manifest_paperwork("MAN-0001")
        .await
        .expect("paperwork");
    mock.assert_async().await;
    let kinds: Vec<_> = paperwork
        .documents()
        .unwrap()
        .iter()
        .map(|d| d.kind)
        .collect();
    assert_eq!(
        kinds,
        [DocumentKind::Pdf, DocumentKind::Zpl, DocumentKind::Pdf]
    );
}

// ---------------------------------------------------------------------------------------------
// Rates and setup data
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_rates_keeps_metapacks_order() {
    let server = MockServer::start_async().await;
    let rate = |code: &str, amount: f64| {
        json!({
            "cutoffDateTime": "2026-11-20T16:00:00Z",
            "collectionWindow": {"from": "2026-11-20T12:00:00Z", "to": "2026-11-20T16:00:00Z"},
            "deliveryWindow": {"from": "2026-11-21T09:00:00Z", "to": "2026-11-21T17:00:00Z"},
            "service": {"carrierService": {"code": code, "name": code, "carrier": {"code": "C", "name": "C"}}},
            "shippingCosts": {"shippingCost": {"amount": amount, "currencyCode": "GBP"}}
        })
    };
    let body = json!([rate("RM_TRACKED_48", 2.95), rate("DPD_NEXT_DAY", 4.2)]);
    let mock = server
        .mock_async(|when, then| {
            with_json(
                request(when, POST, "/rates", &[]),
                consignment_request_json(),
            );
            then.status(200).json_body(body);
        })
        .await;
    let rates = client(&server.base_url())
        .get_rates(&consignment_request())
        .await
        .expect("rates");
    mock.assert_async().await;
    let codes: Vec<_> = rates.iter().map(|r| r.carrier_service_code()).collect();
    assert_eq!(codes, [Some("RM_TRACKED_48"), Some("DPD_NEXT_DAY")]);
    let cheapest = rates.cheapest().expect("cheapest");
    assert_eq!(cheapest.carrier_service_code(), Some("RM_TRACKED_48"));
    assert_eq!(cheapest.cutoff_date_time, Some(at(20, 16)));
    assert_eq!(
        cheapest.shipping_costs.as_ref().unwrap()["shippingCost"].amount,
        Some(2.95)
    );
    assert_eq!(rates.into_vec().len(), 2);
}

#[tokio::test]
async fn list_carriers_reads_codes_and_names() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            without_body(request(when, GET, "/carriers", &[])).header("accept", "application/json");
            then.status(200).json_body(
                json!([{"name": "DPD", "code": "DPD"}, {"name": "Royal Mail", "code": "RM"}]),
            );
        })
        .await;
    let carriers = client(&server.base_url())
        .list_carriers()
        .await
        .expect("carriers");
    mock.assert_async().await;
    assert_eq!(carriers.len(), 2);
    assert_eq!(carriers[1].name.as_deref(), Some("Royal Mail"));
    assert_eq!(carriers[1].code.as_deref(), Some("RM"));
}

#[tokio::test]
async fn list_carrier_services_reads_one_carriers_services() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            without_body(request(when, GET, "/carriers/DPD/services", &[]));
            then.status(200)
                .json_body(json!([{"name": "DPD Next Day", "code": "DPD_NEXT_DAY"}]));
        })
        .await;
    let services = client(&server.base_url())
        .list_carrier_services("DPD")
        .await
        .expect("services");
    mock.assert_async().await;
    assert_eq!(services[0].code.as_deref(), Some("DPD_NEXT_DAY"));
    assert_eq!(services[0].carrier, None);
}

#[tokio::test]
async fn list_shipping_locations_reads_the_warehouses() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            without_body(request(when, GET, "/shippingLocations", &[]));
            then.status(200)
                .json_body(json!([{"name": "Main warehouse", "code": "WH-1"}]));
        })
        .await;
    let locations = client(&server.base_url())
        .list_shipping_locations()
        .await
        .expect("locations");
    mock.assert_async().await;
    assert_eq!(locations[0].code.as_deref(), Some("WH-1"));
    assert_eq!(locations[0].name.as_deref(), Some("Main warehouse"));
}

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            request(when, GET, "/shipping/v1/carriers", &[]);
            then.status(200).json_body(json!([]));
        })
        .await;
    let client = client(&format!("{}/shipping/v1/", server.base_url()));
    assert!(client.list_carriers().await.expect("carriers").is_empty());
    mock.assert_async().await;
}

#[tokio::test]
async fn user_agent_suffix_is_appended() {
    let server = MockServer::start_async().await;
    let expected = format!("{} my-shop/2.0", user_agent());
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/carriers")
                .header("user-agent", expected);
            then.status(200).json_body(json!([]));
        })
        .await;
    builder(&server.base_url())
        .user_agent_suffix("my-shop/2.0")
        .build()
        .expect("client")
        .list_carriers()
        .await
        .expect("carriers");
    mock.assert_async().await;
}

#[test]
fn environments_and_credentials() {
    assert_eq!(
        metapack_shipping::METAPACK_SANDBOX_URL,
        "https://api.sbx.metapack.com/shipping/v1"
    );
    assert_eq!(
        metapack_shipping::PRODUCTION_URL,
        "https://api.dm1.metapack.com/shipping/v1"
    );
    // No silent default: a client without an environment is refused, naming the choices.
    let err = ShippingClient::builder()
        .credentials(metapack_shipping::Credentials::basic("u", "p"))
        .build()
        .expect_err("no environment");
    let Error::InvalidRequest { field, message, .. } = &err else {
        panic!("expected InvalidRequest, got {err:?}");
    };
    assert_eq!(field.as_deref(), Some("environment"));
    for choice in [
        "metapack-shipping needs an environment",
        "Environment::Production",
        "Environment::MetapackSandbox",
        "Environment::custom(url)?",
        "metapack-sandbox emulator",
    ] {
        assert!(message.contains(choice), "{choice}: {message}");
    }
    let client = ShippingClient::builder()
        .credentials(metapack_shipping::Credentials::basic("u", "p"))
        .environment(metapack_shipping::Environment::MetapackSandbox)
        .build()
        .expect("hosted sandbox client");
    assert_eq!(client.base_url(), metapack_shipping::METAPACK_SANDBOX_URL);
    let client = ShippingClient::builder()
        .credentials(metapack_shipping::Credentials::basic("u", "p"))
        .environment(metapack_shipping::Environment::Production)
        .build()
        .expect("production client");
    assert_eq!(client.base_url(), metapack_shipping::PRODUCTION_URL);
    let client = ShippingClient::builder()
        .credentials(metapack_shipping::Credentials::basic("u", "p"))
        .environment(metapack_shipping::production_stack(8).expect("dm8"))
        .build()
        .expect("dm8 client");
    assert_eq!(
        client.base_url(),
        "https://api.dm8.metapack.com/shipping/v1"
    );
    assert!(metapack_shipping::production_stack(0).is_err());

    // HTTP Basic only.
    let err = ShippingClient::builder()
        .credentials(metapack_shipping::Credentials::api_key("key"))
        .build()
        .expect_err("api key");
    assert!(
        matches!(&err, Error::InvalidRequest { message, .. } if message.contains("HTTP Basic")),
        "{err:?}"
    );
    assert!(
        ShippingClient::builder()
            .build()
            .expect_err("no credentials")
            .to_string()
            .contains("credentials")
    );
}

// ---------------------------------------------------------------------------------------------
// Client-side validation: nothing reaches the server.
// ---------------------------------------------------------------------------------------------

fn assert_invalid(result: Result<impl std::fmt::Debug, Error>, field: &str) {
    match result {
        Err(Error::InvalidRequest {
            field: Some(f),
            message,
            ..
        }) => {
            assert_eq!(f, field, "{message}");
            assert!(message.contains(field), "{message:?} should name {field}");
        }
        other => panic!("expected InvalidRequest about {field}, got {other:?}"),
    }
}

#[tokio::test]
async fn blank_path_codes_are_rejected_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server, 204).await;
    let client = client(&server.base_url());
    let options = PaperworkOptions::new();
    let c = "consignmentCode";

    assert_invalid(client.get_consignment("").await, c);
    assert_invalid(
        client.update_consignment(" ", &consignment_request()).await,
        c,
    );
    assert_invalid(
        client
            .patch_consignment("\t", &ConsignmentChanges::new().manifest_group_code("X"))
            .await,
        c,
    );
    assert_invalid(client.delete_consignment("").await, c);
    assert_invalid(client.get_consignment_paperwork("", &options).await, c);
    assert_invalid(client.add_parcel("", &parcel()).await, c);
    assert_invalid(client.remove_parcel("", "P-1").await, c);
    assert_invalid(client.remove_parcel(CODE, " ").await, "parcelCode");
    let container = ConsolidationRequest {
        container_consignment_code: Some("OUTER-1".into()),
        container_parcel_code: Some("OP-1".into()),
    };
    assert_invalid(client.consolidate_parcel("", "P-1", &container).await, c);
    assert_invalid(
        client.consolidate_parcel(CODE, "", &container).await,
        "parcelCode",
    );
    assert_invalid(client.unconsolidate_parcel(CODE, "").await, "parcelCode");
    assert_invalid(
        client.get_parcel_paperwork(CODE, "", &options).await,
        "parcelCode",
    );
    assert_invalid(client.add_item(CODE, "", &item()).await, "parcelCode");
    assert_invalid(
        client.remove_item(CODE, "P-1", " ", Some(1)).await,
        "itemRef",
    );
    assert_invalid(client.allocate_consignment("", &rules()).await, c);
    assert_invalid(client.deallocate_consignment("  ").await, c);
    assert_invalid(client.set_ready_to_ship("", true).await, c);
    assert_invalid(client.get_manifest_paperwork("").await, "manifestCode");
    assert_invalid(client.list_carrier_services(" ").await, "carrierCode");

    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn invalid_inputs_are_rejected_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server, 204).await;
    let client = client(&server.base_url());

    // A search needs a criterion, and blank ones do not count.
    assert_invalid_mentioning(
        client
            .search_consignments(&ConsignmentSearch::default())
            .await,
        "at least one",
    );
    assert_invalid(
        client
            .search_consignments(&ConsignmentSearch::order("  "))
            .await,
        "orderReference",
    );

    // quantityToDelete counts units: at least 1.
    assert_invalid(
        client.remove_item(CODE, "P-1", "SKU-1", Some(0)).await,
        "quantityToDelete",
    );

    // Paperwork options have the documented shapes.
    for dimension in [
        "",
        "6",
        "6x",
        "x4",
        "6x4x2",
        "six by four",
        "-6x4",
        "0x4",
        "A4",
    ] {
        assert_invalid(
            client
                .get_consignment_paperwork(CODE, &PaperworkOptions::new().dimension(dimension))
                .await,
            "dimension",
        );
    }
    for resolution in ["", "200dpi", "0", "-200", "20 0", "2.5"] {
        assert_invalid(
            client
                .get_parcel_paperwork(CODE, "P-1", &PaperworkOptions::new().resolution(resolution))
                .await,
            "resolution",
        );
    }
    let request = ConsignmentWithPaperworkRequest {
        consignment: consignment(),
        shipping_rules: rules(),
        paperwork: PaperworkRequest {
            dimension: Some("6x4".into()),
            resolution: Some("300 dpi".into()),
            ..Default::default()
        },
    };
    assert_invalid(
        client.create_consignment_with_paperwork(&request).await,
        "resolution",
    );

    // A patch changes something, and not to a blank value.
    assert_invalid_mentioning(
        client
            .patch_consignment(CODE, &ConsignmentChanges::new())
            .await,
        "at least one change",
    );
    assert_invalid(
        client
            .patch_consignment(CODE, &ConsignmentChanges::new().manifest_group_code(" "))
            .await,
        "manifestGroupCode",
    );

    // A consolidation names the outer consignment and its parcel.
    let container = ConsolidationRequest {
        container_consignment_code: Some("OUTER-1".into()),
        container_parcel_code: None,
    };
    assert_invalid(
        client.consolidate_parcel(CODE, "P-1", &container).await,
        "containerParcelCode",
    );
    let container = ConsolidationRequest {
        container_consignment_code: Some("".into()),
        container_parcel_code: Some("OP-1".into()),
    };
    assert_invalid(
        client.consolidate_parcel(CODE, "P-1", &container).await,
        "containerConsignmentCode",
    );

    // Manifest selection codes, when given, are not blank.
    let manifest = ManifestRequest {
        carrier_code: Some(" ".into()),
        ..Default::default()
    };
    assert_invalid(client.create_manifest(&manifest).await, "carrierCode");

    any.assert_calls_async(0).await;
}

#[test]
fn paperwork_options_accept_the_documented_shapes() {
    for dimension in ["6x4", "6X4", "4x6", "4x6.75", "10x15"] {
        assert!(
            PaperworkOptions::new()
                .dimension(dimension)
                .validate()
                .is_ok(),
            "{dimension}"
        );
    }
    for resolution in ["200", "203", "300", "600"] {
        assert!(
            PaperworkOptions::new()
                .resolution(resolution)
                .validate()
                .is_ok(),
            "{resolution}"
        );
    }
    let request: PaperworkRequest = PaperworkOptions::new()
        .paperwork_type(PaperworkType::Documentation)
        .resolution(300)
        .into();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"type": "documentation", "resolution": "300"})
    );
}
