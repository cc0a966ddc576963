//! Checks of the requests on several consignments ([`ConsignmentList`],
//! [`ConsignmentStatus`], [`ConsignmentStatusBatch`]) and of the query parameters
//! ([`AllocationParams`], [`DocumentParams`]).

use serde_json::Value;

use super::rules::{self, not_null, size};
use super::{Checker, Validate};
use crate::model::{
    AllocationParams, ConsignmentList, ConsignmentStatus, ConsignmentStatusBatch, DocumentParams,
};
use crate::uri::ConsignmentUri;
use crate::values::{ConstraintCode, ValueStatus};
use crate::version::Feature;

fn consignments(c: &mut Checker, feature: Feature, list: Option<&[ConsignmentUri]>) {
    rules::since(
        c,
        "consignments",
        list.is_some(),
        || serde_json::to_value(list).ok(),
        feature,
    );
    if not_null(c, "consignments", list).is_some() {
        rules::count(c, "consignments", list.map(<[_]>::len), 1, 1000, || {
            serde_json::to_value(list).ok()
        });
    }
    for (i, uri) in list.unwrap_or_default().iter().enumerate() {
        rules::consignment_uri(c, &format!("consignments[{i}]"), Some(uri.as_str()));
    }
}

impl Validate for ConsignmentList {
    const OBJECT_NAME: &'static str = "consignmentList";

    fn validate_in(&self, c: &mut Checker) {
        let feature = Feature::CloseConsignmentList;
        let kind = self.list_type.as_ref();
        rules::since(
            c,
            "type",
            kind.is_some(),
            || kind.map(|k| Value::from(k.as_str())),
            feature,
        );
        if not_null(c, "type", kind).is_some() {
            rules::supported_value(c, "type", kind);
        }
        consignments(c, feature, self.consignments.as_deref());
        let id = self.consignment_list_id.as_deref();
        rules::since(
            c,
            "consignmentListId",
            id.is_some(),
            || id.map(Value::from),
            feature,
        );
        size(c, "consignmentListId", id, 0, 40);
    }
}

fn status(
    c: &mut Checker,
    feature: Feature,
    status: Option<&crate::values::AcceptableConsignmentStatus>,
) {
    rules::since(
        c,
        "status",
        status.is_some(),
        || status.map(|s| Value::from(s.as_str())),
        feature,
    );
    if not_null(c, "status", status).is_some() {
        rules::enum_value(c, "status", status);
    }
}

impl Validate for ConsignmentStatus {
    const OBJECT_NAME: &'static str = "consignmentStatus";

    fn validate_in(&self, c: &mut Checker) {
        status(c, Feature::UpdateConsignmentStatus, self.status.as_ref());
    }
}

impl Validate for ConsignmentStatusBatch {
    const OBJECT_NAME: &'static str = "consignmentStatusBatch";

    fn validate_in(&self, c: &mut Checker) {
        let feature = Feature::UpdateConsignmentStatuses;
        status(c, feature, self.status.as_ref());
        consignments(c, feature, self.consignments.as_deref());
    }
}

/// Query parameters are reported under the parameter's name. The server answers a bad
/// parameter with `O-VAL-2003` rather than a constraint violation.
impl Validate for AllocationParams {
    const OBJECT_NAME: &'static str = "allocationParams";

    fn validate_in(&self, c: &mut Checker) {
        let code = self.logistics_service_code.as_deref();
        rules::since(
            c,
            "logisticsServiceCode",
            code.is_some(),
            || code.map(Value::from),
            Feature::LogisticsServiceCodeParameter,
        );
        let uri = self.logistics_service_uri.as_ref().map(|u| u.as_str());
        rules::since(
            c,
            "logisticsServiceURI",
            uri.is_some(),
            || uri.map(Value::from),
            Feature::LogisticsServiceUriParameter,
        );
        rules::uri(c, "logisticsServiceURI", uri);
        let group = self.logistics_service_group.as_deref();
        rules::since(
            c,
            "logisticsServiceGroup",
            group.is_some(),
            || group.map(Value::from),
            Feature::LogisticsServiceGroupParameter,
        );
        let date = self.latest_delivery_date.as_ref();
        rules::since(
            c,
            "latestDeliveryDate",
            date.is_some(),
            || date.map(|d| Value::from(d.as_str())),
            Feature::LatestDeliveryDateParameter,
        );
        rules::iso_date_time(c, "latestDeliveryDate", date);
    }
}

impl Validate for DocumentParams {
    const OBJECT_NAME: &'static str = "documentParams";

    fn validate_in(&self, c: &mut Checker) {
        if let Some(format) = &self.format {
            let rejected = || Some(Value::from(format.as_str()));
            if let Some(feature) = format.feature() {
                rules::since(c, "format", true, rejected, feature);
            }
            if format.status() != Some(ValueStatus::Supported) {
                c.report(
                    "format",
                    ConstraintCode::SupportedValue,
                    rejected(),
                    "must be a supported label format: PDF, PNG, ZPL",
                );
            }
        }
        if let Some(dpi) = &self.dpi {
            let rejected = || Some(Value::from(dpi.as_str()));
            if let Some(feature) = dpi.feature() {
                rules::since(c, "dpi", true, rejected, feature);
            }
            if dpi.status() != Some(ValueStatus::Supported) {
                c.report(
                    "dpi",
                    ConstraintCode::SupportedValue,
                    rejected(),
                    "must be a supported DPI: 200, 300",
                );
            }
        }
    }
}
