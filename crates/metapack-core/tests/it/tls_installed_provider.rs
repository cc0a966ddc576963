//! A provider the program installed as rustls's process default stays the default after
//! clients are built and used. (In a child process of its own: the process default is global.)

use crate::common;

use std::sync::Arc;

use common::tls_server;
use metapack_core::Runtime;
use metapack_core::tls::{self, rustls::crypto::CryptoProvider};

#[test]
fn an_installed_provider_stays_the_default() {
    common::own_process::block_on(
        concat!(module_path!(), "::an_installed_provider_stays_the_default"),
        installed_provider_stays_the_default(),
    );
}

/// The test itself, in a process of its own.
async fn installed_provider_stays_the_default() {
    // The program's own provider, recognisable by its single cipher suite.
    let mut mine = tls::crypto_provider()
        .map(|p| (*p).clone())
        .expect("a provider");
    mine.cipher_suites.truncate(1);
    mine.install_default().expect("first install");
    let installed = CryptoProvider::get_default().expect("installed");
    let installed_ptr = Arc::as_ptr(installed);

    let (runtime, http) = Runtime::builder("metapack-test", "9.9.9")
        .build()
        .expect("a runtime");
    let addr = tls_server::start().await;
    let own = reqwest::Client::builder()
        .tls_backend_preconfigured(
            tls::client_config_with_roots([tls_server::test_ca()]).expect("TLS configuration"),
        )
        .build()
        .expect("a client");
    let request = own
        .get(format!("https://localhost:{}/", addr.port()))
        .build()
        .expect("request");
    let response = runtime.execute(&own, request, "get").await.expect("answer");
    assert_eq!(response.status(), 200);
    drop(http);

    let now = CryptoProvider::get_default().expect("still installed");
    assert_eq!(Arc::as_ptr(now), installed_ptr, "the same provider");
    assert_eq!(
        now.cipher_suites.len(),
        1,
        "the program's provider, unchanged"
    );
}
