//! Operation ids, as they appear in traces, and what the runtime must know of each.

/// `GET /shipments/<uuid>`.
pub const GET_SHIPMENT: &str = "getShipment";
/// `POST /consignments`.
pub const ALLOCATE: &str = "allocateShipment";
/// `GET /consignments/<uuid>`.
pub const GET_CONSIGNMENT: &str = "getConsignment";
/// `DELETE /consignments/<uuid>`.
pub const DELETE_CONSIGNMENT: &str = "deallocateConsignment";
/// `PATCH /consignments/<uuid>`.
pub const PATCH_CONSIGNMENT_STATUS: &str = "updateConsignmentStatus";
/// `PATCH /consignments`.
pub const PATCH_CONSIGNMENTS_STATUS: &str = "updateConsignmentStatuses";
/// `POST /consignment-lists`.
pub const CLOSE_CONSIGNMENT_LIST: &str = "closeConsignmentList";
/// `GET /documents/**`.
pub const GET_DOCUMENT: &str = "getDocument";
/// `GET {data host}/logistics-services/<id>`.
pub const GET_LOGISTICS_SERVICE: &str = "getLogisticsService";

/// The status PATCHes set a consignment's status to a given value: sending one twice leaves
/// the same state as sending it once, so they may be retried after being sent.
pub(crate) const RETRY_SAFE_OPERATIONS: &[&str] =
    &[PATCH_CONSIGNMENT_STATUS, PATCH_CONSIGNMENTS_STATUS];

/// Answers that are binary documents, read up to
/// [`ResponseLimits::document`](metapack_core::ResponseLimits::document).
pub(crate) const DOCUMENT_OPERATIONS: &[&str] = &[GET_DOCUMENT];
