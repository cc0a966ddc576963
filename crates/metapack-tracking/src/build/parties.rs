//! Builders of the nested parts of deliveries and legs: orders, customers, recipients,
//! senders and addresses. Every field of these parts is optional in the API, so they have no
//! `build()`: each converts into its generated value with `From`/`Into`, and a setter taking
//! the value accepts the builder as well.

use chrono::{DateTime, Utc};

use super::fields::text_setters;
use crate::types::{Address, Customer, Order, Product, Recipient, Sender};

/// Builds an [`Address`] (an order's billing address, a collection's address).
///
/// ```
/// use metapack_tracking::build::AddressBuilder;
/// use metapack_tracking::types::Address;
///
/// let address: Address = AddressBuilder::new().line1("1 Gray's Inn Road").post_code("WC1X 8XZ").into();
/// assert_eq!(address.post_code.as_deref(), Some("WC1X 8XZ"));
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

    text_setters! {
        /// First address line (`line1`).
        line1;
        /// Second address line (`line2`).
        line2;
        /// Third address line (`line3`).
        line3;
        /// Fourth address line (`line4`).
        line4;
        /// Town or city (`city`).
        city;
        /// Region, county or state (`region`).
        region;
        /// Postcode (`postCode`).
        post_code;
        /// Country code (`countryCode`).
        country_code;
    }
}

impl From<AddressBuilder> for Address {
    fn from(builder: AddressBuilder) -> Self {
        builder.inner
    }
}

/// Builds a [`Customer`]: who placed the order.
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct CustomerBuilder {
    inner: Customer,
}

impl CustomerBuilder {
    /// An empty customer.
    pub fn new() -> Self {
        Self::default()
    }

    text_setters! {
        /// The seller's reference of the customer (`customerRef`); journeys can be searched by it.
        customer_ref;
        /// Customer segment (`customerSegment`), e.g. `VIP`.
        customer_segment;
        /// E-mail address (`email`); journeys can be searched by it.
        email;
        /// Full name (`name`).
        name;
        /// Phone number (`phone`).
        phone;
    }
}

impl From<CustomerBuilder> for Customer {
    fn from(builder: CustomerBuilder) -> Self {
        builder.inner
    }
}

/// Builds an [`Order`]: the order a delivery or leg belongs to.
///
/// ```
/// use metapack_tracking::build::{CustomerBuilder, OrderBuilder};
/// use metapack_tracking::types::Order;
///
/// let order: Order = OrderBuilder::new()
///     .order_ref("ORDER-1")
///     .customer(CustomerBuilder::new().customer_ref("CUST-1").email("ada@example.com"))
///     .into();
/// assert_eq!(order.customer.and_then(|c| c.email).as_deref(), Some("ada@example.com"));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct OrderBuilder {
    inner: Order,
}

impl OrderBuilder {
    /// An empty order.
    pub fn new() -> Self {
        Self::default()
    }

    text_setters! {
        /// The order reference (`orderRef`); journeys are read by it.
        order_ref;
        /// Marketplace the order was placed on (`marketplace`).
        marketplace;
    }

    /// When the order was placed (`orderDate`).
    pub fn order_date(mut self, date: DateTime<Utc>) -> Self {
        self.inner.order_date = Some(date);
        self
    }

    /// Who placed the order (`customer`): a [`CustomerBuilder`] or a [`Customer`].
    pub fn customer(mut self, customer: impl Into<Customer>) -> Self {
        self.inner.customer = Some(customer.into());
        self
    }

    /// The billing address (`billingAddress`): an [`AddressBuilder`] or an [`Address`].
    pub fn billing_address(mut self, address: impl Into<Address>) -> Self {
        self.inner.billing_address = Some(address.into());
        self
    }

    /// Adds a product of the order (`products`).
    pub fn product(mut self, product: impl Into<Product>) -> Self {
        self.inner
            .products
            .get_or_insert_with(Vec::new)
            .push(product.into());
        self
    }
}

impl From<OrderBuilder> for Order {
    fn from(builder: OrderBuilder) -> Self {
        builder.inner
    }
}

/// Builds a [`Recipient`]: who receives the parcels. Its time zone is the one Metapack uses
/// for carrier events that carry none.
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct RecipientBuilder {
    inner: Recipient,
}

impl RecipientBuilder {
    /// An empty recipient.
    pub fn new() -> Self {
        Self::default()
    }

    text_setters! {
        /// Full name (`name`).
        name;
        /// E-mail address (`email`).
        email;
        /// Phone number (`phone`).
        phone;
        /// First address line (`line1`).
        line1;
        /// Second address line (`line2`).
        line2;
        /// Third address line (`line3`).
        line3;
        /// Fourth address line (`line4`).
        line4;
        /// Town or city (`city`).
        city;
        /// Region, county or state (`region`).
        region;
        /// Postcode (`postCode`); journeys can be filtered by it.
        post_code;
        /// Country code (`countryCode`).
        country_code;
        /// IANA time zone of the destination (`timeZone`), e.g. `Europe/London`; the
        /// delivery or leg refuses a name without the IANA form.
        time_zone;
    }
}

impl From<RecipientBuilder> for Recipient {
    fn from(builder: RecipientBuilder) -> Self {
        builder.inner
    }
}

/// Builds a [`Sender`]: where the parcels ship from. Its time zone is the one Metapack uses
/// for carrier events that carry none.
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct SenderBuilder {
    inner: Sender,
}

impl SenderBuilder {
    /// An empty sender.
    pub fn new() -> Self {
        Self::default()
    }

    text_setters! {
        /// Name of the sender or location (`name`).
        name;
        /// First address line (`line1`).
        line1;
        /// Second address line (`line2`).
        line2;
        /// Third address line (`line3`).
        line3;
        /// Fourth address line (`line4`).
        line4;
        /// Town or city (`city`).
        city;
        /// Region, county or state (`region`).
        region;
        /// Postcode (`postCode`).
        post_code;
        /// Country code (`countryCode`).
        country_code;
        /// IANA time zone of the origin (`timeZone`), e.g. `Europe/London`; the delivery
        /// or leg refuses a name without the IANA form.
        time_zone;
    }
}

impl From<SenderBuilder> for Sender {
    fn from(builder: SenderBuilder) -> Self {
        builder.inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_builders_convert_into_their_values() {
        let order: Order = OrderBuilder::new()
            .order_ref("ORDER-1")
            .marketplace("web")
            .customer(CustomerBuilder::new().customer_ref("C-1").name("Ada"))
            .billing_address(AddressBuilder::new().city("London"))
            .product(Product::default())
            .into();
        assert_eq!(order.order_ref.as_deref(), Some("ORDER-1"));
        assert_eq!(order.marketplace.as_deref(), Some("web"));
        let customer = order.customer.unwrap_or_default();
        assert_eq!(customer.customer_ref.as_deref(), Some("C-1"));
        assert_eq!(customer.name.as_deref(), Some("Ada"));
        let billing = order.billing_address.unwrap_or_default();
        assert_eq!(billing.city.as_deref(), Some("London"));
        assert_eq!(order.products.map(|p| p.len()), Some(1));

        let recipient: Recipient = RecipientBuilder::new()
            .post_code("WC1X 8XZ")
            .time_zone("Europe/London")
            .into();
        assert_eq!(recipient.post_code.as_deref(), Some("WC1X 8XZ"));
        assert_eq!(recipient.time_zone.as_deref(), Some("Europe/London"));
        assert_eq!(recipient.name, None);

        let sender: Sender = SenderBuilder::new().name("Warehouse").into();
        assert_eq!(sender.name.as_deref(), Some("Warehouse"));
    }
}
