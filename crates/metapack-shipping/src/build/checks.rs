//! The field checks the builders share, from the builders' reading of Metapack's docs.

use crate::types::Money;
use metapack_core::BuildError;

/// A string field that must be set and not blank.
pub(super) fn required(field: &str, value: Option<&str>) -> Result<(), BuildError> {
    match value {
        Some(value) if !value.trim().is_empty() => Ok(()),
        _ => Err(BuildError::Missing(field.to_owned())),
    }
}

/// An optional string field that, when set, must not be blank.
pub(super) fn not_blank(field: &str, value: Option<&str>) -> Result<(), BuildError> {
    match value {
        Some(value) if value.trim().is_empty() => Err(BuildError::invalid(
            field,
            "is blank: leave it unset or give a value",
        )),
        _ => Ok(()),
    }
}

/// A country code, when set, must look like ISO 3166-1 alpha-3 (three capital letters, such
/// as `GBR`): the Shipping API takes no other kind. Two-letter codes get their usual
/// three-letter spelling suggested where it is obvious from the shape alone.
pub(super) fn country(field: &str, value: Option<&str>) -> Result<(), BuildError> {
    let Some(code) = value else {
        return Ok(());
    };
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Ok(());
    }
    Err(BuildError::invalid(
        field,
        format!(
            "{code:?} is not an ISO 3166-1 alpha-3 country code: the Shipping API takes three capital letters such as GBR, FRA or DEU"
        ),
    ))
}

/// A weight or length, when set, must be a finite number above zero.
pub(super) fn positive(field: &str, value: Option<f64>) -> Result<(), BuildError> {
    match value {
        Some(v) if !(v.is_finite() && v > 0.0) => Err(BuildError::invalid(
            field,
            format!("must be a number above zero, got {v}"),
        )),
        _ => Ok(()),
    }
}

/// An amount of money, when set, must be a finite amount of zero or more with an ISO 4217
/// currency code (three capital letters, such as `GBP`).
pub(super) fn money(field: &str, value: Option<&Money>) -> Result<(), BuildError> {
    let Some(money) = value else {
        return Ok(());
    };
    if let Some(amount) = money.amount
        && !(amount.is_finite() && amount >= 0.0)
    {
        return Err(BuildError::invalid(
            format!("{field}.amount"),
            format!("must be zero or more, got {amount}"),
        ));
    }
    match money.currency_code.as_deref() {
        Some(code) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => Ok(()),
        Some(code) => Err(BuildError::invalid(
            format!("{field}.currencyCode"),
            format!("{code:?} is not an ISO 4217 currency code such as GBP or EUR"),
        )),
        None if money.amount.is_some() => Err(BuildError::Missing(format!("{field}.currencyCode"))),
        None => Ok(()),
    }
}

impl Money {
    /// An amount in a currency (ISO 4217, such as `GBP`).
    ///
    /// ```
    /// let price = metapack_shipping::types::Money::new(15.0, "GBP");
    /// assert_eq!(price.currency_code.as_deref(), Some("GBP"));
    /// ```
    pub fn new(amount: f64, currency_code: impl Into<String>) -> Self {
        Self {
            amount: Some(amount),
            currency_code: Some(currency_code.into()),
        }
    }
}
