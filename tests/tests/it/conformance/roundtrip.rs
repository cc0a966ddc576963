//! Decodes an example with one of our types and checks that encoding it again keeps every
//! documented field.

use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

/// Decodes `example` as `T` and re-encodes it; answers each documented field that the
/// round trip lost or changed. `null`, empty arrays and empty objects count as absent (our
/// types skip absent fields when encoding).
pub fn check<T: DeserializeOwned + Serialize>(example: &Value) -> Vec<String> {
    let decoded: T = match serde_json::from_value(example.clone()) {
        Ok(decoded) => decoded,
        Err(e) => {
            return vec![format!(
                "does not decode as {}: {e}",
                std::any::type_name::<T>()
            )];
        }
    };
    let encoded = match serde_json::to_value(&decoded) {
        Ok(encoded) => encoded,
        Err(e) => return vec![format!("does not encode again: {e}")],
    };
    let mut lost = Vec::new();
    compare(example, &encoded, "$", &mut lost);
    lost
}

fn absent(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(fields) => fields.values().all(absent),
        _ => false,
    }
}

fn compare(documented: &Value, encoded: &Value, path: &str, lost: &mut Vec<String>) {
    if absent(documented) {
        return;
    }
    match (documented, encoded) {
        (Value::Object(doc), Value::Object(enc)) => {
            for (name, value) in doc {
                let at = format!("{path}.{name}");
                match enc.get(name) {
                    Some(found) => compare(value, found, &at, lost),
                    None if absent(value) => {}
                    None => lost.push(format!("{at}: dropped by the round trip")),
                }
            }
        }
        (Value::Array(doc), Value::Array(enc)) => {
            if doc.len() != enc.len() {
                lost.push(format!("{path}: {} items became {}", doc.len(), enc.len()));
                return;
            }
            for (i, (d, e)) in doc.iter().zip(enc).enumerate() {
                compare(d, e, &format!("{path}[{i}]"), lost);
            }
        }
        (Value::Number(d), Value::Number(e)) => {
            if d.as_f64() != e.as_f64() {
                lost.push(format!("{path}: {d} became {e}"));
            }
        }
        (d, e) if d == e => {}
        (Value::String(d), Value::String(e)) if same_instant(d, e) => {}
        (d, e) => lost.push(format!("{path}: {d} became {e}")),
    }
}

/// Two RFC 3339 timestamps for the same instant (`.000Z` and `Z` spell the same moment).
fn same_instant(a: &str, b: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(a),
        chrono::DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
