//! Lookups with 1 and with 100,000 consignments: `GET /consignments/{code}` (Shipping) and
//! `GET /parcel-journeys?trackingIdentifier=` (Tracking), over loopback HTTP, and the ratio
//! of their mean times (near 1 when lookups use indexes, not scans). Also the memory the
//! store holds per consignment, measured with a counting global allocator.
//!
//! `cargo bench -p metapack-sandbox --bench lookup -- --quick`

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use metapack_sandbox::{
    CatalogueCarrier, CatalogueLocation, CatalogueService, Sandbox, ShippingCatalogue,
};
use serde_json::{Value, json};

/// Counts the bytes allocated and not yet freed.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; only a counter is kept beside.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System`'s.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract is `System`'s.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            LIVE.fetch_add(
                new_size as isize - layout.size() as isize,
                Ordering::Relaxed,
            );
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const BULK: usize = 100_000;

/// A domestic one-parcel consignment with an order and a full recipient, allocated on
/// creation.
fn request(allocate: bool) -> Value {
    let mut request = json!({
        "consignment": {
            "orders": [{"orderRef": "ORDER-BULK", "value": {"amount": 30.0, "currencyCode": "GBP"}}],
            "sender": {"code": "WH-LONDON", "companyName": "Acme Ltd", "countryCode": "GBR"},
            "recipient": {
                "contact": {"name": "Ann Smith", "email": "ann@example.com", "phone": "+441234567890"},
                "addressLine1": "1 High Street",
                "city": "Manchester",
                "postCode": "M1 1AA",
                "countryCode": "GBR"
            },
            "parcels": [{
                "weight": {"value": 1.5},
                "value": {"amount": 15.0, "currencyCode": "GBP"},
                "items": [{
                    "itemRef": "SKU-MUG", "description": "Mug", "quantity": 1,
                    "value": {"amount": 15.0, "currencyCode": "GBP"},
                    "weight": {"value": 1.0}, "countryOfOrigin": "GBR"
                }]
            }]
        }
    });
    if allocate {
        request["shippingRules"] = json!({});
    }
    request
}

fn catalogue() -> ShippingCatalogue {
    ShippingCatalogue::empty()
        .carrier(CatalogueCarrier::new("SBXPOST", "Sandbox Post").tracking_prefix("SP"))
        .shipping_location(CatalogueLocation::new(
            "WH-LONDON",
            "London Warehouse",
            "GBR",
        ))
        .service(CatalogueService::new(
            "SBXPOST24",
            "Sandbox Post 24",
            "SBXPOST",
            4.95,
            "GBP",
        ))
}

/// A sandbox holding `count` consignments, and the URLs of lookups of the middle one.
struct Fixture {
    sandbox: Sandbox,
    consignment_url: String,
    journey_url: String,
    /// Bytes held per consignment after the fill.
    bytes_per_consignment: f64,
}

fn fixture(runtime: &tokio::runtime::Runtime, count: usize, allocate: bool) -> Fixture {
    let sandbox = runtime
        .block_on(Sandbox::builder().shipping_catalogue(catalogue()).start())
        .expect("sandbox starts");
    let body = request(allocate);
    let before = LIVE.load(Ordering::Relaxed);
    let created = sandbox
        .bulk_create_consignments(&body, count)
        .expect("a consignment request");
    let after = LIVE.load(Ordering::Relaxed);
    // The list of codes answered is the bench's, not the store's.
    let answer: usize = created
        .iter()
        .map(|(c, t)| 2 * 24 + c.capacity() + t.as_ref().map_or(0, String::capacity))
        .sum::<usize>()
        + created.capacity() * std::mem::size_of::<(String, Option<String>)>();
    let held = (after - before) as f64 - answer as f64;
    let (code, tracking) = created[count / 2].clone();
    Fixture {
        consignment_url: format!("{}/consignments/{code}", sandbox.shipping().url()),
        journey_url: format!(
            "{}/parcel-journeys?trackingIdentifier={}",
            sandbox.tracking().url(),
            tracking.unwrap_or_default()
        ),
        bytes_per_consignment: held / count as f64,
        sandbox,
    }
}

/// One authenticated GET, asserting a 200.
async fn get(http: &reqwest::Client, url: &str, (user, password): (&str, &str)) -> usize {
    let response = http
        .get(url)
        .basic_auth(user, Some(password))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200, "{url}");
    response.bytes().await.expect("a body").len()
}

/// The mean time of `rounds` sequential GETs.
fn mean(
    runtime: &tokio::runtime::Runtime,
    http: &reqwest::Client,
    url: &str,
    credentials: (&str, &str),
    rounds: u32,
) -> Duration {
    runtime.block_on(async {
        get(http, url, credentials).await;
        let start = Instant::now();
        for _ in 0..rounds {
            black_box(get(http, url, credentials).await);
        }
        start.elapsed() / rounds
    })
}

fn lookups(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let http = metapack_core::tls::http_client().expect("an HTTP client");

    let unallocated = fixture(&runtime, 20_000, false);
    println!(
        "memory: {:.0} bytes per unallocated consignment (20,000 held)",
        unallocated.bytes_per_consignment
    );
    drop(unallocated);
    let one = fixture(&runtime, 1, true);
    let bulk = fixture(&runtime, BULK, true);
    println!(
        "memory: {:.0} bytes per allocated consignment with its parcel journey ({BULK} held)",
        bulk.bytes_per_consignment
    );

    let cases = [
        ("get_consignment", "consignment_url"),
        ("journey_by_tracking_identifier", "journey_url"),
    ];
    for (name, which) in cases {
        let mut group = c.benchmark_group(name);
        for (held, fixture) in [(1, &one), (BULK, &bulk)] {
            let (url, credentials) = urls(fixture, which);
            group.bench_function(held.to_string(), |b| {
                b.iter(|| runtime.block_on(get(&http, &url, credentials)))
            });
        }
        group.finish();
    }

    for (name, which) in cases {
        let (url_one, credentials_one) = urls(&one, which);
        let (url_bulk, credentials_bulk) = urls(&bulk, which);
        let small = mean(&runtime, &http, &url_one, credentials_one, 2_000);
        let large = mean(&runtime, &http, &url_bulk, credentials_bulk, 2_000);
        println!(
            "{name}: {small:?} with 1, {large:?} with {BULK}: ratio {:.2}",
            large.as_secs_f64() / small.as_secs_f64()
        );
    }
}

fn urls<'a>(fixture: &'a Fixture, which: &str) -> (String, (&'a str, &'a str)) {
    if which == "consignment_url" {
        (
            fixture.consignment_url.clone(),
            fixture.sandbox.shipping().credentials(),
        )
    } else {
        (
            fixture.journey_url.clone(),
            fixture.sandbox.tracking().credentials(),
        )
    }
}

criterion_group!(benches, lookups);
criterion_main!(benches);
