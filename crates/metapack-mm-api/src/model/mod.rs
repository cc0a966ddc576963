//! The objects of Appendix A, for both sides of the wire: requests serialize as the server
//! expects and responses decode however sparse they are.
//!
//! Conventions:
//!
//! - Every field is an `Option`, also the mandatory ones: a request missing one must still
//!   decode (for the sandbox) so that [`Validate`](crate::validation::Validate) can report it
//!   with `NotNull`, and responses guarantee nothing. Absent fields are not serialized.
//! - Unknown fields are ignored, `null` is accepted anywhere (and skipped inside lists), value
//!   lists are open enums and timestamps of responses are read leniently.
//! - JSON-LD's `@context`, `@id` and `@type` are the fields `context`, `id` and `node_type`;
//!   resource URLs are typed ([`crate::uri`]).
//! - Field docs give the meaning, the constraints (lengths in UTF-16 code units, as the
//!   server counts them) and the version range when it is not `[0.6.0,)`.
//!
//! | reference | type |
//! |---|---|
//! | A.1 Address | [`Address`] |
//! | A.2 Agent | [`Agent`] |
//! | A.3 Agent URI | [`AgentUri`] |
//! | A.4 Cash On Delivery | [`CashOnDelivery`] |
//! | A.5 Complimentary Service | [`ComplimentaryService`] |
//! | A.6 Consignment | [`Consignment`] |
//! | A.7 Consignment List | [`ConsignmentList`] |
//! | A.8 Consignment List Reference | [`ConsignmentListReference`] |
//! | A.9 Consignment Status | [`ConsignmentStatus`] |
//! | A.10 Consignment Status batch | [`ConsignmentStatusBatch`] |
//! | A.11 Constraint Violation | [`ConstraintViolation`](crate::errors::ConstraintViolation) |
//! | A.12 Allocation Error | [`AllocationError`](crate::errors::AllocationError) |
//! | A.13 Contact | [`Contact`] |
//! | A.14 Delivery Promise | [`DeliveryPromise`] |
//! | A.15 Destination (Collection, Delivery) | [`Destination`] |
//! | A.16 Dimension | [`Dimension`] |
//! | A.17 Document | [`Document`] |
//! | A.18 Hazardous Trade Item | [`TradeItem`] with `@type` `HazardousTradeItem` |
//! | A.19 Identity | [`Identity`] |
//! | A.20 Logistics Service | [`LogisticsService`] |
//! | A.21 Logistics Unit | [`LogisticsUnit`] |
//! | A.22 Logistics Unit Document | [`LogisticsUnitDocument`] |
//! | A.23 Monetary | [`Monetary`] |
//! | A.24 Notification | [`Notification`] |
//! | A.25 Order | [`Order`] |
//! | A.26 Receiver (Collection, Delivery) | [`Receiver`] |
//! | A.27 Shipment (Collection, Delivery) | [`Shipment`] |
//! | A.28 ShipmentAttributes | [`ShipmentAttributes`] |
//! | A.29 Trade Item | [`TradeItem`] |
//! | A.30 Weight | [`Weight`] |
//! | 1.7.2 error response | [`ErrorBody`](crate::errors::ErrorBody) |
//! | query of `POST /consignments` | [`AllocationParams`] |
//! | query of `GET /documents/**` | [`DocumentParams`] |

mod address;
mod agent;
mod consignment;
mod consignment_list;
mod contact;
mod datetime;
mod logistics_service;
mod logistics_unit;
mod measures;
mod money;
mod params;
mod parties;
mod shipment;

pub use crate::lenient::Properties;
pub use address::Address;
pub use agent::{Agent, AgentUri};
pub use consignment::{Consignment, DeliveryPromise, Document, LogisticsUnitDocument};
pub use consignment_list::{
    ConsignmentList, ConsignmentListReference, ConsignmentStatus, ConsignmentStatusBatch,
};
pub use contact::{Contact, Notification};
pub use datetime::IsoDateTime;
pub use logistics_service::{ComplimentaryService, LogisticsService};
pub use logistics_unit::{LogisticsUnit, TradeItem};
pub use measures::{Dimension, Weight};
pub use money::{CashOnDelivery, Monetary};
pub use params::{AllocationParams, DocumentParams};
pub use parties::{Destination, Receiver, TaxAndDuty};
pub use shipment::{Identity, Order, Shipment, ShipmentAttributes};
