//! With no rustls process default installed, clients still build and connect over TLS, and
//! building them installs nothing. (In a child process of its own: the process default is global.)

use crate::common;

use common::tls_server;
use metapack_core::tls::rustls::crypto::CryptoProvider;
use metapack_core::{Credentials, Error, RetryPolicy, Runtime, tls};

#[test]
fn clients_build_and_connect_without_installing_a_provider() {
    common::own_process::block_on(
        concat!(
            module_path!(),
            "::clients_build_and_connect_without_installing_a_provider"
        ),
        build_and_connect_without_a_provider(),
    );
}

/// The test itself, in a process of its own.
async fn build_and_connect_without_a_provider() {
    assert!(
        CryptoProvider::get_default().is_none(),
        "nothing installed yet"
    );
    let addr = tls_server::start().await;
    let url = format!("https://localhost:{}/things", addr.port());

    // The default client: it builds, and it does TLS with its own provider. The platform's
    // trust store does not know the test CA, so the handshake is refused for the certificate.
    let (runtime, http) = Runtime::builder("metapack-test", "9.9.9")
        .credentials(Credentials::basic("user", "s3cret"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("a runtime without a process-default provider");
    let request = http.get(&url).build().expect("request");
    let err = runtime
        .execute(&http, request, "getThings")
        .await
        .expect_err("the test CA is not in the platform's store");
    let text = format!("{:?}", Error::from(err));
    assert!(
        text.contains("certificate") || text.contains("UnknownIssuer"),
        "a certificate error, got {text}"
    );

    // Our configuration plus the test CA: the request goes through.
    let own = reqwest::Client::builder()
        .tls_backend_preconfigured(
            tls::client_config_with_roots([tls_server::test_ca()]).expect("TLS configuration"),
        )
        .build()
        .expect("a client");
    let (runtime, http) = Runtime::builder("metapack-test", "9.9.9")
        .http_client(own)
        .build()
        .expect("a runtime");
    let request = http.get(&url).build().expect("request");
    let response = runtime
        .execute(&http, request, "getThings")
        .await
        .expect("an HTTPS answer");
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("body"), "ok");

    assert!(
        CryptoProvider::get_default().is_none(),
        "building and using clients installed no process-wide provider"
    );
}
