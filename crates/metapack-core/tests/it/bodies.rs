//! Bounded bodies and scrubbed secrets, against a loopback server that streams answers of any
//! size and counts what it managed to send. A counting allocator measures the client's peak
//! heap growth during a call (the tests of this binary take turns, so they do not see each
//! other's allocations).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use metapack_core::response::MAX_ERROR_READ;
use metapack_core::{
    ApiError, Credentials, Error, ResponseLimits, RetryPolicy, Runtime, Secret, StaticToken,
    TokenProvider, decode_json,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to `System` unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: same layout as given.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// One test at a time, so that the allocator's peak is this test's.
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Runs `call` and returns its output with the growth of the heap's peak above where it
/// started (the server streams from one reused chunk, so it allocates next to nothing).
async fn peak_growth<T>(call: impl std::future::Future<Output = T>) -> (T, usize) {
    let start = CURRENT.load(Ordering::Relaxed);
    PEAK.store(start, Ordering::Relaxed);
    let out = call.await;
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(start))
}

const MIB: u64 = 1024 * 1024;
const CHUNK: usize = 64 * 1024;

/// What the server answers to every request.
#[derive(Clone, Copy)]
struct Answer {
    status: u16,
    /// Body length; sent chunked unless `content_length`.
    len: u64,
    content_length: bool,
}

/// A loopback HTTP/1.1 server that answers every request with `answer` on keep-alive
/// connections, counting connections and the body bytes it managed to write.
struct Streamer {
    url: String,
    sent: Arc<AtomicU64>,
    connections: Arc<AtomicUsize>,
}

impl Streamer {
    async fn start(answer: Answer) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}/things", listener.local_addr().expect("addr"));
        let sent = Arc::new(AtomicU64::new(0));
        let connections = Arc::new(AtomicUsize::new(0));
        let (s, c) = (Arc::clone(&sent), Arc::clone(&connections));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                c.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, answer, Arc::clone(&s)));
            }
        });
        Self {
            url,
            sent,
            connections,
        }
    }

    fn sent(&self) -> u64 {
        self.sent.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, answer: Answer, sent: Arc<AtomicU64>) {
    let chunk = vec![b'x'; CHUNK];
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        head.clear();
        while !head.ends_with(b"\r\n\r\n") {
            match stream.read(&mut byte).await {
                Ok(1) => head.push(byte[0]),
                _ => return,
            }
        }
        let framing = if answer.content_length {
            format!("content-length: {}", answer.len)
        } else {
            "transfer-encoding: chunked".to_owned()
        };
        let reply = format!(
            "HTTP/1.1 {} X\r\ncontent-type: application/json\r\n{framing}\r\n\r\n",
            answer.status
        );
        if stream.write_all(reply.as_bytes()).await.is_err() {
            return;
        }
        let mut left = answer.len;
        while left > 0 {
            let n = usize::try_from(left.min(CHUNK as u64)).expect("chunk");
            let written = if answer.content_length {
                stream.write_all(&chunk[..n]).await
            } else {
                let frame = format!("{n:x}\r\n");
                let mut result = stream.write_all(frame.as_bytes()).await;
                if result.is_ok() {
                    result = stream.write_all(&chunk[..n]).await;
                }
                if result.is_ok() {
                    result = stream.write_all(b"\r\n").await;
                }
                result
            };
            if written.is_err() {
                return; // the client hung up
            }
            sent.fetch_add(n as u64, Ordering::SeqCst);
            left -= n as u64;
        }
        if !answer.content_length && stream.write_all(b"0\r\n\r\n").await.is_err() {
            return;
        }
    }
}

fn runtime(limit: u64, retry: RetryPolicy, credentials: Credentials) -> (Runtime, reqwest::Client) {
    Runtime::builder("metapack-test", "9.9.9")
        .credentials(credentials)
        .retry_policy(retry)
        .response_limits(ResponseLimits::default().with_json(limit))
        .build()
        .expect("runtime")
}

fn fast(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(attempts)
        .with_base_delay(std::time::Duration::from_millis(1))
        .with_max_delay(std::time::Duration::from_millis(2))
}

async fn get(rt: &Runtime, http: &reqwest::Client, url: &str) -> Result<reqwest::Response, Error> {
    let mut request = http.get(url).build().expect("request");
    rt.authorize(&mut request).await?;
    rt.execute(http, request, "getThings")
        .await
        .map_err(Error::from)
}

#[tokio::test]
async fn an_oversized_body_fails_typed_at_a_bounded_cost_and_the_client_goes_on() {
    let _turn = TURN.lock().await;
    let server = Streamer::start(Answer {
        status: 200,
        len: 64 * MIB,
        content_length: false,
    })
    .await;
    let (rt, http) = runtime(MIB, fast(3), Credentials::None);
    let (result, peak) = peak_growth(get(&rt, &http, &server.url)).await;
    let err = result.expect_err("too large");
    assert!(
        matches!(
            err,
            Error::BodyTooLarge {
                limit: MIB,
                content_length: None,
                request: Some(_)
            }
        ),
        "{err:?}"
    );
    assert!(!err.is_retryable() && err.may_have_reached_server());
    assert!(
        err.to_string()
            .contains("larger than the limit of 1048576 bytes"),
        "{err}"
    );
    // Give the server time to notice the hang-up, then read what it managed to send.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let sent = server.sent();
    eprintln!(
        "64 MiB chunked answer, limit 1 MiB: server sent {sent} bytes before the hang-up; \
         client heap peak grew {peak} bytes"
    );
    assert_eq!(server.connections.load(Ordering::SeqCst), 1, "not retried");
    // What the server sent is the limit plus what the kernel's socket buffers absorbed.
    assert!(sent < 12 * MIB, "server sent {sent} bytes of 64 MiB");
    assert!(peak < 4 * MIB as usize, "heap peak grew {peak} bytes");

    // The connection was not reused: the next request opens a new one, and works.
    let small = Streamer::start(Answer {
        status: 200,
        len: 10,
        content_length: true,
    })
    .await;
    get(&rt, &http, &small.url).await.expect("small answer");
    let again = get(&rt, &http, &server.url)
        .await
        .expect_err("still too large");
    assert!(matches!(again, Error::BodyTooLarge { .. }));
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        2,
        "a new connection"
    );
}

#[tokio::test]
async fn a_content_length_over_the_limit_fails_before_the_body_is_read() {
    let _turn = TURN.lock().await;
    let server = Streamer::start(Answer {
        status: 200,
        len: 64 * MIB,
        content_length: true,
    })
    .await;
    let (rt, http) = runtime(MIB, fast(3), Credentials::None);
    let (result, peak) = peak_growth(get(&rt, &http, &server.url)).await;
    let err = result.expect_err("too large");
    assert!(
        matches!(err, Error::BodyTooLarge { limit: MIB, content_length: Some(l), .. } if l == 64 * MIB),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("(Content-Length 67108864)"),
        "{err}"
    );
    eprintln!("64 MiB announced, limit 1 MiB: client heap peak grew {peak} bytes");
    assert!(peak < MIB as usize, "heap peak grew {peak} bytes");
}

#[tokio::test]
async fn a_body_at_the_limit_is_read_whole() {
    let _turn = TURN.lock().await;
    let server = Streamer::start(Answer {
        status: 200,
        len: MIB,
        content_length: false,
    })
    .await;
    let (rt, http) = runtime(MIB, fast(1), Credentials::None);
    let response = get(&rt, &http, &server.url).await.expect("at the limit");
    assert_eq!(response.bytes().await.expect("body").len() as u64, MIB);
}

#[tokio::test]
async fn a_huge_error_answer_is_read_only_as_far_as_an_error_keeps() {
    let _turn = TURN.lock().await;
    let server = Streamer::start(Answer {
        status: 500,
        len: 100 * MIB,
        content_length: false,
    })
    .await;
    let (rt, http) = runtime(MIB, fast(3), Credentials::None);
    let (result, peak) = peak_growth(async {
        let response = get(&rt, &http, &server.url).await.expect("500 answer");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("kept body");
        (
            status,
            body.len(),
            ApiError::from_parts(status, &headers, &body),
        )
    })
    .await;
    let (status, kept, error) = result;
    assert_eq!((status, kept), (500, MAX_ERROR_READ));
    assert_eq!(error.status, 500);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let attempts = server.connections.load(Ordering::SeqCst);
    let sent = server.sent();
    eprintln!(
        "100 MiB 500 answer, 3 attempts: server sent {sent} bytes in all ({} per attempt); \
         client heap peak grew {peak} bytes",
        sent / attempts as u64
    );
    assert_eq!(attempts, 3, "each attempt on a new connection");
    assert!(sent < 3 * 10 * MIB, "server sent {sent} bytes of 300 MiB");
    assert!(peak < MIB as usize, "heap peak grew {peak} bytes");
}

/// A loopback server that answers every request with `status` and `body`, once per request.
async fn echo_server(status: u16, headers: String, body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/things", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                match stream.read(&mut byte).await {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            let reply = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                 connection: close\r\n{headers}\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes()).await;
        }
    });
    url
}

async fn api_error(rt: &Runtime, http: &reqwest::Client, url: &str) -> Error {
    let response = get(rt, http, url).await.expect("answer");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("body");
    ApiError::from_parts(status, &headers, &body).into()
}

fn assert_hidden(err: &Error, secrets: &[&str]) {
    let shown = format!("{err:?} {err}");
    for secret in secrets {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    if let Error::Api(api) = err {
        for secret in secrets {
            assert!(!api.body.contains(secret) && !api.details.to_string().contains(secret));
        }
    }
}

#[tokio::test]
async fn a_basic_password_echoed_in_an_error_is_scrubbed() {
    let _turn = TURN.lock().await;
    let password = "pa55/word+Secret";
    let basic = base64_of(&format!("shop:{password}"));
    let body = format!(
        r#"{{"message":"bad credentials for shop:{password}","systemMessage":"Authorization: Basic {basic}","traceId":"pa55%2Fword%2BSecret"}}"#
    );
    let url = echo_server(401, format!("x-trace-id: {password}\r\n"), body).await;
    let (rt, http) = runtime(MIB, fast(1), Credentials::basic("shop", password));
    let err = api_error(&rt, &http, &url).await;
    assert_eq!(err.status(), Some(401));
    assert_hidden(&err, &[password, &basic, "pa55%2Fword%2BSecret"]);
    assert!(err.to_string().contains("[REDACTED]"), "{err}");
}

fn base64_of(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[tokio::test]
async fn a_bearer_token_echoed_in_an_error_is_scrubbed() {
    let _turn = TURN.lock().await;
    let token = "eyJhbGciOiJSUzI1NiJ9.payload.signature";
    let body = format!(r#"{{"message":"token {token} was revoked"}}"#);
    let url = echo_server(403, String::new(), body).await;
    let provider = TokenProvider::new(StaticToken::new(Secret::new(token)));
    let (rt, http) = runtime(MIB, fast(1), Credentials::Bearer(provider));
    let err = api_error(&rt, &http, &url).await;
    assert_eq!(err.status(), Some(403));
    assert_hidden(&err, &[token]);
}

#[tokio::test]
async fn an_api_key_echoed_in_a_malformed_success_answer_is_scrubbed() {
    let _turn = TURN.lock().await;
    let key = "0123456789abcdef-key";
    // Delivery Options echoes every query parameter; the answer is malformed (a number where
    // a string belongs) and the decoder's message would quote the value.
    let body = format!(
        r#"{{"header":{{"inputParameters":{{"key":"{key}","limit":"{key}"}}}},"results":7}}"#
    );
    let url = echo_server(200, String::new(), body).await;
    let (rt, http) = runtime(MIB, fast(1), Credentials::ApiKey(Secret::new(key)));
    let response = get(&rt, &http, &url).await.expect("answer");
    let body = response.bytes().await.expect("body");
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Find {
        header: serde_json::Value,
        results: Vec<String>,
    }
    let err = decode_json::<Find>(&body).expect_err("malformed");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_hidden(&err, &[key]);
    let Error::Decode { body_snippet, .. } = &err else {
        unreachable!()
    };
    assert!(
        body_snippet.contains(r#""key":"[REDACTED]""#),
        "{body_snippet}"
    );
}

#[tokio::test]
async fn a_streamed_document_is_never_held_whole() {
    let _turn = TURN.lock().await;
    let server = Streamer::start(Answer {
        status: 200,
        len: 64 * MIB,
        content_length: false,
    })
    .await;
    let (rt, http) = runtime(MIB, fast(1), Credentials::None);
    let request = http.get(&server.url).build().expect("request");
    let (written, peak) = peak_growth(async {
        let response = rt
            .execute_streamed(&http, request, "getDocument")
            .await
            .expect("answer");
        let mut sink = tokio::io::sink();
        metapack_core::response_limits::copy_bounded(response, &mut sink, 128 * MIB).await
    })
    .await;
    assert_eq!(written.expect("streamed"), 64 * MIB);
    eprintln!("64 MiB document streamed to a writer: client heap peak grew {peak} bytes");
    assert!(peak < MIB as usize, "heap peak grew {peak} bytes");

    let request = http.get(&server.url).build().expect("request");
    let response = rt
        .execute_streamed(&http, request, "getDocument")
        .await
        .expect("answer");
    let err = metapack_core::response_limits::copy_bounded(response, &mut tokio::io::sink(), MIB)
        .await
        .expect_err("over the document limit");
    assert!(
        matches!(err, Error::BodyTooLarge { limit: MIB, .. }),
        "{err:?}"
    );
}
