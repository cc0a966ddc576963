//! Decoding parcel journeys the way the client does (progenitor's
//! `ResponseValue::from_response`: `serde_json::from_slice` into the generated types), each
//! against a baseline in the same run:
//!
//! - `journeys_*`: the typed decode versus decoding the same bytes into `serde_json::Value`
//!   (the docs' example, and one journey of 30 events cycling through the documented codes);
//! - `hostile_event_code`: a journey whose `eventCode` is 1 MB of spaces or of `a`, versus the
//!   same journey with a documented code, and versus the same hostile bytes into a `Value`
//!   (what reading 1 MB of JSON string costs anyway).
//!
//! `cargo bench -p metapack-tracking --bench decode`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use metapack_tracking::types::{EventCode, ParcelJourney};
use serde_json::Value;

const EXAMPLE: &str =
    include_str!("../../../specs/examples/tracking/get_parcel_journeys.response.200.json");

fn example() -> Vec<Value> {
    serde_json::from_str(EXAMPLE).expect("the example is JSON")
}

/// The example's journey with 30 events, their codes cycling through the documented list.
fn thirty_events() -> Vec<u8> {
    let mut journeys = example();
    let template = journeys[0]["events"][1].clone();
    let events: Vec<Value> = (0..30)
        .map(|i| {
            let mut event = template.clone();
            event["eventCode"] = EventCode::KNOWN[i % EventCode::KNOWN.len()].as_str().into();
            event["eventDate"] = format!("2026-11-{:02}T10:{:02}:00Z", 1 + i / 10, i).into();
            event
        })
        .collect();
    journeys[0]["events"] = events.into();
    serde_json::to_vec(&journeys).expect("encodes")
}

/// The example with its first event's code replaced by `code`.
fn with_event_code(code: String) -> Vec<u8> {
    let mut journeys = example();
    journeys[0]["events"][0]["eventCode"] = code.into();
    serde_json::to_vec(&journeys).expect("encodes")
}

fn typed(body: &[u8]) -> Vec<ParcelJourney> {
    serde_json::from_slice(black_box(body)).expect("decodes")
}

fn untyped(body: &[u8]) -> Value {
    serde_json::from_slice(black_box(body)).expect("decodes")
}

fn journeys(c: &mut Criterion) {
    for (name, body) in [
        (
            "journeys_example",
            serde_json::to_vec(&example()).expect("encodes"),
        ),
        ("journeys_30_events", thirty_events()),
    ] {
        assert!(typed(&body)[0].events.as_ref().is_some_and(|e| {
            e.iter()
                .all(|e| e.event_code.as_ref().is_some_and(EventCode::is_known))
        }));
        let mut group = c.benchmark_group(name);
        group
            .sample_size(30)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2))
            .throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("typed (client path)", |b| b.iter(|| typed(&body)));
        group.bench_function("serde_json::Value (baseline)", |b| {
            b.iter(|| untyped(&body))
        });
        group.finish();
    }
}

fn hostile(c: &mut Criterion) {
    let normal = with_event_code("ORDER_ACCEPTED".to_owned());
    let spaces = with_event_code(" ".repeat(1 << 20));
    let letters = with_event_code("a".repeat(1 << 20));
    let mut group = c.benchmark_group("hostile_event_code");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_secs(2));
    group.bench_function("typed, documented code (baseline)", |b| {
        b.iter(|| typed(&normal))
    });
    group.bench_function("typed, 1 MB of spaces", |b| b.iter(|| typed(&spaces)));
    group.bench_function("typed, 1 MB of 'a'", |b| b.iter(|| typed(&letters)));
    group.bench_function("Value, 1 MB of spaces (baseline)", |b| {
        b.iter(|| untyped(&spaces))
    });
    group.finish();
}

criterion_group!(benches, journeys, hostile);
criterion_main!(benches);
