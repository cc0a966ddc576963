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
mod part;
mod parties;
mod shipment;
mod units;

pub use error::BuildError;
pub use part::BuildPart;
pub use parties::{AddressBuilder, ContactBuilder};
pub use shipment::ShipmentBuilder;
pub use units::{LogisticsUnitBuilder, TradeItemBuilder};
