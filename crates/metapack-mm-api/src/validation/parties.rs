//! Checks of the parties: [`Address`], [`Contact`], [`Notification`], [`Agent`],
//! [`AgentUri`], [`Receiver`] and [`Destination`]. The type-dependent combinations of
//! receiver and destination are checked with the shipment.

use serde_json::Value;

use super::rules::{self, size};
use super::{Checker, Validate, address_rules};
use crate::model::{Address, Agent, AgentUri, Contact, Destination, Notification, Receiver};
use crate::values::NotificationType;
use crate::version::Feature;

fn uri_value(uri: Option<&str>) -> impl FnOnce() -> Option<Value> + '_ {
    move || uri.map(Value::from)
}

impl Validate for Address {
    const OBJECT_NAME: &'static str = "address";

    fn validate_in(&self, c: &mut Checker) {
        rules::country(c, "country", self.country.as_ref());
        size(c, "city", self.city.as_deref(), 0, 40);
        size(c, "building", self.building.as_deref(), 0, 40);
        size(c, "companyName", self.company_name.as_deref(), 0, 40);
        size(c, "department", self.department.as_deref(), 0, 40);
        size(c, "district", self.district.as_deref(), 0, 40);
        size(c, "doorCode", self.door_code.as_deref(), 0, 40);
        size(c, "floor", self.floor.as_deref(), 0, 40);
        size(c, "houseNo", self.house_no.as_deref(), 0, 16);
        size(c, "street", self.street.as_deref(), 0, 100);
        size(c, "block", self.block.as_deref(), 0, 40);
        size(c, "houseExt", self.house_ext.as_deref(), 0, 16);
        size(c, "postalCode", self.postal_code.as_deref(), 0, 16);
        size(c, "province", self.province.as_deref(), 0, 50);
        size(c, "details", self.details.as_deref(), 0, 100);
        address_rules::check_address_format(c, self);
    }
}

impl Validate for Contact {
    const OBJECT_NAME: &'static str = "contact";

    fn validate_in(&self, c: &mut Checker) {
        size(c, "title", self.title.as_deref(), 0, 50);
        let (first, last) = (self.firstname.is_some(), self.lastname.is_some());
        rules::not_null_depends_on(c, "firstname", first, last, "lastname");
        size(c, "firstname", self.firstname.as_deref(), 0, 40);
        rules::not_null_depends_on(c, "lastname", last, first, "firstname");
        size(c, "lastname", self.lastname.as_deref(), 0, 40);
        size(c, "phone", self.phone.as_deref(), 0, 30);
        if size(c, "email", self.email.as_deref(), 0, 50) {
            rules::email(c, "email", self.email.as_deref());
        }
        let zone = self.time_zone.as_ref();
        rules::supported_text(
            c,
            "timeZone",
            zone.map(|z| z.as_str()),
            zone.is_some_and(|z| z.is_known()),
            "a time-zone ID of B.14",
        );
        let language = self.language.as_ref();
        rules::supported_text(
            c,
            "language",
            language.map(|l| l.as_str()),
            language.is_some_and(|l| l.is_known()),
            "an ISO 639-1 language code",
        );
        let notifications = self.notifications.as_deref();
        rules::count(
            c,
            "notifications",
            notifications.map(<[_]>::len),
            0,
            8,
            || serde_json::to_value(notifications).ok(),
        );
        c.check_each("notifications", notifications);
    }
}

impl Validate for Notification {
    const OBJECT_NAME: &'static str = "notification";

    fn validate_in(&self, c: &mut Checker) {
        rules::enum_value(c, "notificationType", self.notification_type.as_ref());
        if size(c, "value", self.value.as_deref(), 0, 50)
            && self.notification_type == Some(NotificationType::Email)
        {
            rules::email(c, "value", self.value.as_deref());
        }
    }
}

impl Validate for Agent {
    const OBJECT_NAME: &'static str = "agent";

    fn validate_in(&self, c: &mut Checker) {
        size(c, "ref", self.reference.as_deref(), 0, 20);
        c.check_required("contact", self.contact.as_ref());
        c.check_required("address", self.address.as_ref());
    }
}

impl Validate for AgentUri {
    const OBJECT_NAME: &'static str = "agentURI";

    fn validate_in(&self, c: &mut Checker) {
        let uri = self.uri.as_ref().map(|u| u.as_str());
        rules::since(c, "uri", uri.is_some(), uri_value(uri), Feature::AgentUri);
        if size(c, "uri", uri, 0, 2000) {
            rules::uri(c, "uri", uri);
        }
    }
}

impl Validate for Receiver {
    const OBJECT_NAME: &'static str = "receiver";

    fn validate_in(&self, c: &mut Checker) {
        let uri = self.uri.as_ref().map(|u| u.as_str());
        rules::since(
            c,
            "uri",
            uri.is_some(),
            uri_value(uri),
            Feature::ReceiverUri,
        );
        if size(c, "uri", uri, 0, 2000) {
            rules::uri(c, "uri", uri);
        }
        c.check("contact", self.contact.as_ref());
        c.check("address", self.address.as_ref());
    }
}

impl Validate for Destination {
    const OBJECT_NAME: &'static str = "destination";

    fn validate_in(&self, c: &mut Checker) {
        let uri = self.uri.as_ref().map(|u| u.as_str());
        rules::since(
            c,
            "uri",
            uri.is_some(),
            uri_value(uri),
            Feature::DestinationUri,
        );
        if size(c, "uri", uri, 0, 2000) {
            rules::destination_uri(c, "uri", uri);
        }
        for (field, value) in [
            ("collectionPointID", self.collection_point_id.as_deref()),
            (
                "collectionPointProviderID",
                self.collection_point_provider_id.as_deref(),
            ),
        ] {
            rules::since(
                c,
                field,
                value.is_some(),
                uri_value(value),
                Feature::CollectionPoint,
            );
            size(c, field, value, 0, 36);
        }
        c.check("contact", self.contact.as_ref());
        c.check("address", self.address.as_ref());
    }
}
