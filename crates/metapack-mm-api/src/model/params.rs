//! Query parameters: [`AllocationParams`] of `POST /consignments` and [`DocumentParams`] of
//! `GET /documents/**`.
//!
//! Both serialize with serde (for `reqwest`'s `.query()` and `axum`'s `Query`) and convert to
//! and from query strings with [`AllocationParams::query_pairs`] and
//! [`AllocationParams::from_query`].

use serde::{Deserialize, Serialize};
use url::form_urlencoded;

use super::datetime::IsoDateTime;
use crate::uri::LogisticsServiceUri;
use crate::values::{Dpi, LabelFormat};

/// How `POST /consignments` should allocate the shipment (all optional).
///
/// ```
/// use metapack_mm_api::model::AllocationParams;
/// let params = AllocationParams::from_query(
///     "logisticsServiceGroup=Domestic&latestDeliveryDate=2024-11-19T14:26:11.261Z",
/// );
/// assert_eq!(params.logistics_service_group.as_deref(), Some("Domestic"));
/// assert_eq!(params.to_query(), "logisticsServiceGroup=Domestic&latestDeliveryDate=2024-11-19T14%3A26%3A11.261Z");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AllocationParams {
    /// Code of the logistics service to allocate to. Range `[0.7.0]` only; later versions
    /// take [`logistics_service_uri`](Self::logistics_service_uri).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logistics_service_code: Option<String>,
    /// URL of the logistics service to allocate to. Range `[0.7.1,)`.
    #[serde(
        rename = "logisticsServiceURI",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logistics_service_uri: Option<LogisticsServiceUri>,
    /// Allocate among the services of this group only (`Domestic`). Range `[0.7.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logistics_service_group: Option<String>,
    /// Allocate to a service that delivers on or before this date-time. Range `[0.7.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_delivery_date: Option<IsoDateTime>,
}

impl AllocationParams {
    /// The parameters that are set, as name and value, in the reference's order.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut push = |name, value: Option<&str>| {
            if let Some(value) = value {
                pairs.push((name, value.to_owned()));
            }
        };
        push(
            "logisticsServiceCode",
            self.logistics_service_code.as_deref(),
        );
        push(
            "logisticsServiceURI",
            self.logistics_service_uri.as_ref().map(|u| u.as_str()),
        );
        push(
            "logisticsServiceGroup",
            self.logistics_service_group.as_deref(),
        );
        push(
            "latestDeliveryDate",
            self.latest_delivery_date.as_ref().map(|d| d.as_str()),
        );
        pairs
    }

    /// The parameters as a query string (without `?`), form-urlencoded.
    pub fn to_query(&self) -> String {
        encode(&self.query_pairs())
    }

    /// Reads the parameters from a query string (with or without `?`); unknown parameters
    /// are ignored and the last of repeated ones wins.
    pub fn from_query(query: &str) -> Self {
        let mut params = Self::default();
        for (name, value) in decode(query) {
            match name.as_str() {
                "logisticsServiceCode" => params.logistics_service_code = Some(value),
                "logisticsServiceURI" => params.logistics_service_uri = Some(value.into()),
                "logisticsServiceGroup" => params.logistics_service_group = Some(value),
                "latestDeliveryDate" => params.latest_delivery_date = Some(value.into()),
                _ => {}
            }
        }
        params
    }
}

/// How `GET /documents/**` should render the document (all optional).
///
/// ```
/// use metapack_mm_api::model::DocumentParams;
/// use metapack_mm_api::values::{Dpi, LabelFormat};
/// let params = DocumentParams::from_query("format=ZPL&dpi=200");
/// assert_eq!(params, DocumentParams { format: Some(LabelFormat::Zpl), dpi: Some(Dpi::Dpi200) });
/// assert_eq!(params.to_query(), "format=ZPL&dpi=200");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DocumentParams {
    /// Format of the document (B.3); `PDF` when absent. Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<LabelFormat>,
    /// Resolution of ZPL and PNG documents (B.2). Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpi: Option<Dpi>,
}

impl DocumentParams {
    /// The parameters that are set, as name and value.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(format) = &self.format {
            pairs.push(("format", format.as_str().to_owned()));
        }
        if let Some(dpi) = &self.dpi {
            pairs.push(("dpi", dpi.as_str().to_owned()));
        }
        pairs
    }

    /// The parameters as a query string (without `?`), form-urlencoded.
    pub fn to_query(&self) -> String {
        encode(&self.query_pairs())
    }

    /// Reads the parameters from a query string (with or without `?`).
    pub fn from_query(query: &str) -> Self {
        let mut params = Self::default();
        for (name, value) in decode(query) {
            match name.as_str() {
                "format" => params.format = Some(LabelFormat::parse(&value)),
                "dpi" => params.dpi = Some(Dpi::parse(&value)),
                _ => {}
            }
        }
        params
    }
}

fn encode(pairs: &[(&'static str, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn decode(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
