//! Checks of the [`Shipment`] and its parts ([`ShipmentAttributes`], [`CashOnDelivery`],
//! [`Identity`], [`Order`]), including the type-dependent receiver and destination
//! combinations.

use serde_json::Value;

use super::rules::{self, not_null, size};
use super::{Checker, Validate};
use crate::model::{
    CashOnDelivery, Destination, Identity, Order, Receiver, Shipment, ShipmentAttributes,
};
use crate::values::{ConstraintCode, ShipmentType};
use crate::version::Feature;

impl Validate for Shipment {
    const OBJECT_NAME: &'static str = "shipment";

    fn validate_in(&self, c: &mut Checker) {
        size(c, "shipmentRef", self.shipment_ref.as_deref(), 0, 40);
        let kind = self.shipment_type.as_ref();
        if not_null(c, "type", kind).is_some() && rules::supported_value(c, "type", kind) {
            rules::since(
                c,
                "type",
                kind.and_then(ShipmentType::feature).is_some(),
                || kind.map(|k| Value::from(k.as_str())),
                Feature::CollectionShipments,
            );
        }
        c.check("undeliverable", self.undeliverable.as_ref());
        let units = self.logistics_units.as_deref();
        if not_null(c, "logisticsUnits", units).is_some() {
            rules::count(c, "logisticsUnits", units.map(<[_]>::len), 1, 10, || {
                serde_json::to_value(units).ok()
            });
        }
        c.check_each("logisticsUnits", units);
        rules::properties(
            c,
            "shipmentProperties",
            self.shipment_properties.as_ref(),
            10,
            30,
            100,
        );
        c.check("shipmentAttributes", self.shipment_attributes.as_ref());
        let orders = self.orders.as_deref();
        rules::count(c, "orders", orders.map(<[_]>::len), 0, 1, || {
            serde_json::to_value(orders).ok()
        });
        c.check_each("orders", orders);
        size(
            c,
            "specialDeliveryInstructions",
            self.special_delivery_instructions.as_deref(),
            0,
            512,
        );
        rules::enum_value(c, "incoterms", self.incoterms.as_ref());
        c.check("origin", self.origin.as_ref());
        let receiver = self.receiver.as_ref();
        c.check_required("receiver", receiver);
        c.check_required("sender", self.sender.as_ref());
        let destination = self.destination.as_ref();
        c.check_required("destination", destination);
        // An unknown type was reported above; its combinations are unknown too.
        if let Some(kind @ (ShipmentType::Delivery | ShipmentType::Collection)) = kind {
            if let Some(receiver) = receiver {
                receiver_combination(c, kind, receiver);
            }
            if let Some(destination) = destination {
                destination_combination(c, kind, destination);
            }
        }
    }
}

/// `ValidTypeAndReceiverCombination`: `DELIVERY` needs an address and a contact and nothing
/// else; `COLLECTION` needs a URI, or an address and a contact.
fn receiver_combination(c: &mut Checker, kind: &ShipmentType, receiver: &Receiver) {
    let by_address = receiver.address.is_some() && receiver.contact.is_some();
    let (ok, rule) = match kind {
        ShipmentType::Collection => (
            receiver.uri.is_some() || by_address,
            "for COLLECTION shipments the receiver needs a uri, or an address and a contact",
        ),
        _ => (
            by_address && receiver.uri.is_none(),
            "for DELIVERY shipments the receiver needs an address and a contact, and no uri",
        ),
    };
    if !ok {
        c.report(
            "receiver",
            ConstraintCode::ValidTypeAndReceiverCombination,
            serde_json::to_value(receiver).ok(),
            rule,
        );
    }
}

/// `ValidTypeAndDestinationCombination`: `DELIVERY` needs an address and a contact and
/// nothing else; `COLLECTION` needs a URI, or a collection point ID, its provider ID and an
/// address (a contact is optional).
fn destination_combination(c: &mut Checker, kind: &ShipmentType, destination: &Destination) {
    let point = destination.collection_point_id.is_some()
        || destination.collection_point_provider_id.is_some();
    let (ok, rule) = match kind {
        ShipmentType::Collection => (
            destination.uri.is_some()
                || (destination.collection_point_id.is_some()
                    && destination.collection_point_provider_id.is_some()
                    && destination.address.is_some()),
            "for COLLECTION shipments the destination needs a uri, or a collectionPointID, a \
             collectionPointProviderID and an address",
        ),
        _ => (
            destination.address.is_some()
                && destination.contact.is_some()
                && destination.uri.is_none()
                && !point,
            "for DELIVERY shipments the destination needs an address and a contact, and \
             nothing else",
        ),
    };
    if !ok {
        c.report(
            "destination",
            ConstraintCode::ValidTypeAndDestinationCombination,
            serde_json::to_value(destination).ok(),
            rule,
        );
    }
}

impl Validate for ShipmentAttributes {
    const OBJECT_NAME: &'static str = "shipmentAttributes";

    fn validate_in(&self, c: &mut Checker) {
        rules::enum_value(
            c,
            "proofOfDeliveryType",
            self.proof_of_delivery_type.as_ref(),
        );
        c.check("insuranceAmount", self.insurance_amount.as_ref());
        c.check("cashOnDelivery", self.cash_on_delivery.as_ref());
        c.check("identity", self.identity.as_ref());
        rules::since(
            c,
            "twoMan",
            self.two_man.is_some(),
            || self.two_man.map(Value::from),
            Feature::TwoManDelivery,
        );
        c.check("shippingCost", self.shipping_cost.as_ref());
    }
}

impl Validate for CashOnDelivery {
    const OBJECT_NAME: &'static str = "cashOnDelivery";

    fn validate_in(&self, c: &mut Checker) {
        c.check_required("value", self.value.as_ref());
        size(
            c,
            "specialInstruction",
            self.special_instruction.as_deref(),
            0,
            250,
        );
    }
}

impl Validate for Identity {
    const OBJECT_NAME: &'static str = "identity";

    fn validate_in(&self, c: &mut Checker) {
        let document = self.type_of_document.as_deref();
        not_null(c, "typeOfDocument", document);
        size(c, "typeOfDocument", document, 0, 60);
    }
}

impl Validate for Order {
    const OBJECT_NAME: &'static str = "order";

    fn validate_in(&self, c: &mut Checker) {
        size(c, "number", self.number.as_deref(), 0, 250);
        c.check("value", self.value.as_ref());
        let date = self.date.as_ref();
        let parsed = rules::iso_date_time(c, "date", date);
        rules::past(c, "date", parsed, date.map(|d| d.as_str()));
        rules::properties(
            c,
            "orderProperties",
            self.order_properties.as_ref(),
            10,
            30,
            100,
        );
    }
}
