//! [`Runtime`]: the state generated clients carry (credentials, retry
//! policy, timeouts) and the retry loop they execute requests through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use reqwest::ResponseBuilderExt as _;
use reqwest::header::{AUTHORIZATION, HeaderValue, RETRY_AFTER, USER_AGENT};
use tokio::time::Instant;
use tracing::{Instrument as _, Span, debug, field};

use crate::error::describe_reqwest;
use crate::redact::Secrets;
use crate::request_info::{self, Delivery, RequestInfo};
use crate::response_limits::{ResponseLimits, is_too_large, read_body};
use crate::retry::{
    Outcome, RetryBucket, is_idempotent, is_retryable_failure, parse_retry_after, should_retry,
};
use crate::user_agent::user_agent;
use crate::{CallSettings, Credentials, Error, RetryPolicy, Secret, Timeouts, TokenProvider};

/// Shared runtime of a generated client. Cheap to clone: clones share the credentials (and
/// their token cache) and the [retry budget](crate::retry#retry-budget).
///
/// ```
/// use metapack_core::{Credentials, RetryPolicy, Runtime};
///
/// let (runtime, http) = Runtime::builder("metapack-example", "0.1.0")
///     .credentials(Credentials::basic("user", "s3cret"))
///     .retry_policy(RetryPolicy::default().with_max_attempts(4))
///     .build()?;
/// assert_eq!(runtime.retry_policy().max_attempts(), 4);
/// assert!(!format!("{runtime:?}").contains("s3cret"));
/// # drop(http);
/// # Ok::<(), metapack_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Runtime {
    shared: Arc<Shared>,
    /// Per-call overrides ([`Runtime::with_call_settings`]); `None` for the client's own.
    call: Option<Arc<CallSettings>>,
}

struct Shared {
    api_name: &'static str,
    credentials: Credentials,
    /// The `Authorization` value of Basic credentials, encoded once (marked sensitive).
    basic_authorization: Option<HeaderValue>,
    retry: RetryPolicy,
    /// The tokens left of `retry`'s budget, shared by every clone.
    retry_bucket: RetryBucket,
    timeouts: Timeouts,
    user_agent: String,
    /// `user_agent` as a header, set on requests that carry none (a caller's own client).
    user_agent_header: HeaderValue,
    retry_safe_operations: &'static [&'static str],
    unsafe_operations: &'static [&'static str],
    limits: ResponseLimits,
    document_operations: &'static [&'static str],
    /// What the runtime's credentials send as secrets, scrubbed from every answer.
    secrets: Secrets,
}

/// Configures a [`Runtime`]; created by [`Runtime::builder`].
#[derive(Debug)]
#[must_use]
pub struct RuntimeBuilder {
    api_name: &'static str,
    crate_version: &'static str,
    pub(crate) credentials: Credentials,
    retry: RetryPolicy,
    timeouts: Timeouts,
    user_agent_suffix: Option<String>,
    retry_safe_operations: &'static [&'static str],
    unsafe_operations: &'static [&'static str],
    http_client: Option<reqwest::Client>,
    limits: ResponseLimits,
    document_operations: &'static [&'static str],
}

impl RuntimeBuilder {
    /// Sends requests through your own `reqwest::Client` (proxies, custom root certificates,
    /// pool settings) instead of building one. The runtime still applies its timeouts and
    /// `User-Agent` per request; the client's own connect timeout and TLS settings are used
    /// as they are. Start from [`crate::tls::http_client_builder`] to keep this crate's TLS
    /// configuration.
    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.http_client = Some(http_client);
        self
    }

    /// How requests are authenticated (default: none).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Retry policy (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Timeouts (default: [`Timeouts::default`]).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Appended to the `User-Agent`, e.g. `my-shop/1.0`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Operation ids that are idempotent by the API's own semantics (e.g. a
    /// POST "search") and may be retried like a PUT.
    pub fn retry_safe_operations(mut self, operation_ids: &'static [&'static str]) -> Self {
        self.retry_safe_operations = operation_ids;
        self
    }

    /// Operation ids whose HTTP method is idempotent but whose effect is not (e.g. a DELETE
    /// that removes a quantity): once sent, they are retried like a POST.
    pub fn unsafe_operations(mut self, operation_ids: &'static [&'static str]) -> Self {
        self.unsafe_operations = operation_ids;
        self
    }

    /// The largest answers read (default: [`ResponseLimits::default`]); a larger one fails
    /// with [`Error::BodyTooLarge`]. See [`crate::response_limits`].
    pub fn response_limits(mut self, limits: ResponseLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Operation ids whose answers are binary documents (labels, manifests), read up to
    /// [`ResponseLimits::document`] instead of [`ResponseLimits::json`].
    pub fn document_operations(mut self, operation_ids: &'static [&'static str]) -> Self {
        self.document_operations = operation_ids;
        self
    }

    /// Builds the runtime and the `reqwest::Client` the generated client
    /// should use: the one given to [`http_client`](Self::http_client), else a new one with
    /// this crate's TLS configuration ([`crate::tls::client_config`]; nothing is installed
    /// process-wide), the connect timeout and the `User-Agent`.
    pub fn build(self) -> Result<(Runtime, reqwest::Client), Error> {
        let user_agent = user_agent(
            self.api_name,
            self.crate_version,
            self.user_agent_suffix.as_deref(),
        );
        let basic_authorization = match &self.credentials {
            Credentials::Basic { username, password } => {
                if username.contains(':') {
                    return Err(Error::invalid_field(
                        "username",
                        "an HTTP Basic username cannot contain ':'",
                    ));
                }
                let raw = format!("{username}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
                Some(authorization_value(&format!("Basic {encoded}"))?)
            }
            _ => None,
        };
        let user_agent_header = HeaderValue::from_str(&user_agent).map_err(|_| {
            Error::invalid_field(
                "user_agent_suffix",
                "the User-Agent must be visible ASCII characters and spaces",
            )
        })?;
        let http = match self.http_client {
            Some(http) => http,
            None => crate::tls::http_client_builder()?
                .connect_timeout(self.timeouts.connect())
                .user_agent(user_agent_header.clone())
                .build()
                .map_err(Error::from_reqwest)?,
        };
        let secrets = Secrets::of_credentials(&self.credentials);
        let runtime = Runtime {
            shared: Arc::new(Shared {
                api_name: self.api_name,
                credentials: self.credentials,
                basic_authorization,
                retry_bucket: RetryBucket::new(self.retry.retry_budget()),
                retry: self.retry,
                timeouts: self.timeouts,
                user_agent,
                user_agent_header,
                retry_safe_operations: self.retry_safe_operations,
                unsafe_operations: self.unsafe_operations,
                limits: self.limits,
                document_operations: self.document_operations,
                secrets,
            }),
            call: None,
        };
        Ok((runtime, http))
    }
}

impl Runtime {
    /// Starts configuring a runtime. `api_name` is the client crate's name
    /// (`env!("CARGO_PKG_NAME")`), used in the `User-Agent` and traces;
    /// `crate_version` is its version (`env!("CARGO_PKG_VERSION")`).
    pub fn builder(api_name: &'static str, crate_version: &'static str) -> RuntimeBuilder {
        RuntimeBuilder {
            api_name,
            crate_version,
            credentials: Credentials::None,
            retry: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            user_agent_suffix: None,
            retry_safe_operations: &[],
            unsafe_operations: &[],
            http_client: None,
            limits: ResponseLimits::default(),
            document_operations: &[],
        }
    }

    /// A clone whose calls may retry non-idempotent requests (POST, PATCH)
    /// even after they may have reached the server. Use it only when the
    /// operation is safe to repeat, e.g. `client.with_retry_unsafe().create_x()`.
    /// Short for `with_call_settings(CallSettings::new().retry_unsafe())`.
    #[must_use]
    pub fn with_retry_unsafe(&self) -> Runtime {
        self.with_call_settings(CallSettings::new().retry_unsafe())
    }

    /// A clone whose calls use `settings` (timeouts, retry policy, unsafe retries) in place of
    /// the client's, sharing everything else: credentials and their token cache, the retry
    /// budget, and the connection pool of the `reqwest::Client` it is used with. Settings
    /// already on `self` stay unless `settings` sets them again. See [`CallSettings`].
    #[must_use]
    pub fn with_call_settings(&self, settings: CallSettings) -> Runtime {
        let settings = match &self.call {
            Some(earlier) => earlier.merged(settings),
            None => settings,
        };
        Runtime {
            shared: Arc::clone(&self.shared),
            call: Some(Arc::new(settings)),
        }
    }

    /// The API name given to [`Runtime::builder`].
    pub fn api_name(&self) -> &'static str {
        self.shared.api_name
    }

    /// The retry policy calls use: the [per-call](Self::with_call_settings) one, else the
    /// client's.
    pub fn retry_policy(&self) -> &RetryPolicy {
        self.call
            .as_ref()
            .and_then(|c| c.retry.as_ref())
            .unwrap_or(&self.shared.retry)
    }

    /// The timeouts calls use: the [per-call](Self::with_call_settings) ones, else the
    /// client's (the connect timeout is always the client's).
    pub fn timeouts(&self) -> &Timeouts {
        self.call
            .as_ref()
            .and_then(|c| c.timeouts.as_ref())
            .unwrap_or(&self.shared.timeouts)
    }

    /// The tokens left in the client-wide retry budget, shared by every clone; `None` when
    /// the client was built with [`RetryBudget::disabled`](crate::RetryBudget::disabled).
    pub fn retry_budget_available(&self) -> Option<u32> {
        self.shared.retry_bucket.available()
    }

    /// Whether calls may retry requests that are not idempotent ([`Self::with_retry_unsafe`]).
    fn retry_unsafe(&self) -> bool {
        self.call.as_ref().is_some_and(|c| c.retry_unsafe)
    }

    /// The largest answers read.
    pub fn response_limits(&self) -> &ResponseLimits {
        &self.shared.limits
    }

    /// The `User-Agent` sent with requests.
    pub fn user_agent(&self) -> &str {
        &self.shared.user_agent
    }

    /// Adds credentials to `request`: `Authorization: Basic` or `Bearer`
    /// (marked sensitive), or the `key` query parameter for API keys.
    ///
    /// [`execute`](Self::execute) calls it itself, within the call's overall timeout; call
    /// it only to send a request some other way.
    pub async fn authorize(&self, request: &mut reqwest::Request) -> Result<(), Error> {
        match &self.shared.credentials {
            Credentials::None => {}
            Credentials::Basic { .. } => {
                if let Some(value) = &self.shared.basic_authorization {
                    request.headers_mut().insert(AUTHORIZATION, value.clone());
                }
            }
            Credentials::Bearer(provider) => {
                let token = provider.token().await?;
                let value = authorization_value(&format!("Bearer {}", token.expose()))?;
                request.headers_mut().insert(AUTHORIZATION, value);
            }
            Credentials::ApiKey(key) => set_api_key(request.url_mut(), key),
        }
        Ok(())
    }

    /// Authorizes `request` ([`authorize`](Self::authorize)) and sends it with retries,
    /// per-attempt and overall timeouts, and a one-time bearer token refresh after a 401.
    /// Returns the last response or error as-is; see [`crate::retry`] for what is retried.
    ///
    /// Fetching a bearer token counts against the overall timeout: a token endpoint that
    /// hangs fails the call with [`Error::Timeout`] in time. When authorizing fails, nothing
    /// is sent and the `reqwest::Error` returned converts (`Error::from`) back into the typed
    /// error: the token endpoint's answer as an [`Error::Api`] (a 401 is not retryable), or
    /// the timeout or transport failure.
    ///
    /// The body is read within each attempt, up to the [`ResponseLimits`] of the operation
    /// (a larger success body fails with [`Error::BodyTooLarge`], not retried; an error body
    /// is read up to [`MAX_ERROR_READ`](crate::response::MAX_ERROR_READ)), and whatever the
    /// request sent as a secret is scrubbed from it (see [`crate::redact`]).
    pub async fn execute(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
        operation_id: &str,
    ) -> reqwest::Result<reqwest::Response> {
        let limit = if self.shared.document_operations.contains(&operation_id) {
            self.shared.limits.document()
        } else {
            self.shared.limits.json()
        };
        self.traced(http, request, operation_id, Some(limit)).await
    }

    /// [`execute`](Self::execute), leaving a success body unread for the caller to stream
    /// (e.g. with [`copy_bounded`](crate::response_limits::copy_bounded) and
    /// [`ResponseLimits::document`]). Error bodies are read and scrubbed as by `execute`.
    /// A success body that stalls or breaks off while the caller reads it fails the read;
    /// it is not retried.
    pub async fn execute_streamed(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
        operation_id: &str,
    ) -> reqwest::Result<reqwest::Response> {
        self.traced(http, request, operation_id, None).await
    }

    async fn traced(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
        operation_id: &str,
        limit: Option<u64>,
    ) -> reqwest::Result<reqwest::Response> {
        let span = tracing::info_span!(
            "metapack.request",
            api = self.shared.api_name,
            operation_id,
            method = %request.method(),
            path = request.url().path(),
            status = field::Empty,
            attempt = field::Empty,
            duration_ms = field::Empty,
            trace_id = field::Empty,
        );
        // Boxed: the retry loop's state is large, and callers' futures hold this one by value.
        Box::pin(self.run(http, request, operation_id, limit))
            .instrument(span)
            .await
    }

    /// `body_limit`: the largest success body read; `None` leaves success bodies unread.
    async fn run(
        &self,
        http: &reqwest::Client,
        mut request: reqwest::Request,
        operation_id: &str,
        body_limit: Option<u64>,
    ) -> reqwest::Result<reqwest::Response> {
        if !request.headers().contains_key(USER_AGENT) {
            let value = self.shared.user_agent_header.clone();
            request.headers_mut().insert(USER_AGENT, value);
        }
        let started = Instant::now();
        let deadline = started.checked_add(self.timeouts().overall());
        let left = || {
            deadline.map_or(Duration::MAX, |d| {
                d.saturating_duration_since(Instant::now())
            })
        };
        // An operation whose effect is not idempotent is classified as a POST, whatever its
        // HTTP method.
        let method = if self.shared.unsafe_operations.contains(&operation_id) {
            reqwest::Method::POST
        } else {
            request.method().clone()
        };
        let policy = self.retry_policy();
        let retry_unsafe =
            self.retry_unsafe() || self.shared.retry_safe_operations.contains(&operation_id);
        // What an error built from the outcome reports about the request (see `request_info`).
        let info = RequestInfo::new(
            request.method().as_str(),
            operation_id,
            retry_unsafe || is_idempotent(&method),
        );
        if let Err(error) = self.authorize_within(&mut request, left(), &info).await {
            debug!(error = %error, "not sent: authorizing the request failed");
            return crate::carried_error::into_reqwest(error).await;
        }
        let url = request.url().clone();
        let (mut attempt, mut sent, mut refreshed) = (0u32, 0u32, false);
        // Tokens the latest retry took from the budget: given back if it is answered.
        let mut leased = None;

        let result = loop {
            attempt += 1;
            sent += 1;
            // A copy for another attempt, made only when one can follow: a retry, or the one
            // repeat after a bearer token's refresh.
            let another_possible = attempt < policy.max_attempts()
                || (!refreshed && matches!(self.shared.credentials, Credentials::Bearer(_)));
            let spare = if another_possible {
                request.try_clone()
            } else {
                None
            };
            let limit = self
                .timeouts()
                .per_attempt()
                .min(left())
                .min(request.timeout().copied().unwrap_or(Duration::MAX));
            *request.timeout_mut() = Some(limit);
            let attempt_started = Instant::now();
            // The header only (a cheap copy): the secrets it adds are looked for in error
            // answers alone, so their searchers are built only for one.
            let authorization = request.headers().get(AUTHORIZATION).cloned();
            let secrets = |success: bool| {
                let own = self.shared.basic_authorization.as_ref();
                if success {
                    std::borrow::Cow::Borrowed(&self.shared.secrets)
                } else {
                    self.shared
                        .secrets
                        .with_authorization(authorization.as_ref(), own)
                }
            };
            let result = match http.execute(request).await {
                Ok(response) => buffered(response, body_limit, secrets, self.scrubbed_url()).await,
                Err(e) => Err(e),
            };
            log_attempt(sent, &result, attempt_started);

            let Some(mut next) = spare else {
                break result; // last attempt, or the body cannot be replayed
            };
            let status = result.as_ref().ok().map(|r| r.status().as_u16());

            if status == Some(401) && !refreshed {
                refreshed = true;
                if let Credentials::Bearer(provider) = &self.shared.credentials
                    && !left().is_zero()
                    && self
                        .refresh_bearer(provider, &mut next, left(), &info)
                        .await
                {
                    debug!("401 with a bearer token: token refreshed, retrying once");
                    attempt -= 1;
                    request = next;
                    continue;
                }
            }

            let (outcome, retry_after) = match &result {
                Ok(response) => (
                    Outcome::Status(response.status().as_u16()),
                    response
                        .headers()
                        .get(RETRY_AFTER)
                        .and_then(parse_retry_after),
                ),
                Err(e) if e.is_builder() || e.is_redirect() || is_too_large(e) => {
                    break result;
                }
                Err(e) if e.is_connect() => (Outcome::ConnectError, None),
                Err(_) => (Outcome::TransportError, None),
            };
            if attempt >= policy.max_attempts() || !should_retry(&method, outcome, retry_unsafe) {
                break result;
            }
            let delay = policy.backoff(attempt, retry_after);
            if delay >= left() {
                debug!(
                    delay_ms = millis(delay),
                    "not retrying: backoff would pass the overall deadline"
                );
                break result;
            }
            let timed_out = matches!(&result, Err(e) if e.is_timeout());
            let bucket = &self.shared.retry_bucket;
            let Some(cost) = bucket.try_take(policy.retry_budget(), timed_out) else {
                debug!(
                    attempt,
                    ?outcome,
                    available = bucket.available(),
                    "not retrying: the client's retry budget is exhausted"
                );
                break result;
            };
            leased = Some(cost);
            debug!(attempt, ?outcome, delay_ms = millis(delay), "retrying");
            drop(result);
            tokio::time::sleep(delay).await;
            request = next;
        };

        if let Ok(response) = &result
            && !is_retryable_failure(Outcome::Status(response.status().as_u16()))
        {
            let budget = policy.retry_budget();
            self.shared.retry_bucket.refund(budget, leased);
        }
        let result = request_info::mark(result, &info, &url);
        let span = Span::current();
        span.record("attempt", sent);
        span.record("duration_ms", millis(started.elapsed()));
        if let Ok(response) = &result
            && !span.is_disabled()
        {
            span.record("status", response.status().as_u16());
            if let Some(trace_id) = trace_id(response.headers()) {
                span.record("trace_id", trace_id);
            }
        }
        result
    }

    /// [`authorize`](Self::authorize) within `budget` (a bearer token fetch may take
    /// time; the other credentials never wait). A token fetch that timed out or failed in
    /// transport is reported about this request, which was not sent.
    async fn authorize_within(
        &self,
        request: &mut reqwest::Request,
        budget: Duration,
        info: &RequestInfo,
    ) -> Result<(), Error> {
        if !matches!(self.shared.credentials, Credentials::Bearer(_)) {
            return self.authorize(request).await;
        }
        let not_sent = || (Delivery::NotSent, Some(info.clone()));
        match tokio::time::timeout(budget, self.authorize(request)).await {
            Ok(Err(Error::Timeout { message, .. })) => {
                let (delivery, request) = not_sent();
                Err(Error::Timeout {
                    message: format!("fetching a bearer token: {message}"),
                    delivery,
                    request,
                })
            }
            Ok(Err(Error::Transport {
                message, source, ..
            })) => {
                let (delivery, request) = not_sent();
                Err(Error::Transport {
                    message: format!("fetching a bearer token: {message}"),
                    source,
                    delivery,
                    request,
                })
            }
            Ok(result) => result,
            Err(_) => {
                let (delivery, request) = not_sent();
                Err(Error::Timeout {
                    message: "fetching a bearer token took the whole overall timeout".to_owned(),
                    delivery,
                    request,
                })
            }
        }
    }

    /// Whether responses keep their URL without its query: an API key travels in the query.
    fn scrubbed_url(&self) -> bool {
        matches!(self.shared.credentials, Credentials::ApiKey(_))
    }

    /// Drops the token `request` was sent with and re-authorizes it.
    async fn refresh_bearer(
        &self,
        provider: &TokenProvider,
        request: &mut reqwest::Request,
        budget: Duration,
        info: &RequestInfo,
    ) -> bool {
        let stale = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(Secret::new);
        if let Some(stale) = &stale {
            provider.invalidate(stale).await;
        }
        match self.authorize_within(request, budget, info).await {
            Ok(()) => true,
            Err(e) => {
                debug!(error = %e, "token refresh after 401 failed");
                false
            }
        }
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("api_name", &self.shared.api_name)
            .field("credentials", &self.shared.credentials)
            .field("retry_policy", &self.shared.retry)
            .field("retry_budget_available", &self.retry_budget_available())
            .field("timeouts", &self.shared.timeouts)
            .field("user_agent", &self.shared.user_agent)
            .field("retry_safe_operations", &self.shared.retry_safe_operations)
            .field("unsafe_operations", &self.shared.unsafe_operations)
            .field("response_limits", &self.shared.limits)
            .field("document_operations", &self.shared.document_operations)
            .field("call_settings", &self.call)
            .finish()
    }
}

/// An `Authorization` header value, marked sensitive (kept out of logs and Debug).
fn authorization_value(value: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(value).map_err(|_| {
        Error::invalid_request(
            "credentials contain characters that are not allowed in an HTTP header",
        )
    })?;
    value.set_sensitive(true);
    Ok(value)
}

fn set_api_key(url: &mut url::Url, key: &Secret) {
    if url.query_pairs().any(|(k, _)| k == "key") {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != "key")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    url.query_pairs_mut().append_pair("key", key.expose());
}

/// Reads the whole body within the attempt, so that a body that stalls or breaks off counts
/// as a failed attempt (and is retried like one) instead of failing after the retry loop.
/// A success body is read up to `limit` bytes (`None`: left unread for the caller), an error
/// body up to what an error keeps; see [`crate::response_limits`]. The body (and an error's
/// headers) leave without the request's `secrets` (given whether the answer is a success).
///
/// The rebuilt response keeps the status, version, headers (moved, not copied) and URL
/// (without its query when `without_query`, so that an API key does not travel on).
async fn buffered<'a>(
    mut response: reqwest::Response,
    limit: Option<u64>,
    secrets: impl FnOnce(bool) -> std::borrow::Cow<'a, Secrets>,
    without_query: bool,
) -> reqwest::Result<reqwest::Response> {
    let success = response.status().is_success();
    let Some(limit) = limit.or((!success).then_some(0)) else {
        return Ok(response);
    };
    let status = response.status();
    let version = response.version();
    let mut headers = std::mem::take(response.headers_mut());
    let mut url = response.url().clone();
    if without_query {
        url.set_query(None);
    }
    let secrets = secrets(success);
    let body = secrets.scrub(read_body(&mut response, limit).await?, !success);
    if !success {
        secrets.scrub_headers(&mut headers);
    }
    // Only the URL extension is set, which cannot make the builder fail.
    let mut rebuilt = http::Response::builder()
        .url(url)
        .body(())
        .unwrap_or_default()
        .map(|()| body);
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    Ok(reqwest::Response::from(rebuilt))
}

fn trace_id(headers: &reqwest::header::HeaderMap) -> Option<&str> {
    ["x-trace-id", "traceid"]
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn log_attempt(attempt: u32, result: &reqwest::Result<reqwest::Response>, started: Instant) {
    let elapsed_ms = millis(started.elapsed());
    match result {
        Ok(response) => {
            debug!(
                attempt,
                status = response.status().as_u16(),
                elapsed_ms,
                "attempt finished"
            );
        }
        Err(e) => {
            let error = describe_reqwest(e);
            debug!(
                attempt,
                error,
                connect = e.is_connect(),
                timeout = e.is_timeout(),
                elapsed_ms,
                "attempt failed"
            );
        }
    }
}
