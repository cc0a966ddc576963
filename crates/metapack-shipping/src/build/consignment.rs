//! [`ConsignmentBuilder`] and the builders of its parts: [`AddressBuilder`], [`ParcelBuilder`]
//! and [`ItemBuilder`].
//!
//! What `build()` requires, from Metapack's docs (a consignment's sender is a warehouse, and a
//! working request carries the recipient with a contact, parcels with a weight, items with a
//! description and quantity):
//!
//! - a sender: a shipping location code, or an address with street, city, postal code and
//!   country;
//! - a recipient address with street, city, postal code and country, and a contact name;
//! - at least one parcel, each with a weight; each item with a description and a quantity of at
//!   least 1;
//! - country codes in ISO 3166-1 alpha-3 (`GBR`), currency codes in ISO 4217 (`GBP`), weights
//!   and lengths above zero.

use super::checks::{country, money, not_blank, positive, required};
use crate::query::PaperworkOptions;
use crate::types::{
    Address, Consignment, ConsignmentRequest, ConsignmentWithPaperworkRequest, Contact, Dimensions,
    Item, MeasurementUnit, MeasurementUnits, Money, Order, Parcel, ShippingRules, Weight,
    WeightUnit,
};
use metapack_core::BuildError;

/// Builds a [`ConsignmentRequest`] (the body of `create_consignment`, `get_rates` and
/// `validate_allocation`) or, with paperwork options, a [`ConsignmentWithPaperworkRequest`].
///
/// Weights are kilograms and dimensions centimetres: `build()` sets the consignment's
/// `measurementUnits` to `kg` and `cm` unless [`ConsignmentBuilder::measurement_units`] says
/// otherwise.
///
/// ```
/// use metapack_shipping::{AddressBuilder, BuildError, ConsignmentBuilder, ItemBuilder, ParcelBuilder};
///
/// let request = ConsignmentBuilder::new()
///     .sender_location("WH-LONDON")
///     .recipient(
///         AddressBuilder::new()
///             .name("Ann Smith")
///             .email("ann@example.com")
///             .line1("1 High Street")
///             .city("Manchester")
///             .post_code("M1 1AA")
///             .country("GBR"),
///     )
///     .parcel(
///         ParcelBuilder::new()
///             .weight_kg(1.5)
///             .dimensions_cm(10.0, 20.0, 30.0)
///             .item(ItemBuilder::new().description("Mug").value(15.0, "GBP").origin_country("GBR")),
///     )
///     .order_ref("ORDER-1")
///     .carrier_service("SBXPOST48")
///     .build()?;
/// assert_eq!(request.consignment.sender.unwrap().code.as_deref(), Some("WH-LONDON"));
/// assert_eq!(request.shipping_rules.unwrap().carrier_services, Some(vec!["SBXPOST48".into()]));
///
/// // A missing field is named.
/// let error = ConsignmentBuilder::new()
///     .sender_location("WH-LONDON")
///     .recipient(AddressBuilder::new().name("Ann").line1("1 High Street").city("Leeds").country("GBR"))
///     .parcel(ParcelBuilder::new().weight_kg(1.0))
///     .build()
///     .unwrap_err();
/// assert_eq!(error, BuildError::Missing("recipient.address.postCode".into()));
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct ConsignmentBuilder {
    consignment: Consignment,
    sender: Option<AddressBuilder>,
    sender_location: Option<String>,
    recipient: Option<AddressBuilder>,
    parcels: Vec<ParcelBuilder>,
    rules: Option<ShippingRules>,
}

impl ConsignmentBuilder {
    /// An empty consignment.
    pub fn new() -> Self {
        Self::default()
    }

    /// The sender by its shipping location (warehouse) code, as set up for the shipper account
    /// (`GET /shippingLocations`): `sender.code`.
    pub fn sender_location(mut self, code: impl Into<String>) -> Self {
        self.sender_location = Some(code.into());
        self
    }

    /// The sender's address. With [`ConsignmentBuilder::sender_location`] too, both are sent
    /// (the location code and its address); alone, the address must be complete.
    pub fn sender_address(mut self, address: impl Into<AddressBuilder>) -> Self {
        self.sender = Some(address.into());
        self
    }

    /// The recipient: address and contact.
    pub fn recipient(mut self, address: impl Into<AddressBuilder>) -> Self {
        self.recipient = Some(address.into());
        self
    }

    /// Adds a parcel.
    pub fn parcel(mut self, parcel: impl Into<ParcelBuilder>) -> Self {
        self.parcels.push(parcel.into());
        self
    }

    /// Adds the parcels, in order.
    pub fn parcels<P: Into<ParcelBuilder>>(mut self, parcels: impl IntoIterator<Item = P>) -> Self {
        self.parcels.extend(parcels.into_iter().map(Into::into));
        self
    }

    /// Adds an order the consignment fulfils, by its reference.
    pub fn order_ref(self, order_ref: impl Into<String>) -> Self {
        self.order(Order {
            order_ref: Some(order_ref.into()),
            ..Order::default()
        })
    }

    /// Adds an order the consignment fulfils (with its value, charges, date).
    pub fn order(mut self, order: Order) -> Self {
        self.consignment
            .orders
            .get_or_insert_with(Vec::new)
            .push(order);
        self
    }

    /// The shipper's reference of the shipment the consignment belongs to (`shipmentRef`).
    pub fn shipment_ref(mut self, shipment_ref: impl Into<String>) -> Self {
        self.consignment.shipment_ref = Some(shipment_ref.into());
        self
    }

    /// The manifest group to manifest the consignment with (`manifestGroupCode`).
    pub fn manifest_group_code(mut self, code: impl Into<String>) -> Self {
        self.consignment.manifest_group_code = Some(code.into());
        self
    }

    /// Adds a free-form tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.consignment
            .tags
            .get_or_insert_with(Vec::new)
            .push(tag.into());
        self
    }

    /// Units of the weights and dimensions, when not kilograms and centimetres.
    pub fn measurement_units(mut self, units: MeasurementUnits) -> Self {
        self.consignment.measurement_units = Some(units);
        self
    }

    /// Allows allocation to this carrier service (`shippingRules.carrierServices`); call again
    /// to allow several.
    pub fn carrier_service(mut self, code: impl Into<String>) -> Self {
        self.rules
            .get_or_insert_with(ShippingRules::default)
            .carrier_services
            .get_or_insert_with(Vec::new)
            .push(code.into());
        self
    }

    /// Allocates to the option a shopper chose in Delivery Options: its booking code
    /// (`SERVICE/date/...`) goes to `shippingRules.carrierServices`.
    pub fn booking_code(self, booking_code: impl Into<String>) -> Self {
        self.carrier_service(booking_code)
    }

    /// Shipping rules in full (days, slots, a predefined rule's code); carrier services and
    /// booking codes set before or after are kept.
    pub fn shipping_rules(mut self, rules: ShippingRules) -> Self {
        let chosen = self.rules.take().and_then(|r| r.carrier_services);
        let mut rules = rules;
        if let Some(chosen) = chosen {
            rules
                .carrier_services
                .get_or_insert_with(Vec::new)
                .extend(chosen);
        }
        self.rules = Some(rules);
        self
    }

    /// Checks the consignment and builds the request.
    pub fn build(self) -> Result<ConsignmentRequest, BuildError> {
        let (consignment, rules) = self.into_parts()?;
        Ok(ConsignmentRequest {
            consignment,
            shipping_rules: rules,
        })
    }

    /// Checks the consignment and builds the request of `create_consignment_with_paperwork`
    /// (create, allocate and print in one call).
    pub fn build_with_paperwork(
        self,
        paperwork: &PaperworkOptions,
    ) -> Result<ConsignmentWithPaperworkRequest, BuildError> {
        let (consignment, rules) = self.into_parts()?;
        Ok(ConsignmentWithPaperworkRequest {
            consignment,
            shipping_rules: rules.unwrap_or_default(),
            paperwork: paperwork.to_request(),
        })
    }

    fn into_parts(self) -> Result<(Consignment, Option<ShippingRules>), BuildError> {
        let mut consignment = self.consignment;
        consignment.sender = Some(match (self.sender_location, self.sender) {
            (Some(code), address) => {
                required("sender.code", Some(&code))?;
                let mut address = match address {
                    Some(address) => address.check_partial("sender")?,
                    None => Address::default(),
                };
                address.code = Some(code);
                address
            }
            (None, Some(address)) => address.check_complete("sender", false)?,
            (None, None) => return Err(BuildError::Missing("sender".into())),
        });
        let recipient = self
            .recipient
            .ok_or_else(|| BuildError::Missing("recipient.address".into()))?;
        consignment.recipient = Some(recipient.check_complete("recipient", true)?);
        if self.parcels.is_empty() {
            return Err(BuildError::Missing("parcels".into()));
        }
        let parcels = self
            .parcels
            .into_iter()
            .enumerate()
            .map(|(i, p)| p.check(&format!("parcels[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        consignment.parcels = Some(parcels);
        for (i, order) in consignment.orders.iter().flatten().enumerate() {
            not_blank(&format!("orders[{i}].orderRef"), order.order_ref.as_deref())?;
            money(&format!("orders[{i}].value"), order.value.as_ref())?;
        }
        if consignment.measurement_units.is_none() {
            consignment.measurement_units = Some(MeasurementUnits {
                weight: Some(WeightUnit::Kg),
                measurement: Some(MeasurementUnit::Cm),
                volume: None,
            });
        }
        if let Some(rules) = &self.rules {
            for (i, code) in rules.carrier_services.iter().flatten().enumerate() {
                not_blank(&format!("shippingRules.carrierServices[{i}]"), Some(code))?;
            }
        }
        Ok((consignment, self.rules))
    }
}

/// Builds an [`Address`] with its contact: a consignment's recipient, or its sender when not
/// given by location code alone.
///
/// A generated [`Address`] converts into one (`AddressBuilder::from(address)`), and is then
/// checked like any other.
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct AddressBuilder(Address);

impl AddressBuilder {
    /// An empty address.
    pub fn new() -> Self {
        Self::default()
    }

    fn contact(&mut self) -> &mut Contact {
        self.0.contact.get_or_insert_with(Contact::default)
    }

    /// The contact's name (`contact.name`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.contact().name = Some(name.into());
        self
    }

    /// The contact's email address (`contact.email`).
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.contact().email = Some(email.into());
        self
    }

    /// The contact's phone number (`contact.phone`).
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.contact().phone = Some(phone.into());
        self
    }

    /// The company name.
    pub fn company(mut self, company_name: impl Into<String>) -> Self {
        self.0.company_name = Some(company_name.into());
        self
    }

    /// The first address line: street and number (`addressLine1`).
    pub fn line1(mut self, line: impl Into<String>) -> Self {
        self.0.address_line1 = Some(line.into());
        self
    }

    /// The second address line (`addressLine2`).
    pub fn line2(mut self, line: impl Into<String>) -> Self {
        self.0.address_line2 = Some(line.into());
        self
    }

    /// Town or city.
    pub fn city(mut self, city: impl Into<String>) -> Self {
        self.0.city = Some(city.into());
        self
    }

    /// State, province or region (`stateProvince`).
    pub fn state_province(mut self, state: impl Into<String>) -> Self {
        self.0.state_province = Some(state.into());
        self
    }

    /// Postal code (`postCode`).
    pub fn post_code(mut self, post_code: impl Into<String>) -> Self {
        self.0.post_code = Some(post_code.into());
        self
    }

    /// Country, as an ISO 3166-1 alpha-3 code: `GBR`, `FRA`, `DEU` (`countryCode`).
    pub fn country(mut self, country_code: impl Into<String>) -> Self {
        self.0.country_code = Some(country_code.into());
        self
    }

    /// The shipper's reference of the address (`addressReference`).
    pub fn reference(mut self, reference: impl Into<String>) -> Self {
        self.0.address_reference = Some(reference.into());
        self
    }

    /// The address as built so far, unchecked.
    pub fn into_inner(self) -> Address {
        self.0
    }

    /// Street, city, postal code and country set, and (for a recipient) a contact name.
    fn check_complete(self, path: &str, needs_contact: bool) -> Result<Address, BuildError> {
        let address = &self.0;
        let at = |field: &str| format!("{path}.address.{field}");
        required(&at("addressLine1"), address.address_line1.as_deref())?;
        required(&at("city"), address.city.as_deref())?;
        required(&at("postCode"), address.post_code.as_deref())?;
        required(&at("countryCode"), address.country_code.as_deref())?;
        if needs_contact {
            let name = address.contact.as_ref().and_then(|c| c.name.as_deref());
            required(&format!("{path}.contact.name"), name)?;
        }
        self.check_partial(path)
    }

    /// What is set is well formed.
    fn check_partial(self, path: &str) -> Result<Address, BuildError> {
        let address = &self.0;
        let at = |field: &str| format!("{path}.address.{field}");
        country(&at("countryCode"), address.country_code.as_deref())?;
        for (field, value) in [
            ("addressLine1", &address.address_line1),
            ("city", &address.city),
            ("postCode", &address.post_code),
        ] {
            not_blank(&at(field), value.as_deref())?;
        }
        Ok(self.0)
    }
}

impl From<Address> for AddressBuilder {
    fn from(address: Address) -> Self {
        Self(address)
    }
}

/// Builds a [`Parcel`]: weight in kilograms, dimensions in centimetres, value, items.
///
/// A generated [`Parcel`] converts into one and is then checked like any other.
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct ParcelBuilder {
    parcel: Parcel,
    items: Vec<ItemBuilder>,
}

impl ParcelBuilder {
    /// An empty parcel.
    pub fn new() -> Self {
        Self::default()
    }

    /// The weight in kilograms (`weight.value`).
    pub fn weight_kg(mut self, kg: f64) -> Self {
        self.parcel.weight = Some(Weight { value: Some(kg) });
        self
    }

    /// Height, width and depth in centimetres (`dimensions`).
    pub fn dimensions_cm(mut self, height: f64, width: f64, depth: f64) -> Self {
        self.parcel.dimensions = Some(Dimensions {
            height: Some(height),
            width: Some(width),
            depth: Some(depth),
            diameter: None,
        });
        self
    }

    /// The declared value of the parcel, in a currency such as `GBP`.
    pub fn value(mut self, amount: f64, currency_code: impl Into<String>) -> Self {
        self.parcel.value = Some(Money::new(amount, currency_code));
        self
    }

    /// The shipper's own carton id (`shipperRef`).
    pub fn shipper_ref(mut self, shipper_ref: impl Into<String>) -> Self {
        self.parcel.shipper_ref = Some(shipper_ref.into());
        self
    }

    /// The kind of packaging (`packagingType`).
    pub fn packaging_type(mut self, packaging_type: impl Into<String>) -> Self {
        self.parcel.packaging_type = Some(packaging_type.into());
        self
    }

    /// Adds an item packed in the parcel.
    pub fn item(mut self, item: impl Into<ItemBuilder>) -> Self {
        self.items.push(item.into());
        self
    }

    fn check(self, path: &str) -> Result<Parcel, BuildError> {
        let mut parcel = self.parcel;
        let weight = parcel.weight.as_ref().and_then(|w| w.value);
        if weight.is_none() {
            return Err(BuildError::Missing(format!("{path}.weight")));
        }
        positive(&format!("{path}.weight"), weight)?;
        if let Some(d) = &parcel.dimensions {
            for (field, value) in [
                ("height", d.height),
                ("width", d.width),
                ("depth", d.depth),
                ("diameter", d.diameter),
            ] {
                positive(&format!("{path}.dimensions.{field}"), value)?;
            }
        }
        money(&format!("{path}.value"), parcel.value.as_ref())?;
        let given = parcel.items.take().unwrap_or_default();
        let items = given
            .into_iter()
            .map(ItemBuilder::from)
            .chain(self.items)
            .enumerate()
            .map(|(i, item)| item.check(&format!("{path}.items[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        if !items.is_empty() {
            parcel.items = Some(items);
        }
        Ok(parcel)
    }
}

impl From<Parcel> for ParcelBuilder {
    fn from(parcel: Parcel) -> Self {
        Self {
            parcel,
            items: Vec::new(),
        }
    }
}

/// Builds an [`Item`] (a product in a parcel): description, quantity (1 unless set), value,
/// country of origin.
///
/// A generated [`Item`] converts into one and is then checked like any other.
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct ItemBuilder(Item);

impl ItemBuilder {
    /// An empty item.
    pub fn new() -> Self {
        Self::default()
    }

    /// What the item is.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.0.description = Some(description.into());
        self
    }

    /// The shipper's reference of the item, such as a SKU (`itemRef`).
    pub fn item_ref(mut self, item_ref: impl Into<String>) -> Self {
        self.0.item_ref = Some(item_ref.into());
        self
    }

    /// The number of units, at least 1 (1 when not set).
    pub fn quantity(mut self, quantity: u32) -> Self {
        self.0.quantity = Some(i64::from(quantity));
        self
    }

    /// The value of the item, in a currency such as `GBP`.
    pub fn value(mut self, amount: f64, currency_code: impl Into<String>) -> Self {
        self.0.value = Some(Money::new(amount, currency_code));
        self
    }

    /// Where the item was made, as an ISO 3166-1 alpha-3 code such as `GBR`
    /// (`countryOfOrigin`).
    pub fn origin_country(mut self, country_code: impl Into<String>) -> Self {
        self.0.country_of_origin = Some(country_code.into());
        self
    }

    /// The weight in kilograms.
    pub fn weight_kg(mut self, kg: f64) -> Self {
        self.0.weight = Some(Weight { value: Some(kg) });
        self
    }

    /// The Harmonised System (tariff) code, for customs (`harmonisedCode`).
    pub fn harmonised_code(mut self, code: impl Into<String>) -> Self {
        self.0.harmonised_code = Some(code.into());
        self
    }

    fn check(self, path: &str) -> Result<Item, BuildError> {
        let mut item = self.0;
        let at = |field: &str| format!("{path}.{field}");
        required(&at("description"), item.description.as_deref())?;
        let quantity = *item.quantity.get_or_insert(1);
        if quantity < 1 {
            return Err(BuildError::invalid(
                at("quantity"),
                format!("must be at least 1, got {quantity}"),
            ));
        }
        not_blank(&at("itemRef"), item.item_ref.as_deref())?;
        country(&at("countryOfOrigin"), item.country_of_origin.as_deref())?;
        money(&at("value"), item.value.as_ref())?;
        positive(&at("weight"), item.weight.as_ref().and_then(|w| w.value))?;
        Ok(item)
    }
}

impl From<Item> for ItemBuilder {
    fn from(item: Item) -> Self {
        Self(item)
    }
}

impl ShippingRules {
    /// Rules that allow only this carrier service code or Delivery Options booking code
    /// (`carrierServices`): the body of
    /// [`allocate_consignment`](crate::ShippingClient::allocate_consignment) for a shopper's
    /// choice.
    ///
    /// ```
    /// use metapack_shipping::types::ShippingRules;
    ///
    /// let rules = ShippingRules::carrier_service("SBXPOST48/2026-12-09/*-*/*-*");
    /// assert_eq!(rules.carrier_services.as_deref(), Some(&["SBXPOST48/2026-12-09/*-*/*-*".to_owned()][..]));
    /// ```
    pub fn carrier_service(code: impl Into<String>) -> Self {
        Self {
            carrier_services: Some(vec![code.into()]),
            ..Self::default()
        }
    }
}
