//! Fetching an allocated consignment's labels in one call.

use metapack_core::Error;

use crate::client::{DocumentContent, MmApiClient};
use crate::model::{Consignment, DocumentParams};

impl MmApiClient {
    /// `GET /documents/**` for every label of `consignment` (one per logistics unit, in
    /// order), in the format and resolution of `params`. Stops at the first failure.
    pub async fn labels(
        &self,
        consignment: &Consignment,
        params: &DocumentParams,
    ) -> Result<Vec<DocumentContent>, Error> {
        let mut labels = Vec::new();
        for url in consignment.label_urls() {
            labels.push(self.get_document(url, params).await?);
        }
        Ok(labels)
    }
}
