//! `DeliveryOptionsClient`: the typed front over the generated client.

use metapack_core::{Credentials, Error, finish_value};

use crate::DeliveryOptionsClient;
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

/// Checks the value of an API key (its kind was checked by the generated client): the canonical,
/// hyphenated UUID that Metapack Support issues. The key is not echoed: a malformed key may
/// still be most of a real one.
pub(crate) fn check_key(credentials: &Credentials) -> Result<(), Error> {
    match credentials {
        Credentials::ApiKey(key) if !is_hyphenated_uuid(key.expose()) => Err(Error::invalid_field(
            "key",
            "the Delivery Options API key is a UUID such as 03b2a318-bdf6-49a3-97c4-868ae039de04 \
             (36 characters, as issued by Metapack Support); check the key passed to Credentials::api_key",
        )),
        _ => Ok(()),
    }
}

/// The canonical, hyphenated form the docs show (`8-4-4-4-12` hex digits).
fn is_hyphenated_uuid(key: &str) -> bool {
    key.len() == 36 && uuid::Uuid::try_parse(key).is_ok()
}

/// The typed methods: a search is checked before anything is sent.
impl DeliveryOptionsClient {
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
