//! Rendering the store's data as Shipping models and paperwork content.

use std::collections::HashMap;

use metapack_shipping::types::{
    Address, Carrier, CarrierService, Consignment, Money, Parcel, Rate, Service, ShippingCosts,
    TimeWindow,
};

use crate::catalogue::round_cents;
use crate::paperwork::{CustomsLine, LabelContent};
use crate::server::given_trimmed;
use crate::shipping::catalogue::{Quote, Shipment, ShippingCatalogue, Window};

use super::*;

/// What matching looks at in `consignment`.
pub(super) fn shipment(consignment: &Consignment) -> Shipment<'_> {
    let parcels = consignment.parcels.as_deref().unwrap_or_default();
    Shipment {
        recipient_country: given_trimmed(
            consignment
                .recipient
                .as_ref()
                .and_then(|r| r.country_code.as_deref()),
        ),
        sender_code: given_trimmed(consignment.sender.as_ref().and_then(|s| s.code.as_deref())),
        sender_country: given_trimmed(
            consignment
                .sender
                .as_ref()
                .and_then(|s| s.country_code.as_deref()),
        ),
        parcel_count: parcels.len(),
        parcel_weights: parcels.iter().map(parcel_weight).collect(),
    }
}

/// The Shipping model of a catalogue service.
pub(super) fn service_model(quote: &Quote<'_>) -> Service {
    Service {
        carrier_service: Some(CarrierService {
            code: Some(quote.service.code.clone()),
            name: Some(quote.service.name.clone()),
            carrier: Some(Carrier {
                code: Some(quote.carrier.code.clone()),
                name: Some(quote.carrier.name.clone()),
            }),
        }),
    }
}

/// `{"shippingCost": {amount, currencyCode}}`.
pub(super) fn costs(amount: f64, currency: &str) -> ShippingCosts {
    ShippingCosts(HashMap::from([(
        "shippingCost".to_owned(),
        Money {
            amount: Some(round_cents(amount)),
            currency_code: Some(currency.to_owned()),
        },
    )]))
}

pub(super) fn time_window((from, to): Window) -> TimeWindow {
    TimeWindow {
        from: Some(from),
        to: Some(to),
    }
}

/// A rate for one quote.
pub(super) fn rate(quote: &Quote<'_>) -> Rate {
    Rate {
        collection_window: Some(time_window(quote.collection)),
        cutoff_date_time: Some(quote.collection.1),
        delivery_window: Some(time_window(quote.delivery)),
        service: Some(service_model(quote)),
        shipping_costs: Some(costs(quote.cost, &quote.service.currency)),
    }
}

/// The lines of an address, for paperwork.
pub(super) fn address_lines(address: Option<&Address>, fallback: Option<&str>) -> Vec<String> {
    let Some(address) = address else {
        return fallback.map(str::to_owned).into_iter().collect();
    };
    let name = address
        .contact
        .as_ref()
        .and_then(|c| c.name.as_deref())
        .or(address.company_name.as_deref())
        .or(fallback);
    let city = [address.city.as_deref(), address.post_code.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    [
        name,
        address.address_line1.as_deref(),
        address.address_line2.as_deref(),
        Some(city.as_str()),
        address.country_code.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|line| !line.trim().is_empty())
    .map(str::to_owned)
    .collect()
}

/// What the label of parcel `index` of `record` shows.
pub(super) fn label_content(
    catalogue: &ShippingCatalogue,
    record: &Record,
    index: usize,
) -> LabelContent {
    let parcel = &record.parcels()[index];
    let service = record
        .consignment
        .service
        .as_ref()
        .and_then(|s| s.carrier_service.as_ref());
    LabelContent {
        consignment_code: code_of(&record.consignment).to_owned(),
        parcel_code: parcel_code_of(parcel).to_owned(),
        position: (index + 1, record.parcels().len()),
        tracking_identifier: parcel
            .delivery_legs
            .iter()
            .flatten()
            .find_map(|leg| leg.tracking_identifier.clone())
            .unwrap_or_default(),
        carrier: service
            .and_then(|s| s.carrier.as_ref())
            .and_then(|c| c.name.clone())
            .unwrap_or_default(),
        service: service.and_then(|s| s.name.clone()).unwrap_or_default(),
        sender: record.sender_lines(catalogue),
        recipient: address_lines(record.consignment.recipient.as_ref(), None),
        weight: parcel.weight.as_ref().and_then(|w| w.value),
        delivery_date: record
            .consignment
            .delivery_information
            .as_ref()
            .and_then(|d| d.delivery_window.as_ref())
            .and_then(|w| w.from)
            .map(|from| from.format("%Y-%m-%d").to_string()),
    }
}

/// The customs lines of these parcels' items.
pub(super) fn customs_lines<'a>(parcels: impl Iterator<Item = &'a Parcel>) -> Vec<CustomsLine> {
    let mut lines = Vec::new();
    for parcel in parcels {
        for item in parcel.items.iter().flatten() {
            let text = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_owned());
            lines.push(CustomsLine {
                parcel_code: parcel_code_of(parcel).to_owned(),
                item_ref: text(&item.item_ref),
                description: text(&item.description),
                harmonised_code: text(&item.harmonised_code),
                country_of_origin: text(&item.country_of_origin),
                quantity: quantity(item),
                value: item
                    .value
                    .as_ref()
                    .and_then(|v| v.amount)
                    .map_or_else(|| "-".to_owned(), |a| format!("{a:.2}")),
            });
        }
    }
    lines
}
