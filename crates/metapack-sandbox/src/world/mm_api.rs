//! The delivery legs of an allocated MM-API consignment.
//!
//! One leg per logistics unit (return units are not tracked until used): the unit's tracking
//! code, `deliveryRef` the consignment's UUID, carrier `SANDBOX` ("Sandbox Carrier", as the
//! labels print it), the logistics service id as the carrier service code,
//! `order.orderRef` the first order's number (else the shipment's `shipmentRef`), the
//! destination as recipient and the earliest delivery date of the delivery promise.

use metapack_mm_api::model::{Consignment, Shipment};
use metapack_tracking::types::{DeliveryInformation, DeliveryLeg, Order, Recipient};
use uuid::Uuid;

use super::TrackedParcel;
use crate::server::given_trimmed;

fn owned(value: Option<&str>) -> Option<String> {
    given_trimmed(value).map(str::to_owned)
}

/// The recipient of a shipment: its destination's address and contact.
fn recipient(shipment: &Shipment) -> Option<Recipient> {
    let destination = shipment.destination.as_ref()?;
    let address = destination.address.as_ref();
    let contact = destination.contact.as_ref();
    let name = [
        contact.and_then(|c| c.firstname.as_deref()),
        contact.and_then(|c| c.lastname.as_deref()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    Some(Recipient {
        city: owned(address.and_then(|a| a.city.as_deref())),
        country_code: address
            .and_then(|a| a.country.as_ref())
            .map(|c| c.as_str().to_owned()),
        email: owned(contact.and_then(|c| c.email.as_deref())),
        line1: owned(address.and_then(|a| a.street.as_deref())),
        name: owned(Some(name.as_str())),
        phone: owned(contact.and_then(|c| c.phone.as_deref())),
        post_code: owned(address.and_then(|a| a.postal_code.as_deref())),
        region: owned(address.and_then(|a| a.province.as_deref())),
        ..Recipient::default()
    })
}

/// The legs of an allocated consignment with UUID `id`, of `shipment`.
pub(crate) fn parcels(
    id: Uuid,
    consignment: &Consignment,
    shipment: Option<&Shipment>,
) -> Vec<TrackedParcel> {
    let promise = consignment.delivery_promise.as_ref();
    let service = promise
        .and_then(|p| p.logistics_service.as_ref())
        .and_then(|s| s.id())
        .map(str::to_owned);
    let expected = promise.and_then(|p| p.earliest_delivery_date);
    let order_ref = shipment.and_then(|s| {
        s.orders
            .iter()
            .flatten()
            .find_map(|o| owned(o.number.as_deref()))
            .or_else(|| owned(s.shipment_ref.as_deref()))
    });
    let recipient = shipment.and_then(recipient);
    consignment
        .logistics_unit_documents
        .iter()
        .flatten()
        .filter_map(|unit| {
            let tracking = owned(unit.tracking_code.as_deref())?;
            Some(TrackedParcel {
                leg: DeliveryLeg {
                    carrier_code: Some("SANDBOX".to_owned()),
                    carrier_display_name: Some("Sandbox Carrier".to_owned()),
                    carrier_service_code: service.clone(),
                    delivery: Some(DeliveryInformation {
                        expected_delivery_date: expected,
                        ..DeliveryInformation::default()
                    }),
                    delivery_ref: Some(id.to_string()),
                    final_delivery_leg: Some(true),
                    order: order_ref.clone().map(|order_ref| Order {
                        order_ref: Some(order_ref),
                        ..Order::default()
                    }),
                    recipient: recipient.clone(),
                    tracking_identifier: tracking,
                    carrier_tracking_url: None,
                    collection: None,
                    parcel: None,
                    sender: None,
                },
            })
        })
        .collect()
}
