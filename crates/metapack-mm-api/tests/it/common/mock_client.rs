//! Clients of an httpmock server: the server is both the API host and the data host.

use std::time::Duration;

use httpmock::MockServer;
use metapack_mm_api::{MmApiClient, MmApiClientBuilder, RetryPolicy};

/// Retries that keep the suite fast: 3 attempts, 1 ms base delay, 5 ms cap.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5))
}

/// A builder whose host and data host are `server`, without credentials.
pub fn builder(server: &MockServer) -> MmApiClientBuilder {
    MmApiClient::builder()
        .host(server.base_url())
        .data_host(server.base_url())
}
