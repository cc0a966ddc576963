//! Errors that say what happened, against the embedded sandbox: an API error's `Display` is
//! one line with Metapack's `systemMessage`, its `Debug` is compact, and it tells whether the
//! request may have reached the server.

use metapack_shipping::{Credentials, Environment, PaperworkOptions, ShippingClient};
use metapack_tests::gb_consignment;

#[tokio::test]
async fn paperwork_of_an_unallocated_consignment_says_what_to_do() {
    let (_sandbox, client) = metapack_tests::shipping_sandbox().await;
    // Created without shipping rules: unallocated, so there is nothing to print yet.
    let created = client
        .create_consignment(&gb_consignment("ORDER-ERRORS-1", 1))
        .await
        .expect("create");
    let code = created.consignment_code().expect("a code").to_owned();

    let err = client
        .get_consignment_paperwork(&code, &PaperworkOptions::new())
        .await
        .expect_err("409: wrong state for printing");
    assert_eq!(err.status(), Some(409));
    let api = err.api().expect("an API error");
    let system_message = api.system_message.as_deref().expect("a systemMessage");
    assert!(system_message.contains(&code), "{system_message}");
    let trace_id = api.trace_id.as_deref().expect("a trace id");

    // Display: status, code, message, systemMessage and trace id on one line.
    let shown = err.to_string();
    assert_eq!(
        shown,
        format!(
            "HTTP 409 CONSIGNMENT_STATUS_CONFLICT: Wrong state for printing: {system_message} \
             (trace id {trace_id})"
        )
    );
    assert!(
        shown.contains(&format!(
            "consignment {code} is unallocated; get paperwork accepts allocated, printed, \
             readyToManifest"
        )),
        "{shown}"
    );
    assert!(!shown.contains('\n'));

    // Debug: compact, each part once, the JSON body not repeated.
    let debug = format!("{err:?}");
    assert!(debug.len() < 500, "{} chars: {debug}", debug.len());
    assert_eq!(debug.matches(system_message).count(), 1, "{debug}");
    assert_eq!(
        debug.matches("Wrong state for printing").count(),
        1,
        "{debug}"
    );
    assert!(!debug.contains("errorCode"), "no raw JSON body: {debug}");
    assert!(
        debug.contains("request: GET get_consignment_paperwork"),
        "{debug}"
    );

    // A read answered by the server: it reached it; a 409 will not change by itself.
    assert!(err.may_have_reached_server());
    assert!(!err.is_retryable());
    let request = err.request().expect("the runtime's request");
    assert_eq!(request.method, "GET");
    assert!(request.safe_to_repeat);
}

#[tokio::test]
async fn a_create_refused_by_a_closed_port_certainly_did_not_reach_the_server() {
    let addr = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr")
    }; // dropped: nothing listens there any more
    let client = ShippingClient::builder()
        .credentials(Credentials::basic("user", "password"))
        .environment(Environment::custom(&format!("http://{addr}")).expect("loopback URL"))
        .retry_policy(metapack_shipping::RetryPolicy::disabled())
        .build()
        .expect("client builds");
    let err = client
        .create_consignment(&gb_consignment("ORDER-ERRORS-2", 1))
        .await
        .expect_err("connection refused");
    assert!(!err.may_have_reached_server(), "{err:?}");
    assert!(err.is_retryable(), "safe to send the create again");
    let request = err.request().expect("the runtime's request");
    assert_eq!(
        (request.method.as_str(), request.operation_id.as_str()),
        ("POST", "create_consignment")
    );
    assert!(!request.safe_to_repeat);
}
