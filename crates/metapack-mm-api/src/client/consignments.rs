//! The operations on consignments (`/consignments`): allocation, reading, deallocation and
//! status changes, with what they take and answer.

use metapack_core::Error;
use reqwest::Method;

use super::mm_api_client::MmApiClient;
use super::operations;
use super::resource_ref::ResourceRef;
use crate::model::{
    AllocationParams, Consignment, ConsignmentStatus, ConsignmentStatusBatch, Shipment,
};
use crate::transport::{Body, json_body, location, missing_location, ok_empty, ok_json, on_host};
use crate::uri::{ConsignmentUri, ShipmentUri};
use crate::values::AcceptableConsignmentStatus;
use crate::version::Feature;

/// What to allocate with `POST /consignments`: a shipment object or the URI of an existing
/// shipment, plus the allocation parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct AllocationRequest {
    /// The shipment.
    pub shipment: ShipmentSource,
    /// Query parameters (`logisticsServiceCode`, `logisticsServiceURI`, ...).
    pub params: AllocationParams,
    /// Whether the caller expects return labels (`returnLogisticsUnitDocuments`), which only
    /// `v1.0` produces: refused before sending on older versions.
    pub return_labels: bool,
}

/// The payload of an allocation.
#[derive(Clone, Debug, PartialEq)]
pub enum ShipmentSource {
    /// The shipment object itself.
    Shipment(Box<Shipment>),
    /// The URI of a shipment the server already has; sent as a JSON string body.
    Uri(ShipmentUri),
}

impl AllocationRequest {
    /// Allocates `shipment`.
    pub fn shipment(shipment: Shipment) -> Self {
        Self {
            shipment: ShipmentSource::Shipment(Box::new(shipment)),
            params: AllocationParams::default(),
            return_labels: false,
        }
    }

    /// Allocates the existing shipment at `uri`.
    pub fn shipment_uri(uri: impl Into<ShipmentUri>) -> Self {
        Self {
            shipment: ShipmentSource::Uri(uri.into()),
            params: AllocationParams::default(),
            return_labels: false,
        }
    }

    /// Sets the allocation parameters.
    #[must_use]
    pub fn with_params(mut self, params: AllocationParams) -> Self {
        self.params = params;
        self
    }

    /// Asks for return labels (needs `v1.0`).
    #[must_use]
    pub fn with_return_labels(mut self, return_labels: bool) -> Self {
        self.return_labels = return_labels;
        self
    }
}

/// A created consignment: the `201` body and its `Location`.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    /// The consignment.
    pub consignment: Consignment,
    /// Its URI (`Location`, else the body's `@id`).
    pub uri: ConsignmentUri,
}

/// The outcome of a batch status update (`PATCH /consignments`).
#[derive(Clone, Debug, PartialEq)]
pub enum BatchStatusOutcome {
    /// `200`: every consignment was updated.
    AllUpdated,
    /// `207 Multi-Status`: some, but not all, were updated. To learn which, use
    /// [`MmApiClient::patch_consignments_status_resolved`], which sets each listed
    /// consignment's status on its own after a `207` (see [`crate::batch`]).
    PartiallyUpdated {
        /// The consignments the server reports as updated, when its body names them (a JSON
        /// array of URIs, or an object with a `consignments` array); `None` when the body
        /// does not say (the reference documents no body).
        updated: Option<Vec<ConsignmentUri>>,
        /// The raw body, if JSON.
        body: Option<serde_json::Value>,
    },
}

impl MmApiClient {
    /// `POST /consignments`: allocates a shipment (object or URI) and answers the created
    /// consignment with its URI. Never retried once sent.
    pub async fn allocate(&self, request: &AllocationRequest) -> Result<Allocation, Error> {
        self.require(Feature::AllocateShipment)?;
        if request.return_labels {
            self.require(Feature::ReturnLabels)?;
        }
        let p = &request.params;
        self.check_params(p)?;
        let body = match &request.shipment {
            ShipmentSource::Shipment(shipment) => {
                self.check(shipment.as_ref())?;
                json_body(shipment.as_ref())?
            }
            ShipmentSource::Uri(uri) => {
                on_host("shipment", uri.as_str(), &self.host)?;
                if uri.id().is_none() {
                    return Err(Error::invalid_field(
                        "shipment",
                        format!("not a shipment URI: {}", uri.as_str()),
                    ));
                }
                json_body(uri)?
            }
        };
        let mut url = self.url(&["consignments"])?;
        let pairs = p.query_pairs();
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        let (status, headers, body) = self
            .send(Method::POST, url, body, operations::ALLOCATE)
            .await?;
        let consignment: Consignment = ok_json(status, &headers, &body)?;
        let uri = location(&headers)
            .map(ConsignmentUri::new)
            .or_else(|| consignment.id.clone())
            .ok_or_else(|| missing_location("consignment"))?;
        Ok(Allocation { consignment, uri })
    }

    /// `GET /consignments/<uuid>`.
    pub async fn get_consignment(
        &self,
        consignment: impl ResourceRef<ConsignmentUri>,
    ) -> Result<Consignment, Error> {
        self.require(Feature::GetConsignment)?;
        let url = self.url(&[
            ConsignmentUri::SEGMENT,
            &consignment.resource_id(&self.host)?,
        ])?;
        let (status, headers, body) = self
            .send(Method::GET, url, Body::None, operations::GET_CONSIGNMENT)
            .await?;
        ok_json(status, &headers, &body)
    }

    /// `DELETE /consignments/<uuid>`: deallocates the consignment (and deletes its
    /// shipment); `204 No Content`.
    pub async fn delete_consignment(
        &self,
        consignment: impl ResourceRef<ConsignmentUri>,
    ) -> Result<(), Error> {
        self.require(Feature::DeallocateConsignment)?;
        let url = self.url(&[
            ConsignmentUri::SEGMENT,
            &consignment.resource_id(&self.host)?,
        ])?;
        let (status, headers, body) = self
            .send(
                Method::DELETE,
                url,
                Body::None,
                operations::DELETE_CONSIGNMENT,
            )
            .await?;
        ok_empty(status, &headers, &body)
    }

    /// `PATCH /consignments/<uuid>`: sets one consignment's status (`200`).
    pub async fn patch_consignment_status(
        &self,
        consignment: impl ResourceRef<ConsignmentUri>,
        status: AcceptableConsignmentStatus,
    ) -> Result<(), Error> {
        self.require(Feature::UpdateConsignmentStatus)?;
        let payload = ConsignmentStatus::new(status);
        self.check(&payload)?;
        let url = self.url(&[
            ConsignmentUri::SEGMENT,
            &consignment.resource_id(&self.host)?,
        ])?;
        let (status, headers, body) = self
            .send(
                Method::PATCH,
                url,
                json_body(&payload)?,
                operations::PATCH_CONSIGNMENT_STATUS,
            )
            .await?;
        ok_empty(status, &headers, &body)
    }

    /// `PATCH /consignments`: sets the status of several consignments; `200` when all were
    /// updated, `207` when only some were (the API does not say which:
    /// [`patch_consignments_status_resolved`](Self::patch_consignments_status_resolved)
    /// finds out).
    pub async fn patch_consignments_status(
        &self,
        consignments: Vec<ConsignmentUri>,
        status: AcceptableConsignmentStatus,
    ) -> Result<BatchStatusOutcome, Error> {
        self.require(Feature::UpdateConsignmentStatuses)?;
        let payload = ConsignmentStatusBatch::new(status, consignments);
        self.check(&payload)?;
        let url = self.url(&["consignments"])?;
        let (status, headers, body) = self
            .send(
                Method::PATCH,
                url,
                json_body(&payload)?,
                operations::PATCH_CONSIGNMENTS_STATUS,
            )
            .await?;
        match status.as_u16() {
            207 => {
                let value: Option<serde_json::Value> = serde_json::from_slice(&body).ok();
                let updated = value.as_ref().and_then(|v| {
                    let list = v.as_array().or_else(|| v.get("consignments")?.as_array())?;
                    Some(
                        list.iter()
                            .filter_map(|u| u.as_str().map(ConsignmentUri::new))
                            .collect(),
                    )
                });
                Ok(BatchStatusOutcome::PartiallyUpdated {
                    updated,
                    body: value,
                })
            }
            _ => ok_empty(status, &headers, &body).map(|()| BatchStatusOutcome::AllUpdated),
        }
    }
}
