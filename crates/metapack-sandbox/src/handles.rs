//! Per-API views of a running [`Sandbox`]: `sandbox.shipping().url()`, and so on.
//!
//! Each handle borrows the sandbox and answers what a client of that API needs: its base URL,
//! its credentials, a client already pointed at it (`client()`, or `client_builder()` to
//! change retries, timeouts or the User-Agent first), and what the sandbox can show beyond
//! the API (catalogues, totals).

use metapack_core::{Credentials, Environment, Error};
use metapack_delivery_options::{DeliveryOptionsClient, DeliveryOptionsClientBuilder};
use metapack_mm_api::{ClientCredentials, MmApiClient, MmApiClientBuilder};
use metapack_shipping::{ShippingClient, ShippingClientBuilder};
use metapack_tracking::{TrackingClient, TrackingClientBuilder};

use crate::{
    ConsignmentTotals, Consolidation, DeliveryOptionsCatalogue, Sandbox, ShippingCatalogue, server,
};

/// The Tracking API of a [`Sandbox`] ([`Sandbox::tracking`]).
#[derive(Debug, Clone, Copy)]
pub struct TrackingApi<'a> {
    pub(crate) sandbox: &'a Sandbox,
}

impl<'a> TrackingApi<'a> {
    /// The base URL, `http://127.0.0.1:PORT/tracking/v1`: what replaces
    /// `https://api.sbx.metapack.com/tracking/v1`.
    pub fn url(&self) -> &'a str {
        &self.sandbox.tracking_url
    }

    /// The HTTP Basic `(username, password)` the API accepts.
    pub fn credentials(&self) -> (&'a str, &'a str) {
        let credentials = &self.sandbox.tracking_credentials;
        (credentials.username(), credentials.password())
    }

    /// A client builder with this API's URL and credentials set: add retries, timeouts or a
    /// User-Agent suffix, then `build()`.
    pub fn client_builder(&self) -> Result<TrackingClientBuilder, Error> {
        let (username, password) = self.credentials();
        Ok(TrackingClient::builder()
            .credentials(Credentials::basic(username, password))
            .environment(Environment::custom(self.url())?))
    }

    /// A client of this API with the defaults of `metapack-tracking`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = metapack_sandbox::Sandbox::start().await?;
    /// let tracking = sandbox.tracking().client()?;
    /// let journeys = tracking
    ///     .parcel_journeys(&metapack_tracking::JourneyQuery::order("ORDER-1"))
    ///     .await?;
    /// assert!(journeys.is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn client(&self) -> Result<TrackingClient, Error> {
        self.client_builder()?.build()
    }
}

/// The Shipping API of a [`Sandbox`] ([`Sandbox::shipping`]).
#[derive(Debug, Clone, Copy)]
pub struct ShippingApi<'a> {
    pub(crate) sandbox: &'a Sandbox,
}

impl<'a> ShippingApi<'a> {
    /// The base URL, `http://127.0.0.1:PORT/shipping/v1`: what replaces
    /// `https://api.sbx.metapack.com/shipping/v1`.
    pub fn url(&self) -> &'a str {
        &self.sandbox.shipping_url
    }

    /// The HTTP Basic `(username, password)` the API accepts.
    pub fn credentials(&self) -> (&'a str, &'a str) {
        let credentials = &self.sandbox.shipping_credentials;
        (credentials.username(), credentials.password())
    }

    /// A client builder with this API's URL and credentials set: add retries, timeouts or a
    /// User-Agent suffix, then `build()`.
    pub fn client_builder(&self) -> Result<ShippingClientBuilder, Error> {
        let (username, password) = self.credentials();
        Ok(ShippingClient::builder()
            .credentials(Credentials::basic(username, password))
            .environment(Environment::custom(self.url())?))
    }

    /// A client of this API with the defaults of `metapack-shipping`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = metapack_sandbox::Sandbox::start().await?;
    /// let shipping = sandbox.shipping().client()?;
    /// let locations = shipping.list_shipping_locations().await?;
    /// assert!(locations.iter().any(|l| l.code.as_deref() == Some("WH-LONDON")));
    /// # Ok(())
    /// # }
    /// ```
    pub fn client(&self) -> Result<ShippingClient, Error> {
        self.client_builder()?.build()
    }

    /// The carriers, services and shipping locations the API allocates against.
    pub fn catalogue(&self) -> &'a ShippingCatalogue {
        &self.sandbox.shipping_catalogue
    }

    /// The running weight and value of a consignment, which the Shipping model has no field
    /// for; `None` for an unknown consignment code.
    ///
    /// They start as the sum of the parcels' weights and values; adding a parcel adds its
    /// weight and value; removing a parcel subtracts its weight only (all Metapack's docs
    /// say); items change them only for parcels sent without a weight (or value), whose
    /// weight (or value) is their items' sum.
    pub fn consignment_totals(&self, consignment_code: &str) -> Option<ConsignmentTotals> {
        server::lock(&self.sandbox.shipping).totals(consignment_code)
    }

    /// Every parcel consolidation (inner parcel → outer parcel), oldest first; the Shipping
    /// model has no field showing them.
    pub fn consolidations(&self) -> Vec<Consolidation> {
        server::lock(&self.sandbox.shipping).consolidations()
    }
}

/// The Delivery Options API of a [`Sandbox`] ([`Sandbox::delivery_options`]).
#[derive(Debug, Clone, Copy)]
pub struct DeliveryOptionsApi<'a> {
    pub(crate) sandbox: &'a Sandbox,
}

impl<'a> DeliveryOptionsApi<'a> {
    /// The base URL, `http://127.0.0.1:PORT/dmoptions`: what replaces
    /// `https://dmo.metapack.com/dmoptions`.
    pub fn url(&self) -> &'a str {
        &self.sandbox.delivery_options_url
    }

    /// The API key the API accepts as its `key` query parameter, a hyphenated lower-case UUID
    /// ([`DEFAULT_DELIVERY_OPTIONS_KEY`](crate::DEFAULT_DELIVERY_OPTIONS_KEY) unless configured).
    pub fn key(&self) -> &'a str {
        &self.sandbox.delivery_options_key
    }

    /// A client builder with this API's URL and key set: add retries, timeouts or a
    /// User-Agent suffix, then `build()`.
    pub fn client_builder(&self) -> Result<DeliveryOptionsClientBuilder, Error> {
        Ok(DeliveryOptionsClient::builder()
            .credentials(Credentials::api_key(self.key()))
            .environment(Environment::custom(self.url())?))
    }

    /// A client of this API with the defaults of `metapack-delivery-options`.
    pub fn client(&self) -> Result<DeliveryOptionsClient, Error> {
        self.client_builder()?.build()
    }

    /// The catalogue the API searches.
    pub fn catalogue(&self) -> &'a DeliveryOptionsCatalogue {
        &self.sandbox.delivery_options_catalogue
    }
}

/// The MetaPack Manager API of a [`Sandbox`] ([`Sandbox::mm_api`]).
#[derive(Debug, Clone, Copy)]
pub struct MmApi<'a> {
    pub(crate) sandbox: &'a Sandbox,
}

impl<'a> MmApi<'a> {
    /// The base URL, `http://127.0.0.1:PORT/mm-api`: what replaces the host Metapack gives
    /// each customer (`https://example.metapack.com`).
    pub fn url(&self) -> &'a str {
        &self.sandbox.mm_api_url
    }

    /// The base URL of the data host, `http://127.0.0.1:PORT/mm-data`: what replaces
    /// `https://data.metapack.net` (`GET {data_url}/logistics-services/{id}`, no
    /// authentication). The sandbox's services are `sandbox-48` (the default of allocation),
    /// `sandbox-48;SAFE`, `sandbox-24` and `sandbox-returns`.
    pub fn data_url(&self) -> &'a str {
        &self.sandbox.mm_api_data_url
    }

    /// The OAuth2 `(client id, client secret)` that `POST {url}/auth` accepts (HTTP Basic),
    /// [`DEFAULT_USERNAME`](crate::DEFAULT_USERNAME) /
    /// [`DEFAULT_PASSWORD`](crate::DEFAULT_PASSWORD) unless configured.
    pub fn client_credentials(&self) -> (&'a str, &'a str) {
        let credentials = &self.sandbox.mm_api_client_credentials;
        (credentials.username(), credentials.password())
    }

    /// A client builder with this API's host, data host and client credentials set: add an
    /// API version, retries or timeouts, then `build()`.
    pub fn client_builder(&self) -> MmApiClientBuilder {
        let (id, secret) = self.client_credentials();
        MmApiClient::builder()
            .host(self.url())
            .data_host(self.data_url())
            .client_credentials(ClientCredentials::new(id, secret))
    }

    /// A client of this API with the defaults of `metapack-mm-api`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = metapack_sandbox::Sandbox::start().await?;
    /// let mm = sandbox.mm_api().client()?;
    /// let shipment = mm.get_shipment(metapack_sandbox::MM_API_SEEDED_SHIPMENTS[0]).await?;
    /// assert_eq!(shipment.shipment_ref.as_deref(), Some("SANDBOX-1"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn client(&self) -> Result<MmApiClient, Error> {
        self.client_builder().build()
    }
}
