//! The operation on consignment lists: `POST /consignment-lists`.

use metapack_core::Error;
use reqwest::Method;

use super::mm_api_client::MmApiClient;
use super::operations;
use crate::model::{ConsignmentList, ConsignmentListReference};
use crate::transport::{json_body, location, missing_location, ok_json};
use crate::uri::ConsignmentListUri;
use crate::version::Feature;

/// A closed consignment list: the `201` body and its `Location`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClosedConsignmentList {
    /// The list reference.
    pub reference: ConsignmentListReference,
    /// Its URI (`Location`, else the body's `@id`).
    pub uri: ConsignmentListUri,
}

impl MmApiClient {
    /// `POST /consignment-lists`: closes a consignment list (`201` with `Location`). Not
    /// retried once sent.
    pub async fn close_consignment_list(
        &self,
        list: &ConsignmentList,
    ) -> Result<ClosedConsignmentList, Error> {
        self.require(Feature::CloseConsignmentList)?;
        self.check(list)?;
        let url = self.url(&[ConsignmentListUri::SEGMENT])?;
        let (status, headers, body) = self
            .send(
                Method::POST,
                url,
                json_body(list)?,
                operations::CLOSE_CONSIGNMENT_LIST,
            )
            .await?;
        let reference: ConsignmentListReference = ok_json(status, &headers, &body)?;
        let uri = location(&headers)
            .map(ConsignmentListUri::new)
            .or_else(|| reference.id.clone())
            .ok_or_else(|| missing_location("consignment list"))?;
        Ok(ClosedConsignmentList { reference, uri })
    }
}
