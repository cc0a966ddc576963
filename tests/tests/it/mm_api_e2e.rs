//! The MM-API client end to end against the embedded sandbox: a client-credentials token,
//! allocations, labels as real bytes, a status change, a closed list, and a deallocation.

use metapack_mm_api::model::{ConsignmentList, DocumentParams};
use metapack_mm_api::uri::ShipmentUri;
use metapack_mm_api::values::{AcceptableConsignmentStatus, ConsignmentListType, LabelFormat};
use metapack_mm_api::{AllocationRequest, ApiVersion, MmApiClient};
use metapack_sandbox::{MM_API_SEEDED_SHIPMENTS, Sandbox};

/// A client of the sandbox's MM-API (and its data host) with client-credentials tokens.
fn sandbox_client(sandbox: &Sandbox, version: ApiVersion) -> MmApiClient {
    metapack_tests::mm_api_builder(sandbox)
        .version(version)
        .build()
        .expect("client")
}

#[tokio::test]
async fn allocate_a_seeded_shipment_print_its_label_and_deallocate() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = sandbox_client(&sandbox, ApiVersion::V0);

    let shipment_id: uuid::Uuid = MM_API_SEEDED_SHIPMENTS[0].parse().expect("a uuid");
    let shipment = client
        .get_shipment(shipment_id)
        .await
        .expect("seeded shipment");
    assert!(shipment.id.is_some());

    let uri = ShipmentUri::for_uuid(client.host(), shipment_id);
    let allocation = client
        .allocate(&AllocationRequest::shipment_uri(uri))
        .await
        .expect("201");
    let labels = allocation.consignment.label_urls();
    assert!(!labels.is_empty(), "one label per logistics unit");

    let label = client
        .get_document(labels[0], &DocumentParams::default())
        .await
        .expect("label bytes");
    assert!(label.bytes.starts_with(b"%PDF-"), "{:?}", label.media_type);

    client
        .delete_consignment(&allocation.uri)
        .await
        .expect("deallocated");
    let err = client
        .delete_consignment(&allocation.uri)
        .await
        .expect_err("already gone");
    assert_eq!(err.status(), Some(400), "{err}");
    assert_eq!(
        err.code().map(ToString::to_string).as_deref(),
        Some("O-ALE-4002"),
        "already deallocated"
    );
}

#[tokio::test]
async fn allocate_mark_ready_and_close_the_list() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = sandbox_client(&sandbox, ApiVersion::PREFERRED);

    let shipment_id: uuid::Uuid = MM_API_SEEDED_SHIPMENTS[1].parse().expect("a uuid");
    let uri = ShipmentUri::for_uuid(client.host(), shipment_id);
    let allocation = client
        .allocate(&AllocationRequest::shipment_uri(uri))
        .await
        .expect("201");
    client
        .patch_consignment_status(
            &allocation.uri,
            AcceptableConsignmentStatus::ReadyToManifest,
        )
        .await
        .expect("status changed");
    let closed = client
        .close_consignment_list(&ConsignmentList {
            list_type: Some(ConsignmentListType::CloseList),
            consignments: Some(vec![allocation.uri.clone()]),
            ..ConsignmentList::default()
        })
        .await
        .expect("list closed");
    assert!(
        closed
            .uri
            .as_str()
            .starts_with(&format!("{}/consignment-lists/", sandbox.mm_api().url())),
        "{}",
        closed.uri.as_str()
    );

    // Deallocating after the list was closed is refused with O-ALE-4001.
    let err = client
        .delete_consignment(&allocation.uri)
        .await
        .expect_err("closed");
    assert_eq!(
        err.code().map(ToString::to_string).as_deref(),
        Some("O-ALE-4001"),
        "{err}"
    );
}

#[tokio::test]
async fn v1_allocation_has_a_return_label_and_its_service_is_readable() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = sandbox_client(&sandbox, ApiVersion::V1_0);

    let shipment_id: uuid::Uuid = MM_API_SEEDED_SHIPMENTS[2].parse().expect("a uuid");
    let uri = ShipmentUri::for_uuid(client.host(), shipment_id);
    let allocation = client
        .allocate(&AllocationRequest::shipment_uri(uri).with_return_labels(true))
        .await
        .expect("201");
    let returns = allocation.consignment.return_label_urls();
    assert_eq!(returns.len(), 1, "one return label on v1.0");
    let png = DocumentParams {
        format: Some(LabelFormat::Png),
        ..DocumentParams::default()
    };
    let label = client.get_document(returns[0], &png).await.expect("bytes");
    assert!(label.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(label.media_type.as_deref(), Some("image/png"));

    // The delivery promise names the service; the data host describes it, unauthenticated.
    let service_uri = allocation
        .consignment
        .delivery_promise
        .and_then(|promise| promise.logistics_service)
        .expect("a service");
    let service_id = service_uri.id().expect("an id");
    let service = client
        .get_logistics_service(service_id)
        .await
        .expect("service");
    assert_eq!(service.id.as_ref(), Some(&service_uri));
    assert_eq!(service.name.as_deref(), Some("Sandbox Tracked 48"));
    let safe = client
        .get_logistics_service("sandbox-48;SAFE")
        .await
        .expect("service with extras");
    assert_eq!(safe.base_logistics_service.as_ref(), Some(&service_uri));
    let err = client
        .get_logistics_service("no-such-service")
        .await
        .expect_err("unknown");
    assert_eq!(err.status(), Some(404));
    assert_eq!(
        err.code().map(ToString::to_string).as_deref(),
        Some("O-NFO-3000")
    );

    // The same allocation on v0 has no return label.
    let v0 = sandbox_client(&sandbox, ApiVersion::V0);
    let first: uuid::Uuid = MM_API_SEEDED_SHIPMENTS[0].parse().expect("a uuid");
    let allocation = v0
        .allocate(&AllocationRequest::shipment_uri(ShipmentUri::for_uuid(
            v0.host(),
            first,
        )))
        .await
        .expect("201");
    assert!(allocation.consignment.return_label_urls().is_empty());
}
