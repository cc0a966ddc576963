//! [`LogisticsService`] (A.20) and [`ComplimentaryService`] (A.5): the answer of
//! `GET https://data.metapack.net/logistics-services/<id>`.

use serde::{Deserialize, Serialize};

use crate::uri::{LogisticsProviderUri, LogisticsServiceUri};

/// A carrier's service (A.20). The reference says every field but `complimentaryServices` is
/// always present; they are optional here all the same, so a sparse answer still decodes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogisticsService {
    /// JSON-LD context (`@context`), if the response carries one.
    /// Not in Appendix A: a JSON-LD property of 1.5.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<serde_json::Value>,
    /// URL of the service (`@id`). Always present.
    #[serde(rename = "@id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<LogisticsServiceUri>,
    /// JSON-LD type (`@type`), `LogisticsService`. Always present.
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// URL of the base service this one adds complimentary services to. Always present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_logistics_service: Option<LogisticsServiceUri>,
    /// Name of the service (`Tracked 48 HV`). Always present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description of the service. Always present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// URL of the carrier. Always present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logistics_provider: Option<LogisticsProviderUri>,
    /// Complimentary services included (safe place...). Present when there are some.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub complimentary_services: Option<Vec<ComplimentaryService>>,
}

/// An extra included in a logistics service, such as leaving the parcel in a safe place
/// (A.5).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ComplimentaryService {
    /// Code of the complimentary service (`SAFE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Name (`Safe place`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description (`Left in a safe place`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
