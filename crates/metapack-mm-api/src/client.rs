//! [`MmApiClient`]: the HTTP client of the MM-API, hand-written on `metapack-core`'s
//! [`Runtime`] (credentials, retries, timeouts, tracing, one token refresh after a 401).
//!
//! Every request names the configured [`ApiVersion`] in both `Content-Type` and `Accept`
//! (`application/vnd.metapack.mm.v0+json`). Request objects are checked with
//! [`Validate`] before they are sent (unless turned off), and anything the version lacks is
//! refused before sending with [`Error::InvalidRequest`]. Error answers become
//! [`Error::Api`]; their MM-API body (constraint violations, allocation errors) is read back
//! with [`MmApiError`].
//!
//! ```
//! use metapack_mm_api::client::MmApiClient;
//! use metapack_mm_api::ApiVersion;
//!
//! let client = MmApiClient::builder()
//!     .host("https://example.metapack.com")
//!     .static_token("my-token")
//!     .version(ApiVersion::V1_0)
//!     .build()?;
//! assert_eq!(client.version(), ApiVersion::V1_0);
//! assert!(!format!("{client:?}").contains("my-token"));
//! # Ok::<(), metapack_core::Error>(())
//! ```
//!
//! Retry safety: `POST /consignments` (allocation) and `POST /consignment-lists` create
//! resources and are never retried once they may have reached the server (unless a call opts
//! in through [`MmApiClient::with_call_settings`] and [`CallSettings::retry_unsafe`]); `GET`s and
//! `DELETE /consignments/<uuid>` are idempotent; the status `PATCH`es set a status to a
//! value, so repeating them changes nothing and they are marked retry-safe.

use std::fmt;

use metapack_core::response_limits::copy_bounded;
use metapack_core::{
    ApiError, CallSettings, Credentials, Error, ResponseLimits, RetryPolicy, Runtime, Secret,
    StaticToken, Timeouts, TokenProvider, TokenSource, decode_json,
};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use url::Url;
use uuid::Uuid;

use crate::auth::ClientCredentials;
use crate::errors::{AllocationError, ConstraintViolation, ErrorBody};
use crate::model::{
    AllocationParams, Consignment, ConsignmentList, ConsignmentListReference, ConsignmentStatus,
    ConsignmentStatusBatch, DocumentParams, LogisticsService, Shipment,
};
use crate::uri::{
    ConsignmentListUri, ConsignmentUri, DocumentUri, LogisticsServiceUri, ShipmentUri,
};
use crate::validation::{Validate, ValidationError};
use crate::values::{AcceptableConsignmentStatus, ConstraintCode};
use crate::version::{ApiVersion, Feature};

/// Where logistics services are published (no authentication).
pub const DEFAULT_DATA_HOST: &str = "https://data.metapack.net";

/// Operation ids, as they appear in traces.
pub mod operations {
    /// `GET /shipments/<uuid>`.
    pub const GET_SHIPMENT: &str = "getShipment";
    /// `POST /consignments`.
    pub const ALLOCATE: &str = "allocateShipment";
    /// `GET /consignments/<uuid>`.
    pub const GET_CONSIGNMENT: &str = "getConsignment";
    /// `DELETE /consignments/<uuid>`.
    pub const DELETE_CONSIGNMENT: &str = "deallocateConsignment";
    /// `PATCH /consignments/<uuid>`.
    pub const PATCH_CONSIGNMENT_STATUS: &str = "updateConsignmentStatus";
    /// `PATCH /consignments`.
    pub const PATCH_CONSIGNMENTS_STATUS: &str = "updateConsignmentStatuses";
    /// `POST /consignment-lists`.
    pub const CLOSE_CONSIGNMENT_LIST: &str = "closeConsignmentList";
    /// `GET /documents/**`.
    pub const GET_DOCUMENT: &str = "getDocument";
    /// `GET {data host}/logistics-services/<id>`.
    pub const GET_LOGISTICS_SERVICE: &str = "getLogisticsService";
}

/// The status PATCHes set a consignment's status to a given value: sending one twice leaves
/// the same state as sending it once, so they may be retried after being sent.
const RETRY_SAFE_OPERATIONS: &[&str] = &[
    operations::PATCH_CONSIGNMENT_STATUS,
    operations::PATCH_CONSIGNMENTS_STATUS,
];

/// Answers that are binary documents, read up to [`ResponseLimits::document`].
const DOCUMENT_OPERATIONS: &[&str] = &[operations::GET_DOCUMENT];

/// The default timeouts: connect 5 s; per attempt 20 s, above the server's longest
/// allocation time (about 11 s, [`crate::timeouts::COLLECTION_BY_URI`]) with headroom for
/// the network; overall 60 s.
pub fn default_timeouts() -> Timeouts {
    Timeouts::default()
        .with_per_attempt(crate::timeouts::COLLECTION_BY_URI + std::time::Duration::from_secs(9))
}

/// A shipment or consignment given by its UUID (a [`Uuid`] or a `&str`/`String` holding
/// one) or by its URI (typed, or as text starting with `http`).
///
/// The request always goes to the client's host with the identifier: a URI of another host
/// is refused with [`Error::InvalidRequest`] (the bearer token is never sent elsewhere, and a
/// foreign resource would only answer a misleading 404), and so is text that is neither a
/// UUID nor a URI of the resource.
///
/// ```
/// # async fn run(client: metapack_mm_api::MmApiClient) -> Result<(), metapack_mm_api::Error> {
/// let shipment = client.get_shipment("a21d3b08-8e5c-4a5e-9a5e-0d4f2b7c1e11").await?;
/// # Ok(()) }
/// ```
pub trait ResourceRef<U> {
    /// The identifier (path after the resource's segment), checked against `host`, the
    /// client's host.
    fn resource_id(&self, host: &Url) -> Result<String, Error>;
}

macro_rules! resource_ref {
    ($uri:ty, $name:literal) => {
        impl ResourceRef<$uri> for Uuid {
            fn resource_id(&self, _host: &Url) -> Result<String, Error> {
                Ok(self.hyphenated().to_string())
            }
        }
        impl ResourceRef<$uri> for $uri {
            fn resource_id(&self, host: &Url) -> Result<String, Error> {
                on_host($name, self.as_str(), host)?;
                self.id().map(str::to_owned).ok_or_else(|| {
                    Error::invalid_field($name, format!("not a {} URI: {}", $name, self.as_str()))
                })
            }
        }
        impl ResourceRef<$uri> for &$uri {
            fn resource_id(&self, host: &Url) -> Result<String, Error> {
                (*self).resource_id(host)
            }
        }
        impl ResourceRef<$uri> for &str {
            fn resource_id(&self, host: &Url) -> Result<String, Error> {
                let text = self.trim();
                if text.starts_with("http://") || text.starts_with("https://") {
                    return ResourceRef::<$uri>::resource_id(&<$uri>::new(text), host);
                }
                Uuid::parse_str(text)
                    .map(|id| id.hyphenated().to_string())
                    .map_err(|_| {
                        Error::invalid_field(
                            $name,
                            format!(
                                "{text:?} is neither a {} id (a UUID such as \
                                 7464dc6a-631d-47dc-8ac8-97726815204c) nor a {} URI",
                                $name, $name
                            ),
                        )
                    })
            }
        }
        impl ResourceRef<$uri> for String {
            fn resource_id(&self, host: &Url) -> Result<String, Error> {
                ResourceRef::<$uri>::resource_id(&self.as_str(), host)
            }
        }
        impl ResourceRef<$uri> for &String {
            fn resource_id(&self, host: &Url) -> Result<String, Error> {
                ResourceRef::<$uri>::resource_id(&self.as_str(), host)
            }
        }
    };
}
resource_ref!(ShipmentUri, "shipment");
resource_ref!(ConsignmentUri, "consignment");

/// Refuses `uri` (a resource of kind `what`) unless it lies under `host`: same scheme, host
/// and port, and a path inside the host's path.
pub(crate) fn on_host(what: &str, uri: &str, host: &Url) -> Result<(), Error> {
    let parsed = Url::parse(uri.trim())
        .map_err(|e| Error::invalid_field(what, format!("not a {what} URI ({e}): {uri}")))?;
    let root = host.path().trim_end_matches('/');
    let inside = parsed.origin() == host.origin()
        && parsed
            .path()
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with('/'));
    if inside {
        Ok(())
    } else {
        Err(Error::invalid_field(
            what,
            format!(
                "{uri} is not on this client's host {}: give its id, or use a client of \
                 the host that issued it",
                host.as_str().trim_end_matches('/')
            ),
        ))
    }
}

/// What to allocate with `POST /consignments`: a shipment object or the URI of an existing
/// shipment, plus the allocation parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct AllocationRequest {
    /// The shipment.
    pub shipment: ShipmentSource,
    /// Query parameters (`logisticsServiceCode`, `logisticsServiceURI`, ...).
    pub params: AllocationParams,
    /// Whether the caller expects return labels (`returnLogisticsUnitDocuments`), which only
    /// `v1.0` produces: refused before sending on older versions.
    pub return_labels: bool,
}

/// The payload of an allocation.
#[derive(Clone, Debug, PartialEq)]
pub enum ShipmentSource {
    /// The shipment object itself.
    Shipment(Box<Shipment>),
    /// The URI of a shipment the server already has; sent as a JSON string body.
    Uri(ShipmentUri),
}

impl AllocationRequest {
    /// Allocates `shipment`.
    pub fn shipment(shipment: Shipment) -> Self {
        Self {
            shipment: ShipmentSource::Shipment(Box::new(shipment)),
            params: AllocationParams::default(),
            return_labels: false,
        }
    }

    /// Allocates the existing shipment at `uri`.
    pub fn shipment_uri(uri: impl Into<ShipmentUri>) -> Self {
        Self {
            shipment: ShipmentSource::Uri(uri.into()),
            params: AllocationParams::default(),
            return_labels: false,
        }
    }

    /// Sets the allocation parameters.
    #[must_use]
    pub fn with_params(mut self, params: AllocationParams) -> Self {
        self.params = params;
        self
    }

    /// Asks for return labels (needs `v1.0`).
    #[must_use]
    pub fn with_return_labels(mut self, return_labels: bool) -> Self {
        self.return_labels = return_labels;
        self
    }
}

/// A created consignment: the `201` body and its `Location`.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    /// The consignment.
    pub consignment: Consignment,
    /// Its URI (`Location`, else the body's `@id`).
    pub uri: ConsignmentUri,
}

/// A closed consignment list: the `201` body and its `Location`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClosedConsignmentList {
    /// The list reference.
    pub reference: ConsignmentListReference,
    /// Its URI (`Location`, else the body's `@id`).
    pub uri: ConsignmentListUri,
}

/// The outcome of a batch status update (`PATCH /consignments`).
#[derive(Clone, Debug, PartialEq)]
pub enum BatchStatusOutcome {
    /// `200`: every consignment was updated.
    AllUpdated,
    /// `207 Multi-Status`: some, but not all, were updated. To learn which, use
    /// [`MmApiClient::patch_consignments_status_resolved`], which sets each listed
    /// consignment's status on its own after a `207` (see [`crate::batch`]).
    PartiallyUpdated {
        /// The consignments the server reports as updated, when its body names them (a JSON
        /// array of URIs, or an object with a `consignments` array); `None` when the body
        /// does not say (the reference documents no body).
        updated: Option<Vec<ConsignmentUri>>,
        /// The raw body, if JSON.
        body: Option<serde_json::Value>,
    },
}

/// A fetched document (label, paperwork).
#[derive(Clone, PartialEq, Eq)]
pub struct DocumentContent {
    /// The document's bytes.
    pub bytes: Vec<u8>,
    /// The response's `Content-Type`, if any.
    pub media_type: Option<String>,
}

impl fmt::Debug for DocumentContent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentContent")
            .field("len", &self.bytes.len())
            .field("media_type", &self.media_type)
            .finish()
    }
}

/// A document streamed by [`MmApiClient::download_document_to`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocumentDownload {
    /// Bytes written.
    pub len: u64,
    /// The response's `Content-Type`, if any.
    pub media_type: Option<String>,
}

/// The `Content-Type` of an answer.
fn media_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Reads the MM-API error body out of an [`Error`].
///
/// Server answers ([`Error::Api`]) carry it in [`ApiError::details`]; requests refused by
/// client-side validation ([`Error::InvalidRequest`]) carry the same violations in their
/// `details`.
pub struct MmApiError;

impl MmApiError {
    /// The error body of an API error, if it has the MM-API shape.
    pub fn body(err: &Error) -> Option<ErrorBody> {
        err.api().and_then(ErrorBody::from_api_error)
    }

    /// The constraint violations: from the server's body, or from client-side validation.
    pub fn violations(err: &Error) -> Vec<ConstraintViolation> {
        match err {
            Error::Api(api) => ErrorBody::from_api_error(api)
                .map(|b| b.constraint_violations)
                .unwrap_or_default(),
            Error::InvalidRequest { details, .. } => Vec::deserialize(details).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// The allocation errors of the server's body.
    pub fn allocation_errors(err: &Error) -> Vec<AllocationError> {
        Self::body(err)
            .map(|b| b.allocation_errors)
            .unwrap_or_default()
    }
}

/// An [`Error::InvalidRequest`] carrying `violations` (read them back with
/// [`MmApiError::violations`]).
pub fn validation_error(violations: &[ConstraintViolation]) -> Error {
    ValidationError {
        violations: violations.to_vec(),
    }
    .into()
}

/// The refusal of a builder without a host: each MetaPack Manager customer has its own, so there
/// is no default to fall back on (as aws-sdk-rust refuses a client without a region).
const MISSING_HOST: &str = "the MM-API host is required: call .host(\"https://<your MetaPack \
     Manager host>\") (each customer has its own; there is no default), or, for the local \
     metapack-sandbox emulator, .host(sandbox.mm_api().url()).data_host(sandbox.mm_api().data_url())";

/// Configures an [`MmApiClient`]; see [`MmApiClient::builder`].
#[must_use]
pub struct MmApiClientBuilder {
    host: Option<String>,
    /// `None` until chosen: the default then depends on the host (see `build`).
    data_host: Option<String>,
    credentials: Option<Credentials>,
    /// Client credentials, turned into a token provider at build with this builder's
    /// retry policy, timeouts and User-Agent suffix.
    client_credentials: Option<ClientCredentials>,
    version: ApiVersion,
    validation: bool,
    retry: RetryPolicy,
    timeouts: Timeouts,
    user_agent_suffix: Option<String>,
    http_client: Option<reqwest::Client>,
    limits: ResponseLimits,
}

impl Default for MmApiClientBuilder {
    fn default() -> Self {
        Self {
            host: None,
            data_host: None,
            credentials: None,
            client_credentials: None,
            version: ApiVersion::default(),
            validation: true,
            retry: RetryPolicy::default(),
            timeouts: default_timeouts(),
            user_agent_suffix: None,
            http_client: None,
            limits: ResponseLimits::default(),
        }
    }
}

impl fmt::Debug for MmApiClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Hosts are not checked yet: print them without any user info they may carry.
        f.debug_struct("MmApiClientBuilder")
            .field("host", &self.host.as_deref().map(without_user_info))
            .field(
                "data_host",
                &self.data_host.as_deref().map(without_user_info),
            )
            .field("credentials", &self.credentials)
            .field("client_credentials", &self.client_credentials)
            .field("version", &self.version)
            .field("validation", &self.validation)
            .finish_non_exhaustive()
    }
}

impl MmApiClientBuilder {
    /// The customer's MM-API host (required): `https://...`, or `http://` on loopback.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    /// The host serving logistics services
    /// ([`get_logistics_service`](MmApiClient::get_logistics_service)).
    ///
    /// Without it, a client of a Metapack host (`https://<name>.metapack.com`) reads them from
    /// [`DEFAULT_DATA_HOST`]; any other host (an emulator, a proxy, a mock) must choose:
    /// `.data_host(..)`, or [`data_host_default`](Self::data_host_default) to read Metapack's
    /// real data host on purpose. [`build`](Self::build) refuses the client otherwise.
    pub fn data_host(mut self, data_host: impl Into<String>) -> Self {
        self.data_host = Some(data_host.into());
        self
    }

    /// Reads logistics services from Metapack's [`DEFAULT_DATA_HOST`] whatever the host.
    pub fn data_host_default(self) -> Self {
        self.data_host(DEFAULT_DATA_HOST)
    }

    /// Bearer tokens from the OAuth2 client-credentials grant (cached and refreshed). Unless
    /// the credentials name a token URL ([`ClientCredentials::with_token_url`]), tokens are
    /// asked for at `{host}/auth` of this builder's [`host`](Self::host). The token requests
    /// use this builder's retry policy, timeouts and User-Agent suffix, and count against the
    /// overall timeout of the call that needs the token. Concurrent calls share one token
    /// request, and a refused token request (e.g. 401 for a wrong secret) is remembered for
    /// a few seconds; see [`TokenProvider`] and the credentials'
    /// [`with_refresh_margin`](ClientCredentials::with_refresh_margin) and
    /// [`with_refusal_memory`](ClientCredentials::with_refusal_memory).
    ///
    /// ```
    /// use metapack_mm_api::{ClientCredentials, MmApiClient};
    ///
    /// let client = MmApiClient::builder()
    ///     .host("https://example.metapack.com")
    ///     .client_credentials(ClientCredentials::new("my-client", "s3cret"))
    ///     .build()?;
    /// # Ok::<(), metapack_mm_api::Error>(())
    /// ```
    pub fn client_credentials(mut self, credentials: ClientCredentials) -> Self {
        self.client_credentials = Some(credentials);
        self.credentials = None;
        self
    }

    /// A fixed bearer token.
    pub fn static_token(self, token: impl Into<Secret>) -> Self {
        self.token_provider(TokenProvider::new(StaticToken::new(token)))
    }

    /// Bearer tokens from any source.
    pub fn token_source(self, source: impl TokenSource) -> Self {
        self.token_provider(TokenProvider::new(source))
    }

    /// Bearer tokens from `provider` (e.g. with a custom refresh margin).
    pub fn token_provider(mut self, provider: TokenProvider) -> Self {
        self.credentials = Some(Credentials::bearer(provider));
        self.client_credentials = None;
        self
    }

    /// The API version every request asks for (default `v0`).
    pub fn version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// Client-side validation before sending (default on).
    pub fn validation(mut self, enabled: bool) -> Self {
        self.validation = enabled;
        self
    }

    /// Retry policy.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Timeouts (default [`default_timeouts`]).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The largest answers read ([`ResponseLimits::default`] unless given): JSON answers, and
    /// documents ([`get_document`](MmApiClient::get_document) and
    /// [`download_document_to`](MmApiClient::download_document_to)). A larger one fails with
    /// [`Error::BodyTooLarge`].
    pub fn response_limits(mut self, limits: ResponseLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Appended to the `User-Agent`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Sends every request (API, logistics services and, with
    /// [`client_credentials`](Self::client_credentials), token requests) through your own
    /// `reqwest::Client`: proxies, custom root certificates. Retries, timeouts, credentials and
    /// the `User-Agent` still apply per request. Start from
    /// `metapack_core::tls::http_client_builder()` to keep the default TLS configuration.
    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.http_client = Some(http_client);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<MmApiClient, Error> {
        let host = self
            .host
            .as_deref()
            .ok_or_else(|| Error::invalid_field("host", MISSING_HOST))?;
        let host = parse_host("host", host)?;
        let data_host = match &self.data_host {
            Some(data_host) => parse_host("data_host", data_host)?,
            None if is_metapack_host(&host) => parse_host("data_host", DEFAULT_DATA_HOST)?,
            None => {
                return Err(Error::invalid_field(
                    "data_host",
                    format!(
                        "{} is not a Metapack host: name the host of its logistics services \
                         with .data_host(..), or choose Metapack's real {DEFAULT_DATA_HOST} \
                         with .data_host_default()",
                        host.as_str().trim_end_matches('/')
                    ),
                ));
            }
        };
        let credentials = match self.client_credentials {
            Some(client) => Some(Credentials::bearer(
                client
                    .with_host(&host)
                    .configured(
                        &self.retry,
                        &self.timeouts,
                        self.user_agent_suffix.as_deref(),
                        self.http_client.clone(),
                    )?
                    .into_provider(),
            )),
            None => self.credentials,
        };
        let credentials = credentials.ok_or_else(|| {
            Error::invalid_field(
                "credentials",
                "credentials are required (client credentials or a bearer token)",
            )
        })?;
        let make_runtime = |credentials: Credentials| {
            let mut builder = Runtime::builder(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"))
                .credentials(credentials)
                .retry_policy(self.retry.clone())
                .timeouts(self.timeouts.clone())
                .retry_safe_operations(RETRY_SAFE_OPERATIONS)
                .response_limits(self.limits)
                .document_operations(DOCUMENT_OPERATIONS);
            if let Some(suffix) = &self.user_agent_suffix {
                builder = builder.user_agent_suffix(suffix.clone());
            }
            if let Some(http) = &self.http_client {
                builder = builder.http_client(http.clone());
            }
            builder.build()
        };
        let (runtime, http) = make_runtime(credentials)?;
        // Logistics services are public: the data host never sees the bearer token.
        // Same connection pool, another runtime (no credentials).
        let (data_runtime, _) = make_runtime(Credentials::None)?;
        Ok(MmApiClient {
            host,
            data_host,
            version: self.version,
            validation: self.validation,
            runtime,
            http,
            data_runtime,
        })
    }
}

/// The MM-API client. Cheap to clone.
#[derive(Clone)]
pub struct MmApiClient {
    host: Url,
    data_host: Url,
    version: ApiVersion,
    validation: bool,
    runtime: Runtime,
    http: reqwest::Client,
    data_runtime: Runtime,
}

impl fmt::Debug for MmApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MmApiClient")
            .field("host", &self.host.as_str())
            .field("data_host", &self.data_host.as_str())
            .field("version", &self.version)
            .field("validation", &self.validation)
            .field("runtime", &self.runtime)
            .finish_non_exhaustive()
    }
}

enum Body {
    None,
    Json(Vec<u8>),
}

impl MmApiClient {
    /// A builder; [`host`](MmApiClientBuilder::host) and credentials are required.
    pub fn builder() -> MmApiClientBuilder {
        MmApiClientBuilder::default()
    }

    /// The configured API version.
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// The MM-API host.
    pub fn host(&self) -> &Url {
        &self.host
    }

    /// The logistics-services host.
    pub fn data_host(&self) -> &Url {
        &self.data_host
    }

    /// Whether client-side validation is on.
    pub fn validation(&self) -> bool {
        self.validation
    }

    /// The runtime (retry policy, timeouts, user agent).
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// A clone of this client whose calls use `settings`: their own timeouts, retry policy or
    /// opt-in to retrying an allocation, in the spirit of aws-sdk-rust's `customize()`. The
    /// clone shares the connection pool, the token cache and the retry budget; it is as cheap
    /// as any clone. The settings apply to calls to the logistics-services host too.
    ///
    /// ```
    /// use metapack_mm_api::{CallSettings, MmApiClient, RetryPolicy};
    ///
    /// let client = MmApiClient::builder()
    ///     .host("https://mm.example.com/")
    ///     .data_host_default()
    ///     .static_token("token")
    ///     .build()?;
    /// let once = client.with_call_settings(CallSettings::new().retry_policy(RetryPolicy::disabled()));
    /// assert_eq!(once.runtime().retry_policy().max_attempts(), 1);
    /// assert_eq!(client.runtime().retry_policy().max_attempts(), 3);
    /// # Ok::<(), metapack_mm_api::Error>(())
    /// ```
    #[must_use]
    pub fn with_call_settings(&self, settings: CallSettings) -> Self {
        Self {
            runtime: self.runtime.with_call_settings(settings.clone()),
            data_runtime: self.data_runtime.with_call_settings(settings),
            ..self.clone()
        }
    }

    /// `GET /shipments/<uuid>`.
    pub async fn get_shipment(
        &self,
        shipment: impl ResourceRef<ShipmentUri>,
    ) -> Result<Shipment, Error> {
        self.require(Feature::GetShipment)?;
        let url = self.url(&[ShipmentUri::SEGMENT, &shipment.resource_id(&self.host)?])?;
        let (status, headers, body) = self
            .send(Method::GET, url, Body::None, operations::GET_SHIPMENT)
            .await?;
        ok_json(status, &headers, &body)
    }

    /// `POST /consignments`: allocates a shipment (object or URI) and answers the created
    /// consignment with its URI. Never retried once sent.
    pub async fn allocate(&self, request: &AllocationRequest) -> Result<Allocation, Error> {
        self.require(Feature::AllocateShipment)?;
        if request.return_labels {
            self.require(Feature::ReturnLabels)?;
        }
        let p = &request.params;
        self.check_params(p)?;
        let body = match &request.shipment {
            ShipmentSource::Shipment(shipment) => {
                self.check(shipment.as_ref())?;
                json_body(shipment.as_ref())?
            }
            ShipmentSource::Uri(uri) => {
                on_host("shipment", uri.as_str(), &self.host)?;
                if uri.id().is_none() {
                    return Err(Error::invalid_field(
                        "shipment",
                        format!("not a shipment URI: {}", uri.as_str()),
                    ));
                }
                json_body(uri)?
            }
        };
        let mut url = self.url(&["consignments"])?;
        let pairs = p.query_pairs();
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        let (status, headers, body) = self
            .send(Method::POST, url, body, operations::ALLOCATE)
            .await?;
        let consignment: Consignment = ok_json(status, &headers, &body)?;
        let uri = location(&headers)
            .map(ConsignmentUri::new)
            .or_else(|| consignment.id.clone())
            .ok_or_else(|| missing_location("consignment"))?;
        Ok(Allocation { consignment, uri })
    }

    /// `GET /consignments/<uuid>`.
    pub async fn get_consignment(
        &self,
        consignment: impl ResourceRef<ConsignmentUri>,
    ) -> Result<Consignment, Error> {
        self.require(Feature::GetConsignment)?;
        let url = self.url(&[
            ConsignmentUri::SEGMENT,
            &consignment.resource_id(&self.host)?,
        ])?;
        let (status, headers, body) = self
            .send(Method::GET, url, Body::None, operations::GET_CONSIGNMENT)
            .await?;
        ok_json(status, &headers, &body)
    }

    /// `DELETE /consignments/<uuid>`: deallocates the consignment (and deletes its
    /// shipment); `204 No Content`.
    pub async fn delete_consignment(
        &self,
        consignment: impl ResourceRef<ConsignmentUri>,
    ) -> Result<(), Error> {
        self.require(Feature::DeallocateConsignment)?;
        let url = self.url(&[
            ConsignmentUri::SEGMENT,
            &consignment.resource_id(&self.host)?,
        ])?;
        let (status, headers, body) = self
            .send(
                Method::DELETE,
                url,
                Body::None,
                operations::DELETE_CONSIGNMENT,
            )
            .await?;
        ok_empty(status, &headers, &body)
    }

    /// `PATCH /consignments/<uuid>`: sets one consignment's status (`200`).
    pub async fn patch_consignment_status(
        &self,
        consignment: impl ResourceRef<ConsignmentUri>,
        status: AcceptableConsignmentStatus,
    ) -> Result<(), Error> {
        self.require(Feature::UpdateConsignmentStatus)?;
        let payload = ConsignmentStatus::new(status);
        self.check(&payload)?;
        let url = self.url(&[
            ConsignmentUri::SEGMENT,
            &consignment.resource_id(&self.host)?,
        ])?;
        let (status, headers, body) = self
            .send(
                Method::PATCH,
                url,
                json_body(&payload)?,
                operations::PATCH_CONSIGNMENT_STATUS,
            )
            .await?;
        ok_empty(status, &headers, &body)
    }

    /// `PATCH /consignments`: sets the status of several consignments; `200` when all were
    /// updated, `207` when only some were (the API does not say which:
    /// [`patch_consignments_status_resolved`](Self::patch_consignments_status_resolved)
    /// finds out).
    pub async fn patch_consignments_status(
        &self,
        consignments: Vec<ConsignmentUri>,
        status: AcceptableConsignmentStatus,
    ) -> Result<BatchStatusOutcome, Error> {
        self.require(Feature::UpdateConsignmentStatuses)?;
        let payload = ConsignmentStatusBatch::new(status, consignments);
        self.check(&payload)?;
        let url = self.url(&["consignments"])?;
        let (status, headers, body) = self
            .send(
                Method::PATCH,
                url,
                json_body(&payload)?,
                operations::PATCH_CONSIGNMENTS_STATUS,
            )
            .await?;
        match status.as_u16() {
            207 => {
                let value: Option<serde_json::Value> = serde_json::from_slice(&body).ok();
                let updated = value.as_ref().and_then(|v| {
                    let list = v.as_array().or_else(|| v.get("consignments")?.as_array())?;
                    Some(
                        list.iter()
                            .filter_map(|u| u.as_str().map(ConsignmentUri::new))
                            .collect(),
                    )
                });
                Ok(BatchStatusOutcome::PartiallyUpdated {
                    updated,
                    body: value,
                })
            }
            _ => ok_empty(status, &headers, &body).map(|()| BatchStatusOutcome::AllUpdated),
        }
    }

    /// `POST /consignment-lists`: closes a consignment list (`201` with `Location`). Not
    /// retried once sent.
    pub async fn close_consignment_list(
        &self,
        list: &ConsignmentList,
    ) -> Result<ClosedConsignmentList, Error> {
        self.require(Feature::CloseConsignmentList)?;
        self.check(list)?;
        let url = self.url(&[ConsignmentListUri::SEGMENT])?;
        let (status, headers, body) = self
            .send(
                Method::POST,
                url,
                json_body(list)?,
                operations::CLOSE_CONSIGNMENT_LIST,
            )
            .await?;
        let reference: ConsignmentListReference = ok_json(status, &headers, &body)?;
        let uri = location(&headers)
            .map(ConsignmentListUri::new)
            .or_else(|| reference.id.clone())
            .ok_or_else(|| missing_location("consignment list"))?;
        Ok(ClosedConsignmentList { reference, uri })
    }

    /// `GET /documents/**`: a label or other document, read into memory (up to
    /// [`ResponseLimits::document`]; [`download_document_to`](Self::download_document_to)
    /// streams it instead). Formats and resolutions the API does not support yet (`PCL`,
    /// `600` dpi) are refused before sending, whatever the validation setting.
    pub async fn get_document(
        &self,
        document: &DocumentUri,
        params: &DocumentParams,
    ) -> Result<DocumentContent, Error> {
        let url = self.document_url(document, params)?;
        let (status, headers, body) = self
            .send(Method::GET, url, Body::None, operations::GET_DOCUMENT)
            .await?;
        if !status.is_success() {
            return Err(api_error(status, &headers, &body));
        }
        Ok(DocumentContent {
            bytes: body,
            media_type: media_type(&headers),
        })
    }

    /// `GET /documents/**`, streamed to `writer` chunk by chunk without holding the document
    /// in memory, at most [`ResponseLimits::document`] bytes (beyond it the download stops
    /// with [`Error::BodyTooLarge`]; what was written stays written). The request is retried
    /// like [`get_document`](Self::get_document)'s until an answer arrives; a body that breaks
    /// off while streaming fails the call and is not retried (the writer already holds part
    /// of it).
    ///
    /// ```
    /// # async fn run(client: metapack_mm_api::MmApiClient, uri: metapack_mm_api::uri::DocumentUri)
    /// # -> Result<(), metapack_mm_api::Error> {
    /// use metapack_mm_api::model::DocumentParams;
    ///
    /// let mut label = Vec::new();
    /// let download = client
    ///     .download_document_to(&uri, &DocumentParams::default(), &mut label)
    ///     .await?;
    /// assert_eq!(download.len, label.len() as u64);
    /// # Ok(()) }
    /// ```
    pub async fn download_document_to<W>(
        &self,
        document: &DocumentUri,
        params: &DocumentParams,
        writer: &mut W,
    ) -> Result<DocumentDownload, Error>
    where
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
    {
        let url = self.document_url(document, params)?;
        let mut request = self.request(Method::GET, url, Body::None)?;
        self.runtime.authorize(&mut request).await?;
        let mut response = self
            .runtime
            .execute_streamed(&self.http, request, operations::GET_DOCUMENT)
            .await?;
        let status = response.status();
        if !status.is_success() {
            let headers = std::mem::take(response.headers_mut());
            let body = response.bytes().await?;
            return Err(api_error(status, &headers, &body));
        }
        let media_type = media_type(response.headers());
        let limit = self.runtime.response_limits().document();
        let len = copy_bounded(response, writer, limit).await?;
        Ok(DocumentDownload { len, media_type })
    }

    /// [`download_document_to`](Self::download_document_to) a file at `path` (created, or
    /// replaced). A failed download removes the partial file.
    pub async fn download_document_to_path(
        &self,
        document: &DocumentUri,
        params: &DocumentParams,
        path: impl AsRef<std::path::Path>,
    ) -> Result<DocumentDownload, Error> {
        let path = path.as_ref();
        let mut file = tokio::fs::File::create(path).await.map_err(|e| {
            Error::invalid_field("path", format!("cannot create {}: {e}", path.display()))
        })?;
        let result = self.download_document_to(document, params, &mut file).await;
        if result.is_err() {
            drop(file);
            // Best effort: the download's error is what the caller needs to see.
            let _ = tokio::fs::remove_file(path).await;
        }
        result
    }

    /// The URL of `document` with `params`, checked.
    fn document_url(&self, document: &DocumentUri, params: &DocumentParams) -> Result<Url, Error> {
        self.require(Feature::GetDocument)?;
        self.check_params(params)?;
        on_host("document", document.as_str(), &self.host)?;
        let id = document.id().ok_or_else(|| {
            Error::invalid_field(
                "document",
                format!("not a document URI: {}", document.as_str()),
            )
        })?;
        let mut url = self.url(&[DocumentUri::SEGMENT])?;
        {
            let mut segments = url
                .path_segments_mut()
                .map_err(|()| Error::invalid_field("host", "host cannot be a base URL"))?;
            segments.extend(id.split('/'));
        }
        let pairs = params.query_pairs();
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        Ok(url)
    }

    /// `GET {data host}/logistics-services/<id>`, without authentication.
    pub async fn get_logistics_service(&self, id: &str) -> Result<LogisticsService, Error> {
        if id.trim().is_empty() {
            return Err(Error::invalid_field("id", "logistics service id is empty"));
        }
        let mut url = self.data_host.clone();
        {
            let mut segments = url.path_segments_mut().map_err(|()| {
                Error::invalid_field("data_host", "data host cannot be a base URL")
            })?;
            segments
                .pop_if_empty()
                .push(LogisticsServiceUri::SEGMENT)
                .push(id);
        }
        let request = self.request(Method::GET, url, Body::None)?;
        let (status, headers, body) = execute(
            &self.data_runtime,
            &self.http,
            request,
            operations::GET_LOGISTICS_SERVICE,
        )
        .await?;
        ok_json(status, &headers, &body)
    }

    fn require(&self, feature: Feature) -> Result<(), Error> {
        self.version
            .require(feature)
            .map_err(|e| Error::invalid_request(e.to_string()))
    }

    fn check<T: Validate>(&self, value: &T) -> Result<(), Error> {
        if self.validation {
            value.ensure_valid(self.version)?;
        }
        Ok(())
    }

    /// Query parameters: what the configured version lacks and values not supported yet
    /// (`SupportedValue`) are refused even with validation off; the rest only with it on.
    fn check_params<T: Validate>(&self, params: &T) -> Result<(), Error> {
        let mut violations = params.validate(self.version);
        if !self.validation {
            violations.retain(|v| v.code == ConstraintCode::SupportedValue);
        }
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations }.into())
        }
    }

    fn url(&self, segments: &[&str]) -> Result<Url, Error> {
        let mut url = self.host.clone();
        {
            let mut path = url
                .path_segments_mut()
                .map_err(|()| Error::invalid_field("host", "host cannot be a base URL"))?;
            path.pop_if_empty().extend(segments);
        }
        Ok(url)
    }

    fn request(&self, method: Method, url: Url, body: Body) -> Result<reqwest::Request, Error> {
        let media = HeaderValue::from_static(self.version.content_type());
        let mut request = reqwest::Request::new(method, url);
        request.headers_mut().insert(CONTENT_TYPE, media.clone());
        request.headers_mut().insert(ACCEPT, media);
        if let Body::Json(bytes) = body {
            *request.body_mut() = Some(bytes.into());
        }
        Ok(request)
    }

    async fn send(
        &self,
        method: Method,
        url: Url,
        body: Body,
        operation: &'static str,
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>), Error> {
        // The runtime adds the bearer token, within the call's overall timeout.
        let request = self.request(method, url, body)?;
        execute(&self.runtime, &self.http, request, operation).await
    }
}

/// Sends `request` through `runtime` and reads the whole answer.
pub(crate) async fn execute(
    runtime: &Runtime,
    http: &reqwest::Client,
    request: reqwest::Request,
    operation: &'static str,
) -> Result<(StatusCode, HeaderMap, Vec<u8>), Error> {
    let mut response = runtime.execute(http, request, operation).await?;
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let body = response.bytes().await?;
    Ok((status, headers, body.into()))
}

fn json_body<T: Serialize + ?Sized>(value: &T) -> Result<Body, Error> {
    serde_json::to_vec(value)
        .map(Body::Json)
        .map_err(|e| Error::invalid_request(format!("could not serialize the request: {e}")))
}

/// The [`Error::Api`] of an error answer. MM-API bodies have no `systemMessage`: the
/// [summary](ErrorBody::summary) of their constraint violations and allocation errors takes
/// its place, so that the error's one line says what was wrong.
pub(crate) fn api_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    let mut error = ApiError::from_parts(status.as_u16(), headers, body);
    if error.system_message.is_none() {
        error.system_message = ErrorBody::from_api_error(&error).and_then(|b| b.summary());
    }
    Error::Api(Box::new(error))
}

fn ok_json<T: DeserializeOwned>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, Error> {
    if status.is_success() {
        decode_json(body)
    } else {
        Err(api_error(status, headers, body))
    }
}

fn ok_empty(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<(), Error> {
    if status.is_success() {
        Ok(())
    } else {
        Err(api_error(status, headers, body))
    }
}

fn location(headers: &HeaderMap) -> Option<String> {
    headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn missing_location(what: &str) -> Error {
    Error::Decode {
        path: "Location".to_owned(),
        message: format!("the created {what} has neither a Location header nor an @id"),
        body_snippet: String::new(),
    }
}

/// Whether `host` is one of Metapack's (`https://<name>.metapack.com`), whose logistics
/// services are on [`DEFAULT_DATA_HOST`].
fn is_metapack_host(host: &Url) -> bool {
    host.scheme() == "https"
        && host
            .host_str()
            .is_some_and(|name| name.to_ascii_lowercase().ends_with(".metapack.com"))
}

/// `value` without any `user:password@` part, for Debug output of unchecked hosts.
fn without_user_info(value: &str) -> String {
    if !value.contains('@') {
        return value.to_owned();
    }
    let redacted = || "<redacted: may hold user info>".to_owned();
    let Ok(mut url) = Url::parse(value.trim()) else {
        return redacted();
    };
    if url.set_username("").is_ok() && url.set_password(None).is_ok() {
        url.to_string()
    } else {
        redacted()
    }
}

/// Parses a host with core's base-URL rules (`https`, or `http` on loopback; no user info,
/// query or fragment), naming `field` in the error.
pub(crate) fn parse_host(field: &str, value: &str) -> Result<Url, Error> {
    let url = Url::parse(value.trim())
        .map_err(|e| Error::invalid_field(field, format!("not a URL ({e})")))?;
    metapack_core::environment::validate(&url).map_err(|e| match e {
        Error::InvalidRequest { message, .. } => Error::invalid_field(field, message),
        other => other,
    })?;
    Ok(url)
}
