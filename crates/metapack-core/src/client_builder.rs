//! The builder every API client shares: credentials, environment, retries, timeouts and
//! User-Agent, checked once at `build()`.

use std::fmt;
use std::marker::PhantomData;

use crate::{Credentials, Environment, Error, RetryPolicy, Runtime, RuntimeBuilder, Timeouts};

/// What an API crate tells the shared builder about its API.
pub trait ApiClient: Sized {
    /// The crate name, used in the User-Agent and in tracing spans (e.g. `metapack-tracking`).
    const CRATE_NAME: &'static str;
    /// The crate version, used in the User-Agent.
    const CRATE_VERSION: &'static str;
    /// Base URL of Metapack's sandbox for this API.
    const SANDBOX_URL: &'static str;
    /// Base URL of Metapack's production for this API.
    const PRODUCTION_URL: &'static str;
    /// Operation ids that are idempotent by the API's own semantics, so they may be retried
    /// after the request was sent, like a PUT. Each crate says why next to its list.
    const RETRY_SAFE_OPERATIONS: &'static [&'static str] = &[];
    /// Operation ids whose HTTP method is idempotent (PUT, DELETE) but whose effect is not, so
    /// they are not retried once sent, like a POST. Each crate says why next to its list.
    const UNSAFE_OPERATIONS: &'static [&'static str] = &[];

    /// Checks that the credentials are of a kind this API accepts.
    fn check_credentials(credentials: &Credentials) -> Result<(), Error>;

    /// Assembles the client from a validated configuration.
    fn from_parts(base_url: &str, http: reqwest::Client, runtime: Runtime) -> Self;
}

/// Configures and builds an API client (`TrackingClient::builder()` and the like).
#[must_use]
pub struct ClientBuilder<C> {
    runtime: RuntimeBuilder,
    environment: Environment,
    api: PhantomData<fn() -> C>,
}

impl<C: ApiClient> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self {
            runtime: Runtime::builder(C::CRATE_NAME, C::CRATE_VERSION)
                .retry_safe_operations(C::RETRY_SAFE_OPERATIONS)
                .unsafe_operations(C::UNSAFE_OPERATIONS),
            environment: Environment::Sandbox,
            api: PhantomData,
        }
    }
}

impl<C: ApiClient> ClientBuilder<C> {
    /// A builder with the defaults: Metapack's sandbox, the default retry policy and timeouts.
    pub fn new() -> Self {
        Self::default()
    }

    /// The credentials to authenticate with (required).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.runtime = self.runtime.credentials(credentials);
        self
    }

    /// Where to send requests: Metapack's sandbox (the default), production, or a custom URL
    /// such as a platform-stack host or a local `metapack-sandbox`.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = environment;
        self
    }

    /// The retry policy; [`RetryPolicy::disabled`] turns retries off.
    pub fn retry_policy(mut self, retry_policy: RetryPolicy) -> Self {
        self.runtime = self.runtime.retry_policy(retry_policy);
        self
    }

    /// Connect, per-attempt and overall timeouts.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.runtime = self.runtime.timeouts(timeouts);
        self
    }

    /// Text appended to the User-Agent, e.g. your application's name and version.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.runtime = self.runtime.user_agent_suffix(suffix);
        self
    }

    /// Sends requests through your own `reqwest::Client` (proxies, custom root certificates)
    /// instead of one built with [`crate::tls::client_config`]. Retries, timeouts,
    /// credentials and the `User-Agent` still apply per request.
    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.runtime = self.runtime.http_client(http_client);
        self
    }

    /// Validates the configuration and builds the client.
    ///
    /// Fails with [`Error::InvalidRequest`] when credentials are missing or of the wrong kind,
    /// or when the environment's URL is not acceptable.
    pub fn build(self) -> Result<C, Error> {
        if matches!(self.runtime.credentials, Credentials::None) {
            return Err(Error::invalid_request(format!(
                "{} needs credentials: call .credentials(Credentials::...) on the builder",
                C::CRATE_NAME
            )));
        }
        // The Basic username's `:` is refused by RuntimeBuilder::build, for every runtime.
        C::check_credentials(&self.runtime.credentials)?;
        let base_url = self
            .environment
            .base_url_str(C::SANDBOX_URL, C::PRODUCTION_URL)?;
        let (runtime, http) = self.runtime.build()?;
        Ok(C::from_parts(&base_url, http, runtime))
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("runtime", &self.runtime)
            .field("environment", &self.environment)
            .finish()
    }
}
