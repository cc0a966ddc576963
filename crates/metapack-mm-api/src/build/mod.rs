//! Fluent builders of a [`Shipment`](crate::model::Shipment) and its parts.
//!
//! Every setter takes `impl Into<String>` or the natural type (kilograms and centimetres as
//! numbers, amounts with their currency, [`DateTime<Utc>`](chrono::DateTime) or
//! [`NaiveDate`](chrono::NaiveDate) for dates); nested values take their own builder or the
//! model value ([`BuildPart`]). `build()` checks that every mandatory field of Appendix A is
//! there (and that countries are ISO 3166-1 alpha-3 codes of B.15) and returns a
//! [`BuildError`] naming the field by its path on the wire (`receiver.address.country`,
//! `logisticsUnits[0].weight`), as the server's constraint violations do. It never panics.
//!
//! The finer constraints (lengths, Appendix D's per-country address fields, version ranges)
//! stay with [`Validate`](crate::validation::Validate), which the client runs before sending.
//!
//! ```
//! use metapack_mm_api::build::{AddressBuilder, BuildError, ContactBuilder, LogisticsUnitBuilder, ShipmentBuilder};
//!
//! let shipment = ShipmentBuilder::delivery()
//!     .shipment_ref("ORDER-1001")
//!     .sender("https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742")
//!     .recipient(
//!         AddressBuilder::new().country("GBR").city("London").street("Gray's Inn Road").postal_code("WC1X 8XZ"),
//!         ContactBuilder::named("Andrew", "Neal").email("andrew@example.com"),
//!     )
//!     .parcel(LogisticsUnitBuilder::new().weight_kg(2.0).dimensions_cm(20, 15, 10))
//!     .build()?;
//! assert_eq!(shipment.logistics_units.map(|units| units.len()), Some(1));
//!
//! let err = ShipmentBuilder::delivery()
//!     .sender("https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742")
//!     .recipient(AddressBuilder::new().country("GB").street("Gray's Inn Road"), ContactBuilder::named("A", "N"))
//!     .parcel(LogisticsUnitBuilder::new().weight_kg(2.0).dimensions_cm(20, 15, 10))
//!     .build()
//!     .unwrap_err();
//! assert_eq!(err.field(), "receiver.address.country");
//! # Ok::<(), BuildError>(())
//! ```

mod error;
mod parties;
mod shipment;
mod units;

pub use error::BuildError;
pub use parties::{AddressBuilder, ContactBuilder};
pub use shipment::ShipmentBuilder;
pub use units::{LogisticsUnitBuilder, TradeItemBuilder};

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
fn required(field: &str, value: Option<String>) -> Result<String, BuildError> {
    match value {
        Some(value) if !value.trim().is_empty() => Ok(value),
        _ => Err(BuildError::Missing(field.to_owned())),
    }
}

/// [`BuildError::Invalid`] unless `code` is a three-letter code of B.15, with a hint at the
/// alpha-3 code meant (`GB` → `GBR`).
fn alpha3_country(field: &str, code: &str) -> Result<(), BuildError> {
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
fn present<T>(field: &str, value: Option<T>) -> Result<T, BuildError> {
    value.ok_or_else(|| BuildError::Missing(field.to_owned()))
}
