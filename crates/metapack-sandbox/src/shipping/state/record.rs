//! One stored consignment (its parcels' meta, totals and allocation), code issuing and allocation.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use metapack_shipping::types::{
    Consignment, ConsignmentType, DeliveryInformation, Leg, Money, Parcel, ParcelDeliveryLeg,
    ShippingRules, TrackingLinks, Weight,
};

use crate::catalogue::round_cents;
use crate::server::{ApiError, given_trimmed};
use crate::shipping::catalogue::ShippingCatalogue;

use super::*;

/// A stored consignment and what the sandbox keeps beside it.
#[derive(Debug)]
pub(super) struct Record {
    /// Creation order (positions change when a consignment is deleted).
    pub(super) seq: u64,
    /// The consignment as served (status, codes, parcels, delivery information).
    pub(super) consignment: Consignment,
    /// The number of the next parcel code.
    pub(super) next_parcel: u64,
    /// Per parcel code.
    pub(super) parcels: HashMap<String, ParcelMeta>,
    /// The running weight and value.
    pub(super) totals: ConsignmentTotals,
    /// The service and carrier when allocated.
    pub(super) allocation: Option<Allocation>,
}

/// What the sandbox keeps about one parcel.
#[derive(Clone, Debug, Default)]
pub(super) struct ParcelMeta {
    /// The shipper sent a weight: items do not change it.
    pub(super) weight_declared: bool,
    /// The shipper sent a value: items do not change it.
    pub(super) value_declared: bool,
    /// Its label has been generated since the last allocation.
    pub(super) labelled: bool,
}

/// The carrier service of an allocated consignment.
#[derive(Clone, Debug)]
pub(super) struct Allocation {
    pub(super) service_code: String,
    pub(super) carrier_code: String,
    pub(super) currency: String,
}

/// Issues codes, never the same one twice.
#[derive(Debug, Default)]
pub(super) struct Codes {
    issued: HashSet<String>,
}

impl Codes {
    /// `prefix` and `len` random characters of `alphabet`, never issued before.
    pub(super) fn fresh(&mut self, prefix: &str, len: usize, alphabet: &[u8]) -> String {
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

    pub(super) fn consignment(&mut self) -> String {
        self.fresh("DMC", 9, b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    }

    pub(super) fn manifest(&mut self) -> String {
        self.fresh("DMM", 9, b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    }

    pub(super) fn tracking(&mut self, prefix: &str) -> String {
        self.fresh(prefix, 10, b"0123456789")
    }
}

impl Record {
    /// The status.
    pub(super) fn status(&self) -> S {
        status(&self.consignment)
    }

    /// The parcels.
    pub(super) fn parcels(&self) -> &[Parcel] {
        self.consignment.parcels.as_deref().unwrap_or_default()
    }

    /// The parcels, to change.
    pub(super) fn parcels_mut(&mut self) -> &mut Vec<Parcel> {
        self.consignment.parcels.get_or_insert_with(Vec::new)
    }

    /// The index of the parcel with this code.
    pub(super) fn parcel_index(&self, parcel_code: &str) -> Result<usize, ApiError> {
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
    pub(super) fn reindex(&mut self) {
        for (index, parcel) in self.parcels_mut().iter_mut().enumerate() {
            parcel.parcel_index = Some(index as i64 + 1);
        }
    }

    /// Gives `parcel` a code (keeping `keep` when given) and derived weight and value, and
    /// records its meta. Returns the prepared parcel.
    pub(super) fn intake_parcel(&mut self, mut parcel: Parcel, keep: Option<String>) -> Parcel {
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
    pub(super) fn add_totals(&mut self, weight: f64, value: f64) {
        self.totals.weight = round_grams(self.totals.weight + weight);
        self.totals.value = round_cents(self.totals.value + value);
    }

    /// The consignment's currency: the first parcel value's, else the first order value's.
    pub(super) fn currency(consignment: &Consignment) -> Option<String> {
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
    pub(super) fn replace(&mut self, mut incoming: Consignment) {
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
    pub(super) fn deallocate(&mut self) {
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
    pub(super) fn recalculate_costs(&mut self, catalogue: &ShippingCatalogue) {
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
    pub(super) fn maybe_printed(&mut self) {
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
    pub(super) fn sender_country(&self, catalogue: &ShippingCatalogue) -> Option<String> {
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
    pub(super) fn international(&self, catalogue: &ShippingCatalogue) -> bool {
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
    pub(super) fn sender_lines(&self, catalogue: &ShippingCatalogue) -> Vec<String> {
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
    pub(super) fn recipient_line(&self) -> String {
        address_lines(self.consignment.recipient.as_ref(), None).join(", ")
    }

    /// The tracking identifiers of the parcels.
    pub(super) fn parcel_tracking_identifiers(&self) -> Vec<String> {
        self.parcels()
            .iter()
            .flat_map(|p| p.delivery_legs.iter().flatten())
            .filter_map(|leg| leg.tracking_identifier.clone())
            .collect()
    }
}

/// Allocates `record` to the cheapest service matching `rules`; false (and no change) when
/// none does.
pub(super) fn allocate(
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
