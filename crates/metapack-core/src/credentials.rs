//! [`Credentials`] and bearer-token plumbing ([`TokenSource`], [`TokenProvider`]).
//!
//! [`TokenProvider`] caches the token from a [`TokenSource`] and refreshes it
//! a margin before it expires (a tenth of its lifetime, at most 30 s). Fetches are
//! single-flight: however many requests find the token stale at once, the source is asked
//! exactly once and every caller gets that fetch's result, success or failure; a refusal
//! from the token endpoint (e.g. 401) is remembered for a few seconds.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use futures_util::FutureExt as _;
use futures_util::future::{BoxFuture, WeakShared};
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

/// A token in the cache, with what decides when it is refreshed.
struct Cached {
    value: Secret,
    /// When the fetch that produced it started (its lifetime is counted from there, so the
    /// fetch's own latency is never counted as validity).
    fetched_at: Instant,
    /// `None`: it does not expire.
    lifetime: Option<Duration>,
}

/// A refusal from the token endpoint, remembered for [`TokenProvider::with_refusal_memory`].
struct Refusal {
    error: Arc<Error>,
    at: Instant,
}

/// What one fetch gives everyone waiting for it.
type Fetched = Result<Secret, Arc<Error>>;
type Fetch = BoxFuture<'static, Fetched>;

#[derive(Default)]
struct State {
    cached: Option<Cached>,
    refusal: Option<Refusal>,
    /// The fetch in flight. Weak: when every caller waiting for it has given up (their
    /// deadlines passed), the fetch is dropped (cancelled) and the next caller starts anew.
    flight: Option<WeakShared<Fetch>>,
}

struct ProviderInner {
    source: Box<dyn TokenSource>,
    /// Never held across an `.await`.
    state: Mutex<State>,
}

impl ProviderInner {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Fetches a token and records the outcome for later callers (run once per fetch, by
    /// whichever waiter polls the shared fetch to completion).
    async fn fetch(self: Arc<Self>) -> Fetched {
        let started = Instant::now();
        let result = self.source.fetch().await.map_err(Arc::new);
        let mut state = self.state();
        state.flight = None;
        match &result {
            Ok(token) => {
                state.cached = Some(Cached {
                    value: token.value.clone(),
                    fetched_at: started,
                    lifetime: token.expires_in,
                });
                state.refusal = None;
            }
            Err(error) if is_refusal(error) => {
                state.refusal = Some(Refusal {
                    error: Arc::clone(error),
                    at: Instant::now(),
                });
            }
            // Transient (5xx, transport, timeout, unreadable answer): shared with the callers
            // waiting for this fetch only; the next caller asks again.
            Err(_) => {}
        }
        result.map(|token| token.value)
    }
}

/// An answer from the token endpoint that asking again right away would not change: a 4xx
/// other than 408 (e.g. 400/401 for wrong client credentials, 403, or 429 asking for fewer
/// requests).
fn is_refusal(error: &Error) -> bool {
    error
        .status()
        .is_some_and(|status| (400..500).contains(&status) && status != 408)
}

/// The refresh margin is this share of a token's lifetime (a tenth), capped by
/// [`TokenProvider::with_refresh_margin`].
const LIFETIME_SHARE: u32 = 10;

/// Caching, single-flight wrapper around a [`TokenSource`]. Cheap to clone;
/// clones share the cache.
///
/// - **One fetch at a time.** However many callers need a token at once, the source is
///   asked once; they all wait for that fetch and share its result, success or failure.
///   No lock is held while the source is asked; a fetch every waiter gave up on (each
///   caller waits only within its own deadline) is cancelled, and the next caller starts
///   a new one.
/// - **Refusals are remembered briefly.** A 4xx answer from the token endpoint (other than
///   408), such as 401 for a wrong client secret, is returned without asking again for
///   [`DEFAULT_REFUSAL_MEMORY`](Self::DEFAULT_REFUSAL_MEMORY) (5 s; see
///   [`with_refusal_memory`](Self::with_refusal_memory)), so a storm of calls makes one
///   token request, not one each. Transient failures (5xx, transport errors, timeouts,
///   unreadable answers) are shared with the callers already waiting, not remembered: the
///   next caller asks again.
/// - **Refresh before expiry.** A token is refreshed a margin before it expires: a tenth of
///   its lifetime, at most [`DEFAULT_REFRESH_MARGIN`](Self::DEFAULT_REFRESH_MARGIN) (30 s;
///   see [`with_refresh_margin`](Self::with_refresh_margin)). So an hour-long token is
///   refreshed 30 s before it expires and a 10 s token after 9 s. The lifetime is counted
///   from when the fetch started.
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
    refusal_memory: Duration,
}

impl TokenProvider {
    /// The most a token is refreshed before it expires (the cap of the refresh margin, which
    /// is otherwise a tenth of the token's lifetime).
    pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(30);

    /// How long a refusal from the token endpoint (a 4xx other than 408) is remembered:
    /// within it, callers get the same error without a new token request.
    pub const DEFAULT_REFUSAL_MEMORY: Duration = Duration::from_secs(5);

    /// Wraps `source` with caching and single-flight refresh.
    pub fn new(source: impl TokenSource) -> Self {
        Self {
            inner: Arc::new(ProviderInner {
                source: Box::new(source),
                state: Mutex::new(State::default()),
            }),
            margin: Self::DEFAULT_REFRESH_MARGIN,
            refusal_memory: Self::DEFAULT_REFUSAL_MEMORY,
        }
    }

    /// Refresh tokens at most this long before they expire (default
    /// [`DEFAULT_REFRESH_MARGIN`](Self::DEFAULT_REFRESH_MARGIN), 30 s). The margin is a
    /// tenth of each token's lifetime, capped at `margin`: a short-lived token is still used
    /// for most of its life. `Duration::ZERO` uses tokens until they expire.
    #[must_use]
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// Remember a refusal from the token endpoint (a 4xx answer other than 408) this long
    /// (default [`DEFAULT_REFUSAL_MEMORY`](Self::DEFAULT_REFUSAL_MEMORY), 5 s): within it,
    /// [`token`](Self::token) returns the same error without asking again.
    /// `Duration::ZERO` asks again on the next call.
    #[must_use]
    pub fn with_refusal_memory(mut self, memory: Duration) -> Self {
        self.refusal_memory = memory;
        self
    }

    /// Returns a valid token, fetching a new one if none is cached or the cached one is
    /// within its refresh margin of expiring.
    ///
    /// Concurrent callers wait for a single in-flight fetch and share its result; a recent
    /// refusal is returned as it was (see the [type's documentation](Self)). Dropping the
    /// returned future (e.g. on a timeout) stops waiting; the fetch goes on as long as
    /// another caller waits for it.
    pub async fn token(&self) -> Result<Secret, Error> {
        let flight = {
            let mut state = self.inner.state();
            let now = Instant::now();
            if let Some(cached) = &state.cached
                && self.is_fresh(cached, now)
            {
                return Ok(cached.value.clone());
            }
            if let Some(refusal) = &state.refusal
                && refusal
                    .at
                    .checked_add(self.refusal_memory)
                    .is_none_or(|until| now < until)
            {
                return Err(share(&refusal.error));
            }
            match state.flight.as_ref().and_then(WeakShared::upgrade) {
                Some(flight) => flight,
                None => {
                    let fetch: Fetch = Box::pin(Arc::clone(&self.inner).fetch());
                    let flight = fetch.shared();
                    state.flight = flight.downgrade();
                    flight
                }
            }
        };
        flight.await.map_err(|error| share(&error))
    }

    /// Drops the cached token if it is still `stale` (e.g. after the server
    /// rejected it with 401), so the next [`token`](Self::token) call fetches
    /// a new one. A token refreshed meanwhile by another caller is kept.
    pub async fn invalidate(&self, stale: &Secret) {
        let mut state = self.inner.state();
        if state.cached.as_ref().is_some_and(|c| &c.value == stale) {
            state.cached = None;
        }
    }

    fn is_fresh(&self, cached: &Cached, now: Instant) -> bool {
        let Some(lifetime) = cached.lifetime else {
            return true;
        };
        let margin = (lifetime / LIFETIME_SHARE).min(self.margin);
        cached
            .fetched_at
            .checked_add(lifetime - margin)
            .is_none_or(|refresh_at| now < refresh_at)
    }
}

impl fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenProvider")
            .field("token", &"<redacted>")
            .field("refresh_margin", &self.margin)
            .field("refusal_memory", &self.refusal_memory)
            .finish()
    }
}

/// A copy of a fetch's error for one of the callers that shared it. [`Error`] is not
/// `Clone` (its causes are boxed errors): a transport error's cause is kept behind an `Arc`,
/// and a typed refusal ([`Error::refusal`]) is not carried over (its message is).
fn share(error: &Arc<Error>) -> Error {
    match &**error {
        Error::Api(api) => Error::Api(api.clone()),
        Error::Transport {
            message,
            source,
            delivery,
            request,
        } => Error::Transport {
            message: message.clone(),
            source: source
                .as_ref()
                .map(|_| Box::new(SharedCause(Arc::clone(error))) as _),
            delivery: *delivery,
            request: request.clone(),
        },
        Error::Timeout {
            message,
            delivery,
            request,
        } => Error::Timeout {
            message: message.clone(),
            delivery: *delivery,
            request: request.clone(),
        },
        Error::Decode {
            path,
            message,
            body_snippet,
        } => Error::Decode {
            path: path.clone(),
            message: message.clone(),
            body_snippet: body_snippet.clone(),
        },
        Error::InvalidRequest {
            message,
            field,
            details,
            refusal: _,
        } => Error::InvalidRequest {
            message: message.clone(),
            field: field.clone(),
            details: details.clone(),
            refusal: None,
        },
        Error::BodyTooLarge {
            limit,
            content_length,
            request,
        } => Error::BodyTooLarge {
            limit: *limit,
            content_length: *content_length,
            request: request.clone(),
        },
    }
}

/// The cause of a shared error: the original error's own cause, reached through the `Arc`.
struct SharedCause(Arc<Error>);

impl SharedCause {
    fn cause(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0)
    }
}

impl fmt::Debug for SharedCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cause() {
            Some(cause) => fmt::Debug::fmt(cause, f),
            None => f.write_str("SharedCause"),
        }
    }
}

impl fmt::Display for SharedCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cause() {
            Some(cause) => fmt::Display::fmt(cause, f),
            None => Ok(()),
        }
    }
}

impl std::error::Error for SharedCause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause()?.source()
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
        // Valid for 10 s with a 30 s cap on the margin: the margin is a tenth of the
        // lifetime (1 s), so the token is kept.
        let (provider, fetches) = counting(Some(Duration::from_secs(10)), Duration::ZERO);
        assert_eq!(provider.token().await.expect("t1").expose(), "token-1");
        assert_eq!(provider.token().await.expect("cached").expose(), "token-1");
        assert_eq!(fetches.load(Ordering::SeqCst), 1);

        // A token that expires at once is fetched for every call.
        let (provider, fetches) = counting(Some(Duration::ZERO), Duration::ZERO);
        assert_eq!(provider.token().await.expect("t1").expose(), "token-1");
        assert_eq!(provider.token().await.expect("t2").expose(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn refreshes_after_expiry() {
        // 60 s: refreshed a tenth (6 s) before it expires.
        let (provider, fetches) = counting(Some(Duration::from_secs(60)), Duration::ZERO);
        assert_eq!(provider.token().await.expect("t1").expose(), "token-1");
        tokio::time::advance(Duration::from_secs(53)).await;
        assert_eq!(
            provider.token().await.expect("t1 cached").expose(),
            "token-1"
        );
        tokio::time::advance(Duration::from_secs(2)).await; // 5 s left < 6 s margin
        assert_eq!(provider.token().await.expect("t2").expose(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);

        // An hour-long token is refreshed at most 30 s (the cap) before it expires.
        let (provider, fetches) = counting(Some(Duration::from_secs(3600)), Duration::ZERO);
        provider.token().await.expect("t1");
        tokio::time::advance(Duration::from_secs(3569)).await;
        assert_eq!(provider.token().await.expect("cached").expose(), "token-1");
        tokio::time::advance(Duration::from_secs(2)).await;
        assert_eq!(provider.token().await.expect("t2").expose(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);

        // A smaller cap keeps it longer.
        let provider = provider.with_refresh_margin(Duration::from_secs(1));
        tokio::time::advance(Duration::from_secs(3598)).await;
        assert_eq!(provider.token().await.expect("cached").expose(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_ten_second_token_is_used_for_nine_tenths_of_its_life() {
        let (provider, fetches) = counting(Some(Duration::from_secs(10)), Duration::ZERO);
        // A call every 100 ms for 60 s: refreshed at 0, 9, 18, ..., 54 s.
        for _ in 0..600 {
            provider.token().await.expect("token");
            tokio::time::advance(Duration::from_millis(100)).await;
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 7);
    }

    /// Fails every fetch with `status`, after `delay`, counting fetches.
    struct Failing {
        fetches: Arc<AtomicUsize>,
        status: u16,
        delay: Duration,
    }

    impl TokenSource for Failing {
        fn fetch(&self) -> TokenFuture<'_> {
            Box::pin(async move {
                self.fetches.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(self.delay).await;
                let body = br#"{"errorCode":"AUTH","message":"invalid_client"}"#;
                Err(crate::ApiError::from_parts(self.status, &Default::default(), body).into())
            })
        }
    }

    fn failing(status: u16) -> (TokenProvider, Arc<AtomicUsize>) {
        let fetches = Arc::new(AtomicUsize::new(0));
        let source = Failing {
            fetches: fetches.clone(),
            status,
            delay: Duration::from_millis(50),
        };
        (TokenProvider::new(source), fetches)
    }

    async fn hundred_at_once(provider: &TokenProvider) -> Vec<Result<Secret, Error>> {
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let p = provider.clone();
                tokio::spawn(async move { p.token().await })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.expect("task panicked"));
        }
        results
    }

    #[tokio::test(start_paused = true)]
    async fn a_refusal_is_shared_and_remembered_briefly() {
        let (provider, fetches) = failing(401);
        for result in hundred_at_once(&provider).await {
            let error = result.expect_err("refused");
            assert_eq!(error.status(), Some(401));
            assert_eq!(
                error.code().map(ToString::to_string).as_deref(),
                Some("AUTH")
            );
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);

        // Remembered for 5 s (counted from the answer, 50 ms after the fetch started).
        tokio::time::advance(Duration::from_millis(4900)).await;
        assert_eq!(
            provider.token().await.expect_err("remembered").status(),
            Some(401)
        );
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        tokio::time::advance(Duration::from_millis(200)).await;
        assert_eq!(
            provider.token().await.expect_err("asked").status(),
            Some(401)
        );
        assert_eq!(fetches.load(Ordering::SeqCst), 2);

        // Without memory, every call asks again.
        let provider = provider.with_refusal_memory(Duration::ZERO);
        provider.token().await.expect_err("asked");
        assert_eq!(fetches.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn a_transient_failure_is_shared_but_not_remembered() {
        let (provider, fetches) = failing(503);
        for result in hundred_at_once(&provider).await {
            assert_eq!(result.expect_err("failed").status(), Some(503));
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        provider.token().await.expect_err("asked again");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_fetch_everyone_gave_up_on_is_dropped() {
        struct Hanging(Arc<AtomicUsize>);
        impl TokenSource for Hanging {
            fn fetch(&self) -> TokenFuture<'_> {
                self.0.fetch_add(1, Ordering::SeqCst);
                Box::pin(std::future::pending())
            }
        }
        let fetches = Arc::new(AtomicUsize::new(0));
        let provider = TokenProvider::new(Hanging(fetches.clone()));
        let tasks: Vec<_> = (0..100u64)
            .map(|i| {
                let p = provider.clone();
                let patience = Duration::from_millis(100 + i);
                tokio::spawn(async move { tokio::time::timeout(patience, p.token()).await })
            })
            .collect();
        for t in tasks {
            assert!(t.await.expect("task panicked").is_err(), "timed out");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1, "one fetch, shared");
        // Nobody waits any more: the next caller starts a new fetch.
        let _ = tokio::time::timeout(Duration::from_millis(10), provider.token()).await;
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn shared_errors_keep_their_kind_and_cause() {
        let io = std::io::Error::other("connection reset");
        let original = Arc::new(Error::Transport {
            message: "reading the answer failed".into(),
            source: Some(Box::new(io)),
            delivery: crate::Delivery::MayHaveReached,
            request: None,
        });
        let copy = share(&original);
        assert_eq!(copy.to_string(), original.to_string());
        let cause = std::error::Error::source(&copy).expect("a cause");
        assert_eq!(cause.to_string(), "connection reset");
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
