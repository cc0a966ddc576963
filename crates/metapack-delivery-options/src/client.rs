//! `DeliveryOptionsClient`: the typed front over the generated client.

use metapack_core::{ApiClient, CallSettings, Credentials, Error, Runtime, finish_value};

use crate::generated::Client;
use crate::request::{FindOptions, ValidFind};
use crate::types::FindResponse;

/// Base URL of Metapack's Delivery Options API, the only host Metapack documents for it.
pub const PRODUCTION_URL: &str = "https://dmo.metapack.com/dmoptions";

/// What [`Environment::MetapackSandbox`](metapack_core::Environment::MetapackSandbox)
/// resolves to: the same host as [`PRODUCTION_URL`].
///
/// Metapack documents no separate sandbox host for Delivery Options. The API is read-only
/// (`GET /find` books nothing: booking happens later, through the Shipping API and its own
/// sandbox), and the API key selects the shipper account whose configuration is searched, so
/// testing means using a test account's key against this host. Offline, use the local
/// `metapack-sandbox` emulator: `Environment::custom(sandbox.delivery_options().url())?`.
pub const METAPACK_SANDBOX_URL: &str = PRODUCTION_URL;

metapack_core::client_builder! {
    /// Builds a [`DeliveryOptionsClient`]: `DeliveryOptionsClient::builder()`.
    pub struct DeliveryOptionsClientBuilder => DeliveryOptionsClient;
}

/// A client of the Delivery Options API. Cheap to clone; clones share connections.
#[derive(Clone, Debug)]
pub struct DeliveryOptionsClient {
    raw: Client,
}

impl ApiClient for DeliveryOptionsClient {
    const CRATE_NAME: &'static str = env!("CARGO_PKG_NAME");
    const CRATE_VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const METAPACK_SANDBOX_URL: &'static str = METAPACK_SANDBOX_URL;
    const PRODUCTION_URL: &'static str = PRODUCTION_URL;
    /// `GET /find` only reads, so repeating it is harmless; as a GET it is retried anyway, and
    /// listing it keeps it retried whatever the method rules become.
    const RETRY_SAFE_OPERATIONS: &'static [&'static str] = &["find_delivery_options"];

    fn check_credentials(credentials: &Credentials) -> Result<(), Error> {
        match credentials {
            Credentials::ApiKey(key) if is_hyphenated_uuid(key.expose()) => Ok(()),
            // The key is not echoed: a malformed key may still be most of a real one.
            Credentials::ApiKey(_) => Err(Error::invalid_field(
                "key",
                "the Delivery Options API key is a UUID such as 03b2a318-bdf6-49a3-97c4-868ae039de04 \
                 (36 characters, as issued by Metapack Support); check the key passed to Credentials::api_key",
            )),
            _ => Err(Error::invalid_field(
                "key",
                "the Delivery Options API takes an API key: use Credentials::api_key(\"<your key, a UUID>\")",
            )),
        }
    }

    fn from_parts(base_url: &str, http: reqwest::Client, runtime: Runtime) -> Self {
        Self {
            raw: Client::new_with_client(base_url, http, runtime),
        }
    }
}

/// The canonical, hyphenated form the docs show (`8-4-4-4-12` hex digits).
fn is_hyphenated_uuid(key: &str) -> bool {
    key.len() == 36 && uuid::Uuid::try_parse(key).is_ok()
}

impl DeliveryOptionsClient {
    /// Starts configuring a client.
    pub fn builder() -> DeliveryOptionsClientBuilder {
        DeliveryOptionsClientBuilder::new()
    }

    /// The generated client, whose request builder exposes every parameter of the spec as the
    /// spec types it. `key` is not a builder parameter: the runtime appends it from the
    /// client's credentials. Turn its results into [`Error`]s with [`metapack_core::finish`].
    pub fn raw(&self) -> &Client {
        &self.raw
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.raw.baseurl
    }

    /// A clone of this client whose calls use `settings`: their own timeouts or retry policy,
    /// in the spirit of aws-sdk-rust's `customize()` (the API only reads, so
    /// [`CallSettings::retry_unsafe`] changes nothing here). The clone shares the connection
    /// pool and the retry budget; it is as cheap as any clone.
    ///
    /// ```
    /// # use metapack_delivery_options::{CallSettings, Credentials, DeliveryOptionsClient, Environment, Timeouts};
    /// # use std::time::Duration;
    /// # fn main() -> Result<(), metapack_delivery_options::Error> {
    /// let client = DeliveryOptionsClient::builder()
    ///     .credentials(Credentials::api_key("03b2a318-bdf6-49a3-97c4-868ae039de04"))
    ///     .environment(Environment::Production)
    ///     .build()?;
    /// // A checkout page cannot wait a minute: 3 s for this call, retries included.
    /// let checkout = client.with_call_settings(
    ///     CallSettings::new().timeouts(Timeouts::default().with_overall(Duration::from_secs(3))),
    /// );
    /// # let _ = checkout;
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_call_settings(&self, settings: CallSettings) -> Self {
        let runtime = self.raw.inner.with_call_settings(settings);
        Self {
            raw: Client::new_with_client(&self.raw.baseurl, self.raw.client.clone(), runtime),
        }
    }

    /// `GET /find`: the delivery options for `options`, after checking every documented rule.
    ///
    /// A broken rule fails with [`Error::InvalidRequest`] naming the parameter, before anything
    /// is sent. The error keeps the typed [`FindError`](crate::FindError):
    /// [`FindError::from_error`](crate::FindError::from_error) gives it back to match on.
    pub async fn find(&self, options: &FindOptions) -> Result<FindResponse, Error> {
        self.send_find(options.build()?).await
    }

    /// `GET /find` for an already checked search. Sends exactly
    /// [`ValidFind::query_string`] followed by `&key=<API key>`, with the `traceId` header when
    /// the search has a trace id.
    ///
    /// The response's `header.inputParameters` echoes the query received; its `key` is
    /// removed, so the API key never reaches `Debug` output or a re-serialised response.
    pub async fn find_valid(&self, find: &ValidFind) -> Result<FindResponse, Error> {
        self.send_find(find.clone()).await
    }

    /// Sends a checked search, its values moved into the generated request builder.
    async fn send_find(&self, find: ValidFind) -> Result<FindResponse, Error> {
        let request = find.apply(self.raw.find_delivery_options());
        let mut response: FindResponse = finish_value(request.send().await).await?;
        if let Some(header) = response.header.as_mut() {
            header
                .input_parameters
                .retain(|name, _| !name.eq_ignore_ascii_case("key"));
        }
        Ok(response)
    }
}
