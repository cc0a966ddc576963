//! The MM-API crate's `mock` feature as a user would use it: typed httpmock helpers for the
//! token, a shipment, an allocation, a label and a partial batch status change.

use httpmock::MockServer;
use metapack_mm_api::errors::{AllocationError, ErrorBody};
use metapack_mm_api::mock::MockServerExt;
use metapack_mm_api::model::{Consignment, DocumentParams, Shipment};
use metapack_mm_api::uri::{ConsignmentUri, DocumentUri, ShipmentUri};
use metapack_mm_api::values::{AcceptableConsignmentStatus, AllocationErrorCode};
use metapack_mm_api::{AllocationRequest, ApiVersion, ClientCredentials, MmApiClient, RetryPolicy};

const SHIPMENT: &str = "611d45ab-1c06-4e75-b64e-1dda8c9b72e4";
const OPEN: &str = "5dc46ce0-00f9-4973-b956-661b22b08c83";
const CLOSED: &str = "7464dc6a-631d-47dc-8ac8-97726815204c";

fn client(server: &MockServer) -> MmApiClient {
    MmApiClient::builder()
        .host(server.url("/mm-api"))
        .data_host(server.url("/mm-data"))
        .client_credentials(ClientCredentials::new("my-client", "s3cret"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
}

#[tokio::test]
async fn typed_mocks_drive_token_shipment_allocation_and_label() {
    let server = MockServer::start_async().await;
    let base = server.url("/mm-api");
    let token = server.token(|when, then| {
        when.client("my-client", "s3cret");
        then.ok("tok-1", 3600);
    });
    let shipment = server.get_shipment(|when, then| {
        when.id(SHIPMENT.parse().expect("uuid"))
            .bearer("tok-1")
            .version(ApiVersion::V0);
        then.ok(&Shipment {
            shipment_ref: Some("ORDER-1".into()),
            ..Shipment::default()
        });
    });
    let label = DocumentUri::new(format!("{base}/documents/{CLOSED}/u1/label"));
    let consignment: Consignment = serde_json::from_value(serde_json::json!({
        "@id": format!("{base}/consignments/{CLOSED}"),
        "logisticsUnitDocuments": [{"documents": [{"type": "label", "url": label.as_str()}]}],
    }))
    .expect("a consignment");
    let shipment_uri = ShipmentUri::new(format!("{base}/shipments/{SHIPMENT}"));
    let allocate = server.allocate(|when, then| {
        when.bearer("tok-1").shipment_uri(&shipment_uri);
        then.created(&consignment);
    });
    let document = server.get_document(|when, then| {
        when.document(&label);
        then.ok(b"%PDF-1.4 label", "application/pdf");
    });
    let refused = server.allocate(|when, then| {
        when.shipment_uri(&ShipmentUri::new(format!("{base}/shipments/{OPEN}")));
        then.error(&ErrorBody::allocation_errors(vec![AllocationError::new(
            AllocationErrorCode::NoLogisticsServiceAvailable,
            None,
        )]));
    });

    let client = client(&server);
    let found = client.get_shipment(SHIPMENT).await.expect("shipment");
    assert_eq!(found.shipment_ref.as_deref(), Some("ORDER-1"));
    let allocation = client
        .allocate(&AllocationRequest::shipment_uri(shipment_uri.clone()))
        .await
        .expect("allocated");
    assert_eq!(
        allocation.uri.as_str(),
        format!("{base}/consignments/{CLOSED}")
    );
    let labels = client
        .labels(&allocation.consignment, &DocumentParams::default())
        .await
        .expect("labels");
    assert_eq!(labels[0].bytes, b"%PDF-1.4 label");
    assert_eq!(labels[0].media_type.as_deref(), Some("application/pdf"));
    let err = client
        .allocate(&AllocationRequest::shipment_uri(ShipmentUri::new(format!(
            "{base}/shipments/{OPEN}"
        ))))
        .await
        .expect_err("no service");
    assert!(
        err.to_string()
            .contains("could not be allocated to any logistics service"),
        "{err}"
    );

    token.assert_calls(1);
    shipment.assert_calls(1);
    allocate.assert_calls(1);
    document.assert_calls(1);
    refused.assert_calls(1);
}

#[tokio::test]
async fn a_mocked_207_is_resolved_per_consignment() {
    let server = MockServer::start_async().await;
    let base = server.url("/mm-api");
    server.token(|_, then| {
        then.ok("tok-1", 3600);
    });
    let batch = server.patch_consignments_status(|_, then| {
        then.multi_status();
    });
    let open = server.patch_consignment_status(|when, then| {
        when.id(OPEN.parse().expect("uuid"))
            .status(AcceptableConsignmentStatus::ReadyToManifest);
        then.ok();
    });
    let closed = server.patch_consignment_status(|when, then| {
        when.id(CLOSED.parse().expect("uuid"));
        then.error(&ErrorBody::new(
            404,
            "O-NFO-3006",
            "None of the consignments provided is eligible for changing the status",
        ));
    });
    let uris: Vec<ConsignmentUri> = [OPEN, CLOSED]
        .iter()
        .map(|id| ConsignmentUri::new(format!("{base}/consignments/{id}")))
        .collect();
    let report = client(&server)
        .patch_consignments_status_resolved(
            uris.clone(),
            AcceptableConsignmentStatus::ReadyToManifest,
        )
        .await
        .expect("207");
    assert!(report.resolved_one_by_one);
    assert_eq!(report.updated().collect::<Vec<_>>(), vec![&uris[0]]);
    let failed: Vec<_> = report.failed().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].0, &uris[1]);
    assert_eq!(failed[0].1.status(), Some(404));
    batch.assert_calls(1);
    open.assert_calls(1);
    closed.assert_calls(1);
}
