//! OAuth2 client credentials for the MM-API: [`ClientCredentials`] exchanges a client id and
//! secret for a bearer token at `POST {host}/auth` (by default).
//!
//! The token request is a form `grant_type=client_credentials` authenticated with HTTP Basic
//! (client id and secret); the answer carries `access_token` and `expires_in` (seconds, as a
//! number or a string). Wrap the source in a [`TokenProvider`](metapack_core::TokenProvider)
//! (the client builder does) for caching, single-flight refresh and refresh before expiry.
//!
//! Neither `Debug` nor any error ever shows the secret or a token.
//!
//! ```
//! use metapack_mm_api::auth::ClientCredentials;
//!
//! let creds = ClientCredentials::new("https://example.metapack.com", "my-client", "s3cret")?;
//! assert_eq!(creds.token_url().as_str(), "https://example.metapack.com/auth");
//! assert!(!format!("{creds:?}").contains("s3cret"));
//! # Ok::<(), metapack_core::Error>(())
//! ```

use std::fmt;
use std::time::Duration;

use metapack_core::credentials::TokenFuture;
use metapack_core::{Error, RetryPolicy, Runtime, Secret, Timeouts, Token, TokenSource};
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
    token_url: Url,
    client_id: String,
    client_secret: Secret,
    runtime: Runtime,
    http: reqwest::Client,
}

impl ClientCredentials {
    /// Credentials for the MM-API at `host` (`https://example.metapack.com`); the token URL
    /// is `{host}/auth`. `host` must be `https`, or `http` on a loopback address.
    pub fn new(
        host: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Result<Self, Error> {
        let host = crate::client::parse_host("host", host)?;
        let token_url = join(&host, "auth")?;
        let (runtime, http) =
            token_runtime(&RetryPolicy::default(), &Timeouts::default(), None, None)?;
        Ok(Self {
            token_url,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            runtime,
            http,
        })
    }

    /// The same credentials, their token requests sent with these settings (the client's).
    pub(crate) fn configured(
        self,
        retry: &RetryPolicy,
        timeouts: &Timeouts,
        user_agent_suffix: Option<&str>,
        http_client: Option<reqwest::Client>,
    ) -> Result<Self, Error> {
        let (runtime, http) = token_runtime(retry, timeouts, user_agent_suffix, http_client)?;
        Ok(Self {
            runtime,
            http,
            ..self
        })
    }

    /// Uses `url` as the token endpoint instead of `{host}/auth` (same scheme rules).
    pub fn with_token_url(mut self, url: &str) -> Result<Self, Error> {
        self.token_url = crate::client::parse_host("token_url", url)?;
        Ok(self)
    }

    /// The token endpoint.
    pub fn token_url(&self) -> &Url {
        &self.token_url
    }

    /// The client id (not secret).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    async fn exchange(&self) -> Result<Token, Error> {
        let request = self
            .http
            .post(self.token_url.clone())
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
            crate::client::execute(&self.runtime, &self.http, request, TOKEN_OPERATION).await?;
        if !status.is_success() {
            return Err(crate::client::api_error(status, &headers, &body));
        }
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

/// `base` with `segment` appended to its path.
fn join(base: &Url, segment: &str) -> Result<Url, Error> {
    let mut url = base.clone();
    url.path_segments_mut()
        .map_err(|()| Error::invalid_field("host", "host cannot be a base URL"))?
        .pop_if_empty()
        .push(segment);
    Ok(url)
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
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
