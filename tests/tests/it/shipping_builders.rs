//! The common consignment through the fluent builders, against the local sandbox: built in
//! about 15 lines, created and allocated, its labels written and its tracking number read.
//! This is the example of the README and of the Shipping crate's front page.

use metapack_shipping::types::{PaperworkFormat, ShippingRules};
use metapack_shipping::{
    AddressBuilder, Allocation, BuildError, ConsignmentBuilder, DocumentKind, ItemBuilder,
    ManifestBuilder, PaperworkOptions, ParcelBuilder, Status, paperwork,
};
use metapack_tests::scratch_dir;

/// The common consignment: a warehouse sender, a recipient with a contact, one parcel with a
/// weight, dimensions and value, one item with its origin, an order reference. Laid out as on
/// the Shipping crate's front page (rustfmt would put each setter on its own line).
#[rustfmt::skip]
fn common(order_ref: &str) -> ConsignmentBuilder {
    ConsignmentBuilder::new()
        .sender_location("WH-LONDON")
        .recipient(
            AddressBuilder::new().name("Ann Smith").email("ann@example.com").phone("+44 161 000 0000")
                .line1("1 High Street").city("Manchester").post_code("M1 1AA").country("GBR"),
        )
        .parcel(
            ParcelBuilder::new().weight_kg(1.5).dimensions_cm(10.0, 20.0, 30.0).value(15.0, "GBP")
                .item(ItemBuilder::new().description("Mug").value(15.0, "GBP").origin_country("GBR")),
        )
        .order_ref(order_ref)
}

#[tokio::test]
async fn the_common_consignment_is_created_allocated_printed_and_tracked() {
    let (_sandbox, client) = metapack_tests::shipping_sandbox().await;
    let request = common("ORDER-BUILD-1")
        .carrier_service("SBXPOST48")
        .build()
        .expect("builds");

    // With a carrier service among its shipping rules, creating it allocates it.
    let created = client.create_consignment(&request).await.expect("create");
    assert!(created.code().starts_with("DMC"), "{}", created.code());
    assert_eq!(created.lifecycle_status(), Some(&Status::Allocated));
    assert_eq!(created.carrier_service_code(), Some("SBXPOST48"));
    assert_eq!(created.carrier_code(), Some("SBXPOST"));
    let tracking = created
        .tracking_number()
        .expect("a tracking number")
        .to_owned();
    assert!(
        tracking.starts_with("SP"),
        "Sandbox Post numbers: {tracking}"
    );
    assert_eq!(created.parcel_tracking_identifiers(), [tracking.as_str()]);

    // Labels, decoded and written to a scratch directory.
    let options = PaperworkOptions::new()
        .format(PaperworkFormat::Pdf)
        .dimension("6x4");
    let paperwork = client
        .get_consignment_paperwork(created.code(), &options)
        .await
        .expect("paperwork");
    let labels = paperwork.label_documents().expect("labels decode");
    assert!(!labels.is_empty());
    assert!(
        labels.iter().all(|l| l.kind == DocumentKind::Pdf),
        "{labels:?}"
    );
    let dir = scratch_dir("shipping-builders");
    let files = paperwork::write_documents(&dir, created.code(), &labels).expect("written");
    assert_eq!(files.len(), labels.len());
    for file in &files {
        let bytes = std::fs::read(file).expect("a label file");
        assert!(bytes.starts_with(b"%PDF"), "{file:?}");
    }
    std::fs::remove_dir_all(&dir).expect("scratch dir removed");

    // What Metapack stored is what the builders sent.
    let stored = client.get_consignment(created.code()).await.expect("get");
    let consignment = stored.consignment.expect("consignment");
    let recipient = consignment.recipient.expect("recipient");
    assert_eq!(recipient.country_code.as_deref(), Some("GBR"));
    assert_eq!(
        recipient.contact.and_then(|c| c.email).as_deref(),
        Some("ann@example.com")
    );
    assert_eq!(
        consignment.orders.expect("orders")[0].order_ref.as_deref(),
        Some("ORDER-BUILD-1")
    );
}

#[tokio::test]
async fn an_unallocated_consignment_is_allocated_and_read_in_one_call_each() {
    let (_sandbox, client) = metapack_tests::shipping_sandbox().await;
    let request = common("ORDER-BUILD-2").build().expect("builds");
    let created = client.create_consignment(&request).await.expect("create");
    assert_eq!(created.lifecycle_status(), Some(&Status::Unallocated));
    assert_eq!(created.tracking_number(), None);
    assert_eq!(created.carrier_service_code(), None);

    let allocation = client
        .allocate_consignment(created.code(), &ShippingRules::default())
        .await
        .expect("allocate");
    assert!(
        matches!(allocation, Allocation::Allocated(_)),
        "{allocation:?}"
    );
    let service = allocation
        .carrier_service_code()
        .expect("a carrier service");
    assert!(service.starts_with("SBX"), "{service}");
    assert!(allocation.carrier_code().is_some());
    let tracking = allocation.tracking_number().expect("a tracking number");
    assert_eq!(allocation.parcel_tracking_identifiers(), [tracking]);

    // The consignment is found again by its tracking number.
    let found = client
        .search_consignments(&metapack_shipping::ConsignmentSearch::parcel_tracking(
            tracking,
        ))
        .await
        .expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].consignment_code.as_deref(), Some(created.code()));
}

#[tokio::test]
async fn a_booking_code_allocates_and_a_two_letter_country_never_leaves_the_builder() {
    let (sandbox, client) = metapack_tests::shipping_sandbox().await;
    let request = common("ORDER-BUILD-3")
        .booking_code("SBXEXPNDAY/2030-01-09/X")
        .build()
        .expect("builds");
    let created = client.create_consignment(&request).await.expect("create");
    assert_eq!(created.carrier_service_code(), Some("SBXEXPNDAY"));

    sandbox.clear_requests();
    let error = common("ORDER-BUILD-4")
        .recipient(
            AddressBuilder::new()
                .name("Jean")
                .line1("1 rue de Rivoli")
                .city("Paris")
                .post_code("75001")
                .country("FR"),
        )
        .build()
        .expect_err("FR is not alpha-3");
    assert_eq!(error.field(), "recipient.address.countryCode");
    assert!(matches!(error, BuildError::Invalid { .. }));
    let error: metapack_shipping::Error = error.into();
    assert!(error.to_string().contains("alpha-3"), "{error}");
    assert!(sandbox.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn a_manifest_built_with_the_builder_is_created() {
    let (_sandbox, client) = metapack_tests::shipping_sandbox().await;
    let request = common("ORDER-BUILD-5")
        .carrier_service("SBXPOST48")
        .build()
        .expect("builds");
    let created = client.create_consignment(&request).await.expect("create");
    let options = PaperworkOptions::new();
    client
        .get_consignment_paperwork(created.code(), &options)
        .await
        .expect("printed");
    client
        .set_ready_to_ship(created.code(), true)
        .await
        .expect("ready to manifest");

    let manifest = ManifestBuilder::new()
        .carrier(created.carrier_code().expect("a carrier"))
        .shipping_location("WH-LONDON")
        .build()
        .expect("builds");
    let manifest = client.create_manifest(&manifest).await.expect("manifest");
    assert!(manifest.code().is_some(), "{manifest:?}");
    let stored = client.get_consignment(created.code()).await.expect("get");
    assert_eq!(stored.lifecycle_status(), Some(&Status::Manifested));
}

#[tokio::test]
async fn create_allocate_and_print_in_one_call() {
    let (_sandbox, client) = metapack_tests::shipping_sandbox().await;
    let options = PaperworkOptions::new()
        .format(PaperworkFormat::Zpl)
        .dimension("6x4");
    let request = common("ORDER-BUILD-6")
        .carrier_service("SBXEXPNDAY")
        .build_with_paperwork(&options)
        .expect("builds");
    let printed = client
        .create_consignment_with_paperwork(&request)
        .await
        .expect("created and printed");
    assert_eq!(printed.carrier_service_code(), Some("SBXEXPNDAY"));
    assert_eq!(printed.carrier_code(), Some("SBXEXPRESS"));
    let tracking = printed.tracking_number().expect("a tracking number");
    assert!(tracking.starts_with("SE"), "{tracking}");
    let labels = printed.label_documents().expect("labels decode");
    assert!(!labels.is_empty());
    assert!(
        labels.iter().all(|l| l.kind == DocumentKind::Zpl),
        "{labels:?}"
    );
}
