//! The delivery legs of an allocated Shipping consignment.

use metapack_shipping::types::{Address, Consignment, Parcel};
use metapack_tracking::types::{
    DeliveryInformation, DeliveryLeg, DeliveryLegParcel, Order, Recipient, Sender,
};

use super::TrackedParcel;
use crate::server::given_trimmed;
use crate::shipping::catalogue::CatalogueCarrier;

/// Who carries an allocated consignment.
#[derive(Debug)]
pub(crate) struct Carriage<'a> {
    /// The catalogue carrier, when it still exists.
    pub(crate) carrier: Option<&'a CatalogueCarrier>,
    /// The carrier's code.
    pub(crate) carrier_code: &'a str,
    /// The carrier service's code.
    pub(crate) service_code: &'a str,
}

fn owned(value: Option<&str>) -> Option<String> {
    given_trimmed(value).map(str::to_owned)
}

fn recipient(address: &Address) -> Recipient {
    let contact = address.contact.as_ref();
    Recipient {
        city: owned(address.city.as_deref()),
        country_code: owned(address.country_code.as_deref()),
        email: owned(contact.and_then(|c| c.email.as_deref())),
        line1: owned(address.address_line1.as_deref()),
        line2: owned(address.address_line2.as_deref()),
        name: owned(contact.and_then(|c| c.name.as_deref()))
            .or_else(|| owned(address.company_name.as_deref())),
        phone: owned(contact.and_then(|c| c.phone.as_deref())),
        post_code: owned(address.post_code.as_deref()),
        region: owned(address.state_province.as_deref()),
        ..Recipient::default()
    }
}

fn sender(address: &Address) -> Sender {
    Sender {
        city: owned(address.city.as_deref()),
        country_code: owned(address.country_code.as_deref()),
        line1: owned(address.address_line1.as_deref()),
        line2: owned(address.address_line2.as_deref()),
        name: owned(address.company_name.as_deref())
            .or_else(|| owned(address.contact.as_ref().and_then(|c| c.name.as_deref())))
            .or_else(|| owned(address.code.as_deref())),
        post_code: owned(address.post_code.as_deref()),
        region: owned(address.state_province.as_deref()),
        ..Sender::default()
    }
}

/// The parcel's tracking identifier and URL, when allocated.
fn tracking_of(parcel: &Parcel) -> Option<(String, Option<String>)> {
    let leg = parcel.delivery_legs.iter().flatten().next()?;
    let tracking = owned(leg.tracking_identifier.as_deref())?;
    Some((tracking, leg.tracking_url.clone()))
}

/// The legs of the consignment's allocated parcels (of `only` these parcel codes when given).
pub(crate) fn parcels(
    consignment: &Consignment,
    carriage: &Carriage<'_>,
    only: Option<&str>,
) -> Vec<TrackedParcel> {
    let code = consignment.consignment_code.clone();
    let order_ref = consignment
        .orders
        .iter()
        .flatten()
        .find_map(|o| owned(o.order_ref.as_deref()));
    let expected = consignment
        .delivery_information
        .as_ref()
        .and_then(|d| d.delivery_window.as_ref())
        .and_then(|w| w.from);
    let recipient = consignment.recipient.as_ref().map(recipient);
    let sender = consignment.sender.as_ref().map(sender);
    consignment
        .parcels
        .iter()
        .flatten()
        .filter(|p| only.is_none_or(|wanted| p.parcel_code.as_deref() == Some(wanted)))
        .filter_map(|parcel| {
            let (tracking, url) = tracking_of(parcel)?;
            Some(TrackedParcel {
                leg: DeliveryLeg {
                    carrier_code: Some(carriage.carrier_code.to_owned()),
                    carrier_display_name: carriage.carrier.map(|c| c.name.clone()),
                    carrier_service_code: Some(carriage.service_code.to_owned()),
                    carrier_tracking_url: url.filter(|u| u.starts_with("https://")),
                    delivery: Some(DeliveryInformation {
                        expected_delivery_date: expected,
                        ..DeliveryInformation::default()
                    }),
                    delivery_ref: code.clone(),
                    final_delivery_leg: Some(true),
                    order: order_ref.clone().map(|order_ref| Order {
                        order_ref: Some(order_ref),
                        ..Order::default()
                    }),
                    parcel: Some(DeliveryLegParcel {
                        parcel_ref: None,
                        weight: parcel.weight.as_ref().and_then(|w| w.value),
                    }),
                    recipient: recipient.clone(),
                    sender: sender.clone(),
                    tracking_identifier: tracking,
                    collection: None,
                },
            })
        })
        .collect()
}
