//! [`ShipmentBuilder`]: the body of `POST /consignments`.

use super::error::BuildError;
use super::part::BuildPart;
use crate::lenient::Properties;
use crate::model::{
    Address, Agent, AgentUri, CashOnDelivery, Contact, Destination, IsoDateTime, LogisticsUnit,
    Monetary, Order, Receiver, Shipment, ShipmentAttributes,
};
use crate::uri::LocationUri;
use crate::values::{Incoterms, ProofOfDeliveryType, ShipmentType};

/// Most logistics units a shipment may hold (A.27).
const MAX_LOGISTICS_UNITS: usize = 10;

/// An address and a contact, each given as a builder or a value, built when the shipment is.
type Party = (Result<Address, BuildError>, Result<Contact, BuildError>);

/// Builds a [`Shipment`] (A.27). `build()` requires the `type`, a `sender` (the location URI
/// of a shipping location), a `receiver` and a `destination` (for `DELIVERY`,
/// [`recipient`](Self::recipient) sets both) and 1 to 10 logistics units; it builds the
/// nested parts and names the first missing field by its path (`receiver.address.street`,
/// `logisticsUnits[0].weight`).
///
/// ```
/// use chrono::Utc;
/// use metapack_mm_api::build::{AddressBuilder, BuildError, ContactBuilder, LogisticsUnitBuilder, ShipmentBuilder};
/// use metapack_mm_api::values::ProofOfDeliveryType;
///
/// let shipment = ShipmentBuilder::delivery()
///     .shipment_ref("ORDER-1001")
///     .sender("https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742")
///     .recipient(
///         AddressBuilder::new().country("FRA").city("Paris").street("Rue de Rivoli").postal_code("75001"),
///         ContactBuilder::named("Marie", "Curie").email("marie@example.com"),
///     )
///     .parcel(LogisticsUnitBuilder::new().weight_kg(2.0).dimensions_cm(20, 15, 10))
///     .order_number("1001")
///     .order_date(Utc::now())
///     .order_value(49.99, "EUR")
///     .proof_of_delivery(ProofOfDeliveryType::Signature)
///     .special_delivery_instructions("Leave with the concierge")
///     .build()?;
/// assert_eq!(shipment.orders.map(|o| o.len()), Some(1));
///
/// let no_parcel = ShipmentBuilder::delivery()
///     .sender("https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742")
///     .recipient(AddressBuilder::new().country("GBR").city("London").street("Euston Road").postal_code("NW1 2RT"), ContactBuilder::named("I", "B"))
///     .build();
/// assert_eq!(no_parcel, Err(BuildError::Missing("logisticsUnits".into())));
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct ShipmentBuilder {
    shipment: Shipment,
    receiver: Option<Party>,
    destination: Option<Party>,
    undeliverable: Option<Party>,
    units: Vec<Result<LogisticsUnit, BuildError>>,
    order: Option<Order>,
    attributes: Option<ShipmentAttributes>,
}

impl ShipmentBuilder {
    /// A `DELIVERY` shipment: to the receiver's address.
    pub fn delivery() -> Self {
        Self::default().shipment_type(ShipmentType::Delivery)
    }

    /// A `COLLECTION` shipment (API version 0.7.5 or later): to a store or PUDO point, set with
    /// [`collection_point`](Self::collection_point) or [`destination_uri`](Self::destination_uri).
    pub fn collection() -> Self {
        Self::default().shipment_type(ShipmentType::Collection)
    }

    /// The shipment's type (`type`). Required; set by [`delivery`](Self::delivery) and
    /// [`collection`](Self::collection).
    pub fn shipment_type(mut self, shipment_type: ShipmentType) -> Self {
        self.shipment.shipment_type = Some(shipment_type);
        self
    }

    /// The seller's reference of the shipment (`shipmentRef`), at most 40 characters.
    pub fn shipment_ref(mut self, reference: impl Into<String>) -> Self {
        self.shipment.shipment_ref = Some(reference.into());
        self
    }

    /// Who sends the shipment (`sender`): the URI of a location MetaPack Manager knows
    /// (`https://…/locations/<uuid>`). Required.
    pub fn sender(mut self, location: impl Into<LocationUri>) -> Self {
        self.shipment.sender = Some(AgentUri::new(location));
        self
    }

    /// Where the shipment physically leaves from (`origin`), a location URI.
    pub fn origin(mut self, location: impl Into<LocationUri>) -> Self {
        self.shipment.origin = Some(AgentUri::new(location));
        self
    }

    /// Who receives the shipment (`receiver`). Required. For a `DELIVERY` it is also the
    /// `destination`, unless set apart with [`destination`](Self::destination).
    /// Each takes a builder ([`AddressBuilder`](super::AddressBuilder),
    /// [`ContactBuilder`](super::ContactBuilder)) or a model value.
    pub fn recipient(
        mut self,
        address: impl BuildPart<Address>,
        contact: impl BuildPart<Contact>,
    ) -> Self {
        self.receiver = Some((address.build_part(), contact.build_part()));
        self
    }

    /// Where the shipment goes (`destination`), when it is not the receiver's address.
    pub fn destination(
        mut self,
        address: impl BuildPart<Address>,
        contact: impl BuildPart<Contact>,
    ) -> Self {
        self.destination = Some((address.build_part(), contact.build_part()));
        self
    }

    /// A `COLLECTION` destination given by location URI (`destination.uri`, `[0.7.2,)`).
    pub fn destination_uri(mut self, location: impl Into<LocationUri>) -> Self {
        self.shipment.destination = Some(Destination::by_uri(location));
        self
    }

    /// A `COLLECTION` destination at a store or PUDO point of a provider, with its address
    /// (`[0.7.5,)`).
    pub fn collection_point(
        mut self,
        id: impl Into<String>,
        provider_id: impl Into<String>,
        address: Address,
    ) -> Self {
        self.shipment.destination = Some(Destination::collection_point(id, provider_id, address));
        self
    }

    /// Where to return what cannot be delivered (`undeliverable`).
    pub fn undeliverable(
        mut self,
        address: impl BuildPart<Address>,
        contact: impl BuildPart<Contact>,
    ) -> Self {
        self.undeliverable = Some((address.build_part(), contact.build_part()));
        self
    }

    /// Adds a parcel (`logisticsUnits`): a [`LogisticsUnitBuilder`](super::LogisticsUnitBuilder)
    /// or a [`LogisticsUnit`]. 1 to 10.
    pub fn parcel(mut self, unit: impl BuildPart<LogisticsUnit>) -> Self {
        self.units.push(unit.build_part());
        self
    }

    /// The order number (`orders[0].number`), usually the buyer's reference.
    pub fn order_number(mut self, number: impl Into<String>) -> Self {
        self.order.get_or_insert_with(Order::default).number = Some(number.into());
        self
    }

    /// When the order was placed (`orders[0].date`): a `DateTime<Utc>`, a `NaiveDate` or an
    /// [`IsoDateTime`].
    pub fn order_date(mut self, date: impl Into<IsoDateTime>) -> Self {
        self.order.get_or_insert_with(Order::default).date = Some(date.into());
        self
    }

    /// The order's value (`orders[0].value`): an amount and an ISO 4217 currency code.
    pub fn order_value(mut self, amount: f64, currency: impl Into<String>) -> Self {
        self.order.get_or_insert_with(Order::default).value = Some(Monetary::new(amount, currency));
        self
    }

    /// Adds a property configured by the shipper (`shipmentProperties`).
    pub fn property(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.shipment
            .shipment_properties
            .get_or_insert_with(Properties::new)
            .insert(key.into(), value.into());
        self
    }

    /// Instructions for the carrier (`specialDeliveryInstructions`), at most 512 characters.
    pub fn special_delivery_instructions(mut self, instructions: impl Into<String>) -> Self {
        self.shipment.special_delivery_instructions = Some(instructions.into());
        self
    }

    /// Incoterms of an international shipment (`incoterms`).
    pub fn incoterms(mut self, incoterms: Incoterms) -> Self {
        self.shipment.incoterms = Some(incoterms);
        self
    }

    fn attributes(&mut self) -> &mut ShipmentAttributes {
        self.attributes
            .get_or_insert_with(ShipmentAttributes::default)
    }

    /// The proof of delivery required (`shipmentAttributes.proofOfDeliveryType`).
    pub fn proof_of_delivery(mut self, proof: ProofOfDeliveryType) -> Self {
        self.attributes().proof_of_delivery_type = Some(proof);
        self
    }

    /// The value to insure the shipment for (`shipmentAttributes.insuranceAmount`).
    pub fn insurance(mut self, amount: f64, currency: impl Into<String>) -> Self {
        self.attributes().insurance_amount = Some(Monetary::new(amount, currency));
        self
    }

    /// A payment to collect on delivery (`shipmentAttributes.cashOnDelivery`).
    pub fn cash_on_delivery(mut self, amount: f64, currency: impl Into<String>) -> Self {
        self.attributes().cash_on_delivery =
            Some(CashOnDelivery::new(Monetary::new(amount, currency)));
        self
    }

    /// Only services with two-person delivery (`shipmentAttributes.twoMan`, `[0.7.0,)`).
    pub fn two_man(mut self, two_man: bool) -> Self {
        self.attributes().two_man = Some(two_man);
        self
    }

    /// Whether the shipment holds limited quantities of hazardous goods
    /// (`shipmentAttributes.limitedQuantity`).
    pub fn limited_quantity(mut self, limited: bool) -> Self {
        self.attributes().limited_quantity = Some(limited);
        self
    }

    /// The shipment, or its first missing or refused field.
    pub fn build(self) -> Result<Shipment, BuildError> {
        let mut shipment = self.shipment;
        if shipment.shipment_type.is_none() {
            return Err(BuildError::Missing("type".into()));
        }
        if shipment.sender.is_none() {
            return Err(BuildError::Missing("sender".into()));
        }
        let Some(receiver) = self.receiver else {
            return Err(BuildError::Missing("receiver".into()));
        };
        // A DELIVERY goes to its recipient unless told otherwise; a COLLECTION goes to the
        // collection point or location it names.
        let is_delivery = shipment.shipment_type == Some(ShipmentType::Delivery);
        let destination = match self.destination {
            Some(party) => Some(party),
            None if is_delivery && shipment.destination.is_none() => Some(receiver.clone()),
            None => None,
        };
        let (address, contact) = party_of(receiver, "receiver")?;
        shipment.receiver = Some(Receiver::new(address, contact));
        if let Some(party) = destination {
            let (address, contact) = party_of(party, "destination")?;
            shipment.destination = Some(Destination::new(address, contact));
        }
        if shipment.destination.is_none() {
            return Err(BuildError::Missing("destination".into()));
        }
        if let Some(party) = self.undeliverable {
            let (address, contact) = party_of(party, "undeliverable")?;
            shipment.undeliverable = Some(Agent::new(address, contact));
        }
        match self.units.len() {
            0 => return Err(BuildError::Missing("logisticsUnits".into())),
            n if n > MAX_LOGISTICS_UNITS => {
                return Err(BuildError::Invalid {
                    field: "logisticsUnits".into(),
                    message: format!(
                        "at most {MAX_LOGISTICS_UNITS} logistics units per shipment (got {n})"
                    ),
                });
            }
            _ => {}
        }
        let units = self
            .units
            .into_iter()
            .enumerate()
            .map(|(i, unit)| unit.map_err(|e| e.within(&format!("logisticsUnits[{i}]"))))
            .collect::<Result<Vec<_>, _>>()?;
        shipment.logistics_units = Some(units);
        shipment.orders = self.order.map(|order| vec![order]);
        shipment.shipment_attributes = self.attributes;
        Ok(shipment)
    }
}

/// The built address and contact of a party, errors placed under `at`.
fn party_of((address, contact): Party, at: &str) -> Result<(Address, Contact), BuildError> {
    let address = address.map_err(|e| e.within(&format!("{at}.address")))?;
    let contact = contact.map_err(|e| e.within(&format!("{at}.contact")))?;
    Ok((address, contact))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::{AddressBuilder, ContactBuilder, LogisticsUnitBuilder};
    use super::*;
    use crate::validation::Validate;
    use crate::version::ApiVersion;

    const LOCATION: &str =
        "https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742";

    fn london() -> AddressBuilder {
        AddressBuilder::new()
            .country("GBR")
            .city("London")
            .street("Gray's Inn Road")
            .postal_code("WC1X 8XZ")
    }

    fn parcel() -> LogisticsUnitBuilder {
        LogisticsUnitBuilder::new()
            .weight_kg(2.0)
            .dimensions_cm(20, 15, 10)
    }

    fn complete() -> ShipmentBuilder {
        ShipmentBuilder::delivery()
            .sender(LOCATION)
            .recipient(london(), ContactBuilder::named("Andrew", "Neal"))
            .parcel(parcel())
    }

    #[test]
    fn the_common_shipment_is_valid_for_the_api() {
        let shipment = complete()
            .shipment_ref("ORDER-1")
            .order_number("1001")
            .order_date(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default())
            .insurance(100.0, "GBP")
            .two_man(false)
            .property("channel", "web")
            .build()
            .expect("complete");
        assert_eq!(shipment.shipment_type, Some(ShipmentType::Delivery));
        assert_eq!(
            shipment.receiver.as_ref().and_then(|r| r.address.clone()),
            shipment
                .destination
                .as_ref()
                .and_then(|d| d.address.clone()),
            "the recipient is the destination"
        );
        let order = shipment.orders.as_deref().unwrap_or_default();
        assert_eq!(
            order[0].date.as_ref().map(|d| d.as_str()),
            Some("2026-12-01")
        );
        assert!(
            shipment.validate(ApiVersion::V0).is_empty(),
            "{:?}",
            shipment.validate(ApiVersion::V0)
        );
    }

    #[test]
    fn each_missing_part_is_named() {
        let cases = [
            (ShipmentBuilder::default().sender(LOCATION), "type"),
            (ShipmentBuilder::delivery().parcel(parcel()), "sender"),
            (
                ShipmentBuilder::delivery()
                    .sender(LOCATION)
                    .parcel(parcel()),
                "receiver",
            ),
            (
                ShipmentBuilder::delivery()
                    .sender(LOCATION)
                    .recipient(london(), ContactBuilder::named("A", "N")),
                "logisticsUnits",
            ),
            (
                ShipmentBuilder::delivery()
                    .sender(LOCATION)
                    .recipient(london().country("GB"), ContactBuilder::named("A", "N"))
                    .parcel(parcel()),
                "receiver.address.country",
            ),
            (
                ShipmentBuilder::delivery()
                    .sender(LOCATION)
                    .recipient(london(), ContactBuilder::new())
                    .parcel(parcel()),
                "receiver.contact.lastname",
            ),
            (
                complete().destination(london().city(" "), ContactBuilder::named("A", "N")),
                "destination.address.city",
            ),
            (
                complete().parcel(LogisticsUnitBuilder::new().weight_kg(1.0)),
                "logisticsUnits[1].dimension",
            ),
            (
                complete().undeliverable(AddressBuilder::new(), ContactBuilder::named("A", "N")),
                "undeliverable.address.country",
            ),
        ];
        for (builder, field) in cases {
            let err = builder.build().expect_err(field);
            assert_eq!(err.field(), field, "{err}");
        }
    }

    #[test]
    fn a_collection_shipment_needs_its_own_destination() {
        let err = ShipmentBuilder::collection()
            .sender(LOCATION)
            .recipient(london(), ContactBuilder::named("A", "N"))
            .parcel(parcel())
            .build()
            .expect_err("no collection point");
        assert_eq!(err, BuildError::Missing("destination".into()));
    }

    #[test]
    fn at_most_ten_parcels() {
        let mut builder = complete();
        for _ in 0..MAX_LOGISTICS_UNITS {
            builder = builder.parcel(parcel());
        }
        let err = builder.build().expect_err("11 parcels");
        assert_eq!(err.field(), "logisticsUnits");
        assert!(err.to_string().contains("at most 10"), "{err}");
    }

    #[test]
    fn a_collection_shipment_goes_to_a_collection_point() {
        let address = london().build().expect("address");
        let shipment = ShipmentBuilder::collection()
            .sender(LOCATION)
            .recipient(address.clone(), ContactBuilder::named("A", "N"))
            .collection_point("STORE-1", "PROVIDER-1", address)
            .parcel(parcel())
            .build()
            .expect("collection");
        let destination = shipment.destination.unwrap_or_default();
        assert_eq!(destination.collection_point_id.as_deref(), Some("STORE-1"));
        assert_eq!(destination.contact, None, "not the recipient's");
    }
}
