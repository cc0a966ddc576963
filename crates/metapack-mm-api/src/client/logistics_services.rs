//! The operation on logistics services: `GET {data host}/logistics-services/<id>`, without
//! authentication.

use metapack_core::Error;
use reqwest::Method;

use super::mm_api_client::MmApiClient;
use super::operations;
use crate::model::LogisticsService;
use crate::transport::{Body, execute, ok_json};
use crate::uri::LogisticsServiceUri;

impl MmApiClient {
    /// `GET {data host}/logistics-services/<id>`, without authentication.
    pub async fn get_logistics_service(&self, id: &str) -> Result<LogisticsService, Error> {
        if id.trim().is_empty() {
            return Err(Error::invalid_field("id", "logistics service id is empty"));
        }
        let mut url = self.data_host.clone();
        {
            let mut segments = url.path_segments_mut().map_err(|()| {
                Error::invalid_field("data_host", "data host cannot be a base URL")
            })?;
            segments
                .pop_if_empty()
                .push(LogisticsServiceUri::SEGMENT)
                .push(id);
        }
        let request = self.request(Method::GET, url, Body::None)?;
        let (status, headers, body) = execute(
            &self.data_runtime,
            &self.http,
            request,
            operations::GET_LOGISTICS_SERVICE,
        )
        .await?;
        ok_json(status, &headers, &body)
    }
}
