//! The Shipping API's in-memory store and the consignment lifecycle.
//!
//! # Lifecycle
//!
//! `unallocated` → `allocated` → `printed` → `readyToManifest` → `manifested`:
//!
//! * creating a consignment makes it `unallocated`; with shipping rules (create, update,
//!   create-with-paperwork) it is allocated at once when a catalogue service matches;
//! * allocating picks the cheapest matching service ([`super::catalogue`]) and fills
//!   `deliveryInformation` (service, `shippingCosts`, collection and delivery windows,
//!   `cutoffDateTime`, and one leg with the consignment's tracking identifier and URL),
//!   `service`, `allocatedDateTime` and `carrierConsignmentCode` (the consignment's tracking
//!   identifier), and gives every parcel a delivery leg with its own tracking identifier;
//!   deallocating clears all of that;
//! * generating labels (consignment or parcel paperwork with `type` `label` or `all`) marks
//!   those parcels labelled; an `allocated` consignment whose parcels are all labelled becomes
//!   `printed` ("until all labels are generated", as the add-parcel description puts it).
//!   Customs documentation alone does not print labels;
//! * `POST /status?readyToShip=true` moves `printed` to `readyToManifest`, `false` moves
//!   `readyToManifest` back to `printed`;
//! * `POST /manifests` moves every matching `readyToManifest` consignment to `manifested`.
//!
//! # Allowed statuses
//!
//! Each operation's description in Metapack's rendering names the statuses it accepts; any
//! other status answers 409 with `errorCode` `CONSIGNMENT_STATUS_CONFLICT` and the
//! rendering's conflict text as `message`. (The Shipping docs only show `errorCode` as a
//! string; this code is inferred.)
//!
//! | operation | allowed statuses | effect on the status |
//! |---|---|---|
//! | `update_consignment` (PUT) | unallocated | stays unallocated, or allocated when shipping rules match |
//! | `patch_consignment` | unallocated | none |
//! | `delete_consignment` | unallocated, allocated, printed, readyToManifest | deallocated, then deleted |
//! | `get_consignment_paperwork` | allocated, printed, readyToManifest | allocated → printed once every parcel is labelled |
//! | `get_parcel_paperwork` | allocated, printed, readyToManifest | allocated → printed once every parcel is labelled |
//! | `add_parcel` | unallocated, allocated, printed, readyToManifest | printed, readyToManifest → allocated |
//! | `remove_parcel` | unallocated, allocated, printed, readyToManifest | none |
//! | `consolidate_parcel` (both consignments) | unallocated, allocated, printed, readyToManifest | none |
//! | `unconsolidate_parcel` (both consignments) | unallocated, allocated, printed, readyToManifest | none |
//! | `add_item` | unallocated, allocated, printed, readyToManifest | none |
//! | `remove_item` | unallocated, allocated, printed, readyToManifest | none |
//! | `allocate_consignment` | unallocated | → allocated (201), or stays unallocated (204) |
//! | `deallocate_consignment` | allocated, printed, readyToManifest | → unallocated |
//! | `set_ready_to_ship` `true` | printed | → readyToManifest |
//! | `set_ready_to_ship` `false` | readyToManifest | → printed |
//! | `create_manifest` | picks readyToManifest ones only | → manifested |
//!
//! `get_consignment` and `search_consignments` accept every status. The delete description
//! forbids `manifested` although the spec lists no 409 for it; the sandbox answers 409 there
//! too. Nothing is allowed on a `manifested` consignment but reading it and its manifest's
//! paperwork.
//!
//! Other conflicts: removing the only parcel of a consignment answers 409
//! `LAST_PARCEL_NOT_REMOVABLE` (the operation is for "a multi-parcel consignment"); a manifest
//! request that matches no `readyToManifest` consignment answers 400
//! `NO_CONSIGNMENTS_TO_MANIFEST` (the spec lists no 409 for `create_manifest`, and the
//! request, not the state of a resource it names, is what cannot be served).
//!
//! # Weights and values
//!
//! The Shipping model has no consignment-level weight or value, so the sandbox keeps them as
//! [`ConsignmentTotals`] (read with [`crate::ShippingApi::consignment_totals`]):
//!
//! * on create and update, the sum of the parcels' weights and values;
//! * adding a parcel adds its weight and value ("the weight and value of the new parcel are
//!   added to the weight and value of the consignment");
//! * removing a parcel subtracts its weight only: that is all the rendering says ("the weight
//!   of the removed parcel is subtracted"), so the value is left as it is;
//! * a parcel sent without a weight (or value) takes the sum of its items' weights (or
//!   values) times their quantities, and then adding or removing items changes that parcel's
//!   weight (or value) and the consignment's by the same amount. A parcel sent with a weight
//!   (or value) keeps it whatever items come and go (the declared figure wins, as in
//!   Metapack's Manager API).
//!
//! Weights are rounded to grams, values to cents. Removing an item honours
//! `quantityToDelete` (all of it when absent).
//!
//! # Codes
//!
//! Consignment codes are `DMC` and 9 random upper-case letters or digits, manifest codes
//! `DMM` and 9; parcel codes are `<consignmentCode>P<n>` with `n` counting up per consignment
//! and never reused; tracking identifiers are the carrier's
//! [`tracking_prefix`](crate::CatalogueCarrier::tracking_prefix) and 10 random digits. No code
//! is ever issued twice.

mod lifecycle;
mod record;
mod render;
mod store;
mod totals;

use metapack_shipping::types::{Consignment, Parcel};

#[allow(clippy::wildcard_imports)]
use {lifecycle::*, record::*, render::*, totals::*};

pub(crate) use lifecycle::{LAST_PARCEL, NOTHING_TO_MANIFEST};
pub use store::Consolidation;
pub(crate) use store::{SearchFilter, ShippingStore};
pub use totals::ConsignmentTotals;

pub(super) fn code_of(consignment: &Consignment) -> &str {
    consignment.consignment_code.as_deref().unwrap_or_default()
}

pub(super) fn parcel_code_of(parcel: &Parcel) -> &str {
    parcel.parcel_code.as_deref().unwrap_or_default()
}
