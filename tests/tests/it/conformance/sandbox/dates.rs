//! Moves the examples' fixed dates into the sandbox's future. The docs' dates were ahead when
//! they were written; allocation and delivery options (in the sandbox as in production) only
//! plan collections and deliveries ahead of now, so a past slot finds nothing.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde_json::Value;

/// The docs' query timestamps: `2022-04-05 00:00:00`, no zone.
const QUERY_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// Moves every timestamp in `value` (RFC 3339, or the query form, alone or comma-separated)
/// forward by whole weeks, weekdays kept, so that the earliest lies at least two days ahead.
pub fn into_the_future(value: &mut Value) {
    let mut stamps = Vec::new();
    collect(value, &mut stamps);
    let Some(earliest) = stamps.iter().min().copied() else {
        return;
    };
    let target = Utc::now() + Duration::days(2);
    if earliest >= target {
        return;
    }
    let weeks = (target - earliest).num_days() / 7 + 1;
    shift(value, Duration::weeks(weeks));
}

/// A timestamp and whether it was written in the query form.
fn stamp(text: &str) -> Option<(DateTime<Utc>, bool)> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some((at.with_timezone(&Utc), false));
    }
    NaiveDateTime::parse_from_str(text, QUERY_FORMAT)
        .ok()
        .map(|at| (at.and_utc(), true))
}

/// The timestamps of a string: one, or a comma-separated list made only of timestamps.
fn stamps(text: &str) -> Option<Vec<(DateTime<Utc>, bool)>> {
    text.split(',').map(stamp).collect()
}

fn collect(value: &Value, out: &mut Vec<DateTime<Utc>>) {
    match value {
        Value::String(text) => out.extend(stamps(text).into_iter().flatten().map(|(at, _)| at)),
        Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        Value::Object(fields) => fields.values().for_each(|v| collect(v, out)),
        _ => {}
    }
}

fn shift(value: &mut Value, by: Duration) {
    match value {
        Value::String(text) => {
            if let Some(parts) = stamps(text) {
                let moved: Vec<String> = parts
                    .into_iter()
                    .map(|(at, query_form)| {
                        let format = if query_form {
                            QUERY_FORMAT
                        } else {
                            "%Y-%m-%dT%H:%M:%SZ"
                        };
                        (at + by).format(format).to_string()
                    })
                    .collect();
                *text = moved.join(",");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| shift(v, by)),
        Value::Object(fields) => fields.values_mut().for_each(|v| shift(v, by)),
        _ => {}
    }
}
