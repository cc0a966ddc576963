//! A new user's first hour with the MM-API crate, against the embedded sandbox: the host named
//! once, a token, a shipment by its id as text, an allocation, its label file; then what goes
//! wrong, and what the errors say: a batch status change that only partly succeeds (which
//! consignment failed), the server's constraint violations and allocation errors on the error's
//! one line, the alpha-3 hint, foreign URIs and an emulator without a data host.
// `MmApiError` (deprecated for `MmApiErrorExt`) stays tested until it is removed.
#![allow(deprecated)]

use metapack_mm_api::build::{
    AddressBuilder, ContactBuilder, LogisticsUnitBuilder, ShipmentBuilder,
};
use metapack_mm_api::model::{
    Address, AgentUri, Consignment, ConsignmentList, Contact, Destination, Dimension,
    DocumentParams, LogisticsUnit, Receiver, Shipment, Weight,
};
use metapack_mm_api::uri::ShipmentUri;
use metapack_mm_api::values::{AcceptableConsignmentStatus, ConsignmentListType};
use metapack_mm_api::{AllocationRequest, ClientCredentials, Error, MmApiClient, MmApiError};
use metapack_sandbox::{MM_API_SEEDED_SHIPMENTS, Sandbox};

const WAREHOUSE: &str =
    "https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742";

/// The client a user writes: the host once, the data host, the id and secret.
fn client(sandbox: &Sandbox, validation: bool) -> MmApiClient {
    metapack_tests::mm_api_builder(sandbox)
        .validation(validation)
        .build()
        .expect("client")
}

fn london_shipment(order: &str) -> Shipment {
    ShipmentBuilder::delivery()
        .shipment_ref(order)
        .sender(WAREHOUSE)
        .recipient(
            AddressBuilder::new()
                .country("GBR")
                .city("London")
                .street("Gray's Inn Road")
                .postal_code("WC1X 8XZ"),
            ContactBuilder::named("Andrew", "Neal").email("andrew@example.com"),
        )
        .parcel(
            LogisticsUnitBuilder::new()
                .weight_kg(2.0)
                .dimensions_cm(20, 15, 10),
        )
        .build()
        .expect("a complete shipment")
}

async fn allocated(client: &MmApiClient, order: &str) -> Consignment {
    client
        .allocate(&AllocationRequest::shipment(london_shipment(order)))
        .await
        .expect("201")
        .consignment
}

/// A shipment built from the models, without the builders' checks, to `address`.
fn by_hand(address: Address) -> Shipment {
    let contact = Contact::named("Ada", "Lovelace").with_email("ada@example.com");
    Shipment::delivery(
        AgentUri::new(WAREHOUSE),
        Receiver::new(address.clone(), contact.clone()),
        Destination::new(address, contact),
        vec![LogisticsUnit::new(
            Weight::kg(1.0),
            Dimension::cm(10.0, 10.0, 10.0),
        )],
    )
}

/// The number of requests the sandbox's MM-API (and data host) received so far.
fn mm_requests(sandbox: &Sandbox) -> usize {
    sandbox
        .requests()
        .iter()
        .filter(|r| {
            r.api
                .as_deref()
                .is_some_and(|api| api.starts_with("mm-api"))
        })
        .count()
}

#[tokio::test]
async fn token_shipment_allocation_and_label_file() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = client(&sandbox, true);

    // The token comes from {host}/auth, derived from the one host given.
    let seeded = client
        .get_shipment(MM_API_SEEDED_SHIPMENTS[0])
        .await
        .expect("a seeded shipment by its id as text");
    assert!(seeded.id.is_some());
    let auth = format!("{}/auth", client.host().path().trim_end_matches('/'));
    let paths: Vec<String> = sandbox.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths.first(), Some(&auth), "{paths:?}");

    let allocation = client
        .allocate(&AllocationRequest::shipment(london_shipment("ORDER-1001")))
        .await
        .expect("201");
    assert!(!allocation.consignment.tracking_codes().is_empty());
    let labels = client
        .labels(&allocation.consignment, &DocumentParams::default())
        .await
        .expect("labels");
    assert_eq!(labels.len(), 1, "one label per parcel");
    assert!(labels[0].bytes.starts_with(b"%PDF-"));
    let file = std::env::temp_dir().join(format!("mm-label-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&file, &labels[0].bytes).expect("label written");
    assert!(std::fs::metadata(&file).expect("label file").len() > 100);
    std::fs::remove_file(&file).expect("label removed");

    // The consignment, by its URI as text and by its URI.
    let again = client
        .get_consignment(allocation.uri.as_str())
        .await
        .expect("by URI text");
    assert_eq!(again.id.as_ref(), Some(&allocation.uri));
    client
        .get_consignment(&allocation.uri)
        .await
        .expect("by URI");
}

#[tokio::test]
async fn a_partial_batch_status_change_says_which_consignment_failed() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = client(&sandbox, true);
    let open = allocated(&client, "ORDER-OPEN").await;
    let closed = allocated(&client, "ORDER-CLOSED").await;
    let open_uri = open.id.clone().expect("@id");
    let closed_uri = closed.id.clone().expect("@id");
    client
        .close_consignment_list(&ConsignmentList {
            list_type: Some(ConsignmentListType::CloseList),
            consignments: Some(vec![closed_uri.clone()]),
            ..ConsignmentList::default()
        })
        .await
        .expect("manifested");

    // The batch alone answers 207 without saying which one failed.
    let outcome = client
        .patch_consignments_status(
            vec![open_uri.clone(), closed_uri.clone()],
            AcceptableConsignmentStatus::HoldToManifest,
        )
        .await
        .expect("207");
    assert!(
        matches!(
            outcome,
            metapack_mm_api::BatchStatusOutcome::PartiallyUpdated { .. }
        ),
        "{outcome:?}"
    );

    // Resolved, each consignment has its own outcome.
    let report = client
        .patch_consignments_status_resolved(
            vec![open_uri.clone(), closed_uri.clone()],
            AcceptableConsignmentStatus::ReadyToManifest,
        )
        .await
        .expect("207, resolved");
    assert!(report.resolved_one_by_one);
    assert!(!report.all_updated());
    assert_eq!(report.updated().collect::<Vec<_>>(), vec![&open_uri]);
    let failed: Vec<_> = report.failed().collect();
    assert_eq!(failed.len(), 1);
    let (uri, reason) = failed[0];
    assert_eq!(uri, &closed_uri);
    assert_eq!(reason.status(), Some(404), "{reason}");
    assert_eq!(
        reason.code().map(ToString::to_string).as_deref(),
        Some("O-NFO-3006"),
        "{reason}"
    );
    assert!(reason.to_string().contains("eligible"), "{reason}");

    // A batch that fully succeeds needs no further requests.
    let before = mm_requests(&sandbox);
    let report = client
        .patch_consignments_status_resolved(
            vec![open_uri.clone()],
            AcceptableConsignmentStatus::HoldToManifest,
        )
        .await
        .expect("200");
    assert!(report.all_updated() && !report.resolved_one_by_one);
    assert_eq!(mm_requests(&sandbox), before + 1);
}

#[tokio::test]
async fn server_reasons_are_on_the_errors_one_line() {
    let sandbox = Sandbox::start().await.expect("sandbox");

    // A USA address without its province, client-side validation off: the server's violation.
    let unchecked = client(&sandbox, false);
    let shipment = by_hand(Address::new("USA", "New York", "5th Avenue", "10001"));
    let err = unchecked
        .allocate(&AllocationRequest::shipment(shipment))
        .await
        .expect_err("no province");
    assert_eq!(err.status(), Some(400), "{err}");
    let shown = err.to_string();
    assert!(shown.contains("O-VAL-2000"), "{shown}");
    assert!(shown.contains("province"), "{shown}");
    assert!(
        MmApiError::violations(&err)
            .iter()
            .any(|v| v.field_path().ends_with("province")),
        "{err:?}"
    );

    // Allocating the same shipment twice: the allocation error's reason.
    let client = client(&sandbox, true);
    let uri = ShipmentUri::for_uuid(
        client.host(),
        MM_API_SEEDED_SHIPMENTS[2].parse().expect("uuid"),
    );
    client
        .allocate(&AllocationRequest::shipment_uri(uri.clone()))
        .await
        .expect("first allocation");
    let err = client
        .allocate(&AllocationRequest::shipment_uri(uri))
        .await
        .expect_err("already consigned");
    let shown = err.to_string();
    assert!(shown.contains("O-ALE-4000"), "{shown}");
    assert!(shown.contains("already consigned"), "{shown}");
    assert!(shown.contains("UnknownError"), "{shown}");
}

#[tokio::test]
async fn mistakes_are_refused_before_sending_with_what_to_fix() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = client(&sandbox, true);
    client
        .get_shipment(MM_API_SEEDED_SHIPMENTS[0])
        .await
        .expect("a token, warm");
    let before = mm_requests(&sandbox);

    // "GB" on a model built by hand: the violation hints at "GBR".
    let shipment = by_hand(Address::new("GB", "London", "Gray's Inn Road", "WC1X 8XZ"));
    let err = client
        .allocate(&AllocationRequest::shipment(shipment))
        .await
        .expect_err("alpha-2");
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    assert!(err.to_string().contains(r#"send "GBR""#), "{err}");

    // An id that is not a UUID, a URI of another host.
    let err = client.get_shipment("a21d").await.expect_err("not a UUID");
    assert!(err.to_string().contains("UUID"), "{err}");
    let foreign = "https://example.metapack.com/shipments/7464dc6a-631d-47dc-8ac8-97726815204c";
    let err = client.get_shipment(foreign).await.expect_err("foreign");
    assert!(
        err.to_string().contains("not on this client's host"),
        "{err}"
    );
    assert_eq!(mm_requests(&sandbox), before, "nothing was sent");

    // An emulator without a data host is not silently pointed at data.metapack.net.
    let (id, secret) = sandbox.mm_api().client_credentials();
    let err = MmApiClient::builder()
        .host(sandbox.mm_api().url())
        .client_credentials(ClientCredentials::new(id, secret))
        .build()
        .expect_err("no data host");
    assert!(err.to_string().contains(".data_host(..)"), "{err}");
}
