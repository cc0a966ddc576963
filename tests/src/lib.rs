//! Shared fixtures for the workspace tests and the tour.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeZone, Utc};

/// A fixed instant, so that fixtures and snapshots do not depend on the clock.
pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).single().unwrap_or_default()
}

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
