//! Forward compatibility: nulls anywhere, null list elements, unknown fields, sparse and odd
//! responses all decode; empty models serialize to `{}`.

use chrono::{TimeZone, Utc};
use metapack_mm_api::model::*;
use metapack_mm_api::uri::{ConsignmentUri, DocumentUri, LogisticsServiceUri};
use metapack_mm_api::values::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

fn empty_object_round_trips<
    T: DeserializeOwned + Serialize + Default + PartialEq + std::fmt::Debug,
>() {
    let decoded: T = serde_json::from_str("{}").unwrap();
    assert_eq!(decoded, T::default());
    assert_eq!(serde_json::to_string(&T::default()).unwrap(), "{}");
    let unknown: T =
        serde_json::from_str(r#"{"someFutureField": [1, {"x": null}], "@context": null}"#).unwrap();
    assert_eq!(unknown, T::default());
}

#[test]
fn every_model_decodes_from_empty_and_unknown_fields() {
    empty_object_round_trips::<Address>();
    empty_object_round_trips::<Agent>();
    empty_object_round_trips::<AgentUri>();
    empty_object_round_trips::<CashOnDelivery>();
    empty_object_round_trips::<ComplimentaryService>();
    empty_object_round_trips::<Consignment>();
    empty_object_round_trips::<ConsignmentList>();
    empty_object_round_trips::<ConsignmentListReference>();
    empty_object_round_trips::<ConsignmentStatus>();
    empty_object_round_trips::<ConsignmentStatusBatch>();
    empty_object_round_trips::<Contact>();
    empty_object_round_trips::<DeliveryPromise>();
    empty_object_round_trips::<Destination>();
    empty_object_round_trips::<Dimension>();
    empty_object_round_trips::<Document>();
    empty_object_round_trips::<Identity>();
    empty_object_round_trips::<LogisticsService>();
    empty_object_round_trips::<LogisticsUnit>();
    empty_object_round_trips::<LogisticsUnitDocument>();
    empty_object_round_trips::<Monetary>();
    empty_object_round_trips::<Notification>();
    empty_object_round_trips::<Order>();
    empty_object_round_trips::<Receiver>();
    empty_object_round_trips::<Shipment>();
    empty_object_round_trips::<ShipmentAttributes>();
    empty_object_round_trips::<TaxAndDuty>();
    empty_object_round_trips::<TradeItem>();
    empty_object_round_trips::<Weight>();
    empty_object_round_trips::<AllocationParams>();
    empty_object_round_trips::<DocumentParams>();
}

#[test]
fn nulls_everywhere_decode_to_absent() {
    let shipment: Shipment = serde_json::from_value(json!({
        "@id": null, "shipmentRef": null, "type": null, "undeliverable": null,
        "logisticsUnits": null, "shipmentProperties": null, "shipmentAttributes": null,
        "orders": null, "specialDeliveryInstructions": null, "incoterms": null,
        "origin": null, "receiver": null, "sender": null, "destination": null
    }))
    .unwrap();
    assert_eq!(shipment, Shipment::default());
    let consignment: Consignment = serde_json::from_value(json!({
        "@id": null, "@type": null, "logisticsUnitDocuments": null,
        "returnLogisticsUnitDocuments": null, "documents": null, "shipmentUrl": null,
        "allocatedDate": null, "cutOffDate": null, "deliveryPromise": null, "shippingCost": null
    }))
    .unwrap();
    assert_eq!(consignment, Consignment::default());
}

#[test]
fn null_list_elements_and_map_values_are_skipped() {
    let shipment: Shipment = serde_json::from_value(json!({
        "logisticsUnits": [null, {"weight": {"value": 1.0, "unit": "KG"}, "tradeItems": [null]}, null],
        "orders": [null],
        "shipmentProperties": {"gift": true, "count": 3, "note": "x", "gone": null},
        "receiver": {"contact": {"notifications": [null, {"notificationType": "SMS", "value": null}]}}
    }))
    .unwrap();
    let units = shipment.logistics_units.as_ref().unwrap();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].trade_items.as_deref(), Some(&[][..]));
    assert_eq!(shipment.orders.as_deref(), Some(&[][..]));
    let properties = shipment.shipment_properties.as_ref().unwrap();
    assert_eq!(
        properties
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
        [("count", "3"), ("gift", "true"), ("note", "x")]
    );
    let contact = shipment.receiver.unwrap().contact.unwrap();
    assert_eq!(contact.notifications.unwrap().len(), 1);
}

#[test]
fn response_timestamps_are_read_leniently() {
    let consignment: Consignment = serde_json::from_value(json!({
        "allocatedDate": "2016-11-07 10:00:00",
        "cutOffDate": "",
        "deliveryPromise": {
            "earliestCollectionDate": "2016-11-07T01:00:00+01:00",
            "latestCollectionDate": "2016-11-07",
            "earliestDeliveryDate": "soon",
            "latestDeliveryDate": null,
            "logisticsService": {"@id": "https://data.metapack.net/logistics-services/49ddd5d", "name": "x"}
        }
    }))
    .unwrap();
    assert_eq!(
        consignment.allocated_date,
        Some(Utc.with_ymd_and_hms(2016, 11, 7, 10, 0, 0).unwrap())
    );
    assert_eq!(consignment.cut_off_date, None);
    let promise = consignment.delivery_promise.unwrap();
    let midnight = Utc.with_ymd_and_hms(2016, 11, 7, 0, 0, 0).unwrap();
    assert_eq!(promise.earliest_collection_date, Some(midnight));
    assert_eq!(promise.latest_collection_date, Some(midnight));
    assert_eq!(promise.earliest_delivery_date, None);
    assert_eq!(
        promise.logistics_service,
        Some(LogisticsServiceUri::new(
            "https://data.metapack.net/logistics-services/49ddd5d"
        ))
    );
}

#[test]
fn unknown_values_of_lists_decode_inside_models() {
    let document: Document = serde_json::from_value(
        json!({"type": "commercialInvoice", "url": "https://h/documents/a/b"}),
    )
    .unwrap();
    assert_eq!(
        document.document_type,
        Some(DocumentType::Other("commercialInvoice".into()))
    );
    assert_eq!(
        document.url,
        Some(DocumentUri::new("https://h/documents/a/b"))
    );
    let weight: Weight = serde_json::from_value(json!({"value": 2, "unit": "LB"})).unwrap();
    assert_eq!(weight.unit, Some(WeightUnit::Other("LB".into())));
    assert_eq!(weight.value, Some(2.0), "integers read as numbers");
}

#[test]
fn typed_uris_are_transparent_strings() {
    let list = ConsignmentList::close(vec![ConsignmentUri::new("https://h/consignments/1")]);
    assert_eq!(
        serde_json::to_value(&list).unwrap(),
        json!({"type": "CLOSE_LIST", "consignments": ["https://h/consignments/1"]})
    );
    let uri = ConsignmentUri::new("https://h/consignments/abc/?x=1");
    assert_eq!(uri.id(), Some("abc"));
    assert_eq!(uri.uuid(), None);
    assert_eq!(ConsignmentUri::new("https://h/other/abc").id(), None);
    let base = url::Url::parse("https://h/api/").unwrap();
    assert_eq!(
        ConsignmentUri::for_id(&base, "7"),
        "https://h/api/consignments/7"
    );
    assert!(ConsignmentUri::new("not a url").to_url().is_err());
}
