//! The MM-API shipment builder end to end against the embedded sandbox: an international
//! shipment with two parcels and trade items, built fluently, allocated, its labels, customs
//! paperwork, tracking codes and service read back in one call each.

use metapack_mm_api::build::{
    AddressBuilder, BuildError, ContactBuilder, LogisticsUnitBuilder, ShipmentBuilder,
    TradeItemBuilder,
};
use metapack_mm_api::model::{DocumentParams, Shipment};
use metapack_mm_api::values::LabelFormat;
use metapack_mm_api::{AllocationRequest, ApiVersion, MmApiClient};
use metapack_sandbox::Sandbox;

const WAREHOUSE: &str =
    "https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742";

fn sandbox_client(sandbox: &Sandbox) -> MmApiClient {
    metapack_tests::mm_api_builder(sandbox)
        .version(ApiVersion::V0)
        .build()
        .expect("client")
}

fn shirts(quantity: u64) -> TradeItemBuilder {
    TradeItemBuilder::new()
        .description("Cotton T-shirt")
        .product_code("TS-001")
        .product_type("Clothing")
        .harmonised_code("610910")
        .fabric_content("100% cotton")
        .country_of_origin("PRT")
        .quantity(quantity)
        .unit_value(15.0, "EUR")
        .unit_weight_kg(0.2)
}

/// Two parcels of T-shirts from the London warehouse to Paris.
fn to_paris(recipient_country: &str) -> Result<Shipment, BuildError> {
    ShipmentBuilder::delivery()
        .shipment_ref("ORDER-2002")
        .sender(WAREHOUSE)
        .recipient(
            AddressBuilder::new()
                .country(recipient_country)
                .city("Paris")
                .street("Rue de Rivoli")
                .house_no("99")
                .postal_code("75001"),
            ContactBuilder::named("Marie", "Curie").email("marie@example.com"),
        )
        .parcel(
            LogisticsUnitBuilder::new()
                .weight_kg(1.2)
                .dimensions_cm(30, 20, 10)
                .item(shirts(3)),
        )
        .parcel(
            LogisticsUnitBuilder::new()
                .weight_kg(0.8)
                .dimensions_cm(20, 20, 5)
                .item(shirts(2)),
        )
        .order_number("2002")
        .order_date(chrono::Utc::now() - chrono::Duration::days(1))
        .order_value(75.0, "EUR")
        .build()
}

#[tokio::test]
async fn a_built_shipment_is_allocated_and_its_labels_read() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = sandbox_client(&sandbox);

    let shipment = to_paris("FRA").expect("complete shipment");
    let allocation = client
        .allocate(&AllocationRequest::shipment(shipment))
        .await
        .expect("201");
    let consignment = &allocation.consignment;

    let codes = consignment.tracking_codes();
    assert_eq!(codes.len(), 2, "one tracking code per parcel: {codes:?}");
    assert!(codes.iter().all(|c| !c.is_empty()));
    assert!(
        consignment.logistics_service().is_some(),
        "allocated service"
    );

    let labels = client
        .labels(consignment, &DocumentParams::default())
        .await
        .expect("labels");
    assert_eq!(labels.len(), 2, "one label per parcel");
    assert!(labels.iter().all(|l| l.bytes.starts_with(b"%PDF-")));
    let png = DocumentParams {
        format: Some(LabelFormat::Png),
        ..DocumentParams::default()
    };
    let labels = client.labels(consignment, &png).await.expect("PNG labels");
    assert!(labels[0].bytes.starts_with(b"\x89PNG\r\n\x1a\n"));

    // To France: customs paperwork for the whole consignment.
    let paperwork = consignment.paperwork_urls();
    assert!(!paperwork.is_empty(), "customs paperwork");
    let declaration = client
        .get_document(paperwork[0], &DocumentParams::default())
        .await
        .expect("paperwork");
    assert!(declaration.bytes.starts_with(b"%PDF-"));
}

#[tokio::test]
async fn a_two_letter_country_is_refused_before_sending() {
    let err = to_paris("FR").expect_err("alpha-2");
    assert_eq!(err.field(), "receiver.address.country");
    assert!(err.to_string().contains("alpha-3"), "{err}");
    assert!(err.to_string().contains(r#"send "FRA""#), "{err}");

    // With `?` in a function returning the client's error, the field is kept.
    let as_client_error: metapack_core::Error = err.into();
    assert!(
        matches!(&as_client_error, metapack_core::Error::InvalidRequest { field: Some(f), .. } if f == "receiver.address.country"),
        "{as_client_error:?}"
    );
}
