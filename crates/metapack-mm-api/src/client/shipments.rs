//! The operation on shipments: `GET /shipments/<uuid>`.

use metapack_core::Error;
use reqwest::Method;

use super::mm_api_client::MmApiClient;
use super::operations;
use super::resource_ref::ResourceRef;
use crate::model::Shipment;
use crate::transport::{Body, ok_json};
use crate::uri::ShipmentUri;
use crate::version::Feature;

impl MmApiClient {
    /// `GET /shipments/<uuid>`.
    pub async fn get_shipment(
        &self,
        shipment: impl ResourceRef<ShipmentUri>,
    ) -> Result<Shipment, Error> {
        self.require(Feature::GetShipment)?;
        let url = self.url(&[ShipmentUri::SEGMENT, &shipment.resource_id(&self.host)?])?;
        let (status, headers, body) = self
            .send(Method::GET, url, Body::None, operations::GET_SHIPMENT)
            .await?;
        ok_json(status, &headers, &body)
    }
}
