//! Lenient decoding of collections: a `null` inside an array or as a map value is skipped.
//!
//! Real Metapack responses carry `null` where the docs show values, also inside arrays
//! (`"parcels": [null, {...}]`). A null element carries nothing to keep, so the generated
//! models drop it instead of failing. `cargo xtask codegen` attaches these functions to every
//! generated `Option<Vec<_>>`, `Option<HashMap<_, _>>` and map newtype field (see docs/codegen.md).

use std::collections::HashMap;
use std::hash::Hash;

use serde::{Deserialize, Deserializer};

/// Decodes an optional array, skipping `null` elements.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Parcels {
///     #[serde(default, deserialize_with = "metapack_core::lenient::vec_without_nulls")]
///     codes: Option<Vec<String>>,
/// }
/// let p: Parcels = serde_json::from_str(r#"{"codes": ["A", null, "B"]}"#).unwrap();
/// assert_eq!(p.codes, Some(vec!["A".to_owned(), "B".to_owned()]));
/// let p: Parcels = serde_json::from_str(r#"{"codes": null}"#).unwrap();
/// assert_eq!(p.codes, None);
/// ```
pub fn vec_without_nulls<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items: Option<Vec<Option<T>>> = Deserialize::deserialize(deserializer)?;
    Ok(items.map(|items| items.into_iter().flatten().collect()))
}

/// Decodes an optional map, skipping entries whose value is `null`.
///
/// ```
/// use std::collections::HashMap;
/// #[derive(serde::Deserialize)]
/// struct Costs {
///     #[serde(default, deserialize_with = "metapack_core::lenient::map_without_nulls")]
///     costs: Option<HashMap<String, f64>>,
/// }
/// let c: Costs = serde_json::from_str(r#"{"costs": {"a": 1.5, "b": null}}"#).unwrap();
/// assert_eq!(c.costs.map(|m| m.len()), Some(1));
/// ```
pub fn map_without_nulls<'de, D, K, V>(deserializer: D) -> Result<Option<HashMap<K, V>>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Eq + Hash,
    V: Deserialize<'de>,
{
    let entries: Option<HashMap<K, Option<V>>> = Deserialize::deserialize(deserializer)?;
    Ok(entries.map(|entries| {
        entries
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect()
    }))
}

/// Decodes a map (a map-typed model such as `SupportingAgents`), skipping `null` values.
pub fn map_values_without_nulls<'de, D, K, V>(deserializer: D) -> Result<HashMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Eq + Hash,
    V: Deserialize<'de>,
{
    Ok(map_without_nulls(deserializer)?.unwrap_or_default())
}
