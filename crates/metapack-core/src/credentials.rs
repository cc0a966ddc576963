//! [`Credentials`] and bearer-token plumbing ([`TokenSource`], [`TokenProvider`]).
//!
//! [`TokenProvider`] caches the token from a [`TokenSource`] and refreshes it
//! a margin before it expires. Refreshes are single-flight: however many
//! requests find the token stale at once, the source is asked exactly once.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::{Error, Secret};

/// How requests are authenticated.
///
/// `Debug` never prints passwords, keys or tokens.
///
/// ```
/// use metapack_core::Credentials;
///
/// let creds = Credentials::basic("user", "hunter2");
/// assert!(!format!("{creds:?}").contains("hunter2"));
/// ```
#[derive(Clone, Default)]
pub enum Credentials {
    /// HTTP Basic authentication (`Authorization: Basic ...`).
    Basic {
        /// User name; may appear in `Debug` output.
        username: String,
        /// Password.
        password: Secret,
    },
    /// An API key, sent as the `key` query parameter.
    ApiKey(Secret),
    /// A bearer token obtained (and refreshed) through a [`TokenProvider`].
    Bearer(TokenProvider),
    /// No authentication.
    #[default]
    None,
}

impl Credentials {
    /// HTTP Basic credentials.
    pub fn basic(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    /// An API key (sent as the `key` query parameter).
    pub fn api_key(key: impl Into<Secret>) -> Self {
        Self::ApiKey(key.into())
    }

    /// Bearer tokens from `provider`.
    pub fn bearer(provider: TokenProvider) -> Self {
        Self::Bearer(provider)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"<redacted>")
                .finish(),
            Self::ApiKey(_) => f.write_str("ApiKey(<redacted>)"),
            Self::Bearer(p) => f.debug_tuple("Bearer").field(p).finish(),
            Self::None => f.write_str("None"),
        }
    }
}

/// A bearer token and its lifetime.
#[derive(Clone, Debug)]
pub struct Token {
    /// The token value.
    pub value: Secret,
    /// How long the token is valid from the moment it was fetched;
    /// `None` means it does not expire.
    pub expires_in: Option<Duration>,
}

/// The boxed future returned by [`TokenSource::fetch`].
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<Token, Error>> + Send + 'a>>;

/// Something that can fetch a fresh bearer token (e.g. an OAuth client).
///
/// ```
/// use metapack_core::{Error, Secret, Token, TokenSource};
/// use metapack_core::credentials::TokenFuture;
/// use std::time::Duration;
///
/// struct MyOauth;
///
/// impl TokenSource for MyOauth {
///     fn fetch(&self) -> TokenFuture<'_> {
///         Box::pin(async {
///             Ok(Token { value: Secret::new("abc"), expires_in: Some(Duration::from_secs(3600)) })
///         })
///     }
/// }
/// ```
pub trait TokenSource: Send + Sync + 'static {
    /// Fetches a new token.
    fn fetch(&self) -> Pin<Box<dyn Future<Output = Result<Token, Error>> + Send + '_>>;
}

/// A [`TokenSource`] that always returns the same, non-expiring token.
#[derive(Clone)]
pub struct StaticToken(Secret);

impl StaticToken {
    /// A source that always yields `token`.
    pub fn new(token: impl Into<Secret>) -> Self {
        Self(token.into())
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(<redacted>)")
    }
}

impl TokenSource for StaticToken {
    fn fetch(&self) -> TokenFuture<'_> {
        let token = Token {
            value: self.0.clone(),
            expires_in: None,
        };
        Box::pin(async move { Ok(token) })
    }
}

struct Cached {
    value: Secret,
    expires_at: Option<Instant>,
}

struct ProviderInner {
    source: Box<dyn TokenSource>,
    cache: Mutex<Option<Cached>>,
}

/// Caching, single-flight wrapper around a [`TokenSource`]. Cheap to clone;
/// clones share the cache.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), metapack_core::Error> {
/// use metapack_core::{StaticToken, TokenProvider};
///
/// let provider = TokenProvider::new(StaticToken::new("abc"));
/// assert_eq!(provider.token().await?.expose(), "abc");
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct TokenProvider {
    inner: Arc<ProviderInner>,
    margin: Duration,
}

impl TokenProvider {
    /// Default refresh margin: tokens are refreshed this long before expiry.
    pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(30);

    /// Wraps `source` with caching and single-flight refresh.
    pub fn new(source: impl TokenSource) -> Self {
        Self {
            inner: Arc::new(ProviderInner {
                source: Box::new(source),
                cache: Mutex::new(None),
            }),
            margin: Self::DEFAULT_REFRESH_MARGIN,
        }
    }

    /// Refresh tokens this long before they expire (default 30 s).
    #[must_use]
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// Returns a valid token, fetching a new one if none is cached or the
    /// cached one expires within the refresh margin.
    ///
    /// Concurrent callers wait for a single in-flight fetch.
    pub async fn token(&self) -> Result<Secret, Error> {
        let mut cache = self.inner.cache.lock().await;
        if let Some(cached) = cache.as_ref()
            && self.is_fresh(cached)
        {
            return Ok(cached.value.clone());
        }
        let token = self.inner.source.fetch().await?;
        let expires_at = token
            .expires_in
            .and_then(|ttl| Instant::now().checked_add(ttl));
        *cache = Some(Cached {
            value: token.value.clone(),
            expires_at,
        });
        Ok(token.value)
    }

    /// Drops the cached token if it is still `stale` (e.g. after the server
    /// rejected it with 401), so the next [`token`](Self::token) call fetches
    /// a new one. A token refreshed meanwhile by another caller is kept.
    pub async fn invalidate(&self, stale: &Secret) {
        let mut cache = self.inner.cache.lock().await;
        if cache.as_ref().is_some_and(|c| &c.value == stale) {
            *cache = None;
        }
    }

    fn is_fresh(&self, cached: &Cached) -> bool {
        match cached.expires_at {
            None => true,
            Some(at) => at
                .checked_sub(self.margin)
                .is_some_and(|refresh_at| Instant::now() < refresh_at),
        }
    }
}

impl fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenProvider")
            .field("token", &"<redacted>")
            .field("refresh_margin", &self.margin)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Counting {
        fetches: Arc<AtomicUsize>,
        ttl: Option<Duration>,
        delay: Duration,
    }

    impl TokenSource for Counting {
        fn fetch(&self) -> TokenFuture<'_> {
            Box::pin(async move {
                let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
                tokio::time::sleep(self.delay).await;
                Ok(Token {
                    value: Secret::new(format!("token-{n}")),
                    expires_in: self.ttl,
                })
            })
        }
    }

    fn counting(ttl: Option<Duration>, delay: Duration) -> (TokenProvider, Arc<AtomicUsize>) {
        let fetches = Arc::new(AtomicUsize::new(0));
        let source = Counting {
            fetches: fetches.clone(),
            ttl,
            delay,
        };
        (TokenProvider::new(source), fetches)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn hundred_concurrent_callers_cause_one_fetch() {
        let (provider, fetches) =
            counting(Some(Duration::from_secs(3600)), Duration::from_millis(50));
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let p = provider.clone();
                tokio::spawn(async move { p.token().await })
            })
            .collect();
        for t in tasks {
            let token = t.await.expect("task panicked").expect("token");
            assert_eq!(token.expose(), "token-1");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn refreshes_when_within_margin() {
        // Valid for 10 s but the margin is 30 s: every call refetches.
        let (provider, fetches) = counting(Some(Duration::from_secs(10)), Duration::ZERO);
        assert_eq!(provider.token().await.expect("t1").expose(), "token-1");
        assert_eq!(provider.token().await.expect("t2").expose(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);

        // With a smaller margin the same 10 s token is kept.
        let provider = provider.with_refresh_margin(Duration::from_secs(1));
        assert_eq!(provider.token().await.expect("cached").expose(), "token-2");
        assert_eq!(provider.token().await.expect("cached").expose(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn refreshes_after_expiry() {
        let (provider, fetches) = counting(Some(Duration::from_secs(60)), Duration::ZERO);
        assert_eq!(provider.token().await.expect("t1").expose(), "token-1");
        tokio::time::advance(Duration::from_secs(20)).await;
        assert_eq!(
            provider.token().await.expect("t1 cached").expose(),
            "token-1"
        );
        tokio::time::advance(Duration::from_secs(15)).await; // 25 s left < 30 s margin
        assert_eq!(provider.token().await.expect("t2").expose(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn invalidate_only_drops_the_stale_token() {
        let (provider, fetches) = counting(None, Duration::ZERO);
        let first = provider.token().await.expect("t1");
        provider.invalidate(&Secret::new("something-else")).await;
        assert_eq!(provider.token().await.expect("cached"), first);
        assert_eq!(fetches.load(Ordering::SeqCst), 1);

        provider.invalidate(&first).await;
        assert_eq!(provider.token().await.expect("t2").expose(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn debug_output_is_redacted() {
        let provider = TokenProvider::new(StaticToken::new("tok-SECRET"));
        let _ = provider.token().await.expect("token");
        let creds = [
            Credentials::basic("alice", "pw-SECRET"),
            Credentials::api_key("key-SECRET"),
            Credentials::bearer(provider.clone()),
        ];
        for c in &creds {
            let dbg = format!("{c:?} {c:#?}");
            assert!(!dbg.contains("SECRET"), "{dbg}");
        }
        assert!(format!("{:?}", creds[0]).contains("alice"));
        assert!(!format!("{provider:?}").contains("SECRET"));
        assert!(!format!("{:?}", StaticToken::new("tok-SECRET")).contains("SECRET"));
        let token = Token {
            value: Secret::new("tok-SECRET"),
            expires_in: None,
        };
        assert!(!format!("{token:?}").contains("SECRET"));
    }
}
