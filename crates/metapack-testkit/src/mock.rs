//! httpmock helpers shared by the request-shape tests of several crates (feature `httpmock`).

use httpmock::{HttpMockRequest, Mock, MockServer};

/// A matcher of requests with exactly `n` query parameters (so none beyond the ones a mock
/// asserts by name). Use as `.is_true(query_len(n))`.
pub fn query_len(n: usize) -> impl Fn(&HttpMockRequest) -> bool + Send + Sync + 'static {
    move |req| req.query_params().len() == n
}

/// A mock that answers every request with `status` and no body; tests of input refused
/// before sending assert that it was never called.
pub async fn catch_all(server: &MockServer, status: u16) -> Mock<'_> {
    server
        .mock_async(|_when, then| {
            then.status(status);
        })
        .await
}
