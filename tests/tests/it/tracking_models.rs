//! Snapshots of the generated Tracking models, and forward-compatible decoding.

use metapack_tests::at;
use metapack_tracking::types::*;
use serde_json::json;

/// One JSON Schema snapshot per model of the spec.
#[test]
fn json_schema_of_every_model() {
    metapack_tests::assert_schema_snapshots!(
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../specs/tracking.yaml"
        )),
        [
            AcceptLanguage,
            Address,
            Collection,
            Customer,
            DeleteDeliveryLegsResponse,
            Delivery,
            DeliveryEvent,
            DeliveryInformation,
            DeliveryLeg,
            DeliveryLegEvent,
            DeliveryLegParcel,
            Error,
            EventCode,
            EventLocation,
            JourneyDelivery,
            JourneyDeliveryLeg,
            JourneyEvent,
            Order,
            ParcelJourney,
            ParcelJourneySearch,
            PostAllocationEventCode,
            PreAllocationEventCode,
            Price,
            Product,
            ProductItem,
            Recipient,
            Sender,
        ]
    );
}

fn sample_leg() -> DeliveryLeg {
    DeliveryLeg {
        tracking_identifier: "JD0002212345678901".into(),
        carrier_code: Some("DPD_UK".into()),
        carrier_display_name: Some("DPD UK".into()),
        carrier_service_code: Some("DPD_UK_CLASSIC".into()),
        carrier_tracking_url: Some("https://track.example.com/JD0002212345678901".into()),
        delivery_ref: Some("DEL-1".into()),
        final_delivery_leg: Some(true),
        order: Some(Order {
            order_ref: Some("ORDER-1".into()),
            order_date: Some(at(20, 9)),
            customer: Some(Customer {
                customer_ref: Some("CUST-1".into()),
                email: Some("ada@example.com".into()),
                ..Customer::default()
            }),
            products: Some(vec![Product {
                product_ref: Some("SKU-1".into()),
                sale_price: Some(Price {
                    amount: Some(19.99),
                    currency_code: Some("GBP".into()),
                }),
                items: Some(vec![ProductItem {
                    item_ref: Some("ITEM-1".into()),
                }]),
            }]),
            ..Order::default()
        }),
        parcel: Some(DeliveryLegParcel {
            parcel_ref: Some("PARCEL-1".into()),
            weight: Some(1.5),
        }),
        recipient: Some(Recipient {
            post_code: Some("WC1X 8XZ".into()),
            time_zone: Some("Europe/London".into()),
            ..Recipient::default()
        }),
        collection: None,
        delivery: None,
        sender: None,
    }
}

#[test]
fn serialized_samples() {
    insta::assert_json_snapshot!("sample_delivery_leg", sample_leg());
    let event = DeliveryLegEvent {
        tracking_identifier: "JD0002212345678901".into(),
        event_code: PostAllocationEventCode::AwaitingCollectionFromPickupPoint,
        event_date: at(21, 10),
        event_source: Some("STORE".into()),
        event_time_zone: "Europe/London".into(),
        event_location: None,
    };
    insta::assert_json_snapshot!("sample_delivery_leg_event", event);
    let event = DeliveryEvent {
        delivery_ref: "DEL-1".into(),
        event_code: PreAllocationEventCode::Other("ORDER_TELEPORTED".into()),
        event_date: at(20, 9),
        event_source: None,
        event_time_zone: "Europe/London".into(),
        event_location: None,
    };
    insta::assert_json_snapshot!("sample_delivery_event_unknown_code", event);
}

#[test]
fn request_models_round_trip() {
    let leg = sample_leg();
    let json = serde_json::to_value(&leg).expect("serializes");
    assert_eq!(json["trackingIdentifier"], "JD0002212345678901");
    assert_eq!(json["order"]["orderDate"], "2026-11-20T09:00:00Z");
    assert!(json.get("sender").is_none(), "unset fields are omitted");
    let back: DeliveryLeg = serde_json::from_value(json).expect("decodes");
    assert_eq!(back, leg);
}

/// A journey as a real response may carry it: unknown fields everywhere, nulls where the docs
/// show values (also as array elements), an unknown event code and known codes in other letter cases.
#[test]
fn journey_decodes_unknown_fields_codes_and_nulls() {
    let body = json!([{
        "order": {
            "orderRef": "ORDER-1", "orderDate": null, "marketplace": null,
            "customer": null, "products": null, "loyaltyTier": "gold"
        },
        "deliveryRef": null,
        "deliveries": [null],
        "deliveryLegs": [{
            "trackingIdentifier": "JD1", "carrierCode": null, "finalDeliveryLeg": null,
            "parcel": {"parcelRef": null, "weight": null, "volume": 3},
            "recipient": null, "newLegField": {"nested": [1, 2]}
        }],
        "events": [
            null,
            {"eventCode": "TELEPORTED", "eventDate": "2026-11-21T10:00:00Z", "extra": true},
            {"eventCode": "delivered", "eventDate": "2026-11-21T12:00:00+01:00"},
            {"eventCode": null, "eventDate": null, "eventLocation": null},
            {"eventCode": "Out_For_Delivery", "eventDate": "2026-11-21T08:00:00Z"}
        ],
        "recipient": {"postCode": null, "timeZone": "Europe/London", "w3w": "///a.b.c"},
        "sender": null,
        "collection": null,
        "delivery": null,
        "someFutureBlock": {"a": null}
    }]);
    let journeys: Vec<ParcelJourney> = serde_json::from_value(body).expect("decodes");
    let journey = &journeys[0];
    let codes: Vec<Option<&EventCode>> = journey
        .events_in_order()
        .iter()
        .map(|e| e.event_code.as_ref())
        .collect();
    assert_eq!(
        codes,
        [
            None,
            Some(&EventCode::OutForDelivery),
            Some(&EventCode::Other("TELEPORTED".into())),
            Some(&EventCode::Delivered),
        ],
        "sorted by instant: 12:00+01:00 is after 10:00Z"
    );
    assert_eq!(journey.latest_event_code(), Some(&EventCode::Delivered));
    assert!(journey.is_delivered());
    assert_eq!(
        journey.deliveries,
        Some(vec![]),
        "null elements are skipped"
    );
    assert_eq!(EventCode::parse("DELIVERED").as_str(), "DELIVERED");
    assert_eq!(EventCode::parse("delivered").to_string(), "DELIVERED");
}

#[test]
fn delivered_and_exception_helpers() {
    let journey = |code: &str| -> ParcelJourney {
        serde_json::from_value(json!({"events": [
            {"eventCode": "IN_TRANSIT", "eventDate": "2026-11-21T08:00:00Z"},
            {"eventCode": code, "eventDate": "2026-11-21T09:00:00Z"}
        ]}))
        .expect("decodes")
    };
    assert!(journey("DELIVERED_TO_NEIGHBOUR").is_delivered());
    assert!(!journey("DELIVERED_TO_NEIGHBOUR").is_exception());
    assert!(journey("PARCEL_LOST").is_exception());
    assert!(!journey("OUT_FOR_DELIVERY").is_delivered());
    assert!(!journey("OUT_FOR_DELIVERY").is_exception());
    assert!(ParcelJourney::default().latest_event().is_none());
}

#[test]
fn every_documented_code_is_known() {
    let spec: serde_json::Value = serde_yaml::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../specs/tracking.yaml"
    )))
    .expect("spec parses");
    let schemas = &spec["components"]["schemas"];
    // Each schema's values, read by its own type: every one is a documented variant.
    type Parses = fn(&str) -> bool;
    let post: Parses = |v| PostAllocationEventCode::parse(v).is_known();
    let pre: Parses = |v| PreAllocationEventCode::parse(v).is_known();
    let any: Parses = |v| EventCode::parse(v).is_known();
    let language: Parses = |v| AcceptLanguage::parse(v).is_known();
    let cases: [(&str, usize, Parses); 4] = [
        (
            "PostAllocationEventCode",
            PostAllocationEventCode::KNOWN.len(),
            post,
        ),
        (
            "PreAllocationEventCode",
            PreAllocationEventCode::KNOWN.len(),
            pre,
        ),
        ("EventCode", EventCode::KNOWN.len(), any),
        ("AcceptLanguage", AcceptLanguage::KNOWN.len(), language),
    ];
    for (schema, known, parses) in cases {
        let values = schemas[schema]["enum"].as_array().expect("enum");
        assert_eq!(values.len(), known, "{schema}");
        for value in values {
            let value = value.as_str().expect("string");
            assert!(parses(value), "{schema}: {value}");
            assert_eq!(any(value), schema != "AcceptLanguage", "{schema}: {value}");
            assert_eq!(
                language(value),
                schema == "AcceptLanguage",
                "{schema}: {value}"
            );
        }
    }
}
