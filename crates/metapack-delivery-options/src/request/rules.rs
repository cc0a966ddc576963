//! The documented rules of `GET /find`: [`FindOptions::build`] checks a search and turns it
//! into a [`ValidFind`], lists joined and slots written as they travel.

use std::fmt::Write as _;
use std::num::NonZeroU64;

use chrono::{Datelike, NaiveDateTime, Timelike};

use super::inputs::{FindOptions, Parcel};
use super::query::ValidFind;
use crate::error::FindError;
use crate::types::OptionType;

/// The default of `e_w` (total weight), which `e_maxweight` is checked against when no total
/// weight is set.
const DEFAULT_TOTAL_WEIGHT: f64 = 0.01;

impl FindOptions {
    /// Checks every documented rule and encodes the query; see [`FindError`] for the rules.
    pub fn build(&self) -> Result<ValidFind, FindError> {
        let wh = &self.warehouse;
        let dest = &self.destination;

        // Required parameters and codes.
        if is_blank(&wh.code) {
            return Err(FindError::MissingWarehouseCode);
        }
        if is_blank(&dest.country) {
            return Err(FindError::MissingDeliveryCountry);
        }
        country_code("c_cc", &dest.country)?;
        if let Some(cc) = &wh.country {
            country_code("wh_cc", cc)?;
        }

        // Where to: a postal code, coordinates, or both.
        match (dest.postcode.as_deref(), dest.coordinates) {
            (None, None) => return Err(FindError::MissingDeliveryLocation),
            (Some(pc), None) if is_blank(pc) => return Err(FindError::MissingDeliveryLocation),
            (Some(pc), Some(_)) if is_blank(pc) => {
                return Err(FindError::BlankValue { parameter: "c_pc" });
            }
            _ => {}
        }
        if let Some((lat, long)) = dest.coordinates {
            if !(-90.0..=90.0).contains(&lat) {
                return Err(FindError::LatitudeOutOfRange { value: lat });
            }
            if !(-180.0..=180.0).contains(&long) {
                return Err(FindError::LongitudeOutOfRange { value: long });
            }
        }
        if let Some(radius) = self.radius
            && !(1..=100_000).contains(&radius)
        {
            return Err(FindError::RadiusOutOfRange { value: radius });
        }

        // Optional texts are not blank once set.
        not_blank("wh_pc", wh.postcode.as_deref())?;
        for (parameter, line) in ["wh_l1", "wh_l2", "wh_l3", "wh_l4"]
            .into_iter()
            .zip(&wh.lines)
        {
            not_blank(parameter, line.as_deref())?;
        }
        for (parameter, line) in ["c_l1", "c_l2", "c_l3", "c_l4"]
            .into_iter()
            .zip(&dest.lines)
        {
            not_blank(parameter, line.as_deref())?;
        }

        // Comma-separated lists.
        let option_type = match &self.option_types {
            None => None,
            Some(types) => {
                let mut unique: Vec<&str> = Vec::with_capacity(types.len());
                for t in types {
                    if !unique.contains(&t.as_str()) {
                        unique.push(t.as_str());
                    }
                }
                Some(join_list("optionType", unique)?)
            }
        };
        let incgrp = opt_list("incgrp", self.include_groups.as_deref())?;
        let excgrp = opt_list("excgrp", self.exclude_groups.as_deref())?;
        let hazmat_codes = opt_list("hazmat_codes", self.hazmat_codes.as_deref())?;

        // Numbers.
        let e_w = self.total_weight.map(|v| float32("e_w", v)).transpose()?;
        let e_maxweight = self
            .heaviest_parcel_weight
            .map(|v| float32("e_maxweight", v))
            .transpose()?;
        let (e_v, e_v_currency) = match &self.value {
            Some((amount, currency)) => (
                Some(float32("e_v", *amount)?),
                Some(currency_code("e_v_currency", currency)?),
            ),
            None => (None, None),
        };
        let (cod_amount, cod_currency) = match &self.cash_on_delivery {
            Some((amount, currency)) => (
                Some(non_negative("cod_amount", *amount)?),
                Some(currency_code("cod_currency", currency)?),
            ),
            None => (None, None),
        };

        // Parcels: one list per measurement, one value per parcel (e_n values).
        let mut parcel_lists: [Option<String>; 4] = Default::default();
        if let Some(parcels) = &self.parcels {
            let count = len_u32(parcels.len());
            if count == 0 {
                return Err(FindError::ZeroParcelCount);
            }
            if let Some(parcel_count) = self.parcel_count
                && parcel_count != count
            {
                return Err(FindError::ParcelCountMismatch {
                    parcel_count,
                    parcels: count,
                });
            }
            let measures: [(&'static str, Measure); 4] = [
                ("parcelDepth", |p| p.depth),
                ("parcelHeight", |p| p.height),
                ("parcelWeight", |p| p.weight),
                ("parcelWidth", |p| p.width),
            ];
            for ((parameter, measure), slot) in measures.into_iter().zip(&mut parcel_lists) {
                if parcels.iter().all(|p| measure(p).is_none()) {
                    continue;
                }
                let mut joined = String::with_capacity(parcels.len() * 6);
                for (i, parcel) in parcels.iter().enumerate() {
                    let position = len_u32(i + 1);
                    let value = measure(parcel).ok_or(FindError::ParcelMeasurementMissing {
                        parcel: position,
                        parcels: count,
                        parameter,
                    })?;
                    let value = non_negative(parameter, value).map_err(|_| {
                        FindError::InvalidParcelMeasurement {
                            parcel: position,
                            parameter,
                            value,
                        }
                    })?;
                    if i > 0 {
                        joined.push(',');
                    }
                    joined.push_str(ryu::Buffer::new().format(value));
                }
                *slot = Some(joined);
            }
            if self.consignment_level_details == Some(true) {
                return Err(FindError::ParcelDetailsAtConsignmentLevel);
            }
        }
        let e_n = self
            .parcel_count
            .or_else(|| self.parcels.as_ref().map(|p| len_u32(p.len())));
        if e_n == Some(0) {
            return Err(FindError::ZeroParcelCount);
        }
        let [parcel_depth, parcel_height, parcel_weight, parcel_width] = parcel_lists;
        let consignment_level_details_flag = if self.parcels.is_some() {
            Some(false)
        } else {
            self.consignment_level_details
        };

        // SKUs describe the consignment instead of parcels and estimates.
        let skus = match &self.skus {
            None => None,
            Some(parcels) => {
                let conflicting = [
                    ("e_maxdim", self.largest_dimension.is_some()),
                    ("e_maxweight", self.heaviest_parcel_weight.is_some()),
                    ("e_n", self.parcel_count.is_some()),
                    ("e_w", self.total_weight.is_some()),
                    ("parcelHeight", parcel_height.is_some()),
                    ("parcelWidth", parcel_width.is_some()),
                    ("parcelDepth", parcel_depth.is_some()),
                    ("parcelWeight", parcel_weight.is_some()),
                    ("e_n", self.parcels.is_some()),
                ];
                if let Some((conflicting, _)) = conflicting.into_iter().find(|(_, set)| *set) {
                    return Err(FindError::SkusWithConsignmentDetails { conflicting });
                }
                Some(join_skus(parcels)?)
            }
        };

        // The heaviest parcel weighs between the average parcel and the whole consignment.
        if let Some(heaviest) = e_maxweight
            && heaviest > 0.0
        {
            let heaviest = f64::from(heaviest);
            let total = e_w.map_or(DEFAULT_TOTAL_WEIGHT, f64::from);
            let tolerance = 1e-6 * total.max(1.0);
            if heaviest > total + tolerance {
                return Err(FindError::HeaviestParcelAboveTotalWeight { heaviest, total });
            }
            let average = total / f64::from(e_n.unwrap_or(1));
            if heaviest < average - tolerance {
                return Err(FindError::HeaviestParcelBelowAverage { heaviest, average });
            }
        }

        // limit versus own stores.
        if let Some(limit) = self.limit {
            if limit == 0 {
                return Err(FindError::LimitBelowOne);
            }
            if self.min_own.is_some() || self.max_own.is_some() {
                return Err(FindError::LimitWithOwnStoreCounts);
            }
            let own_stores_requested = self
                .option_types
                .as_ref()
                .is_none_or(|types| types.contains(&OptionType::Ownstore));
            if own_stores_requested {
                return Err(FindError::LimitWithOwnStores);
            }
        }
        if let Some(min) = self.min_own
            && !(1..=20).contains(&min)
        {
            return Err(FindError::MinOwnOutOfRange { value: min });
        }
        if let Some(max) = self.max_own
            && !(1..=50).contains(&max)
        {
            return Err(FindError::MaxOwnOutOfRange { value: max });
        }
        if let (Some(min), Some(max)) = (self.min_own, self.max_own)
            && min > max
        {
            return Err(FindError::MinOwnAboveMaxOwn { min, max });
        }

        // Slots.
        let acceptable_delivery_slots = self
            .delivery_slot
            .map(|slot| encode_slot("acceptableDeliverySlots", slot))
            .transpose()?;
        let acceptable_collection_slots = self
            .collection_slot
            .map(|slot| encode_slot("acceptableCollectionSlots", slot))
            .transpose()?;

        // custom1 to custom10.
        let mut custom: [Option<String>; 10] = Default::default();
        for (&index, value) in &self.custom {
            if !(1..=10).contains(&index) {
                return Err(FindError::CustomIndexOutOfRange { index });
            }
            let slot = &mut custom[usize::from(index - 1)];
            not_blank(CUSTOM_NAMES[usize::from(index - 1)], Some(value))?;
            *slot = Some(value.clone());
        }

        Ok(ValidFind {
            acceptable_collection_slots,
            acceptable_delivery_slots,
            c_address_type: dest.address_type,
            c_cc: dest.country.clone(),
            c_lines: dest.lines.clone(),
            c_lat: dest.coordinates.map(|(lat, _)| lat),
            c_long: dest.coordinates.map(|(_, long)| long),
            c_pc: dest.postcode.clone(),
            cod_amount,
            cod_currency,
            consignment_level_details_flag,
            custom,
            dimensions_unit: self.dimension_unit,
            e_maxdim: self.largest_dimension,
            e_maxweight,
            e_n,
            e_v,
            e_v_currency,
            e_w,
            excgrp,
            hazmat_codes,
            incgrp,
            limit: self.limit.map(nonzero),
            maxown: self.max_own.map(nonzero),
            minown: self.min_own.map(nonzero),
            multi_country: self.multi_country,
            option_type,
            parcel_depth,
            parcel_height,
            parcel_weight,
            parcel_width,
            r_t: self.sort,
            radius: self.radius.map(nonzero),
            skus,
            weight_unit: self.weight_unit,
            wh_cc: wh.country.clone(),
            wh_code: wh.code.clone(),
            wh_lines: wh.lines.clone(),
            wh_pc: wh.postcode.clone(),
            trace_id: self.trace_id,
        })
    }
}

/// Reads one measurement of a parcel.
type Measure = fn(&Parcel) -> Option<f64>;

/// The names of `custom1` to `custom10`, for errors.
const CUSTOM_NAMES: [&str; 10] = [
    "custom1", "custom2", "custom3", "custom4", "custom5", "custom6", "custom7", "custom8",
    "custom9", "custom10",
];

fn is_blank(value: &str) -> bool {
    value.trim().is_empty()
}

fn not_blank(parameter: &'static str, value: Option<&str>) -> Result<(), FindError> {
    match value {
        Some(v) if is_blank(v) => Err(FindError::BlankValue { parameter }),
        _ => Ok(()),
    }
}

fn three_letters(value: &str) -> bool {
    value.len() == 3 && value.bytes().all(|b| b.is_ascii_alphabetic())
}

fn country_code(parameter: &'static str, value: &str) -> Result<(), FindError> {
    if three_letters(value) {
        Ok(())
    } else {
        Err(FindError::InvalidCountryCode {
            parameter,
            value: value.to_owned(),
        })
    }
}

fn currency_code(parameter: &'static str, value: &str) -> Result<String, FindError> {
    if three_letters(value) {
        Ok(value.to_owned())
    } else {
        Err(FindError::InvalidCurrencyCode {
            parameter,
            value: value.to_owned(),
        })
    }
}

fn non_negative(parameter: &'static str, value: f64) -> Result<f64, FindError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(FindError::InvalidNumber { parameter, value })
    }
}

/// A non-negative number that travels as a 32-bit float (`format: float` in the spec).
#[allow(clippy::cast_possible_truncation)]
fn float32(parameter: &'static str, value: f64) -> Result<f32, FindError> {
    let narrow = non_negative(parameter, value)? as f32;
    if narrow.is_finite() {
        Ok(narrow)
    } else {
        Err(FindError::InvalidNumber { parameter, value })
    }
}

fn len_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

fn nonzero(value: u32) -> NonZeroU64 {
    // Callers have checked the ranges (limit, minown, maxown >= 1; radius >= 1).
    NonZeroU64::new(u64::from(value)).unwrap_or(NonZeroU64::MIN)
}

fn check_item(parameter: &'static str, item: &str) -> Result<(), FindError> {
    if is_blank(item) {
        return Err(FindError::BlankValue { parameter });
    }
    if item.contains(',') {
        return Err(FindError::SeparatorInValue {
            parameter,
            separator: ',',
            value: item.to_owned(),
        });
    }
    Ok(())
}

fn join_list<'a>(
    parameter: &'static str,
    items: impl IntoIterator<Item = &'a str>,
) -> Result<String, FindError> {
    let mut joined = String::new();
    for (i, item) in items.into_iter().enumerate() {
        check_item(parameter, item)?;
        if i > 0 {
            joined.push(',');
        }
        joined.push_str(item);
    }
    if joined.is_empty() {
        return Err(FindError::EmptyList { parameter });
    }
    Ok(joined)
}

fn opt_list(
    parameter: &'static str,
    items: Option<&[String]>,
) -> Result<Option<String>, FindError> {
    items
        .map(|items| join_list(parameter, items.iter().map(String::as_str)))
        .transpose()
}

fn join_skus(parcels: &[Vec<String>]) -> Result<String, FindError> {
    if parcels.is_empty() {
        return Err(FindError::EmptyList { parameter: "skus" });
    }
    let mut joined = String::new();
    for (i, skus) in parcels.iter().enumerate() {
        let parcel = len_u32(i + 1);
        if skus.is_empty() {
            return Err(FindError::EmptyParcelSkus { parcel });
        }
        if i > 0 {
            joined.push(';');
        }
        for (j, sku) in skus.iter().enumerate() {
            if is_blank(sku) {
                return Err(FindError::BlankSku { parcel });
            }
            if let Some(separator) = sku.chars().find(|c| matches!(c, ',' | ';')) {
                return Err(FindError::SeparatorInSku {
                    parcel,
                    separator,
                    sku: sku.clone(),
                });
            }
            if j > 0 {
                joined.push(',');
            }
            joined.push_str(sku);
        }
    }
    Ok(joined)
}

/// `from,to`, each as the docs' example writes timestamps: `2022-04-05 00:00:00`.
fn encode_slot(
    parameter: &'static str,
    (from, to): (NaiveDateTime, NaiveDateTime),
) -> Result<String, FindError> {
    if from > to {
        return Err(FindError::SlotOutOfOrder {
            parameter,
            from,
            to,
        });
    }
    let mut out = String::with_capacity(39);
    write_timestamp(&mut out, from);
    out.push(',');
    write_timestamp(&mut out, to);
    Ok(out)
}

fn write_timestamp(out: &mut String, at: NaiveDateTime) {
    let _ = write!(
        out,
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn slots_are_written_like_the_docs_example() {
        let day = NaiveDate::from_ymd_opt(2022, 4, 5).expect("date");
        let to = NaiveDate::from_ymd_opt(2022, 4, 11).expect("date");
        let slot = encode_slot(
            "acceptableDeliverySlots",
            (
                day.and_hms_milli_opt(0, 0, 0, 999).expect("time"),
                to.and_hms_opt(23, 59, 59).expect("time"),
            ),
        )
        .expect("in order");
        assert_eq!(slot, "2022-04-05 00:00:00,2022-04-11 23:59:59");
    }
}
