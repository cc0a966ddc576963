//! [`MmApiClientBuilder`]: the configuration of an [`MmApiClient`], checked by
//! [`build`](MmApiClientBuilder::build), and the client's defaults.

use std::fmt;

use metapack_core::{
    Credentials, Error, ResponseLimits, RetryPolicy, Runtime, Secret, StaticToken, Timeouts,
    TokenProvider, TokenSource,
};
use url::Url;

use super::mm_api_client::MmApiClient;
use super::operations::{DOCUMENT_OPERATIONS, RETRY_SAFE_OPERATIONS};
use crate::auth::ClientCredentials;
use crate::transport::parse_host;
use crate::version::ApiVersion;

/// Where logistics services are published (no authentication).
pub const DEFAULT_DATA_HOST: &str = "https://data.metapack.net";

/// The default timeouts: connect 5 s; per attempt 20 s, above the server's longest
/// allocation time (about 11 s, [`crate::timeouts::COLLECTION_BY_URI`]) with headroom for
/// the network; overall 60 s.
pub fn default_timeouts() -> Timeouts {
    Timeouts::default()
        .with_per_attempt(crate::timeouts::COLLECTION_BY_URI + std::time::Duration::from_secs(9))
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

impl MmApiClient {
    /// A builder; [`host`](MmApiClientBuilder::host) and credentials are required.
    pub fn builder() -> MmApiClientBuilder {
        MmApiClientBuilder::default()
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
