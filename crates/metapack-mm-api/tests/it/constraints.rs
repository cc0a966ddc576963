//! One test per constraint code of B.10: a value that passes and one that fails, with the
//! field path, code, rejected value and object name the server would report.

use crate::common;

use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use common::{assert_only, assert_valid, example_shipment, pairs};
use metapack_mm_api::ApiVersion;
use metapack_mm_api::errors::ConstraintViolation;
use metapack_mm_api::model::*;
use metapack_mm_api::validation::{Checker, Validate, rules};
use metapack_mm_api::values::*;
use serde_json::{Value, json};

use ApiVersion::{V0, V0_7, V0_7_1, V0_7_5, V1_0};
use ConstraintCode as C;

const CONSIGNMENT: &str =
    "https://example.metapack.com/consignments/7464dc6a-631d-47dc-8ac8-97726815204c";
const LOCATION: &str =
    "https://example.metapack.com/locations/ae931e29-5a0c-453e-b15b-de01e73ff742";

fn trade_item() -> TradeItem {
    TradeItem {
        item_type: Some(TradeItemType::TradeItem),
        country_of_origin: Some("CHN".into()),
        fabric_content: Some("100% cotton".into()),
        harmonised_code: Some("6109100010".into()),
        product_code: Some("SKU-1".into()),
        description: Some("T-shirt".into()),
        quantity: Some(2.0),
        product_type: Some("Clothing".into()),
        unit_value: Some(Monetary::new(9.99, "GBP")),
        unit_weight: Some(Weight::kg(0.2)),
        ..TradeItem::default()
    }
}

fn hazardous_item() -> TradeItem {
    TradeItem {
        item_type: Some(TradeItemType::HazardousTradeItem),
        codes: Some(vec!["UN1266".into()]),
        material_attributes: Some(vec![HazardousMaterialAttribute::Liquid]),
        ..trade_item()
    }
}

fn unit(f: impl FnOnce(&mut LogisticsUnit)) -> Shipment {
    let mut shipment = example_shipment();
    f(&mut shipment.logistics_units.as_mut().unwrap()[0]);
    shipment
}

fn contact() -> Contact {
    Contact::named("Andrew", "Neal")
}

fn gb_address() -> Address {
    Address::new("GBR", "London", "Laystall Street", "EC1R 4PF")
}

fn collection(receiver: Receiver, destination: Destination) -> Shipment {
    Shipment {
        shipment_type: Some(ShipmentType::Collection),
        receiver: Some(receiver),
        destination: Some(destination),
        ..example_shipment()
    }
}

#[test]
fn not_null() {
    let mut shipment = example_shipment();
    shipment.shipment_type = None;
    let v = assert_only(&shipment, V0, "type", C::NotNull);
    assert_eq!(
        (v.object_name.as_str(), v.rejected_value),
        ("shipment", None)
    );
    assert_eq!(v.message, "may not be null");
    assert!(!v.binding_failure);

    let shipment = unit(|u| u.weight.as_mut().unwrap().value = None);
    assert_only(&shipment, V0, "logisticsUnits[0].weight.value", C::NotNull);
    let shipment = unit(|u| u.dimension = None);
    assert_only(&shipment, V0, "logisticsUnits[0].dimension", C::NotNull);
    assert_only(&Identity::default(), V0, "typeOfDocument", C::NotNull);
    assert_valid(
        &Identity {
            type_of_document: Some("passport".into()),
            photo: Some(true),
        },
        V0,
    );
    // Required nested objects.
    for (field, strip) in [
        (
            "receiver",
            (|s: &mut Shipment| s.receiver = None) as fn(&mut Shipment),
        ),
        ("sender", |s| s.sender = None),
        ("destination", |s| s.destination = None),
    ] {
        let mut shipment = example_shipment();
        strip(&mut shipment);
        assert_only(&shipment, V0, field, C::NotNull);
    }
}

#[test]
fn not_null_depends_on() {
    let nameless = Contact::default();
    let violations = nameless.validate(V0);
    assert_eq!(
        pairs(&violations),
        [
            ("firstname".to_owned(), "NotNullDependsOn".to_owned()),
            ("lastname".to_owned(), "NotNullDependsOn".to_owned()),
        ]
    );
    let last_only = Contact {
        lastname: Some("Neal".into()),
        ..Contact::default()
    };
    assert_valid(&last_only, V0);
    let first_only = Contact {
        firstname: Some("Andrew".into()),
        ..Contact::default()
    };
    assert_valid(&first_only, V0);
}

#[test]
fn value_depends_on() {
    assert_valid(&hazardous_item(), V0);
    assert_valid(&trade_item(), V0); // not hazardous: codes are not needed
    let mut item = hazardous_item();
    item.codes = None;
    let v = assert_only(&item, V0, "codes", C::ValueDependsOn);
    assert!(v.message.contains("HazardousTradeItem"));
    let mut item = hazardous_item();
    item.material_attributes = None;
    assert_only(&item, V0, "materialAttributes", C::ValueDependsOn);
}

#[test]
fn decimal_max() {
    let mut c = Checker::new("thing", V0);
    assert!(rules::decimal_max(&mut c, "value", Some(10.0), 10.0, true));
    assert!(!rules::decimal_max(
        &mut c,
        "value",
        Some(10.0),
        10.0,
        false
    ));
    assert!(rules::decimal_max(&mut c, "value", None, 10.0, false));
    let v = &c.violations()[0];
    assert_eq!((v.code.clone(), v.field_path()), (C::DecimalMax, "value"));
    assert_eq!(v.rejected_value, Some(json!(10.0)));
    assert_eq!(v.message, "must be less than 10");
}

#[test]
fn decimal_min() {
    let mut item = trade_item();
    item.quantity = Some(0.0);
    let v = assert_only(&item, V0, "quantity", C::DecimalMin);
    assert_eq!(v.message, "must be greater than 0");
    item.quantity = Some(1.0);
    assert_valid(&item, V0);
}

#[test]
fn digits() {
    let shipment = unit(|u| u.dimension.as_mut().unwrap().width = Some(5.5));
    let v = assert_only(
        &shipment,
        V0,
        "logisticsUnits[0].dimension.width",
        C::Digits,
    );
    assert_eq!(v.rejected_value, Some(json!(5.5)));
    let shipment = unit(|u| u.dimension.as_mut().unwrap().height = Some(1000.0));
    assert_only(
        &shipment,
        V0,
        "logisticsUnits[0].dimension.height",
        C::Digits,
    );
    assert_valid(
        &unit(|u| u.dimension = Some(Dimension::cm(999.0, 120.0, 0.0))),
        V0,
    );

    let shipment = unit(|u| u.weight = Some(Weight::kg(1.2345)));
    assert_only(&shipment, V0, "logisticsUnits[0].weight.value", C::Digits);
    assert_valid(&unit(|u| u.weight = Some(Weight::kg(1.234))), V0);

    assert_only(&Monetary::new(5.999, "EUR"), V0, "value", C::Digits);
    assert_only(&Monetary::new(1e12, "EUR"), V0, "value", C::Digits);
    assert_valid(&Monetary::new(999_999_999_999.99, "EUR"), V0);

    let mut item = trade_item();
    item.quantity = Some(1.5);
    assert_only(&item, V0, "quantity", C::Digits);

    assert_eq!(rules::digits_of(5.0), Some((1, 0)));
    assert_eq!(rules::digits_of(0.25), Some((0, 2)));
    assert_eq!(rules::digits_of(500.0), Some((3, 0)));
    assert_eq!(rules::digits_of(-12.5), Some((2, 1)));
    assert_eq!(rules::digits_of(0.0), Some((1, 0)));
    assert_eq!(rules::digits_of(f64::NAN), None);
}

#[test]
fn future() {
    let now = Utc.with_ymd_and_hms(2024, 11, 19, 12, 0, 0).unwrap();
    let mut c = Checker::new("thing", V0).at(now);
    let tomorrow = IsoDateTime::new("2024-11-20");
    let yesterday = IsoDateTime::new("2024-11-18T12:00:00Z");
    assert!(rules::future(
        &mut c,
        "date",
        tomorrow.parse(),
        Some(tomorrow.as_str())
    ));
    assert!(!rules::future(
        &mut c,
        "date",
        yesterday.parse(),
        Some(yesterday.as_str())
    ));
    let v = &c.violations()[0];
    assert_eq!(v.code, C::Future);
    assert_eq!(v.rejected_value, Some(json!("2024-11-18T12:00:00Z")));
}

#[test]
fn max() {
    let mut c = Checker::new("thing", V0);
    assert!(rules::max(&mut c, "count", Some(3.0), 3));
    assert!(!rules::max(&mut c, "count", Some(4.0), 3));
    assert_eq!(c.violations()[0].code, C::Max);
    assert_eq!(c.violations()[0].message, "must be less than or equal to 3");
}

#[test]
fn min() {
    let shipment = unit(|u| u.weight = Some(Weight::kg(-1.0)));
    let v = assert_only(&shipment, V0, "logisticsUnits[0].weight.value", C::Min);
    assert_eq!(v.message, "must be greater than or equal to 0");
    assert_valid(&unit(|u| u.weight = Some(Weight::kg(0.0))), V0);
    let shipment = unit(|u| u.dimension.as_mut().unwrap().depth = Some(-3.0));
    assert_only(&shipment, V0, "logisticsUnits[0].dimension.depth", C::Min);
}

fn order(date: &str) -> Order {
    Order {
        number: Some("ORDER-1".into()),
        date: Some(IsoDateTime::new(date)),
        ..Order::default()
    }
}

fn check_at(order: &Order, now: chrono::DateTime<Utc>) -> Vec<ConstraintViolation> {
    let mut c = Checker::new("order", V0).at(now);
    order.validate_in(&mut c);
    c.into_violations()
}

#[test]
fn past() {
    let now = Utc.with_ymd_and_hms(2024, 11, 19, 12, 0, 0).unwrap();
    assert!(check_at(&order("2016-01-14"), now).is_empty());
    assert!(check_at(&order("2018-02-16T13:37:40.123+04:30"), now).is_empty());
    let v = check_at(&order("2024-11-19T13:00:00+00:00"), now);
    assert_eq!(pairs(&v), [("date".to_owned(), "Past".to_owned())]);
    assert_eq!(
        v[0].rejected_value,
        Some(json!("2024-11-19T13:00:00+00:00"))
    );
    // With the real clock, a date in 2999 is not in the past.
    assert_only(&order("2999-01-01"), V0, "date", C::Past);
}

#[test]
fn size() {
    let mut shipment = example_shipment();
    shipment.shipment_ref = Some("x".repeat(41));
    let v = assert_only(&shipment, V0, "shipmentRef", C::Size);
    assert_eq!(v.message, "size must be between 0 and 40");
    assert_eq!(v.rejected_value, Some(json!("x".repeat(41))));
    shipment.shipment_ref = Some("x".repeat(40));
    assert_valid(&shipment, V0);

    // Lengths are UTF-16 code units, as the server counts them: an emoji counts twice.
    shipment.shipment_ref = Some("😀".repeat(20));
    assert_valid(&shipment, V0);
    shipment.shipment_ref = Some(format!("{}x", "😀".repeat(20)));
    assert_only(&shipment, V0, "shipmentRef", C::Size);

    let mut shipment = example_shipment();
    shipment.logistics_units = Some(vec![]);
    let v = assert_only(&shipment, V0, "logisticsUnits", C::Size);
    assert_eq!(v.message, "size must be between 1 and 10");
    shipment.logistics_units = Some(vec![
        example_shipment().logistics_units.unwrap()[0].clone();
        11
    ]);
    assert_only(&shipment, V0, "logisticsUnits", C::Size);

    let mut address = gb_address();
    address.country = Some("GB".into());
    assert_only(&address, V0, "country", C::Size);
    address.country = Some("GBR".into());
    address.house_no = Some("1".repeat(17));
    assert_only(&address, V0, "houseNo", C::Size);

    let mut item = hazardous_item();
    item.codes = Some(vec!["c".repeat(251)]);
    assert_only(&item, V0, "codes[0]", C::Size);

    let list = ConsignmentList {
        consignments: Some(vec![]),
        ..ConsignmentList::close(vec![])
    };
    assert_only(&list, V0, "consignments", C::Size);
}

#[test]
fn email() {
    let bad = contact().with_email("not-an-email");
    let v = assert_only(&bad, V0, "email", C::Email);
    assert_eq!(v.rejected_value, Some(json!("not-an-email")));
    assert_valid(&contact().with_email("ShippingLocation@example.com"), V0);

    let notification = Notification::new(NotificationType::Email, "someone@");
    assert_only(&notification, V0, "value", C::Email);
    assert_valid(
        &Notification::new(NotificationType::Email, "a.b+c@d-e.co.uk"),
        V0,
    );
    // SMS values are phone numbers, not e-mail addresses.
    assert_valid(&Notification::new(NotificationType::Sms, "0987654321"), V0);

    for good in ["example@metapack.com", "x@localhost", "o'neil@example.ie"] {
        assert!(rules::is_valid_email(good), "{good}");
    }
    for bad in [
        "",
        "@x.com",
        "a@",
        "a@@b.com",
        "a b@c.com",
        ".a@b.com",
        "a..b@c.com",
        "a@-b.com",
        "a@b..com",
    ] {
        assert!(!rules::is_valid_email(bad), "{bad}");
    }
}

#[test]
fn enumeration() {
    let notification = Notification::new(NotificationType::parse("FAX"), "1");
    let v = assert_only(&notification, V0, "notificationType", C::Enum);
    assert_eq!(v.rejected_value, Some(json!("FAX")));
    assert_eq!(v.message, "must be one of [SMS, EMAIL, PHONE]");

    let mut shipment = example_shipment();
    shipment.incoterms = Some(Incoterms::parse("XYZ"));
    assert_only(&shipment, V0, "incoterms", C::Enum);
    shipment.incoterms = Some(Incoterms::Ddp);
    assert_valid(&shipment, V0);

    let attributes = ShipmentAttributes {
        proof_of_delivery_type: Some(ProofOfDeliveryType::parse("PHOTO")),
        ..ShipmentAttributes::default()
    };
    assert_only(&attributes, V0, "proofOfDeliveryType", C::Enum);

    let status = ConsignmentStatus::new(AcceptableConsignmentStatus::parse("SHIPPED"));
    assert_only(&status, V0, "status", C::Enum);

    let mut item = hazardous_item();
    item.material_attributes = Some(vec![HazardousMaterialAttribute::parse("GAS")]);
    assert_only(&item, V0, "materialAttributes[0]", C::Enum);
}

#[test]
fn valid_address_format() {
    let mut shipment = example_shipment();
    let address = shipment
        .receiver
        .as_mut()
        .unwrap()
        .address
        .as_mut()
        .unwrap();
    address.postal_code = None;
    let v = assert_only(
        &shipment,
        V0,
        "receiver.address.postalCode",
        C::ValidAddressFormat,
    );
    assert_eq!(v.message, "is required for addresses in GBR");
    // Blank counts as absent.
    let mut shipment = example_shipment();
    let address = shipment
        .destination
        .as_mut()
        .unwrap()
        .address
        .as_mut()
        .unwrap();
    address.city = Some("  ".into());
    let v = assert_only(
        &shipment,
        V0,
        "destination.address.city",
        C::ValidAddressFormat,
    );
    assert_eq!(v.rejected_value, Some(json!("  ")));
    // Province: at most 2 slashes.
    let mut address = gb_address();
    address.province = Some("a/b/c".into());
    assert_valid(&address, V0);
    address.province = Some("a/b/c/d".into());
    assert_only(&address, V0, "province", C::ValidAddressFormat);
}

#[test]
fn map_string_size() {
    let mut shipment = example_shipment();
    let mut properties = Properties::new();
    properties.insert("k".repeat(30), "v".repeat(100));
    shipment.shipment_properties = Some(properties.clone());
    assert_valid(&shipment, V0);
    properties.insert("k".repeat(31), "v".into());
    shipment.shipment_properties = Some(properties.clone());
    let key = "k".repeat(31);
    assert_only(
        &shipment,
        V0,
        &format!("shipmentProperties[{key}]"),
        C::MapStringSize,
    );

    let order = Order {
        order_properties: Some([("colour".to_owned(), "x".repeat(101))].into()),
        ..Order::default()
    };
    assert_only(&order, V0, "orderProperties[colour]", C::MapStringSize);

    let shipment = unit(|u| {
        u.shipment_properties = Some((0..11).map(|i| (i.to_string(), "v".to_owned())).collect())
    });
    assert_only(
        &shipment,
        V0,
        "logisticsUnits[0].shipmentProperties",
        C::Size,
    );
}

#[test]
fn valid_type_and_receiver_combination() {
    let mut shipment = example_shipment();
    shipment.receiver.as_mut().unwrap().contact = None;
    let v = assert_only(
        &shipment,
        V0,
        "receiver",
        C::ValidTypeAndReceiverCombination,
    );
    assert!(v.rejected_value.is_some_and(|r| r.is_object()));

    // COLLECTION: address and contact ...
    let destination = Destination::by_uri(LOCATION);
    assert_valid(
        &collection(Receiver::new(gb_address(), contact()), destination.clone()),
        V0,
    );
    // ... or a URI (which only API version 0.7.1 has).
    // Under 0.7.1 only the version gates of the other parts are reported, not the receiver.
    let by_uri = collection(Receiver::by_uri(LOCATION), Destination::by_uri(LOCATION));
    let gated = |field: &str| (field.to_owned(), "SupportedValue".to_owned());
    assert_eq!(
        pairs(&by_uri.validate(V0_7_1)),
        [
            gated("type"),
            gated("origin.uri"),
            gated("sender.uri"),
            gated("destination.uri")
        ]
    );
    let contactless = collection(
        Receiver {
            address: Some(gb_address()),
            ..Receiver::default()
        },
        destination,
    );
    assert_only(
        &contactless,
        V0,
        "receiver",
        C::ValidTypeAndReceiverCombination,
    );
}

#[test]
fn valid_type_and_destination_combination() {
    let mut shipment = example_shipment();
    shipment.destination.as_mut().unwrap().collection_point_id = Some("STORE-1".into());
    assert_only(
        &shipment,
        V0,
        "destination",
        C::ValidTypeAndDestinationCombination,
    );

    let receiver = Receiver::new(gb_address(), contact());
    let point = Destination::collection_point("STORE-1", "PROVIDER-1", gb_address());
    assert_valid(&collection(receiver.clone(), point.clone()), V0);
    let half = Destination {
        collection_point_provider_id: None,
        ..point
    };
    assert_only(
        &collection(receiver.clone(), half),
        V0,
        "destination",
        C::ValidTypeAndDestinationCombination,
    );
    assert_valid(&collection(receiver, Destination::by_uri(LOCATION)), V0);
}

#[test]
fn valid_uri() {
    let mut shipment = example_shipment();
    shipment.sender = Some(AgentUri::new("not a uri"));
    let v = assert_only(&shipment, V0, "sender.uri", C::ValidUri);
    assert_eq!(v.rejected_value, Some(json!("not a uri")));
    for bad in [
        "ftp://example.com/x",
        "https://",
        "https://example.com",
        "/locations/1",
        "https://exa mple.com/x",
    ] {
        assert!(!rules::is_valid_uri(bad), "{bad}");
    }
    assert!(rules::is_valid_uri(LOCATION));
    let params = AllocationParams {
        logistics_service_uri: Some("logistics service".into()),
        ..AllocationParams::default()
    };
    assert_only(&params, V0, "logisticsServiceURI", C::ValidUri);
}

#[test]
fn valid_destination_uri() {
    let receiver = Receiver::new(gb_address(), contact());
    let shipment = collection(receiver.clone(), Destination::by_uri("locations/1"));
    assert_only(&shipment, V0, "destination.uri", C::ValidDestinationUri);
    assert_valid(&collection(receiver, Destination::by_uri(LOCATION)), V0);
}

#[test]
fn valid_consignment_uri() {
    let list = ConsignmentList::close(vec![CONSIGNMENT.into(), LOCATION.into()]);
    let v = assert_only(&list, V0, "consignments[1]", C::ValidConsignmentUri);
    assert_eq!(v.object_name, "consignmentList");
    let batch = ConsignmentStatusBatch::new(
        AcceptableConsignmentStatus::HoldToManifest,
        vec!["https://example.metapack.com/consignments/".into()],
    );
    assert_only(&batch, V0, "consignments[0]", C::ValidConsignmentUri);
    assert_valid(
        &ConsignmentStatusBatch::new(
            AcceptableConsignmentStatus::HoldToManifest,
            vec![CONSIGNMENT.into()],
        ),
        V0,
    );
}

#[test]
fn iso_date_time_format() {
    let v = assert_only(&order("19/11/2024"), V0, "date", C::IsoDateTimeFormat);
    assert_eq!(v.rejected_value, Some(json!("19/11/2024")));
    for good in [
        "2016-01-14",
        "2017-01-15T01:50:02+02:00",
        "2018-02-16T13:37:40.123+04:30",
        "2019-03-17T17:31:10Z",
    ] {
        assert_valid(&order(good), V0);
    }
    let params = AllocationParams {
        latest_delivery_date: Some("tomorrow".into()),
        ..AllocationParams::default()
    };
    assert_only(&params, V0, "latestDeliveryDate", C::IsoDateTimeFormat);
}

#[test]
fn compatible_type() {
    // A typed model cannot hold "two" for a number: decoding fails, and the sandbox reports
    // the binding failure like this.
    let err = serde_json::from_value::<Weight>(json!({"value": "two", "unit": "KG"}));
    assert!(err.is_err());
    let v = ConstraintViolation::binding_failure(
        "shipment",
        "logisticsUnits[0].weight.value",
        Some(json!("two")),
        "Number",
    );
    assert_eq!(v.code, C::CompatibleType);
    assert!(v.binding_failure);
    assert_eq!(
        serde_json::to_value(&v).unwrap(),
        json!({
            "rejectedValue": "two",
            "message": "must be of a type compatible with Number",
            "code": "CompatibleType",
            "objectName": "shipment",
            "field": "logisticsUnits[0].weight.value",
            "bindingFailure": true
        })
    );
    assert!(serde_json::from_value::<Weight>(json!({"value": 2.0, "unit": "KG"})).is_ok());
}

#[test]
fn supported_value() {
    let mut shipment = example_shipment();
    shipment.shipment_type = Some(ShipmentType::parse("OFFICE"));
    let v = assert_only(&shipment, V0, "type", C::SupportedValue);
    assert_eq!(v.rejected_value, Some(json!("OFFICE")));

    let mut address = gb_address();
    address.country = Some("XXX".into());
    assert_only(&address, V0, "country", C::SupportedValue);

    let zoned = Contact {
        time_zone: Some("Mars/Olympus_Mons".into()),
        ..contact()
    };
    assert_only(&zoned, V0, "timeZone", C::SupportedValue);
    let case_sensitive = Contact {
        time_zone: Some("europe/london".into()),
        ..contact()
    };
    assert_only(&case_sensitive, V0, "timeZone", C::SupportedValue);
    assert_valid(
        &Contact {
            time_zone: Some("Europe/London".into()),
            ..contact()
        },
        V0,
    );

    let spoken = Contact {
        language: Some("xx".into()),
        ..contact()
    };
    assert_only(&spoken, V0, "language", C::SupportedValue);
    assert_valid(
        &Contact {
            language: Some("EN".into()),
            ..contact()
        },
        V0,
    );

    let weight = Weight {
        unit: Some(WeightUnit::parse("LB")),
        ..Weight::kg(1.0)
    };
    assert_only(&weight, V0, "unit", C::SupportedValue);
    let dimension = Dimension {
        unit: Some(MeasurementUnit::parse("IN")),
        ..Dimension::cm(1.0, 1.0, 1.0)
    };
    assert_only(&dimension, V0, "unit", C::SupportedValue);

    let list = ConsignmentList {
        list_type: Some(ConsignmentListType::parse("OPEN_LIST")),
        ..ConsignmentList::close(vec![CONSIGNMENT.into()])
    };
    assert_only(&list, V0, "type", C::SupportedValue);

    let mut item = trade_item();
    item.item_type = Some(TradeItemType::parse("Gift"));
    assert_only(&item, V0, "@type", C::SupportedValue);

    let pcl = DocumentParams {
        format: Some(LabelFormat::Pcl),
        dpi: None,
    };
    assert_only(&pcl, V0, "format", C::SupportedValue);
    let dpi = DocumentParams {
        format: Some(LabelFormat::Png),
        dpi: Some(Dpi::Dpi600),
    };
    assert_only(&dpi, V0, "dpi", C::SupportedValue);
}

/// Fields and values outside their version range are reported as `SupportedValue`.
#[test]
fn version_gated_fields_and_values() {
    // COLLECTION is [0.7.5,).
    let receiver = Receiver::new(gb_address(), contact());
    let shipment = collection(receiver, Destination::by_uri(LOCATION));
    assert_valid(&shipment, V0_7_5);
    let v = shipment.validate(V0_7_1);
    let gated: Vec<_> = pairs(&v);
    assert!(
        gated.contains(&("type".into(), "SupportedValue".into())),
        "{gated:?}"
    );
    let type_violation = v.iter().find(|v| v.field_path() == "type").unwrap();
    assert_eq!(
        type_violation.message,
        "is not available in API version v0.7.1 (shipment type COLLECTION needs [0.7.5,))"
    );

    // Receiver URI is [0.7.1] only.
    let by_uri = Receiver::by_uri(LOCATION);
    assert_valid(&by_uri, V0_7_1);
    assert_only(&by_uri, V0, "uri", C::SupportedValue);
    assert_only(&by_uri, V1_0, "uri", C::SupportedValue);

    // Agent URIs are [0.7.5,).
    let agent = AgentUri::new(LOCATION);
    assert_valid(&agent, V0_7_5);
    assert_only(&agent, V0_7, "uri", C::SupportedValue);

    // Destination URI [0.7.2,), collection points [0.7.5,).
    assert_only(
        &Destination::by_uri(LOCATION),
        V0_7_1,
        "uri",
        C::SupportedValue,
    );
    let point = Destination::collection_point("S", "P", gb_address());
    assert_eq!(
        pairs(&point.validate(V0_7_1)),
        [
            ("collectionPointID".to_owned(), "SupportedValue".to_owned()),
            (
                "collectionPointProviderID".to_owned(),
                "SupportedValue".to_owned()
            ),
        ]
    );

    // Consignment lists [0.13.0,) and statuses [0.14.0,): not in any 0.7.x.
    let list = ConsignmentList::close(vec![CONSIGNMENT.into()]);
    assert_valid(&list, V0);
    assert_eq!(list.validate(V0_7_5).len(), 2, "type and consignments");
    let status = ConsignmentStatus::new(AcceptableConsignmentStatus::ReadyToManifest);
    assert_only(&status, V0_7_5, "status", C::SupportedValue);

    // Query parameters: logisticsServiceCode [0.7.0] only, logisticsServiceURI [0.7.1,).
    let code = AllocationParams {
        logistics_service_code: Some("DPD".into()),
        ..AllocationParams::default()
    };
    assert_valid(&code, V0_7);
    assert_only(&code, V0, "logisticsServiceCode", C::SupportedValue);
    let uri = AllocationParams {
        logistics_service_uri: Some("https://data.metapack.net/logistics-services/49ddd5d".into()),
        ..AllocationParams::default()
    };
    assert_valid(&uri, V0);
    assert_only(&uri, V0_7, "logisticsServiceURI", C::SupportedValue);

    // twoMan is [0.7.0,): every version has it.
    let attributes = ShipmentAttributes {
        two_man: Some(true),
        ..ShipmentAttributes::default()
    };
    for v in ApiVersion::ALL {
        assert_valid(&attributes, v);
    }
}

#[test]
fn nested_paths_and_object_names_follow_the_server() {
    let mut shipment = example_shipment();
    let units = shipment.logistics_units.as_mut().unwrap();
    units.push(units[0].clone());
    units[1].trade_items = Some(vec![TradeItem {
        quantity: Some(-1.0),
        ..trade_item()
    }]);
    let undeliverable = shipment.undeliverable.as_mut().unwrap();
    undeliverable.contact.as_mut().unwrap().notifications = Some(vec![Notification::new(
        NotificationType::Sms,
        "0".repeat(51),
    )]);
    let violations = shipment.validate(V0);
    assert_eq!(
        pairs(&violations),
        [
            (
                "undeliverable.contact.notifications[0].value".to_owned(),
                "Size".to_owned()
            ),
            (
                "logisticsUnits[1].tradeItems[0].quantity".to_owned(),
                "DecimalMin".to_owned()
            ),
        ]
    );
    assert!(violations.iter().all(|v| v.object_name == "shipment"));
    let err = shipment.ensure_valid(V0).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("2 constraint violation(s): shipment.undeliverable")
    );
    assert_eq!(err.to_error_body().constraint_violations, violations);
    assert_eq!(err.to_error_body().status(), Some(400));
}

/// Every code of B.10 is produced by at least one check in this crate.
#[test]
fn every_constraint_code_is_produced() {
    let now = Utc.with_ymd_and_hms(2024, 11, 19, 12, 0, 0).unwrap();
    let mut produced = BTreeSet::new();
    let mut add = |violations: Vec<ConstraintViolation>| {
        produced.extend(violations.into_iter().map(|v| v.code.to_string()));
    };
    add(Shipment::default().validate(V0));
    add(Contact::default().validate(V0));
    add(TradeItem {
        item_type: Some(TradeItemType::HazardousTradeItem),
        quantity: Some(-1.5),
        ..TradeItem::default()
    }
    .validate(V0));
    add(unit(|u| u.weight = Some(Weight::kg(-1.0))).validate(V0));
    add(contact().with_email("x").validate(V0));
    add(Notification::new(NotificationType::parse("FAX"), "1").validate(V0));
    add(Address::new("GBR", "London", "Street", "").validate(V0));
    add(Address::new("GB", "London", "Street", "EC1R 4PF").validate(V0));
    add(Order {
        order_properties: Some([("k".repeat(31), String::new())].into()),
        date: Some("bad".into()),
        ..Order::default()
    }
    .validate(V0));
    add(check_at(&order("2025-01-01"), now));
    let mut s = example_shipment();
    s.receiver.as_mut().unwrap().contact = None;
    s.destination.as_mut().unwrap().uri = Some("x".into());
    s.sender = Some(AgentUri::new("x"));
    s.shipment_type = Some(ShipmentType::parse("OFFICE"));
    add(s.validate(V0));
    let mut s = example_shipment();
    s.receiver.as_mut().unwrap().contact = None;
    s.destination.as_mut().unwrap().collection_point_id = Some("x".into());
    add(s.validate(V0));
    add(ConsignmentList::close(vec!["x".into()]).validate(V0));
    let mut c = Checker::new("x", V0).at(now);
    rules::decimal_max(&mut c, "a", Some(2.0), 1.0, true);
    rules::max(&mut c, "b", Some(2.0), 1);
    let past = IsoDateTime::new("2000-01-01");
    rules::future(&mut c, "c", past.parse(), Some(past.as_str()));
    add(c.into_violations());
    add(vec![ConstraintViolation::binding_failure(
        "x",
        "y",
        Some(Value::Null),
        "Number",
    )]);
    let expected: BTreeSet<String> = ConstraintCode::KNOWN
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(expected.len(), 23);
    assert_eq!(
        produced.difference(&expected).count(),
        0,
        "only documented codes"
    );
    assert_eq!(
        expected.difference(&produced).collect::<Vec<_>>(),
        Vec::<&String>::new()
    );
}

#[test]
fn country_codes_hint_at_the_alpha_3_code() {
    let message = |code: &str| {
        let address = Address::new(code, "London", "Gray's Inn Road", "WC1X 8XZ");
        let violations = address.validate(V0);
        let found: Vec<&ConstraintViolation> = violations
            .iter()
            .filter(|v| v.field_path() == "country")
            .collect();
        assert_eq!(found.len(), 1, "{code}: {violations:?}");
        (found[0].code.clone(), found[0].message.clone())
    };
    let (code, text) = message("GB");
    assert_eq!(code, C::Size);
    assert_eq!(
        text,
        r#"size must be between 3 and 3; send "GBR" (ISO 3166-1 alpha-3)"#
    );
    let (code, text) = message("uk");
    assert_eq!(code, C::Size);
    assert!(
        text.ends_with(r#"send "GBR" (ISO 3166-1 alpha-3)"#),
        "{text}"
    );
    let (code, text) = message("gbr");
    assert_eq!(code, C::SupportedValue);
    assert!(
        text.ends_with(r#"send "GBR" (ISO 3166-1 alpha-3)"#),
        "{text}"
    );
    let (code, text) = message("XXX");
    assert_eq!(code, C::SupportedValue);
    assert!(text.contains(r#"such as "GBR""#), "{text}");
    let mut item = trade_item();
    item.country_of_origin = Some("CN".into());
    let violations = item.validate(V0);
    assert!(
        violations
            .iter()
            .any(|v| v.field_path() == "countryOfOrigin" && v.message.contains(r#"send "CHN""#)),
        "{violations:?}"
    );
}
