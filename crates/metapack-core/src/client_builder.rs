//! The builder every API client shares: credentials, environment, retries, timeouts and
//! User-Agent, checked once at `build()`.

use std::fmt;
use std::marker::PhantomData;

use crate::{
    Credentials, Environment, Error, ResponseLimits, RetryPolicy, Runtime, RuntimeBuilder, Timeouts,
};

/// What an API crate tells the shared builder about its API. The generated crates' impls are
/// written by `cargo xtask codegen` (`generated_client.rs`).
pub trait ApiClient: Sized {
    /// The crate name, used in the User-Agent and in tracing spans (e.g. `metapack-tracking`).
    const CRATE_NAME: &'static str;
    /// The crate version, used in the User-Agent.
    const CRATE_VERSION: &'static str;
    /// Base URL of Metapack's hosted sandbox for this API ([`Environment::MetapackSandbox`]).
    const METAPACK_SANDBOX_URL: &'static str;
    /// Base URL of Metapack's production for this API ([`Environment::Production`]).
    const PRODUCTION_URL: &'static str;
    /// Operation ids that are idempotent by the API's own semantics, so they may be retried
    /// after the request was sent, like a PUT. The generated crates write this list from their
    /// spec's `x-metapack-retry` declarations, with the reasons (docs/codegen.md).
    const RETRY_SAFE_OPERATIONS: &'static [&'static str] = &[];
    /// Operation ids whose HTTP method is idempotent (PUT, DELETE) but whose effect is not, so
    /// they are not retried once sent, like a POST. Generated from `x-metapack-retry` too.
    const UNSAFE_OPERATIONS: &'static [&'static str] = &[];

    /// Checks that the credentials are of a kind this API accepts.
    fn check_credentials(credentials: &Credentials) -> Result<(), Error>;

    /// Assembles the client from a validated configuration.
    fn from_parts(base_url: &str, http: reqwest::Client, runtime: Runtime) -> Self;
}

/// Configures and builds an API client: the implementation behind each API crate's builder
/// (`ShippingClientBuilder`, `TrackingClientBuilder`, `DeliveryOptionsClientBuilder`, defined
/// with [`client_builder!`](crate::client_builder!)).
///
/// Credentials and an environment are required; `build()` refuses a builder without either.
#[must_use]
pub struct ClientBuilder<C> {
    runtime: RuntimeBuilder,
    environment: Option<Environment>,
    api: PhantomData<fn() -> C>,
}

impl<C: ApiClient> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self {
            runtime: Runtime::builder(C::CRATE_NAME, C::CRATE_VERSION)
                .retry_safe_operations(C::RETRY_SAFE_OPERATIONS)
                .unsafe_operations(C::UNSAFE_OPERATIONS),
            environment: None,
            api: PhantomData,
        }
    }
}

impl<C: ApiClient> ClientBuilder<C> {
    /// A builder with the default retry policy and timeouts, and neither credentials nor an
    /// environment yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The credentials to authenticate with (required).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.runtime = self.runtime.credentials(credentials);
        self
    }

    /// Where to send requests (required): [`Environment::Production`],
    /// [`Environment::MetapackSandbox`] (Metapack's hosted sandbox), or
    /// [`Environment::custom`] with a URL such as a platform-stack host or the local
    /// `metapack-sandbox` emulator's.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment);
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

    /// The largest answers read ([`ResponseLimits::default`] unless given); a larger one
    /// fails with [`Error::BodyTooLarge`].
    pub fn response_limits(mut self, limits: ResponseLimits) -> Self {
        self.runtime = self.runtime.response_limits(limits);
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
    /// when no environment was given (field `environment`; there is no default), or when the
    /// environment's URL is not acceptable.
    pub fn build(self) -> Result<C, Error> {
        if matches!(self.runtime.credentials, Credentials::None) {
            return Err(Error::invalid_request(format!(
                "{} needs credentials: call .credentials(Credentials::...) on the builder",
                C::CRATE_NAME
            )));
        }
        // The Basic username's `:` is refused by RuntimeBuilder::build, for every runtime.
        C::check_credentials(&self.runtime.credentials)?;
        let environment = self
            .environment
            .ok_or_else(|| missing_environment(C::CRATE_NAME))?;
        let base_url = environment.base_url_str(C::METAPACK_SANDBOX_URL, C::PRODUCTION_URL)?;
        let (runtime, http) = self.runtime.build()?;
        Ok(C::from_parts(&base_url, http, runtime))
    }
}

/// The refusal of a builder without an environment, naming the choices (as aws-sdk-rust
/// refuses a client without a region).
fn missing_environment(crate_name: &str) -> Error {
    Error::invalid_field(
        "environment",
        format!(
            "{crate_name} needs an environment: call .environment(Environment::Production), \
             .environment(Environment::MetapackSandbox) (Metapack's hosted sandbox) or \
             .environment(Environment::custom(url)?) (for the local metapack-sandbox emulator, \
             the url() of its handle, e.g. sandbox.shipping().url())"
        ),
    )
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("runtime", &self.runtime)
            .field("environment", &self.environment)
            .finish()
    }
}

/// Defines an API crate's client builder: a wrapper of [`ClientBuilder`] whose page in the
/// crate's own documentation lists every method (a type alias would show none with
/// `cargo doc --no-deps`).
///
/// ```
/// use metapack_core::{ApiClient, Credentials, Environment, Error, Runtime};
///
/// /// A client of some API.
/// pub struct ExampleClient {
///     base_url: String,
/// }
///
/// impl ApiClient for ExampleClient {
///     const CRATE_NAME: &'static str = "metapack-example";
///     const CRATE_VERSION: &'static str = "0.1.0";
///     const METAPACK_SANDBOX_URL: &'static str = "https://sandbox.example.com/api";
///     const PRODUCTION_URL: &'static str = "https://api.example.com/api";
///     fn check_credentials(_: &Credentials) -> Result<(), Error> {
///         Ok(())
///     }
///     fn from_parts(base_url: &str, _: reqwest::Client, _: Runtime) -> Self {
///         Self { base_url: base_url.to_owned() }
///     }
/// }
///
/// metapack_core::client_builder! {
///     /// Builds an [`ExampleClient`].
///     pub struct ExampleClientBuilder => ExampleClient;
/// }
///
/// let err = ExampleClientBuilder::new().credentials(Credentials::api_key("k")).build();
/// assert!(err.is_err_and(|e| e.to_string().contains("needs an environment")));
/// let client = ExampleClientBuilder::new()
///     .credentials(Credentials::api_key("k"))
///     .environment(Environment::Production)
///     .build()?;
/// assert_eq!(client.base_url, "https://api.example.com/api");
/// # Ok::<(), Error>(())
/// ```
#[macro_export]
macro_rules! client_builder {
    ($(#[$meta:meta])* $vis:vis struct $name:ident => $client:ty;) => {
        $(#[$meta])*
        ///
        /// Credentials and an environment are required; the retry policy, timeouts, User-Agent
        /// suffix and HTTP client have defaults.
        #[must_use]
        #[derive(Debug, Default)]
        $vis struct $name($crate::ClientBuilder<$client>);

        impl $name {
            /// A builder with the default retry policy and timeouts, and neither credentials
            /// nor an environment yet.
            pub fn new() -> Self {
                Self::default()
            }

            /// The credentials to authenticate with (required).
            pub fn credentials(self, credentials: $crate::Credentials) -> Self {
                Self(self.0.credentials(credentials))
            }

            /// Where to send requests (required; there is no default):
            /// [`Environment::Production`](metapack_core::Environment::Production),
            /// [`Environment::MetapackSandbox`](metapack_core::Environment::MetapackSandbox)
            /// (Metapack's hosted sandbox), or
            /// [`Environment::custom(url)?`](metapack_core::Environment::custom) with a URL such
            /// as a platform-stack host or the local `metapack-sandbox` emulator's
            /// (`sandbox.shipping().url()` and the like).
            pub fn environment(self, environment: $crate::Environment) -> Self {
                Self(self.0.environment(environment))
            }

            /// The retry policy;
            /// [`RetryPolicy::disabled`](metapack_core::RetryPolicy::disabled) turns retries off.
            pub fn retry_policy(self, retry_policy: $crate::RetryPolicy) -> Self {
                Self(self.0.retry_policy(retry_policy))
            }

            /// Connect, per-attempt and overall timeouts.
            pub fn timeouts(self, timeouts: $crate::Timeouts) -> Self {
                Self(self.0.timeouts(timeouts))
            }

            /// The largest answers read
            /// ([`ResponseLimits::default`](metapack_core::ResponseLimits::default) unless
            /// given); a larger one fails with
            /// [`Error::BodyTooLarge`](metapack_core::Error::BodyTooLarge).
            pub fn response_limits(self, limits: $crate::ResponseLimits) -> Self {
                Self(self.0.response_limits(limits))
            }

            /// Text appended to the User-Agent, e.g. your application's name and version.
            pub fn user_agent_suffix(self, suffix: impl Into<String>) -> Self {
                Self(self.0.user_agent_suffix(suffix))
            }

            /// Sends requests through your own `reqwest::Client` (proxies, custom root
            /// certificates) instead of one built with
            /// [`metapack_core::tls::client_config`]. Start from
            /// [`metapack_core::tls::http_client_builder`] to keep the default TLS configuration.
            /// Retries, timeouts, credentials and the `User-Agent` still apply per request.
            pub fn http_client(self, http_client: $crate::__private::reqwest::Client) -> Self {
                Self(self.0.http_client(http_client))
            }

            /// Validates the configuration and builds the client.
            ///
            /// Fails with [`Error::InvalidRequest`](metapack_core::Error::InvalidRequest) when
            /// credentials are missing or of the wrong kind, when no environment was given (field `environment`), or when the
            /// environment's URL is not acceptable.
            pub fn build(self) -> ::std::result::Result<$client, $crate::Error> {
                self.0.build()
            }
        }
    };
}
