//! The shipment (A.27) and everything in it, checked against Appendix A field by field.
//!
//! Paths are reported as the reference's examples show them: `logisticsUnits` on the
//! shipment, `logisticsUnits[0].weight.value` inside it, `shipmentProperties[key]` for an
//! entry of a map.

use metapack_mm_api::values::ConstraintCode;
use serde_json::Value;

use super::address_rules;
use super::constraints::{
    self as c, Object, Report, UriKind, at_least_zero, count, digits, mandatory, size,
};
use super::values;
use super::versions;

/// A.27: a shipment of either type.
pub(crate) fn shipment(r: &mut Report, s: &Object) {
    c::sized(r, s, "shipmentRef", 0, 40);
    let kind = c::text(r, s, "type");
    let known_kind = mandatory(r, "type", kind.is_some())
        && c::listed(
            r,
            "type",
            kind,
            &values::SHIPMENT_TYPES,
            ConstraintCode::SupportedValue,
        );
    if let Some(agent) = c::object(r, s, "undeliverable") {
        r.within("undeliverable", |r| self::agent(r, agent));
    }
    let units = c::list(r, s, "logisticsUnits");
    if mandatory(r, "logisticsUnits", units.is_some()) {
        count(r, "logisticsUnits", units, 1, 10);
    }
    for (index, unit) in c::objects(r, units.unwrap_or_default(), "logisticsUnits") {
        r.within(&format!("logisticsUnits[{index}]"), |r| {
            logistics_unit(r, unit)
        });
    }
    c::properties(r, s, "shipmentProperties");
    if let Some(attributes) = c::object(r, s, "shipmentAttributes") {
        r.within("shipmentAttributes", |r| shipment_attributes(r, attributes));
    }
    let orders = c::list(r, s, "orders");
    count(r, "orders", orders, 0, 1);
    for (index, order) in c::objects(r, orders.unwrap_or_default(), "orders") {
        r.within(&format!("orders[{index}]"), |r| self::order(r, order));
    }
    c::sized(r, s, "specialDeliveryInstructions", 0, 512);
    let incoterms = c::text(r, s, "incoterms");
    c::listed(
        r,
        "incoterms",
        incoterms,
        &values::INCOTERMS,
        ConstraintCode::Enum,
    );
    if let Some(origin) = c::object(r, s, "origin") {
        r.within("origin", |r| agent_uri(r, origin));
    }
    let receiver = c::object(r, s, "receiver");
    if mandatory(r, "receiver", receiver.is_some())
        && let Some(receiver) = receiver
    {
        r.within("receiver", |r| self::receiver(r, receiver));
    }
    let sender = c::object(r, s, "sender");
    if mandatory(r, "sender", sender.is_some())
        && let Some(sender) = sender
    {
        r.within("sender", |r| agent_uri(r, sender));
    }
    let destination = c::object(r, s, "destination");
    if mandatory(r, "destination", destination.is_some())
        && let Some(destination) = destination
    {
        r.within("destination", |r| self::destination(r, destination));
    }
    // The combinations depend on a known type; an unknown one was reported above.
    if known_kind {
        let collection = kind == Some("COLLECTION");
        if let Some(receiver) = receiver {
            receiver_combination(r, collection, receiver);
        }
        if let Some(destination) = destination {
            destination_combination(r, collection, destination);
        }
    }
}

/// Whether a field holds something (not absent, not `null`).
fn has(object: &Object, field: &str) -> bool {
    object.get(field).is_some_and(|value| !value.is_null())
}

/// B.10 `ValidTypeAndReceiverCombination`: a `COLLECTION` receiver has a URI, or an address
/// and a contact; a `DELIVERY` receiver (A.26.2) has an address and a contact, and no URI.
fn receiver_combination(r: &mut Report, collection: bool, receiver: &Object) {
    let by_address = has(receiver, "address") && has(receiver, "contact");
    let (ok, rule) = if collection {
        (
            has(receiver, "uri") || by_address,
            "a COLLECTION receiver needs a uri, or an address and a contact",
        )
    } else {
        (
            by_address && !has(receiver, "uri"),
            "a DELIVERY receiver needs an address and a contact (and no uri)",
        )
    };
    if !ok {
        r.violation(
            "receiver",
            ConstraintCode::ValidTypeAndReceiverCombination,
            Some(Value::Object(receiver.clone())),
            rule,
        );
    }
}

/// B.10 `ValidTypeAndDestinationCombination`: a `COLLECTION` destination has a URI, or a
/// collection point ID, its provider's ID and an address (a contact is optional); a
/// `DELIVERY` destination has an address and a contact and nothing else.
fn destination_combination(r: &mut Report, collection: bool, destination: &Object) {
    let point = has(destination, "collectionPointID");
    let provider = has(destination, "collectionPointProviderID");
    let address = has(destination, "address");
    let (ok, rule) = if collection {
        (
            has(destination, "uri") || (point && provider && address),
            "a COLLECTION destination needs a uri, or a collectionPointID, a \
             collectionPointProviderID and an address",
        )
    } else {
        (
            address
                && has(destination, "contact")
                && !has(destination, "uri")
                && !point
                && !provider,
            "a DELIVERY destination takes an address and a contact, both mandatory, and nothing else",
        )
    };
    if !ok {
        r.violation(
            "destination",
            ConstraintCode::ValidTypeAndDestinationCombination,
            Some(Value::Object(destination.clone())),
            rule,
        );
    }
}

/// A.2 Agent (`undeliverable`).
fn agent(r: &mut Report, a: &Object) {
    c::sized(r, a, "ref", 0, 20);
    let contact = c::object(r, a, "contact");
    if mandatory(r, "contact", contact.is_some())
        && let Some(contact) = contact
    {
        r.within("contact", |r| self::contact(r, contact));
    }
    let address = c::object(r, a, "address");
    if mandatory(r, "address", address.is_some())
        && let Some(address) = address
    {
        r.within("address", |r| self::address(r, address));
    }
}

/// A `uri` of at most 2000 characters that must be valid, available in `range`.
fn located(r: &mut Report, o: &Object, kind: UriKind, range: versions::Range) {
    let uri = c::text(r, o, "uri");
    c::since(r, "uri", o.get("uri"), range);
    if size(r, "uri", uri, 0, 2000) {
        c::uri(r, "uri", uri, kind);
    }
}

/// A.3 Agent URI (`origin`, `sender`).
fn agent_uri(r: &mut Report, a: &Object) {
    located(r, a, UriKind::Any, versions::AGENT_URI);
}

/// A.26 Receiver.
fn receiver(r: &mut Report, o: &Object) {
    located(r, o, UriKind::Any, versions::RECEIVER_URI);
    parties(r, o);
}

/// A.15 Destination.
fn destination(r: &mut Report, o: &Object) {
    located(r, o, UriKind::Destination, versions::DESTINATION_URI);
    for field in ["collectionPointID", "collectionPointProviderID"] {
        let id = c::text(r, o, field);
        c::since(r, field, o.get(field), versions::COLLECTION_POINT);
        size(r, field, id, 0, 36);
    }
    parties(r, o);
}

/// The optional `contact` and `address` of a receiver or destination.
fn parties(r: &mut Report, o: &Object) {
    if let Some(contact) = c::object(r, o, "contact") {
        r.within("contact", |r| self::contact(r, contact));
    }
    if let Some(address) = c::object(r, o, "address") {
        r.within("address", |r| self::address(r, address));
    }
}

/// A.1 Address, and its structure per Appendix D.
fn address(r: &mut Report, a: &Object) {
    let country = c::text(r, a, "country");
    if mandatory(r, "country", country.is_some()) && size(r, "country", country, 3, 3) {
        c::in_table(
            r,
            "country",
            country,
            values::is_country,
            "an ISO 3166-1 alpha-3 code of B.15",
        );
    }
    for (field, max) in [
        ("city", 40),
        ("building", 40),
        ("companyName", 40),
        ("department", 40),
        ("district", 40),
        ("doorCode", 40),
        ("floor", 40),
        ("houseNo", 16),
        ("street", 100),
        ("block", 40),
        ("houseExt", 16),
        ("postalCode", 16),
        ("province", 50),
        ("details", 100),
    ] {
        c::sized(r, a, field, 0, max);
    }
    let Some(country) = country else { return };
    for field in address_rules::required_fields(country) {
        let value = a.get(field).and_then(Value::as_str);
        if value.is_none_or(|value| value.trim().is_empty()) {
            r.violation(
                field,
                ConstraintCode::ValidAddressFormat,
                value.map(Value::from),
                format!("is required for addresses in {country} (Appendix D)"),
            );
        }
    }
    if let Some(province) = a.get("province").and_then(Value::as_str)
        && province.matches('/').count() > address_rules::MAX_PROVINCE_SLASHES
    {
        r.violation(
            "province",
            ConstraintCode::ValidAddressFormat,
            Some(Value::from(province)),
            "may contain at most 2 slashes",
        );
    }
}

/// A.13 Contact.
fn contact(r: &mut Report, o: &Object) {
    c::sized(r, o, "title", 0, 50);
    let first = c::text(r, o, "firstname");
    let last = c::text(r, o, "lastname");
    for (field, value, other, other_name) in [
        ("firstname", first, last, "lastname"),
        ("lastname", last, first, "firstname"),
    ] {
        if value.is_none() && other.is_none() {
            r.violation(
                field,
                ConstraintCode::NotNullDependsOn,
                None,
                format!("may not be null when {other_name} is not provided"),
            );
        }
        size(r, field, value, 0, 40);
    }
    c::sized(r, o, "phone", 0, 30);
    let email = c::text(r, o, "email");
    if size(r, "email", email, 0, 50) {
        c::email(r, "email", email);
    }
    let zone = c::text(r, o, "timeZone");
    c::in_table(
        r,
        "timeZone",
        zone,
        values::is_time_zone,
        "a zone ID of B.14",
    );
    let language = c::text(r, o, "language");
    c::in_table(
        r,
        "language",
        language,
        values::is_language,
        "an ISO 639-1 language code",
    );
    let notifications = c::list(r, o, "notifications");
    count(r, "notifications", notifications, 0, 8);
    for (index, n) in c::objects(r, notifications.unwrap_or_default(), "notifications") {
        r.within(&format!("notifications[{index}]"), |r| notification(r, n));
    }
}

/// A.24 Notification.
fn notification(r: &mut Report, n: &Object) {
    let kind = c::text(r, n, "notificationType");
    c::listed(
        r,
        "notificationType",
        kind,
        &values::NOTIFICATION_TYPES,
        ConstraintCode::Enum,
    );
    let value = c::text(r, n, "value");
    // "the email address for email notification".
    if size(r, "value", value, 0, 50) && kind == Some("EMAIL") {
        c::email(r, "value", value);
    }
}

/// A.21 Logistics Unit.
fn logistics_unit(r: &mut Report, u: &Object) {
    c::sized(r, u, "shipperRef", 0, 100);
    let items = c::list(r, u, "tradeItems");
    count(r, "tradeItems", items, 0, 20);
    for (index, item) in c::objects(r, items.unwrap_or_default(), "tradeItems") {
        r.within(&format!("tradeItems[{index}]"), |r| trade_item(r, item));
    }
    c::sized(r, u, "packageType", 0, 50);
    c::properties(r, u, "shipmentProperties");
    required_object(r, u, "weight", weight);
    required_object(r, u, "dimension", dimension);
    if let Some(value) = c::object(r, u, "value") {
        r.within("value", |r| monetary(r, value));
    }
}

/// A mandatory nested object, checked with `check` when there.
fn required_object(r: &mut Report, o: &Object, field: &str, check: fn(&mut Report, &Object)) {
    let inner = c::object(r, o, field);
    if mandatory(r, field, inner.is_some())
        && let Some(inner) = inner
    {
        r.within(field, |r| check(r, inner));
    }
}

/// A.29 Trade Item and A.18 Hazardous Trade Item.
fn trade_item(r: &mut Report, t: &Object) {
    let kind = c::text(r, t, "@type");
    c::listed(
        r,
        "@type",
        kind,
        &values::TRADE_ITEM_TYPES,
        ConstraintCode::SupportedValue,
    );
    let country = c::text(r, t, "countryOfOrigin");
    if mandatory(r, "countryOfOrigin", country.is_some())
        && size(r, "countryOfOrigin", country, 3, 3)
    {
        c::in_table(
            r,
            "countryOfOrigin",
            country,
            values::is_country,
            "an ISO 3166-1 alpha-3 code of B.15",
        );
    }
    for (field, max) in [
        ("fabricContent", 250),
        ("harmonisedCode", 50),
        ("productCode", 50),
        ("description", 250),
    ] {
        let value = c::text(r, t, field);
        mandatory(r, field, value.is_some());
        size(r, field, value, 0, max);
    }
    let quantity = c::number(r, t, "quantity");
    if mandatory(r, "quantity", quantity.is_some()) {
        digits(r, "quantity", quantity, 12, 0);
        c::more_than_zero(r, "quantity", quantity);
    }
    let product_type = c::text(r, t, "productType");
    mandatory(r, "productType", product_type.is_some());
    size(r, "productType", product_type, 0, 250);
    required_object(r, t, "unitValue", monetary);
    required_object(r, t, "unitWeight", weight);
    // A.18: codes and materialAttributes are mandatory on a hazardous trade item.
    let hazardous = kind == Some(values::HAZARDOUS_TRADE_ITEM);
    let because = "@type is HazardousTradeItem";
    let codes = c::list(r, t, "codes");
    let attributes = c::list(r, t, "materialAttributes");
    for (field, there) in [
        ("codes", codes.is_some()),
        ("materialAttributes", attributes.is_some()),
    ] {
        if hazardous && !there {
            r.violation(
                field,
                ConstraintCode::ValueDependsOn,
                None,
                format!("may not be null when {because}"),
            );
        }
    }
    count(r, "codes", codes, 0, 10);
    for (index, code) in c::texts(r, codes.unwrap_or_default(), "codes") {
        size(r, &format!("codes[{index}]"), Some(code), 0, 250);
    }
    count(r, "materialAttributes", attributes, 0, 10);
    for (index, attribute) in c::texts(r, attributes.unwrap_or_default(), "materialAttributes") {
        c::listed(
            r,
            &format!("materialAttributes[{index}]"),
            Some(attribute),
            &values::MATERIAL_ATTRIBUTES,
            ConstraintCode::Enum,
        );
    }
}

/// A.30 Weight.
fn weight(r: &mut Report, w: &Object) {
    let value = c::number(r, w, "value");
    if mandatory(r, "value", value.is_some()) {
        at_least_zero(r, "value", value);
        digits(r, "value", value, 12, 3);
    }
    let unit = c::text(r, w, "unit");
    if mandatory(r, "unit", unit.is_some()) {
        c::listed(
            r,
            "unit",
            unit,
            &values::WEIGHT_UNITS,
            ConstraintCode::SupportedValue,
        );
    }
}

/// A.16 Dimension.
fn dimension(r: &mut Report, d: &Object) {
    for field in ["width", "height", "depth"] {
        let value = c::number(r, d, field);
        if mandatory(r, field, value.is_some()) {
            at_least_zero(r, field, value);
            digits(r, field, value, 3, 0);
        }
    }
    let unit = c::text(r, d, "unit");
    if mandatory(r, "unit", unit.is_some()) {
        c::listed(
            r,
            "unit",
            unit,
            &values::MEASUREMENT_UNITS,
            ConstraintCode::SupportedValue,
        );
    }
}

/// A.23 Monetary.
fn monetary(r: &mut Report, m: &Object) {
    let value = c::number(r, m, "value");
    if mandatory(r, "value", value.is_some()) {
        digits(r, "value", value, 12, 2);
    }
    let currency = c::text(r, m, "currencyCode");
    mandatory(r, "currencyCode", currency.is_some());
    size(r, "currencyCode", currency, 0, 3);
}

/// A.28 ShipmentAttributes.
fn shipment_attributes(r: &mut Report, a: &Object) {
    c::boolean(r, a, "limitedQuantity");
    let proof = c::text(r, a, "proofOfDeliveryType");
    c::listed(
        r,
        "proofOfDeliveryType",
        proof,
        &values::PROOF_OF_DELIVERY_TYPES,
        ConstraintCode::Enum,
    );
    for field in ["insuranceAmount", "shippingCost"] {
        if let Some(money) = c::object(r, a, field) {
            r.within(field, |r| monetary(r, money));
        }
    }
    if let Some(cod) = c::object(r, a, "cashOnDelivery") {
        r.within("cashOnDelivery", |r| cash_on_delivery(r, cod));
    }
    if let Some(identity) = c::object(r, a, "identity") {
        r.within("identity", |r| {
            let document = c::text(r, identity, "typeOfDocument");
            mandatory(r, "typeOfDocument", document.is_some());
            size(r, "typeOfDocument", document, 0, 60);
            c::boolean(r, identity, "photo");
        });
    }
    c::boolean(r, a, "twoMan");
    c::since(r, "twoMan", a.get("twoMan"), versions::TWO_MAN);
    c::text(r, a, "contentType");
}

/// A.4 Cash On Delivery.
fn cash_on_delivery(r: &mut Report, o: &Object) {
    required_object(r, o, "value", monetary);
    c::sized(r, o, "specialInstruction", 0, 250);
}

/// A.25 Order.
fn order(r: &mut Report, o: &Object) {
    c::sized(r, o, "number", 0, 250);
    if let Some(value) = c::object(r, o, "value") {
        r.within("value", |r| monetary(r, value));
    }
    let date = c::text(r, o, "date");
    let time = c::date_time(r, "date", date);
    c::past(r, "date", time, date);
    c::properties(r, o, "orderProperties");
}
