//! The request span: its fields, and that no credential reaches the logs.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common;
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

// In a process of its own: tracing caches per callsite, process-wide, whether anyone listens,
// and other tests' threads (with no subscriber) would settle that first.
#[test]
fn one_span_per_request_with_its_fields_and_no_secrets() {
    common::own_process::block_on(
        concat!(
            module_path!(),
            "::one_span_per_request_with_its_fields_and_no_secrets"
        ),
        one_span_per_request(),
    );
}

/// The test itself, in a process of its own.
async fn one_span_per_request() {
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

#[test]
fn an_unreadable_timestamp_is_logged_by_a_bounded_prefix() {
    #[derive(serde::Deserialize)]
    struct Event {
        #[serde(default, deserialize_with = "metapack_core::lenient::option_datetime")]
        at: Option<chrono::DateTime<chrono::Utc>>,
    }
    let prefix = metapack_core::lenient::LOGGED_PREFIX;
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    // A 2-byte character straddles the cut, and a megabyte follows it.
    let huge = format!("{}é{}", "x".repeat(prefix - 1), "y".repeat(1 << 20));
    tracing::subscriber::with_default(subscriber, || {
        for at in [format!("{huge:?}"), "1e300".to_owned()] {
            let event: Event =
                serde_json::from_str(&format!(r#"{{"at": {at}}}"#)).expect("decodes");
            assert_eq!(event.at, None);
        }
    });
    let logs = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf8");
    let lines: Vec<&str> = logs.lines().collect();
    assert_eq!(lines.len(), 2, "{logs}");
    assert!(lines[0].contains(&"x".repeat(prefix - 1)), "{}", lines[0]);
    assert!(
        !lines[0].contains('é') && !lines[0].contains('y'),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains(&format!("len={}", huge.len())),
        "{}",
        lines[0]
    );
    assert!(lines.iter().all(|l| l.len() < 300), "{logs}");
    // 1e300 written out is 301 digits: only the prefix is logged.
    assert!(
        lines[1].contains("kind=\"number\"") && lines[1].contains("len=301"),
        "{}",
        lines[1]
    );
}
