//! JSON Schemas derive for the models, and error bodies read from a core `ApiError`.

use crate::common;

use metapack_core::ApiError;
use metapack_mm_api::errors::ErrorBody;
use metapack_mm_api::model::{Consignment, ConsignmentList, Shipment};

#[test]
fn models_have_json_schemas_with_wire_names() {
    let schema = serde_json::to_value(schemars::schema_for!(Shipment)).unwrap();
    let properties = &schema["properties"];
    for name in [
        "@id",
        "type",
        "logisticsUnits",
        "shipmentRef",
        "receiver",
        "sender",
    ] {
        assert!(properties.get(name).is_some(), "{name}");
    }
    // Open enums are strings listing the documented values as examples.
    let definitions = &schema["definitions"];
    assert_eq!(definitions["ShipmentType"]["type"], "string");
    assert_eq!(
        definitions["ShipmentType"]["examples"],
        serde_json::json!(["DELIVERY", "COLLECTION"])
    );
    let consignment = serde_json::to_value(schemars::schema_for!(Consignment)).unwrap();
    assert!(
        consignment["properties"]
            .get("returnLogisticsUnitDocuments")
            .is_some()
    );
    let list = serde_json::to_value(schemars::schema_for!(ConsignmentList)).unwrap();
    assert_eq!(
        list["properties"]["consignments"]["items"]["type"],
        "string"
    );
    let error = serde_json::to_value(schemars::schema_for!(ErrorBody)).unwrap();
    assert!(error["properties"].get("correlationID").is_some());
}

#[test]
fn error_body_reads_from_a_core_api_error() {
    let details = common::fixture_json("error_allocation_field_object");
    let api_error = ApiError {
        status: 400,
        code: None,
        message: None,
        system_message: None,
        trace_id: None,
        timestamp: None,
        body: details.to_string(),
        details,
        request: None,
    };
    let body = ErrorBody::from_api_error(&api_error).unwrap();
    assert_eq!(body.allocation_errors.len(), 1);
    assert_eq!(body.help().unwrap().code, "O-ALE-4000");
}
