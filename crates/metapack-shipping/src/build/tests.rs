//! Unit tests of the builders: what each builds, and each error they name.

use super::*;
use crate::PaperworkOptions;
use crate::types::{
    Address, Item, ManifestRequest, MeasurementUnit, PaperworkFormat, Parcel, ShippingRules,
    TransactionType, WeightUnit,
};

fn recipient() -> AddressBuilder {
    AddressBuilder::new()
        .name("Ann Smith")
        .line1("1 High Street")
        .city("Manchester")
        .post_code("M1 1AA")
        .country("GBR")
}

fn parcel() -> ParcelBuilder {
    ParcelBuilder::new().weight_kg(1.5)
}

fn complete() -> ConsignmentBuilder {
    ConsignmentBuilder::new()
        .sender_location("WH-LONDON")
        .recipient(recipient())
        .parcel(parcel())
}

fn missing(field: &str) -> BuildError {
    BuildError::Missing(field.to_owned())
}

fn invalid_field(result: Result<impl std::fmt::Debug, BuildError>) -> String {
    match result {
        Err(BuildError::Invalid { field, .. }) => field,
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

#[test]
fn the_common_consignment_builds_the_generated_request() {
    let request = complete()
        .recipient(
            recipient()
                .email("ann@example.com")
                .phone("+44 161 000 0000"),
        )
        .parcel(
            ParcelBuilder::new()
                .weight_kg(2.0)
                .dimensions_cm(10.0, 20.0, 30.0)
                .value(15.0, "GBP")
                .shipper_ref("carton-2")
                .item(
                    ItemBuilder::new()
                        .description("Mug")
                        .item_ref("SKU-MUG")
                        .value(15.0, "GBP")
                        .origin_country("GBR"),
                ),
        )
        .order_ref("ORDER-1")
        .carrier_service("SBXPOST48")
        .booking_code("SBXEXPNDAY/2030-01-09/X")
        .build()
        .expect("builds");
    let consignment = &request.consignment;
    let sender = consignment.sender.as_ref().expect("sender");
    assert_eq!(sender.code.as_deref(), Some("WH-LONDON"));
    assert_eq!(sender.address_line1, None);
    let to = consignment.recipient.as_ref().expect("recipient");
    let contact = to.contact.as_ref().expect("contact");
    assert_eq!(contact.name.as_deref(), Some("Ann Smith"));
    assert_eq!(contact.email.as_deref(), Some("ann@example.com"));
    assert_eq!(contact.phone.as_deref(), Some("+44 161 000 0000"));
    assert_eq!(to.country_code.as_deref(), Some("GBR"));
    let parcels = consignment.parcels.as_deref().expect("parcels");
    assert_eq!(parcels.len(), 2);
    assert_eq!(parcels[1].weight.as_ref().and_then(|w| w.value), Some(2.0));
    let dims = parcels[1].dimensions.as_ref().expect("dimensions");
    assert_eq!(
        (dims.height, dims.width, dims.depth),
        (Some(10.0), Some(20.0), Some(30.0))
    );
    let item = &parcels[1].items.as_deref().expect("items")[0];
    assert_eq!(item.quantity, Some(1), "one unit unless set");
    assert_eq!(item.country_of_origin.as_deref(), Some("GBR"));
    let value = item.value.as_ref().expect("value");
    assert_eq!(
        (value.amount, value.currency_code.as_deref()),
        (Some(15.0), Some("GBP"))
    );
    let orders = consignment.orders.as_deref().expect("orders");
    assert_eq!(orders[0].order_ref.as_deref(), Some("ORDER-1"));
    let units = consignment.measurement_units.as_ref().expect("units");
    assert_eq!(units.weight, Some(WeightUnit::Kg));
    assert_eq!(units.measurement, Some(MeasurementUnit::Cm));
    let rules = request.shipping_rules.expect("rules");
    assert_eq!(
        rules.carrier_services.as_deref(),
        Some(&["SBXPOST48".to_owned(), "SBXEXPNDAY/2030-01-09/X".to_owned()][..])
    );

    // The wire shape is the API's.
    let json = serde_json::to_value(complete().build().expect("builds")).expect("json");
    assert_eq!(json["consignment"]["sender"]["code"], "WH-LONDON");
    assert_eq!(json["consignment"]["recipient"]["postCode"], "M1 1AA");
    assert_eq!(json["consignment"]["parcels"][0]["weight"]["value"], 1.5);
    assert!(json.get("shippingRules").is_none(), "no rules unless set");
}

#[test]
fn missing_fields_are_named() {
    let cases: Vec<(ConsignmentBuilder, &str)> = vec![
        (
            ConsignmentBuilder::new()
                .recipient(recipient())
                .parcel(parcel()),
            "sender",
        ),
        (
            ConsignmentBuilder::new()
                .sender_location("WH-LONDON")
                .parcel(parcel()),
            "recipient.address",
        ),
        (
            complete().recipient(recipient().line1("")),
            "recipient.address.addressLine1",
        ),
        (
            complete().recipient(AddressBuilder::from(Address {
                city: None,
                ..recipient().into_inner()
            })),
            "recipient.address.city",
        ),
        (
            complete().recipient(AddressBuilder::from(Address {
                post_code: None,
                ..recipient().into_inner()
            })),
            "recipient.address.postCode",
        ),
        (
            complete().recipient(AddressBuilder::from(Address {
                country_code: None,
                ..recipient().into_inner()
            })),
            "recipient.address.countryCode",
        ),
        (
            complete().recipient(AddressBuilder::from(Address {
                contact: None,
                ..recipient().into_inner()
            })),
            "recipient.contact.name",
        ),
        (
            ConsignmentBuilder::new()
                .sender_location("WH-LONDON")
                .recipient(recipient()),
            "parcels",
        ),
        (complete().parcel(ParcelBuilder::new()), "parcels[1].weight"),
        (
            complete().parcel(parcel().item(ItemBuilder::new().quantity(2))),
            "parcels[1].items[0].description",
        ),
        (
            complete().parcel(parcel().value(-1.0, "GBP").item(ItemBuilder::new())),
            "parcels[1].value.amount",
        ),
        (
            ConsignmentBuilder::new()
                .sender_address(recipient().post_code(" "))
                .recipient(recipient())
                .parcel(parcel()),
            "sender.address.postCode",
        ),
    ];
    for (builder, field) in cases {
        let error = builder.build().expect_err(field);
        assert_eq!(error.field(), field, "{error}");
        if !field.ends_with(".amount") {
            assert_eq!(error, missing(field));
            assert_eq!(
                error.to_string(),
                format!("`{field}` is required but was not set")
            );
        }
    }
    // The example of the issue, spelled out.
    let error = complete()
        .recipient(AddressBuilder::from(Address {
            post_code: None,
            ..recipient().into_inner()
        }))
        .build()
        .unwrap_err();
    assert_eq!(
        error,
        BuildError::Missing("recipient.address.postCode".into())
    );
}

#[test]
fn a_sender_by_address_alone_must_be_complete_and_a_location_code_needs_none() {
    let by_address = ConsignmentBuilder::new()
        .sender_address(recipient().company("Acme Ltd"))
        .recipient(recipient())
        .parcel(parcel())
        .build()
        .expect("a complete sender address");
    let sender = by_address.consignment.sender.expect("sender");
    assert_eq!(sender.code, None);
    assert_eq!(sender.company_name.as_deref(), Some("Acme Ltd"));

    let error = ConsignmentBuilder::new()
        .sender_address(AddressBuilder::new().line1("1 Dock Road"))
        .recipient(recipient())
        .parcel(parcel())
        .build()
        .unwrap_err();
    assert_eq!(error, missing("sender.address.city"));

    let both = complete()
        .sender_address(AddressBuilder::new().company("Acme Ltd").country("GBR"))
        .build()
        .expect("a location code with a partial address");
    let sender = both.consignment.sender.expect("sender");
    assert_eq!(sender.code.as_deref(), Some("WH-LONDON"));
    assert_eq!(sender.country_code.as_deref(), Some("GBR"));

    let blank = complete().sender_location("  ").build().unwrap_err();
    assert_eq!(blank, missing("sender.code"));
}

#[test]
fn invalid_values_are_named() {
    let two_letters = complete().recipient(recipient().country("GB")).build();
    let error = two_letters.as_ref().unwrap_err();
    assert!(error.to_string().contains("ISO 3166-1 alpha-3"), "{error}");
    assert_eq!(invalid_field(two_letters), "recipient.address.countryCode");

    let cases: Vec<(ConsignmentBuilder, &str)> = vec![
        (
            complete().sender_address(AddressBuilder::new().country("gbr")),
            "sender.address.countryCode",
        ),
        (
            complete().parcel(ParcelBuilder::new().weight_kg(0.0)),
            "parcels[1].weight",
        ),
        (
            complete().parcel(ParcelBuilder::new().weight_kg(f64::NAN)),
            "parcels[1].weight",
        ),
        (
            complete().parcel(parcel().dimensions_cm(10.0, -2.0, 5.0)),
            "parcels[1].dimensions.width",
        ),
        (
            complete().parcel(parcel().value(3.0, "pounds")),
            "parcels[1].value.currencyCode",
        ),
        (
            complete().parcel(parcel().item(ItemBuilder::new().description("Mug").quantity(0))),
            "parcels[1].items[0].quantity",
        ),
        (
            complete()
                .parcel(parcel().item(ItemBuilder::new().description("Mug").origin_country("UK"))),
            "parcels[1].items[0].countryOfOrigin",
        ),
        (
            complete().parcel(parcel().item(ItemBuilder::new().description("Mug").weight_kg(-1.0))),
            "parcels[1].items[0].weight",
        ),
        (
            complete().parcel(parcel().item(ItemBuilder::new().description("Mug").item_ref(""))),
            "parcels[1].items[0].itemRef",
        ),
        (complete().order_ref(" "), "orders[0].orderRef"),
        (
            complete().carrier_service(""),
            "shippingRules.carrierServices[0]",
        ),
    ];
    for (builder, field) in cases {
        assert_eq!(invalid_field(builder.build()), field);
    }
}

#[test]
fn generated_values_are_taken_directly_and_checked_alike() {
    let request = complete()
        .parcel(Parcel {
            shipper_ref: Some("raw".into()),
            weight: Some(crate::types::Weight { value: Some(1.0) }),
            items: Some(vec![Item {
                description: Some("Raw mug".into()),
                ..Item::default()
            }]),
            ..Parcel::default()
        })
        .build()
        .expect("a raw parcel");
    let raw = &request.consignment.parcels.expect("parcels")[1];
    assert_eq!(raw.shipper_ref.as_deref(), Some("raw"));
    assert_eq!(raw.items.as_deref().expect("items")[0].quantity, Some(1));

    let error = complete()
        .parcel(Parcel {
            items: Some(vec![Item::default()]),
            weight: Some(crate::types::Weight { value: Some(1.0) }),
            ..Parcel::default()
        })
        .build()
        .unwrap_err();
    assert_eq!(error, missing("parcels[1].items[0].description"));
}

#[test]
fn shipping_rules_keep_the_chosen_carrier_services() {
    let rules = ShippingRules {
        code: Some("RULE-1".into()),
        ..ShippingRules::default()
    };
    let request = complete()
        .carrier_service("SBXPOST48")
        .shipping_rules(rules)
        .booking_code("SBXPOST24/2030-01-09/X")
        .build()
        .expect("builds")
        .shipping_rules
        .expect("rules");
    assert_eq!(request.code.as_deref(), Some("RULE-1"));
    assert_eq!(
        request.carrier_services,
        Some(vec!["SBXPOST48".into(), "SBXPOST24/2030-01-09/X".into()])
    );
}

#[test]
fn with_paperwork_the_request_carries_rules_and_options() {
    let options = PaperworkOptions::new()
        .format(PaperworkFormat::Zpl)
        .dimension("6x4");
    let request = complete()
        .carrier_service("SBXPOST48")
        .build_with_paperwork(&options)
        .expect("builds");
    assert_eq!(request.paperwork.format, Some(PaperworkFormat::Zpl));
    assert_eq!(request.paperwork.dimension.as_deref(), Some("6x4"));
    assert_eq!(
        request.shipping_rules.carrier_services,
        Some(vec!["SBXPOST48".into()])
    );

    let error = ConsignmentBuilder::new()
        .build_with_paperwork(&options)
        .unwrap_err();
    assert_eq!(error, missing("sender"));
}

#[test]
fn manifest_builder_names_what_is_missing() {
    let despatch = chrono::DateTime::from_timestamp(1_900_000_000, 0).expect("a date");
    let request = ManifestBuilder::new()
        .carrier("SBXPOST")
        .shipping_location("WH-LONDON")
        .manifest_group("EVENING")
        .despatch_date(despatch)
        .specific_date_only(true)
        .build()
        .expect("builds");
    assert_eq!(
        request,
        ManifestRequest {
            carrier_code: Some("SBXPOST".into()),
            shipping_location_code: Some("WH-LONDON".into()),
            manifest_group_code: Some("EVENING".into()),
            despatch_date: Some(despatch),
            specific_date_only: Some(true),
            transaction_type: Some(TransactionType::Delivery),
        }
    );

    assert_eq!(
        ManifestBuilder::new()
            .shipping_location("WH-LONDON")
            .build(),
        Err(missing("carrierCode"))
    );
    assert_eq!(
        ManifestBuilder::new().carrier("SBXPOST").build(),
        Err(missing("shippingLocationCode"))
    );
    assert_eq!(
        ManifestBuilder::new()
            .carrier(" ")
            .shipping_location("WH-LONDON")
            .build(),
        Err(missing("carrierCode"))
    );
    let blank_group = ManifestBuilder::new()
        .carrier("SBXPOST")
        .shipping_location("WH-LONDON")
        .manifest_group("")
        .build();
    assert_eq!(invalid_field(blank_group), "manifestGroupCode");
}

#[test]
fn a_build_error_becomes_an_invalid_request_naming_the_field() {
    let error: metapack_core::Error = missing("recipient.address.postCode").into();
    match error {
        metapack_core::Error::InvalidRequest { field, message, .. } => {
            assert_eq!(field.as_deref(), Some("recipient.address.postCode"));
            assert!(
                message.contains("`recipient.address.postCode` is required"),
                "{message}"
            );
        }
        other => panic!("expected an invalid request, got {other:?}"),
    }
}
