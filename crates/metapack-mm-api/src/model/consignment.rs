//! [`Consignment`] (A.6) with its [`DeliveryPromise`] (A.14), [`LogisticsUnitDocument`]s
//! (A.22) and [`Document`]s (A.17): the answer of `POST /consignments` and
//! `GET /consignments/<uuid>`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::money::Monetary;
use crate::uri::{ConsignmentUri, DocumentUri, LogisticsServiceUri, LogisticsUnitUri, ShipmentUri};
use crate::values::DocumentType;

/// A shipment allocated to a logistics service (A.6). Every field is `[0.6.0,)` unless noted;
/// none is guaranteed, so all are optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Consignment {
    /// JSON-LD context (`@context`), if the response carries one.
    /// Not in Appendix A: a JSON-LD property of 1.5.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<serde_json::Value>,
    /// URL of the consignment (`@id`).
    /// Range `[0.6.0,)`.
    #[serde(rename = "@id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ConsignmentUri>,
    /// JSON-LD type (`@type`), `Consignment`.
    /// Range `[0.6.0,)`.
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// Labels (and other documents) of each logistics unit.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub logistics_unit_documents: Option<Vec<LogisticsUnitDocument>>,
    /// Return labels of each logistics unit. Range `[1.0,)`
    /// ([`Feature::ReturnLabels`](crate::version::Feature::ReturnLabels)).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub return_logistics_unit_documents: Option<Vec<LogisticsUnitDocument>>,
    /// Documents of the whole consignment (customs paperwork, invoices).
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub documents: Option<Vec<Document>>,
    /// URL of the shipment in the consignment.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment_url: Option<ShipmentUri>,
    /// When the consignment was allocated.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::option_datetime"
    )]
    pub allocated_date: Option<DateTime<Utc>>,
    /// When the consignment must be packed by at the shipping location (cut-off).
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::option_datetime"
    )]
    pub cut_off_date: Option<DateTime<Utc>>,
    /// Collection and delivery times promised by the allocated service.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_promise: Option<DeliveryPromise>,
    /// Cost of shipping the consignment.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_cost: Option<Monetary>,
}

impl Consignment {
    /// The label URLs of every logistics unit, in order.
    pub fn label_urls(&self) -> Vec<&DocumentUri> {
        document_urls(
            self.logistics_unit_documents.as_deref(),
            &DocumentType::Label,
        )
    }

    /// The return-label URLs of every logistics unit (API version 1.0).
    pub fn return_label_urls(&self) -> Vec<&DocumentUri> {
        document_urls(
            self.return_logistics_unit_documents.as_deref(),
            &DocumentType::Label,
        )
    }

    /// The carriers' tracking codes of the logistics units, in order.
    pub fn tracking_codes(&self) -> Vec<&str> {
        self.logistics_unit_documents
            .iter()
            .flatten()
            .filter_map(|unit| unit.tracking_code.as_deref())
            .collect()
    }

    /// The carriers' tracking pages of the logistics units, in order.
    pub fn tracking_urls(&self) -> Vec<&str> {
        self.logistics_unit_documents
            .iter()
            .flatten()
            .filter_map(|unit| unit.tracking_url.as_deref())
            .collect()
    }

    /// The URLs of the consignment's own paperwork (customs declarations, invoices), as
    /// opposed to the labels of its units.
    pub fn paperwork_urls(&self) -> Vec<&DocumentUri> {
        self.documents
            .iter()
            .flatten()
            .filter(|doc| doc.document_type.as_ref() == Some(&DocumentType::Paperwork))
            .filter_map(|doc| doc.url.as_ref())
            .collect()
    }

    /// The logistics service the consignment was allocated to (from its delivery promise);
    /// fetch its name and carrier with
    /// [`MmApiClient::get_logistics_service`](crate::MmApiClient::get_logistics_service).
    pub fn logistics_service(&self) -> Option<&LogisticsServiceUri> {
        self.delivery_promise.as_ref()?.logistics_service.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_read_units_documents_and_service() {
        let consignment: Consignment = serde_json::from_value(serde_json::json!({
            "logisticsUnitDocuments": [
                {"trackingCode": "T1", "trackingUrl": "https://t.example/T1",
                 "documents": [{"type": "label", "url": "https://h/documents/c/u1/label"}]},
                {"trackingCode": "T2", "documents": null},
                null
            ],
            "documents": [
                {"type": "paperwork", "url": "https://h/documents/c/customs"},
                {"type": "label", "url": "https://h/documents/c/other"}
            ],
            "deliveryPromise": {"logisticsService": "https://d/logistics-services/S48"}
        }))
        .unwrap_or_default();
        assert_eq!(consignment.tracking_codes(), ["T1", "T2"]);
        assert_eq!(consignment.tracking_urls(), ["https://t.example/T1"]);
        let labels: Vec<&str> = consignment
            .label_urls()
            .iter()
            .map(|u| u.as_str())
            .collect();
        assert_eq!(labels, ["https://h/documents/c/u1/label"]);
        let paperwork: Vec<&str> = consignment
            .paperwork_urls()
            .iter()
            .map(|u| u.as_str())
            .collect();
        assert_eq!(paperwork, ["https://h/documents/c/customs"]);
        assert_eq!(
            consignment.logistics_service().map(|s| s.as_str()),
            Some("https://d/logistics-services/S48")
        );
        assert_eq!(Consignment::default().logistics_service(), None);
    }
}

fn document_urls<'a>(
    units: Option<&'a [LogisticsUnitDocument]>,
    kind: &DocumentType,
) -> Vec<&'a DocumentUri> {
    units
        .unwrap_or_default()
        .iter()
        .flat_map(|unit| unit.documents.iter().flatten())
        .filter(|doc| doc.document_type.as_ref() == Some(kind))
        .filter_map(|doc| doc.url.as_ref())
        .collect()
}

/// Collection and delivery times promised for a consignment (A.14). Every field is
/// `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryPromise {
    /// Earliest collection time.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::option_datetime"
    )]
    pub earliest_collection_date: Option<DateTime<Utc>>,
    /// Latest collection time.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::option_datetime"
    )]
    pub latest_collection_date: Option<DateTime<Utc>>,
    /// Earliest delivery time.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::option_datetime"
    )]
    pub earliest_delivery_date: Option<DateTime<Utc>>,
    /// Time by which delivery is guaranteed.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::option_datetime"
    )]
    pub latest_delivery_date: Option<DateTime<Utc>>,
    /// The logistics service allocated. The reference types it as a Logistics Service; its
    /// examples send the service's URL, which is kept here (an embedded object's `@id` is
    /// read too). Fetch it with `GET` for a [`LogisticsService`](super::LogisticsService).
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::uri_or_node"
    )]
    pub logistics_service: Option<LogisticsServiceUri>,
}

/// The documents of one logistics unit of a consignment (A.22). Every field is `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogisticsUnitDocument {
    /// URL of the logistics unit (`@id`).
    /// Range `[0.6.0,)`.
    #[serde(rename = "@id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<LogisticsUnitUri>,
    /// JSON-LD type (`@type`), `LogisticsUnit`.
    /// Range `[0.6.0,)`.
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// The shipper's carton identifier, as given in the shipment's logistics unit.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipper_ref: Option<String>,
    /// The carrier's tracking code of the unit.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_code: Option<String>,
    /// The carrier's tracking page of the unit.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_url: Option<String>,
    /// Documents of this unit (its label).
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub documents: Option<Vec<Document>>,
}

/// A label or other document to fetch (A.17). Every field is `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Document {
    /// Where to fetch the document (`GET`, with optional `format` and `dpi`).
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<DocumentUri>,
    /// Kind of document: `label` or `paperwork` (B.12).
    /// Range `[0.6.0,)`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<DocumentType>,
}
