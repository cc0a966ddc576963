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
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
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
/// UTC); or a JSON number counting from the Unix epoch (see [`datetime_from_epoch`]). An
/// empty or unreadable value (also an out-of-range number, a boolean, an array or an object)
/// decodes as `None` instead of failing the whole response; a `debug` log names the field's
/// value by at most its first [`LOGGED_PREFIX`] bytes.
///
/// A string is always read as a calendar form, never as an epoch count: a string of digits
/// such as `"20261120"` could be a compact date as well as seconds, so it is `None`.
///
/// ```
/// use metapack_core::lenient::parse_datetime;
/// let utc = parse_datetime("2026-11-20T09:00:00Z").unwrap();
/// assert_eq!(parse_datetime("2026-11-20T10:00:00+01:00"), Some(utc));
/// assert_eq!(parse_datetime("2026-11-20 09:00:00"), Some(utc));
/// assert_eq!(parse_datetime("2026-11-20T09:00:00.000"), Some(utc));
/// assert!(parse_datetime("soon").is_none());
///
/// #[derive(serde::Deserialize)]
/// struct Event {
///     #[serde(default, deserialize_with = "metapack_core::lenient::option_datetime")]
///     at: Option<chrono::DateTime<chrono::Utc>>,
/// }
/// let read = |json: &str| serde_json::from_str::<Event>(json).unwrap().at;
/// assert_eq!(read(r#"{"at": 1795165200}"#), Some(utc)); // seconds
/// assert_eq!(read(r#"{"at": 1795165200000}"#), Some(utc)); // milliseconds
/// assert_eq!(read(r#"{"at": true}"#), None);
/// assert_eq!(read(r#"{"at": null}"#), None);
/// ```
pub fn option_datetime<'de, D>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error>
where
    D: Deserializer<'de>,
{
    deserializer.deserialize_any(LenientDatetime)
}

/// How many bytes of an unreadable timestamp [`option_datetime`] logs (cut on a character
/// boundary).
pub const LOGGED_PREFIX: usize = 64;

/// Epoch counts whose magnitude reaches this are milliseconds; smaller ones are seconds.
///
/// 10^11 seconds is the year 5138, and 10^11 milliseconds is 3 March 1973: every timestamp
/// these APIs carry is told apart correctly (a count in milliseconds before March 1973 would
/// be read as seconds).
pub const EPOCH_MILLIS_FROM: f64 = 1e11;

/// Reads a count from the Unix epoch as [`option_datetime`] does: seconds when its magnitude
/// is below [`EPOCH_MILLIS_FROM`] (10^11), milliseconds from there on; negative counts are
/// before 1970, fractions are kept to the microsecond, and a count outside chrono's range (or
/// not finite) is `None`.
///
/// ```
/// use metapack_core::lenient::{datetime_from_epoch, parse_datetime};
/// let utc = parse_datetime("2026-11-20T09:00:00Z");
/// assert_eq!(datetime_from_epoch(1_795_165_200.0), utc);
/// assert_eq!(datetime_from_epoch(1_795_165_200_000.0), utc);
/// assert_eq!(datetime_from_epoch(-86_400.0), parse_datetime("1969-12-31"));
/// assert_eq!(datetime_from_epoch(1e300), None);
/// ```
pub fn datetime_from_epoch(count: f64) -> Option<DateTime<Utc>> {
    if !count.is_finite() {
        return None;
    }
    let micros = if count.abs() >= EPOCH_MILLIS_FROM {
        count * 1e3
    } else {
        count * 1e6
    };
    // `as` saturates; a saturated count is outside chrono's range and gives `None`.
    DateTime::from_timestamp_micros(micros.round() as i64)
}

/// The same as [`datetime_from_epoch`] for an integer, without the rounding of a float.
fn datetime_from_epoch_int(count: i128) -> Option<DateTime<Utc>> {
    let millis_from = EPOCH_MILLIS_FROM as i128;
    let micros = if count.abs() >= millis_from {
        count.checked_mul(1_000)?
    } else {
        count.checked_mul(1_000_000)?
    };
    DateTime::from_timestamp_micros(i64::try_from(micros).ok()?)
}

/// Logs an unreadable timestamp at `debug`, by at most its first [`LOGGED_PREFIX`] bytes
/// (copied only when the log is enabled) and its length.
fn log_unreadable(kind: &str, raw: &str) {
    tracing::debug!(
        value = %logged_prefix(raw),
        len = raw.len(),
        kind,
        "unreadable timestamp decoded as None"
    );
}

/// At most the first [`LOGGED_PREFIX`] bytes of `raw`, cut on a character boundary.
fn logged_prefix(raw: &str) -> String {
    crate::error::truncate(raw, LOGGED_PREFIX)
}

/// The visitor of [`option_datetime`]: every JSON value gives a timestamp or `None`.
struct LenientDatetime;

impl<'de> Visitor<'de> for LenientDatetime {
    type Value = Option<DateTime<Utc>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, raw: &str) -> Result<Self::Value, E> {
        let parsed = parse_datetime(raw);
        if parsed.is_none() && !raw.trim().is_empty() {
            log_unreadable("string", raw);
        }
        Ok(parsed)
    }

    fn visit_i64<E: de::Error>(self, count: i64) -> Result<Self::Value, E> {
        self.visit_i128(count.into())
    }

    fn visit_u64<E: de::Error>(self, count: u64) -> Result<Self::Value, E> {
        self.visit_i128(count.into())
    }

    fn visit_i128<E: de::Error>(self, count: i128) -> Result<Self::Value, E> {
        let parsed = datetime_from_epoch_int(count);
        if parsed.is_none() {
            log_unreadable("number", &count.to_string());
        }
        Ok(parsed)
    }

    fn visit_f64<E: de::Error>(self, count: f64) -> Result<Self::Value, E> {
        let parsed = datetime_from_epoch(count);
        if parsed.is_none() {
            log_unreadable("number", &count.to_string());
        }
        Ok(parsed)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        log_unreadable("boolean", if value { "true" } else { "false" });
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        log_unreadable("array", "[..]");
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        log_unreadable("object", "{..}");
        Ok(None)
    }
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

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::{LOGGED_PREFIX, logged_prefix, parse_datetime};

    #[derive(serde::Deserialize)]
    struct Event {
        #[serde(default, deserialize_with = "super::option_datetime")]
        at: Option<DateTime<Utc>>,
        code: Option<String>,
    }

    fn read(at: &str) -> Option<DateTime<Utc>> {
        let event: Event = serde_json::from_str(&format!(r#"{{"at": {at}, "code": "X"}}"#))
            .unwrap_or_else(|e| panic!("{at} failed the whole value: {e}"));
        assert_eq!(event.code.as_deref(), Some("X"), "the rest is still read");
        event.at
    }

    fn utc(raw: &str) -> Option<DateTime<Utc>> {
        parse_datetime(raw)
    }

    #[test]
    fn epoch_seconds_and_milliseconds_are_told_apart_by_magnitude() {
        assert_eq!(read("1795165200"), utc("2026-11-20T09:00:00Z"));
        assert_eq!(read("1795165200000"), utc("2026-11-20T09:00:00Z"));
        assert_eq!(read("1795165200123"), utc("2026-11-20T09:00:00.123Z"));
        assert_eq!(read("0"), utc("1970-01-01"));
        // Just below 10^11 is seconds (year 5138), from 10^11 on milliseconds (1973).
        assert_eq!(read("99999999999"), utc("5138-11-16T09:46:39Z"));
        assert_eq!(read("100000000000"), utc("1973-03-03T09:46:40Z"));
    }

    #[test]
    fn negative_and_fractional_epoch_counts() {
        assert_eq!(read("-86400"), utc("1969-12-31"));
        // The magnitude decides for negative counts too.
        assert_eq!(read("-100000000000"), utc("1966-10-31T14:13:20Z"));
        assert_eq!(read("1795165200.5"), utc("2026-11-20T09:00:00.5Z"));
        assert_eq!(read("1795165200000.0"), utc("2026-11-20T09:00:00Z"));
        assert_eq!(read("1.7951652e9"), utc("2026-11-20T09:00:00Z"));
    }

    #[test]
    fn out_of_range_and_other_values_are_none() {
        for at in [
            "18446744073709551615",
            "-9223372036854775808",
            "1e300",
            "-1e300",
            "true",
            "[1, 2]",
            r#"{"seconds": 1}"#,
            "null",
            r#""""#,
            r#""soon""#,
            r#""1795165200""#,
        ] {
            assert_eq!(read(at), None, "{at}");
        }
        let missing: Event = serde_json::from_str(r#"{"code": "X"}"#).unwrap();
        assert_eq!(missing.at, None);
    }

    #[test]
    fn strings_are_read_as_before() {
        assert_eq!(
            read(r#""2026-11-20 09:00:00""#),
            utc("2026-11-20T09:00:00Z")
        );
        assert_eq!(
            read(r#""2026-11-20T10:00:00+01:00""#),
            utc("2026-11-20T09:00:00Z")
        );
        // Escaped strings arrive owned.
        assert_eq!(
            read(r#""2026-11-20\u005409:00:00Z""#),
            utc("2026-11-20T09:00:00Z")
        );
    }

    #[test]
    fn logged_prefix_cuts_on_a_character_boundary() {
        assert_eq!(logged_prefix("short"), "short");
        let text = "é".repeat(LOGGED_PREFIX);
        let prefix = logged_prefix(&text);
        assert_eq!(prefix.len(), LOGGED_PREFIX);
        assert!(text.starts_with(&prefix));
        let odd = format!("a{text}");
        assert_eq!(logged_prefix(&odd).len(), LOGGED_PREFIX - 1);
    }
}
