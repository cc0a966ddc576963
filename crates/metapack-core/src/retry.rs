//! [`RetryPolicy`], backoff, and the rules for which failures are retried.
//!
//! # What is retried
//!
//! A request is retried only while attempts remain, its body can be
//! replayed, and the overall deadline allows the backoff delay. Then,
//! by [`Outcome`]:
//!
//! | Outcome | Retried for |
//! |---|---|
//! | connect error (the request was never sent) | every method |
//! | timeout or other transport error after sending | idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) or opted in |
//! | 429, 502, 503, 504 | idempotent methods or opted in |
//! | 500 Internal Server Error | GET, PUT, DELETE or opted in |
//! | anything else | never |
//!
//! A `POST` or `PATCH` that reached the server is never retried without the opt-in, not even
//! after a 429 or 503: such statuses usually mean nothing was processed, but a proxy can send
//! them after the origin created something, and a duplicate consignment is a duplicate label.
//!
//! "Opted in" means the call was made through
//! [`Runtime::with_retry_unsafe`](crate::Runtime::with_retry_unsafe) or its
//! operation id is listed in
//! [`RuntimeBuilder::retry_safe_operations`](crate::RuntimeBuilder::retry_safe_operations).
//!
//! After the runtime gives up, the [`Error`](crate::Error) follows the same rules:
//! [`Error::is_retryable`](crate::Error::is_retryable) is false for a POST or PATCH that may
//! have reached the server, and
//! [`Error::may_have_reached_server`](crate::Error::may_have_reached_server) says whether a
//! create must be looked up before it is sent again.
//!
//! # Backoff
//!
//! Exponential with full jitter: before attempt `n + 1` the delay is random
//! in `[0, min(max_delay, base_delay * 2^(n-1))]`. A `Retry-After` header
//! replaces that delay, clamped to `max_delay`.
//!
//! # Retry budget
//!
//! Retries also draw on a client-wide [`RetryBudget`], the token bucket of aws-sdk-rust's
//! standard retry mode, so that a sustained outage is not met with a multiple of the normal
//! load. One bucket is shared by every clone of a client (and by its
//! [`with_retry_unsafe`](crate::Runtime::with_retry_unsafe) and
//! [`with_call_settings`](crate::Runtime::with_call_settings) clones); it starts full.
//!
//! | Event | Tokens (default) |
//! |---|---|
//! | capacity, and the starting level | 500 |
//! | a retry after an error status or a connect/transport error | −5 |
//! | a retry after a timeout | −10 |
//! | a call that ends with an answer after a retry | the last retry's tokens come back |
//! | a call that ends with an answer on its first attempt | +1 (up to the capacity) |
//!
//! "An answer" is any response that is not itself a retryable failure (429, 500, 502, 503,
//! 504): a 404 shows a healthy server as well as a 200 does. When the bucket holds fewer
//! tokens than a retry costs, the retry is not made and the call returns its last outcome (a
//! debug event says so); the first attempt of a call is always made.
//!
//! What this bounds: during a full outage nothing is refunded, so all clones together make
//! at most `capacity / cost` retries, 500 / 5 = 100 (50 if every attempt times out), however
//! long the outage lasts: with the default three attempts, the first 50 failing calls retry
//! and every later one makes a single request. Over 1,000 calls that is 1,100 requests
//! (+10%), over 10,000 calls +1%, where retries without a budget would make 3 requests per
//! call (+200%). While the server is partly healthy, a retry that fails must be paid for by
//! five first-attempt successes, and retries that succeed cost nothing, so retries keep
//! helping with scattered failures. The bucket refills by one token per healthy call: after
//! an outage, retries resume once five calls have succeeded.
//!
//! A per-call policy ([`CallSettings::retry_policy`](crate::CallSettings::retry_policy))
//! spends from the client's bucket at its own costs; a per-call policy whose budget is
//! [`RetryBudget::disabled`] makes that call's retries neither spend nor refund tokens.
//! [`RetryPolicy::disabled`] makes no retries and so spends nothing, but still refunds.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::Method;
use reqwest::header::HeaderValue;

/// How many times, and how patiently, failed requests are retried.
///
/// ```
/// use metapack_core::RetryPolicy;
/// use std::time::Duration;
///
/// let policy = RetryPolicy::default()
///     .with_max_attempts(5)
///     .with_max_delay(Duration::from_secs(2));
/// assert_eq!(policy.max_attempts(), 5);
/// assert!(policy.backoff(4, None) <= Duration::from_secs(2));
/// assert_eq!(RetryPolicy::disabled().max_attempts(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    budget: RetryBudget,
}

impl Default for RetryPolicy {
    /// 3 attempts, 100 ms base delay, 20 s cap, the default [`RetryBudget`].
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(20),
            budget: RetryBudget::default(),
        }
    }
}

impl RetryPolicy {
    /// A policy that makes a single attempt.
    pub fn disabled() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Total attempts including the first (values below 1 are treated as 1).
    #[must_use]
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Base of the exponential backoff.
    #[must_use]
    pub fn with_base_delay(mut self, base_delay: Duration) -> Self {
        self.base_delay = base_delay;
        self
    }

    /// Upper bound of any single delay, including one asked for by `Retry-After`.
    #[must_use]
    pub fn with_max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }

    /// The client-wide retry budget (see the [module docs](self#retry-budget));
    /// [`RetryBudget::disabled`] lets every call make all its attempts, whatever the others do.
    ///
    /// ```
    /// use metapack_core::{RetryBudget, RetryPolicy};
    ///
    /// let policy = RetryPolicy::default().with_retry_budget(RetryBudget::default().with_capacity(100));
    /// assert_eq!(policy.retry_budget().capacity(), 100);
    /// assert!(!RetryPolicy::default().with_retry_budget(RetryBudget::disabled()).retry_budget().is_enabled());
    /// ```
    #[must_use]
    pub fn with_retry_budget(mut self, budget: RetryBudget) -> Self {
        self.budget = budget;
        self
    }

    /// The retry budget.
    pub fn retry_budget(&self) -> &RetryBudget {
        &self.budget
    }

    /// Total attempts including the first.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Base of the exponential backoff.
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// Upper bound of any single delay.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// Delay after failed attempt number `attempt` (1-based).
    ///
    /// `retry_after` (from the response's `Retry-After`) wins, clamped to
    /// [`max_delay`](Self::max_delay); otherwise full jitter over
    /// `[0, min(max_delay, base_delay * 2^(attempt-1))]`.
    pub fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(self.max_delay);
        }
        let exp = attempt.saturating_sub(1).min(31);
        let ceiling = self
            .base_delay
            .checked_mul(1u32 << exp)
            .unwrap_or(Duration::MAX)
            .min(self.max_delay);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

/// The token bucket that limits retries client-wide (see the [module docs](self#retry-budget)).
///
/// ```
/// use metapack_core::RetryBudget;
///
/// let budget = RetryBudget::default();
/// assert_eq!(
///     (budget.capacity(), budget.retry_cost(), budget.timeout_retry_cost(), budget.success_refund()),
///     (500, 5, 10, 1),
/// );
/// // A full outage: at most capacity / retry_cost retries in all.
/// assert_eq!(budget.capacity() / budget.retry_cost(), 100);
/// let strict = RetryBudget::default().with_capacity(50).with_retry_cost(10);
/// assert_eq!(strict.capacity() / strict.retry_cost(), 5);
/// assert!(!RetryBudget::disabled().is_enabled());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryBudget {
    enabled: bool,
    capacity: u32,
    retry_cost: u32,
    timeout_retry_cost: u32,
    success_refund: u32,
}

impl Default for RetryBudget {
    /// aws-sdk-rust's standard mode: capacity 500, a retry costs 5, a retry after a timeout
    /// 10, a first-attempt success refunds 1.
    fn default() -> Self {
        Self {
            enabled: true,
            capacity: 500,
            retry_cost: 5,
            timeout_retry_cost: 10,
            success_refund: 1,
        }
    }
}

impl RetryBudget {
    /// No budget: retries are limited only by the policy's attempts and the deadline.
    pub fn disabled() -> Self {
        Self {
            enabled: false,
            ..Self::default()
        }
    }

    /// Tokens the bucket holds when full, and at the start.
    #[must_use]
    pub fn with_capacity(mut self, capacity: u32) -> Self {
        self.capacity = capacity;
        self
    }

    /// Tokens a retry after an error status or a transport error takes.
    #[must_use]
    pub fn with_retry_cost(mut self, cost: u32) -> Self {
        self.retry_cost = cost;
        self
    }

    /// Tokens a retry after a timeout takes (a timeout suggests an overloaded server).
    #[must_use]
    pub fn with_timeout_retry_cost(mut self, cost: u32) -> Self {
        self.timeout_retry_cost = cost;
        self
    }

    /// Tokens a call answered on its first attempt puts back.
    #[must_use]
    pub fn with_success_refund(mut self, refund: u32) -> Self {
        self.success_refund = refund;
        self
    }

    /// Whether retries draw on the bucket at all.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Tokens the bucket holds when full.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Tokens a retry after an error status or a transport error takes.
    pub fn retry_cost(&self) -> u32 {
        self.retry_cost
    }

    /// Tokens a retry after a timeout takes.
    pub fn timeout_retry_cost(&self) -> u32 {
        self.timeout_retry_cost
    }

    /// Tokens a call answered on its first attempt puts back.
    pub fn success_refund(&self) -> u32 {
        self.success_refund
    }
}

/// The shared state of a [`RetryBudget`]: the tokens left, shared by a client's clones.
#[derive(Debug)]
pub(crate) struct RetryBucket {
    /// `None` when the client was built with a disabled budget.
    tokens: Option<AtomicU32>,
    capacity: u32,
}

impl RetryBucket {
    /// A full bucket for `budget`.
    pub(crate) fn new(budget: &RetryBudget) -> Self {
        Self {
            tokens: budget.enabled.then(|| AtomicU32::new(budget.capacity)),
            capacity: budget.capacity,
        }
    }

    /// Tokens left, or `None` without a budget.
    pub(crate) fn available(&self) -> Option<u32> {
        self.tokens.as_ref().map(|t| t.load(Ordering::Relaxed))
    }

    /// Takes the cost of a retry (`timed_out`: after a timeout) under a call's `budget`.
    /// `Some(cost)` when the retry may go ahead (0 when no budget applies), `None` when the
    /// bucket holds too few tokens.
    pub(crate) fn try_take(&self, budget: &RetryBudget, timed_out: bool) -> Option<u32> {
        let Some(tokens) = self.tokens.as_ref().filter(|_| budget.enabled) else {
            return Some(0);
        };
        let cost = if timed_out {
            budget.timeout_retry_cost
        } else {
            budget.retry_cost
        };
        tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .ok()
            .map(|_| cost)
    }

    /// Settles a call that ended with a healthy answer: gives back the tokens its last retry
    /// took (`leased`), or the budget's refund when it made no retry. Never above capacity.
    pub(crate) fn refund(&self, budget: &RetryBudget, leased: Option<u32>) {
        let Some(tokens) = self.tokens.as_ref().filter(|_| budget.enabled) else {
            return;
        };
        let amount = leased.unwrap_or(budget.success_refund);
        let _ = tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
            Some(t.saturating_add(amount).min(self.capacity))
        });
    }
}

/// Whether `outcome` is a failure the [retry rules](self) may retry (connect and transport
/// errors, 429, 500, 502, 503, 504), as opposed to an answer from a healthy server.
pub(crate) fn is_retryable_failure(outcome: Outcome) -> bool {
    matches!(
        outcome,
        Outcome::ConnectError
            | Outcome::TransportError
            | Outcome::Status(429 | 500 | 502 | 503 | 504)
    )
}

/// What happened to one attempt, for [`should_retry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The connection could not be established; the request was never sent.
    ConnectError,
    /// A timeout or other transport failure after the request may have been sent.
    TransportError,
    /// The server answered with this HTTP status.
    Status(u16),
}

/// Whether `method` is idempotent per RFC 9110 (GET, HEAD, PUT, DELETE, OPTIONS).
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    )
}

/// Applies the rules in the [module docs](self). `retry_unsafe` is the
/// caller's opt-in to retry non-idempotent requests that may have been
/// processed.
pub fn should_retry(method: &Method, outcome: Outcome, retry_unsafe: bool) -> bool {
    let idempotent = retry_unsafe || is_idempotent(method);
    match outcome {
        Outcome::ConnectError => true,
        Outcome::TransportError => idempotent,
        Outcome::Status(429 | 502 | 503 | 504) => idempotent,
        Outcome::Status(500) => {
            retry_unsafe || matches!(*method, Method::GET | Method::PUT | Method::DELETE)
        }
        Outcome::Status(_) => false,
    }
}

/// Parses a `Retry-After` value: delay-seconds or an IMF-fixdate HTTP date
/// (a date in the past yields zero).
///
/// ```
/// use metapack_core::retry::parse_retry_after;
/// use reqwest::header::HeaderValue;
/// use std::time::Duration;
///
/// assert_eq!(parse_retry_after(&HeaderValue::from_static("7")), Some(Duration::from_secs(7)));
/// assert_eq!(
///     parse_retry_after(&HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT")),
///     Some(Duration::ZERO),
/// );
/// assert_eq!(parse_retry_after(&HeaderValue::from_static("soon")), None);
/// ```
pub fn parse_retry_after(value: &HeaderValue) -> Option<Duration> {
    let text = value.to_str().ok()?.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(text.parse().unwrap_or(u64::MAX)));
    }
    let at = parse_http_date(text)?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Parses `Sun, 06 Nov 1994 08:49:37 GMT` (an IMF-fixdate, which RFC 2822 dates include) into
/// seconds since the Unix epoch.
fn parse_http_date(s: &str) -> Option<u64> {
    let at = chrono::DateTime::parse_from_rfc2822(s).ok()?;
    u64::try_from(at.timestamp()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_full_jitter_stays_within_bounds() {
        let p = RetryPolicy::default()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(500));
        let mut saw_small = false;
        for _ in 0..1000 {
            assert!(p.backoff(1, None) <= Duration::from_millis(100));
            assert!(p.backoff(2, None) <= Duration::from_millis(200));
            let d = p.backoff(10, None);
            assert!(d <= Duration::from_millis(500));
            saw_small |= d < Duration::from_millis(250);
            assert!(p.backoff(u32::MAX, None) <= Duration::from_millis(500));
        }
        assert!(saw_small, "jitter should spread over [0, cap]");
        assert!(p.backoff(0, None) <= Duration::from_millis(100));
    }

    #[test]
    fn retry_after_wins_and_is_clamped() {
        let p = RetryPolicy::default().with_max_delay(Duration::from_secs(5));
        assert_eq!(
            p.backoff(1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            p.backoff(1, Some(Duration::from_secs(3600))),
            Duration::from_secs(5)
        );
        assert_eq!(p.backoff(3, Some(Duration::ZERO)), Duration::ZERO);
    }

    #[test]
    fn policy_setters() {
        let p = RetryPolicy::default();
        assert_eq!(
            (p.max_attempts(), p.base_delay(), p.max_delay()),
            (3, Duration::from_millis(100), Duration::from_secs(20))
        );
        assert_eq!(
            RetryPolicy::default().with_max_attempts(0).max_attempts(),
            1
        );
        assert_eq!(RetryPolicy::disabled().max_attempts(), 1);
    }

    #[test]
    fn bucket_drains_refunds_and_caps() {
        let budget = RetryBudget::default().with_capacity(12);
        let bucket = RetryBucket::new(&budget);
        assert_eq!(bucket.try_take(&budget, false), Some(5));
        assert_eq!(bucket.try_take(&budget, false), Some(5));
        assert_eq!(bucket.available(), Some(2));
        assert_eq!(bucket.try_take(&budget, false), None, "2 tokens < 5");
        bucket.refund(&budget, None);
        bucket.refund(&budget, None);
        bucket.refund(&budget, None);
        assert_eq!(bucket.available(), Some(5));
        assert_eq!(
            bucket.try_take(&budget, true),
            None,
            "a timeout retry costs 10"
        );
        assert_eq!(bucket.try_take(&budget, false), Some(5));
        bucket.refund(&budget, Some(10));
        bucket.refund(&budget, Some(10));
        assert_eq!(bucket.available(), Some(12), "capped at the capacity");
        // A call whose own budget is disabled neither spends nor refunds.
        let exempt = RetryBudget::disabled();
        assert_eq!(bucket.try_take(&exempt, true), Some(0));
        assert_eq!(bucket.available(), Some(12));
        // A client without a budget never refuses.
        let none = RetryBucket::new(&RetryBudget::disabled());
        assert_eq!(none.available(), None);
        assert_eq!(none.try_take(&budget, true), Some(0));
    }

    #[test]
    fn retryable_failures() {
        use Outcome::*;
        for outcome in [
            ConnectError,
            TransportError,
            Status(429),
            Status(500),
            Status(503),
        ] {
            assert!(is_retryable_failure(outcome), "{outcome:?}");
        }
        for outcome in [Status(200), Status(404), Status(401), Status(501)] {
            assert!(!is_retryable_failure(outcome), "{outcome:?}");
        }
    }

    #[test]
    fn should_retry_matrix() {
        use Outcome::*;
        let (get, post, put, del, patch, head) = (
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::PATCH,
            Method::HEAD,
        );
        // (method, outcome, expected without opt-in)
        let cases = [
            (&post, ConnectError, true),
            (&patch, ConnectError, true),
            (&get, TransportError, true),
            (&put, TransportError, true),
            (&post, TransportError, false),
            (&patch, TransportError, false),
            (&post, Status(429), false),
            (&post, Status(503), false),
            (&patch, Status(503), false),
            (&get, Status(429), true),
            (&get, Status(503), true),
            (&get, Status(502), true),
            (&post, Status(502), false),
            (&post, Status(504), false),
            (&del, Status(504), true),
            (&get, Status(500), true),
            (&put, Status(500), true),
            (&del, Status(500), true),
            (&head, Status(500), false),
            (&post, Status(500), false),
            (&get, Status(400), false),
            (&get, Status(401), false),
            (&get, Status(404), false),
            (&get, Status(200), false),
            (&get, Status(501), false),
        ];
        for (method, outcome, expected) in cases {
            assert_eq!(
                should_retry(method, outcome, false),
                expected,
                "{method} {outcome:?}"
            );
        }
        for outcome in [TransportError, Status(500), Status(502), Status(504)] {
            assert!(should_retry(&post, outcome, true), "{outcome:?}");
        }
        assert!(!should_retry(&post, Status(400), true));
        assert!(!should_retry(&post, Status(409), true));
    }

    #[test]
    fn retry_after_parsing() {
        let hv = HeaderValue::from_static;
        assert_eq!(parse_retry_after(&hv("0")), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after(&hv(" 120 ")),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(&hv("-1")), None);
        assert_eq!(parse_retry_after(&hv("1.5")), None);
        assert_eq!(parse_retry_after(&hv("")), None);
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2000 12:00:00 GMT"),
            Some(951_825_600)
        );
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        let parsed = parse_retry_after(&hv("Fri, 01 Jan 2100 00:00:00 GMT")).expect("future date");
        assert!(
            parsed > Duration::from_secs(3600 * 24 * 365 * 50),
            "{parsed:?}"
        );
    }
}
