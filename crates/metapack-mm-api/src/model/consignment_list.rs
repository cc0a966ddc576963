//! Requests on several consignments: [`ConsignmentList`] (A.7) and its answer
//! [`ConsignmentListReference`] (A.8), [`ConsignmentStatus`] (A.9) and
//! [`ConsignmentStatusBatch`] (A.10).

use serde::{Deserialize, Serialize};

use crate::uri::{ConsignmentListUri, ConsignmentUri};
use crate::values::{AcceptableConsignmentStatus, ConsignmentListType};

/// A list of consignments to act on, the body of `POST /consignment-lists` (A.7): with type
/// `CLOSE_LIST`, closes (manifests) every consignment of the list. Every field is
/// `[0.13.0,)` and used for manifesting.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsignmentList {
    /// The action: `CLOSE_LIST` (B.6). Mandatory.
    /// Range `[0.13.0,)`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub list_type: Option<ConsignmentListType>,
    /// The consignments' URLs. Mandatory; 1 to 1000.
    /// Range `[0.13.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub consignments: Option<Vec<ConsignmentUri>>,
    /// The shipper's identifier of the list. At most 40 characters.
    /// Range `[0.13.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consignment_list_id: Option<String>,
}

impl ConsignmentList {
    /// A `CLOSE_LIST` of these consignments.
    pub fn close(consignments: Vec<ConsignmentUri>) -> Self {
        Self {
            list_type: Some(ConsignmentListType::CloseList),
            consignments: Some(consignments),
            consignment_list_id: None,
        }
    }
}

/// The consignment list created by `POST /consignment-lists` (A.8). Every field is
/// `[0.13.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsignmentListReference {
    /// URL of the list (`@id`).
    /// Range `[0.13.0,)`.
    #[serde(rename = "@id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ConsignmentListUri>,
    /// JSON-LD type (`@type`), if the response carries one.
    /// Not in Appendix A: a JSON-LD property of 1.5.
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// The action of the list (B.6).
    /// Range `[0.13.0,)`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub list_type: Option<ConsignmentListType>,
    /// The shipper's identifier of the list, as sent.
    /// Range `[0.13.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consignment_list_id: Option<String>,
}

/// The new status of one consignment, the body of `PATCH /consignments/<uuid>` (A.9).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConsignmentStatus {
    /// The status to move to (B.7). Mandatory. Range `[0.14.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AcceptableConsignmentStatus>,
}

impl ConsignmentStatus {
    /// Move to `status`.
    pub fn new(status: AcceptableConsignmentStatus) -> Self {
        Self {
            status: Some(status),
        }
    }
}

/// The new status of several consignments, the body of `PATCH /consignments` (A.10). The
/// answer is `200` when every consignment changed and `207` when only some did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConsignmentStatusBatch {
    /// The status to move to (B.7). Mandatory. Range `[0.14.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AcceptableConsignmentStatus>,
    /// The consignments' URLs. Mandatory; 1 to 1000. Range `[0.14.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub consignments: Option<Vec<ConsignmentUri>>,
}

impl ConsignmentStatusBatch {
    /// Move these consignments to `status`.
    pub fn new(status: AcceptableConsignmentStatus, consignments: Vec<ConsignmentUri>) -> Self {
        Self {
            status: Some(status),
            consignments: Some(consignments),
        }
    }
}
