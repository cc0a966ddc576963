//! The Delivery Options API's closed lists (Delivery Options API 1.0.0, `GET /find`):
//! `c_address_type`, `weight_unit`, `dimensions_unit`, `optionType` and `r_t`.
//!
//! Matching ignores ASCII letter case: the docs list the units in both cases (`"KG" "kg"
//! "lb" "LB"`, `"CM" "cm" "IN" "in"`) and ask for `dimensions_unit=in` and `weight_unit= lb`
//! in prose while defaulting to `CM` and `KG`, which reads as a service that does not mind
//! the case of these codes. Nothing else is forgiven: `OWN_STORE` is not `OWNSTORE`.
//!
//! `c_cc` is "the three-letter ISO country code of the delivery address": the query reader
//! checks it, and `wh_cc`, against ISO 3166-1's alpha-3 codes ([`crate::countries`]), in
//! either letter case as it always has.

use super::{Matching, ValueList};

/// `c_address_type`.
pub(crate) const ADDRESS_TYPE: ValueList = ValueList {
    schema: "AddressType",
    what: "an address type",
    values: &["BUSINESS", "RESIDENTIAL"],
    matching: Matching::IgnoreAsciiCase,
};

/// `weight_unit`.
pub(crate) const WEIGHT_UNIT: ValueList = ValueList {
    schema: "WeightUnit",
    what: "a weight unit",
    values: &["KG", "kg", "lb", "LB"],
    matching: Matching::IgnoreAsciiCase,
};

/// `dimensions_unit`.
pub(crate) const DIMENSIONS_UNIT: ValueList = ValueList {
    schema: "DimensionsUnit",
    what: "a dimensions unit",
    values: &["CM", "cm", "IN", "in"],
    matching: Matching::IgnoreAsciiCase,
};

/// Each value of `optionType` (a comma-separated list).
pub(crate) const OPTION_TYPE: ValueList = ValueList {
    schema: "OptionType",
    what: "a delivery option type",
    values: &["PUDO", "HOME", "OWNSTORE"],
    matching: Matching::IgnoreAsciiCase,
};

/// `r_t`, the return type.
pub(crate) const RETURN_TYPE: ValueList = ValueList {
    schema: "SortType",
    what: "a return type",
    values: &["lgg", "lsc", "lss", "lsd", "gas", "ggg", "gsc", "gss"],
    matching: Matching::IgnoreAsciiCase,
};

/// Every list of this API (for the agreement test with the spec).
#[cfg(test)]
pub(crate) const LISTS: &[&ValueList] = &[
    &ADDRESS_TYPE,
    &WEIGHT_UNIT,
    &DIMENSIONS_UNIT,
    &OPTION_TYPE,
    &RETURN_TYPE,
];

/// The enums of `specs/delivery-options.yaml` the sandbox leaves open, each with the reason.
#[cfg(test)]
pub(crate) const OPEN: &[(&str, &str)] = &[];
