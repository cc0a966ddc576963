//! [`Receiver`] (A.26) and [`Destination`] (A.15): who receives a shipment and where it goes.
//!
//! The reference documents each twice, for `COLLECTION` and for `DELIVERY` shipments. On the
//! wire the two forms differ only in which fields are allowed, and the shipment's `type`
//! decides, so each is one type here; the combinations are checked as the server does
//! (`ValidTypeAndReceiverCombination`, `ValidTypeAndDestinationCombination`).

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::contact::Contact;
use crate::uri::LocationUri;

/// Who receives the shipment (A.26.1 for `COLLECTION`, A.26.2 for `DELIVERY`).
///
/// - `DELIVERY`: `address` and `contact`, both mandatory; nothing else.
/// - `COLLECTION`: a `uri`, or an `address` and a `contact`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Receiver {
    /// Collection only: where the receiver's details are kept. At most 2000 characters; a
    /// valid URI. Needed for allocation. Range `[0.7.1]` only
    /// ([`Feature::ReceiverUri`](crate::version::Feature::ReceiverUri)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<LocationUri>,
    /// The receiver's contact. Mandatory for `DELIVERY`. `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The receiver's address. Mandatory for `DELIVERY`. `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Tax and duty identifiers of the receiver. Not described in Appendix A: it appears,
    /// with null values, in the reference's `GET /shipments` response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_and_duty: Option<TaxAndDuty>,
}

impl Receiver {
    /// A receiver given by address and contact (what `DELIVERY` needs).
    pub fn new(address: Address, contact: Contact) -> Self {
        Self {
            contact: Some(contact),
            address: Some(address),
            ..Self::default()
        }
    }

    /// A collection receiver given by location URI (API version 0.7.1 only).
    pub fn by_uri(uri: impl Into<LocationUri>) -> Self {
        Self {
            uri: Some(uri.into()),
            ..Self::default()
        }
    }
}

/// Tax and duty identifiers of a receiver, as seen in the reference's `GET /shipments`
/// response (the reference does not describe them).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaxAndDuty {
    /// EORI number (Economic Operators Registration and Identification).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eori_number: Option<String>,
    /// Tax identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// UK Internal Market Scheme number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ukims_number: Option<String>,
}

/// Where the shipment goes (A.15.1 for `COLLECTION`, A.15.2 for `DELIVERY`).
///
/// - `DELIVERY`: `address` and `contact`, both mandatory; nothing else.
/// - `COLLECTION`: a `uri`; or a `collectionPointID`, a `collectionPointProviderID` and an
///   `address`, optionally with a `contact`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Destination {
    /// Collection only: where the location's details are kept. At most 2000 characters; a
    /// valid URI. Needed for allocation and documentation. Range `[0.7.2,)`
    /// ([`Feature::DestinationUri`](crate::version::Feature::DestinationUri)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<LocationUri>,
    /// Collection only: identifier of the store or PUDO point. At most 36 characters. Range
    /// `[0.7.5,)` ([`Feature::CollectionPoint`](crate::version::Feature::CollectionPoint)).
    #[serde(
        rename = "collectionPointID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub collection_point_id: Option<String>,
    /// Collection only: identifier of the provider of the store or PUDO point. At most 36
    /// characters. Range `[0.7.5,)`.
    #[serde(
        rename = "collectionPointProviderID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub collection_point_provider_id: Option<String>,
    /// The destination's contact. Mandatory for `DELIVERY`, optional for a collection point.
    /// `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The destination's address. Mandatory for `DELIVERY` and for a collection point.
    /// `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

impl Destination {
    /// A destination given by address and contact (what `DELIVERY` needs).
    pub fn new(address: Address, contact: Contact) -> Self {
        Self {
            contact: Some(contact),
            address: Some(address),
            ..Self::default()
        }
    }

    /// A collection destination given by location URI (`[0.7.2,)`).
    pub fn by_uri(uri: impl Into<LocationUri>) -> Self {
        Self {
            uri: Some(uri.into()),
            ..Self::default()
        }
    }

    /// A collection point (store or PUDO) of a provider, with its address (`[0.7.5,)`).
    pub fn collection_point(
        id: impl Into<String>,
        provider_id: impl Into<String>,
        address: Address,
    ) -> Self {
        Self {
            collection_point_id: Some(id.into()),
            collection_point_provider_id: Some(provider_id.into()),
            address: Some(address),
            ..Self::default()
        }
    }
}
