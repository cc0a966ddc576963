//! [`AddressBuilder`] and [`ContactBuilder`]: where a shipment goes and who receives it.

use super::error::BuildError;
use super::part::BuildPart;
use crate::model::{Address, Contact, Notification};
use crate::validation::address_rules::rule_for;
use crate::values::{CountryCode, LanguageCode, NotificationType, TimeZoneId};

/// Setters of optional text fields of the model value in `self.inner`.
macro_rules! text_setters {
    ($($(#[$doc:meta])* $name:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, value: impl Into<String>) -> Self {
                self.inner.$name = Some(value.into());
                self
            }
        )*
    };
}

/// Builds an [`Address`] (A.1). `build()` requires an ISO 3166-1 alpha-3 `country` of B.15
/// (`GBR`, not `GB`; any letter case, as the API's list is matched) and the fields that country requires by Appendix D (every country needs
/// `street`; most need `city`, many `postalCode`).
///
/// ```
/// use metapack_mm_api::build::{AddressBuilder, BuildError};
///
/// let address = AddressBuilder::new()
///     .country("GBR")
///     .city("London")
///     .street("Gray's Inn Road")
///     .house_no("185")
///     .postal_code("WC1X 8XZ")
///     .build()?;
/// assert_eq!(address.country.map(|c| c.to_string()).as_deref(), Some("GBR"));
///
/// let no_city = AddressBuilder::new().country("GBR").street("Gray's Inn Road").postal_code("WC1X 8XZ");
/// assert_eq!(no_city.build(), Err(BuildError::Missing("city".into())));
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct AddressBuilder {
    inner: Address,
}

impl AddressBuilder {
    /// An empty address.
    pub fn new() -> Self {
        Self::default()
    }

    /// ISO 3166-1 alpha-3 code of the country (`country`), e.g. `GBR`. Required.
    pub fn country(mut self, code: impl Into<String>) -> Self {
        self.inner.country = Some(CountryCode::new(code.into()));
        self
    }

    text_setters! {
        /// Town or city (`city`).
        city;
        /// Street (`street`). Required in every country.
        street;
        /// House number (`houseNo`).
        house_no;
        /// House number extension (`houseExt`).
        house_ext;
        /// Building name (`building`).
        building;
        /// Company name (`companyName`).
        company_name;
        /// Department of the company (`department`).
        department;
        /// District (`district`).
        district;
        /// Door (entry) code (`doorCode`).
        door_code;
        /// Floor of the building (`floor`).
        floor;
        /// Block (`block`).
        block;
        /// Postal code (`postalCode`).
        postal_code;
        /// Province, state or region (`province`).
        province;
        /// Further details (`details`).
        details;
    }

    /// The address, or its first missing or refused field.
    pub fn build(self) -> Result<Address, BuildError> {
        let address = self.inner;
        let country = match &address.country {
            None => return Err(BuildError::Missing("country".into())),
            Some(code) if code.as_str().trim().is_empty() => {
                return Err(BuildError::Missing("country".into()));
            }
            Some(code) => code,
        };
        let code = country.as_str();
        super::part::alpha3_country("country", code)?;
        for field in rule_for(code).required_fields() {
            if field.value(&address).is_none_or(|v| v.trim().is_empty()) {
                return Err(BuildError::Missing(field.json_name().to_owned()));
            }
        }
        Ok(address)
    }
}

impl BuildPart<Address> for AddressBuilder {
    fn build_part(self) -> Result<Address, BuildError> {
        self.build()
    }
}

/// Builds a [`Contact`] (A.13). `build()` requires a first or a last name.
///
/// ```
/// use metapack_mm_api::build::{BuildError, ContactBuilder};
///
/// let contact = ContactBuilder::named("Andrew", "Neal").email("andrew@example.com").phone("+44 20 7946 0000").build()?;
/// assert_eq!(contact.email.as_deref(), Some("andrew@example.com"));
/// assert_eq!(ContactBuilder::new().email("a@example.com").build().unwrap_err().field(), "lastname");
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct ContactBuilder {
    inner: Contact,
}

impl ContactBuilder {
    /// An empty contact.
    pub fn new() -> Self {
        Self::default()
    }

    /// A contact with a first and a last name.
    pub fn named(firstname: impl Into<String>, lastname: impl Into<String>) -> Self {
        Self::new().firstname(firstname).lastname(lastname)
    }

    text_setters! {
        /// First name (`firstname`); a contact needs a first or a last name.
        firstname;
        /// Last name (`lastname`); a contact needs a first or a last name.
        lastname;
        /// Title (`title`), e.g. `Dr`.
        title;
        /// E-mail address (`email`), for notifications.
        email;
        /// Phone number (`phone`), for notifications.
        phone;
    }

    /// Time zone of the contact (`timeZone`), a zone ID of B.14 such as `Europe/London`.
    pub fn time_zone(mut self, zone: impl Into<String>) -> Self {
        self.inner.time_zone = Some(TimeZoneId::new(zone.into()));
        self
    }

    /// Language of notifications (`language`), an ISO 639-1 code such as `en`.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.inner.language = Some(LanguageCode::new(language.into()));
        self
    }

    /// Adds a notification (`notifications`): how (`SMS`, `EMAIL`, `PHONE`) and where.
    pub fn notification(
        mut self,
        notification_type: NotificationType,
        value: impl Into<String>,
    ) -> Self {
        self.inner
            .notifications
            .get_or_insert_with(Vec::new)
            .push(Notification::new(notification_type, value));
        self
    }

    /// The contact, or [`BuildError::Missing`] (`lastname`) when it has no name.
    pub fn build(self) -> Result<Contact, BuildError> {
        let named = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        if named(&self.inner.firstname) || named(&self.inner.lastname) {
            Ok(self.inner)
        } else {
            Err(BuildError::Missing("lastname".into()))
        }
    }
}

impl BuildPart<Contact> for ContactBuilder {
    fn build_part(self) -> Result<Contact, BuildError> {
        self.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london() -> AddressBuilder {
        AddressBuilder::new()
            .country("GBR")
            .city("London")
            .street("Gray's Inn Road")
            .postal_code("WC1X 8XZ")
    }

    #[test]
    fn an_address_needs_an_alpha3_country() {
        assert_eq!(
            AddressBuilder::new().street("x").build(),
            Err(BuildError::Missing("country".into()))
        );
        for code in ["GB", "GBRX", "XYZ", " GBR"] {
            let err = london().country(code).build().expect_err(code);
            assert_eq!(err.field(), "country", "{code}");
            assert!(err.to_string().contains("alpha-3"), "{err}");
        }
        let address = london().company_name("Metapack").build().expect("valid");
        assert_eq!(address.company_name.as_deref(), Some("Metapack"));
    }

    #[test]
    fn an_address_needs_what_its_country_requires() {
        assert_eq!(
            AddressBuilder::new()
                .country("GBR")
                .city("London")
                .postal_code("WC1X 8XZ")
                .build(),
            Err(BuildError::Missing("street".into()))
        );
        assert_eq!(
            london().postal_code("").build(),
            Err(BuildError::Missing("postalCode".into())),
            "GBR needs a postal code (Appendix D)"
        );
        assert_eq!(
            london().street("  ").build(),
            Err(BuildError::Missing("street".into())),
            "blank is missing"
        );
    }

    #[test]
    fn a_contact_needs_a_name() {
        assert_eq!(
            ContactBuilder::new().phone("1").build(),
            Err(BuildError::Missing("lastname".into()))
        );
        let contact = ContactBuilder::new()
            .lastname("Neal")
            .time_zone("Europe/London")
            .language("en")
            .notification(NotificationType::Email, "a@example.com")
            .build()
            .expect("a last name is enough");
        assert_eq!(contact.notifications.map(|n| n.len()), Some(1));
        assert_eq!(
            contact.time_zone.map(|z| z.to_string()).as_deref(),
            Some("Europe/London")
        );
    }
}
