//! What the Shipping and Delivery Options catalogues share: which countries a service serves,
//! and amounts rounded to cents.

/// Whether `countries` (any when empty) includes `country`, ignoring ASCII case.
pub(crate) fn serves(countries: &[String], country: &str) -> bool {
    countries.is_empty() || countries.iter().any(|c| c.eq_ignore_ascii_case(country))
}

/// Rounds an amount to cents.
pub(crate) fn round_cents(amount: f64) -> f64 {
    (amount * 100.0).round() / 100.0
}
