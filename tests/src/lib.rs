//! Shared fixtures for the workspace tests and the tour.

use std::collections::BTreeSet;

/// A fixed instant (`day` November 2026 at `hour`:00 UTC), so that fixtures and snapshots do
/// not depend on the clock; the one the crates' own tests use too.
pub use metapack_testkit::at;

/// The names of a spec's component schemas.
pub fn spec_schemas(spec_yaml: &str) -> BTreeSet<String> {
    let spec: serde_json::Value = serde_yaml::from_str(spec_yaml).expect("spec parses");
    spec["components"]["schemas"]
        .as_object()
        .expect("components.schemas")
        .keys()
        .cloned()
        .collect()
}

/// Snapshots the JSON Schema (schemars) of each listed model, after checking that the list
/// names every component schema of the spec, so a model added to a spec without a snapshot
/// fails the test.
#[macro_export]
macro_rules! assert_schema_snapshots {
    ($spec:expr, [$($model:ty),* $(,)?]) => {{
        let schemas = vec![$((stringify!($model), schemars::schema_for!($model))),*];
        let listed: std::collections::BTreeSet<String> =
            schemas.iter().map(|(name, _)| name.to_string()).collect();
        assert_eq!($crate::spec_schemas($spec), listed, "every spec schema has a snapshot");
        for (name, schema) in schemas {
            insta::assert_json_snapshot!(format!("schema_{name}"), schema);
        }
    }};
}

/// A domestic UK consignment (country code `GBR`: the Shipping API takes ISO 3166-1 alpha-3
/// codes) from the sandbox's `WH-LONDON` warehouse with `parcels` parcels of 1.5 kg and 15 GBP
/// each, their items made in `GBR`.
pub fn gb_consignment(order_ref: &str, parcels: usize) -> metapack_shipping::ConsignmentRequest {
    use metapack_shipping::types::{
        Address, Consignment, ConsignmentRequest, Contact, Item, Money, Order, Parcel, Weight,
    };
    let gbp = |amount: f64| Money {
        amount: Some(amount),
        currency_code: Some("GBP".into()),
    };
    let parcels = (0..parcels)
        .map(|i| Parcel {
            shipper_ref: Some(format!("carton-{i}")),
            weight: Some(Weight { value: Some(1.5) }),
            value: Some(gbp(15.0)),
            items: Some(vec![Item {
                item_ref: Some("SKU-MUG".into()),
                description: Some("Mug".into()),
                quantity: Some(1),
                country_of_origin: Some("GBR".into()),
                value: Some(gbp(15.0)),
                weight: Some(Weight { value: Some(1.0) }),
                ..Item::default()
            }]),
            ..Parcel::default()
        })
        .collect();
    ConsignmentRequest {
        consignment: Consignment {
            orders: Some(vec![Order {
                order_ref: Some(order_ref.into()),
                value: Some(gbp(30.0)),
                ..Order::default()
            }]),
            sender: Some(Address {
                code: Some("WH-LONDON".into()),
                company_name: Some("Acme Ltd".into()),
                ..Address::default()
            }),
            recipient: Some(Address {
                contact: Some(Contact {
                    name: Some("Ann Smith".into()),
                    ..Contact::default()
                }),
                address_line1: Some("1 High Street".into()),
                city: Some("Manchester".into()),
                post_code: Some("M1 1AA".into()),
                country_code: Some("GBR".into()),
                ..Address::default()
            }),
            parcels: Some(parcels),
            ..Consignment::default()
        },
        shipping_rules: None,
    }
}

/// A fresh, empty directory under the system's temporary directory.
pub fn scratch_dir(name: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("metapack-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The README's Rust examples, compiled and run as doctests of this crate, so an example that
/// goes stale fails `cargo test`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

/// The embedded sandbox and a Tracking client pointed at it.
pub async fn tracking_sandbox() -> (metapack_sandbox::Sandbox, metapack_tracking::TrackingClient) {
    let sandbox = metapack_sandbox::Sandbox::start()
        .await
        .expect("sandbox starts");
    let client = sandbox.tracking().client().expect("client builds");
    (sandbox, client)
}

/// The embedded sandbox and a Shipping client pointed at it.
pub async fn shipping_sandbox() -> (metapack_sandbox::Sandbox, metapack_shipping::ShippingClient) {
    let sandbox = metapack_sandbox::Sandbox::start()
        .await
        .expect("sandbox starts");
    let client = sandbox.shipping().client().expect("client builds");
    (sandbox, client)
}

/// A builder of an MM-API client of the embedded sandbox, as a user writes it: the host, the
/// data host, and the sandbox's client credentials.
pub fn mm_api_builder(sandbox: &metapack_sandbox::Sandbox) -> metapack_mm_api::MmApiClientBuilder {
    let (id, secret) = sandbox.mm_api().client_credentials();
    metapack_mm_api::MmApiClient::builder()
        .host(sandbox.mm_api().url())
        .data_host(sandbox.mm_api().data_url())
        .client_credentials(metapack_mm_api::ClientCredentials::new(id, secret))
}
