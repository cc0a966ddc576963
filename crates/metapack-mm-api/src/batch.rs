//! Each consignment's outcome of a batch status change (`PATCH /consignments`).
//!
//! The API answers `207 Multi-Status` when only some of the listed consignments took the
//! status, without saying which (the reference documents no body).
//! [`MmApiClient::patch_consignments_status_resolved`] finds out: after a `207` it sets the
//! status of each listed consignment on its own (`PATCH /consignments/<uuid>`). Setting a
//! status to a value is idempotent, so the consignments the batch updated answer `200` again
//! and the others answer the server's reason (`404 O-NFO-3006`, none eligible).

use metapack_core::Error;

use crate::client::{BatchStatusOutcome, MmApiClient};
use crate::uri::ConsignmentUri;
use crate::values::AcceptableConsignmentStatus;

/// One consignment's outcome in a [`BatchStatusReport`].
#[derive(Debug)]
pub struct ConsignmentStatusResult {
    /// The consignment, as listed in the request.
    pub consignment: ConsignmentUri,
    /// `Ok` when it has the status; the server's (or the client's) refusal otherwise.
    pub result: Result<(), Error>,
}

/// Each listed consignment's outcome of a status change, in the order of the request.
#[derive(Debug)]
pub struct BatchStatusReport {
    /// Whether the batch answered `207` and the consignments were then set one by one.
    pub resolved_one_by_one: bool,
    /// One entry per listed consignment.
    pub results: Vec<ConsignmentStatusResult>,
}

impl BatchStatusReport {
    /// Whether every consignment took the status.
    pub fn all_updated(&self) -> bool {
        self.results.iter().all(|r| r.result.is_ok())
    }

    /// The consignments that took the status.
    pub fn updated(&self) -> impl Iterator<Item = &ConsignmentUri> {
        self.results
            .iter()
            .filter(|r| r.result.is_ok())
            .map(|r| &r.consignment)
    }

    /// The consignments that did not, each with its reason.
    pub fn failed(&self) -> impl Iterator<Item = (&ConsignmentUri, &Error)> {
        self.results
            .iter()
            .filter_map(|r| r.result.as_ref().err().map(|e| (&r.consignment, e)))
    }
}

impl MmApiClient {
    /// `PATCH /consignments`, then each consignment's outcome: on `200` every one took the
    /// status; on `207 Multi-Status` each listed consignment's status is set again on its
    /// own with [`patch_consignment_status`](Self::patch_consignment_status) (idempotent: the
    /// ones the batch updated answer `200`, the others their reason).
    ///
    /// An error of the batch itself (none eligible, `404 O-NFO-3006`; validation; transport)
    /// is returned as is. The extra requests after a `207` are one per consignment, sent in
    /// order.
    ///
    /// ```
    /// # async fn run(client: metapack_mm_api::MmApiClient, a: metapack_mm_api::uri::ConsignmentUri,
    /// #     b: metapack_mm_api::uri::ConsignmentUri) -> Result<(), metapack_mm_api::Error> {
    /// use metapack_mm_api::values::AcceptableConsignmentStatus;
    ///
    /// let report = client
    ///     .patch_consignments_status_resolved(vec![a, b], AcceptableConsignmentStatus::ReadyToManifest)
    ///     .await?;
    /// for (consignment, reason) in report.failed() {
    ///     eprintln!("{consignment} kept its status: {reason}");
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn patch_consignments_status_resolved(
        &self,
        consignments: Vec<ConsignmentUri>,
        status: AcceptableConsignmentStatus,
    ) -> Result<BatchStatusReport, Error> {
        let outcome = self
            .patch_consignments_status(consignments.clone(), status.clone())
            .await?;
        let mut results = Vec::with_capacity(consignments.len());
        let resolved_one_by_one = matches!(outcome, BatchStatusOutcome::PartiallyUpdated { .. });
        for consignment in consignments {
            let result = if resolved_one_by_one {
                self.patch_consignment_status(&consignment, status.clone())
                    .await
            } else {
                Ok(())
            };
            results.push(ConsignmentStatusResult {
                consignment,
                result,
            });
        }
        Ok(BatchStatusReport {
            resolved_one_by_one,
            results,
        })
    }
}
