//! The MM-API client end to end against the embedded sandbox: a client-credentials token,
//! allocations, labels as real bytes, a status change, a closed list, and a deallocation.

use metapack_mm_api::model::{ConsignmentList, DocumentParams};
use metapack_mm_api::uri::ShipmentUri;
use metapack_mm_api::values::{AcceptableConsignmentStatus, ConsignmentListType};
use metapack_mm_api::{AllocationRequest, ApiVersion, ClientCredentials, MmApiClient};
use metapack_sandbox::{MM_API_SEEDED_SHIPMENTS, Sandbox};

#[tokio::test]
async fn allocate_a_seeded_shipment_print_its_label_and_deallocate() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let (id, secret) = sandbox.mm_api_client_credentials();
    let credentials =
        ClientCredentials::new(sandbox.mm_api_url(), id, secret).expect("credentials");
    let client = MmApiClient::builder()
        .host(sandbox.mm_api_url())
        .client_credentials(credentials)
        .version(ApiVersion::V0)
        .build()
        .expect("client");

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
    assert!(err.status().is_some_and(|s| s >= 400), "{err}");
}

#[tokio::test]
async fn allocate_mark_ready_and_close_the_list() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let (id, secret) = sandbox.mm_api_client_credentials();
    let credentials =
        ClientCredentials::new(sandbox.mm_api_url(), id, secret).expect("credentials");
    let client = MmApiClient::builder()
        .host(sandbox.mm_api_url())
        .client_credentials(credentials)
        .build()
        .expect("client");

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
    assert!(!closed.uri.as_str().is_empty());

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
