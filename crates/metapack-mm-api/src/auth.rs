//! OAuth2 client credentials for the MM-API: [`ClientCredentials`] exchanges a client id and
//! secret for a bearer token at `POST {host}/auth` (by default).
//!
//! Given to [`MmApiClientBuilder::client_credentials`](crate::MmApiClientBuilder::client_credentials),
//! the credentials take their token URL from the builder's
//! [`host`](crate::MmApiClientBuilder::host), so the host is named once; override it with
//! [`with_token_url`](ClientCredentials::with_token_url). Used on their own (as a
//! [`TokenSource`]), they need a token URL: [`ClientCredentials::for_host`] or
//! `with_token_url`.
//!
//! The token request is a form `grant_type=client_credentials` authenticated with HTTP Basic
//! (client id and secret); the answer carries `access_token` and `expires_in` (seconds, as a
//! number or a string). Wrap the source in a [`TokenProvider`]
//! (the client builder does, with the credentials'
//! [`with_refresh_margin`](ClientCredentials::with_refresh_margin) and
//! [`with_refusal_memory`](ClientCredentials::with_refusal_memory)) for caching, one shared
//! token request for concurrent calls, brief memory of a refusal, and refresh before expiry.
//!
//! Neither `Debug` nor any error ever shows the secret or a token.
//!
//! ```
//! use metapack_mm_api::{ClientCredentials, MmApiClient};
//!
//! let client = MmApiClient::builder()
//!     .host("https://example.metapack.com")
//!     .client_credentials(ClientCredentials::new("my-client", "s3cret"))
//!     .build()?;
//! assert!(!format!("{client:?}").contains("s3cret"));
//!
//! // On their own, the credentials need to know where to ask for tokens:
//! let creds = ClientCredentials::for_host("https://example.metapack.com", "my-client", "s3cret")?;
//! assert_eq!(creds.token_url().map(|u| u.as_str()), Some("https://example.metapack.com/auth"));
//! let creds = ClientCredentials::new("my-client", "s3cret")
//!     .with_token_url("https://login.example.com/oauth/token")?;
//! assert_eq!(creds.token_url().map(|u| u.as_str()), Some("https://login.example.com/oauth/token"));
//! # Ok::<(), metapack_mm_api::Error>(())
//! ```

use std::fmt;
use std::time::Duration;

use metapack_core::credentials::TokenFuture;
use metapack_core::{
    Error, RetryPolicy, Runtime, Secret, Timeouts, Token, TokenProvider, TokenSource,
};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use serde::Deserialize;
use url::Url;

/// The operation id of the token exchange (traces, retry classification).
pub const TOKEN_OPERATION: &str = "oauthToken";

/// Asking for a token has no side effect the caller could observe twice, so the exchange
/// may be retried after it was sent.
const RETRY_SAFE: &[&str] = &[TOKEN_OPERATION];

/// A [`TokenSource`] for the OAuth2 client-credentials grant.
#[derive(Clone)]
pub struct ClientCredentials {
    /// `None` until given, or derived from the client builder's host.
    token_url: Option<Url>,
    client_id: String,
    client_secret: Secret,
    /// How token requests are sent: set with the token URL (default settings) or by the
    /// client builder (its settings).
    transport: Option<(Runtime, reqwest::Client)>,
    /// [`TokenProvider::with_refresh_margin`] of the client builder's provider.
    refresh_margin: Duration,
    /// [`TokenProvider::with_refusal_memory`] of the client builder's provider.
    refusal_memory: Duration,
}

impl ClientCredentials {
    /// A client id and secret. Given to
    /// [`MmApiClientBuilder::client_credentials`](crate::MmApiClientBuilder::client_credentials),
    /// tokens are asked for at `{host}/auth` of the builder's host unless
    /// [`with_token_url`](Self::with_token_url) names another endpoint.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        Self {
            token_url: None,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            transport: None,
            refresh_margin: TokenProvider::DEFAULT_REFRESH_MARGIN,
            refusal_memory: TokenProvider::DEFAULT_REFUSAL_MEMORY,
        }
    }

    /// Refresh tokens at most this long before they expire (default
    /// [`TokenProvider::DEFAULT_REFRESH_MARGIN`], 30 s): the margin is a tenth of each
    /// token's lifetime, capped at `margin`, so a short-lived token is used for most of its
    /// life. Applies when the credentials are given to
    /// [`MmApiClientBuilder::client_credentials`](crate::MmApiClientBuilder::client_credentials);
    /// a [`TokenProvider`] you build around them has its own
    /// [`with_refresh_margin`](TokenProvider::with_refresh_margin).
    ///
    /// ```
    /// use std::time::Duration;
    /// use metapack_mm_api::{ClientCredentials, MmApiClient};
    ///
    /// let client = MmApiClient::builder()
    ///     .host("https://example.metapack.com")
    ///     .client_credentials(
    ///         ClientCredentials::new("my-client", "s3cret")
    ///             .with_refresh_margin(Duration::from_secs(5)),
    ///     )
    ///     .build()?;
    /// assert!(format!("{client:?}").contains("refresh_margin: 5s"));
    /// # Ok::<(), metapack_mm_api::Error>(())
    /// ```
    #[must_use]
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// Remember a refused token request (a 4xx answer other than 408, e.g. 401 for a wrong
    /// secret) this long (default [`TokenProvider::DEFAULT_REFUSAL_MEMORY`], 5 s): calls
    /// within it fail with the same error without asking again. Applies like
    /// [`with_refresh_margin`](Self::with_refresh_margin).
    #[must_use]
    pub fn with_refusal_memory(mut self, memory: Duration) -> Self {
        self.refusal_memory = memory;
        self
    }

    /// The caching, single-flight provider of these credentials' tokens, with their refresh
    /// margin and refusal memory.
    pub(crate) fn into_provider(self) -> TokenProvider {
        let (margin, memory) = (self.refresh_margin, self.refusal_memory);
        TokenProvider::new(self)
            .with_refresh_margin(margin)
            .with_refusal_memory(memory)
    }

    /// Credentials for the MM-API at `host` (`https://example.metapack.com`), usable on their
    /// own: the token URL is `{host}/auth`. `host` must be `https`, or `http` on a loopback
    /// address.
    pub fn for_host(
        host: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Result<Self, Error> {
        let host = crate::transport::parse_host("host", host)?;
        Self::new(client_id, client_secret)
            .with_host(&host)
            .with_default_transport()
    }

    /// The token URL `{host}/auth`, unless one was given already.
    pub(crate) fn with_host(mut self, host: &Url) -> Self {
        if self.token_url.is_none() {
            self.token_url = Some(token_url_of(host));
        }
        self
    }

    /// The same credentials, their token requests sent with these settings (the client's).
    pub(crate) fn configured(
        self,
        retry: &RetryPolicy,
        timeouts: &Timeouts,
        user_agent_suffix: Option<&str>,
        http_client: Option<reqwest::Client>,
    ) -> Result<Self, Error> {
        let transport = token_runtime(retry, timeouts, user_agent_suffix, http_client)?;
        Ok(Self {
            transport: Some(transport),
            ..self
        })
    }

    /// Default settings for token requests, unless set already.
    fn with_default_transport(mut self) -> Result<Self, Error> {
        if self.transport.is_none() {
            self.transport = Some(token_runtime(
                &RetryPolicy::default(),
                &Timeouts::default(),
                None,
                None,
            )?);
        }
        Ok(self)
    }

    /// Uses `url` as the token endpoint instead of `{host}/auth` (`https`, or `http` on a
    /// loopback address).
    pub fn with_token_url(mut self, url: &str) -> Result<Self, Error> {
        self.token_url = Some(crate::transport::parse_host("token_url", url)?);
        self.with_default_transport()
    }

    /// The token endpoint: the one given, else `{host}/auth` once a host is known (`None`
    /// before [`MmApiClientBuilder::build`](crate::MmApiClientBuilder::build) for
    /// credentials made with [`new`](Self::new)).
    pub fn token_url(&self) -> Option<&Url> {
        self.token_url.as_ref()
    }

    /// The client id (not secret).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    async fn exchange(&self) -> Result<Token, Error> {
        let (Some(token_url), Some((runtime, http))) = (&self.token_url, &self.transport) else {
            return Err(Error::invalid_field(
                "token_url",
                "these client credentials know no token URL: give them to \
                 MmApiClient::builder().host(..).client_credentials(..), or make them with \
                 ClientCredentials::for_host(..) or .with_token_url(..)",
            ));
        };
        let request = http
            .post(token_url.clone())
            .basic_auth(&self.client_id, Some(self.client_secret.expose()))
            .header(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            )
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .body("grant_type=client_credentials")
            .build()
            .map_err(|e| Error::invalid_request(format!("token request: {e}")))?;
        let (status, headers, body) =
            crate::transport::execute(runtime, http, request, TOKEN_OPERATION).await?;
        crate::transport::ok_empty(status, &headers, &body)?;
        parse_token(&body)
    }
}

/// Reads a token answer. Errors never quote the body, which holds the token.
fn parse_token(body: &[u8]) -> Result<Token, Error> {
    let decode = |path: &str, message: String| Error::Decode {
        path: path.to_owned(),
        message,
        body_snippet: "<redacted: token response>".to_owned(),
    };
    let answer: TokenAnswer = serde_json::from_slice(body).map_err(|e| {
        decode(
            ".",
            format!(
                "token response is not valid ({:?} error at line {} column {})",
                e.classify(),
                e.line(),
                e.column()
            ),
        )
    })?;
    let value = answer
        .access_token
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| decode("access_token", "missing or empty access_token".into()))?;
    let expires_in = match answer.expires_in {
        None => None,
        Some(ExpiresIn::Seconds(s)) => Some(Duration::from_secs(s)),
        Some(ExpiresIn::Text(text)) => {
            Some(Duration::from_secs(text.trim().parse().map_err(|_| {
                decode("expires_in", "expires_in is not a number of seconds".into())
            })?))
        }
    };
    Ok(Token {
        value: Secret::new(value),
        expires_in,
    })
}

#[derive(Deserialize)]
struct TokenAnswer {
    #[serde(default)]
    access_token: Option<String>,
    #[serde(default)]
    expires_in: Option<ExpiresIn>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ExpiresIn {
    Seconds(u64),
    Text(String),
}

/// The runtime of token requests: retry-safe (a token request creates nothing), no
/// credentials of its own (HTTP Basic is added per request).
fn token_runtime(
    retry: &RetryPolicy,
    timeouts: &Timeouts,
    user_agent_suffix: Option<&str>,
    http_client: Option<reqwest::Client>,
) -> Result<(Runtime, reqwest::Client), Error> {
    let mut builder = Runtime::builder(
        concat!(env!("CARGO_PKG_NAME"), "-auth"),
        env!("CARGO_PKG_VERSION"),
    )
    .retry_safe_operations(RETRY_SAFE)
    .retry_policy(retry.clone())
    .timeouts(timeouts.clone());
    if let Some(suffix) = user_agent_suffix {
        builder = builder.user_agent_suffix(suffix.to_owned());
    }
    if let Some(http) = http_client {
        builder = builder.http_client(http);
    }
    builder.build()
}

/// `{host}/auth`.
fn token_url_of(host: &Url) -> Url {
    let mut url = host.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().push("auth");
    }
    url
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url.as_ref().map(Url::as_str))
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("refresh_margin", &self.refresh_margin)
            .field("refusal_memory", &self.refusal_memory)
            .finish()
    }
}

impl TokenSource for ClientCredentials {
    fn fetch(&self) -> TokenFuture<'_> {
        Box::pin(self.exchange())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_in_as_number_or_string() {
        let t = parse_token(br#"{"access_token":"abc","expires_in":3600}"#).unwrap();
        assert_eq!(t.expires_in, Some(Duration::from_secs(3600)));
        let t = parse_token(br#"{"access_token":"abc","expires_in":"60"}"#).unwrap();
        assert_eq!(t.expires_in, Some(Duration::from_secs(60)));
        let t = parse_token(br#"{"access_token":"abc"}"#).unwrap();
        assert_eq!(t.expires_in, None);
    }

    #[test]
    fn decode_errors_never_quote_the_token() {
        let err = parse_token(br#"{"access_token":"tok-123","expires_in":"soon"}"#).unwrap_err();
        assert!(matches!(err, Error::Decode { .. }));
        assert!(!format!("{err:?}").contains("tok-123"));
        let err = parse_token(b"tok-123 not json").unwrap_err();
        assert!(!format!("{err:?} {err}").contains("tok-123"));
    }
}
