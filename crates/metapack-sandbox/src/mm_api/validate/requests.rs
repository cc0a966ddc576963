//! The other request bodies (A.7 Consignment List, A.9 Consignment Status, A.10 Consignment
//! Status batch) and the query parameters of `POST /consignments` (3.2.1) and
//! `GET /documents/**` (3.4.1).

use metapack_mm_api::values::ConstraintCode;
use serde_json::Value;

use super::constraints::{self as c, Object, Report, UriKind, count, mandatory};
use super::values;
use super::versions::{self, Range};

/// `consignments`: "Mandatory. Size must be between 1 and 1000 inclusive", each a consignment
/// URI.
fn consignments(r: &mut Report, o: &Object, range: Range) {
    c::since(r, "consignments", o.get("consignments"), range);
    let list = c::list(r, o, "consignments");
    if mandatory(r, "consignments", list.is_some()) {
        count(r, "consignments", list, 1, 1000);
    }
    for (index, uri) in c::texts(r, list.unwrap_or_default(), "consignments") {
        c::uri(
            r,
            &format!("consignments[{index}]"),
            Some(uri),
            UriKind::Consignment,
        );
    }
}

/// `status`: "Mandatory", an `AcceptableConsignmentStatus`.
fn status(r: &mut Report, o: &Object, range: Range) {
    c::since(r, "status", o.get("status"), range);
    let status = c::text(r, o, "status");
    if mandatory(r, "status", status.is_some()) {
        c::listed(
            r,
            "status",
            status,
            &values::CONSIGNMENT_STATUSES,
            ConstraintCode::Enum,
        );
    }
}

/// A.7 Consignment List.
pub(crate) fn consignment_list(r: &mut Report, o: &Object) {
    let range = versions::CONSIGNMENT_LISTS;
    c::since(r, "type", o.get("type"), range);
    let kind = c::text(r, o, "type");
    if mandatory(r, "type", kind.is_some()) {
        c::listed(
            r,
            "type",
            kind,
            &values::CONSIGNMENT_LIST_TYPES,
            ConstraintCode::SupportedValue,
        );
    }
    consignments(r, o, range);
    c::since(r, "consignmentListId", o.get("consignmentListId"), range);
    c::sized(r, o, "consignmentListId", 0, 40);
}

/// A.9 Consignment Status.
pub(crate) fn consignment_status(r: &mut Report, o: &Object) {
    status(r, o, versions::STATUS_UPDATES);
}

/// A.10 Consignment Status batch.
pub(crate) fn consignment_status_batch(r: &mut Report, o: &Object) {
    let range = versions::STATUS_UPDATES;
    status(r, o, range);
    consignments(r, o, range);
}

/// The value of the last query parameter called `name`.
fn last<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// 3.2.1: `logisticsServiceCode` (`[0.7.0]`), `logisticsServiceURI` (`[0.7.1,)`, a URI),
/// `logisticsServiceGroup` and `latestDeliveryDate` (`[0.7.0,)`, ISO 8601).
pub(crate) fn allocation_params(r: &mut Report, pairs: &[(String, String)]) {
    let gated = [
        ("logisticsServiceCode", versions::SERVICE_CODE_PARAMETER),
        ("logisticsServiceURI", versions::SERVICE_URI_PARAMETER),
        ("logisticsServiceGroup", versions::SINCE_0_7),
        ("latestDeliveryDate", versions::SINCE_0_7),
    ];
    for (name, range) in gated {
        let value = last(pairs, name).map(Value::from);
        c::since(r, name, value.as_ref(), range);
    }
    let uri = last(pairs, "logisticsServiceURI");
    c::uri(r, "logisticsServiceURI", uri, UriKind::Any);
    c::date_time(r, "latestDeliveryDate", last(pairs, "latestDeliveryDate"));
}

/// 3.4.1: `format` (B.3) and `dpi` (B.2), supported values only.
pub(crate) fn document_params(r: &mut Report, pairs: &[(String, String)]) {
    c::listed(
        r,
        "format",
        last(pairs, "format"),
        &values::LABEL_FORMATS,
        ConstraintCode::SupportedValue,
    );
    c::listed(
        r,
        "dpi",
        last(pairs, "dpi"),
        &values::DPIS,
        ConstraintCode::SupportedValue,
    );
}
