//! [`DeliveryEventBuilder`] (pre-allocation), [`DeliveryLegEventBuilder`] (post-allocation)
//! and [`EventLocationBuilder`].

use chrono::{DateTime, Utc};

use super::error::BuildError;
use super::fields::{present, required, text_setters};
use crate::checks;
use crate::types::{
    DeliveryEvent, DeliveryLegEvent, EventLocation, PostAllocationEventCode, PreAllocationEventCode,
};

/// The required `eventTimeZone`, refused unless it has the form of an IANA name.
fn event_time_zone(zone: Option<String>) -> Result<String, BuildError> {
    let zone = required("eventTimeZone", zone)?;
    checks::time_zone("eventTimeZone", &zone)?;
    Ok(zone)
}

/// The fields both kinds of event share; `C` is the kind's code list.
#[derive(Clone, Debug, PartialEq)]
struct EventFields<C> {
    code: Option<C>,
    date: Option<DateTime<Utc>>,
    time_zone: Option<String>,
    source: Option<String>,
    location: Option<EventLocation>,
}

impl<C> Default for EventFields<C> {
    fn default() -> Self {
        Self {
            code: None,
            date: None,
            time_zone: None,
            source: None,
            location: None,
        }
    }
}

/// The setters of the shared event fields (in `self.fields`), for an event whose codes are
/// `$code` and whose sources are, for example, `$sources`.
macro_rules! event_setters {
    ($code:ty, $sources:literal) => {
        /// What happened (`eventCode`). Required; [`EventCode::group`](crate::EventCode::group)
        /// tells what it means for the parcel.
        pub fn event_code(mut self, code: $code) -> Self {
            self.fields.code = Some(code);
            self
        }

        /// When it happened (`eventDate`). Required.
        pub fn event_date(mut self, date: DateTime<Utc>) -> Self {
            self.fields.date = Some(date);
            self
        }

        /// The IANA time zone where it happened (`eventTimeZone`), e.g. `Europe/London`, `UTC`
        /// or `Etc/GMT-1`. Required; `build()` refuses a name without the IANA form (see
        /// [`TrackingClient`](crate::TrackingClient)).
        pub fn event_time_zone(mut self, zone: impl Into<String>) -> Self {
            self.fields.time_zone = Some(zone.into());
            self
        }

        #[doc = concat!("Who reported it (`eventSource`), e.g. ", $sources, ".")]
        pub fn event_source(mut self, source: impl Into<String>) -> Self {
            self.fields.source = Some(source.into());
            self
        }

        /// Where it happened (`eventLocation`): an [`EventLocationBuilder`] or an
        /// [`EventLocation`].
        pub fn event_location(mut self, location: impl Into<EventLocation>) -> Self {
            self.fields.location = Some(location.into());
            self
        }
    };
}

/// Builds an [`EventLocation`]: where an event happened. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct EventLocationBuilder {
    inner: EventLocation,
}

impl EventLocationBuilder {
    /// An empty location.
    pub fn new() -> Self {
        Self::default()
    }

    text_setters! {
        /// Name of the place (`name`), e.g. a depot or store.
        name;
        /// Town or city (`city`).
        city;
        /// Postcode (`postCode`).
        post_code;
        /// Country code (`countryCode`).
        country_code;
    }

    /// Latitude and longitude (`latitude`, `longitude`).
    pub fn coordinates(mut self, latitude: f64, longitude: f64) -> Self {
        self.inner.latitude = Some(latitude);
        self.inner.longitude = Some(longitude);
        self
    }
}

impl From<EventLocationBuilder> for EventLocation {
    fn from(builder: EventLocationBuilder) -> Self {
        builder.inner
    }
}

/// Builds a [`DeliveryEvent`] for
/// [`TrackingClient::add_delivery_event`](crate::TrackingClient::add_delivery_event): a
/// pre-allocation event of a delivery. Requires `deliveryRef`, `eventCode`, `eventDate` and
/// an `eventTimeZone` in the form of an IANA name. The code is judged when sending: the
/// client refuses one that is not on the documented pre-allocation list unless
/// [`TrackingClient::with_unlisted_event_codes`](crate::TrackingClient::with_unlisted_event_codes).
///
/// ```
/// use chrono::Utc;
/// use metapack_tracking::build::{BuildError, DeliveryEventBuilder};
/// use metapack_tracking::PreAllocationEventCode;
///
/// let event = DeliveryEventBuilder::new()
///     .delivery_ref("DEL-1")
///     .event_code(PreAllocationEventCode::OrderAccepted)
///     .event_date(Utc::now())
///     .event_time_zone("Europe/London")
///     .build()?;
/// assert_eq!(event.event_code, PreAllocationEventCode::OrderAccepted);
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct DeliveryEventBuilder {
    delivery_ref: Option<String>,
    fields: EventFields<PreAllocationEventCode>,
}

impl DeliveryEventBuilder {
    /// An empty event.
    pub fn new() -> Self {
        Self::default()
    }

    /// The delivery the event is about (`deliveryRef`). Required.
    pub fn delivery_ref(mut self, delivery_ref: impl Into<String>) -> Self {
        self.delivery_ref = Some(delivery_ref.into());
        self
    }

    event_setters!(PreAllocationEventCode, "`STORE`");

    /// The event, or the first missing or refused field.
    pub fn build(self) -> Result<DeliveryEvent, BuildError> {
        let delivery_ref = required("deliveryRef", self.delivery_ref)?;
        Ok(DeliveryEvent {
            delivery_ref,
            event_code: present("eventCode", self.fields.code)?,
            event_date: present("eventDate", self.fields.date)?,
            event_time_zone: event_time_zone(self.fields.time_zone)?,
            event_source: self.fields.source,
            event_location: self.fields.location,
        })
    }
}

/// Builds a [`DeliveryLegEvent`] for
/// [`TrackingClient::add_delivery_leg_event`](crate::TrackingClient::add_delivery_leg_event):
/// a post-allocation event of a parcel. Requires `trackingIdentifier`, `eventCode`,
/// `eventDate` and an `eventTimeZone` in the form of an IANA name. The code is judged when
/// sending: the client refuses one that is not on the documented post-allocation list unless
/// [`TrackingClient::with_unlisted_event_codes`](crate::TrackingClient::with_unlisted_event_codes).
///
/// ```
/// use chrono::Utc;
/// use metapack_tracking::build::{BuildError, DeliveryLegEventBuilder, EventLocationBuilder};
/// use metapack_tracking::PostAllocationEventCode;
///
/// let event = DeliveryLegEventBuilder::new()
///     .tracking_identifier("TRACK-1")
///     .event_code(PostAllocationEventCode::AwaitingCollectionFromPickupPoint)
///     .event_date(Utc::now())
///     .event_time_zone("Europe/London")
///     .event_source("STORE")
///     .event_location(EventLocationBuilder::new().name("Holborn store").post_code("WC1X 8XZ"))
///     .build()?;
/// assert_eq!(event.event_source.as_deref(), Some("STORE"));
///
/// let malformed = DeliveryLegEventBuilder::new()
///     .tracking_identifier("TRACK-1")
///     .event_code(PostAllocationEventCode::Delivered)
///     .event_date(Utc::now())
///     .event_time_zone("not/a zone")
///     .build()
///     .unwrap_err();
/// assert_eq!(malformed.field(), "eventTimeZone");
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct DeliveryLegEventBuilder {
    tracking_identifier: Option<String>,
    fields: EventFields<PostAllocationEventCode>,
}

impl DeliveryLegEventBuilder {
    /// An empty event.
    pub fn new() -> Self {
        Self::default()
    }

    /// The parcel the event is about (`trackingIdentifier`). Required.
    pub fn tracking_identifier(mut self, tracking_identifier: impl Into<String>) -> Self {
        self.tracking_identifier = Some(tracking_identifier.into());
        self
    }

    event_setters!(PostAllocationEventCode, "`CARRIER` or `STORE`");

    /// The event, or the first missing or refused field.
    pub fn build(self) -> Result<DeliveryLegEvent, BuildError> {
        let tracking_identifier = required("trackingIdentifier", self.tracking_identifier)?;
        Ok(DeliveryLegEvent {
            tracking_identifier,
            event_code: present("eventCode", self.fields.code)?,
            event_date: present("eventDate", self.fields.date)?,
            event_time_zone: event_time_zone(self.fields.time_zone)?,
            event_source: self.fields.source,
            event_location: self.fields.location,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delivery_event_names_each_missing_field_in_turn() {
        let mut builder = DeliveryEventBuilder::new();
        assert_eq!(
            builder.clone().build(),
            Err(BuildError::Missing("deliveryRef".into()))
        );
        builder = builder.delivery_ref("DEL-1");
        assert_eq!(
            builder.clone().build(),
            Err(BuildError::Missing("eventCode".into()))
        );
        builder = builder.event_code(PreAllocationEventCode::OrderAccepted);
        assert_eq!(
            builder.clone().build(),
            Err(BuildError::Missing("eventDate".into()))
        );
        builder = builder.event_date(Utc::now());
        assert_eq!(
            builder.clone().build(),
            Err(BuildError::Missing("eventTimeZone".into()))
        );
        let event = builder
            .event_time_zone("Europe/London")
            .event_location(
                EventLocationBuilder::new()
                    .city("London")
                    .coordinates(51.5, -0.12),
            )
            .build()
            .expect("complete");
        let location = event.event_location.unwrap_or_default();
        assert_eq!(location.city.as_deref(), Some("London"));
        assert_eq!(location.latitude, Some(51.5));
        assert_eq!(location.longitude, Some(-0.12));
    }

    #[test]
    fn codes_are_left_to_the_client_and_time_zones_need_the_iana_form() {
        let event = DeliveryEventBuilder::new()
            .delivery_ref("DEL-1")
            .event_code(PreAllocationEventCode::parse("ORDER_TELEPORTED"))
            .event_date(Utc::now())
            .event_time_zone("Europe/London")
            .build()
            .expect("the client judges codes, with its opt-in");
        assert!(!event.event_code.is_known());

        let err = DeliveryLegEventBuilder::new()
            .tracking_identifier("T-1")
            .event_code(PostAllocationEventCode::Delivered)
            .event_date(Utc::now())
            .event_time_zone("not/a zone")
            .build()
            .expect_err("malformed zone");
        assert_eq!(err.field(), "eventTimeZone");
        assert!(err.to_string().contains("not/a zone"), "{err}");
        let err = DeliveryEventBuilder::new()
            .delivery_ref("DEL-1")
            .event_code(PreAllocationEventCode::OrderAccepted)
            .event_date(Utc::now())
            .event_time_zone("europe/london")
            .build()
            .expect_err("case sensitive");
        assert_eq!(err.field(), "eventTimeZone");
    }

    #[test]
    fn a_leg_event_names_each_missing_field() {
        assert_eq!(
            DeliveryLegEventBuilder::new().build(),
            Err(BuildError::Missing("trackingIdentifier".into()))
        );
        let builder = DeliveryLegEventBuilder::new()
            .tracking_identifier("T-1")
            .event_code(PostAllocationEventCode::Delivered)
            .event_date(Utc::now());
        assert_eq!(
            builder.clone().event_time_zone(" ").build(),
            Err(BuildError::Missing("eventTimeZone".into()))
        );
        let event = builder
            .event_time_zone("Europe/London")
            .event_source("CARRIER")
            .build()
            .expect("complete");
        assert_eq!(event.event_code, PostAllocationEventCode::Delivered);
        assert_eq!(event.tracking_identifier, "T-1");
    }
}
