//! The MM-API client against httpmock on loopback: request shapes, outcomes, error bodies,
//! tokens, and what is refused before sending.
// `MmApiError` (deprecated for `MmApiErrorExt`) stays tested until it is removed.
#![allow(deprecated)]

use std::time::Duration;

use crate::common::mock_client::{builder, fast_retries};
use httpmock::Method::{DELETE, GET, PATCH, POST};
use httpmock::{Mock, MockServer};
use metapack_core::{Error, RetryPolicy, TokenProvider};
use metapack_mm_api::client::DEFAULT_DATA_HOST;
use metapack_mm_api::errors::{AllocationError, ConstraintViolation, ErrorBody};
use metapack_mm_api::model::*;
use metapack_mm_api::uri::{ConsignmentUri, DocumentUri, ShipmentUri};
use metapack_mm_api::validation::Validate;
use metapack_mm_api::values::{
    AcceptableConsignmentStatus, AllocationErrorCode, ConstraintCode, Dpi, LabelFormat,
};
use metapack_mm_api::{
    AllocationRequest, ApiVersion, BatchStatusOutcome, CallSettings, ClientCredentials,
    MmApiClient, MmApiError,
};
use serde_json::json;

const TOKEN: &str = "tok-abc";
const CONSIGNMENT: &str = "7464dc6a-631d-47dc-8ac8-97726815204c";
const UNIT: &str = "293ea6b3-af2d-4621-ba98-d7082bfa775f";
const V0: &str = "application/vnd.metapack.mm.v0+json";
const V1: &str = "application/vnd.metapack.mm.v1.0+json";

fn client(server: &MockServer, version: ApiVersion) -> MmApiClient {
    builder(server)
        .static_token(TOKEN)
        .version(version)
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

fn shipment() -> Shipment {
    let address = Address::new("GBR", "London", "Gray's Inn Road", "WC1X 8XZ");
    let contact = Contact::named("Andrew", "Neal").with_email("example@metapack.com");
    Shipment::delivery(
        AgentUri::new(
            "https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742",
        ),
        Receiver::new(address.clone(), contact.clone()),
        Destination::new(address, contact),
        vec![LogisticsUnit::new(
            Weight::kg(2.0),
            Dimension::cm(5.0, 5.0, 5.0),
        )],
    )
}

fn consignment_json(base: &str) -> serde_json::Value {
    json!({
        "@id": format!("{base}/consignments/{CONSIGNMENT}"),
        "@type": "Consignment",
        "logisticsUnitDocuments": [{
            "@id": format!("{base}/shipments/{CONSIGNMENT}/{UNIT}"),
            "@type": "LogisticsUnit",
            "trackingCode": "TT123456789GB",
            "documents": [{"type": "label", "url": format!("{base}/documents/{CONSIGNMENT}/{UNIT}/label")}]
        }],
        "documents": [],
        "shipmentUrl": format!("{base}/shipments/{CONSIGNMENT}")
    })
}

/// A mock answering anything with 500, to prove that nothing was sent.
async fn catch_all(server: &MockServer) -> Mock<'_> {
    server
        .mock_async(|_when, then| {
            then.status(500);
        })
        .await
}

fn is_invalid_request(err: &Error, field: &str) -> bool {
    matches!(err, Error::InvalidRequest { field: Some(f), .. } if f == field)
}

#[tokio::test]
async fn get_shipment_request_shape() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/shipments/{CONSIGNMENT}"))
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("content-type", V0)
                .header("accept", V0);
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"shipmentRef": "REF-1", "type": "DELIVERY"}));
        })
        .await;
    let c = client(&server, ApiVersion::V0);
    let uuid = uuid::Uuid::parse_str(CONSIGNMENT).unwrap();
    let shipment = c.get_shipment(uuid).await.unwrap();
    assert_eq!(shipment.shipment_ref.as_deref(), Some("REF-1"));
    // The same shipment by its URI on the configured host, and by its id as text.
    let uri = ShipmentUri::new(format!("{}/shipments/{CONSIGNMENT}", server.base_url()));
    c.get_shipment(&uri).await.unwrap();
    c.get_shipment(CONSIGNMENT).await.unwrap();
    c.get_shipment(uri.as_str()).await.unwrap();
    mock.assert_calls_async(4).await;
}

#[tokio::test]
async fn foreign_uris_and_malformed_ids_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let c = client(&server, ApiVersion::V0);
    let foreign = ShipmentUri::new(format!("https://elsewhere.example/shipments/{CONSIGNMENT}"));
    let err = c.get_shipment(&foreign).await.unwrap_err();
    assert!(is_invalid_request(&err, "shipment"), "{err:?}");
    assert!(
        err.to_string().contains("elsewhere.example")
            && err.to_string().contains("not on this client's host"),
        "{err}"
    );
    // Same host, another port; same host outside the configured base path.
    let other_port = format!("http://127.0.0.1:1/shipments/{CONSIGNMENT}");
    assert!(is_invalid_request(
        &c.get_shipment(other_port.as_str()).await.unwrap_err(),
        "shipment"
    ));
    let deep = MmApiClient::builder()
        .host(server.url("/mm-api"))
        .data_host(server.base_url())
        .static_token(TOKEN)
        .build()
        .unwrap();
    let outside = format!("{}/other/shipments/{CONSIGNMENT}", server.base_url());
    assert!(is_invalid_request(
        &deep.get_shipment(outside.as_str()).await.unwrap_err(),
        "shipment"
    ));
    let err = c
        .allocate(&AllocationRequest::shipment_uri(foreign))
        .await
        .unwrap_err();
    assert!(is_invalid_request(&err, "shipment"), "{err:?}");
    let doc = DocumentUri::new(format!(
        "https://example.metapack.com/documents/{CONSIGNMENT}/{UNIT}/label"
    ));
    let err = c
        .get_document(&doc, &DocumentParams::default())
        .await
        .unwrap_err();
    assert!(is_invalid_request(&err, "document"), "{err:?}");
    // Not a UUID: a typed error naming the resource, not a panic.
    for id in ["a21d", "", "not a uuid", "shipments/123"] {
        let err = c.get_consignment(id).await.unwrap_err();
        assert!(is_invalid_request(&err, "consignment"), "{id}: {err:?}");
        assert!(err.to_string().contains("UUID"), "{err}");
    }
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn allocate_posts_the_shipment_with_params_and_reads_location() {
    let server = MockServer::start_async().await;
    let base = server.base_url();
    let location = format!("{base}/consignments/{CONSIGNMENT}");
    let shipment = shipment();
    let expected_body = serde_json::to_value(&shipment).unwrap();
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/consignments")
                .query_param("logisticsServiceGroup", "Domestic")
                .query_param("latestDeliveryDate", "2030-11-19T14:26:11.261Z")
                .query_param(
                    "logisticsServiceURI",
                    "https://data.metapack.net/logistics-services/dpd",
                )
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("content-type", V1)
                .header("accept", V1)
                .json_body(expected_body);
            then.status(201)
                .header("location", location.as_str())
                .header("content-type", "application/json")
                .json_body(consignment_json(&base));
        })
        .await;
    let c = client(&server, ApiVersion::V1_0);
    let request = AllocationRequest::shipment(shipment).with_params(AllocationParams {
        logistics_service_uri: Some("https://data.metapack.net/logistics-services/dpd".into()),
        logistics_service_group: Some("Domestic".into()),
        latest_delivery_date: Some("2030-11-19T14:26:11.261Z".into()),
        ..AllocationParams::default()
    });
    let allocation = c.allocate(&request).await.unwrap();
    mock.assert_calls_async(1).await;
    assert_eq!(allocation.uri.as_str(), location);
    assert_eq!(
        allocation.consignment.tracking_codes(),
        vec!["TT123456789GB"]
    );
}

#[tokio::test]
async fn allocate_by_shipment_uri_sends_the_uri() {
    let server = MockServer::start_async().await;
    let base = server.base_url();
    let uri = format!("{base}/shipments/{CONSIGNMENT}");
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/consignments")
                .header("content-type", V0)
                .json_body(json!(uri));
            then.status(201)
                .header("content-type", "application/json")
                .json_body(consignment_json(&base));
        })
        .await;
    let c = client(&server, ApiVersion::V0);
    let allocation = c
        .allocate(&AllocationRequest::shipment_uri(uri.as_str()))
        .await
        .unwrap();
    mock.assert_calls_async(1).await;
    // No Location: the body's @id.
    assert_eq!(
        allocation.uri.as_str(),
        format!("{base}/consignments/{CONSIGNMENT}")
    );
}

#[tokio::test]
async fn allocate_is_not_retried_once_sent() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/consignments");
            then.status(500);
        })
        .await;
    let err = client(&server, ApiVersion::V0)
        .allocate(&AllocationRequest::shipment(shipment()))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    mock.assert_calls_async(1).await;
    // The allocation may have been made: not retryable, look it up first.
    assert!(err.may_have_reached_server());
    assert!(!err.is_retryable(), "{err:?}");
}

#[tokio::test]
async fn version_gated_parameters_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    // logisticsServiceCode exists in 0.7.0 only.
    let request = AllocationRequest::shipment(shipment()).with_params(AllocationParams {
        logistics_service_code: Some("DPD".into()),
        ..AllocationParams::default()
    });
    let err = client(&server, ApiVersion::V0)
        .allocate(&request)
        .await
        .unwrap_err();
    assert!(is_invalid_request(&err, "logisticsServiceCode"), "{err:?}");
    // logisticsServiceURI does not exist in 0.7.0.
    let request = AllocationRequest::shipment(shipment()).with_params(AllocationParams {
        logistics_service_uri: Some("https://data.metapack.net/logistics-services/x".into()),
        ..AllocationParams::default()
    });
    let err = client(&server, ApiVersion::V0_7)
        .allocate(&request)
        .await
        .unwrap_err();
    assert!(is_invalid_request(&err, "logisticsServiceURI"), "{err:?}");
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn return_labels_below_v1_are_refused_with_zero_requests() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    for version in [ApiVersion::V0_7, ApiVersion::V0_7_5, ApiVersion::V0] {
        let request = AllocationRequest::shipment(shipment()).with_return_labels(true);
        let err = client(&server, version)
            .allocate(&request)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    }
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn return_labels_on_v1_are_sent() {
    let server = MockServer::start_async().await;
    let base = server.base_url();
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/consignments")
                .header("content-type", V1);
            then.status(201).json_body(consignment_json(&base));
        })
        .await;
    let request = AllocationRequest::shipment(shipment()).with_return_labels(true);
    client(&server, ApiVersion::V1_0)
        .allocate(&request)
        .await
        .unwrap();
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn client_side_validation_refuses_with_violations() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let err = client(&server, ApiVersion::V0)
        .allocate(&AllocationRequest::shipment(Shipment::default()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }));
    let violations = MmApiError::violations(&err);
    assert_eq!(violations, Shipment::default().validate(ApiVersion::V0));
    let units = violations
        .iter()
        .find(|v| v.field_path() == "logisticsUnits")
        .unwrap();
    assert_eq!(units.code, ConstraintCode::NotNull);
    assert_eq!(units.object_name, "shipment");
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn validation_off_sends_and_server_violations_are_reachable() {
    let server = MockServer::start_async().await;
    let violation = ConstraintViolation::new(
        "shipment",
        "logisticsUnits",
        ConstraintCode::NotNull,
        None,
        "may not be null",
    );
    let body = ErrorBody::constraint_violations(vec![violation.clone()]);
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/consignments");
            then.status(400)
                .header("content-type", "application/json")
                .json_body(serde_json::to_value(&body).unwrap());
        })
        .await;
    let c = builder(&server)
        .static_token(TOKEN)
        .validation(false)
        .build()
        .unwrap();
    assert!(!c.validation());
    let err = c
        .allocate(&AllocationRequest::shipment(Shipment::default()))
        .await
        .unwrap_err();
    mock.assert_calls_async(1).await;
    assert_eq!(err.status(), Some(400));
    assert_eq!(MmApiError::violations(&err), vec![violation]);
    assert!(MmApiError::body(&err).is_some());
    // One line that says what was wrong.
    assert_eq!(
        err.to_string(),
        "HTTP 400 O-VAL-2000: General validation error: shipment.logisticsUnits: may not be \
         null (NotNull)"
    );
}

#[tokio::test]
async fn allocation_errors_are_reachable() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/consignments");
            then.status(422).json_body(json!({
                "httpStatus": "422",
                "code": "O-ALL-1000",
                "message": "allocation failed",
                "allocationErrors": [{"code": "DeliveryWindow", "message": "no service"}]
            }));
        })
        .await;
    let err = client(&server, ApiVersion::V0)
        .allocate(&AllocationRequest::shipment(shipment()))
        .await
        .unwrap_err();
    let errors: Vec<AllocationError> = MmApiError::allocation_errors(&err);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, AllocationErrorCode::DeliveryWindow);
    assert!(MmApiError::violations(&err).is_empty());
    assert_eq!(
        err.to_string(),
        "HTTP 422 O-ALL-1000: allocation failed: no service (DeliveryWindow)"
    );
}

#[tokio::test]
async fn get_and_delete_consignment() {
    let server = MockServer::start_async().await;
    let base = server.base_url();
    let get = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/consignments/{CONSIGNMENT}"))
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("accept", V0);
            then.status(200).json_body(consignment_json(&base));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(format!("/consignments/{CONSIGNMENT}"))
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("content-type", V0);
            then.status(204);
        })
        .await;
    let c = client(&server, ApiVersion::V0);
    let uri = ConsignmentUri::new(format!("{}/consignments/{CONSIGNMENT}", server.base_url()));
    let consignment = c.get_consignment(&uri).await.unwrap();
    assert_eq!(consignment.label_urls().len(), 1);
    c.delete_consignment(uri).await.unwrap();
    get.assert_calls_async(1).await;
    delete.assert_calls_async(1).await;
}

#[tokio::test]
async fn delete_is_retried_as_idempotent() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(DELETE);
            then.status(500);
        })
        .await;
    let uuid = uuid::Uuid::parse_str(CONSIGNMENT).unwrap();
    let err = client(&server, ApiVersion::V0)
        .delete_consignment(uuid)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    mock.assert_calls_async(3).await;
}

#[tokio::test]
async fn patch_status_single_and_retry_safe() {
    let server = MockServer::start_async().await;
    let ok = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path(format!("/consignments/{CONSIGNMENT}"))
                .header("content-type", V0)
                .header("authorization", format!("Bearer {TOKEN}"))
                .json_body(json!({"status": "READY_TO_MANIFEST"}));
            then.status(200);
        })
        .await;
    let c = client(&server, ApiVersion::V0);
    let uuid = uuid::Uuid::parse_str(CONSIGNMENT).unwrap();
    c.patch_consignment_status(uuid, AcceptableConsignmentStatus::ReadyToManifest)
        .await
        .unwrap();
    ok.assert_calls_async(1).await;

    // A 502 on a status PATCH is retried: setting a status is idempotent.
    let server = MockServer::start_async().await;
    let bad = server
        .mock_async(|when, then| {
            when.method(PATCH);
            then.status(502);
        })
        .await;
    let err = client(&server, ApiVersion::V0)
        .patch_consignment_status(uuid, AcceptableConsignmentStatus::HoldToManifest)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(502));
    bad.assert_calls_async(3).await;
}

#[tokio::test]
async fn patch_status_batch_200_and_207() {
    let base = "https://example.metapack.com";
    let uris = vec![
        ConsignmentUri::new(format!(
            "{base}/consignments/5dc46ce0-00f9-4973-b956-661b22b08c83"
        )),
        ConsignmentUri::new(format!(
            "{base}/consignments/611d45ab-1c06-4e75-b64e-1dda8c9b72e4"
        )),
    ];
    let body = json!({"consignments": uris.clone(), "status": "READY_TO_MANIFEST"});

    let server = MockServer::start_async().await;
    let all = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path("/consignments")
                .header("content-type", V0)
                .json_body(body.clone());
            then.status(200);
        })
        .await;
    let outcome = client(&server, ApiVersion::V0)
        .patch_consignments_status(uris.clone(), AcceptableConsignmentStatus::ReadyToManifest)
        .await
        .unwrap();
    assert_eq!(outcome, BatchStatusOutcome::AllUpdated);
    all.assert_calls_async(1).await;

    let server = MockServer::start_async().await;
    let first = uris[0].clone();
    server
        .mock_async(|when, then| {
            when.method(PATCH).path("/consignments");
            then.status(207).json_body(json!([first.as_str()]));
        })
        .await;
    let outcome = client(&server, ApiVersion::V0)
        .patch_consignments_status(uris.clone(), AcceptableConsignmentStatus::ReadyToManifest)
        .await
        .unwrap();
    match outcome {
        BatchStatusOutcome::PartiallyUpdated { updated, .. } => {
            assert_eq!(updated, Some(vec![uris[0].clone()]));
        }
        other => panic!("expected 207, got {other:?}"),
    }

    // 207 without a body: partial, but which ones is unknown.
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(PATCH).path("/consignments");
            then.status(207);
        })
        .await;
    let outcome = client(&server, ApiVersion::V0)
        .patch_consignments_status(uris, AcceptableConsignmentStatus::ReadyToManifest)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        BatchStatusOutcome::PartiallyUpdated {
            updated: None,
            body: None
        }
    );
}

#[tokio::test]
async fn close_consignment_list_reads_location() {
    let server = MockServer::start_async().await;
    let base = server.base_url();
    let location = format!("{base}/consignment-lists/6");
    let consignments = vec![ConsignmentUri::new(format!(
        "{base}/consignments/{CONSIGNMENT}"
    ))];
    let mut list = ConsignmentList::close(consignments);
    list.consignment_list_id = Some("My Reference number".into());
    let expected = serde_json::to_value(&list).unwrap();
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/consignment-lists")
                .header("content-type", V0)
                .header("authorization", format!("Bearer {TOKEN}"))
                .json_body(expected);
            then.status(201)
                .header("location", location.as_str())
                .json_body(json!({
                    "@id": location,
                    "type": "CLOSE_LIST",
                    "consignmentListId": "My Reference number"
                }));
        })
        .await;
    let closed = client(&server, ApiVersion::V0)
        .close_consignment_list(&list)
        .await
        .unwrap();
    mock.assert_calls_async(1).await;
    assert_eq!(closed.uri.as_str(), location);
    assert_eq!(
        closed.reference.consignment_list_id.as_deref(),
        Some("My Reference number")
    );
}

#[tokio::test]
async fn close_consignment_list_needs_0_13() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let list = ConsignmentList::close(vec![ConsignmentUri::new(format!(
        "https://example.metapack.com/consignments/{CONSIGNMENT}"
    ))]);
    let err = client(&server, ApiVersion::V0_7_5)
        .close_consignment_list(&list)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }));
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn get_document_returns_bytes_and_media_type() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/documents/{CONSIGNMENT}/{UNIT}/label"))
                .query_param("format", "ZPL")
                .query_param("dpi", "300")
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("content-type", V0);
            then.status(200)
                .header("content-type", "application/zpl")
                .body("^XA^XZ");
        })
        .await;
    let doc = DocumentUri::new(format!(
        "{}/documents/{CONSIGNMENT}/{UNIT}/label",
        server.base_url()
    ));
    let params = DocumentParams {
        format: Some(LabelFormat::Zpl),
        dpi: Some(Dpi::Dpi300),
    };
    let content = client(&server, ApiVersion::V0)
        .get_document(&doc, &params)
        .await
        .unwrap();
    mock.assert_calls_async(1).await;
    assert_eq!(content.bytes, b"^XA^XZ");
    assert_eq!(content.media_type.as_deref(), Some("application/zpl"));
}

#[tokio::test]
async fn unsupported_document_values_are_refused_with_zero_requests() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let doc = DocumentUri::new(format!(
        "https://example.metapack.com/documents/{CONSIGNMENT}/{UNIT}/label"
    ));
    // Refused even with validation off.
    let c = builder(&server)
        .static_token(TOKEN)
        .validation(false)
        .build()
        .unwrap();
    let pcl = DocumentParams {
        format: Some(LabelFormat::Pcl),
        dpi: None,
    };
    let err = c.get_document(&doc, &pcl).await.unwrap_err();
    assert!(is_invalid_request(&err, "format"), "{err:?}");
    let dpi600 = DocumentParams {
        format: Some(LabelFormat::Png),
        dpi: Some(Dpi::Dpi600),
    };
    let err = c.get_document(&doc, &dpi600).await.unwrap_err();
    assert!(is_invalid_request(&err, "dpi"), "{err:?}");
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn logistics_service_on_data_host_without_auth() {
    let data = MockServer::start_async().await;
    let mock = data
        .mock_async(|when, then| {
            when.method(GET)
                .path("/logistics-services/dpdrev")
                .header_missing("authorization");
            then.status(200).json_body(json!({
                "@id": "https://data.metapack.net/logistics-services/dpdrev",
                "name": "DPD Return"
            }));
        })
        .await;
    let api = MockServer::start_async().await;
    let any = catch_all(&api).await;
    let c = MmApiClient::builder()
        .host(api.base_url())
        .data_host(data.base_url())
        .static_token(TOKEN)
        .build()
        .unwrap();
    let service = c.get_logistics_service("dpdrev").await.unwrap();
    assert_eq!(service.name.as_deref(), Some("DPD Return"));
    mock.assert_calls_async(1).await;
    any.assert_calls_async(0).await;
}

#[test]
fn builder_checks_hosts_and_credentials() {
    let err = MmApiClient::builder()
        .static_token(TOKEN)
        .build()
        .unwrap_err();
    assert!(is_invalid_request(&err, "host"));
    // No silent default host: the refusal names the choices.
    let message = err.to_string();
    for choice in [".host(\"https://", "sandbox.mm_api().url()", "no default"] {
        assert!(message.contains(choice), "{choice}: {message}");
    }
    let err = MmApiClient::builder()
        .host("http://example.metapack.com")
        .static_token(TOKEN)
        .build()
        .unwrap_err();
    assert!(is_invalid_request(&err, "host"));
    let err = MmApiClient::builder()
        .host("https://example.metapack.com")
        .build()
        .unwrap_err();
    assert!(is_invalid_request(&err, "credentials"));
    let c = MmApiClient::builder()
        .host("https://example.metapack.com")
        .static_token(TOKEN)
        .build()
        .unwrap();
    assert_eq!(c.version(), ApiVersion::V0);
    assert!(c.validation());
    assert_eq!(c.data_host().as_str(), format!("{DEFAULT_DATA_HOST}/"));
    assert!(c.runtime().timeouts().per_attempt() > metapack_mm_api::timeouts::COLLECTION_BY_URI);
    // A host that is not Metapack's must name its data host, or choose Metapack's on purpose.
    let loopback = || {
        MmApiClient::builder()
            .host("http://127.0.0.1:8080")
            .static_token(TOKEN)
    };
    let err = loopback().build().unwrap_err();
    assert!(is_invalid_request(&err, "data_host"), "{err:?}");
    assert!(
        err.to_string().contains(".data_host(..)")
            && err.to_string().contains(".data_host_default()"),
        "{err}"
    );
    let c = loopback().data_host_default().build().unwrap();
    assert_eq!(c.data_host().as_str(), format!("{DEFAULT_DATA_HOST}/"));
    let c = loopback()
        .data_host("http://127.0.0.1:8081")
        .build()
        .unwrap();
    assert_eq!(c.data_host().as_str(), "http://127.0.0.1:8081/");
    let err = MmApiClient::builder()
        .host("https://metapack.com.evil.example")
        .static_token(TOKEN)
        .build()
        .unwrap_err();
    assert!(is_invalid_request(&err, "data_host"), "{err:?}");
}

#[tokio::test]
async fn client_credentials_without_a_host_explain_what_is_missing() {
    let source = ClientCredentials::new("client-1", "sup3r-secret");
    assert!(source.token_url().is_none());
    let err = metapack_core::TokenSource::fetch(&source)
        .await
        .unwrap_err();
    assert!(is_invalid_request(&err, "token_url"), "{err:?}");
    assert!(!format!("{err:?} {err}").contains("sup3r-secret"));
    let err = ClientCredentials::new("id", "s")
        .with_token_url("http://example.com/auth")
        .unwrap_err();
    assert!(is_invalid_request(&err, "token_url"), "{err:?}");
}

#[test]
fn debug_never_shows_secrets() {
    let creds = ClientCredentials::new("client-1", "sup3r-secret");
    let shown = format!("{creds:?}");
    assert!(shown.contains("client-1"));
    assert!(!shown.contains("sup3r-secret"));
    let c = MmApiClient::builder()
        .host("https://example.metapack.com")
        .client_credentials(creds)
        .build()
        .unwrap();
    assert!(!format!("{c:?}").contains("sup3r-secret"));
    let c = MmApiClient::builder()
        .host("https://example.metapack.com")
        .static_token("static-secret-token")
        .build()
        .unwrap();
    assert!(!format!("{c:?}").contains("static-secret-token"));
    let b = MmApiClient::builder().static_token("static-secret-token");
    assert!(!format!("{b:?}").contains("static-secret-token"));
    // Hosts with user info are refused by build(), and never shown by the builder's Debug.
    for host in [
        "https://me:host-pw@example.metapack.com",
        "me:host-pw@example",
    ] {
        let b = MmApiClient::builder()
            .host(host)
            .data_host(host)
            .static_token("t");
        assert!(!format!("{b:?}").contains("host-pw"), "{b:?}");
        assert!(is_invalid_request(&b.build().unwrap_err(), "host"));
    }
    let err = MmApiClient::builder()
        .host("https://example.metapack.com/#frag")
        .static_token("t")
        .build()
        .unwrap_err();
    assert!(
        is_invalid_request(&err, "host"),
        "core's rules refuse fragments"
    );
}

async fn token_mock<'a>(server: &'a MockServer, expires_in: serde_json::Value) -> Mock<'a> {
    // base64("client-1:sup3r-secret")
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/auth")
                .header("authorization", "Basic Y2xpZW50LTE6c3VwM3Itc2VjcmV0")
                .header("content-type", "application/x-www-form-urlencoded")
                .form_urlencoded_tuple("grant_type", "client_credentials");
            then.status(200).json_body(json!({
                "access_token": "oauth-token-1",
                "token_type": "bearer",
                "expires_in": expires_in
            }));
        })
        .await
}

fn oauth_client(server: &MockServer, margin: Duration) -> MmApiClient {
    let creds =
        ClientCredentials::for_host(&server.base_url(), "client-1", "sup3r-secret").unwrap();
    builder(server)
        .token_provider(TokenProvider::new(creds).with_refresh_margin(margin))
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn client_credentials_exchange_shape_and_caching() {
    let server = MockServer::start_async().await;
    let token = token_mock(&server, json!(3600)).await;
    let api = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(format!("/consignments/{CONSIGNMENT}"))
                .header("authorization", "Bearer oauth-token-1");
            then.status(204);
        })
        .await;
    let c = oauth_client(&server, TokenProvider::DEFAULT_REFRESH_MARGIN);
    let uuid = uuid::Uuid::parse_str(CONSIGNMENT).unwrap();
    for _ in 0..3 {
        c.delete_consignment(uuid).await.unwrap();
    }
    token.assert_calls_async(1).await;
    api.assert_calls_async(3).await;
}

#[tokio::test]
async fn custom_token_url() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method(POST).path("/oauth/token");
            then.status(200)
                .json_body(json!({"access_token": "t2", "expires_in": "3600"}));
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET).header("authorization", "Bearer t2");
            then.status(200).json_body(json!({}));
        })
        .await;
    let creds = ClientCredentials::new("id", "secret")
        .with_token_url(&format!("{}/oauth/token", server.base_url()))
        .unwrap();
    let c = builder(&server).client_credentials(creds).build().unwrap();
    c.get_shipment(uuid::Uuid::nil()).await.unwrap();
    token.assert_calls_async(1).await;
    api.assert_calls_async(1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundred_concurrent_calls_with_an_expired_token_fetch_once() {
    let server = MockServer::start_async().await;
    // Valid for 2 s, refreshed 0 s before expiry; given as a string.
    let token = token_mock(&server, json!("2")).await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET)
                .header("authorization", "Bearer oauth-token-1");
            then.status(200).json_body(json!({}));
        })
        .await;
    let c = oauth_client(&server, Duration::ZERO);
    c.get_shipment(uuid::Uuid::nil()).await.unwrap();
    token.assert_calls_async(1).await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let calls = (0..100).map(|_| {
        let c = c.clone();
        tokio::spawn(async move { c.get_shipment(uuid::Uuid::nil()).await })
    });
    for call in futures_join(calls).await {
        call.unwrap();
    }
    token.assert_calls_async(2).await;
    api.assert_calls_async(101).await;
}

async fn futures_join<T: Send + 'static>(
    handles: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let handles: Vec<_> = handles.collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn a_401_refreshes_once_and_retries_once() {
    let server = MockServer::start_async().await;
    let token = token_mock(&server, json!(3600)).await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/consignments/{CONSIGNMENT}"));
            then.status(401)
                .json_body(json!({"message": "token expired"}));
        })
        .await;
    let c = oauth_client(&server, TokenProvider::DEFAULT_REFRESH_MARGIN);
    let uuid = uuid::Uuid::parse_str(CONSIGNMENT).unwrap();
    let err = c.get_consignment(uuid).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    api.assert_calls_async(2).await;
    token.assert_calls_async(2).await;
}

#[tokio::test]
async fn token_endpoint_errors_are_typed() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method(POST).path("/auth");
            then.status(401)
                .json_body(json!({"error": "invalid_client"}));
        })
        .await;
    let api = catch_all(&server).await;
    let c = oauth_client(&server, TokenProvider::DEFAULT_REFRESH_MARGIN);
    let err = c.get_shipment(uuid::Uuid::nil()).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert!(!format!("{err:?} {err}").contains("sup3r-secret"));
    token.assert_calls_async(1).await;
    api.assert_calls_async(0).await;

    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/auth");
            then.status(200).body("<html>not json</html>");
        })
        .await;
    let c = oauth_client(&server, TokenProvider::DEFAULT_REFRESH_MARGIN);
    let err = c.get_shipment(uuid::Uuid::nil()).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundred_concurrent_calls_without_a_token_fetch_once() {
    let server = MockServer::start_async().await;
    let token = token_mock(&server, json!(3600)).await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET)
                .header("authorization", "Bearer oauth-token-1");
            then.status(200).json_body(json!({}));
        })
        .await;
    let c = oauth_client(&server, TokenProvider::DEFAULT_REFRESH_MARGIN);
    let calls = (0..100).map(|_| {
        let c = c.clone();
        tokio::spawn(async move { c.get_shipment(uuid::Uuid::nil()).await })
    });
    for call in futures_join(calls).await {
        call.unwrap();
    }
    token.assert_calls_async(1).await;
    api.assert_calls_async(100).await;
}

#[tokio::test]
async fn a_401_on_allocation_refreshes_and_replays_the_body_once() {
    let server = MockServer::start_async().await;
    let token = token_mock(&server, json!(3600)).await;
    let shipment = shipment();
    let expected = serde_json::to_value(&shipment).unwrap();
    let api = server
        .mock_async(|when, then| {
            when.method(POST).path("/consignments").json_body(expected);
            then.status(401);
        })
        .await;
    let c = oauth_client(&server, TokenProvider::DEFAULT_REFRESH_MARGIN);
    let err = c
        .allocate(&AllocationRequest::shipment(shipment))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    api.assert_calls_async(2).await;
    token.assert_calls_async(2).await;
}

/// Every documented code, under every status 1.7.1 lists it with (O-NFO-3006, which 1.7.1 does
/// not list, under the 404 the sandbox uses), reaches the caller as a typed `Error::Api` with
/// its status, code, message, correlation id and help; retryable statuses are retried.
#[tokio::test]
async fn every_documented_error_code_reaches_the_caller_typed() {
    use metapack_mm_api::errors::{ERROR_CODES, status_help};
    let mut cases = 0;
    for entry in ERROR_CODES.iter().filter(|h| !h.is_range()) {
        let mut statuses = entry.statuses();
        if statuses.is_empty() {
            statuses.push(404);
        }
        for status in statuses {
            let server = MockServer::start_async().await;
            let body = ErrorBody::new(status, entry.code, entry.title).with_correlation_id("c-1");
            let mock = server
                .mock_async(|when, then| {
                    when.method(GET)
                        .path(format!("/consignments/{CONSIGNMENT}"));
                    then.status(status)
                        .json_body(serde_json::to_value(&body).unwrap());
                })
                .await;
            let uuid = uuid::Uuid::parse_str(CONSIGNMENT).unwrap();
            let err = client(&server, ApiVersion::V0)
                .get_consignment(uuid)
                .await
                .unwrap_err();
            let api = err
                .api()
                .unwrap_or_else(|| panic!("{}: {err:?}", entry.code));
            assert_eq!(api.status, status, "{}", entry.code);
            assert_eq!(api.trace_id.as_deref(), Some("c-1"), "correlationID");
            assert_eq!(
                err.code().map(|c| c.to_string()).as_deref(),
                Some(entry.code)
            );
            let read = MmApiError::body(&err).expect("an MM-API body");
            assert_eq!(read.help().map(|h| h.code), Some(entry.code));
            assert_eq!(read.status(), Some(status));
            assert_eq!(read.message.as_deref(), Some(entry.title));
            let retryable = status_help(status).is_some_and(|s| s.retryable);
            assert_eq!(err.is_retryable(), retryable, "{} {status}", entry.code);
            // A 401 refreshes the token once and tries once more; never a loop.
            let attempts = match status {
                401 => 2,
                _ if retryable => 3,
                _ => 1,
            };
            assert_eq!(
                mock.calls_async().await,
                attempts,
                "{} {status}",
                entry.code
            );
            cases += 1;
        }
    }
    // 1.7.1's 25 code/status pairs, plus O-NFO-3006.
    assert_eq!(cases, 26);
}

#[tokio::test]
async fn token_requests_use_the_clients_settings() {
    let server = MockServer::start_async().await;
    // The token endpoint answers 503 first.
    let unavailable = server
        .mock_async(|when, then| {
            when.method(POST).path("/auth");
            then.status(503);
        })
        .await;
    let creds = ClientCredentials::new("client-1", "sup3r-secret");
    let client = builder(&server)
        .client_credentials(creds)
        .retry_policy(RetryPolicy::disabled())
        .user_agent_suffix("shop/2.1")
        .build()
        .unwrap();
    let uuid = uuid::Uuid::parse_str(CONSIGNMENT).unwrap();
    let err = client.get_consignment(uuid).await.unwrap_err();
    assert_eq!(err.status(), Some(503), "{err:?}");
    // RetryPolicy::disabled() applies to the token request too: one attempt.
    assert_eq!(unavailable.calls_async().await, 1);
    let ua = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/auth")
                .header_includes("user-agent", "shop/2.1");
            then.status(200)
                .json_body(json!({"access_token": "t", "expires_in": 60}));
        })
        .await;
    unavailable.delete_async().await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/consignments/{CONSIGNMENT}"));
            then.status(200).json_body(consignment_json("https://x"));
        })
        .await;
    client.get_consignment(uuid).await.expect("consignment");
    ua.assert_calls_async(1).await;
    get.assert_calls_async(1).await;
}

// --- Per-call settings (`with_call_settings`) ---------------------------------------------

#[tokio::test]
async fn a_per_call_opt_in_retries_an_allocation_the_client_does_not() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/consignments");
            then.status(503);
        })
        .await;
    let client = client(&server, ApiVersion::V0);
    let request = AllocationRequest::shipment(shipment());
    let err = client.allocate(&request).await.expect_err("503");
    assert_eq!(err.status(), Some(503));
    mock.assert_calls_async(1).await;

    client
        .with_call_settings(CallSettings::new().retry_unsafe())
        .allocate(&request)
        .await
        .expect_err("503");
    mock.assert_calls_async(4).await;
}

#[tokio::test]
async fn per_call_settings_reach_the_logistics_services_host_too() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/logistics-services/dpdrev");
            then.status(503);
        })
        .await;
    let client = client(&server, ApiVersion::V0);
    client
        .with_call_settings(CallSettings::new().retry_policy(RetryPolicy::disabled()))
        .get_logistics_service("dpdrev")
        .await
        .expect_err("503");
    mock.assert_calls_async(1).await;
    client
        .get_logistics_service("dpdrev")
        .await
        .expect_err("503");
    mock.assert_calls_async(4).await;
}
