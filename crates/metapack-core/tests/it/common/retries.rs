//! The retry policy of the core tests that retry.

use std::time::Duration;

use metapack_core::RetryPolicy;

/// Retries that keep the suite fast: `attempts` attempts, 1 ms base delay, 5 ms cap.
pub fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(attempts)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5))
}
