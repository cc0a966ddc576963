//! [`Timeouts`]: connect, per-attempt and overall limits.
//!
//! Metapack's MM-API documents server-side processing limits of about 6 s
//! (11 s for fetching collections by URI). The default per-attempt timeout
//! of 20 s leaves headroom above those for network latency and slow
//! gateways, while the overall timeout (60 s) bounds the whole call: every
//! attempt plus the backoff sleeps between them. An attempt never runs past
//! the overall deadline, and no retry starts if its backoff would end after
//! it.

use std::time::Duration;

/// Time limits applied to every call.
///
/// ```
/// use metapack_core::Timeouts;
/// use std::time::Duration;
///
/// let t = Timeouts::default().with_overall(Duration::from_secs(30));
/// assert_eq!(t.per_attempt(), Duration::from_secs(20));
/// assert_eq!(t.overall(), Duration::from_secs(30));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeouts {
    connect: Duration,
    per_attempt: Duration,
    overall: Duration,
}

impl Default for Timeouts {
    /// Connect 5 s, per attempt 20 s, overall 60 s.
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(5),
            per_attempt: Duration::from_secs(20),
            overall: Duration::from_secs(60),
        }
    }
}

impl Timeouts {
    /// Limit for establishing a connection (TCP + TLS).
    pub fn connect(&self) -> Duration {
        self.connect
    }

    /// Limit for one attempt, from sending until the body has been read.
    pub fn per_attempt(&self) -> Duration {
        self.per_attempt
    }

    /// Limit for the whole call including retries and backoff.
    pub fn overall(&self) -> Duration {
        self.overall
    }

    /// Sets the connect timeout.
    #[must_use]
    pub fn with_connect(mut self, connect: Duration) -> Self {
        self.connect = connect;
        self
    }

    /// Sets the per-attempt timeout.
    #[must_use]
    pub fn with_per_attempt(mut self, per_attempt: Duration) -> Self {
        self.per_attempt = per_attempt;
        self
    }

    /// Sets the overall timeout.
    #[must_use]
    pub fn with_overall(mut self, overall: Duration) -> Self {
        self.overall = overall;
        self
    }
}
