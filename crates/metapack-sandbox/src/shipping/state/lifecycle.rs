//! The lifecycle table: which statuses each operation accepts, and the 409 otherwise.

use metapack_shipping::types::Consignment;

use crate::server::ApiError;

use super::*;

/// The `errorCode` of every lifecycle-status conflict (inferred; see the module docs).
pub(crate) const STATUS_CONFLICT: &str = "CONSIGNMENT_STATUS_CONFLICT";
/// The `errorCode` of removing the only parcel of a consignment (inferred).
pub(crate) const LAST_PARCEL: &str = "LAST_PARCEL_NOT_REMOVABLE";
/// The `errorCode` of a manifest request matching nothing (inferred).
pub(crate) const NOTHING_TO_MANIFEST: &str = "NO_CONSIGNMENTS_TO_MANIFEST";

pub(super) use metapack_shipping::types::ConsignmentStatus as S;

/// The statuses in which a consignment can still be modified.
pub(super) const MODIFIABLE: &[S] = &[S::Unallocated, S::Allocated, S::Printed, S::ReadyToManifest];
/// The statuses in which a consignment has a carrier service.
pub(super) const ALLOCATED: &[S] = &[S::Allocated, S::Printed, S::ReadyToManifest];

/// What one operation accepts, and what it answers otherwise.
#[derive(Debug)]
pub(super) struct Rule {
    /// The operationId, for the system message.
    operation: &'static str,
    /// The statuses it accepts.
    allowed: &'static [S],
    /// The rendering's text for the 409.
    message: &'static str,
}

pub(super) const UPDATE: Rule = Rule {
    operation: "update_consignment",
    allowed: &[S::Unallocated],
    message: "Consignment cannot be modified because it is not in the correct consignment lifecycle status",
};
pub(super) const PATCH: Rule = Rule {
    operation: "patch_consignment",
    allowed: &[S::Unallocated],
    message: "Consignment cannot be modified because it is not in the correct consignment lifecycle status",
};
pub(super) const DELETE: Rule = Rule {
    operation: "delete_consignment",
    allowed: MODIFIABLE,
    message: "Consignment cannot be deleted because it is not in the correct consignment lifecycle status",
};
pub(super) const PRINT: Rule = Rule {
    operation: "get paperwork",
    allowed: ALLOCATED,
    message: "Wrong state for printing",
};
pub(super) const ADD_PARCEL: Rule = Rule {
    operation: "add_parcel",
    allowed: MODIFIABLE,
    message: "Parcel cannot be added because the consignment is in a consignment lifecycle status where it cannot be modified",
};
pub(super) const REMOVE_PARCEL: Rule = Rule {
    operation: "remove_parcel",
    allowed: MODIFIABLE,
    message: "Parcel cannot be removed because the consignment is in a consignment lifecycle status where it cannot be modified",
};
pub(super) const CONSOLIDATE: Rule = Rule {
    operation: "consolidate_parcel",
    allowed: MODIFIABLE,
    message: "Consignment cannot be consolidated because the consignment is in a consignment lifecycle status where it cannot be modified",
};
pub(super) const UNCONSOLIDATE: Rule = Rule {
    operation: "unconsolidate_parcel",
    allowed: MODIFIABLE,
    message: "Consignment cannot be unlinked because the consignment is in a consignment lifecycle status where it cannot be modified",
};
pub(super) const ADD_ITEM: Rule = Rule {
    operation: "add_item",
    allowed: MODIFIABLE,
    message: "Wrong state for adding a product to a parcel",
};
pub(super) const REMOVE_ITEM: Rule = Rule {
    operation: "remove_item",
    allowed: MODIFIABLE,
    message: "Wrong state for deleting products from a parcel",
};
pub(super) const ALLOCATE: Rule = Rule {
    operation: "allocate_consignment",
    allowed: &[S::Unallocated],
    message: "Consignment cannot be allocated because it is not in the correct consignment lifecycle status",
};
pub(super) const DEALLOCATE: Rule = Rule {
    operation: "deallocate_consignment",
    allowed: ALLOCATED,
    message: "Allocation cannot be deleted because the consignment is not in the correct consignment lifecycle status",
};
pub(super) const READY_TO_SHIP: Rule = Rule {
    operation: "set_ready_to_ship (readyToShip=true)",
    allowed: &[S::Printed],
    message: "There was a conflict in the change of the consignment lifecycle status",
};
pub(super) const NOT_READY_TO_SHIP: Rule = Rule {
    operation: "set_ready_to_ship (readyToShip=false)",
    allowed: &[S::ReadyToManifest],
    message: "There was a conflict in the change of the consignment lifecycle status",
};

/// The status of a consignment (`unallocated` when unset).
pub(super) fn status(consignment: &Consignment) -> S {
    consignment.status.clone().unwrap_or(S::Unallocated)
}

/// Fails with 409 unless `record` is in a status `rule` accepts.
pub(super) fn check(rule: &Rule, record: &Record) -> Result<(), ApiError> {
    let current = status(&record.consignment);
    if rule.allowed.contains(&current) {
        return Ok(());
    }
    let allowed: Vec<&str> = rule.allowed.iter().map(S::as_str).collect();
    Err(ApiError::conflict(
        STATUS_CONFLICT,
        rule.message,
        format!(
            "consignment {} is {current}; {} accepts {}",
            code_of(&record.consignment),
            rule.operation,
            allowed.join(", ")
        ),
    ))
}
