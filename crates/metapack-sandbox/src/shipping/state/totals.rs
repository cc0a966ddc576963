//! Weights and values: of items, parcels and the running consignment totals.

use metapack_shipping::types::{Item, Money, Parcel, Weight};

use crate::catalogue::round_cents;

/// The running weight and value of a consignment, which the Shipping model has no field
/// for: see [`crate::ShippingApi::consignment_totals`] for how they change.
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

/// Rounds a weight to grams.
pub(super) fn round_grams(weight: f64) -> f64 {
    (weight * 1000.0).round() / 1000.0
}

/// An item's quantity (1 when unset).
pub(super) fn quantity(item: &Item) -> i64 {
    item.quantity.unwrap_or(1)
}

/// The weight of `units` of an item.
pub(super) fn item_weight(item: &Item, units: i64) -> f64 {
    item.weight.as_ref().and_then(|w| w.value).unwrap_or(0.0) * units as f64
}

/// The value of `units` of an item.
pub(super) fn item_value(item: &Item, units: i64) -> f64 {
    item.value.as_ref().and_then(|v| v.amount).unwrap_or(0.0) * units as f64
}

/// A parcel's weight: its own, else its items'.
pub(super) fn parcel_weight(parcel: &Parcel) -> f64 {
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
pub(super) fn parcel_value(parcel: &Parcel) -> f64 {
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

/// Changes a parcel's weight and value by these amounts (only when they are not zero).
pub(super) fn adjust_parcel(
    parcel: &mut Parcel,
    weight: f64,
    value: f64,
    currency: Option<String>,
) {
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
