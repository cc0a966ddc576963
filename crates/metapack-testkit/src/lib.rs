//! Test support shared by the workspace's crates (not published): a tiny scripted HTTP/1.1
//! server on loopback, for retry sequences, hanging responses and stalled bodies, which
//! httpmock cannot script deterministically; [`client_helpers!`], the client construction
//! of the generated API crates' integration tests; [`at`], a fixed instant for fixtures; and,
//! with feature `httpmock`, the `mock` helpers of request-shape tests.
//!
//! Testkit depends on no crate of the workspace: `metapack-core` and the client crates
//! dev-depend on it, so what needs their types is a macro ([`client_helpers!`]) or stays in
//! the crate's own `tests/it/common`.
#![allow(missing_docs)]

mod client_helpers;
mod dates;
#[cfg(feature = "httpmock")]
pub mod mock;

pub use dates::at;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the scripted server does for one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Status, extra headers, body.
    Respond(u16, Vec<(&'static str, &'static str)>, &'static str),
    /// Read the request, then never answer (the connection stays open for a minute).
    Hang,
    /// Send the status line and headers of a JSON response announcing a body of 64 bytes, then
    /// never send the body.
    StallBody(u16),
}

/// A reply without headers or body.
pub fn status(code: u16) -> Reply {
    Reply::Respond(code, Vec::new(), "")
}

/// A reply with a JSON body.
pub fn json(code: u16, body: &'static str) -> Reply {
    Reply::Respond(code, vec![("Content-Type", "application/json")], body)
}

/// One request the scripted server received.
#[derive(Clone, Debug)]
pub struct Hit {
    pub at: Instant,
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Hit {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON request body")
    }
}

/// A loopback server answering requests with a script, in order; the last reply repeats.
pub struct ScriptedServer {
    pub addr: SocketAddr,
    hits: Arc<Mutex<Vec<Hit>>>,
}

impl ScriptedServer {
    /// Serves `script` on an ephemeral loopback port, one reply per request in order; the
    /// last reply repeats.
    pub async fn start(script: Vec<Reply>) -> ScriptedServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        Self::serve(listener, script)
    }

    /// Serves `script` on an already bound listener.
    pub fn serve(listener: TcpListener, script: Vec<Reply>) -> ScriptedServer {
        let addr = listener.local_addr().expect("addr");
        let hits = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(script);
        let shared = hits.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(handle(socket, shared.clone(), script.clone()));
            }
        });
        ScriptedServer { addr, hits }
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url())
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().expect("lock").clone()
    }

    /// Asserts that every request received is the same request: `method`, `target`, the
    /// first request's body, and `authorization` as the Authorization header.
    #[track_caller]
    pub fn assert_identical_hits(&self, method: &str, target: &str, authorization: &str) {
        let hits = self.hits();
        for hit in &hits {
            assert_eq!(hit.method, method);
            assert_eq!(hit.target, target);
            assert_eq!(hit.header("authorization"), Some(authorization));
            assert_eq!(hit.body, hits[0].body);
        }
    }

    /// How many requests the server received (without copying them, unlike `hits()`).
    pub fn hit_count(&self) -> usize {
        self.hits.lock().expect("lock").len()
    }
}

/// A loopback address nothing listens on (bound, then released).
pub async fn refused_addr() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    listener.local_addr().expect("addr")
}

async fn handle(mut socket: TcpStream, hits: Arc<Mutex<Vec<Hit>>>, script: Arc<Vec<Reply>>) {
    // Keep-alive: serve every request sent on this connection.
    loop {
        let Some(hit) = read_request(&mut socket).await else {
            return;
        };
        let reply = {
            let mut hits = hits.lock().expect("lock");
            hits.push(hit);
            script
                .get(hits.len() - 1)
                .or(script.last())
                .cloned()
                .unwrap_or_else(|| status(200))
        };
        match reply {
            Reply::Hang => {
                tokio::time::sleep(Duration::from_secs(60)).await;
                return;
            }
            Reply::StallBody(code) => {
                let head = format!(
                    "HTTP/1.1 {code} Scripted\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n"
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.flush().await;
                tokio::time::sleep(Duration::from_secs(60)).await;
                return;
            }
            Reply::Respond(code, headers, body) => {
                let mut head = format!(
                    "HTTP/1.1 {code} Scripted\r\nContent-Length: {}\r\n",
                    body.len()
                );
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                if socket.write_all(head.as_bytes()).await.is_err()
                    || socket.write_all(body.as_bytes()).await.is_err()
                {
                    return;
                }
            }
        }
    }
}

async fn read_request(socket: &mut TcpStream) -> Option<Hit> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut hit = Hit {
        at: Instant::now(),
        method,
        target,
        headers,
        body: buf[head_end..].to_vec(),
    };
    let chunked = hit
        .header("transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    let len: usize = hit
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    // A chunked body ends with its terminating chunk; any other with its length.
    while if chunked {
        !hit.body.ends_with(b"0\r\n\r\n")
    } else {
        hit.body.len() < len
    } {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        hit.body.extend_from_slice(&chunk[..n]);
    }
    Some(hit)
}
