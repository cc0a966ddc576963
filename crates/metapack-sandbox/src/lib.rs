#![doc = include_str!("../README.md")]
//!
//! ## The emulated APIs
//!
//! [`Sandbox::start`] serves them (see [`SandboxBuilder`] for the settings, such as
//! [`SandboxBuilder::host`]); each API has a handle on the [`Sandbox`]: [`TrackingApi`]
//! ([`TrackingApi::url`], [`TrackingApi::credentials`]), [`ShippingApi`], [`DeliveryOptionsApi`]
//! ([`DeliveryOptionsApi::key`]) and [`MmApi`] ([`MmApi::client_credentials`],
//! [`MmApi::data_url`]).
//!
//! ### Tracking
//!
//! The Tracking API keeps real state: deliveries and delivery legs are upserted, events are
//! appended, and `GET /parcel-journeys` and `POST /parcel-journeys/search` assemble parcel
//! journeys from them (one per parcel, events sorted by date). Failures answer Metapack's
//! error body, `{"message", "errorCode", "systemMessage", "traceId", "timestamp"}`, with
//! `PS-0400` (a message naming the field), `PS-0401` (checked before anything else), `PS-0404`,
//! `PS-0405` or `PS-0415`. Event codes are checked against the documented lists (exact
//! spelling): an unknown `eventCode` answers 400 `PS-0400`.
//!
//! ### Shipping
//!
//! The Shipping API serves the 25 operations of Metapack's Shipping spec over real state:
//! consignments go through their lifecycle (unallocated, allocated, printed, ready to
//! manifest, manifested) and every operation the docs forbid in a status answers 409
//! (`CONSIGNMENT_STATUS_CONFLICT`); allocation, validation and rates match shipping rules
//! against a configurable [`ShippingCatalogue`] of carriers, services and shipping locations;
//! paperwork is real PDF, PNG or ZPL bytes (a ZIP of one document per parcel for several
//! parcels), Base64-encoded; manifests take the ready-to-manifest consignments of a carrier
//! and shipping location. Its error body spells the trace identifier `traceID`, as the
//! Shipping docs do. Country codes are ISO 3166-1 alpha-3 (`GBR`, `FRA`, `DEU`) in every
//! address `countryCode` and item `countryOfOrigin`, as in Metapack's Shipping API: a
//! two-letter or unknown code answers 400 naming the field and the code to send
//! (`consignment.recipient.countryCode: "GB" is not an ISO 3166-1 alpha-3 country code; send
//! "GBR"`), and paperwork `type`/`format` and a manifest's `transactionType` must be one of
//! the documented values. What the Shipping model has no field for can be read from the
//! [`Sandbox`]: [`ShippingApi::consignment_totals`] and
//! [`ShippingApi::consolidations`].
//!
//! ```
//! use metapack_sandbox::Sandbox;
//! use serde_json::{Value, json};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let sandbox = Sandbox::start().await?;
//!     let (username, password) = sandbox.shipping().credentials();
//!     let created: Value = metapack_core::tls::http_client()?
//!         .post(format!("{}/consignments", sandbox.shipping().url()))
//!         .basic_auth(username, Some(password))
//!         .json(&json!({
//!             "consignment": {
//!                 "sender": {"code": "WH-LONDON"},
//!                 "recipient": {"countryCode": "GBR", "postCode": "M1 1AA"},
//!                 "parcels": [{"weight": {"value": 1.2}}]
//!             },
//!             "shippingRules": {}
//!         }))
//!         .send()
//!         .await?
//!         .error_for_status()?
//!         .json()
//!         .await?;
//!     // Shipping rules on create allocate at once, to the cheapest matching service.
//!     let consignment = &created["consignment"];
//!     assert_eq!(consignment["status"], "allocated");
//!     let service = &consignment["deliveryInformation"]["service"]["carrierService"];
//!     assert_eq!(service["code"], "SBXPOST48");
//!     Ok(())
//! }
//! ```
//!
//! ### Delivery Options
//!
//! The Delivery Options API serves `GET /find` from a configurable
//! [`DeliveryOptionsCatalogue`]: home delivery services, pick-up points (PUDO) and own stores
//! around London by default. It honours the delivery types, the radius around the
//! coordinates or a known postcode, own-store minimum and maximum, service groups, delivery
//! and collection slots, parcel limits, countries and the return types (`r_t`), and checks
//! every rule of the spec's parameters (400 naming the parameter). Its error body is the
//! spec's `{"message", "errorCode", "traceId"}`. Freeze the catalogue's clock
//! ([`DeliveryOptionsCatalogue::fixed_now`]) for deterministic answers.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use metapack_sandbox::{DeliveryOptionsCatalogue, Sandbox};
//! use serde_json::Value;
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let monday = Utc.with_ymd_and_hms(2030, 1, 7, 10, 0, 0).unwrap();
//!     let sandbox = Sandbox::builder()
//!         .delivery_options_catalogue(DeliveryOptionsCatalogue::default().fixed_now(monday))
//!         .start()
//!         .await?;
//!     let found: Value = metapack_core::tls::http_client()?
//!         .get(format!("{}/find", sandbox.delivery_options().url()))
//!         .query(&[
//!             ("wh_code", "WH-LONDON"),
//!             ("c_cc", "GBR"),
//!             ("c_pc", "EC1R 4PF"),
//!             ("optionType", "HOME"),
//!             ("r_t", "lsc"),
//!             ("key", sandbox.delivery_options().key()),
//!         ])
//!         .send()
//!         .await?
//!         .error_for_status()?
//!         .json()
//!         .await?;
//!     let cheapest = &found["results"][0];
//!     assert_eq!(cheapest["carrierServiceCode"], "SBXPOST48");
//!     assert_eq!(cheapest["bookingCode"], "SBXPOST48/2030-01-10/*-*/*-*");
//!     Ok(())
//! }
//! ```
//!
//! ### MetaPack Manager API
//!
//! The MetaPack Manager API (MM-API) issues bearer tokens from `POST /auth` (HTTP Basic client
//! credentials, form `grant_type=client_credentials`) that expire after
//! [`SandboxBuilder::mm_api_token_lifetime`], and serves shipments (a few seeded,
//! [`MM_API_SEEDED_SHIPMENTS`]), allocation of consignments with label documents (validated
//! by the sandbox's own reading of the reference, independent of `metapack-mm-api`'s
//! `Validate`), deallocation, status changes, closing of
//! consignment lists and the documents as real PDF, PNG or ZPL bytes (with a return label on
//! `v1.0`, and customs documents for destinations outside the UK); its data host
//! ([`MmApi::data_url`]) serves logistics services. Bodies need a versioned
//! content type (`application/vnd.metapack.mm.v0+json`); failures answer the reference's
//! error body with Appendix C's codes (`O-INT-1000`, `O-VAL-2000`, `O-VAL-2001`,
//! `O-ALE-4001`, `O-ALE-4002`, `O-NFO-3006`, `O-COL-6001`...).
//!
//! ### Control routes, faults and the request log
//!
//! Outside Metapack's paths, the sandbox answers its own routes: `GET /` is an index of the
//! base URLs, credentials, MM-API shipments and control routes (JSON, or HTML for a browser);
//! `POST /_sandbox/mm-api/shipments` adds an MM-API shipment to allocate
//! ([`Sandbox::add_mm_api_shipment`]).
//!
//! **Faults.** [`SandboxBuilder::faults`] (or [`Sandbox::set_faults`], or
//! `PUT /_sandbox/faults`) makes a fraction of the requests to the Metapack API routes answer
//! 503 or 429 unprocessed (with `Retry-After` and the API's own error body), be processed and
//! then lose their answer (the connection is dropped), or be answered late: see [`Faults`]
//! for the syntax, `503:0.2,429:0.1,reset:0.05,delay=2s:0.1`. The draws come from a generator
//! seeded with [`SandboxBuilder::seed`], so the same seed and requests give the same faults.
//! **The request log**, [`Sandbox::requests`] (`GET /_sandbox/requests`), tells what the
//! sandbox received and whether it processed it, without any secret:
//!
//! ```
//! use metapack_sandbox::{Fault, Sandbox};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let sandbox = Sandbox::builder().faults("503:1".parse()?).seed(7).start().await?;
//!     let (username, password) = sandbox.tracking().credentials();
//!     let response = metapack_core::tls::http_client()?
//!         .get(format!("{}/parcel-journeys?trackingIdentifier=JD1", sandbox.tracking().url()))
//!         .basic_auth(username, Some(password))
//!         .send()
//!         .await?;
//!     assert_eq!(response.status(), 503);
//!     assert_eq!(response.headers()["retry-after"], "1");
//!     let log = sandbox.requests();
//!     assert_eq!(log[0].fault, Some(Fault::Status(503)));
//!     assert!(!log[0].processed);
//!     Ok(())
//! }
//! ```
//!
//! ### One world
//!
//! Shipping, the MM-API and Tracking are one world on one clock. Allocating a consignment
//! (every way Shipping or the MM-API allocates) publishes one delivery leg per parcel to
//! Tracking, with the carrier, tracking number, order reference and recipient, and an
//! `AWAITING_DESPATCH` event; manifesting adds `DESPATCHED`; deallocating or deleting adds
//! `CANCELLED_BEFORE_DESPATCH`. Parcels move through simulated carrier events
//! ([`Sandbox::simulate_parcel_event`], `POST /_sandbox/parcels/{trackingIdentifier}/events`),
//! scenario recipient postcodes ([`ParcelScenario`]: delivered next day, failed first attempt,
//! returned to sender, lost) and the sandbox clock ([`Sandbox::advance_clock`],
//! [`Sandbox::set_clock`], [`Sandbox::freeze_clock`], `POST /_sandbox/clock`), which releases
//! scheduled events once it passes their date. Lookups by consignment code, tracking number
//! and order reference go through indexes.
//!
//! ```
//! use metapack_sandbox::{ParcelScenario, Sandbox};
//! use metapack_tracking::types::EventCode;
//! use metapack_tracking::{Credentials, Environment, JourneyQuery, TrackingClient};
//! use serde_json::{Value, json};
//! use std::time::Duration;
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let sandbox = Sandbox::start().await?;
//!     let (username, password) = sandbox.shipping().credentials();
//!     let created: Value = metapack_core::tls::http_client()?
//!         .post(format!("{}/consignments", sandbox.shipping().url()))
//!         .basic_auth(username, Some(password))
//!         .json(&json!({
//!             "consignment": {
//!                 "sender": {"code": "WH-LONDON"},
//!                 "recipient": {"countryCode": "GBR", "postCode": ParcelScenario::DeliveredNextDay.postcode()},
//!                 "parcels": [{"weight": {"value": 1.2}}]
//!             },
//!             "shippingRules": {}
//!         }))
//!         .send()
//!         .await?
//!         .error_for_status()?
//!         .json()
//!         .await?;
//!     let parcel = created["consignment"]["parcels"][0]["deliveryLegs"][0]["trackingIdentifier"]
//!         .as_str()
//!         .ok_or("allocated")?;
//!
//!     let (username, password) = sandbox.tracking().credentials();
//!     let tracking = TrackingClient::builder()
//!         .credentials(Credentials::basic(username, password))
//!         .environment(Environment::custom(sandbox.tracking().url())?)
//!         .build()?;
//!     sandbox.advance_clock(Duration::from_secs(30 * 3600));
//!     let journeys = tracking.parcel_journeys(&JourneyQuery::tracking(parcel)).await?;
//!     assert_eq!(journeys[0].latest_event_code(), Some(&EventCode::Delivered));
//!     Ok(())
//! }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use metapack_core::Secret;

mod catalogue;
mod control;
mod countries;
mod delivery_options;
mod handles;
mod mm_api;
mod paperwork;
mod schedule;
mod server;
mod shipping;
mod tracking;
mod values;
mod world;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use metapack_tracking::types::PostAllocationEventCode;
use server::{BasicCredentials, Server};
use uuid::Uuid;

pub use handles::{DeliveryOptionsApi, MmApi, ShippingApi, TrackingApi};

pub use control::faults::{
    DEFAULT_RETRY_AFTER, Fault, FaultRule, Faults, FaultsParseError, FaultsParseErrorKind,
};
pub use control::requests::{DEFAULT_REQUEST_LOG_SIZE, REDACTED, RequestRecord};
pub use delivery_options::catalogue::{DeliveryOptionsCatalogue, DeliveryService, PickupLocation};

pub use shipping::catalogue::{
    CatalogueCarrier, CatalogueLocation, CatalogueService, ShippingCatalogue,
};
pub use shipping::state::{ConsignmentTotals, Consolidation};
pub use world::ParcelEventError;
pub use world::scenarios::ParcelScenario;

/// The username every emulated API accepts unless configured otherwise
/// ([`SandboxBuilder::tracking_credentials`], [`SandboxBuilder::shipping_credentials`]).
pub const DEFAULT_USERNAME: &str = "sandbox";

/// The password every emulated API accepts unless configured otherwise
/// ([`SandboxBuilder::tracking_credentials`], [`SandboxBuilder::shipping_credentials`]).
pub const DEFAULT_PASSWORD: &str = "sandbox-password";

/// The API key (a UUID, sent as the `key` query parameter) the Delivery Options API accepts
/// unless configured otherwise ([`SandboxBuilder::delivery_options_key`]).
pub const DEFAULT_DELIVERY_OPTIONS_KEY: &str = "5a4d0b8e-2c1f-4e7a-9b3d-6f8e1c2a7d90";

/// [`DEFAULT_DELIVERY_OPTIONS_KEY`] as a UUID.
const DEFAULT_KEY: Uuid = match Uuid::try_parse(DEFAULT_DELIVERY_OPTIONS_KEY) {
    Ok(key) => key,
    Err(_) => panic!("DEFAULT_DELIVERY_OPTIONS_KEY is a UUID"),
};

/// The UUIDs of the shipments the MM-API starts with (`GET {mm_api_url}/shipments/{uuid}`;
/// allocate one by sending its URL to `POST {mm_api_url}/consignments`).
pub const MM_API_SEEDED_SHIPMENTS: [&str; 3] = mm_api::state::SEEDED_SHIPMENTS;

/// How long an MM-API bearer token is valid unless configured otherwise
/// ([`SandboxBuilder::mm_api_token_lifetime`]): an hour.
pub const DEFAULT_MM_API_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// A running emulator of Metapack's APIs, on `127.0.0.1` unless [`SandboxBuilder::host`] says
/// otherwise.
///
/// Dropping it shuts the server down: the graceful shutdown is signalled and the server task
/// aborted, so the port is released as soon as the runtime gets to it (almost at once). Use
/// [`Sandbox::shutdown`] to wait until it is.
#[derive(Debug)]
pub struct Sandbox {
    server: Server,
    base_url: String,
    tracking_url: String,
    tracking_credentials: BasicCredentials,
    shipping_url: String,
    shipping_credentials: BasicCredentials,
    shipping: shipping::Store,
    shipping_catalogue: ShippingCatalogue,
    delivery_options_url: String,
    delivery_options_key: String,
    delivery_options_catalogue: DeliveryOptionsCatalogue,
    mm_api_url: String,
    mm_api_data_url: String,
    mm_api_client_credentials: BasicCredentials,
    control: control::Control,
    world: world::World,
}

impl Sandbox {
    /// Starts a sandbox on an ephemeral port of `127.0.0.1`, accepting
    /// [`DEFAULT_USERNAME`] / [`DEFAULT_PASSWORD`] (Tracking, Shipping) and the API key
    /// [`DEFAULT_DELIVERY_OPTIONS_KEY`] (Delivery Options), with the default catalogues. Must
    /// be called within a tokio runtime.
    pub async fn start() -> io::Result<Sandbox> {
        Sandbox::builder().start().await
    }

    /// Configures a sandbox (port, credentials, catalogues) before starting it.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// The root URL of the server, `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The Tracking API: its URL and credentials.
    pub fn tracking(&self) -> TrackingApi<'_> {
        TrackingApi { sandbox: self }
    }

    /// The Shipping API: its URL, credentials, catalogue, and the totals and consolidations
    /// its model has no field for.
    pub fn shipping(&self) -> ShippingApi<'_> {
        ShippingApi { sandbox: self }
    }

    /// The Delivery Options API: its URL, API key and catalogue.
    pub fn delivery_options(&self) -> DeliveryOptionsApi<'_> {
        DeliveryOptionsApi { sandbox: self }
    }

    /// The MetaPack Manager API: its URL, data host URL and client credentials.
    pub fn mm_api(&self) -> MmApi<'_> {
        MmApi { sandbox: self }
    }

    /// Same as `sandbox.tracking().url()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.tracking().url()`")]
    pub fn tracking_url(&self) -> &str {
        self.tracking().url()
    }

    /// Same as `sandbox.tracking().credentials()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.tracking().credentials()`")]
    pub fn tracking_credentials(&self) -> (&str, &str) {
        self.tracking().credentials()
    }

    /// Same as `sandbox.shipping().url()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.shipping().url()`")]
    pub fn shipping_url(&self) -> &str {
        self.shipping().url()
    }

    /// Same as `sandbox.shipping().credentials()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.shipping().credentials()`")]
    pub fn shipping_credentials(&self) -> (&str, &str) {
        self.shipping().credentials()
    }

    /// Same as `sandbox.shipping().catalogue()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.shipping().catalogue()`")]
    pub fn shipping_catalogue(&self) -> &ShippingCatalogue {
        self.shipping().catalogue()
    }

    /// Same as `sandbox.delivery_options().url()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.delivery_options().url()`")]
    pub fn delivery_options_url(&self) -> &str {
        self.delivery_options().url()
    }

    /// Same as `sandbox.delivery_options().key()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.delivery_options().key()`")]
    pub fn delivery_options_key(&self) -> &str {
        self.delivery_options().key()
    }

    /// Same as `sandbox.delivery_options().catalogue()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.delivery_options().catalogue()`")]
    pub fn delivery_options_catalogue(&self) -> &DeliveryOptionsCatalogue {
        self.delivery_options().catalogue()
    }

    /// Same as `sandbox.mm_api().url()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.mm_api().url()`")]
    pub fn mm_api_url(&self) -> &str {
        self.mm_api().url()
    }

    /// Same as `sandbox.mm_api().data_url()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.mm_api().data_url()`")]
    pub fn mm_api_data_url(&self) -> &str {
        self.mm_api().data_url()
    }

    /// Same as `sandbox.mm_api().client_credentials()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.mm_api().client_credentials()`")]
    pub fn mm_api_client_credentials(&self) -> (&str, &str) {
        self.mm_api().client_credentials()
    }

    /// Same as `sandbox.shipping().consignment_totals(code)`.
    #[deprecated(
        since = "0.1.0",
        note = "use `sandbox.shipping().consignment_totals(code)`"
    )]
    pub fn shipping_consignment_totals(&self, consignment_code: &str) -> Option<ConsignmentTotals> {
        self.shipping().consignment_totals(consignment_code)
    }

    /// Same as `sandbox.shipping().consolidations()`.
    #[deprecated(since = "0.1.0", note = "use `sandbox.shipping().consolidations()`")]
    pub fn shipping_consolidations(&self) -> Vec<Consolidation> {
        self.shipping().consolidations()
    }

    /// What the sandbox received on its Metapack API routes, oldest first: the most recent
    /// [`SandboxBuilder::request_log_size`] requests, without headers, bodies or secrets (the
    /// values of query parameters such as the Delivery Options `key` read [`REDACTED`]).
    /// `GET /_sandbox/requests` answers the same list in JSON.
    pub fn requests(&self) -> Vec<RequestRecord> {
        server::lock(&self.control.log).records()
    }

    /// Empties the request log (`DELETE /_sandbox/requests`); the numbering goes on.
    pub fn clear_requests(&self) {
        server::lock(&self.control.log).clear();
    }

    /// The faults injected into the Metapack API routes now (`GET /_sandbox/faults`).
    pub fn faults(&self) -> Faults {
        server::lock(&self.control.injector).faults().clone()
    }

    /// Replaces the faults injected into the Metapack API routes (`PUT /_sandbox/faults`);
    /// [`Faults::none`] stops them. With a seed, the generator that draws them starts again
    /// from it, so the same requests in the same order get the same faults.
    pub fn set_faults(&self, faults: Faults, seed: Option<u64>) {
        server::lock(&self.control.injector).set(faults, seed);
    }

    /// The seed the fault generator last started from: [`SandboxBuilder::seed`], the seed of
    /// the last [`Sandbox::set_faults`], or a random one.
    pub fn fault_seed(&self) -> u64 {
        server::lock(&self.control.injector).seed()
    }

    /// Adds a shipment to the MM-API and answers its URL
    /// (`{mm_api_url}/shipments/{uuid}`), to allocate with `POST {mm_api_url}/consignments`;
    /// `POST /_sandbox/mm-api/shipments` does the same. The shipment is judged when it is
    /// allocated; any `@id` it carries is replaced.
    pub fn add_mm_api_shipment(&self, shipment: metapack_mm_api::model::Shipment) -> String {
        let mut store = server::lock(&self.control.mm_api);
        let id = store.add_shipment(shipment);
        let url = store.shipment_uri(id).as_str().to_owned();
        drop(store);
        self.control.index.add_shipment(id);
        url
    }

    /// What the sandbox clock reads: the date of the tracking events the sandbox creates and
    /// of Shipping's allocations (see [`Sandbox::advance_clock`]).
    pub fn now(&self) -> DateTime<Utc> {
        self.world.now()
    }

    /// Moves the sandbox clock forward by `by` (it keeps running unless frozen): scheduled
    /// tracking events (a [`ParcelScenario`]'s script, simulated events dated in the future)
    /// appear in parcel journeys once the clock passes their date. Same as
    /// `POST /_sandbox/clock {"advanceSeconds": N}`.
    pub fn advance_clock(&self, by: Duration) {
        let by = chrono::TimeDelta::from_std(by).unwrap_or(chrono::TimeDelta::MAX);
        self.world.clock().advance(by);
    }

    /// Makes the sandbox clock read `now` (it keeps running from there unless frozen). Same
    /// as `POST /_sandbox/clock {"now": "..."}`.
    pub fn set_clock(&self, now: DateTime<Utc>) {
        self.world.clock().set(now);
    }

    /// Stops the sandbox clock at its current reading (`true`), so that dates are exact, or
    /// lets it run on from there (`false`). Same as `POST /_sandbox/clock {"frozen": true}`.
    pub fn freeze_clock(&self, frozen: bool) {
        self.world.clock().freeze(frozen);
    }

    /// Simulates a carrier event on the parcel with this tracking identifier (a delivery leg
    /// that an allocation or the Tracking API created), dated `event_date` or now on the
    /// sandbox clock; a date after the clock's is scheduled and appears when the clock passes
    /// it. The event has `eventSource` `CARRIER` and `eventTimeZone` `Europe/London`. Same as
    /// `POST /_sandbox/parcels/{trackingIdentifier}/events`.
    ///
    /// # Errors
    ///
    /// [`ParcelEventError::UnknownEventCode`] when the code is not one of the Tracking API's
    /// documented delivery-leg event codes (the sandbox's own copy of the list), and
    /// [`ParcelEventError::UnknownTrackingIdentifier`] when no delivery leg has the tracking
    /// identifier.
    pub fn simulate_parcel_event(
        &self,
        tracking_identifier: &str,
        event_code: &PostAllocationEventCode,
        event_date: Option<DateTime<Utc>>,
    ) -> Result<(), ParcelEventError> {
        self.world
            .simulate(tracking_identifier, event_code.as_str(), event_date)
            .map(|_| ())
    }

    /// Fills the Shipping store directly, without HTTP (for benchmarks of bulk tests):
    /// `count` consignments created from `request` (a Shipping `ConsignmentRequest` as
    /// JSON; with `shippingRules` they are allocated, and their parcels tracked, exactly as
    /// `POST /consignments` would). Answers each consignment code and its first parcel's
    /// tracking identifier.
    ///
    /// # Errors
    ///
    /// The decoding error when `request` is not a `ConsignmentRequest`.
    #[doc(hidden)]
    pub fn bulk_create_consignments(
        &self,
        request: &serde_json::Value,
        count: usize,
    ) -> Result<Vec<(String, Option<String>)>, String> {
        let request: metapack_shipping::types::ConsignmentRequest =
            serde_json::from_value(request.clone()).map_err(|e| e.to_string())?;
        let mut store = server::lock(&self.shipping);
        let mut created = Vec::with_capacity(count);
        for _ in 0..count {
            let now = self.world.now();
            let consignment = store.create(request.clone(), now);
            let tracking = consignment
                .parcels
                .iter()
                .flatten()
                .flat_map(|p| p.delivery_legs.iter().flatten())
                .find_map(|leg| leg.tracking_identifier.clone());
            created.push((consignment.consignment_code.unwrap_or_default(), tracking));
        }
        Ok(created)
    }

    /// The address the server listens on (its port is the real one, even when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.server.local_addr()
    }

    /// Shuts the server down and waits until it is: no new connections are accepted,
    /// in-flight requests get a few seconds to finish, then the port is released.
    pub async fn shutdown(self) {
        self.server.shutdown().await;
    }
}

/// Configures a [`Sandbox`]: `Sandbox::builder().port(8080).start().await`.
#[derive(Debug, Clone)]
#[must_use]
pub struct SandboxBuilder {
    host: IpAddr,
    port: u16,
    tracking_username: String,
    tracking_password: Secret,
    shipping_username: String,
    shipping_password: Secret,
    shipping_catalogue: ShippingCatalogue,
    delivery_options_key: Uuid,
    delivery_options_catalogue: DeliveryOptionsCatalogue,
    mm_api_client_id: String,
    mm_api_client_secret: Secret,
    mm_api_token_lifetime: Duration,
    faults: Faults,
    seed: Option<u64>,
    request_log_size: usize,
    log_requests: bool,
    frozen_clock: Option<DateTime<Utc>>,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        Self {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            tracking_username: DEFAULT_USERNAME.to_owned(),
            tracking_password: Secret::new(DEFAULT_PASSWORD),
            shipping_username: DEFAULT_USERNAME.to_owned(),
            shipping_password: Secret::new(DEFAULT_PASSWORD),
            shipping_catalogue: ShippingCatalogue::default(),
            delivery_options_key: DEFAULT_KEY,
            delivery_options_catalogue: DeliveryOptionsCatalogue::default(),
            mm_api_client_id: DEFAULT_USERNAME.to_owned(),
            mm_api_client_secret: Secret::new(DEFAULT_PASSWORD),
            mm_api_token_lifetime: DEFAULT_MM_API_TOKEN_LIFETIME,
            faults: Faults::none(),
            seed: None,
            request_log_size: DEFAULT_REQUEST_LOG_SIZE,
            log_requests: false,
            frozen_clock: None,
        }
    }
}

impl SandboxBuilder {
    /// The address to listen on instead of `127.0.0.1`. Anything but a loopback address
    /// exposes the sandbox, its test credentials included (the index at `/` shows them), to
    /// whoever can reach it. When it is unspecified (`0.0.0.0`, `::`), the URLs the sandbox
    /// gives use `127.0.0.1` (or `::1`).
    pub fn host(mut self, host: IpAddr) -> Self {
        self.host = host;
        self
    }

    /// The faults to inject into the Metapack API routes from the start (none by default);
    /// see [`Faults`] for the syntax, and [`Sandbox::set_faults`] to change them later.
    pub fn faults(mut self, faults: Faults) -> Self {
        self.faults = faults;
        self
    }

    /// The seed of the generator that draws the faults (random by default, shown by
    /// [`Sandbox::fault_seed`] and `GET /_sandbox/faults`): the same seed and the same requests
    /// in the same order get the same faults.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// How many requests the request log keeps ([`Sandbox::requests`]) instead of
    /// [`DEFAULT_REQUEST_LOG_SIZE`]; the oldest go first. 0 keeps none.
    pub fn request_log_size(mut self, size: usize) -> Self {
        self.request_log_size = size;
        self
    }

    /// Prints one line per request to stderr (time, method, path, query without secrets,
    /// status, fault); off by default.
    pub fn log_requests(mut self, log: bool) -> Self {
        self.log_requests = log;
        self
    }

    /// The port to listen on; 0 (the default) picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The HTTP Basic credentials the Tracking API accepts instead of [`DEFAULT_USERNAME`] /
    /// [`DEFAULT_PASSWORD`]. The username cannot contain `:` (HTTP Basic could not carry it).
    pub fn tracking_credentials(
        mut self,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.tracking_username = username.into();
        self.tracking_password = Secret::new(password);
        self
    }

    /// The HTTP Basic credentials the Shipping API accepts instead of [`DEFAULT_USERNAME`] /
    /// [`DEFAULT_PASSWORD`]. The username cannot contain `:` (HTTP Basic could not carry it).
    pub fn shipping_credentials(
        mut self,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.shipping_username = username.into();
        self.shipping_password = Secret::new(password);
        self
    }

    /// The carriers, services and shipping locations the Shipping API allocates against
    /// instead of [`ShippingCatalogue::default`].
    pub fn shipping_catalogue(mut self, catalogue: ShippingCatalogue) -> Self {
        self.shipping_catalogue = catalogue;
        self
    }

    /// The API key the Delivery Options API accepts instead of
    /// [`DEFAULT_DELIVERY_OPTIONS_KEY`]. Any form [`Uuid`] parses is accepted on the wire
    /// (hyphenated, simple, any letter case).
    pub fn delivery_options_key(mut self, key: Uuid) -> Self {
        self.delivery_options_key = key;
        self
    }

    /// The services, pick-up points, own stores, postcodes, warehouses and clock the Delivery
    /// Options API searches instead of [`DeliveryOptionsCatalogue::default`].
    pub fn delivery_options_catalogue(mut self, catalogue: DeliveryOptionsCatalogue) -> Self {
        self.delivery_options_catalogue = catalogue;
        self
    }

    /// The OAuth2 client credentials `POST /mm-api/auth` accepts instead of
    /// [`DEFAULT_USERNAME`] / [`DEFAULT_PASSWORD`]. The client id cannot contain `:` (HTTP
    /// Basic could not carry it).
    pub fn mm_api_client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.mm_api_client_id = client_id.into();
        self.mm_api_client_secret = Secret::new(client_secret);
        self
    }

    /// How long MM-API bearer tokens are valid instead of [`DEFAULT_MM_API_TOKEN_LIFETIME`]
    /// (`expires_in` is answered in whole seconds, rounded up).
    pub fn mm_api_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.mm_api_token_lifetime = lifetime;
        self
    }

    /// Starts the sandbox clock frozen at `now` instead of running in real time, so that every
    /// date the sandbox creates is exact ([`Sandbox::advance_clock`] moves it).
    pub fn frozen_clock(mut self, now: DateTime<Utc>) -> Self {
        self.frozen_clock = Some(now);
        self
    }

    /// Binds the port and starts serving on a tokio task. Must be called within a tokio
    /// runtime.
    ///
    /// # Errors
    ///
    /// The bind error (e.g. the port is taken), or [`io::ErrorKind::InvalidInput`] when a
    /// username contains `:`.
    pub async fn start(self) -> io::Result<Sandbox> {
        if self.tracking_username.contains(':')
            || self.shipping_username.contains(':')
            || self.mm_api_client_id.contains(':')
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "an HTTP Basic username cannot contain ':'",
            ));
        }
        let tracking_credentials =
            BasicCredentials::new(&self.tracking_username, self.tracking_password.expose());
        let shipping_credentials =
            BasicCredentials::new(&self.shipping_username, self.shipping_password.expose());
        let world = world::World::default();
        if let Some(now) = self.frozen_clock {
            world.clock().freeze(true);
            world.clock().set(now);
        }
        let shipping_store = shipping::store(self.shipping_catalogue.clone(), world.clone());
        let mm_api_client_credentials =
            BasicCredentials::new(&self.mm_api_client_id, self.mm_api_client_secret.expose());
        let mm_api_store = mm_api::store();
        let mm_api = mm_api::MmApi {
            store: mm_api_store.clone(),
            client: mm_api_client_credentials.clone(),
            token_lifetime: self.mm_api_token_lifetime,
            world: world.clone(),
        };
        // A random seed stays below 2^32, so that JSON tools reading numbers as doubles keep it exact.
        let seed = self.seed.unwrap_or_else(|| u64::from(fastrand::u32(..)));
        let control = control::Control {
            injector: Arc::new(Mutex::new(control::faults::Injector::new(
                self.faults.clone(),
                seed,
            ))),
            log: Arc::new(Mutex::new(control::requests::RequestLog::new(
                self.request_log_size,
            ))),
            print: self.log_requests,
            index: Arc::new(control::index::Index::new(control::index::IndexSettings {
                tracking: tracking_credentials.clone(),
                shipping: shipping_credentials.clone(),
                delivery_options_key: self.delivery_options_key.hyphenated().to_string(),
                mm_api: mm_api_client_credentials.clone(),
                shipping_locations: self
                    .shipping_catalogue
                    .shipping_locations()
                    .iter()
                    .map(|location| location.code.clone())
                    .collect(),
                request_log_size: self.request_log_size,
            })),
            mm_api: mm_api_store.clone(),
        };
        let app = axum::Router::new()
            .nest(
                tracking::BASE_PATH,
                tracking::router(tracking_credentials.clone(), world.tracking().clone()),
            )
            .nest(
                shipping::BASE_PATH,
                shipping::router(shipping_credentials.clone(), shipping_store.clone()),
            )
            .nest(
                delivery_options::BASE_PATH,
                delivery_options::router(
                    self.delivery_options_key,
                    self.delivery_options_catalogue.clone(),
                ),
            )
            .nest(mm_api::BASE_PATH, mm_api::router(mm_api.clone()))
            .nest(
                mm_api::services::DATA_BASE_PATH,
                mm_api::services::router(mm_api),
            )
            .merge(control::router(control.clone()))
            .merge(world::control::router(world.clone()))
            .fallback(server::not_found)
            .method_not_allowed_fallback(server::method_not_allowed)
            .layer(axum::middleware::from_fn_with_state(
                control.clone(),
                control::observe,
            ));
        // The MM-API's links carry its URLs: known once bound, set before anything is served.
        let index = control.index.clone();
        let server = Server::start(SocketAddr::new(self.host, self.port), app, |addr| {
            let addr = advertised(addr);
            let mut store = server::lock(&mm_api_store);
            store.set_base_url(format!("http://{addr}{}", mm_api::BASE_PATH));
            store.set_data_url(format!("http://{addr}{}", mm_api::services::DATA_BASE_PATH));
            index.set_base_url(format!("http://{addr}"));
        })
        .await?;
        let base_url = format!("http://{}", advertised(server.local_addr()));
        let tracking_url = format!("{base_url}{}", tracking::BASE_PATH);
        let shipping_url = format!("{base_url}{}", shipping::BASE_PATH);
        let delivery_options_url = format!("{base_url}{}", delivery_options::BASE_PATH);
        let mm_api_url = format!("{base_url}{}", mm_api::BASE_PATH);
        let mm_api_data_url = format!("{base_url}{}", mm_api::services::DATA_BASE_PATH);
        Ok(Sandbox {
            server,
            base_url,
            tracking_url,
            tracking_credentials,
            shipping_url,
            shipping_credentials,
            shipping: shipping_store,
            shipping_catalogue: self.shipping_catalogue,
            delivery_options_url,
            delivery_options_key: self.delivery_options_key.hyphenated().to_string(),
            delivery_options_catalogue: self.delivery_options_catalogue,
            mm_api_url,
            mm_api_data_url,
            mm_api_client_credentials,
            control,
            world,
        })
    }
}

/// The address the sandbox's URLs use for the bound `addr`: loopback in place of an
/// unspecified address (`0.0.0.0` is where one listens, not where one connects).
fn advertised(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(std::net::Ipv6Addr::LOCALHOST), addr.port())
        }
        _ => addr,
    }
}
