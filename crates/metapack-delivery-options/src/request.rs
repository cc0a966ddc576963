//! The query of `GET /find`: [`FindOptions`] and its parts (`inputs`), checked by the
//! documented rules (`rules`) and encoded into a [`ValidFind`] (`query`), whose one table of
//! parameters serves both the query string and the request that is sent.

mod inputs;
mod query;
mod rules;

pub use inputs::{
    AddressKind, Destination, DimensionUnit, FindOptions, Parcel, SortOrder, Warehouse, WeightUnit,
};
pub use query::ValidFind;
