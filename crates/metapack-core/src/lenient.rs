//! Lenient decoding: a `null` inside an array or as a map value is skipped, and timestamps
//! are read in the forms real responses use.
//!
//! Real Metapack responses carry `null` where the docs show values, also inside arrays
//! (`"parcels": [null, {...}]`). A null element carries nothing to keep, so the generated
//! models drop it instead of failing. Timestamps documented as RFC 3339 also arrive without an
//! offset, with a space for the `T`, or empty; see [`option_datetime`]. `cargo xtask codegen` attaches these functions to every
//! generated `Option<Vec<_>>`, `Option<HashMap<_, _>>`, map newtype and
//! `Option<DateTime<Utc>>` field (see docs/codegen.md).

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::de::{MapAccess, Visitor};
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
    let map: Option<NullFreeMap<K, V>> = Deserialize::deserialize(deserializer)?;
    Ok(map.map(|m| m.0))
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

/// Decodes an optional map of arrays (such as opening times by day), skipping `null` values
/// and `null` elements of the arrays.
///
/// ```
/// use std::collections::HashMap;
/// #[derive(serde::Deserialize)]
/// struct Store {
///     #[serde(default, deserialize_with = "metapack_core::lenient::map_of_vecs_without_nulls")]
///     times: Option<HashMap<String, Vec<String>>>,
/// }
/// let s: Store =
///     serde_json::from_str(r#"{"times": {"monday": ["09:00-17:00", null], "sunday": null}}"#)
///         .unwrap();
/// assert_eq!(s.times.unwrap()["monday"], ["09:00-17:00"]);
/// ```
pub fn map_of_vecs_without_nulls<'de, D, K, T>(
    deserializer: D,
) -> Result<Option<HashMap<K, Vec<T>>>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Eq + Hash,
    T: Deserialize<'de>,
{
    let map: Option<NullFreeMap<K, NullFreeVec<T>>> = Deserialize::deserialize(deserializer)?;
    Ok(map.map(|m| m.0.into_iter().map(|(k, v)| (k, v.0)).collect()))
}

/// Decodes a map of arrays, skipping `null` values and `null` elements (a missing or `null`
/// map is empty).
pub fn map_values_of_vecs_without_nulls<'de, D, K, T>(
    deserializer: D,
) -> Result<HashMap<K, Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Eq + Hash,
    T: Deserialize<'de>,
{
    Ok(map_of_vecs_without_nulls(deserializer)?.unwrap_or_default())
}

/// A map decoded in one pass, leaving out entries whose value is `null`.
struct NullFreeMap<K, V>(HashMap<K, V>);

impl<'de, K, V> Deserialize<'de> for NullFreeMap<K, V>
where
    K: Deserialize<'de> + Eq + Hash,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(PhantomData<(K, V)>);
        impl<'de, K, V> Visitor<'de> for Entries<K, V>
        where
            K: Deserialize<'de> + Eq + Hash,
            V: Deserialize<'de>,
        {
            type Value = NullFreeMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = HashMap::with_capacity(access.size_hint().unwrap_or(0).min(256));
                while let Some((key, value)) = access.next_entry::<K, Option<V>>()? {
                    if let Some(value) = value {
                        map.insert(key, value);
                    }
                }
                Ok(NullFreeMap(map))
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

/// An array decoded leaving out `null` elements.
struct NullFreeVec<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for NullFreeVec<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items: Vec<Option<T>> = Deserialize::deserialize(deserializer)?;
        Ok(NullFreeVec(items.into_iter().flatten().collect()))
    }
}

/// Decodes an optional timestamp: RFC 3339 (any offset, converted to UTC), or without an offset
/// (read as UTC), with `T` or a space, with or without fractions, or a date alone (midnight
/// UTC). An empty or unreadable value decodes as `None` instead of failing the whole response.
///
/// ```
/// use metapack_core::lenient::parse_datetime;
/// let utc = parse_datetime("2026-11-20T09:00:00Z").unwrap();
/// assert_eq!(parse_datetime("2026-11-20T10:00:00+01:00"), Some(utc));
/// assert_eq!(parse_datetime("2026-11-20 09:00:00"), Some(utc));
/// assert_eq!(parse_datetime("2026-11-20T09:00:00.000"), Some(utc));
/// assert!(parse_datetime("soon").is_none());
/// ```
pub fn option_datetime<'de, D>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error>
where
    D: Deserializer<'de>,
{
    let raw: Option<std::borrow::Cow<'de, str>> = Deserialize::deserialize(deserializer)?;
    Ok(raw.as_deref().and_then(|raw| {
        let parsed = parse_datetime(raw);
        if parsed.is_none() && !raw.trim().is_empty() {
            tracing::debug!(value = raw, "unreadable timestamp decoded as None");
        }
        parsed
    }))
}

/// Reads a timestamp in the forms [`option_datetime`] accepts.
pub fn parse_datetime(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(t.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(raw, format) {
            return Some(t.and_utc());
        }
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M:%S%.f%#z"] {
        if let Ok(t) = DateTime::parse_from_str(raw, format) {
            return Some(t.with_timezone(&Utc));
        }
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}
