//! The request span: its fields, and that no credential reaches the logs.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use metapack_core::{Credentials, RetryPolicy, Runtime};
use metapack_testkit::{Reply, ScriptedServer as Server};
use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn one_span_per_request_with_its_fields_and_no_secrets() {
    let server = Server::start(vec![
        Reply::Respond(503, vec![], ""),
        Reply::Respond(200, vec![("x-trace-id", "trace-123")], "{}"),
    ])
    .await;
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let (runtime, http) = Runtime::builder("metapack-test", "1.0.0")
        .credentials(Credentials::basic("shop", "s3cr3t-pass"))
        .retry_policy(
            RetryPolicy::default()
                .with_base_delay(Duration::from_millis(1))
                .with_max_delay(Duration::from_millis(2)),
        )
        .build()
        .expect("runtime");
    let mut request = http
        .get(server.url("/things?key=also-secret&x=1"))
        .build()
        .expect("request");
    runtime.authorize(&mut request).await.expect("authorize");
    let response = runtime
        .execute(&http, request, "get_things")
        .await
        .expect("response");
    assert_eq!(response.status().as_u16(), 200);

    let logs = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf8");
    let closes: Vec<&str> = logs.lines().filter(|l| l.contains("close")).collect();
    assert_eq!(closes.len(), 1, "one span per request:\n{logs}");
    for field in [
        "metapack.request",
        "api=\"metapack-test\"",
        "operation_id=\"get_things\"",
        "method=GET",
        "path=\"/things\"",
        "status=200",
        "attempt=2",
        "duration_ms=",
        "trace_id=\"trace-123\"",
    ] {
        assert!(
            closes[0].contains(field),
            "{field} missing from: {}",
            closes[0]
        );
    }
    assert!(logs.contains("retrying"), "retries are logged:\n{logs}");
    // c2hvcDpzM2NyM3QtcGFzcw== is base64("shop:s3cr3t-pass").
    for secret in ["s3cr3t-pass", "c2hvcDpzM2NyM3QtcGFzcw==", "also-secret"] {
        assert!(!logs.contains(secret), "{secret} leaked into logs:\n{logs}");
    }
}
