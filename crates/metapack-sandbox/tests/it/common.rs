//! Shared helpers of the sandbox integration tests.

/// An HTTP client for talking to the sandbox over loopback.
pub fn http() -> reqwest::Client {
    metapack_core::tls::http_client().expect("an HTTP client")
}
