//! TLS for the clients: an explicit rustls crypto provider and root store, with no
//! process-wide side effect.
//!
//! Every client builds its own [`rustls::ClientConfig`] ([`client_config`]): the crypto provider
//! chosen by this crate's features and the platform's trust store (through
//! `rustls-platform-verifier`, as `reqwest` does). Nothing is installed as rustls's process-wide
//! default, so a provider your program installed stays the default and is not replaced.
//!
//! | Feature | Provider | Cold `cargo build -p metapack-tracking` (2 cores) |
//! |---|---|---|
//! | `aws-lc-rs` (default) | rustls's default, with post-quantum key exchange (X25519MLKEM768); compiles the AWS-LC C library (C compiler, no cmake) | see the README |
//! | `ring` | *ring*: no post-quantum key exchange (rustls 0.23.48 deprecates its default provider for that reason) | see the README |
//!
//! `aws-lc-rs` wins when both features are on. With neither, the clients use the provider your
//! program installed as rustls's process default, and refuse to build (with an
//! [`Error::InvalidRequest`]) when there is none; or pass your own `reqwest::Client`.
//!
//! For proxies, extra root certificates or any other `reqwest` setting, build a client from
//! [`http_client_builder`] (or [`client_config_with_roots`]) and hand it to the builder with
//! `.http_client(...)`:
//!
//! ```
//! use metapack_core::tls;
//!
//! let http = tls::http_client_builder()?
//!     .pool_max_idle_per_host(4)
//!     .build()
//!     .map_err(metapack_core::Error::from)?;
//! let (runtime, http) = metapack_core::Runtime::builder("metapack-example", "0.1.0")
//!     .http_client(http)
//!     .build()?;
//! # drop((runtime, http));
//! # Ok::<(), metapack_core::Error>(())
//! ```

use std::sync::Arc;

use rustls::ClientConfig;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::CertificateDer;

use crate::Error;

pub use rustls;

/// The crypto provider the clients use: aws-lc-rs (feature `aws-lc-rs`, the default), else
/// *ring* (feature `ring`), else the process default your program installed.
///
/// Fails when no feature chooses a provider and none is installed.
pub fn crypto_provider() -> Result<Arc<CryptoProvider>, Error> {
    #[cfg(feature = "aws-lc-rs")]
    {
        Ok(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
    }
    #[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
    {
        // Deprecated in rustls 0.23.48 for lacking post-quantum key exchange; `ring` is the
        // opt-in alternative to aws-lc-rs and says so in its feature documentation.
        #[allow(deprecated)]
        let provider = rustls::crypto::ring::default_provider();
        Ok(Arc::new(provider))
    }
    #[cfg(not(any(feature = "aws-lc-rs", feature = "ring")))]
    {
        CryptoProvider::get_default().cloned().ok_or_else(|| {
            Error::invalid_request(
                "no TLS crypto provider: enable metapack-core's `aws-lc-rs` or `ring` feature, \
                 install a rustls process default, or pass your own reqwest::Client \
                 with .http_client(...)",
            )
        })
    }
}

/// The rustls configuration the clients use: [`crypto_provider`], the platform's trust store,
/// HTTP/2 and HTTP/1.1 offered by ALPN.
pub fn client_config() -> Result<ClientConfig, Error> {
    client_config_with_roots([])
}

/// [`client_config`] that also trusts `extra_roots` (e.g. a corporate proxy's CA), in DER.
pub fn client_config_with_roots(
    extra_roots: impl IntoIterator<Item = CertificateDer<'static>>,
) -> Result<ClientConfig, Error> {
    let provider = crypto_provider()?;
    let verifier = platform_verifier(extra_roots, provider.clone())
        .map_err(|e| tls_error("could not load the trusted root certificates", e))?;
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_error("the crypto provider supports no TLS version", e))?
        .dangerous() // only to plug in the platform verifier, which verifies certificates fully
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    // reqwest leaves ALPN to a preconfigured rustls configuration.
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// A `reqwest::ClientBuilder` using [`client_config`]: the starting point for your own
/// `reqwest::Client` (proxies, pool settings) to pass to a client builder's `.http_client(...)`.
pub fn http_client_builder() -> Result<reqwest::ClientBuilder, Error> {
    Ok(reqwest::Client::builder().tls_backend_preconfigured(client_config()?))
}

/// A plain `reqwest::Client` with [`client_config`], e.g. to call a local sandbox's routes
/// directly. (`reqwest::Client::new()` needs a rustls process default when `reqwest` is built
/// without a provider of its own, as this workspace builds it.)
pub fn http_client() -> Result<reqwest::Client, Error> {
    http_client_builder()?.build().map_err(Error::from)
}

#[cfg(not(target_os = "android"))]
fn platform_verifier(
    extra_roots: impl IntoIterator<Item = CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    rustls_platform_verifier::Verifier::new_with_extra_roots(extra_roots, provider)
}

/// Android's platform verifier takes no extra roots: refuse them rather than ignore them.
#[cfg(target_os = "android")]
fn platform_verifier(
    extra_roots: impl IntoIterator<Item = CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if extra_roots.into_iter().next().is_some() {
        return Err(rustls::Error::General(
            "extra root certificates are not supported on Android".to_owned(),
        ));
    }
    rustls_platform_verifier::Verifier::new(provider)
}

fn tls_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::invalid_request(format!(
        "TLS setup: {what}: {e}; or pass your own reqwest::Client with .http_client(...)"
    ))
}
