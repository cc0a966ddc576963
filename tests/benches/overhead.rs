//! Client overhead of the SDK against bare reqwest, per call: `get_consignment` and
//! `create_consignment` (Shipping) and `parcel_journeys` (Tracking), each next to a baseline
//! that sends the same request with bare reqwest (same URL, headers, Basic credentials,
//! per-request timeout and JSON body) and decodes the answer into the same generated types.
//! Both talk to one canned loopback server (axum, on its own thread and runtime) started by
//! this bench; the client runs on the bench's own thread in a `current_thread` runtime, so the
//! client's work (including reqwest's connection tasks) is the thread's CPU time.
//!
//! Two measurements, both printed as ratios SDK / bare:
//!
//! - CPU time of the client thread (`CLOCK_THREAD_CPUTIME_ID`), SDK and baseline interleaved
//!   in rounds, then per call with criterion (`iter_custom` returning thread CPU time):
//!   `cargo bench -p metapack-tests --bench overhead`
//! - Instructions per call, counted by callgrind (repeatable, machine-independent): the bench
//!   runs itself under `valgrind --tool=callgrind --separate-threads=yes` for each call and
//!   side, twice (200 and 1,200 calls), and divides the difference of the client thread's
//!   counts by 1,000, which removes start-up and warm-up:
//!   `METAPACK_OVERHEAD_CALLGRIND=1 cargo bench -p metapack-tests --bench overhead`
//!   (internally it sets `METAPACK_OVERHEAD_RUN=<call>:<side>:<n>` for each counted run).

use std::hint::black_box;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::http::{StatusCode, header};
use axum::routing::get;
use criterion::Criterion;
use metapack_shipping::types::{ConsignmentRequest, ConsignmentResponse};
use metapack_shipping::{Environment, ShippingClient};
use metapack_tracking::types::ParcelJourney;
use metapack_tracking::{JourneyQuery, TrackingClient};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderValue};

const GET_BODY: &str =
    include_str!("../../specs/examples/shipping/get_consignment.response.200.json");
const CREATE_BODY: &str =
    include_str!("../../specs/examples/shipping/create_consignment.response.201.json");
const CREATE_REQUEST: &str =
    include_str!("../../specs/examples/shipping/create_consignment.request.json");
const JOURNEYS_BODY: &str =
    include_str!("../../specs/examples/tracking/get_parcel_journeys.response.200.json");

const USER: &str = "bench-user";
const PASSWORD: &str = "bench-password";
/// The SDK's default per-attempt timeout, given to the baseline's requests too.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The three calls measured.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Call {
    Get,
    Journeys,
    Create,
}

impl Call {
    const ALL: [Call; 3] = [Call::Get, Call::Journeys, Call::Create];

    fn name(self) -> &'static str {
        match self {
            Call::Get => "get_consignment",
            Call::Journeys => "parcel_journeys",
            Call::Create => "create_consignment",
        }
    }

    fn parse(s: &str) -> Option<Call> {
        Call::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// A canned server on its own thread and runtime; lives as long as the process.
fn start_server() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    listener.set_nonblocking(true).expect("nonblocking");
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        rt.block_on(async move {
            let json = |status: StatusCode, body: &'static str| {
                (status, [(header::CONTENT_TYPE, "application/json")], body)
            };
            let app = Router::new()
                .route(
                    "/shipping/consignments/{code}",
                    get(move || async move { json(StatusCode::OK, GET_BODY) }),
                )
                .route(
                    "/shipping/consignments",
                    axum::routing::post(move |_body: Bytes| async move {
                        json(StatusCode::CREATED, CREATE_BODY)
                    }),
                )
                .route(
                    "/tracking/parcel-journeys",
                    get(move || async move { json(StatusCode::OK, JOURNEYS_BODY) }),
                );
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, app).await.expect("serve");
        });
    });
    addr
}

/// The SDK clients and the baseline's client and values, for one server.
struct Clients {
    shipping: ShippingClient,
    tracking: TrackingClient,
    bare: reqwest::Client,
    base: String,
    authorization: HeaderValue,
    create: ConsignmentRequest,
    journeys: JourneyQuery,
}

impl Clients {
    fn new(addr: SocketAddr) -> Clients {
        let base = format!("http://{addr}");
        let shipping = ShippingClient::builder()
            .credentials(metapack_shipping::Credentials::basic(USER, PASSWORD))
            .environment(Environment::custom(&format!("{base}/shipping")).expect("url"))
            .build()
            .expect("shipping client");
        let tracking = TrackingClient::builder()
            .credentials(metapack_tracking::Credentials::basic(USER, PASSWORD))
            .environment(Environment::custom(&format!("{base}/tracking")).expect("url"))
            .build()
            .expect("tracking client");
        // The SDK's TLS configuration (reqwest is built without a default crypto provider).
        let bare = metapack_core::tls::http_client_builder()
            .expect("TLS configuration")
            .user_agent("metapack-rs/0.1.0 metapack-shipping/0.1.0")
            .connect_timeout(Duration::from_secs(10))
            .build()
            .expect("bare client");
        let mut authorization = HeaderValue::from_str(&format!(
            "Basic {}",
            base64_basic(&format!("{USER}:{PASSWORD}"))
        ))
        .expect("header");
        authorization.set_sensitive(true);
        Clients {
            shipping,
            tracking,
            bare,
            base,
            authorization,
            create: serde_json::from_str(CREATE_REQUEST).expect("create request"),
            journeys: JourneyQuery::order("ORD-10001"),
        }
    }

    async fn sdk(&self, call: Call) {
        match call {
            Call::Get => {
                let c = self.shipping.get_consignment("DMC0000000001").await;
                black_box(c.expect("get"));
            }
            Call::Journeys => {
                let j = self.tracking.parcel_journeys(&self.journeys).await;
                black_box(j.expect("journeys"));
            }
            Call::Create => {
                let c = self.shipping.create_consignment(&self.create).await;
                black_box(c.expect("create"));
            }
        }
    }

    async fn bare(&self, call: Call) {
        let http = &self.bare;
        let with_auth = |b: reqwest::RequestBuilder| {
            b.header(ACCEPT, HeaderValue::from_static("application/json"))
                .header(AUTHORIZATION, self.authorization.clone())
                .timeout(TIMEOUT)
        };
        match call {
            Call::Get => {
                let url = format!("{}/shipping/consignments/{}", self.base, "DMC0000000001");
                let r = with_auth(http.get(url)).send().await.expect("send");
                assert_eq!(r.status(), 200);
                let bytes = r.bytes().await.expect("body");
                let c: ConsignmentResponse = serde_json::from_slice(&bytes).expect("decode");
                black_box(c);
            }
            Call::Journeys => {
                let url = format!("{}/tracking/parcel-journeys", self.base);
                let order = self.journeys.order_ref.as_deref().expect("order");
                let r = with_auth(http.get(url).query(&[("orderRef", order)]))
                    .send()
                    .await
                    .expect("send");
                assert_eq!(r.status(), 200);
                let bytes = r.bytes().await.expect("body");
                let j: Vec<ParcelJourney> = serde_json::from_slice(&bytes).expect("decode");
                black_box(j);
            }
            Call::Create => {
                let url = format!("{}/shipping/consignments", self.base);
                let r = with_auth(http.post(url).json(&self.create))
                    .send()
                    .await
                    .expect("send");
                assert_eq!(r.status(), 201);
                let bytes = r.bytes().await.expect("body");
                let c: ConsignmentResponse = serde_json::from_slice(&bytes).expect("decode");
                let code = c
                    .consignment
                    .as_ref()
                    .and_then(|c| c.consignment_code.as_deref());
                assert!(code.is_some_and(|code| !code.trim().is_empty()));
                black_box(c);
            }
        }
    }

    async fn run(&self, call: Call, sdk: bool, n: u64) {
        for _ in 0..n {
            if sdk {
                self.sdk(call).await;
            } else {
                self.bare(call).await;
            }
        }
    }
}

/// Standard base64 (the baseline's own, so it shares no code with the SDK).
fn base64_basic(raw: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in raw.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// CPU time consumed by the calling thread so far.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant of the platform.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(
        u64::try_from(ts.tv_sec).unwrap_or(0),
        u32::try_from(ts.tv_nsec).unwrap_or(0),
    )
}

fn client_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime")
}

/// `METAPACK_OVERHEAD_RUN=<call>:<sdk|bare>:<n>`: n calls, then exit (counted by callgrind).
fn counted_run(spec: &str) {
    let mut parts = spec.split(':');
    let call = parts.next().and_then(Call::parse).expect("call name");
    let sdk = parts.next() == Some("sdk");
    let n: u64 = parts.next().and_then(|n| n.parse().ok()).expect("count");
    let clients = Clients::new(start_server());
    client_runtime().block_on(clients.run(call, sdk, n));
}

/// Instructions of the main (client) thread of one callgrind run of `spec`.
fn callgrind_count(spec: &str) -> u64 {
    let dir = std::env::temp_dir().join(format!("metapack-overhead-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("cg.out");
    let status = std::process::Command::new("valgrind")
        .args(["--tool=callgrind", "--separate-threads=yes", "--quiet"])
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(std::env::current_exe().expect("current exe"))
        .env("METAPACK_OVERHEAD_RUN", spec)
        .status()
        .expect("valgrind (install it to count instructions)");
    assert!(status.success(), "callgrind run {spec} failed");
    let main_thread = dir.join("cg.out-01");
    let text = std::fs::read_to_string(&main_thread).expect("callgrind output of thread 1");
    let _ = std::fs::remove_dir_all(&dir);
    text.lines()
        .find_map(|l| {
            l.strip_prefix("summary: ")
                .or_else(|| l.strip_prefix("totals: "))
        })
        .and_then(|n| n.split_whitespace().next()?.parse().ok())
        .expect("callgrind summary line")
}

fn callgrind_ratios() {
    let (short, long) = (200u64, 1200u64);
    println!("instructions per call on the client thread (callgrind, {long} - {short} calls):");
    for call in Call::ALL {
        let per_call = |side: &str| {
            let a = callgrind_count(&format!("{}:{side}:{short}", call.name()));
            let b = callgrind_count(&format!("{}:{side}:{long}", call.name()));
            b.saturating_sub(a) / (long - short)
        };
        let (sdk, bare) = (per_call("sdk"), per_call("bare"));
        println!(
            "  {:<20} sdk {sdk:>8}  bare {bare:>8}  ratio {:.3}x",
            call.name(),
            sdk as f64 / bare as f64
        );
    }
}

/// Thread CPU per call, SDK and baseline interleaved in rounds, then the ratios.
fn interleaved_ratios(clients: &Clients, rt: &tokio::runtime::Runtime) {
    const ROUNDS: u32 = 20;
    const BATCH: u64 = 50;
    let mut totals = [[Duration::ZERO; 2]; 3];
    rt.block_on(async {
        for call in Call::ALL {
            clients.run(call, true, BATCH).await;
            clients.run(call, false, BATCH).await;
        }
        for _ in 0..ROUNDS {
            for (i, call) in Call::ALL.into_iter().enumerate() {
                for (j, sdk) in [true, false].into_iter().enumerate() {
                    let started = thread_cpu();
                    clients.run(call, sdk, BATCH).await;
                    totals[i][j] += thread_cpu() - started;
                }
            }
        }
    });
    let calls = u32::try_from(BATCH).unwrap_or(1) * ROUNDS;
    println!("client thread CPU per call, interleaved ({calls} calls each):");
    for (i, call) in Call::ALL.into_iter().enumerate() {
        let (sdk, bare) = (totals[i][0] / calls, totals[i][1] / calls);
        println!(
            "  {:<20} sdk {:>7.1} µs  bare {:>7.1} µs  ratio {:.3}x",
            call.name(),
            sdk.as_secs_f64() * 1e6,
            bare.as_secs_f64() * 1e6,
            sdk.as_secs_f64() / bare.as_secs_f64()
        );
    }
}

/// Sizes of the call futures (what is moved by value when a call is awaited or spawned).
fn future_sizes(clients: &Clients) {
    let query = &clients.journeys;
    let create = &clients.create;
    println!("call future sizes (bytes):");
    let sdk = [
        size_of_val(&clients.shipping.get_consignment("DMC0000000001")),
        size_of_val(&clients.tracking.parcel_journeys(query)),
        size_of_val(&clients.shipping.create_consignment(create)),
    ];
    let bare = [
        size_of_val(&clients.bare(Call::Get)),
        size_of_val(&clients.bare(Call::Journeys)),
        size_of_val(&clients.bare(Call::Create)),
    ];
    for (i, call) in Call::ALL.into_iter().enumerate() {
        println!(
            "  {:<20} sdk {:>6}  bare {:>6}",
            call.name(),
            sdk[i],
            bare[i]
        );
    }
}

fn main() {
    if let Ok(spec) = std::env::var("METAPACK_OVERHEAD_RUN") {
        return counted_run(&spec);
    }
    if std::env::var_os("METAPACK_OVERHEAD_CALLGRIND").is_some() {
        return callgrind_ratios();
    }
    let clients = Clients::new(start_server());
    let rt = client_runtime();
    future_sizes(&clients);
    interleaved_ratios(&clients, &rt);

    let mut criterion = Criterion::default().configure_from_args();
    for call in Call::ALL {
        let mut group = criterion.benchmark_group(format!("overhead/{}", call.name()));
        for (side, sdk) in [("sdk", true), ("bare_reqwest", false)] {
            group.bench_function(side, |b| {
                b.iter_custom(|iters| {
                    let started = thread_cpu();
                    rt.block_on(clients.run(call, sdk, iters));
                    thread_cpu() - started
                });
            });
        }
        group.finish();
    }
    criterion.final_summary();
}
