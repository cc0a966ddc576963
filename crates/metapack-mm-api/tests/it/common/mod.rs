//! Helpers shared by the integration tests: the reference's examples and violation
//! assertions.
#![allow(dead_code)]

pub mod mock_client;

use metapack_mm_api::ApiVersion;
use metapack_mm_api::errors::ConstraintViolation;
use metapack_mm_api::model::Shipment;
use metapack_mm_api::validation::Validate;
use metapack_mm_api::values::ConstraintCode;
use serde_json::Value;

/// A fixture of `tests/fixtures/` (copied verbatim from the reference's examples).
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A fixture as JSON.
pub fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).expect("fixture is JSON")
}

/// A fixture decoded into `T`.
pub fn decode<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The reference's example `POST /consignments` body: a valid `DELIVERY` shipment.
pub fn example_shipment() -> Shipment {
    decode("allocate_request")
}

/// `(field, code)` of each violation.
pub fn pairs(violations: &[ConstraintViolation]) -> Vec<(String, String)> {
    violations
        .iter()
        .map(|v| (v.field_path().to_owned(), v.code.to_string()))
        .collect()
}

/// Asserts that `value` has no violation for `version`.
#[track_caller]
pub fn assert_valid<T: Validate>(value: &T, version: ApiVersion) {
    let violations = value.validate(version);
    assert!(
        violations.is_empty(),
        "unexpected: {:#?}",
        pairs(&violations)
    );
}

/// Asserts that `value` has exactly one violation, of `code` on `field`, and returns it.
#[track_caller]
pub fn assert_only<T: Validate>(
    value: &T,
    version: ApiVersion,
    field: &str,
    code: ConstraintCode,
) -> ConstraintViolation {
    let violations = value.validate(version);
    assert_eq!(
        pairs(&violations),
        vec![(field.to_owned(), code.to_string())],
        "{violations:#?}"
    );
    violations.into_iter().next().expect("one violation")
}

/// Removes `null` members and `null` array elements, recursively (what serialization leaves
/// out).
pub fn strip_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .filter(|v| !v.is_null())
                .map(strip_nulls)
                .collect(),
        ),
        other => other,
    }
}
