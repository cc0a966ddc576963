//! Lenient decoding of real-world responses: nulls anywhere the types allow, unknown fields,
//! unknown enum values and other letter cases. Known gaps of the generated types are kept as
//! ignored tests marked `GENERATOR`.

use crate::common;

use common::{ScriptedServer, client, json};
use metapack_shipping::types::{
    AddressType, ConsignmentType, LinkOperation, MeasurementUnit, NotificationType, VolumeUnit,
    WeightUnit,
};
use metapack_shipping::{
    Consignment, ConsignmentResponse, ConsignmentSearch, ConsignmentWithPaperwork, Error,
    ManifestPaperworkResponse, PaperworkResponse, Rate, Status,
};
use serde_json::{Value, json};

fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap_or_else(|e| panic!("decode failed: {e}"))
}

/// Every property of a consignment, set to null.
fn all_null_consignment() -> Value {
    json!({
        "measurementUnits": null, "orders": null, "parcels": null, "status": null,
        "type": null, "sender": null, "recipient": null, "supportingAgents": null,
        "deliveryInformation": null, "consignmentCode": null, "shipmentRef": null,
        "attributes": null, "manifestGroupCode": null, "tags": null,
        "allocatedDateTime": null, "service": null, "carrierConsignmentCode": null
    })
}

/// Objects present, every leaf inside them null, including inside arrays of objects.
fn nulls_inside() -> Value {
    let address = json!({
        "addressLine1": null, "addressLine2": null, "postCode": null, "countryCode": null,
        "companyName": null, "city": null, "stateProvince": null, "timeZone": null,
        "type": null, "addressReference": null, "code": null,
        "contact": {"name": null, "timeZone": null, "language": null, "email": null, "phone": null},
        "taxAndDuty": {"EORINumber": null, "IOSSNumber": null, "VATNumber": null}
    });
    let money = json!({"amount": null, "currencyCode": null});
    let carrier_service =
        json!({"code": null, "name": null, "carrier": {"name": null, "code": null}});
    let dangerous_goods = json!({
        "unId": null, "shippingName": null, "productClass": null, "packagingGroup": null,
        "measurementUnit": null, "packagingInstructions": null, "quantity": null,
        "packageType": null, "amount": null, "regulationAuthority": null,
        "regulationLevelCode": null, "transportationMeans": null, "reportableQuantity": null,
        "radioActive": null, "subRiskClass": null, "technicalName": null,
        "additionalInfo": null, "overPack": null, "packagingInstructionSection": null
    });
    let item = json!({
        "itemRef": null, "harmonisedCode": null, "countryOfOrigin": null, "fabricContent": null,
        "description": null, "itemType": null, "quantity": null, "value": null, "weight": null,
        "dangerousGoods": dangerous_goods, "exportReferenceNumber": null,
        "exportLicenseNumber": null, "batteryChemCode": null
    });
    json!({
        "measurementUnits": {"weight": null, "measurement": null, "volume": null},
        "orders": [{
            "orderRef": null, "orderDate": null, "value": money, "shippingCharge": null,
            "insuranceCharge": money, "otherCharge": null
        }],
        "parcels": [
            {"items": null},
            {
                "parcelCode": null, "parcelIndex": null, "shipperRef": null, "packagingType": null,
                "weight": {"value": null},
                "dimensions": {"height": null, "width": null, "depth": null, "diameter": null},
                "value": money,
                "items": [item],
                "deliveryLegs": [{"trackingIdentifier": null, "trackingURL": null}]
            }
        ],
        "status": null,
        "sender": address,
        "recipient": address,
        "supportingAgents": {"customsBroker": address},
        "deliveryInformation": {
            "cutoffDateTime": null,
            "collectionWindow": {"from": null, "to": null},
            "deliveryWindow": null,
            "service": {"carrierService": carrier_service},
            "shippingCosts": {},
            "legs": [{"trackingIdentifier": null, "trackingURL": null, "trackingLinks": {"carrier": null}}]
        },
        "attributes": {
            "cashOnDelivery": {"value": null, "paymentMethod": null},
            "contentType": null, "notificationType": null,
            "flexibleDelivery": {"deliveryInstructions": null, "what3words": null},
            "incoterms": null
        },
        "tags": [],
        "service": {"carrierService": null}
    })
}

// ---------------------------------------------------------------------------------------------
// Nulls
// ---------------------------------------------------------------------------------------------

#[test]
fn a_consignment_with_every_field_null_decodes() {
    let consignment: Consignment = decode(all_null_consignment());
    assert_eq!(consignment, Consignment::default());
    assert_eq!(consignment.lifecycle_status(), None);
    assert!(consignment.parcel_tracking_identifiers().is_empty());

    let response: ConsignmentResponse = decode(json!({"consignment": null, "links": null}));
    assert_eq!(response, ConsignmentResponse::default());
    assert_eq!(response.consignment_code(), None);
    let response: ConsignmentResponse = decode(json!({}));
    assert_eq!(response.lifecycle_status(), None);
}

#[test]
fn nulls_inside_objects_and_arrays_of_objects_decode() {
    let consignment: Consignment = decode(nulls_inside());
    let parcels = consignment.parcels.as_ref().expect("parcels");
    assert_eq!(parcels.len(), 2);
    assert_eq!(parcels[0].items, None);
    let item = &parcels[1].items.as_ref().unwrap()[0];
    assert_eq!(item.item_ref, None);
    assert_eq!(item.dangerous_goods.as_ref().unwrap().amount, None);
    assert_eq!(
        parcels[1].delivery_legs.as_ref().unwrap()[0].tracking_identifier,
        None
    );
    assert!(consignment.parcel_tracking_identifiers().is_empty());
    assert_eq!(consignment.carrier_service_code(), None);
    let agents = consignment.supporting_agents.as_ref().unwrap();
    assert_eq!(agents["customsBroker"].code, None);
}

#[tokio::test]
async fn a_null_filled_response_decodes_through_the_client() {
    let body = json!([all_null_consignment(), nulls_inside()]).to_string();
    let server = ScriptedServer::start(vec![json(200, Box::leak(body.into_boxed_str()))]).await;
    let found = client(&server.base_url())
        .search_consignments(&ConsignmentSearch::order("ORDER-1"))
        .await
        .expect("decodes");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0], Consignment::default());
}

#[test]
fn null_paperwork_rates_and_manifest_responses_decode() {
    let response: PaperworkResponse = decode(json!({
        "paperwork": {"labels": null, "customs": null},
        "links": [{"operation": null, "rel": null, "href": null}]
    }));
    assert!(response.documents().unwrap().is_empty());
    let created: ConsignmentWithPaperwork = decode(json!({
        "consignment": all_null_consignment(), "paperwork": null, "links": null
    }));
    assert!(created.documents().unwrap().is_empty());
    let manifest: ManifestPaperworkResponse = decode(json!({
        "paperwork": {"manifest": null, "consolidatedClearanceLabel": null, "commercialInvoice": null},
        "links": null
    }));
    assert!(manifest.documents().unwrap().is_empty());
    let rates: Vec<Rate> = decode(json!([{
        "cutoffDateTime": null, "collectionWindow": null, "deliveryWindow": {"from": null, "to": null},
        "service": {"carrierService": {"code": null, "name": null, "carrier": null}},
        "shippingCosts": null
    }]));
    assert_eq!(rates[0].carrier_service_code(), None);
}

// ---------------------------------------------------------------------------------------------
// Unknown fields and values
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_fields_everywhere_are_ignored() {
    let response: ConsignmentResponse = decode(json!({
        "consignment": {
            "consignmentCode": "C-1",
            "status": "printed",
            "newTopLevel": {"deep": [1, 2, {"x": null}]},
            "parcels": [{
                "parcelCode": "P-1",
                "future": true,
                "items": [{"itemRef": "SKU-1", "sustainability": {"co2": 1.2}}],
                "deliveryLegs": [{"trackingIdentifier": "T-1", "leg": 2}]
            }],
            "recipient": {"postCode": "WC1X 8XZ", "geo": {"lat": 51.5, "long": -0.1},
                          "contact": {"name": "Jane", "pronouns": "she/her"}},
            "deliveryInformation": {
                "service": {"carrierService": {"code": "DPD", "carrier": {"code": "D", "logo": "x"}, "tier": 1}},
                "legs": [{"trackingIdentifier": "T-1", "eta": "soon"}],
                "shippingCosts": {"shippingCost": {"amount": 1.0, "currencyCode": "GBP", "vat": 0.2}}
            }
        },
        "links": [{"rel": "self", "href": "/consignments/C-1", "templated": false}],
        "meta": {"requestId": "r-1"}
    }));
    assert_eq!(response.consignment_code(), Some("C-1"));
    assert_eq!(response.lifecycle_status(), Some(&Status::Printed));
    let consignment = response.consignment.as_ref().unwrap();
    assert_eq!(consignment.parcel_tracking_identifiers(), ["T-1"]);
    assert_eq!(consignment.carrier_service_code(), Some("DPD"));
}

#[test]
fn statuses_in_other_letter_cases_decode_to_the_documented_variants() {
    for (wire, expected) in [
        ("unallocated", Status::Unallocated),
        ("UNALLOCATED", Status::Unallocated),
        ("Allocated", Status::Allocated),
        ("PRINTED", Status::Printed),
        ("readyToManifest", Status::ReadyToManifest),
        ("READY_TO_MANIFEST", Status::ReadyToManifest),
        ("Ready to manifest", Status::ReadyToManifest),
        ("ready-to-manifest", Status::ReadyToManifest),
        ("Manifested", Status::Manifested),
    ] {
        let consignment: Consignment = decode(json!({"status": wire}));
        assert_eq!(consignment.lifecycle_status(), Some(&expected), "{wire}");
    }
}

#[test]
fn unknown_statuses_are_kept_verbatim() {
    let consignment: Consignment = decode(json!({"status": "inTransit"}));
    let status = consignment.lifecycle_status().unwrap();
    assert_eq!(status, &Status::Other("inTransit".into()));
    assert!(!status.is_known());
    assert!(!status.is_allocated() && !status.can_print() && !status.can_be_modified());
    // Serialized back as received.
    assert_eq!(
        serde_json::to_value(&consignment).unwrap(),
        json!({"status": "inTransit"})
    );
    // A known value is written in the documented spelling.
    let consignment: Consignment = decode(json!({"status": "READY_TO_MANIFEST"}));
    assert_eq!(
        serde_json::to_value(&consignment).unwrap(),
        json!({"status": "readyToManifest"})
    );
}

#[test]
fn other_value_lists_are_open_too() {
    let consignment: Consignment = decode(json!({
        "type": "DELIVERY",
        "measurementUnits": {"weight": "KG", "measurement": "inch", "volume": "ML"},
        "recipient": {"type": "Commercial"},
        "attributes": {"notificationType": "EMAIL"}
    }));
    assert_eq!(consignment.type_, Some(ConsignmentType::Delivery));
    let units = consignment.measurement_units.as_ref().unwrap();
    assert_eq!(units.weight, Some(WeightUnit::Kg));
    assert_eq!(
        units.measurement,
        Some(MeasurementUnit::Other("inch".into()))
    );
    assert_eq!(units.volume, Some(VolumeUnit::Ml));
    assert_eq!(
        consignment.recipient.as_ref().unwrap().type_,
        Some(AddressType::Other("Commercial".into()))
    );
    assert_eq!(
        consignment.attributes.as_ref().unwrap().notification_type,
        Some(NotificationType::Other("EMAIL".into()))
    );
    let response: ConsignmentResponse = decode(json!({
        "links": [{"operation": "get"}, {"operation": "POST"}]
    }));
    let links = response.links.unwrap();
    assert_eq!(links[0].operation, Some(LinkOperation::Get));
    assert_eq!(
        links[1].operation,
        Some(LinkOperation::Other("POST".into()))
    );
}

#[test]
fn dates_with_offsets_and_fractions_decode() {
    let consignment: Consignment = decode(json!({
        "allocatedDateTime": "2026-11-20T10:00:00.123+01:00",
        "orders": [{"orderDate": "2026-11-19T18:30:00Z"}]
    }));
    assert_eq!(
        consignment.allocated_date_time.unwrap().to_rfc3339(),
        "2026-11-20T09:00:00.123+00:00"
    );
}

#[tokio::test]
async fn a_wrong_type_names_its_path() {
    let server = ScriptedServer::start(vec![json(
        200,
        r#"{"consignment":{"parcels":[{"parcelIndex":"first"}]}}"#,
    )])
    .await;
    let err = client(&server.base_url())
        .get_consignment("C-1")
        .await
        .expect_err("decode error");
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "consignment.parcels[0].parcelIndex"),
        "{err:?}"
    );
}

#[test]
fn null_elements_inside_arrays_are_skipped() {
    let consignment: Consignment = decode(json!({
        "parcels": [null, {"parcelCode": "P-1", "items": [null], "deliveryLegs": [null, {"trackingIdentifier": "T-1"}]}],
        "orders": [null],
        "tags": ["gift", null],
        "deliveryInformation": {"legs": [null]}
    }));
    let parcels = consignment.parcels.as_ref().unwrap();
    assert_eq!(parcels.len(), 1);
    assert_eq!(parcels[0].parcel_code.as_deref(), Some("P-1"));
    assert_eq!(parcels[0].items, Some(vec![]));
    assert_eq!(consignment.parcel_tracking_identifiers(), ["T-1"]);
    assert_eq!(consignment.orders, Some(vec![]));
    assert_eq!(consignment.tags, Some(vec!["gift".to_owned()]));
    let response: ConsignmentResponse = decode(json!({"links": [null, {"rel": "self"}]}));
    assert_eq!(response.links.unwrap().len(), 1);
    let rates: Vec<Rate> = decode(json!([{"service": null}]));
    assert_eq!(rates.len(), 1);
}

#[test]
fn null_values_inside_maps_are_skipped() {
    let consignment: Consignment = decode(json!({
        "supportingAgents": {"customsBroker": null, "importer": {"code": "IMP-1"}},
        "deliveryInformation": {"shippingCosts": {"shippingCost": null, "fuel": {"amount": 0.5}}}
    }));
    let agents = consignment.supporting_agents.as_ref().unwrap();
    assert_eq!(agents.len(), 1);
    assert_eq!(agents["importer"].code.as_deref(), Some("IMP-1"));
    let costs = consignment
        .delivery_information
        .as_ref()
        .and_then(|d| d.shipping_costs.as_ref())
        .unwrap();
    assert_eq!(costs.len(), 1);
    assert_eq!(costs["fuel"].amount, Some(0.5));
}

// Timestamps as real responses send them (see metapack_core::lenient::option_datetime).

#[test]
fn date_times_without_an_offset_or_empty() {
    let consignment: Consignment = decode(json!({
        "allocatedDateTime": "2026-11-20T09:00:00",
        "orders": [{"orderDate": ""}, {"orderDate": "2026-11-20 10:30:00"}]
    }));
    let expected = chrono::DateTime::parse_from_rfc3339("2026-11-20T09:00:00Z").ok();
    assert_eq!(
        consignment.allocated_date_time.map(|t| t.fixed_offset()),
        expected
    );
    let orders = consignment.orders.unwrap_or_default();
    assert_eq!(
        orders[0].order_date, None,
        "an empty timestamp reads as None"
    );
    assert!(
        orders[1].order_date.is_some(),
        "a space instead of T is read"
    );
}
