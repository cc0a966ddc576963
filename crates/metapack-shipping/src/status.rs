//! The consignment lifecycle and what each status allows, per Metapack's operation notes.
//!
//! Unallocated → Allocated (allocation) → Printed (paperwork) → Ready to manifest
//! (`set_ready_to_ship(code, true)`) → Manifested (`create_manifest`), then later statuses the
//! docs do not name. Deallocation goes back to Unallocated from Allocated, Printed or Ready to
//! manifest; adding a parcel to a Printed or Ready-to-manifest consignment moves it back to
//! Allocated.

use crate::types::{Consignment, ConsignmentResponse, ConsignmentWithPaperwork, Service};

/// The lifecycle status of a consignment: the generated open enum `ConsignmentStatus`.
///
/// Values are read in any letter case or separator style (`readyToManifest`,
/// `READY_TO_MANIFEST`, `Ready to manifest`); statuses this version does not know, such as the
/// ones after Manifested, are kept verbatim in `Status::Other`.
///
/// ```
/// use metapack_shipping::Status;
///
/// let status: Status = serde_json::from_str(r#""READY_TO_MANIFEST""#).unwrap();
/// assert_eq!(status, Status::ReadyToManifest);
/// assert!(status.is_allocated() && status.can_print() && !status.can_be_modified());
/// assert_eq!(Status::parse("inTransit"), Status::Other("inTransit".into()));
/// ```
pub use crate::generated::enums::ConsignmentStatus as Status;

impl Status {
    /// Whether the consignment holds a carrier service allocation: Allocated, Printed, Ready to
    /// manifest or Manifested. Unknown statuses answer `false`.
    pub fn is_allocated(&self) -> bool {
        matches!(
            self,
            Status::Allocated | Status::Printed | Status::ReadyToManifest | Status::Manifested
        )
    }

    /// Whether the consignment's data may be replaced or patched (`update_consignment`,
    /// `patch_consignment`): only while Unallocated. Deallocate an allocated consignment first.
    pub fn can_be_modified(&self) -> bool {
        *self == Status::Unallocated
    }

    /// Whether `allocate_consignment` applies: only to an Unallocated consignment.
    pub fn can_be_allocated(&self) -> bool {
        *self == Status::Unallocated
    }

    /// Whether labels and customs documents can be fetched: Allocated, Printed or Ready to
    /// manifest.
    pub fn can_print(&self) -> bool {
        matches!(
            self,
            Status::Allocated | Status::Printed | Status::ReadyToManifest
        )
    }

    /// Whether `deallocate_consignment` applies: Allocated, Printed or Ready to manifest.
    pub fn can_be_deallocated(&self) -> bool {
        self.can_print()
    }

    /// Whether `delete_consignment` applies: any status before Manifested.
    pub fn can_be_deleted(&self) -> bool {
        matches!(
            self,
            Status::Unallocated | Status::Allocated | Status::Printed | Status::ReadyToManifest
        )
    }

    /// Whether parcels and items may be added or removed and parcels consolidated: any status
    /// before Manifested.
    pub fn can_change_parcels(&self) -> bool {
        self.can_be_deleted()
    }

    /// Whether `set_ready_to_ship(code, ready)` applies: `true` from Printed, `false` from Ready
    /// to manifest.
    pub fn can_set_ready_to_ship(&self, ready: bool) -> bool {
        if ready {
            *self == Status::Printed
        } else {
            *self == Status::ReadyToManifest
        }
    }

    /// Whether `create_manifest` picks the consignment up: Ready to manifest.
    pub fn can_be_manifested(&self) -> bool {
        *self == Status::ReadyToManifest
    }
}

impl Consignment {
    /// The lifecycle status, when the response carries one.
    pub fn lifecycle_status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The carrier service code of an allocated consignment (`service.carrierService.code`,
    /// else `deliveryInformation.service.carrierService.code`).
    pub fn carrier_service_code(&self) -> Option<&str> {
        self.service
            .as_ref()
            .and_then(Service::carrier_service_code)
            .or_else(|| {
                self.delivery_information
                    .as_ref()?
                    .service
                    .as_ref()?
                    .carrier_service_code()
            })
    }

    /// The carrier tracking identifiers of the consignment's parcels, in parcel order.
    pub fn parcel_tracking_identifiers(&self) -> Vec<&str> {
        self.parcels
            .iter()
            .flatten()
            .flat_map(|p| p.delivery_legs.iter().flatten())
            .filter_map(|leg| leg.tracking_identifier.as_deref())
            .collect()
    }
}

impl ConsignmentResponse {
    /// The consignment's lifecycle status.
    pub fn lifecycle_status(&self) -> Option<&Status> {
        self.consignment.as_ref()?.lifecycle_status()
    }

    /// The consignment's Metapack code.
    pub fn consignment_code(&self) -> Option<&str> {
        self.consignment.as_ref()?.consignment_code.as_deref()
    }
}

impl ConsignmentWithPaperwork {
    /// The new consignment's lifecycle status: Unallocated (and no paperwork) when no carrier
    /// service fitted.
    pub fn lifecycle_status(&self) -> Option<&Status> {
        self.consignment.as_ref()?.lifecycle_status()
    }

    /// The new consignment's Metapack code.
    pub fn consignment_code(&self) -> Option<&str> {
        self.consignment.as_ref()?.consignment_code.as_deref()
    }
}
