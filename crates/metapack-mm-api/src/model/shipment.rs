//! [`Shipment`] (A.27) with [`ShipmentAttributes`] (A.28), [`Identity`] (A.19) and
//! [`Order`] (A.25).

use serde::{Deserialize, Serialize};

use super::agent::{Agent, AgentUri};
use super::datetime::IsoDateTime;
use super::logistics_unit::LogisticsUnit;
use super::money::{CashOnDelivery, Monetary};
use super::parties::{Destination, Receiver};
use crate::lenient::Properties;
use crate::uri::ShipmentUri;
use crate::values::{Incoterms, ProofOfDeliveryType, ShipmentType};

/// What to ship, from where, to whom (A.27): the body of `POST /consignments` and the
/// answer of `GET /shipments/<uuid>`.
///
/// The reference documents a `COLLECTION` shipment (A.27.1) and a `DELIVERY` shipment
/// (A.27.2); they share every field and differ in the [`Receiver`] and [`Destination`] they
/// accept, so both are this type, told apart by [`shipment_type`](Self::shipment_type).
/// Every field is `[0.6.0,)`.
///
/// ```
/// use metapack_mm_api::model::*;
///
/// let address = Address::new("GBR", "London", "Gray's Inn Road", "WC1X 8XZ");
/// let contact = Contact::named("Andrew", "Neal");
/// let shipment = Shipment::delivery(
///     AgentUri::new("https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742"),
///     Receiver::new(address.clone(), contact.clone()),
///     Destination::new(address, contact),
///     vec![LogisticsUnit::new(Weight::kg(2.0), Dimension::cm(5.0, 5.0, 5.0))],
/// );
/// assert_eq!(serde_json::to_value(&shipment).unwrap()["type"], "DELIVERY");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Shipment {
    /// JSON-LD context (`@context`), if a response carries one.
    /// Not in Appendix A: a JSON-LD property of 1.5.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<serde_json::Value>,
    /// URL of the shipment (`@id`) in responses.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ShipmentUri>,
    /// JSON-LD type (`@type`) in responses.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// The seller's reference of the shipment, to reconcile it with their systems. At most
    /// 40 characters. Used for allocation.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment_ref: Option<String>,
    /// `DELIVERY` or `COLLECTION` (B.5; `COLLECTION` is `[0.7.5,)`). Mandatory. Needed for
    /// allocation and delivery options.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub shipment_type: Option<ShipmentType>,
    /// Where to return items that cannot be delivered, when that is not the origin or
    /// sender. Used for documentation.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undeliverable: Option<Agent>,
    /// The parcels (and other units); they make the item count of the consignment.
    /// Mandatory; 1 to 10.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub logistics_units: Option<Vec<LogisticsUnit>>,
    /// Properties of the shipment configured by the shipper. At most 10; keys of at most 30
    /// characters, values of at most 100.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::properties"
    )]
    pub shipment_properties: Option<Properties>,
    /// Flags of the shipment: proof of delivery, cash on delivery, identity check...
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment_attributes: Option<ShipmentAttributes>,
    /// The orders the shipment belongs to. At most 1.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub orders: Option<Vec<Order>>,
    /// Instructions for the carrier about the delivery. At most 512 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_delivery_instructions: Option<String>,
    /// Incoterms of an international shipment; override those configured for the shipping
    /// location.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incoterms: Option<Incoterms>,
    /// Where the shipment physically leaves from, usually a shipping location; absent when it
    /// is dropped off at an unspecified PUDO point.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<AgentUri>,
    /// Who receives the shipment. Mandatory.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver: Option<Receiver>,
    /// Who sends the shipment, often the seller. Mandatory. Needed for documentation and
    /// manifesting.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<AgentUri>,
    /// Where the shipment goes: the recipient (or the seller for returns) for `DELIVERY`, the
    /// collection location for `COLLECTION`. Mandatory.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<Destination>,
}

impl Shipment {
    /// A `DELIVERY` shipment with its mandatory parts.
    pub fn delivery(
        sender: AgentUri,
        receiver: Receiver,
        destination: Destination,
        logistics_units: Vec<LogisticsUnit>,
    ) -> Self {
        Self {
            shipment_type: Some(ShipmentType::Delivery),
            sender: Some(sender),
            receiver: Some(receiver),
            destination: Some(destination),
            logistics_units: Some(logistics_units),
            ..Self::default()
        }
    }

    /// A `COLLECTION` shipment with its mandatory parts (API version 0.7.5 or later).
    pub fn collection(
        sender: AgentUri,
        receiver: Receiver,
        destination: Destination,
        logistics_units: Vec<LogisticsUnit>,
    ) -> Self {
        Self {
            shipment_type: Some(ShipmentType::Collection),
            ..Self::delivery(sender, receiver, destination, logistics_units)
        }
    }
}

/// Flags of a shipment (A.28). Every field is `[0.6.0,)` unless noted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ShipmentAttributes {
    /// Whether the shipment holds limited quantities of hazardous goods.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limited_quantity: Option<bool>,
    /// Proof of delivery required (B.9); when absent, services are not filtered by it.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_of_delivery_type: Option<ProofOfDeliveryType>,
    /// Value to insure the shipment for.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance_amount: Option<Monetary>,
    /// Payment to collect on delivery.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_on_delivery: Option<CashOnDelivery>,
    /// Identity document the recipient must show.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// Whether only services with two-person delivery may be allocated. Range `[0.7.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub two_man: Option<bool>,
    /// Type of the parcels' content. The reference types it as an enumeration without
    /// listing its values, so it is kept as text.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Additional shipping price.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_cost: Option<Monetary>,
}

/// Identity check on delivery (A.19). Every field is `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// Type of the document that proves the identity. Mandatory; at most 60 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_of_document: Option<String>,
    /// Whether the document has a photo.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<bool>,
}

/// The order a shipment belongs to (A.25). Every field is `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// Order number, usually the reference the buyer was given. At most 250 characters.
    /// Used for documentation.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Value of the order (not necessarily that of the shipment).
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Monetary>,
    /// When the order was placed: an ISO 8601 date or date-time in the past. Used for
    /// notifications.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDateTime>,
    /// Properties of the order configured by the shipper. At most 10; keys of at most 30
    /// characters, values of at most 100.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::properties"
    )]
    pub order_properties: Option<Properties>,
}
