//! [`Contact`] (A.13) and [`Notification`] (A.24).

use serde::{Deserialize, Serialize};

use crate::values::{LanguageCode, NotificationType, TimeZoneId};

/// How to reach a person (A.13); used on labels and for notifications. Every field is
/// `[0.6.0,)`.
///
/// ```
/// use metapack_mm_api::model::Contact;
/// let contact = Contact::named("Andrew", "Neal").with_email("example@metapack.com");
/// assert_eq!(contact.lastname.as_deref(), Some("Neal"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// JSON-LD node id (`@id`) in responses, a blank node.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// JSON-LD type (`@type`), `Contact` in responses.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// Title (`Mr`, `Dr`). At most 50 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// First name. At most 40 characters; needed when there is no last name
    /// (`NotNullDependsOn`).
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// Last name. At most 40 characters; needed when there is no first name
    /// (`NotNullDependsOn`).
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastname: Option<String>,
    /// Phone number. At most 30 characters. Used for notifications.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail address. At most 50 characters; must be well formed. Used for notifications.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Time zone the contact lives in, so notifications do not wake them at night. One of
    /// B.14's zone IDs.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<TimeZoneId>,
    /// Language of notifications and translations. An ISO 639-1 code.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageCode>,
    /// Notifications the contact should receive. At most 8.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub notifications: Option<Vec<Notification>>,
}

impl Contact {
    /// A contact with a first and a last name.
    pub fn named(firstname: impl Into<String>, lastname: impl Into<String>) -> Self {
        Self {
            firstname: Some(firstname.into()),
            lastname: Some(lastname.into()),
            ..Self::default()
        }
    }

    /// The same contact with an e-mail address.
    #[must_use]
    pub fn with_email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// The same contact with a phone number.
    #[must_use]
    pub fn with_phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }
}

/// A notification a contact should receive (A.24). Every field is `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    /// How to notify: `SMS`, `EMAIL` or `PHONE`.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_type: Option<NotificationType>,
    /// Where to notify: the phone number for `SMS` and `PHONE`, the e-mail address for
    /// `EMAIL`. At most 50 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl Notification {
    /// A notification of a type, sent to `value`.
    pub fn new(notification_type: NotificationType, value: impl Into<String>) -> Self {
        Self {
            notification_type: Some(notification_type),
            value: Some(value.into()),
        }
    }
}
