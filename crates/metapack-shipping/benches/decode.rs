//! Decoding a search answer of 50 consignments the way the client does (progenitor's
//! `ResponseValue::from_response`: `serde_json::from_slice` into the generated types), against
//! decoding the same bytes into an untyped `serde_json::Value` in the same run.
//!
//! `cargo bench -p metapack-shipping --bench decode`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use metapack_shipping::types::Consignment;
use serde_json::Value;

/// The docs' search example (one consignment) repeated 50 times, each with its own code.
fn fifty_consignments() -> Vec<u8> {
    let example: Vec<Value> = serde_json::from_str(include_str!(
        "../../../specs/examples/shipping/search_consignments.response.200.json"
    ))
    .expect("the example is JSON");
    let one = example.into_iter().next().expect("one consignment");
    let all: Vec<Value> = (0..50)
        .map(|i| {
            let mut consignment = one.clone();
            consignment["consignmentCode"] = format!("DMC4BY1V4H{i:02}").into();
            consignment
        })
        .collect();
    serde_json::to_vec(&all).expect("encodes")
}

fn decode(c: &mut Criterion) {
    let body = fifty_consignments();
    let typed: Vec<Consignment> = serde_json::from_slice(&body).expect("decodes");
    assert_eq!(typed.len(), 50);

    let mut group = c.benchmark_group("search_50_consignments");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("typed (client path)", |b| {
        b.iter(|| serde_json::from_slice::<Vec<Consignment>>(black_box(&body)).expect("decodes"))
    });
    group.bench_function("serde_json::Value (baseline)", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)).expect("decodes"))
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
