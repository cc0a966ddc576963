//! [`CallSettings`]: per-call overrides of a client's timeouts and retry policy, in the
//! spirit of aws-sdk-rust's `customize()`.

use crate::{RetryPolicy, Timeouts};

/// Settings for some calls only, applied with
/// [`Runtime::with_call_settings`](crate::Runtime::with_call_settings) or an API client's
/// `with_call_settings`: a cheap clone of the client that shares its connection pool, token
/// cache and [retry budget](crate::retry#retry-budget), and differs only in what is set here.
///
/// - [`timeouts`](Self::timeouts) replaces the per-attempt and overall timeouts. The connect
///   timeout is a setting of the connection pool and stays the client's; a connect is still
///   bounded by the per-attempt timeout.
/// - [`retry_policy`](Self::retry_policy) replaces the attempts and backoff (and the costs
///   the call's retries take from the client's shared budget).
/// - [`retry_unsafe`](Self::retry_unsafe) lets the calls retry a request that is not
///   idempotent (a create) after it may have reached the server, like `with_retry_unsafe()`.
///
/// Applied to a clone that already has settings, the new ones are added: a field set again
/// replaces the earlier value, and `retry_unsafe` stays on once on.
///
/// ```
/// use metapack_core::{CallSettings, Credentials, RetryPolicy, Runtime, Timeouts};
/// use std::time::Duration;
///
/// let (runtime, http) = Runtime::builder("metapack-example", "0.1.0")
///     .credentials(Credentials::api_key("key"))
///     .build()?;
/// let patient = runtime.with_call_settings(
///     CallSettings::new()
///         .timeouts(Timeouts::default().with_overall(Duration::from_secs(120)))
///         .retry_policy(RetryPolicy::default().with_max_attempts(5)),
/// );
/// assert_eq!(patient.timeouts().overall(), Duration::from_secs(120));
/// assert_eq!(patient.retry_policy().max_attempts(), 5);
/// assert_eq!(runtime.retry_policy().max_attempts(), 3, "the client is unchanged");
/// # drop(http);
/// # Ok::<(), metapack_core::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct CallSettings {
    pub(crate) timeouts: Option<Timeouts>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) retry_unsafe: bool,
}

impl CallSettings {
    /// Settings that change nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The per-attempt and overall timeouts of these calls (the connect timeout stays the
    /// client's).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// The retry policy of these calls; [`RetryPolicy::disabled`] makes one attempt each.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Lets these calls retry requests that are not idempotent (POST, PATCH) even after they
    /// may have reached the server. Use it only where a duplicate is harmless or detectable.
    pub fn retry_unsafe(mut self) -> Self {
        self.retry_unsafe = true;
        self
    }

    /// `self` with the fields `later` sets replaced (`retry_unsafe` is kept if either has it).
    pub(crate) fn merged(&self, later: CallSettings) -> CallSettings {
        CallSettings {
            timeouts: later.timeouts.or_else(|| self.timeouts.clone()),
            retry: later.retry.or_else(|| self.retry.clone()),
            retry_unsafe: self.retry_unsafe || later.retry_unsafe,
        }
    }
}
