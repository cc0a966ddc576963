//! The query of `GET /find`, read from the raw `name=value` pairs and checked against every
//! rule of the spec's parameter descriptions, in this one place.
//!
//! The client crate checks its own typed builder before sending; the sandbox is the server
//! side and checks whatever arrives, independently: a raw `reqwest` call, the generated
//! request builder, or another language's client. The first broken rule answers 400 with a
//! message starting with the parameter's name (`radius: must be a whole number from 1 to
//! 100000 (got "0")`).
//!
//! The closed lists (`c_address_type`, `weight_unit`, `dimensions_unit`, `optionType`, `r_t`)
//! are the sandbox's own tables, [`crate::values::delivery_options`]; the client crate's enums
//! only hold the values once they are accepted.
//!
//! Blank values count as absent (`c_l1=` is no address line). Scalar parameters sent twice are
//! refused; list parameters (`optionType`, `incgrp`, the slots, `parcel*`, ...) may be sent
//! once comma-separated or several times, and their values are joined.

use std::collections::HashMap;

use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use metapack_delivery_options::types::{DimensionsUnit, OptionType, SortType, WeightUnit};

use crate::server::{FieldError, TRACE_ID_HEADER};
use crate::values::delivery_options as values;

/// The query parameter carrying the API key.
pub(crate) const KEY_PARAMETER: &str = "key";

/// `radius` when it is not sent, in metres.
pub(crate) const DEFAULT_RADIUS: u32 = 1000;
/// `maxown` when it is not sent.
pub(crate) const DEFAULT_MAX_OWN: u32 = 50;
/// `e_w` when it is not sent, in the weight unit.
pub(crate) const DEFAULT_TOTAL_WEIGHT: f64 = 0.01;

/// Kilograms in a pound.
const KG_PER_LB: f64 = 0.453_592_37;
/// Centimetres in an inch.
const CM_PER_IN: f64 = 2.54;
/// How far apart two weights may be and still count as equal (they travel as 32-bit floats).
const WEIGHT_TOLERANCE: f64 = 1e-6;

/// The per-parcel lists, which need `consignmentLevelDetailsFlag=false` and `e_n` values.
const PARCEL_LISTS: [&str; 4] = ["parcelHeight", "parcelWidth", "parcelDepth", "parcelWeight"];

/// What `skus` cannot be combined with.
const NOT_WITH_SKUS: [&str; 8] = [
    "e_maxdim",
    "e_maxweight",
    "e_n",
    "e_w",
    "parcelHeight",
    "parcelWidth",
    "parcelDepth",
    "parcelWeight",
];

/// Free-text parameters: only checked for being sent once.
const TEXTS: [&str; 9] = [
    "wh_pc", "wh_l1", "wh_l2", "wh_l3", "wh_l4", "c_l1", "c_l2", "c_l3", "c_l4",
];

/// A search, as the query asked for it, after every rule passed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FindQuery {
    /// `wh_code`.
    pub(crate) warehouse: String,
    /// `c_cc`, upper-cased.
    pub(crate) country: String,
    /// `c_pc`.
    pub(crate) postcode: Option<String>,
    /// `c_lat` and `c_long`.
    pub(crate) coordinates: Option<(f64, f64)>,
    /// `optionType`: the types asked for, HOME, PUDO and OWNSTORE when omitted.
    pub(crate) option_types: Vec<OptionType>,
    /// `multiCountry`.
    pub(crate) multi_country: bool,
    /// `radius`, in metres.
    pub(crate) radius: u32,
    /// `minown`.
    pub(crate) min_own: Option<u32>,
    /// `maxown`.
    pub(crate) max_own: u32,
    /// `limit`.
    pub(crate) limit: Option<usize>,
    /// `r_t`.
    pub(crate) sort: Option<SortType>,
    /// `incgrp`.
    pub(crate) include_groups: Vec<String>,
    /// `excgrp`.
    pub(crate) exclude_groups: Vec<String>,
    /// `acceptableDeliverySlots`.
    pub(crate) delivery_slot: Option<Slot>,
    /// `acceptableCollectionSlots`.
    pub(crate) collection_slot: Option<Slot>,
    /// What the consignment's parcels come to.
    pub(crate) parcels: Parcels,
    /// The `traceId` header.
    pub(crate) trace_id: Option<String>,
}

impl FindQuery {
    /// Whether options of this type were asked for.
    pub(crate) fn wants(&self, option_type: &OptionType) -> bool {
        self.option_types.contains(option_type)
    }
}

/// An acceptable window: from the first timestamp to the second (open-ended when only one is
/// sent). Timestamps without a zone are UTC.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Slot {
    /// The start.
    pub(crate) from: DateTime<Utc>,
    /// The end, if sent.
    pub(crate) to: Option<DateTime<Utc>>,
}

/// The consignment as the services' limits see it, in kilograms and centimetres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Parcels {
    /// How many parcels: `e_n`, the SKU groups of `skus`, or 1.
    pub(crate) count: u32,
    /// The heaviest parcel: the largest `parcelWeight`, else `e_maxweight`, else `e_w` shared
    /// equally (0.01 when not sent).
    pub(crate) heaviest_kg: f64,
    /// The largest dimension of any parcel: the largest `parcelHeight`, `parcelWidth` or
    /// `parcelDepth`, else `e_maxdim` when above 0; unknown otherwise.
    pub(crate) largest_cm: Option<f64>,
}

/// Reads `pairs` (and the `traceId` header) into a [`FindQuery`], or the first broken rule.
pub(crate) fn parse(
    pairs: &[(String, String)],
    headers: &HeaderMap,
) -> Result<FindQuery, FieldError> {
    let p = Params { pairs };

    // A request carries at most 10 custom parameters, custom1 to custom10.
    for (name, _) in pairs {
        if let Some(index) = name.strip_prefix("custom")
            && !index.is_empty()
            && index.bytes().all(|b| b.is_ascii_digit())
            && !matches!(index.parse::<u32>(), Ok(1..=10))
        {
            return Err(FieldError::new(
                name.clone(),
                "custom parameters are custom1 to custom10 (a request carries at most 10)",
            ));
        }
    }
    for index in 1..=10 {
        p.text(&format!("custom{index}"))?;
    }
    for name in TEXTS {
        p.text(name)?;
    }

    // The warehouse.
    let warehouse = p.required("wh_code")?.to_owned();
    p.country_code("wh_cc")?;

    // The delivery address.
    let country = p
        .country_code("c_cc")?
        .ok_or_else(|| FieldError::new("c_cc", "required query parameter is missing"))?;
    let lat = p.number("c_lat")?;
    if let Some(lat) = lat
        && !(-90.0..=90.0).contains(&lat)
    {
        return Err(FieldError::new(
            "c_lat",
            format!("must be a latitude between -90 and 90 degrees (got {lat})"),
        ));
    }
    let long = p.number("c_long")?;
    if let Some(long) = long
        && !(-180.0..=180.0).contains(&long)
    {
        return Err(FieldError::new(
            "c_long",
            format!("must be a longitude between -180 and 180 degrees (got {long})"),
        ));
    }
    let coordinates = match (lat, long) {
        (Some(lat), Some(long)) => Some((lat, long)),
        (Some(_), None) => {
            return Err(FieldError::new(
                "c_long",
                "is required when c_lat is sent: the point is c_lat with c_long, or c_pc",
            ));
        }
        (None, Some(_)) => {
            return Err(FieldError::new(
                "c_lat",
                "is required when c_long is sent: the point is c_lat with c_long, or c_pc",
            ));
        }
        (None, None) => None,
    };
    let postcode = p.text("c_pc")?.map(str::to_owned);
    if postcode.is_none() && coordinates.is_none() {
        return Err(FieldError::new(
            "c_pc",
            "the delivery address needs a postal code (c_pc) or coordinates (c_lat and c_long)",
        ));
    }
    if let Some(kind) = p.text("c_address_type")? {
        values::ADDRESS_TYPE.check("c_address_type", kind)?;
    }

    // The consignment.
    let consignment_level = p.boolean("consignmentLevelDetailsFlag")?.unwrap_or(true);
    let e_maxdim = p.whole("e_maxdim", 0, None)?;
    let e_maxweight = p.non_negative("e_maxweight")?;
    let weight_unit = match p.text("weight_unit")? {
        None => WeightUnit::Kg,
        Some(unit) => {
            values::WEIGHT_UNIT.check("weight_unit", unit)?;
            WeightUnit::parse(unit)
        }
    };
    let dimensions_unit = match p.text("dimensions_unit")? {
        None => DimensionsUnit::Cm,
        Some(unit) => {
            values::DIMENSIONS_UNIT.check("dimensions_unit", unit)?;
            DimensionsUnit::parse(unit)
        }
    };
    let e_n = p.whole("e_n", 1, None)?;
    let e_w = p.non_negative("e_w")?;
    p.non_negative("e_v")?;
    p.currency_code("e_v_currency")?;
    p.non_negative("cod_amount")?;
    p.currency_code("cod_currency")?;
    let mut parcel_lists: Vec<(&'static str, Vec<f64>)> = Vec::new();
    for name in PARCEL_LISTS {
        if let Some(values) = p.numbers(name)? {
            parcel_lists.push((name, values));
        }
    }
    let skus = p.text("skus")?;

    // The search.
    let limit = p.whole("limit", 1, None)?;
    let option_types = p.option_types()?;
    let multi_country = p.boolean("multiCountry")?.unwrap_or(false);
    let radius = p.whole("radius", 1, Some(100_000))?;
    let min_own = p.whole("minown", 1, Some(20))?;
    let max_own = p.whole("maxown", 1, Some(50))?;
    let sort = match p.text("r_t")? {
        None => None,
        Some(code) => {
            values::RETURN_TYPE.check("r_t", code)?;
            Some(SortType::parse(code))
        }
    };
    let include_groups = p.list("incgrp");
    let exclude_groups = p.list("excgrp");
    let collection_slot = p.slot("acceptableCollectionSlots")?;
    let delivery_slot = p.slot("acceptableDeliverySlots")?;
    let trace_id = trace_id(headers)?;

    // Rules across parameters.
    if skus.is_some()
        && let Some(conflicting) = NOT_WITH_SKUS.into_iter().find(|name| p.sent(name))
    {
        return Err(FieldError::new(
            "skus",
            format!(
                "cannot be combined with {conflicting}: describe the consignment either by its SKUs or by e_maxdim, e_maxweight, e_n, e_w and the parcel* lists"
            ),
        ));
    }
    let parcel_count = e_n.unwrap_or(1);
    for (name, values) in &parcel_lists {
        if consignment_level {
            return Err(FieldError::new(
                *name,
                "gives per-parcel details, which need consignmentLevelDetailsFlag=false",
            ));
        }
        if values.len() as u64 != parcel_count {
            return Err(FieldError::new(
                *name,
                format!(
                    "must hold exactly e_n = {parcel_count} values, one per parcel (got {})",
                    values.len()
                ),
            ));
        }
    }
    let total_weight = e_w.unwrap_or(DEFAULT_TOTAL_WEIGHT);
    if let Some(heaviest) = e_maxweight.filter(|w| *w > 0.0) {
        let tolerance = WEIGHT_TOLERANCE * total_weight.max(1.0);
        if heaviest > total_weight + tolerance {
            return Err(FieldError::new(
                "e_maxweight",
                format!(
                    "the heaviest parcel ({heaviest}) must not exceed e_w, the total weight ({total_weight}{})",
                    if e_w.is_none() { ", its default" } else { "" }
                ),
            ));
        }
        let average = total_weight / parcel_count as f64;
        if heaviest < average - tolerance {
            return Err(FieldError::new(
                "e_maxweight",
                format!(
                    "the heaviest parcel ({heaviest}) must be at least e_w / e_n, the average parcel ({average})"
                ),
            ));
        }
    }
    if limit.is_some() {
        if min_own.is_some() || max_own.is_some() {
            return Err(FieldError::new(
                "limit",
                "cannot be combined with minown or maxown",
            ));
        }
        if option_types.contains(&OptionType::Ownstore) {
            return Err(FieldError::new(
                "limit",
                "is not allowed when OWNSTORE options are requested (an omitted optionType requests HOME, PUDO and OWNSTORE): send optionType without OWNSTORE, or drop limit",
            ));
        }
    }
    if let (Some(min), Some(max)) = (min_own, max_own)
        && min > max
    {
        return Err(FieldError::new(
            "minown",
            format!("must not exceed maxown ({min} > {max})"),
        ));
    }

    // What the parcels come to, in kilograms and centimetres.
    let kg = match weight_unit {
        WeightUnit::Lb => KG_PER_LB,
        _ => 1.0,
    };
    let cm = match dimensions_unit {
        DimensionsUnit::In => CM_PER_IN,
        _ => 1.0,
    };
    let count = match skus {
        Some(skus) => skus
            .split(';')
            .filter(|group| !group.trim().is_empty())
            .count(),
        None => usize::try_from(parcel_count).unwrap_or(usize::MAX),
    }
    .max(1);
    let list = |name: &str| {
        parcel_lists
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    };
    let largest = |values: &[f64]| values.iter().copied().fold(0.0_f64, f64::max);
    let heaviest = match (list("parcelWeight"), e_maxweight.filter(|w| *w > 0.0)) {
        (Some(weights), _) => largest(weights),
        (None, Some(heaviest)) => heaviest,
        (None, None) => total_weight / count as f64,
    };
    let dimensions: Vec<f64> = ["parcelHeight", "parcelWidth", "parcelDepth"]
        .into_iter()
        .filter_map(list)
        .flatten()
        .copied()
        .collect();
    let largest_dimension = if dimensions.is_empty() {
        e_maxdim.filter(|d| *d > 0).map(|d| d as f64)
    } else {
        Some(largest(&dimensions))
    };

    Ok(FindQuery {
        warehouse,
        country,
        postcode,
        coordinates,
        option_types,
        multi_country,
        radius: radius.map_or(DEFAULT_RADIUS, narrow),
        min_own: min_own.map(narrow),
        max_own: max_own.map_or(DEFAULT_MAX_OWN, narrow),
        limit: limit.map(|l| usize::try_from(l).unwrap_or(usize::MAX)),
        sort,
        include_groups,
        exclude_groups,
        delivery_slot,
        collection_slot,
        parcels: Parcels {
            count: u32::try_from(count).unwrap_or(u32::MAX),
            heaviest_kg: heaviest * kg,
            largest_cm: largest_dimension.map(|d| d * cm),
        },
        trace_id,
    })
}

/// A whole number already checked to be in a small range.
fn narrow(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The `traceId` header: absent, or a UUID.
fn trace_id(headers: &HeaderMap) -> Result<Option<String>, FieldError> {
    let Some(value) = headers.get(TRACE_ID_HEADER) else {
        return Ok(None);
    };
    let problem = || {
        FieldError::new(
            "traceId",
            "the traceId header must be a UUID such as 2bd19526-7abb-42b5-ad53-77c4d94af0df",
        )
    };
    let value = value.to_str().map_err(|_| problem())?.trim();
    uuid::Uuid::try_parse(value).map_err(|_| problem())?;
    Ok(Some(value.to_owned()))
}

/// `header.inputParameters`: every query parameter received, each name mapped to its values
/// split at commas (a name sent several times gets all its values, in order).
///
/// The `key` parameter is left out rather than redacted: it is the credential, not a search
/// parameter, and a placeholder in its place would read like a value that was received.
pub(crate) fn input_parameters(pairs: &[(String, String)]) -> HashMap<String, Vec<String>> {
    let mut parameters: HashMap<String, Vec<String>> = HashMap::new();
    for (name, value) in pairs {
        if name == KEY_PARAMETER {
            continue;
        }
        parameters
            .entry(name.clone())
            .or_default()
            .extend(value.split(',').map(str::to_owned));
    }
    parameters
}

/// The raw pairs, read parameter by parameter.
struct Params<'a> {
    pairs: &'a [(String, String)],
}

impl<'a> Params<'a> {
    /// Whether `name` was sent with a value that is not blank.
    fn sent(&self, name: &str) -> bool {
        self.pairs
            .iter()
            .any(|(n, v)| n == name && !v.trim().is_empty())
    }

    /// The one value of a scalar parameter, trimmed; `None` when absent or blank; 400 when it
    /// is sent more than once.
    fn text(&self, name: &str) -> Result<Option<&'a str>, FieldError> {
        let mut values = self.pairs.iter().filter(|(n, _)| n == name);
        let first = values.next();
        if values.next().is_some() {
            return Err(FieldError::new(
                name.to_owned(),
                "is sent more than once: send it once",
            ));
        }
        Ok(first.map(|(_, v)| v.trim()).filter(|v| !v.is_empty()))
    }

    /// A required scalar parameter.
    fn required(&self, name: &'static str) -> Result<&'a str, FieldError> {
        self.text(name)?
            .ok_or_else(|| FieldError::new(name, "required query parameter is missing"))
    }

    /// The values of a list parameter: every value sent, split at commas, trimmed, without
    /// blanks.
    fn list(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// A finite number.
    fn number(&self, name: &'static str) -> Result<Option<f64>, FieldError> {
        let Some(raw) = self.text(name)? else {
            return Ok(None);
        };
        match raw.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(Some(value)),
            _ => Err(FieldError::new(
                name,
                format!("must be a number (got {raw:?})"),
            )),
        }
    }

    /// A finite number of at least 0.
    fn non_negative(&self, name: &'static str) -> Result<Option<f64>, FieldError> {
        let Some(raw) = self.text(name)? else {
            return Ok(None);
        };
        match raw.parse::<f64>() {
            Ok(value) if value.is_finite() && value >= 0.0 => Ok(Some(value)),
            _ => Err(FieldError::new(
                name,
                format!("must be a number of at least 0 (got {raw:?})"),
            )),
        }
    }

    /// A whole number from `min` (to `max`, when there is one).
    fn whole(
        &self,
        name: &'static str,
        min: u64,
        max: Option<u64>,
    ) -> Result<Option<u64>, FieldError> {
        let Some(raw) = self.text(name)? else {
            return Ok(None);
        };
        let parsed = raw
            .parse::<u64>()
            .ok()
            .filter(|v| *v >= min && max.is_none_or(|max| *v <= max));
        match (parsed, max) {
            (Some(value), _) => Ok(Some(value)),
            (None, Some(max)) => Err(FieldError::new(
                name,
                format!("must be a whole number from {min} to {max} (got {raw:?})"),
            )),
            (None, None) => Err(FieldError::new(
                name,
                format!("must be a whole number of at least {min} (got {raw:?})"),
            )),
        }
    }

    /// `true` or `false`, in any letter case.
    fn boolean(&self, name: &'static str) -> Result<Option<bool>, FieldError> {
        let Some(raw) = self.text(name)? else {
            return Ok(None);
        };
        if raw.eq_ignore_ascii_case("true") {
            Ok(Some(true))
        } else if raw.eq_ignore_ascii_case("false") {
            Ok(Some(false))
        } else {
            Err(FieldError::new(
                name,
                format!("must be true or false (got {raw:?})"),
            ))
        }
    }

    /// A three-letter ISO country code, upper-cased: one of ISO 3166-1's alpha-3 codes
    /// ([`crate::countries`]), in either letter case as before.
    fn country_code(&self, name: &'static str) -> Result<Option<String>, FieldError> {
        let code = self.three_letters(name, "country code such as GBR")?;
        match code {
            Some(code) if !crate::countries::is_alpha3(&code) => Err(FieldError::new(
                name,
                format!(
                    "must be a three-letter ISO country code such as GBR (got {code:?}, which ISO 3166-1 does not assign)"
                ),
            )),
            code => Ok(code),
        }
    }

    /// A three-letter ISO currency code, upper-cased.
    fn currency_code(&self, name: &'static str) -> Result<Option<String>, FieldError> {
        self.three_letters(name, "currency code such as EUR")
    }

    fn three_letters(&self, name: &'static str, what: &str) -> Result<Option<String>, FieldError> {
        let Some(raw) = self.text(name)? else {
            return Ok(None);
        };
        if raw.len() == 3 && raw.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Some(raw.to_ascii_uppercase()))
        } else {
            Err(FieldError::new(
                name,
                format!("must be a three-letter ISO {what} (got {raw:?})"),
            ))
        }
    }

    /// A comma-separated list of numbers of at least 0; `None` when not sent.
    fn numbers(&self, name: &'static str) -> Result<Option<Vec<f64>>, FieldError> {
        let raw: Vec<&str> = self
            .pairs
            .iter()
            .filter(|(n, v)| n == name && !v.trim().is_empty())
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .collect();
        if raw.is_empty() {
            return Ok(None);
        }
        raw.into_iter()
            .map(|item| match item.parse::<f64>() {
                Ok(value) if value.is_finite() && value >= 0.0 => Ok(value),
                _ => Err(FieldError::new(
                    name,
                    format!("holds {item:?}, which is not a number of at least 0"),
                )),
            })
            .collect::<Result<Vec<f64>, FieldError>>()
            .map(Some)
    }

    /// `optionType`: HOME, PUDO and OWNSTORE when omitted.
    fn option_types(&self) -> Result<Vec<OptionType>, FieldError> {
        let values = self.list("optionType");
        if values.is_empty() {
            return Ok(OptionType::KNOWN.to_vec());
        }
        let mut types: Vec<OptionType> = Vec::new();
        for value in values {
            values::OPTION_TYPE.check("optionType", &value)?;
            let parsed = OptionType::parse(&value);
            if !types.contains(&parsed) {
                types.push(parsed);
            }
        }
        Ok(types)
    }

    /// A window: one or two timestamps (start, end), the start no later than the end.
    fn slot(&self, name: &'static str) -> Result<Option<Slot>, FieldError> {
        let values = self.list(name);
        if values.len() > 2 {
            return Err(FieldError::new(
                name,
                format!(
                    "holds at most 2 timestamps, the start and the end of the window (got {})",
                    values.len()
                ),
            ));
        }
        let mut times = Vec::with_capacity(2);
        for value in &values {
            let time = metapack_core::lenient::parse_datetime(value).ok_or_else(|| {
                FieldError::new(
                    name,
                    format!(
                        "holds {value:?}, which is not a timestamp such as 2022-04-05 00:00:00"
                    ),
                )
            })?;
            times.push(time);
        }
        match times[..] {
            [] => Ok(None),
            [from] => Ok(Some(Slot { from, to: None })),
            [from, to] if from <= to => Ok(Some(Slot { from, to: Some(to) })),
            [from, to, ..] => Err(FieldError::new(
                name,
                format!(
                    "must start no later than it ends (got {} to {})",
                    from.format("%Y-%m-%d %H:%M:%S"),
                    to.format("%Y-%m-%d %H:%M:%S")
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_query(query: &str) -> Result<FindQuery, String> {
        let pairs = crate::server::query_pairs(Some(query));
        parse(&pairs, &HeaderMap::new())
            .map_err(|e| crate::server::ApiError::from(e).message().to_owned())
    }

    const BASE: &str = "wh_code=WH-LONDON&c_cc=GBR&c_pc=EC1R+4PF";

    #[test]
    fn defaults() {
        let query = parse_query(BASE).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(query.radius, 1000);
        assert_eq!(query.max_own, 50);
        assert_eq!(query.option_types.len(), 3);
        assert_eq!(query.parcels.count, 1);
        assert!((query.parcels.heaviest_kg - 0.01).abs() < 1e-12);
        assert_eq!(query.parcels.largest_cm, None);
    }

    #[test]
    fn parcels_in_imperial_units() {
        let query = parse_query(&format!(
            "{BASE}&consignmentLevelDetailsFlag=false&e_n=2&parcelWeight=1,10&parcelHeight=5,20&weight_unit=lb&dimensions_unit=in"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert!((query.parcels.heaviest_kg - 4.5359237).abs() < 1e-9);
        assert_eq!(query.parcels.largest_cm, Some(50.8));
        assert_eq!(query.parcels.count, 2);
    }

    #[test]
    fn rules_name_their_parameter() {
        for (query, parameter) in [
            ("c_cc=GBR&c_pc=X", "wh_code"),
            (&format!("{BASE}&radius=1.5") as &str, "radius"),
            (&format!("{BASE}&radius=5&radius=6"), "radius"),
            (&format!("{BASE}&custom11=x"), "custom11"),
            (&format!("{BASE}&e_maxweight=3"), "e_maxweight"),
        ] {
            let message = parse_query(query).expect_err(query);
            assert!(
                message.starts_with(&format!("{parameter}: ")),
                "{query}: {message}"
            );
        }
    }

    #[test]
    fn input_parameters_split_at_commas_and_leave_the_key_out() {
        let pairs =
            crate::server::query_pairs(Some("optionType=HOME,PUDO&key=secret&incgrp=A&incgrp=B"));
        let parameters = input_parameters(&pairs);
        assert_eq!(parameters["optionType"], ["HOME", "PUDO"]);
        assert_eq!(parameters["incgrp"], ["A", "B"]);
        assert!(!parameters.contains_key("key"));
    }
}
