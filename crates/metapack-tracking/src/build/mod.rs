//! Fluent request builders: deliveries, delivery legs and their events.
//!
//! Every setter takes `impl Into<String>` or the natural type ([`DateTime<Utc>`](chrono::DateTime),
//! the event-code enums, `bool`, `f64`); nested values (orders, customers, recipients, senders,
//! addresses, event locations) take either their own builder or the generated value, since
//! each builder converts into its value. `build()` checks what the API requires and returns
//! a [`BuildError`] naming the field, as it is spelled on the wire; it never panics.
//!
//! The builders produce the generated types ([`Delivery`](crate::Delivery),
//! [`DeliveryLeg`](crate::DeliveryLeg), [`DeliveryEvent`](crate::DeliveryEvent),
//! [`DeliveryLegEvent`](crate::DeliveryLegEvent)), which stay available for everything else.
//!
//! ```
//! use chrono::Utc;
//! use metapack_tracking::build::{BuildError, DeliveryLegBuilder, DeliveryLegEventBuilder};
//! use metapack_tracking::PostAllocationEventCode;
//!
//! let leg = DeliveryLegBuilder::new()
//!     .tracking_identifier("TRACK-1")
//!     .carrier("DPD_UK", "DPD UK")
//!     .parcel_ref("PARCEL-1")
//!     .build()?;
//! assert_eq!(leg.carrier_code.as_deref(), Some("DPD_UK"));
//!
//! let missing = DeliveryLegEventBuilder::new()
//!     .tracking_identifier("TRACK-1")
//!     .event_code(PostAllocationEventCode::OutForDelivery)
//!     .event_date(Utc::now())
//!     .build();
//! assert_eq!(missing, Err(BuildError::Missing("eventTimeZone".into())));
//! # Ok::<(), BuildError>(())
//! ```

mod error;
mod events;
mod fields;
mod legs;
mod parties;

pub use error::BuildError;
pub use events::{DeliveryEventBuilder, DeliveryLegEventBuilder, EventLocationBuilder};
pub use legs::{DeliveryBuilder, DeliveryLegBuilder};
pub use parties::{AddressBuilder, CustomerBuilder, OrderBuilder, RecipientBuilder, SenderBuilder};
