//! [`BuildPart`]: a part given as its builder or as its model value, and the checks of
//! single fields that every builder uses.

use super::error::BuildError;

/// A part of a shipment given either as its builder (built, and checked, when the shipment
/// is) or as the finished model value (taken as is).
pub trait BuildPart<T> {
    /// The part, or what is missing from it (its path relative to the part).
    fn build_part(self) -> Result<T, BuildError>;
}

/// Model values are taken as they are.
macro_rules! value_parts {
    ($($model:ty),*) => {
        $(
            impl BuildPart<$model> for $model {
                fn build_part(self) -> Result<$model, BuildError> {
                    Ok(self)
                }
            }
        )*
    };
}
value_parts!(
    crate::model::Address,
    crate::model::Contact,
    crate::model::LogisticsUnit,
    crate::model::TradeItem
);

/// The value of a required text field, or [`BuildError::Missing`] when absent or blank.
pub(super) fn required(field: &str, value: Option<String>) -> Result<String, BuildError> {
    match value {
        Some(value) if !value.trim().is_empty() => Ok(value),
        _ => Err(BuildError::Missing(field.to_owned())),
    }
}

/// [`BuildError::Invalid`] unless `code` is a three-letter code of B.15, with a hint at the
/// alpha-3 code meant (`GB` → `GBR`).
pub(super) fn alpha3_country(field: &str, code: &str) -> Result<(), BuildError> {
    if code.len() == 3 && crate::values::countries::country_name(code).is_some() {
        return Ok(());
    }
    Err(BuildError::Invalid {
        field: field.to_owned(),
        message: format!(
            "{code:?} is not an ISO 3166-1 alpha-3 country code of B.15: {}",
            crate::values::countries::alpha3_advice(code)
        ),
    })
}

/// The value of a required field, or [`BuildError::Missing`].
pub(super) fn present<T>(field: &str, value: Option<T>) -> Result<T, BuildError> {
    value.ok_or_else(|| BuildError::Missing(field.to_owned()))
}
