//! `GET /find` hot paths, each against a baseline in the same run: building, checking and
//! encoding a full search versus form-encoding its pairs, and decoding a 50-result answer
//! into the typed `FindResponse` versus into an untyped `serde_json::Value`.
//!
//! `cargo bench -p metapack-delivery-options --bench find -- --quick`

use std::hint::black_box;

use chrono::{NaiveDate, NaiveDateTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use metapack_delivery_options::{
    AddressKind, Destination, DimensionUnit, FindOptions, FindResponse, OptionType, Parcel,
    SortOrder, Warehouse, WeightUnit,
};
use serde_json::{Value, json};

fn at(d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2022, 4, d)
        .and_then(|d| d.and_hms_opt(h, 0, 0))
        .expect("valid timestamp")
}

/// Every parameter that can travel together (all but `skus`, `minown` and `maxown`, which
/// exclude per-parcel details and `limit`).
fn full_search() -> FindOptions {
    let mut options = FindOptions::new(
        Warehouse::code("SL123")
            .postcode("SL1 A23")
            .country("GBR")
            .line1("Building 5")
            .line2("50 Bell Road")
            .line3("Westminster")
            .line4("London"),
        Destination::postcode("GBR", "EC1R 4PF")
            .with_coordinates(51.5072, -0.1276)
            .address_type(AddressKind::Residential)
            .line1("Flat 5")
            .line2("50 Bell Road")
            .line3("Westminster")
            .line4("London"),
    )
    .option_types([OptionType::Home, OptionType::Pudo])
    .limit(10)
    .multi_country(true)
    .radius(5000)
    .sort(SortOrder::Lgg)
    .include_groups(["STANDARD", "RETURNS"])
    .exclude_groups(["26000156", "TRANSFER"])
    .delivery_slot(at(5, 0), at(11, 23))
    .collection_slot(at(4, 8), at(4, 18))
    .parcels([
        Parcel::new().dimensions(1.0, 1.3, 0.3).weight(1.0),
        Parcel::new().dimensions(2.5, 2.2, 2.1).weight(2.2),
        Parcel::new().dimensions(1.0, 1.0, 1.6).weight(1.1),
    ])
    .total_weight(4.3)
    .heaviest_parcel_weight(2.2)
    .largest_dimension(3)
    .weight_unit(WeightUnit::Kg)
    .dimension_unit(DimensionUnit::Cm)
    .consignment_value(10.0, "EUR")
    .cash_on_delivery(12.5, "EUR")
    .hazmat_codes(["1090", "UN3480"])
    .trace_id(uuid::Uuid::nil());
    for n in 1..=10u8 {
        options = options.custom(n, format!("example{n}"));
    }
    options
}

/// A realistic answer: HOME options with null store fields, PUDO and OWNSTORE options with
/// addresses, distances, photos and a week of opening hours.
fn answer(results: usize) -> Vec<u8> {
    let week = json!({
        "monday": ["09:00-17:30"], "tuesday": ["09:00-17:30"], "wednesday": ["09:00-17:30"],
        "thursday": ["09:00-20:00"], "friday": ["09:00-17:30"],
        "saturday": ["10:00-13:00", "14:00-16:00"], "sunday": []
    });
    let options: Vec<Value> = (0..results)
        .map(|i| {
            let day = 18 + (i % 5);
            let kind = ["HOME", "PUDO", "OWNSTORE"][i % 3];
            let store = kind != "HOME";
            json!({
                "optionType": kind,
                "bookingCode": format!("SVC{i}/2020-02-{day}/*-*/*-*/*-*"),
                "carrierServiceCode": format!("SVC{i}"),
                "carrierServiceName": "Courier Service Next Day",
                "carrierCode": "HERM",
                "fullName": "Hermes Courier Service Next Day",
                "groupCodes": ["NEXT", "STANDARD"],
                "shippingCost": 3.25 + i as f64 / 10.0,
                "shippingCharge": 4.99,
                "delivery": {"from": format!("2020-02-{day}T08:00:00.000Z"), "to": format!("2020-02-{day}T20:00:59.999Z")},
                "collection": {"from": "2020-02-17T16:00:00.000Z", "to": "2020-02-17T18:00:00.000Z"},
                "countryCode": if store { json!("GBR") } else { Value::Null },
                "storeId": if store { json!(format!("GB{i:05}")) } else { Value::Null },
                "storeName": if store { json!("Castle Service Station") } else { Value::Null },
                "address": if store { json!("Castle Service Station, 3-7 Castle Street, Worcester") } else { Value::Null },
                "postcode": if store { json!("WR1 3AD") } else { Value::Null },
                "lat": if store { json!(52.196175) } else { Value::Null },
                "long": if store { json!(-2.2245133) } else { Value::Null },
                "distance": if store { json!({"unit": "m", "value": 100 + i}) } else { Value::Null },
                "telephoneNumber": if store { json!("01905 000000") } else { Value::Null },
                "description": if store { json!("Open late") } else { Value::Null },
                "photoUrls": if store { json!(["https://img.example/1.jpg", "https://img.example/2.jpg"]) } else { Value::Null },
                "logoUrl": "https://img.example/logo.png",
                "storeTimes": if store { week.clone() } else { Value::Null },
            })
        })
        .collect();
    serde_json::to_vec(&json!({
        "header": {
            "requestId": "81731a76-2d93-43d1-b661-e4da3b213491",
            "requestDate": "2020-02-17T15:36:02.244Z",
            "responseDate": "2020-02-17T15:36:02.402Z",
            "inputParameters": {"wh_code": ["SL123"], "c_cc": ["GBR"], "optionType": ["HOME", "PUDO", "OWNSTORE"]}
        },
        "results": options
    }))
    .expect("serializes")
}

fn bench(c: &mut Criterion) {
    let search = full_search();
    let valid = search.build().expect("every rule holds");
    assert_eq!(valid.query_pairs().len(), 51);
    // Baseline in the same run: form-encoding the same 51 pairs, already as strings (the
    // least any client must do); the typed path adds the builder's checks and conversions.
    let pairs = valid.query_pairs();
    let mut group = c.benchmark_group("find/encode_full");
    group.bench_function("build_validate_encode", |b| {
        b.iter(|| black_box(&search).build().expect("valid").query_string())
    });
    group.bench_function("baseline_form_encode_pairs", |b| {
        b.iter(|| {
            let mut query = url::form_urlencoded::Serializer::new(String::with_capacity(512));
            for (name, value) in black_box(&pairs) {
                query.append_pair(name, value);
            }
            query.finish()
        })
    });
    group.finish();

    let body = answer(50);
    let typed: FindResponse = serde_json::from_slice(&body).expect("typed");
    assert_eq!(typed.len(), 50);
    let mut group = c.benchmark_group("find/decode_50_results");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("typed", |b| {
        b.iter(|| serde_json::from_slice::<FindResponse>(black_box(&body)).expect("typed"))
    });
    group.bench_function("untyped_value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)).expect("untyped"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
