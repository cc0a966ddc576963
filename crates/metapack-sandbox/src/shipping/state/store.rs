//! The Shipping store: consignments, manifests and consolidations, and every operation on them.

use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use metapack_shipping::types::{
    Carrier, CarrierService, Consignment, ConsignmentPatch, ConsignmentRequest, Item,
    ManifestPaperwork, ManifestRequest, Paperwork, Parcel, ParcelDeliveryLeg, Rate,
    ShippingLocation, ShippingRules,
};

use crate::paperwork::{self, LabelContent, ManifestLine, PaperworkOptions};
use crate::server::{ApiError, given_trimmed};
use crate::shipping::catalogue::{Quote, ShippingCatalogue};

use super::*;
use crate::world::{self, World};

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
    /// In no particular order (a deletion moves the last one into the gap); `Record::seq`
    /// gives creation order.
    consignments: Vec<Record>,
    /// Consignment code to position.
    by_code: HashMap<String, usize>,
    /// Search keys (`o:` order reference, `c:` consignment tracking identifier, `t:` parcel
    /// tracking identifier, `p:` parcel code) to positions. Only ever added to: candidates
    /// are checked against the whole filter.
    lookup: HashMap<String, Vec<usize>>,
    next_seq: u64,
    manifests: Vec<Manifest>,
    consolidations: Vec<Consolidation>,
    codes: Codes,
    /// The Tracking store allocations publish to, and the clock.
    world: World,
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

impl ShippingStore {
    /// An empty store allocating against `catalogue`, with a world of its own.
    #[cfg(test)]
    pub(crate) fn new(catalogue: ShippingCatalogue) -> Self {
        Self::with_world(catalogue, World::default())
    }

    /// An empty store allocating against `catalogue` and publishing to `world`.
    pub(crate) fn with_world(catalogue: ShippingCatalogue, world: World) -> Self {
        Self {
            catalogue,
            consignments: Vec::new(),
            by_code: HashMap::new(),
            lookup: HashMap::new(),
            next_seq: 0,
            manifests: Vec::new(),
            consolidations: Vec::new(),
            codes: Codes::default(),
            world,
        }
    }

    /// What the sandbox clock reads.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.world.now()
    }

    fn index(&self, code: &str) -> Result<usize, ApiError> {
        self.by_code
            .get(code)
            .copied()
            .filter(|&i| i < self.consignments.len())
            .ok_or_else(|| ApiError::not_found(format!("consignment {code}")))
    }

    /// Adds the search keys of the consignment at `index` to the lookup.
    fn remember(&mut self, index: usize) {
        let Some(record) = self.consignments.get(index) else {
            return;
        };
        let c = &record.consignment;
        let orders = c
            .orders
            .iter()
            .flatten()
            .filter_map(|o| o.order_ref.as_deref())
            .map(|r| format!("o:{r}"));
        let consignment_tracking = c
            .carrier_consignment_code
            .iter()
            .map(String::as_str)
            .chain(
                c.delivery_information
                    .iter()
                    .flat_map(|d| d.legs.iter().flatten())
                    .filter_map(|leg| leg.tracking_identifier.as_deref()),
            )
            .map(|t| format!("c:{t}"));
        let parcel_tracking = record
            .parcel_tracking_identifiers()
            .into_iter()
            .map(|t| format!("t:{t}"));
        let parcel_codes = record
            .parcels()
            .iter()
            .map(|p| format!("p:{}", parcel_code_of(p)));
        let keys: Vec<String> = orders
            .chain(consignment_tracking)
            .chain(parcel_tracking)
            .chain(parcel_codes)
            .collect();
        for key in keys {
            let positions = self.lookup.entry(key).or_default();
            if !positions.contains(&index) {
                positions.push(index);
            }
        }
    }

    /// Publishes the allocated parcels of the consignment at `index` (only `parcel_code`
    /// when given) to the Tracking store.
    fn track(&self, index: usize, parcel_code: Option<&str>, now: DateTime<Utc>) {
        let Some(record) = self.consignments.get(index) else {
            return;
        };
        let Some(allocation) = &record.allocation else {
            return;
        };
        let carriage = world::shipping::Carriage {
            carrier: self.catalogue.find_carrier(&allocation.carrier_code),
            carrier_code: &allocation.carrier_code,
            service_code: &allocation.service_code,
        };
        let parcels = world::shipping::parcels(&record.consignment, &carriage, parcel_code);
        self.world.allocated(parcels, now);
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
        self.next_seq += 1;
        let mut record = Record {
            seq: self.next_seq,
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
        let allocated = request.shipping_rules.as_ref().is_some_and(|rules| {
            allocate(&self.catalogue, &mut self.codes, &mut record, rules, now)
        });
        let consignment = record.consignment.clone();
        let index = self.consignments.len();
        self.by_code.insert(code_of(&consignment).to_owned(), index);
        self.consignments.push(record);
        self.remember(index);
        if allocated {
            self.track(index, None, now);
        }
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
        let key = filter
            .order_reference
            .map(|r| format!("o:{r}"))
            .or_else(|| {
                filter
                    .consignment_tracking_identifier
                    .map(|t| format!("c:{t}"))
            })
            .or_else(|| filter.parcel_tracking_identifier.map(|t| format!("t:{t}")))
            .or_else(|| filter.parcel_code.map(|p| format!("p:{p}")));
        let candidates: Vec<&Record> = match key {
            Some(key) => self
                .lookup
                .get(&key)
                .into_iter()
                .flatten()
                .filter_map(|&i| self.consignments.get(i))
                .collect(),
            None => self.consignments.iter().collect(),
        };
        let mut found: Vec<&Record> = candidates
            .into_iter()
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
            .collect();
        found.sort_by_key(|record| record.seq);
        found.dedup_by_key(|record| record.seq);
        found
            .into_iter()
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
        let allocated = request
            .shipping_rules
            .as_ref()
            .is_some_and(|rules| allocate(&self.catalogue, &mut self.codes, record, rules, now));
        self.remember(index);
        if allocated {
            self.track(index, None, now);
        }
        Ok(self.consignments[index].consignment.clone())
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
        let removed = self.consignments.swap_remove(index);
        self.by_code.remove(code);
        if let Some(moved) = self.consignments.get(index) {
            self.by_code
                .insert(code_of(&moved.consignment).to_owned(), index);
            self.remember(index);
        }
        if removed.allocation.is_some() {
            let now = self.world.now();
            self.world
                .cancelled(&removed.parcel_tracking_identifiers(), now);
        }
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
        let added = record.parcels().last().cloned().unwrap_or_default();
        self.remember(index);
        if added.delivery_legs.is_some() {
            let now = self.world.now();
            self.track(index, added.parcel_code.as_deref(), now);
        }
        Ok(added)
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
        let tracking: Vec<String> = parcel
            .delivery_legs
            .iter()
            .flatten()
            .filter_map(|leg| leg.tracking_identifier.clone())
            .collect();
        if !tracking.is_empty() {
            self.world.cancelled(&tracking, self.world.now());
        }
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
        if !allocate(&self.catalogue, &mut self.codes, record, rules, now) {
            return Ok(None);
        }
        self.remember(index);
        self.track(index, None, now);
        Ok(Some(self.consignments[index].consignment.clone()))
    }

    /// Deallocates an allocated, printed or ready-to-manifest consignment.
    pub(crate) fn deallocate(&mut self, code: &str) -> Result<(), ApiError> {
        let index = self.index(code)?;
        let record = &mut self.consignments[index];
        check(&DEALLOCATE, record)?;
        let tracking = record.parcel_tracking_identifiers();
        record.deallocate();
        self.world.cancelled(&tracking, self.world.now());
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
        let mut eligible = eligible;
        eligible.sort_by_key(|&index| self.consignments[index].seq);
        if eligible.is_empty() {
            let group = group.map_or(String::new(), |g| format!(", manifestGroupCode {g}"));
            return Err(ApiError::bad_request(format!(
                "carrierCode, shippingLocationCode: no readyToManifest consignment of carrier {carrier_code} ships from {location_code}{group}"
            ))
            .with_code(NOTHING_TO_MANIFEST));
        }
        let code = self.codes.manifest();
        let mut consignment_codes = Vec::with_capacity(eligible.len());
        let mut despatched = Vec::new();
        for index in eligible {
            let record = &mut self.consignments[index];
            record.consignment.status = Some(S::Manifested);
            consignment_codes.push(code_of(&record.consignment).to_owned());
            despatched.extend(record.parcel_tracking_identifiers());
        }
        self.world.despatched(&despatched, now);
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
