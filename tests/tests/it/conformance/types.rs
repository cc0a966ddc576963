//! Which of our types decodes each example.

use metapack_delivery_options::types as d;
use metapack_mm_api::model as m;
use metapack_shipping::types as s;
use metapack_tracking::types as t;
use serde_json::Value;

use super::corpus::{self, Kind};
use super::roundtrip::check;

/// Decodes an example and answers what the round trip lost.
pub type Check = fn(&Value) -> Vec<String>;

/// The check for an operation's example of this kind, if there is a type for it.
pub type Decoder = fn(&str, Kind) -> Option<Check>;

/// Shipping: the generated types of `metapack-shipping`.
pub fn shipping(operation: &str, kind: Kind) -> Option<Check> {
    Some(match (operation, kind) {
        (_, Kind::Response(status)) if status >= 400 => check::<s::Error>,
        ("search_consignments", Kind::Response(_)) => check::<Vec<s::Consignment>>,
        (
            "create_consignment" | "update_consignment" | "validate_allocation" | "get_rates",
            Kind::Request,
        ) => check::<s::ConsignmentRequest>,
        (
            "create_consignment"
            | "get_consignment"
            | "update_consignment"
            | "patch_consignment"
            | "allocate_consignment",
            Kind::Response(_),
        ) => check::<s::ConsignmentResponse>,
        ("patch_consignment", Kind::Request) => check::<s::ConsignmentPatch>,
        ("get_consignment_paperwork" | "get_parcel_paperwork", Kind::Response(_)) => {
            check::<s::PaperworkResponse>
        }
        ("create_consignment_with_paperwork", Kind::Request) => {
            check::<s::ConsignmentWithPaperworkRequest>
        }
        ("create_consignment_with_paperwork", Kind::Response(_)) => {
            check::<s::ConsignmentWithPaperwork>
        }
        ("add_parcel", Kind::Request) => check::<s::ParcelRequest>,
        ("add_parcel", Kind::Response(_)) => check::<s::ParcelResponse>,
        ("consolidate_parcel", Kind::Request) => check::<s::ConsolidationRequest>,
        ("add_item", Kind::Request) => check::<s::ItemRequest>,
        ("allocate_consignment", Kind::Request) => check::<s::ShippingRules>,
        ("create_manifest", Kind::Request) => check::<s::ManifestRequest>,
        ("create_manifest", Kind::Response(_)) => check::<s::ManifestResponse>,
        ("get_manifest_paperwork", Kind::Response(_)) => check::<s::ManifestPaperworkResponse>,
        ("get_rates", Kind::Response(_)) => check::<Vec<s::Rate>>,
        ("list_carriers", Kind::Response(_)) => check::<Vec<s::Carrier>>,
        ("list_carrier_services", Kind::Response(_)) => check::<Vec<s::CarrierService>>,
        ("list_shipping_locations", Kind::Response(_)) => check::<Vec<s::ShippingLocation>>,
        _ => return None,
    })
}

/// Tracking: the generated types of `metapack-tracking`.
pub fn tracking(operation: &str, kind: Kind) -> Option<Check> {
    Some(match (operation, kind) {
        (_, Kind::Response(status)) if status >= 400 => check::<t::Error>,
        ("get_parcel_journeys", Kind::Response(_)) => check::<Vec<t::ParcelJourney>>,
        ("upsert_delivery_leg", Kind::Request) => check::<t::DeliveryLeg>,
        ("delete_delivery_legs", Kind::Response(_)) => check::<t::DeleteDeliveryLegsResponse>,
        ("add_delivery_leg_event", Kind::Request) => check::<t::DeliveryLegEvent>,
        ("upsert_delivery", Kind::Request) => check::<t::Delivery>,
        ("add_delivery_event", Kind::Request) => check::<t::DeliveryEvent>,
        _ => return None,
    })
}

/// Delivery Options: the generated types of `metapack-delivery-options`.
pub fn delivery_options(operation: &str, kind: Kind) -> Option<Check> {
    Some(match (operation, kind) {
        (_, Kind::Response(status)) if status >= 400 => check::<d::Error>,
        ("find_delivery_options", Kind::Response(_)) => check::<d::FindResponse>,
        _ => return None,
    })
}

/// MM-API: the hand-written models of `metapack-mm-api` (Appendix A).
pub fn mm_api(operation: &str, kind: Kind) -> Option<Check> {
    Some(match (operation, kind) {
        ("error", Kind::Response(_)) => check::<metapack_mm_api::ErrorBody>,
        ("get_shipment", Kind::Response(_)) | ("allocate_shipment", Kind::Request) => {
            check::<m::Shipment>
        }
        ("allocate_shipment" | "get_consignment", Kind::Response(_)) => check::<m::Consignment>,
        ("update_consignment_status", Kind::Request) => check::<m::ConsignmentStatus>,
        ("update_consignments_status", Kind::Request) => check::<m::ConsignmentStatusBatch>,
        ("close_consignment_list", Kind::Request) => check::<m::ConsignmentList>,
        ("close_consignment_list", Kind::Response(_)) => check::<m::ConsignmentListReference>,
        ("get_logistics_service", Kind::Response(_)) => check::<m::LogisticsService>,
        _ => return None,
    })
}

/// The MM-API request examples pass the client's own validation (for `v0`, the version their
/// content type names), and their query strings decode with the client's parameter types and
/// pass its validation too.
pub fn mm_api_requests_are_valid() -> Vec<String> {
    let mut findings = Vec::new();
    findings.extend(validated::<m::Shipment>("allocate_shipment.request.json"));
    findings.extend(validated::<m::ConsignmentStatus>(
        "update_consignment_status.request.json",
    ));
    findings.extend(validated::<m::ConsignmentStatusBatch>(
        "update_consignments_status.request.json",
    ));
    findings.extend(validated::<m::ConsignmentList>(
        "close_consignment_list.request.json",
    ));
    let allocation = m::AllocationParams::from_query(&query_of("allocate_shipment.curl.json"));
    if allocation.logistics_service_group.is_none() || allocation.latest_delivery_date.is_none() {
        findings.push(format!(
            "allocate_shipment.curl.json: AllocationParams lost a parameter: {allocation:?}"
        ));
    }
    findings.extend(violations("allocate_shipment.curl.json", &allocation));
    let document = m::DocumentParams::from_query(&query_of("get_document.curl.json"));
    if !document.format.as_ref().is_some_and(|f| f.is_known())
        || !document.dpi.as_ref().is_some_and(|d| d.is_known())
    {
        findings.push(format!(
            "get_document.curl.json: DocumentParams does not read the query: {document:?}"
        ));
    }
    findings.extend(violations("get_document.curl.json", &document));
    findings
}

fn validated<T: metapack_mm_api::Validate + serde::de::DeserializeOwned>(
    file: &str,
) -> Vec<String> {
    match serde_json::from_value::<T>(corpus::get("mm-api", file)) {
        Ok(value) => violations(file, &value),
        Err(e) => vec![format!("{file}: does not decode: {e}")],
    }
}

fn violations<T: metapack_mm_api::Validate>(file: &str, value: &T) -> Vec<String> {
    value
        .validate(metapack_mm_api::ApiVersion::V0)
        .into_iter()
        .map(|v| format!("{file}: the client's validation refuses it: {v:?}"))
        .collect()
}

/// The query of a request line, as sent (`name=value&...`, values not encoded).
fn query_of(file: &str) -> String {
    corpus::get("mm-api", file)["query"]
        .as_object()
        .map(|q| {
            q.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("&")
        })
        .unwrap_or_default()
}
