//! The reference's own examples (copied verbatim into `tests/fixtures/`): every response
//! decodes, every request decodes, validates clean and serializes back to the same JSON.

use crate::common;

use chrono::{TimeZone, Utc};
use common::{assert_valid, decode, example_shipment, fixture_json, strip_nulls};
use metapack_core::ErrorCode;
use metapack_mm_api::errors::ErrorBody;
use metapack_mm_api::model::*;
use metapack_mm_api::validation::Validate;
use metapack_mm_api::values::*;
use metapack_mm_api::{ApiVersion, Feature};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decodes a fixture and checks that serializing gives the fixture back (nulls aside).
fn round_trips<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let value: T = decode(name);
    let json = serde_json::to_value(&value).unwrap();
    assert_eq!(json, strip_nulls(fixture_json(name)), "{name}");
    value
}

/// Decodes a fixture and checks that serializing gives exactly the fixture back.
fn round_trips_exactly<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let value: T = decode(name);
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        fixture_json(name),
        "{name}"
    );
    value
}

#[test]
fn example_allocation_request_decodes_validates_clean_and_round_trips() {
    let shipment: Shipment = round_trips("allocate_request");
    assert_eq!(shipment.shipment_type, Some(ShipmentType::Delivery));
    assert_eq!(shipment.shipment_ref.as_deref(), Some("109817271RSHIP"));
    let receiver = shipment.receiver.as_ref().unwrap();
    let contact = receiver.contact.as_ref().unwrap();
    assert_eq!(contact.time_zone.as_ref().unwrap(), "GMT");
    assert!(contact.time_zone.as_ref().unwrap().is_known());
    assert_eq!(contact.language.as_ref().unwrap(), "fr");
    let notification = &contact.notifications.as_ref().unwrap()[0];
    assert_eq!(notification.notification_type, Some(NotificationType::Sms));
    let address = receiver.address.as_ref().unwrap();
    assert_eq!(address.street.as_deref(), Some("Gray’s Inn Road"));
    assert_eq!(
        address.country.as_ref().unwrap().name(),
        Some("United Kingdom")
    );
    let unit = &shipment.logistics_units.as_ref().unwrap()[0];
    assert_eq!(unit.weight, Some(Weight::kg(2.0)));
    assert_eq!(unit.dimension, Some(Dimension::cm(5.0, 5.0, 5.0)));
    assert_eq!(unit.value, Some(Monetary::new(5.99, "EUR")));
    let sender = shipment.sender.as_ref().unwrap().uri.as_ref().unwrap();
    assert_eq!(
        sender.uuid().map(|u| u.to_string()).as_deref(),
        Some("ae932e29-62c8-453e-b15b-ab01e73ff742")
    );
    // Valid for every version from 0.7.5 on (sender and origin by URI need 0.7.5).
    for version in [ApiVersion::V0_7_5, ApiVersion::V0, ApiVersion::V1_0] {
        assert_valid(&shipment, version);
    }
}

#[test]
fn example_allocation_query_reads_and_validates() {
    let params = AllocationParams::from_query(
        "?logisticsServiceGroup=Domestic&latestDeliveryDate=2024-11-19T14:26:11.261Z",
    );
    assert_eq!(params.logistics_service_group.as_deref(), Some("Domestic"));
    let date = params.latest_delivery_date.as_ref().unwrap();
    assert_eq!(
        date.to_utc(),
        Some(
            Utc.with_ymd_and_hms(2024, 11, 19, 14, 26, 11).unwrap()
                + chrono::Duration::milliseconds(261)
        )
    );
    assert_valid(&params, ApiVersion::V0);
    assert_eq!(AllocationParams::from_query(&params.to_query()), params);
}

#[test]
fn example_document_query_reads_and_validates() {
    let params = DocumentParams::from_query("format=ZPL&dpi=200");
    assert_eq!(params.format, Some(LabelFormat::Zpl));
    assert_eq!(params.dpi, Some(Dpi::Dpi200));
    assert_valid(&params, ApiVersion::V0);
}

#[test]
fn example_shipment_response_decodes() {
    let shipment: Shipment = decode("shipment_response");
    assert_eq!(
        shipment.id.as_ref().unwrap().uuid().unwrap().to_string(),
        "a21d2d48-9b58-41c1-8061-e8ebc028fec5"
    );
    let receiver = shipment.receiver.as_ref().unwrap();
    let address = receiver.address.as_ref().unwrap();
    assert_eq!(address.node_type.as_deref(), Some("Address"));
    assert_eq!(
        address.id.as_deref(),
        Some("_:c8c6b713-62c9-495c-81cd-c0cbe0dbeb93")
    );
    assert_eq!(
        receiver.tax_and_duty,
        Some(TaxAndDuty::default()),
        "all null"
    );
    let destination = shipment.destination.as_ref().unwrap();
    assert_eq!(destination.address.as_ref().unwrap().country, None);
    let unit = &shipment.logistics_units.as_ref().unwrap()[0];
    assert_eq!(
        unit.id.as_deref(),
        Some("642d7689-2aaf-488f-8b36-c131b9b8f106")
    );
    assert_eq!(unit.trade_items.as_deref(), Some(&[][..]));
    assert_eq!(
        unit.weight.as_ref().unwrap().node_type.as_deref(),
        Some("Weight")
    );
    let value = unit.value.as_ref().unwrap();
    assert_eq!((value.value, value.currency_code.as_deref()), (None, None));
    let attributes = shipment.shipment_attributes.as_ref().unwrap();
    assert_eq!(attributes.limited_quantity, Some(false));
    assert_eq!(attributes.proof_of_delivery_type, None);
    let cod = attributes.cash_on_delivery.as_ref().unwrap();
    assert_eq!(cod.value.as_ref().unwrap().value, Some(0.0));
    assert_eq!(shipment.orders.as_deref(), Some(&[][..]));
    // Serialization keeps every documented value (only the nulls go).
    let json = serde_json::to_value(&shipment).unwrap();
    assert_eq!(json, strip_nulls(fixture_json("shipment_response")));
}

fn check_consignment_example(consignment: &Consignment) {
    assert_eq!(
        consignment.id.as_ref().unwrap().uuid().unwrap().to_string(),
        "7464dc6a-631d-47dc-8ac8-97726815204c"
    );
    assert_eq!(consignment.node_type.as_deref(), Some("Consignment"));
    let promise = consignment.delivery_promise.as_ref().unwrap();
    assert_eq!(
        promise.earliest_delivery_date,
        Some(Utc.with_ymd_and_hms(2016, 11, 8, 6, 31, 0).unwrap())
    );
    assert_eq!(
        promise.logistics_service.as_ref().unwrap().id(),
        Some("23991e90-8352-496c-9041-73a3a8cbd3dd")
    );
    assert_eq!(consignment.tracking_codes(), ["TT123456789GB"]);
    let labels = consignment.label_urls();
    assert_eq!(labels.len(), 1);
    assert_eq!(
        labels[0].id(),
        Some("7464dc6a-631d-47dc-8ac8-97726815204c/293ea6b3-af2d-4621-ba98-d7082bfa775f/label")
    );
    let unit = &consignment.logistics_unit_documents.as_ref().unwrap()[0];
    assert_eq!(
        unit.id.as_ref().unwrap().unit_uuid().unwrap().to_string(),
        "293ea6b3-af2d-4621-ba98-d7082bfa775f"
    );
    assert_eq!(consignment.documents.as_deref(), Some(&[][..]));
    assert_eq!(
        consignment.shipment_url.as_ref().unwrap().uuid(),
        consignment.id.as_ref().unwrap().uuid()
    );
    assert!(consignment.return_label_urls().is_empty());
}

#[test]
fn example_consignment_responses_decode_and_round_trip() {
    check_consignment_example(&round_trips("allocate_response"));
    check_consignment_example(&round_trips("consignment_response"));
}

#[test]
fn example_return_label_response_decodes() {
    let consignment: Consignment = round_trips("allocate_response_return_label");
    assert!(ApiVersion::V1_0.supports(Feature::ReturnLabels));
    let returns = consignment
        .return_logistics_unit_documents
        .as_ref()
        .unwrap();
    assert_eq!(returns.len(), 1);
    assert_eq!(returns[0].shipper_ref.as_deref(), Some("109817271RSHIP"));
    assert_eq!(consignment.return_label_urls().len(), 1);
    assert_eq!(consignment.label_urls().len(), 1);
    assert_eq!(
        consignment
            .delivery_promise
            .as_ref()
            .unwrap()
            .logistics_service
            .as_ref()
            .unwrap()
            .id(),
        Some("dpdrev")
    );
}

#[test]
fn example_status_requests_decode_and_validate_clean() {
    let one: ConsignmentStatus = round_trips("consignment_status_request");
    assert_eq!(
        one,
        ConsignmentStatus::new(AcceptableConsignmentStatus::ReadyToManifest)
    );
    assert_valid(&one, ApiVersion::V0);
    let batch: ConsignmentStatusBatch = round_trips("consignment_status_batch_request");
    assert_eq!(batch.consignments.as_ref().unwrap().len(), 2);
    assert_valid(&batch, ApiVersion::V0);
}

#[test]
fn example_consignment_list_request_and_response_decode() {
    let list: ConsignmentList = round_trips("consignment_list_request");
    assert_eq!(list.list_type, Some(ConsignmentListType::CloseList));
    assert_eq!(
        list.consignment_list_id.as_deref(),
        Some("My Reference number")
    );
    assert_valid(&list, ApiVersion::V0);
    let reference: ConsignmentListReference = round_trips("consignment_list_response");
    assert_eq!(reference.id.as_ref().unwrap().id(), Some("6"));
    assert_eq!(reference.list_type, Some(ConsignmentListType::CloseList));
}

#[test]
fn example_logistics_service_decodes() {
    let service: LogisticsService = round_trips("logistics_service_response");
    let id = service.id.as_ref().unwrap();
    assert_eq!(id.id(), Some("49ddd5d;SAFE"));
    assert_eq!(id.complimentary_codes(), ["SAFE"]);
    assert_eq!(
        service.base_logistics_service.as_ref().unwrap().id(),
        Some("49ddd5d")
    );
    assert_eq!(
        service.logistics_provider.as_ref().unwrap().id(),
        Some("ca02720")
    );
    let extra = &service.complimentary_services.as_ref().unwrap()[0];
    assert_eq!(extra.code.as_deref(), Some("SAFE"));
    assert_eq!(service.name.as_deref(), Some("Tracked 48 HV"));
}

#[test]
fn example_error_bodies_decode_and_round_trip() {
    let media: ErrorBody = round_trips_exactly("error_unsupported_media_type");
    assert_eq!(media.status(), Some(415));
    assert_eq!(media.code, Some(ErrorCode::parse("O-VAL-2001")));
    assert_eq!(media.correlation_id.as_deref(), Some("ABC"));
    assert_eq!(media.help().unwrap().title, "Unsupported content type");

    let violation: ErrorBody = round_trips_exactly("error_constraint_violation");
    assert_eq!(violation.status(), Some(400));
    let v = &violation.constraint_violations[0];
    assert_eq!(
        (
            v.code.clone(),
            v.object_name.as_str(),
            v.field_path(),
            v.rejected_value.clone()
        ),
        (ConstraintCode::NotNull, "shipment", "logisticsUnits", None)
    );
    assert!(!v.binding_failure);

    let allocation: ErrorBody = round_trips_exactly("error_allocation");
    let e = &allocation.allocation_errors[0];
    assert_eq!(e.code, AllocationErrorCode::DeliveryWindow);
    assert_eq!((e.field.as_deref(), e.object.as_deref()), (None, None));

    let with_field: ErrorBody = round_trips_exactly("error_allocation_field_object");
    let e = &with_field.allocation_errors[0];
    assert_eq!(e.code, AllocationErrorCode::TooLow);
    assert_eq!(e.field.as_deref(), Some("logisticsUnits.weight.value"));
    assert_eq!(e.object.as_deref(), Some("shipment"));
}

/// The server's own example violation is exactly what the client-side check produces for
/// the same mistake.
#[test]
fn missing_logistics_units_are_reported_like_the_reference_example() {
    let mut shipment = example_shipment();
    shipment.logistics_units = None;
    let ours = shipment.validate(ApiVersion::V0);
    let server: ErrorBody = decode("error_constraint_violation");
    assert_eq!(ours, server.constraint_violations);
    let ours_body = ErrorBody::constraint_violations(ours);
    assert_eq!(ours_body.code, server.code);
    assert_eq!(ours_body.message, server.message);
    assert_eq!(ours_body.http_reason_phrase, server.http_reason_phrase);
}
