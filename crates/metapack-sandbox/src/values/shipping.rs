//! The Shipping API's closed lists (Shipping API v1).
//!
//! Closed, and checked on every request that carries them:
//!
//! * paperwork `type` (`label`, `documentation`, `all`) and `format` (`pdf`, `png`, `zpl`),
//!   in the `paperwork` object of `POST /consignment-with-paperwork` and in the query of the
//!   paperwork routes: the docs give these lists;
//! * a manifest's `transactionType`: the docs show `delivery` only, and the sandbox makes
//!   delivery manifests only, so it refuses any other kind rather than pretend to make one.
//!
//! Left open, because the docs only show one sample value and not a list: a consignment's
//! `type` (`delivery`), an address `type` (`residential`), `attributes.notificationType`
//! (`sms`), and the `measurementUnits` (`kg`, `cm`, `ml`). A consignment's `status` is set
//! by Metapack (the lifecycle has later statuses than the docs name) and is not read from
//! requests; a link's `operation` only appears in responses.
//!
//! Matching is exact: the docs spell every value in lower case, and so must requests
//! (`PDF` is refused with a hint to send `pdf`). Country codes are checked against
//! [`crate::countries`].

use super::{Matching, ValueList};

/// Paperwork `type`.
pub(crate) const PAPERWORK_TYPE: ValueList = ValueList {
    schema: "PaperworkType",
    what: "a paperwork type",
    values: &["label", "documentation", "all"],
    matching: Matching::Exact,
};

/// Paperwork `format`.
pub(crate) const PAPERWORK_FORMAT: ValueList = ValueList {
    schema: "PaperworkFormat",
    what: "a paperwork format",
    values: &["pdf", "png", "zpl"],
    matching: Matching::Exact,
};

/// A manifest's `transactionType`.
pub(crate) const TRANSACTION_TYPE: ValueList = ValueList {
    schema: "TransactionType",
    what: "a transaction type the sandbox manifests",
    values: &["delivery"],
    matching: Matching::Exact,
};

/// Every list of this API (for the agreement test with the spec).
#[cfg(test)]
pub(crate) const LISTS: &[&ValueList] = &[&PAPERWORK_TYPE, &PAPERWORK_FORMAT, &TRANSACTION_TYPE];

/// The enums of `specs/shipping.yaml` the sandbox leaves open, each with the reason.
#[cfg(test)]
pub(crate) const OPEN: &[(&str, &str)] = &[
    (
        "ConsignmentStatus",
        "set by Metapack, not read from requests",
    ),
    (
        "ConsignmentType",
        "the docs show one sample value, not a list",
    ),
    ("AddressType", "the docs show one sample value, not a list"),
    (
        "NotificationType",
        "the docs show one sample value, not a list",
    ),
    ("WeightUnit", "the docs show one sample value, not a list"),
    (
        "MeasurementUnit",
        "the docs show one sample value, not a list",
    ),
    ("VolumeUnit", "the docs show one sample value, not a list"),
    ("LinkOperation", "only in responses"),
];
