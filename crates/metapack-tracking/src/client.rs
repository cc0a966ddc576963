//! `TrackingClient`: the typed front over the generated client.

use metapack_core::error::not_blank;
use metapack_core::{Error, finish_empty, finish_value};

use crate::TrackingClient;
use crate::checks::{self, Unlisted};
use crate::query::JourneyQuery;
use crate::types::{
    DeleteDeliveryLegsResponse, Delivery, DeliveryEvent, DeliveryLeg, DeliveryLegEvent,
    ParcelJourney, ParcelJourneySearch,
};

/// Base URL of Metapack's hosted Tracking sandbox, used by
/// [`Environment::MetapackSandbox`](metapack_core::Environment::MetapackSandbox). (The local
/// emulator of the `metapack-sandbox` crate has its own URL:
/// `Environment::custom(sandbox.tracking().url())?`.)
pub const METAPACK_SANDBOX_URL: &str = "https://api.sbx.metapack.com/tracking/v1";
/// Base URL of Metapack's Tracking production, used by
/// [`Environment::Production`](metapack_core::Environment::Production).
pub const PRODUCTION_URL: &str = "https://api.metapack.com/tracking/v1";

/// The typed methods. Writes are checked before sending: event codes must be on the documented
/// list of their kind of event (see [`with_unlisted_event_codes`](Self::with_unlisted_event_codes)
/// for newer codes), and time zones (`eventTimeZone`, `recipient.timeZone`, `sender.timeZone`)
/// must have the form of an IANA name (`Europe/London`, `UTC`, `Etc/GMT-1`). A refusal is an
/// [`Error::InvalidRequest`] naming the field; nothing is sent. Reads stay lenient.
impl TrackingClient {
    /// A clone of this client that sends event codes the docs do not list, for codes Metapack
    /// added after this version of the SDK. Without it, [`add_delivery_event`](Self::add_delivery_event)
    /// and [`add_delivery_leg_event`](Self::add_delivery_leg_event) refuse an `Other` code
    /// before sending. A code documented for the other kind of event (`ORDER_ACCEPTED` as a
    /// delivery leg event, `DESPATCHED` as a delivery event) is still refused: it is a mix-up.
    ///
    /// ```
    /// # use metapack_tracking::{Credentials, Environment, TrackingClient};
    /// # fn main() -> Result<(), metapack_tracking::Error> {
    /// let client = TrackingClient::builder()
    ///     .credentials(Credentials::basic("user", "password"))
    ///     .environment(Environment::Production)
    ///     .build()?;
    /// let lenient = client.with_unlisted_event_codes();
    /// // lenient.add_delivery_leg_event(&event) sends PostAllocationEventCode::parse("NEW_CODE").
    /// # let _ = lenient;
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_unlisted_event_codes(&self) -> Self {
        Self {
            raw: self.raw.clone(),
            unlisted: Unlisted::Send,
        }
    }

    /// `GET /parcel-journeys`: the journeys of an order or a parcel.
    pub async fn parcel_journeys(&self, query: &JourneyQuery) -> Result<Vec<ParcelJourney>, Error> {
        query.validate()?;
        let mut request = self.raw.get_parcel_journeys();
        if let Some(v) = &query.order_ref {
            request = request.order_ref(v.clone());
        }
        if let Some(v) = &query.tracking_identifier {
            request = request.tracking_identifier(v.clone());
        }
        if let Some(v) = &query.customer_ref {
            request = request.customer_ref(v.clone());
        }
        if let Some(v) = &query.postcode {
            request = request.postcode(v.clone());
        }
        if let Some(v) = &query.language {
            request = request.accept_language(v.clone());
        }
        finish_value(request.send().await).await
    }

    /// `POST /parcel-journeys/search`: the journeys of a customer, by reference or email.
    pub async fn search_parcel_journeys(
        &self,
        search: &ParcelJourneySearch,
    ) -> Result<Vec<ParcelJourney>, Error> {
        let given = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        if !given(&search.customer_ref) && !given(&search.email) {
            return Err(Error::invalid_request(
                "a parcel journey search needs customerRef or email",
            ));
        }
        finish_value(self.raw.search_parcel_journeys().send_body(search).await).await
    }

    /// `POST /deliveries`: creates or replaces a delivery (send every mandatory field each time).
    /// Refuses a `recipient.timeZone` or `sender.timeZone` that is not an IANA name.
    pub async fn upsert_delivery(&self, delivery: &Delivery) -> Result<(), Error> {
        not_blank("deliveryRef", &delivery.delivery_ref)?;
        checks::party_time_zones(delivery.recipient.as_ref(), delivery.sender.as_ref())?;
        finish_empty(self.raw.upsert_delivery().send_body(delivery).await).await
    }

    /// `POST /deliveries/events`: appends a pre-allocation event to a delivery. Not retried
    /// once sent, since a repeat would append the event twice.
    ///
    /// Refuses, before sending, a code that is not on the documented pre-allocation list
    /// (unless [`with_unlisted_event_codes`](Self::with_unlisted_event_codes)), a
    /// post-allocation code such as `DESPATCHED`, and an `eventTimeZone` that is not an IANA
    /// name. A documented code in another spelling is sent as documented.
    pub async fn add_delivery_event(&self, event: &DeliveryEvent) -> Result<(), Error> {
        not_blank("deliveryRef", &event.delivery_ref)?;
        let event_code = checks::delivery_event_code(&event.event_code, self.unlisted)?;
        not_blank("eventTimeZone", &event.event_time_zone)?;
        checks::time_zone("eventTimeZone", &event.event_time_zone)?;
        let body = DeliveryEvent {
            event_code,
            ..event.clone()
        };
        finish_empty(self.raw.add_delivery_event().send_body(&body).await).await
    }

    /// `POST /delivery-legs`: creates or replaces a delivery leg (send every mandatory field
    /// each time). Refuses a `carrierTrackingURL` that is not `https://`, and a
    /// `recipient.timeZone` or `sender.timeZone` that is not an IANA name.
    pub async fn upsert_delivery_leg(&self, leg: &DeliveryLeg) -> Result<(), Error> {
        not_blank("trackingIdentifier", &leg.tracking_identifier)?;
        checks::party_time_zones(leg.recipient.as_ref(), leg.sender.as_ref())?;
        if let Some(url) = &leg.carrier_tracking_url
            && !url.starts_with("https://")
        {
            return Err(Error::invalid_field(
                "carrierTrackingURL",
                format!("carrierTrackingURL must start with https:// (got {url:?})"),
            ));
        }
        finish_empty(self.raw.upsert_delivery_leg().send_body(leg).await).await
    }

    /// `DELETE /delivery-legs`: removes every delivery leg with this tracking identifier and
    /// returns Metapack's confirmation text.
    pub async fn delete_delivery_legs(
        &self,
        tracking_identifier: &str,
    ) -> Result<DeleteDeliveryLegsResponse, Error> {
        not_blank("trackingIdentifier", tracking_identifier)?;
        let request = self
            .raw
            .delete_delivery_legs()
            .tracking_identifier(tracking_identifier);
        finish_value(request.send().await).await
    }

    /// `POST /delivery-legs/events`: appends a post-allocation event to a delivery leg. Not
    /// retried once sent, since a repeat would append the event twice.
    ///
    /// Refuses, before sending, a code that is not on the documented post-allocation list
    /// (unless [`with_unlisted_event_codes`](Self::with_unlisted_event_codes)), a
    /// pre-allocation code such as `ORDER_ACCEPTED`, and an `eventTimeZone` that is not an
    /// IANA name. A documented code in another spelling is sent as documented.
    pub async fn add_delivery_leg_event(&self, event: &DeliveryLegEvent) -> Result<(), Error> {
        not_blank("trackingIdentifier", &event.tracking_identifier)?;
        let event_code = checks::leg_event_code(&event.event_code, self.unlisted)?;
        not_blank("eventTimeZone", &event.event_time_zone)?;
        checks::time_zone("eventTimeZone", &event.event_time_zone)?;
        let body = DeliveryLegEvent {
            event_code,
            ..event.clone()
        };
        finish_empty(self.raw.add_delivery_leg_event().send_body(&body).await).await
    }
}
