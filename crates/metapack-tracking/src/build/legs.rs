//! [`DeliveryBuilder`] (pre-allocation) and [`DeliveryLegBuilder`] (post-allocation).

use chrono::{DateTime, Utc};

use super::error::BuildError;
use super::fields::required;
use crate::checks;
use crate::types::{
    Collection, Delivery, DeliveryInformation, DeliveryLeg, DeliveryLegParcel, Order, Recipient,
    Sender,
};

/// Sets a field of the delivery information (the promise), creating it when absent.
fn promise(info: &mut Option<DeliveryInformation>) -> &mut DeliveryInformation {
    info.get_or_insert_with(DeliveryInformation::default)
}

/// The setters both delivery builders share: the parties and the delivery promise (fields
/// `recipient`, `sender`, `collection` and `delivery`).
macro_rules! party_and_promise_setters {
    () => {
        /// The recipient (`recipient`): a [`RecipientBuilder`](super::RecipientBuilder) or a
        /// [`Recipient`].
        pub fn recipient(mut self, recipient: impl Into<Recipient>) -> Self {
            self.recipient = Some(recipient.into());
            self
        }

        /// The sender (`sender`): a [`SenderBuilder`](super::SenderBuilder) or a [`Sender`].
        pub fn sender(mut self, sender: impl Into<Sender>) -> Self {
            self.sender = Some(sender.into());
            self
        }

        /// Where the recipient collects the parcels (`collection`), for click and collect.
        pub fn collection(mut self, collection: impl Into<Collection>) -> Self {
            self.collection = Some(collection.into());
            self
        }

        /// The date promised to the recipient (`delivery.promisedDeliveryDate`).
        pub fn promised_delivery_date(mut self, date: DateTime<Utc>) -> Self {
            promise(&mut self.delivery).promised_delivery_date = Some(date);
            self
        }

        /// The date delivery is now expected (`delivery.expectedDeliveryDate`).
        pub fn expected_delivery_date(mut self, date: DateTime<Utc>) -> Self {
            promise(&mut self.delivery).expected_delivery_date = Some(date);
            self
        }

        /// The kind of delivery (`delivery.deliveryType`), e.g. `HOME`.
        pub fn delivery_type(mut self, delivery_type: impl Into<String>) -> Self {
            promise(&mut self.delivery).delivery_type = Some(delivery_type.into());
            self
        }
    };
}

/// Builds a [`Delivery`] for [`TrackingClient::upsert_delivery`](crate::TrackingClient::upsert_delivery):
/// an order's delivery before a carrier is allocated. Only `deliveryRef` is required.
///
/// ```
/// use chrono::{Duration, Utc};
/// use metapack_tracking::build::{BuildError, DeliveryBuilder, OrderBuilder};
///
/// let delivery = DeliveryBuilder::new()
///     .delivery_ref("DEL-1")
///     .order(OrderBuilder::new().order_ref("ORDER-1"))
///     .promised_delivery_date(Utc::now() + Duration::days(2))
///     .build()?;
/// assert_eq!(delivery.delivery_ref, "DEL-1");
/// assert_eq!(DeliveryBuilder::new().build(), Err(BuildError::Missing("deliveryRef".into())));
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct DeliveryBuilder {
    delivery_ref: Option<String>,
    order: Option<Order>,
    recipient: Option<Recipient>,
    sender: Option<Sender>,
    collection: Option<Collection>,
    delivery: Option<DeliveryInformation>,
}

impl DeliveryBuilder {
    /// An empty delivery.
    pub fn new() -> Self {
        Self::default()
    }

    /// The seller's reference of the delivery (`deliveryRef`). Required; delivery events
    /// and legs refer to it.
    pub fn delivery_ref(mut self, delivery_ref: impl Into<String>) -> Self {
        self.delivery_ref = Some(delivery_ref.into());
        self
    }

    /// The order (`order`): an [`OrderBuilder`](super::OrderBuilder) or an [`Order`].
    pub fn order(mut self, order: impl Into<Order>) -> Self {
        self.order = Some(order.into());
        self
    }

    party_and_promise_setters!();

    /// The delivery, or the first missing required field or time zone (`recipient.timeZone`,
    /// `sender.timeZone`) without the form of an IANA name.
    pub fn build(self) -> Result<Delivery, BuildError> {
        checks::party_time_zones(self.recipient.as_ref(), self.sender.as_ref())?;
        Ok(Delivery {
            delivery_ref: required("deliveryRef", self.delivery_ref)?,
            order: self.order,
            recipient: self.recipient,
            sender: self.sender,
            collection: self.collection,
            delivery: self.delivery,
        })
    }
}

/// Builds a [`DeliveryLeg`] for
/// [`TrackingClient::upsert_delivery_leg`](crate::TrackingClient::upsert_delivery_leg): one
/// parcel's journey with one carrier, keyed by its tracking identifier. Only
/// `trackingIdentifier` is required; a carrier tracking URL must be `https://`.
///
/// ```
/// use metapack_tracking::build::{BuildError, DeliveryLegBuilder, OrderBuilder, RecipientBuilder};
///
/// let leg = DeliveryLegBuilder::new()
///     .tracking_identifier("TRACK-1")
///     .carrier("DPD_UK", "DPD UK")
///     .carrier_service_code("DPD_UK_CLASSIC")
///     .final_delivery_leg(true)
///     .order(OrderBuilder::new().order_ref("ORDER-1"))
///     .parcel_ref("PARCEL-1")
///     .parcel_weight(1.2)
///     .recipient(RecipientBuilder::new().post_code("WC1X 8XZ"))
///     .build()?;
/// assert_eq!(leg.tracking_identifier, "TRACK-1");
///
/// let err = DeliveryLegBuilder::new().tracking_identifier("T").carrier_tracking_url("http://x").build();
/// assert_eq!(err.map_err(|e| e.field().to_owned()), Err("carrierTrackingURL".to_owned()));
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct DeliveryLegBuilder {
    tracking_identifier: Option<String>,
    carrier_code: Option<String>,
    carrier_display_name: Option<String>,
    carrier_service_code: Option<String>,
    carrier_tracking_url: Option<String>,
    delivery_ref: Option<String>,
    final_delivery_leg: Option<bool>,
    order: Option<Order>,
    parcel: Option<DeliveryLegParcel>,
    recipient: Option<Recipient>,
    sender: Option<Sender>,
    collection: Option<Collection>,
    delivery: Option<DeliveryInformation>,
}

impl DeliveryLegBuilder {
    /// An empty delivery leg.
    pub fn new() -> Self {
        Self::default()
    }

    /// The identifier the parcel is tracked by (`trackingIdentifier`): the carrier's tracking
    /// number or any barcode of the parcel. Required.
    pub fn tracking_identifier(mut self, tracking_identifier: impl Into<String>) -> Self {
        self.tracking_identifier = Some(tracking_identifier.into());
        self
    }

    /// The carrier's code and the name shown to recipients (`carrierCode`,
    /// `carrierDisplayName`).
    pub fn carrier(self, code: impl Into<String>, display_name: impl Into<String>) -> Self {
        self.carrier_code(code).carrier_display_name(display_name)
    }

    /// The carrier's code (`carrierCode`).
    pub fn carrier_code(mut self, code: impl Into<String>) -> Self {
        self.carrier_code = Some(code.into());
        self
    }

    /// The carrier's name shown to recipients (`carrierDisplayName`).
    pub fn carrier_display_name(mut self, name: impl Into<String>) -> Self {
        self.carrier_display_name = Some(name.into());
        self
    }

    /// The carrier service's code (`carrierServiceCode`).
    pub fn carrier_service_code(mut self, code: impl Into<String>) -> Self {
        self.carrier_service_code = Some(code.into());
        self
    }

    /// The carrier's tracking page of the parcel (`carrierTrackingURL`); must start with
    /// `https://`.
    pub fn carrier_tracking_url(mut self, url: impl Into<String>) -> Self {
        self.carrier_tracking_url = Some(url.into());
        self
    }

    /// The delivery this leg belongs to (`deliveryRef`), linking it to a delivery's events.
    pub fn delivery_ref(mut self, delivery_ref: impl Into<String>) -> Self {
        self.delivery_ref = Some(delivery_ref.into());
        self
    }

    /// Whether this leg ends at the recipient (`finalDeliveryLeg`).
    pub fn final_delivery_leg(mut self, is_final: bool) -> Self {
        self.final_delivery_leg = Some(is_final);
        self
    }

    /// The order (`order`): an [`OrderBuilder`](super::OrderBuilder) or an [`Order`].
    pub fn order(mut self, order: impl Into<Order>) -> Self {
        self.order = Some(order.into());
        self
    }

    /// The seller's reference of the parcel (`parcel.parcelRef`).
    pub fn parcel_ref(mut self, parcel_ref: impl Into<String>) -> Self {
        self.parcel
            .get_or_insert_with(DeliveryLegParcel::default)
            .parcel_ref = Some(parcel_ref.into());
        self
    }

    /// The parcel's weight (`parcel.weight`).
    pub fn parcel_weight(mut self, weight: f64) -> Self {
        self.parcel
            .get_or_insert_with(DeliveryLegParcel::default)
            .weight = Some(weight);
        self
    }

    party_and_promise_setters!();

    /// The delivery leg, or the first missing or refused field (a time zone of the recipient
    /// or sender must have the form of an IANA name).
    pub fn build(self) -> Result<DeliveryLeg, BuildError> {
        let tracking_identifier = required("trackingIdentifier", self.tracking_identifier)?;
        checks::party_time_zones(self.recipient.as_ref(), self.sender.as_ref())?;
        if let Some(url) = &self.carrier_tracking_url
            && !url.starts_with("https://")
        {
            return Err(BuildError::Invalid {
                field: "carrierTrackingURL".into(),
                message: format!("must start with https:// (got {url:?})"),
            });
        }
        Ok(DeliveryLeg {
            tracking_identifier,
            carrier_code: self.carrier_code,
            carrier_display_name: self.carrier_display_name,
            carrier_service_code: self.carrier_service_code,
            carrier_tracking_url: self.carrier_tracking_url,
            delivery_ref: self.delivery_ref,
            final_delivery_leg: self.final_delivery_leg,
            order: self.order,
            parcel: self.parcel,
            recipient: self.recipient,
            sender: self.sender,
            collection: self.collection,
            delivery: self.delivery,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn noon() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn a_delivery_needs_a_reference() {
        assert_eq!(
            DeliveryBuilder::new().build(),
            Err(BuildError::Missing("deliveryRef".into()))
        );
        assert_eq!(
            DeliveryBuilder::new().delivery_ref("  ").build(),
            Err(BuildError::Missing("deliveryRef".into())),
            "blank is missing"
        );
        let delivery = DeliveryBuilder::new()
            .delivery_ref("DEL-1")
            .promised_delivery_date(noon())
            .delivery_type("HOME")
            .build()
            .expect("complete");
        let info = delivery.delivery.unwrap_or_default();
        assert_eq!(info.promised_delivery_date, Some(noon()));
        assert_eq!(info.delivery_type.as_deref(), Some("HOME"));
        assert_eq!(info.expected_delivery_date, None);
    }

    #[test]
    fn a_leg_needs_a_tracking_identifier_and_an_https_url() {
        assert_eq!(
            DeliveryLegBuilder::new().carrier_code("DPD_UK").build(),
            Err(BuildError::Missing("trackingIdentifier".into()))
        );
        let err = DeliveryLegBuilder::new()
            .tracking_identifier("T-1")
            .carrier_tracking_url("http://track.example/T-1")
            .build()
            .expect_err("http refused");
        assert_eq!(err.field(), "carrierTrackingURL");
        assert!(err.to_string().contains("https://"), "{err}");
        let err = DeliveryLegBuilder::new()
            .tracking_identifier("T-1")
            .recipient(crate::build::RecipientBuilder::new().time_zone("not/a zone"))
            .build()
            .expect_err("malformed zone");
        assert_eq!(err.field(), "recipient.timeZone");
        let err = DeliveryBuilder::new()
            .delivery_ref("DEL-1")
            .sender(crate::build::SenderBuilder::new().time_zone("Europe/london"))
            .build()
            .expect_err("case sensitive");
        assert_eq!(err.field(), "sender.timeZone");

        let leg = DeliveryLegBuilder::new()
            .tracking_identifier("T-1")
            .carrier("DPD_UK", "DPD UK")
            .carrier_tracking_url("https://track.example/T-1")
            .parcel_ref("P-1")
            .parcel_weight(2.5)
            .expected_delivery_date(noon())
            .final_delivery_leg(true)
            .build()
            .expect("complete");
        assert_eq!(leg.carrier_display_name.as_deref(), Some("DPD UK"));
        let parcel = leg.parcel.unwrap_or_default();
        assert_eq!(parcel.parcel_ref.as_deref(), Some("P-1"));
        assert_eq!(parcel.weight, Some(2.5));
        assert_eq!(leg.final_delivery_leg, Some(true));
        assert_eq!(
            leg.delivery.and_then(|d| d.expected_delivery_date),
            Some(noon())
        );
    }
}
