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
//! [`ConsignmentTotals`] (read with [`crate::Sandbox::shipping_consignment_totals`]):
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

use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use metapack_shipping::types::{
    Address, Carrier, CarrierService, Consignment, ConsignmentPatch, ConsignmentRequest,
    ConsignmentStatus, ConsignmentType, DeliveryInformation, Item, Leg, ManifestPaperwork,
    ManifestRequest, Money, Paperwork, Parcel, ParcelDeliveryLeg, Rate, Service, ShippingCosts,
    ShippingLocation, ShippingRules, TimeWindow, TrackingLinks, Weight,
};

use super::catalogue::{Quote, Shipment, ShippingCatalogue, Window};
use super::paperwork::{self, CustomsLine, LabelContent, ManifestLine, PaperworkOptions};
use crate::catalogue::round_cents;
use crate::server::{ApiError, given_trimmed};

/// The `errorCode` of every lifecycle-status conflict (inferred; see the module docs).
pub(crate) const STATUS_CONFLICT: &str = "CONSIGNMENT_STATUS_CONFLICT";
/// The `errorCode` of removing the only parcel of a consignment (inferred).
pub(crate) const LAST_PARCEL: &str = "LAST_PARCEL_NOT_REMOVABLE";
/// The `errorCode` of a manifest request matching nothing (inferred).
pub(crate) const NOTHING_TO_MANIFEST: &str = "NO_CONSIGNMENTS_TO_MANIFEST";

use ConsignmentStatus as S;

/// The statuses in which a consignment can still be modified.
const MODIFIABLE: &[S] = &[S::Unallocated, S::Allocated, S::Printed, S::ReadyToManifest];
/// The statuses in which a consignment has a carrier service.
const ALLOCATED: &[S] = &[S::Allocated, S::Printed, S::ReadyToManifest];

/// What one operation accepts, and what it answers otherwise.
#[derive(Debug)]
struct Rule {
    /// The operationId, for the system message.
    operation: &'static str,
    /// The statuses it accepts.
    allowed: &'static [S],
    /// The rendering's text for the 409.
    message: &'static str,
}

const UPDATE: Rule = Rule {
    operation: "update_consignment",
    allowed: &[S::Unallocated],
    message: "Consignment cannot be modified because it is not in the correct consignment lifecycle status",
};
const PATCH: Rule = Rule {
    operation: "patch_consignment",
    allowed: &[S::Unallocated],
    message: "Consignment cannot be modified because it is not in the correct consignment lifecycle status",
};
const DELETE: Rule = Rule {
    operation: "delete_consignment",
    allowed: MODIFIABLE,
    message: "Consignment cannot be deleted because it is not in the correct consignment lifecycle status",
};
const PRINT: Rule = Rule {
    operation: "get paperwork",
    allowed: ALLOCATED,
    message: "Wrong state for printing",
};
const ADD_PARCEL: Rule = Rule {
    operation: "add_parcel",
    allowed: MODIFIABLE,
    message: "Parcel cannot be added because the consignment is in a consignment lifecycle status where it cannot be modified",
};
const REMOVE_PARCEL: Rule = Rule {
    operation: "remove_parcel",
    allowed: MODIFIABLE,
    message: "Parcel cannot be removed because the consignment is in a consignment lifecycle status where it cannot be modified",
};
const CONSOLIDATE: Rule = Rule {
    operation: "consolidate_parcel",
    allowed: MODIFIABLE,
    message: "Consignment cannot be consolidated because the consignment is in a consignment lifecycle status where it cannot be modified",
};
const UNCONSOLIDATE: Rule = Rule {
    operation: "unconsolidate_parcel",
    allowed: MODIFIABLE,
    message: "Consignment cannot be unlinked because the consignment is in a consignment lifecycle status where it cannot be modified",
};
const ADD_ITEM: Rule = Rule {
    operation: "add_item",
    allowed: MODIFIABLE,
    message: "Wrong state for adding a product to a parcel",
};
const REMOVE_ITEM: Rule = Rule {
    operation: "remove_item",
    allowed: MODIFIABLE,
    message: "Wrong state for deleting products from a parcel",
};
const ALLOCATE: Rule = Rule {
    operation: "allocate_consignment",
    allowed: &[S::Unallocated],
    message: "Consignment cannot be allocated because it is not in the correct consignment lifecycle status",
};
const DEALLOCATE: Rule = Rule {
    operation: "deallocate_consignment",
    allowed: ALLOCATED,
    message: "Allocation cannot be deleted because the consignment is not in the correct consignment lifecycle status",
};
const READY_TO_SHIP: Rule = Rule {
    operation: "set_ready_to_ship (readyToShip=true)",
    allowed: &[S::Printed],
    message: "There was a conflict in the change of the consignment lifecycle status",
};
const NOT_READY_TO_SHIP: Rule = Rule {
    operation: "set_ready_to_ship (readyToShip=false)",
    allowed: &[S::ReadyToManifest],
    message: "There was a conflict in the change of the consignment lifecycle status",
};

/// The running weight and value of a consignment, which the Shipping model has no field
/// for: see [`crate::Sandbox::shipping_consignment_totals`] for how they change.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ConsignmentTotals {
    /// Weight, in the consignment's weight unit (kg), rounded to grams.
    pub weight: f64,
    /// Value, rounded to cents.
    pub value: f64,
    /// Currency code of the value: the first one among the parcels' values, else among the
    /// orders' values.
    pub currency_code: Option<String>,
}

/// A parcel of an inner (child) consignment consolidated into a parcel of an outer (parent)
/// container consignment by `POST .../consolidate`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Consolidation {
    /// Code of the inner consignment.
    pub consignment_code: String,
    /// Code of the inner consignment's parcel.
    pub parcel_code: String,
    /// Code of the outer (container) consignment.
    pub container_consignment_code: String,
    /// Code of the outer consignment's parcel holding the inner parcel.
    pub container_parcel_code: String,
}

/// Everything the Shipping API holds.
#[derive(Debug)]
pub(crate) struct ShippingStore {
    catalogue: ShippingCatalogue,
    consignments: Vec<Record>,
    manifests: Vec<Manifest>,
    consolidations: Vec<Consolidation>,
    codes: Codes,
}

/// A stored consignment and what the sandbox keeps beside it.
#[derive(Debug)]
struct Record {
    /// The consignment as served (status, codes, parcels, delivery information).
    consignment: Consignment,
    /// The number of the next parcel code.
    next_parcel: u64,
    /// Per parcel code.
    parcels: HashMap<String, ParcelMeta>,
    /// The running weight and value.
    totals: ConsignmentTotals,
    /// The service and carrier when allocated.
    allocation: Option<Allocation>,
}

/// What the sandbox keeps about one parcel.
#[derive(Clone, Debug, Default)]
struct ParcelMeta {
    /// The shipper sent a weight: items do not change it.
    weight_declared: bool,
    /// The shipper sent a value: items do not change it.
    value_declared: bool,
    /// Its label has been generated since the last allocation.
    labelled: bool,
}

/// The carrier service of an allocated consignment.
#[derive(Clone, Debug)]
struct Allocation {
    service_code: String,
    carrier_code: String,
    currency: String,
}

/// A manifest and the consignments it took.
#[derive(Debug)]
struct Manifest {
    code: String,
    carrier_code: String,
    shipping_location_code: String,
    manifest_group_code: Option<String>,
    despatch_date: Option<DateTime<Utc>>,
    created: DateTime<Utc>,
    consignment_codes: Vec<String>,
}

/// Issues codes, never the same one twice.
#[derive(Debug, Default)]
struct Codes {
    issued: HashSet<String>,
}

impl Codes {
    /// `prefix` and `len` random characters of `alphabet`, never issued before.
    fn fresh(&mut self, prefix: &str, len: usize, alphabet: &[u8]) -> String {
        loop {
            let mut code = String::with_capacity(prefix.len() + len);
            code.push_str(prefix);
            for _ in 0..len {
                code.push(char::from(alphabet[fastrand::usize(..alphabet.len())]));
            }
            if self.issued.insert(code.clone()) {
                return code;
            }
        }
    }

    fn consignment(&mut self) -> String {
        self.fresh("DMC", 9, b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    }

    fn manifest(&mut self) -> String {
        self.fresh("DMM", 9, b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    }

    fn tracking(&mut self, prefix: &str) -> String {
        self.fresh(prefix, 10, b"0123456789")
    }
}

/// The filters of a consignment search; every given filter must match.
#[derive(Debug, Default)]
pub(crate) struct SearchFilter<'a> {
    /// An order's `orderRef`.
    pub(crate) order_reference: Option<&'a str>,
    /// The consignment's tracking identifier (a leg's, or `carrierConsignmentCode`).
    pub(crate) consignment_tracking_identifier: Option<&'a str>,
    /// A parcel's tracking identifier.
    pub(crate) parcel_tracking_identifier: Option<&'a str>,
    /// A parcel's code.
    pub(crate) parcel_code: Option<&'a str>,
}

/// The status of a consignment (`unallocated` when unset).
fn status(consignment: &Consignment) -> S {
    consignment.status.clone().unwrap_or(S::Unallocated)
}

/// Fails with 409 unless `record` is in a status `rule` accepts.
fn check(rule: &Rule, record: &Record) -> Result<(), ApiError> {
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

fn code_of(consignment: &Consignment) -> &str {
    consignment.consignment_code.as_deref().unwrap_or_default()
}

fn parcel_code_of(parcel: &Parcel) -> &str {
    parcel.parcel_code.as_deref().unwrap_or_default()
}

/// Rounds a weight to grams.
fn round_grams(weight: f64) -> f64 {
    (weight * 1000.0).round() / 1000.0
}

/// An item's quantity (1 when unset).
fn quantity(item: &Item) -> i64 {
    item.quantity.unwrap_or(1)
}

/// The weight of `units` of an item.
fn item_weight(item: &Item, units: i64) -> f64 {
    item.weight.as_ref().and_then(|w| w.value).unwrap_or(0.0) * units as f64
}

/// The value of `units` of an item.
fn item_value(item: &Item, units: i64) -> f64 {
    item.value.as_ref().and_then(|v| v.amount).unwrap_or(0.0) * units as f64
}

/// A parcel's weight: its own, else its items'.
fn parcel_weight(parcel: &Parcel) -> f64 {
    match parcel.weight.as_ref().and_then(|w| w.value) {
        Some(weight) => weight,
        None => parcel
            .items
            .iter()
            .flatten()
            .map(|item| item_weight(item, quantity(item)))
            .sum(),
    }
}

/// A parcel's value: its own, else its items'.
fn parcel_value(parcel: &Parcel) -> f64 {
    match parcel.value.as_ref().and_then(|v| v.amount) {
        Some(value) => value,
        None => parcel
            .items
            .iter()
            .flatten()
            .map(|item| item_value(item, quantity(item)))
            .sum(),
    }
}

/// What matching looks at in `consignment`.
fn shipment(consignment: &Consignment) -> Shipment<'_> {
    let parcels = consignment.parcels.as_deref().unwrap_or_default();
    Shipment {
        recipient_country: given_trimmed(
            consignment
                .recipient
                .as_ref()
                .and_then(|r| r.country_code.as_deref()),
        ),
        sender_code: given_trimmed(consignment.sender.as_ref().and_then(|s| s.code.as_deref())),
        sender_country: given_trimmed(
            consignment
                .sender
                .as_ref()
                .and_then(|s| s.country_code.as_deref()),
        ),
        parcel_count: parcels.len(),
        parcel_weights: parcels.iter().map(parcel_weight).collect(),
    }
}

/// The Shipping model of a catalogue service.
fn service_model(quote: &Quote<'_>) -> Service {
    Service {
        carrier_service: Some(CarrierService {
            code: Some(quote.service.code.clone()),
            name: Some(quote.service.name.clone()),
            carrier: Some(Carrier {
                code: Some(quote.carrier.code.clone()),
                name: Some(quote.carrier.name.clone()),
            }),
        }),
    }
}

/// `{"shippingCost": {amount, currencyCode}}`.
fn costs(amount: f64, currency: &str) -> ShippingCosts {
    ShippingCosts(HashMap::from([(
        "shippingCost".to_owned(),
        Money {
            amount: Some(round_cents(amount)),
            currency_code: Some(currency.to_owned()),
        },
    )]))
}

fn time_window((from, to): Window) -> TimeWindow {
    TimeWindow {
        from: Some(from),
        to: Some(to),
    }
}

/// A rate for one quote.
fn rate(quote: &Quote<'_>) -> Rate {
    Rate {
        collection_window: Some(time_window(quote.collection)),
        cutoff_date_time: Some(quote.collection.1),
        delivery_window: Some(time_window(quote.delivery)),
        service: Some(service_model(quote)),
        shipping_costs: Some(costs(quote.cost, &quote.service.currency)),
    }
}

/// The lines of an address, for paperwork.
fn address_lines(address: Option<&Address>, fallback: Option<&str>) -> Vec<String> {
    let Some(address) = address else {
        return fallback.map(str::to_owned).into_iter().collect();
    };
    let name = address
        .contact
        .as_ref()
        .and_then(|c| c.name.as_deref())
        .or(address.company_name.as_deref())
        .or(fallback);
    let city = [address.city.as_deref(), address.post_code.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    [
        name,
        address.address_line1.as_deref(),
        address.address_line2.as_deref(),
        Some(city.as_str()),
        address.country_code.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|line| !line.trim().is_empty())
    .map(str::to_owned)
    .collect()
}

impl Record {
    /// The status.
    fn status(&self) -> S {
        status(&self.consignment)
    }

    /// The parcels.
    fn parcels(&self) -> &[Parcel] {
        self.consignment.parcels.as_deref().unwrap_or_default()
    }

    /// The parcels, to change.
    fn parcels_mut(&mut self) -> &mut Vec<Parcel> {
        self.consignment.parcels.get_or_insert_with(Vec::new)
    }

    /// The index of the parcel with this code.
    fn parcel_index(&self, parcel_code: &str) -> Result<usize, ApiError> {
        self.parcels()
            .iter()
            .position(|p| p.parcel_code.as_deref() == Some(parcel_code))
            .ok_or_else(|| {
                ApiError::not_found(format!(
                    "parcel {parcel_code} of consignment {}",
                    code_of(&self.consignment)
                ))
            })
    }

    /// Sets `parcelIndex` to each parcel's position (1-based).
    fn reindex(&mut self) {
        for (index, parcel) in self.parcels_mut().iter_mut().enumerate() {
            parcel.parcel_index = Some(index as i64 + 1);
        }
    }

    /// Gives `parcel` a code (keeping `keep` when given) and derived weight and value, and
    /// records its meta. Returns the prepared parcel.
    fn intake_parcel(&mut self, mut parcel: Parcel, keep: Option<String>) -> Parcel {
        let code = keep.unwrap_or_else(|| {
            self.next_parcel += 1;
            format!("{}P{}", code_of(&self.consignment), self.next_parcel)
        });
        parcel.parcel_code = Some(code.clone());
        parcel.delivery_legs = None;
        for item in parcel.items.iter_mut().flatten() {
            item.quantity.get_or_insert(1);
        }
        let weight_declared = parcel.weight.as_ref().and_then(|w| w.value).is_some();
        let value_declared = parcel.value.as_ref().and_then(|v| v.amount).is_some();
        let has_items = parcel.items.as_ref().is_some_and(|items| !items.is_empty());
        if !weight_declared && has_items {
            parcel.weight = Some(Weight {
                value: Some(round_grams(parcel_weight(&parcel))),
            });
        }
        if !value_declared && has_items {
            parcel.value = Some(Money {
                amount: Some(round_cents(parcel_value(&parcel))),
                currency_code: self.totals.currency_code.clone(),
            });
        }
        self.parcels.insert(
            code,
            ParcelMeta {
                weight_declared,
                value_declared,
                labelled: false,
            },
        );
        parcel
    }

    /// Adds `delta` to the consignment's weight and `value` to its value.
    fn add_totals(&mut self, weight: f64, value: f64) {
        self.totals.weight = round_grams(self.totals.weight + weight);
        self.totals.value = round_cents(self.totals.value + value);
    }

    /// The consignment's currency: the first parcel value's, else the first order value's.
    fn currency(consignment: &Consignment) -> Option<String> {
        let parcels = consignment.parcels.iter().flatten();
        let from_parcels = parcels
            .filter_map(|p| p.value.as_ref())
            .find_map(|v| v.currency_code.clone());
        from_parcels.or_else(|| {
            consignment
                .orders
                .iter()
                .flatten()
                .filter_map(|o| o.value.as_ref())
                .find_map(|v| v.currency_code.clone())
        })
    }

    /// Replaces the consignment's data with `incoming` (keeping its code and the codes of
    /// the parcels that name one of its parcels), unallocated, and recomputes the totals.
    fn replace(&mut self, mut incoming: Consignment) {
        let code = self.consignment.consignment_code.clone();
        let existing: HashSet<String> = self
            .parcels()
            .iter()
            .filter_map(|p| p.parcel_code.clone())
            .collect();
        let parcels = incoming.parcels.take().unwrap_or_default();
        incoming.consignment_code = code;
        incoming.status = Some(S::Unallocated);
        incoming.delivery_information = None;
        incoming.service = None;
        incoming.allocated_date_time = None;
        incoming.carrier_consignment_code = None;
        incoming.type_.get_or_insert(ConsignmentType::Delivery);
        self.totals = ConsignmentTotals {
            currency_code: Record::currency(&Consignment {
                parcels: Some(parcels.clone()),
                orders: incoming.orders.clone(),
                ..Consignment::default()
            }),
            ..ConsignmentTotals::default()
        };
        self.consignment = incoming;
        self.allocation = None;
        self.parcels.clear();
        let mut seen = HashSet::new();
        let mut intake = Vec::with_capacity(parcels.len());
        for parcel in parcels {
            let keep = parcel
                .parcel_code
                .clone()
                .filter(|c| existing.contains(c) && seen.insert(c.clone()));
            let parcel = self.intake_parcel(parcel, keep);
            self.add_totals(parcel_weight(&parcel), parcel_value(&parcel));
            intake.push(parcel);
        }
        self.consignment.parcels = Some(intake);
        self.reindex();
    }

    /// Drops the allocation: delivery information, service, tracking identifiers, labels.
    fn deallocate(&mut self) {
        self.consignment.status = Some(S::Unallocated);
        self.consignment.delivery_information = None;
        self.consignment.service = None;
        self.consignment.allocated_date_time = None;
        self.consignment.carrier_consignment_code = None;
        for parcel in self.parcels_mut() {
            parcel.delivery_legs = None;
        }
        for meta in self.parcels.values_mut() {
            meta.labelled = false;
        }
        self.allocation = None;
    }

    /// Sets the shipping costs of the allocated service for the current parcel count.
    fn recalculate_costs(&mut self, catalogue: &ShippingCatalogue) {
        let Some(allocation) = &self.allocation else {
            return;
        };
        let Some(service) = catalogue.find_service(&allocation.service_code) else {
            return;
        };
        let extra = self.parcels().len().saturating_sub(1) as f64;
        let amount = service.cost + service.extra_parcel_cost * extra;
        let currency = allocation.currency.clone();
        if let Some(info) = self.consignment.delivery_information.as_mut() {
            info.shipping_costs = Some(costs(amount, &currency));
        }
    }

    /// Moves an allocated consignment whose parcels are all labelled to printed.
    fn maybe_printed(&mut self) {
        let all_labelled = self.parcels().iter().all(|parcel| {
            self.parcels
                .get(parcel_code_of(parcel))
                .is_some_and(|meta| meta.labelled)
        });
        if self.status() == S::Allocated && all_labelled {
            self.consignment.status = Some(S::Printed);
        }
    }

    /// The sender's country: its own, else its shipping location's.
    fn sender_country(&self, catalogue: &ShippingCatalogue) -> Option<String> {
        let sender = self.consignment.sender.as_ref();
        given_trimmed(sender.and_then(|s| s.country_code.as_deref()))
            .map(str::to_owned)
            .or_else(|| {
                let code = given_trimmed(sender.and_then(|s| s.code.as_deref()))?;
                catalogue
                    .shipping_locations()
                    .iter()
                    .find(|l| l.code == code)
                    .map(|l| l.country_code.clone())
            })
    }

    /// Whether the consignment crosses a border (customs documents apply).
    fn international(&self, catalogue: &ShippingCatalogue) -> bool {
        let recipient = given_trimmed(
            self.consignment
                .recipient
                .as_ref()
                .and_then(|r| r.country_code.as_deref()),
        );
        match (self.sender_country(catalogue), recipient) {
            (Some(from), Some(to)) => !from.eq_ignore_ascii_case(to),
            _ => false,
        }
    }

    /// The sender's lines for paperwork (the location's name when the address has none).
    fn sender_lines(&self, catalogue: &ShippingCatalogue) -> Vec<String> {
        let sender = self.consignment.sender.as_ref();
        let location_name =
            given_trimmed(sender.and_then(|s| s.code.as_deref())).and_then(|code| {
                catalogue
                    .shipping_locations()
                    .iter()
                    .find(|l| l.code == code)
                    .map(|l| l.name.as_str())
            });
        address_lines(sender, location_name)
    }

    /// The recipient on one line.
    fn recipient_line(&self) -> String {
        address_lines(self.consignment.recipient.as_ref(), None).join(", ")
    }

    /// The tracking identifiers of the parcels.
    fn parcel_tracking_identifiers(&self) -> Vec<String> {
        self.parcels()
            .iter()
            .flat_map(|p| p.delivery_legs.iter().flatten())
            .filter_map(|leg| leg.tracking_identifier.clone())
            .collect()
    }
}

/// Allocates `record` to the cheapest service matching `rules`; false (and no change) when
/// none does.
fn allocate(
    catalogue: &ShippingCatalogue,
    codes: &mut Codes,
    record: &mut Record,
    rules: &ShippingRules,
    now: DateTime<Utc>,
) -> bool {
    let quotes = catalogue.quotes(&shipment(&record.consignment), Some(rules), now);
    let Some(quote) = quotes.first() else {
        return false;
    };
    let service = service_model(quote);
    let prefix = quote.carrier.tracking_prefix.clone();
    let consignment_tracking = codes.tracking(&prefix);
    let consignment_url = quote.carrier.tracking_url_of(&consignment_tracking);
    for parcel in record.consignment.parcels.iter_mut().flatten() {
        let tracking = codes.tracking(&prefix);
        parcel.delivery_legs = Some(vec![ParcelDeliveryLeg {
            tracking_url: Some(quote.carrier.tracking_url_of(&tracking)),
            tracking_identifier: Some(tracking),
        }]);
    }
    for meta in record.parcels.values_mut() {
        meta.labelled = false;
    }
    record.consignment.delivery_information = Some(DeliveryInformation {
        collection_window: Some(time_window(quote.collection)),
        cutoff_date_time: Some(quote.collection.1),
        delivery_window: Some(time_window(quote.delivery)),
        legs: Some(vec![Leg {
            tracking_identifier: Some(consignment_tracking.clone()),
            tracking_links: Some(TrackingLinks {
                carrier: Some(consignment_url.clone()),
            }),
            tracking_url: Some(consignment_url),
        }]),
        service: Some(service.clone()),
        shipping_costs: Some(costs(quote.cost, &quote.service.currency)),
    });
    record.consignment.service = Some(service);
    record.consignment.allocated_date_time = Some(now);
    record.consignment.carrier_consignment_code = Some(consignment_tracking);
    record.consignment.status = Some(S::Allocated);
    record.allocation = Some(Allocation {
        service_code: quote.service.code.clone(),
        carrier_code: quote.carrier.code.clone(),
        currency: quote.service.currency.clone(),
    });
    true
}

impl ShippingStore {
    /// An empty store allocating against `catalogue`.
    pub(crate) fn new(catalogue: ShippingCatalogue) -> Self {
        Self {
            catalogue,
            consignments: Vec::new(),
            manifests: Vec::new(),
            consolidations: Vec::new(),
            codes: Codes::default(),
        }
    }

    fn index(&self, code: &str) -> Result<usize, ApiError> {
        self.consignments
            .iter()
            .position(|r| r.consignment.consignment_code.as_deref() == Some(code))
            .ok_or_else(|| ApiError::not_found(format!("consignment {code}")))
    }

    fn record(&self, code: &str) -> Result<&Record, ApiError> {
        self.index(code).map(|i| &self.consignments[i])
    }

    /// Creates a consignment; allocates it when `rules` are given and a service matches.
    pub(crate) fn create(
        &mut self,
        request: ConsignmentRequest,
        now: DateTime<Utc>,
    ) -> Consignment {
        let code = self.codes.consignment();
        let mut record = Record {
            consignment: Consignment {
                consignment_code: Some(code),
                ..Consignment::default()
            },
            next_parcel: 0,
            parcels: HashMap::new(),
            totals: ConsignmentTotals::default(),
            allocation: None,
        };
        record.replace(request.consignment);
        if let Some(rules) = &request.shipping_rules {
            allocate(&self.catalogue, &mut self.codes, &mut record, rules, now);
        }
        let consignment = record.consignment.clone();
        self.consignments.push(record);
        consignment
    }

    /// Creates a consignment, allocates it and, when allocated, returns its paperwork.
    pub(crate) fn create_with_paperwork(
        &mut self,
        request: ConsignmentRequest,
        options: &PaperworkOptions,
        now: DateTime<Utc>,
    ) -> (Consignment, Option<Paperwork>) {
        let consignment = self.create(request, now);
        let code = code_of(&consignment).to_owned();
        if status(&consignment) == S::Unallocated {
            return (consignment, None);
        }
        match self.paperwork(&code, None, options) {
            Ok(paperwork) => {
                let consignment = self.get(&code).unwrap_or(consignment);
                (consignment, Some(paperwork))
            }
            Err(_) => (consignment, None),
        }
    }

    /// The consignment with this code.
    pub(crate) fn get(&self, code: &str) -> Result<Consignment, ApiError> {
        self.record(code).map(|r| r.consignment.clone())
    }

    /// The consignments matching `filter`, in creation order.
    pub(crate) fn search(&self, filter: &SearchFilter<'_>) -> Vec<Consignment> {
        self.consignments
            .iter()
            .filter(|record| {
                let c = &record.consignment;
                let parcels = record.parcels();
                let order_matches = filter.order_reference.is_none_or(|wanted| {
                    c.orders
                        .iter()
                        .flatten()
                        .any(|o| o.order_ref.as_deref() == Some(wanted))
                });
                let consignment_tracking =
                    filter.consignment_tracking_identifier.is_none_or(|wanted| {
                        c.carrier_consignment_code.as_deref() == Some(wanted)
                            || c.delivery_information
                                .iter()
                                .flat_map(|d| d.legs.iter().flatten())
                                .any(|leg| leg.tracking_identifier.as_deref() == Some(wanted))
                    });
                let parcel_tracking = filter.parcel_tracking_identifier.is_none_or(|wanted| {
                    record
                        .parcel_tracking_identifiers()
                        .iter()
                        .any(|t| t == wanted)
                });
                let parcel_code = filter
                    .parcel_code
                    .is_none_or(|wanted| parcels.iter().any(|p| parcel_code_of(p) == wanted));
                order_matches && consignment_tracking && parcel_tracking && parcel_code
            })
            .map(|record| record.consignment.clone())
            .collect()
    }

    /// Replaces an unallocated consignment's data; allocates it when `rules` match.
    pub(crate) fn update(
        &mut self,
        code: &str,
        request: ConsignmentRequest,
        now: DateTime<Utc>,
    ) -> Result<Consignment, ApiError> {
        let index = self.index(code)?;
        check(&UPDATE, &self.consignments[index])?;
        let record = &mut self.consignments[index];
        record.replace(request.consignment);
        let kept: HashSet<String> = record.parcels.keys().cloned().collect();
        self.consolidations.retain(|link| {
            let inner_gone = link.consignment_code == code && !kept.contains(&link.parcel_code);
            let outer_gone = link.container_consignment_code == code
                && !kept.contains(&link.container_parcel_code);
            !inner_gone && !outer_gone
        });
        let record = &mut self.consignments[index];
        if let Some(rules) = &request.shipping_rules {
            allocate(&self.catalogue, &mut self.codes, record, rules, now);
        }
        Ok(record.consignment.clone())
    }

    /// Changes `manifestGroupCode` of an unallocated consignment (an empty value clears it).
    pub(crate) fn patch(
        &mut self,
        code: &str,
        patch: &ConsignmentPatch,
    ) -> Result<Consignment, ApiError> {
        let index = self.index(code)?;
        let record = &mut self.consignments[index];
        check(&PATCH, record)?;
        if let Some(group) = patch.get("manifestGroupCode") {
            record.consignment.manifest_group_code =
                given_trimmed(Some(group.as_str())).map(str::to_owned);
        }
        Ok(record.consignment.clone())
    }

    /// Deletes a consignment that is not manifested, and its consolidations.
    pub(crate) fn delete(&mut self, code: &str) -> Result<(), ApiError> {
        let index = self.index(code)?;
        check(&DELETE, &self.consignments[index])?;
        self.consignments.remove(index);
        self.consolidations.retain(|link| {
            link.consignment_code != code && link.container_consignment_code != code
        });
        Ok(())
    }

    /// The paperwork of the whole consignment, or of one parcel.
    pub(crate) fn paperwork(
        &mut self,
        code: &str,
        parcel_code: Option<&str>,
        options: &PaperworkOptions,
    ) -> Result<Paperwork, ApiError> {
        let index = self.index(code)?;
        let record = &self.consignments[index];
        let selected: Vec<usize> = match parcel_code {
            Some(parcel_code) => vec![record.parcel_index(parcel_code)?],
            None => (0..record.parcels().len()).collect(),
        };
        check(&PRINT, record)?;
        let catalogue = &self.catalogue;
        let labels = options.labels.then(|| {
            let contents: Vec<LabelContent> = selected
                .iter()
                .map(|&i| label_content(catalogue, record, i))
                .collect();
            paperwork::labels(options, &contents)
        });
        let customs = (options.customs && record.international(catalogue)).then(|| {
            let lines = customs_lines(selected.iter().map(|&i| &record.parcels()[i]));
            paperwork::customs_invoice(
                code,
                &record.sender_lines(catalogue),
                &address_lines(record.consignment.recipient.as_ref(), None),
                &lines,
            )
        });
        if labels.is_some() {
            let record = &mut self.consignments[index];
            let codes: Vec<String> = selected
                .iter()
                .map(|&i| parcel_code_of(&record.parcels()[i]).to_owned())
                .collect();
            for code in codes {
                if let Some(meta) = record.parcels.get_mut(&code) {
                    meta.labelled = true;
                }
            }
            record.maybe_printed();
        }
        Ok(Paperwork {
            customs: customs.map(|bytes| BASE64.encode(bytes)),
            labels: labels.map(|bytes| BASE64.encode(bytes)),
        })
    }

    /// Adds a parcel; an allocated consignment gives it a tracking identifier, and a printed
    /// or ready-to-manifest one goes back to allocated.
    pub(crate) fn add_parcel(&mut self, code: &str, parcel: Parcel) -> Result<Parcel, ApiError> {
        let index = self.index(code)?;
        check(&ADD_PARCEL, &self.consignments[index])?;
        let record = &mut self.consignments[index];
        let mut parcel = record.intake_parcel(parcel, None);
        record.add_totals(parcel_weight(&parcel), parcel_value(&parcel));
        if let Some(allocation) = record.allocation.clone()
            && let Some(carrier) = self.catalogue.find_carrier(&allocation.carrier_code)
        {
            let tracking = self.codes.tracking(&carrier.tracking_prefix);
            parcel.delivery_legs = Some(vec![ParcelDeliveryLeg {
                tracking_url: Some(carrier.tracking_url_of(&tracking)),
                tracking_identifier: Some(tracking),
            }]);
        }
        record.parcels_mut().push(parcel);
        record.reindex();
        if matches!(record.status(), S::Printed | S::ReadyToManifest) {
            record.consignment.status = Some(S::Allocated);
        }
        record.recalculate_costs(&self.catalogue);
        Ok(record.parcels().last().cloned().unwrap_or_default())
    }

    /// Removes a parcel of a multi-parcel consignment: its weight leaves the totals, the
    /// charges are recalculated, the status stays.
    pub(crate) fn remove_parcel(&mut self, code: &str, parcel_code: &str) -> Result<(), ApiError> {
        let index = self.index(code)?;
        let record = &mut self.consignments[index];
        let position = record.parcel_index(parcel_code)?;
        check(&REMOVE_PARCEL, record)?;
        if record.parcels().len() < 2 {
            return Err(ApiError::conflict(
                LAST_PARCEL,
                "Parcel cannot be removed because it is the only parcel of the consignment",
                format!(
                    "parcel {parcel_code} is the only parcel of consignment {code}; delete the consignment instead"
                ),
            ));
        }
        let parcel = record.parcels_mut().remove(position);
        record.parcels.remove(parcel_code);
        record.add_totals(-parcel_weight(&parcel), 0.0);
        record.reindex();
        record.recalculate_costs(&self.catalogue);
        record.maybe_printed();
        self.consolidations.retain(|link| {
            let inner = link.consignment_code == code && link.parcel_code == parcel_code;
            let outer = link.container_consignment_code == code
                && link.container_parcel_code == parcel_code;
            !inner && !outer
        });
        Ok(())
    }

    /// Consolidates an inner parcel into an outer consignment's parcel (replacing an earlier
    /// link of the same inner parcel).
    pub(crate) fn consolidate(
        &mut self,
        code: &str,
        parcel_code: &str,
        container_code: &str,
        container_parcel_code: &str,
    ) -> Result<(), ApiError> {
        let inner = self.record(code)?;
        inner.parcel_index(parcel_code)?;
        if container_code == code {
            return Err(ApiError::bad_request(
                "containerConsignmentCode: must be another consignment than the inner one",
            ));
        }
        let outer = self.record(container_code)?;
        outer.parcel_index(container_parcel_code)?;
        check(&CONSOLIDATE, inner)?;
        check(&CONSOLIDATE, outer)?;
        // Refuse cycles: follow the container chain up from the outer parcel.
        let mut cursor = (container_code.to_owned(), container_parcel_code.to_owned());
        for _ in 0..=self.consolidations.len() {
            if cursor.0 == code && cursor.1 == parcel_code {
                return Err(ApiError::bad_request(format!(
                    "containerParcelCode: parcel {container_parcel_code} is already inside parcel {parcel_code}; consolidating would make a cycle"
                )));
            }
            match self
                .consolidations
                .iter()
                .find(|l| l.consignment_code == cursor.0 && l.parcel_code == cursor.1)
            {
                Some(link) => {
                    cursor = (
                        link.container_consignment_code.clone(),
                        link.container_parcel_code.clone(),
                    );
                }
                None => break,
            }
        }
        self.consolidations
            .retain(|l| !(l.consignment_code == code && l.parcel_code == parcel_code));
        self.consolidations.push(Consolidation {
            consignment_code: code.to_owned(),
            parcel_code: parcel_code.to_owned(),
            container_consignment_code: container_code.to_owned(),
            container_parcel_code: container_parcel_code.to_owned(),
        });
        Ok(())
    }

    /// Removes the consolidation of an inner parcel.
    pub(crate) fn unconsolidate(&mut self, code: &str, parcel_code: &str) -> Result<(), ApiError> {
        let inner = self.record(code)?;
        inner.parcel_index(parcel_code)?;
        check(&UNCONSOLIDATE, inner)?;
        let position = self
            .consolidations
            .iter()
            .position(|l| l.consignment_code == code && l.parcel_code == parcel_code)
            .ok_or_else(|| {
                ApiError::not_found(format!(
                    "a consolidation of parcel {parcel_code} of consignment {code}"
                ))
            })?;
        if let Ok(outer) = self.record(&self.consolidations[position].container_consignment_code) {
            check(&UNCONSOLIDATE, outer)?;
        }
        self.consolidations.remove(position);
        Ok(())
    }

    /// Adds an item to a parcel (merging its quantity into an item with the same `itemRef`).
    pub(crate) fn add_item(
        &mut self,
        code: &str,
        parcel_code: &str,
        item: Item,
    ) -> Result<(), ApiError> {
        let index = self.index(code)?;
        let record = &mut self.consignments[index];
        let position = record.parcel_index(parcel_code)?;
        check(&ADD_ITEM, record)?;
        let units = quantity(&item);
        let weight = item_weight(&item, units);
        let value = item_value(&item, units);
        let meta = record.parcels.get(parcel_code).cloned().unwrap_or_default();
        let currency = record.totals.currency_code.clone();
        let parcel = &mut record.parcels_mut()[position];
        let items = parcel.items.get_or_insert_with(Vec::new);
        match items.iter_mut().find(|i| i.item_ref == item.item_ref) {
            Some(existing) => existing.quantity = Some(quantity(existing).saturating_add(units)),
            None => {
                let mut item = item;
                item.quantity = Some(units);
                items.push(item);
            }
        }
        let weight = if meta.weight_declared { 0.0 } else { weight };
        let value = if meta.value_declared { 0.0 } else { value };
        adjust_parcel(parcel, weight, value, currency);
        record.add_totals(weight, value);
        Ok(())
    }

    /// Removes `quantity_to_delete` units (all when `None`) of an item from a parcel.
    pub(crate) fn remove_item(
        &mut self,
        code: &str,
        parcel_code: &str,
        item_ref: &str,
        quantity_to_delete: Option<i64>,
    ) -> Result<(), ApiError> {
        let index = self.index(code)?;
        let record = &mut self.consignments[index];
        let position = record.parcel_index(parcel_code)?;
        check(&REMOVE_ITEM, record)?;
        let meta = record.parcels.get(parcel_code).cloned().unwrap_or_default();
        let currency = record.totals.currency_code.clone();
        let parcel = &mut record.parcels_mut()[position];
        let items = parcel.items.get_or_insert_with(Vec::new);
        let item_index = items
            .iter()
            .position(|i| i.item_ref.as_deref() == Some(item_ref))
            .ok_or_else(|| {
                ApiError::not_found(format!("item {item_ref} of parcel {parcel_code}"))
            })?;
        let held = quantity(&items[item_index]);
        let units = quantity_to_delete.unwrap_or(held).min(held);
        let weight = item_weight(&items[item_index], units);
        let value = item_value(&items[item_index], units);
        if units >= held {
            items.remove(item_index);
        } else {
            items[item_index].quantity = Some(held - units);
        }
        let weight = if meta.weight_declared { 0.0 } else { -weight };
        let value = if meta.value_declared { 0.0 } else { -value };
        adjust_parcel(parcel, weight, value, currency);
        record.add_totals(weight, value);
        Ok(())
    }

    /// Allocates an unallocated consignment; `None` when no service matches.
    pub(crate) fn allocate(
        &mut self,
        code: &str,
        rules: &ShippingRules,
        now: DateTime<Utc>,
    ) -> Result<Option<Consignment>, ApiError> {
        let index = self.index(code)?;
        let record = &mut self.consignments[index];
        check(&ALLOCATE, record)?;
        let allocated = allocate(&self.catalogue, &mut self.codes, record, rules, now);
        Ok(allocated.then(|| record.consignment.clone()))
    }

    /// Deallocates an allocated, printed or ready-to-manifest consignment.
    pub(crate) fn deallocate(&mut self, code: &str) -> Result<(), ApiError> {
        let index = self.index(code)?;
        let record = &mut self.consignments[index];
        check(&DEALLOCATE, record)?;
        record.deallocate();
        Ok(())
    }

    /// Flags a printed consignment ready to manifest (`true`), or a ready-to-manifest one
    /// back to printed (`false`).
    pub(crate) fn set_ready_to_ship(&mut self, code: &str, ready: bool) -> Result<(), ApiError> {
        let index = self.index(code)?;
        let record = &mut self.consignments[index];
        if ready {
            check(&READY_TO_SHIP, record)?;
            record.consignment.status = Some(S::ReadyToManifest);
        } else {
            check(&NOT_READY_TO_SHIP, record)?;
            record.consignment.status = Some(S::Printed);
        }
        Ok(())
    }

    /// Whether a service could be allocated to this consignment and rules now.
    pub(crate) fn can_allocate(&self, request: &ConsignmentRequest, now: DateTime<Utc>) -> bool {
        !self.quotes(request, now).is_empty()
    }

    /// The rates of every matching service, cheapest first.
    pub(crate) fn rates(&self, request: &ConsignmentRequest, now: DateTime<Utc>) -> Vec<Rate> {
        self.quotes(request, now).iter().map(rate).collect()
    }

    fn quotes(&self, request: &ConsignmentRequest, now: DateTime<Utc>) -> Vec<Quote<'_>> {
        self.catalogue.quotes(
            &shipment(&request.consignment),
            request.shipping_rules.as_ref(),
            now,
        )
    }

    /// Manifests every ready-to-manifest consignment of the carrier and shipping location
    /// (and manifest group, and despatch date when `specificDateOnly`); returns the code.
    pub(crate) fn create_manifest(
        &mut self,
        request: &ManifestRequest,
        now: DateTime<Utc>,
    ) -> Result<String, ApiError> {
        let carrier_code = given_trimmed(request.carrier_code.as_deref()).unwrap_or_default();
        let location_code =
            given_trimmed(request.shipping_location_code.as_deref()).unwrap_or_default();
        let group = given_trimmed(request.manifest_group_code.as_deref());
        let specific_date = request
            .despatch_date
            .filter(|_| request.specific_date_only == Some(true))
            .map(|d| d.date_naive());
        let eligible: Vec<usize> = self
            .consignments
            .iter()
            .enumerate()
            .filter(|(_, record)| {
                let c = &record.consignment;
                record.status() == S::ReadyToManifest
                    && record
                        .allocation
                        .as_ref()
                        .is_some_and(|a| a.carrier_code == carrier_code)
                    && given_trimmed(c.sender.as_ref().and_then(|s| s.code.as_deref()))
                        == Some(location_code)
                    && group.is_none_or(|g| c.manifest_group_code.as_deref() == Some(g))
                    && specific_date.is_none_or(|day| {
                        c.delivery_information
                            .as_ref()
                            .and_then(|d| d.collection_window.as_ref())
                            .and_then(|w| w.from)
                            .is_some_and(|from| from.date_naive() == day)
                    })
            })
            .map(|(index, _)| index)
            .collect();
        if eligible.is_empty() {
            let group = group.map_or(String::new(), |g| format!(", manifestGroupCode {g}"));
            return Err(ApiError::bad_request(format!(
                "carrierCode, shippingLocationCode: no readyToManifest consignment of carrier {carrier_code} ships from {location_code}{group}"
            ))
            .with_code(NOTHING_TO_MANIFEST));
        }
        let code = self.codes.manifest();
        let mut consignment_codes = Vec::with_capacity(eligible.len());
        for index in eligible {
            let record = &mut self.consignments[index];
            record.consignment.status = Some(S::Manifested);
            consignment_codes.push(code_of(&record.consignment).to_owned());
        }
        self.manifests.push(Manifest {
            code: code.clone(),
            carrier_code: carrier_code.to_owned(),
            shipping_location_code: location_code.to_owned(),
            manifest_group_code: group.map(str::to_owned),
            despatch_date: request.despatch_date,
            created: now,
            consignment_codes,
        });
        Ok(code)
    }

    /// The manifest document (and, when some consignments cross a border, a consolidated
    /// clearance label and a commercial invoice).
    pub(crate) fn manifest_paperwork(&self, code: &str) -> Result<ManifestPaperwork, ApiError> {
        let manifest = self
            .manifests
            .iter()
            .find(|m| m.code == code)
            .ok_or_else(|| ApiError::not_found(format!("manifest {code}")))?;
        let records: Vec<&Record> = manifest
            .consignment_codes
            .iter()
            .filter_map(|c| self.record(c).ok())
            .collect();
        let carrier = self
            .catalogue
            .find_carrier(&manifest.carrier_code)
            .map_or(manifest.carrier_code.clone(), |c| {
                format!("{} ({})", c.name, c.code)
            });
        let mut header = vec![
            format!("Carrier: {carrier}"),
            format!("Shipping location: {}", manifest.shipping_location_code),
            format!("Created: {}", manifest.created.format("%Y-%m-%d %H:%M UTC")),
        ];
        if let Some(group) = &manifest.manifest_group_code {
            header.push(format!("Manifest group: {group}"));
        }
        if let Some(date) = manifest.despatch_date {
            header.push(format!("Despatch date: {}", date.format("%Y-%m-%d")));
        }
        let lines: Vec<ManifestLine> = records
            .iter()
            .map(|record| ManifestLine {
                consignment_code: code_of(&record.consignment).to_owned(),
                service: record
                    .allocation
                    .as_ref()
                    .map(|a| a.service_code.clone())
                    .unwrap_or_default(),
                parcels: record.parcels().len(),
                tracking_identifiers: record.parcel_tracking_identifiers(),
                recipient: record.recipient_line(),
            })
            .collect();
        let international: Vec<&&Record> = records
            .iter()
            .filter(|r| r.international(&self.catalogue))
            .collect();
        let (clearance, invoice) = if international.is_empty() {
            (None, None)
        } else {
            let codes: Vec<String> = international
                .iter()
                .map(|r| code_of(&r.consignment).to_owned())
                .collect();
            let items = customs_lines(international.iter().flat_map(|r| r.parcels().iter()));
            let sender = international
                .first()
                .map(|r| r.sender_lines(&self.catalogue))
                .unwrap_or_default();
            (
                Some(paperwork::clearance_label(code, &codes)),
                Some(paperwork::customs_invoice(
                    code,
                    &sender,
                    &["Several recipients: see the manifest".to_owned()],
                    &items,
                )),
            )
        };
        Ok(ManifestPaperwork {
            commercial_invoice: invoice.map(|b| BASE64.encode(b)),
            consolidated_clearance_label: clearance.map(|b| BASE64.encode(b)),
            manifest: Some(BASE64.encode(paperwork::manifest(code, &header, &lines))),
        })
    }

    /// The catalogue's carriers.
    pub(crate) fn carriers(&self) -> Vec<Carrier> {
        self.catalogue
            .carriers()
            .iter()
            .map(|c| Carrier {
                code: Some(c.code.clone()),
                name: Some(c.name.clone()),
            })
            .collect()
    }

    /// The services of one carrier (code and name only, as Metapack lists them).
    pub(crate) fn services(&self, carrier_code: &str) -> Result<Vec<CarrierService>, ApiError> {
        if self.catalogue.find_carrier(carrier_code).is_none() {
            return Err(ApiError::not_found(format!("carrier {carrier_code}")));
        }
        Ok(self
            .catalogue
            .services()
            .iter()
            .filter(|s| s.carrier_code == carrier_code)
            .map(|s| CarrierService {
                carrier: None,
                code: Some(s.code.clone()),
                name: Some(s.name.clone()),
            })
            .collect())
    }

    /// The catalogue's shipping locations.
    pub(crate) fn shipping_locations(&self) -> Vec<ShippingLocation> {
        self.catalogue
            .shipping_locations()
            .iter()
            .map(|l| ShippingLocation {
                code: Some(l.code.clone()),
                name: Some(l.name.clone()),
            })
            .collect()
    }

    /// The running weight and value of a consignment.
    pub(crate) fn totals(&self, code: &str) -> Option<ConsignmentTotals> {
        self.record(code).ok().map(|r| r.totals.clone())
    }

    /// Every consolidation, oldest first.
    pub(crate) fn consolidations(&self) -> Vec<Consolidation> {
        self.consolidations.clone()
    }
}

/// Changes a parcel's weight and value by these amounts (only when they are not zero).
fn adjust_parcel(parcel: &mut Parcel, weight: f64, value: f64, currency: Option<String>) {
    if weight != 0.0 {
        let current = parcel.weight.as_ref().and_then(|w| w.value).unwrap_or(0.0);
        parcel.weight = Some(Weight {
            value: Some(round_grams(current + weight)),
        });
    }
    if value != 0.0 {
        let current = parcel.value.as_ref().and_then(|v| v.amount).unwrap_or(0.0);
        let currency_code = parcel
            .value
            .as_ref()
            .and_then(|v| v.currency_code.clone())
            .or(currency);
        parcel.value = Some(Money {
            amount: Some(round_cents(current + value)),
            currency_code,
        });
    }
}

/// What the label of parcel `index` of `record` shows.
fn label_content(catalogue: &ShippingCatalogue, record: &Record, index: usize) -> LabelContent {
    let parcel = &record.parcels()[index];
    let service = record
        .consignment
        .service
        .as_ref()
        .and_then(|s| s.carrier_service.as_ref());
    LabelContent {
        consignment_code: code_of(&record.consignment).to_owned(),
        parcel_code: parcel_code_of(parcel).to_owned(),
        position: (index + 1, record.parcels().len()),
        tracking_identifier: parcel
            .delivery_legs
            .iter()
            .flatten()
            .find_map(|leg| leg.tracking_identifier.clone())
            .unwrap_or_default(),
        carrier: service
            .and_then(|s| s.carrier.as_ref())
            .and_then(|c| c.name.clone())
            .unwrap_or_default(),
        service: service.and_then(|s| s.name.clone()).unwrap_or_default(),
        sender: record.sender_lines(catalogue),
        recipient: address_lines(record.consignment.recipient.as_ref(), None),
        weight: parcel.weight.as_ref().and_then(|w| w.value),
        delivery_date: record
            .consignment
            .delivery_information
            .as_ref()
            .and_then(|d| d.delivery_window.as_ref())
            .and_then(|w| w.from)
            .map(|from| from.format("%Y-%m-%d").to_string()),
    }
}

/// The customs lines of these parcels' items.
fn customs_lines<'a>(parcels: impl Iterator<Item = &'a Parcel>) -> Vec<CustomsLine> {
    let mut lines = Vec::new();
    for parcel in parcels {
        for item in parcel.items.iter().flatten() {
            let text = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_owned());
            lines.push(CustomsLine {
                parcel_code: parcel_code_of(parcel).to_owned(),
                item_ref: text(&item.item_ref),
                description: text(&item.description),
                harmonised_code: text(&item.harmonised_code),
                country_of_origin: text(&item.country_of_origin),
                quantity: quantity(item),
                value: item
                    .value
                    .as_ref()
                    .and_then(|v| v.amount)
                    .map_or_else(|| "-".to_owned(), |a| format!("{a:.2}")),
            });
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(json: serde_json::Value) -> ConsignmentRequest {
        serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
    }

    fn gb_consignment() -> serde_json::Value {
        serde_json::json!({
            "consignment": {
                "sender": {"code": "WH-LONDON"},
                "recipient": {"countryCode": "GBR", "postCode": "M1 1AA"},
                "parcels": [{"weight": {"value": 1.0}, "value": {"amount": 10.0, "currencyCode": "GBP"}}]
            }
        })
    }

    #[test]
    fn codes_look_like_metapack_codes() {
        let mut codes = Codes::default();
        let code = codes.consignment();
        assert_eq!(code.len(), 12);
        assert!(code.starts_with("DMC"));
        assert!(
            code[3..]
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        );
        assert!(codes.manifest().starts_with("DMM"));
    }

    #[test]
    fn conflicts_name_the_status_and_operation() {
        let mut store = ShippingStore::new(ShippingCatalogue::default());
        let created = store.create(request(gb_consignment()), Utc::now());
        let code = code_of(&created).to_owned();
        let error = store.deallocate(&code).err();
        let error = error.unwrap_or_else(|| panic!("deallocating an unallocated consignment"));
        assert_eq!(error.status(), axum::http::StatusCode::CONFLICT);
        assert_eq!(error.error_code(), STATUS_CONFLICT);
    }

    #[test]
    fn parcel_codes_are_never_reused() {
        let mut store = ShippingStore::new(ShippingCatalogue::default());
        let created = store.create(request(gb_consignment()), Utc::now());
        let code = code_of(&created).to_owned();
        let second = store.add_parcel(&code, Parcel::default());
        let second = second.unwrap_or_default();
        assert_eq!(second.parcel_code, Some(format!("{code}P2")));
        assert!(store.remove_parcel(&code, &format!("{code}P2")).is_ok());
        let third = store
            .add_parcel(&code, Parcel::default())
            .unwrap_or_default();
        assert_eq!(third.parcel_code, Some(format!("{code}P3")));
        assert_eq!(third.parcel_index, Some(2));
    }
}
