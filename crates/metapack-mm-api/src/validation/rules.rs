//! The checks behind each constraint code, usable on their own.
//!
//! Each `check_*` function reports into a [`Checker`] at a field relative to its current path
//! and returns whether the value passed; the `is_*` predicates only answer. Absent values
//! pass every check but [`not_null`] (as in Bean Validation). Messages follow the server's
//! (Hibernate Validator's) wording.

use chrono::{DateTime, FixedOffset};
use serde_json::Value;
use url::Url;

use super::Checker;
use crate::lenient::Properties;
use crate::model::IsoDateTime;
use crate::uri::ConsignmentUri;
use crate::values::countries::{CountryCode, country_name};
use crate::values::{ConstraintCode, ValueList};
use crate::version::Feature;

/// Length of a text as the server counts it: UTF-16 code units (Java's `String.length`).
pub fn java_len(text: &str) -> usize {
    text.encode_utf16().count()
}

fn text(value: &str) -> Option<Value> {
    Some(Value::from(value))
}

fn number(value: f64) -> Option<Value> {
    serde_json::Number::from_f64(value).map(Value::Number)
}

/// `NotNull`: the value must be present. Returns it, for chaining.
pub fn not_null<'a, T: ?Sized>(
    c: &mut Checker,
    field: &str,
    value: Option<&'a T>,
) -> Option<&'a T> {
    if value.is_none() {
        c.report(field, ConstraintCode::NotNull, None, "may not be null");
    }
    value
}

/// `NotNullDependsOn`: the value must be present when `other` (named `other_name`) is not.
pub fn not_null_depends_on(
    c: &mut Checker,
    field: &str,
    present: bool,
    other_present: bool,
    other_name: &str,
) -> bool {
    let ok = present || other_present;
    if !ok {
        c.report(
            field,
            ConstraintCode::NotNullDependsOn,
            None,
            format!("may not be null when {other_name} is not provided"),
        );
    }
    ok
}

/// `ValueDependsOn`: the value must be present when a field it depends on has a particular
/// value (`condition`, described by `because`).
pub fn value_depends_on(
    c: &mut Checker,
    field: &str,
    present: bool,
    condition: bool,
    because: &str,
) -> bool {
    let ok = present || !condition;
    if !ok {
        c.report(
            field,
            ConstraintCode::ValueDependsOn,
            None,
            format!("may not be null when {because}"),
        );
    }
    ok
}

/// `Size` on a text: its length (UTF-16 units) must be within `min..=max`.
pub fn size(c: &mut Checker, field: &str, value: Option<&str>, min: usize, max: usize) -> bool {
    let Some(value) = value else { return true };
    let ok = (min..=max).contains(&java_len(value));
    if !ok {
        c.report(
            field,
            ConstraintCode::Size,
            text(value),
            format!("size must be between {min} and {max}"),
        );
    }
    ok
}

/// `Size` on a list or map: its number of entries must be within `min..=max`.
pub fn count(
    c: &mut Checker,
    field: &str,
    len: Option<usize>,
    min: usize,
    max: usize,
    rejected_value: impl FnOnce() -> Option<Value>,
) -> bool {
    let Some(len) = len else { return true };
    let ok = (min..=max).contains(&len);
    if !ok {
        c.report(
            field,
            ConstraintCode::Size,
            rejected_value(),
            format!("size must be between {min} and {max}"),
        );
    }
    ok
}

/// `Min`: the number must be at least `min`.
pub fn min(c: &mut Checker, field: &str, value: Option<f64>, min: i64) -> bool {
    let Some(value) = value else { return true };
    let ok = value >= min as f64;
    if !ok {
        c.report(
            field,
            ConstraintCode::Min,
            number(value),
            format!("must be greater than or equal to {min}"),
        );
    }
    ok
}

/// `Max`: the number must be at most `max`.
pub fn max(c: &mut Checker, field: &str, value: Option<f64>, max: i64) -> bool {
    let Some(value) = value else { return true };
    let ok = value <= max as f64;
    if !ok {
        c.report(
            field,
            ConstraintCode::Max,
            number(value),
            format!("must be less than or equal to {max}"),
        );
    }
    ok
}

/// `DecimalMin`: the number must be above `min` (or equal to it when `inclusive`).
pub fn decimal_min(
    c: &mut Checker,
    field: &str,
    value: Option<f64>,
    min: f64,
    inclusive: bool,
) -> bool {
    let Some(value) = value else { return true };
    let ok = if inclusive { value >= min } else { value > min };
    if !ok {
        let or_equal = if inclusive { "or equal to " } else { "" };
        c.report(
            field,
            ConstraintCode::DecimalMin,
            number(value),
            format!("must be greater than {or_equal}{min}"),
        );
    }
    ok
}

/// `DecimalMax`: the number must be below `max` (or equal to it when `inclusive`).
pub fn decimal_max(
    c: &mut Checker,
    field: &str,
    value: Option<f64>,
    max: f64,
    inclusive: bool,
) -> bool {
    let Some(value) = value else { return true };
    let ok = if inclusive { value <= max } else { value < max };
    if !ok {
        let or_equal = if inclusive { "or equal to " } else { "" };
        c.report(
            field,
            ConstraintCode::DecimalMax,
            number(value),
            format!("must be less than {or_equal}{max}"),
        );
    }
    ok
}

/// The integral and fractional digits of a number as the server counts them (Java's
/// `BigDecimal` of the number's shortest text, trailing zeros stripped): `5.0` has (1, 0),
/// `0.25` has (0, 2), `500` has (3, 0). `None` for infinities and NaN.
pub fn digits_of(value: f64) -> Option<(usize, usize)> {
    if !value.is_finite() {
        return None;
    }
    let shown = format!("{}", value.abs());
    let (int, frac) = shown.split_once('.').unwrap_or((&shown, ""));
    let frac = frac.trim_end_matches('0');
    let int = int.trim_start_matches('0');
    let int_digits = match (int.is_empty(), frac.is_empty()) {
        (true, true) => 1,
        (true, false) => 0,
        (false, _) => int.len(),
    };
    Some((int_digits, frac.len()))
}

/// `Digits`: at most `integer` integral and `fraction` fractional digits.
pub fn digits(
    c: &mut Checker,
    field: &str,
    value: Option<f64>,
    integer: usize,
    fraction: usize,
) -> bool {
    let Some(value) = value else { return true };
    let ok = digits_of(value).is_some_and(|(i, f)| i <= integer && f <= fraction);
    if !ok {
        c.report(
            field,
            ConstraintCode::Digits,
            number(value),
            format!(
                "numeric value out of bounds (<{integer} digits>.<{fraction} digits> expected)"
            ),
        );
    }
    ok
}

/// Whether `value` is a well-formed e-mail address: a local part of at most 64 characters
/// (letters, digits and ``!#$%&'*+/=?^_`{|}~.-``, dots not leading, trailing or doubled), `@`,
/// and a domain of dot-separated labels of letters, digits and inner hyphens.
pub fn is_valid_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|ch| ch.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(ch));
    let domain_ok = !domain.is_empty()
        && domain.len() <= 255
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|ch| ch.is_alphanumeric() || ch == '-')
        });
    local_ok && domain_ok
}

/// `Email`: a well-formed e-mail address ([`is_valid_email`]).
pub fn email(c: &mut Checker, field: &str, value: Option<&str>) -> bool {
    let Some(value) = value else { return true };
    let ok = is_valid_email(value);
    if !ok {
        c.report(
            field,
            ConstraintCode::Email,
            text(value),
            "not a well-formed email address",
        );
    }
    ok
}

/// Whether `value` is a URI as the reference's glossary defines it: scheme `http` or
/// `https`, a host and a path, without spaces or control characters.
pub fn is_valid_uri(value: &str) -> bool {
    // RFC 3986 allows none of these anywhere; the parser below would repair some of them
    // (a backslash read as `/`), which the server does not.
    if value
        .chars()
        .any(|ch| ch.is_whitespace() || ch.is_control() || "\\<>\"{}|^`".contains(ch))
    {
        return false;
    }
    // The host is an authority, after `scheme://` (`https:/x/y` has none, though the parser
    // below would take `x` for one).
    if !value
        .split_once(':')
        .is_some_and(|(_, rest)| rest.starts_with("//"))
    {
        return false;
    }
    let Ok(url) = Url::parse(value) else {
        return false;
    };
    matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.path() != "/"
        && !url.path().is_empty()
}

/// Whether `value` is a consignment URI: a valid URI whose path ends in
/// `/consignments/<id>`.
pub fn is_valid_consignment_uri(value: &str) -> bool {
    is_valid_uri(value)
        && ConsignmentUri::new(value)
            .id()
            .is_some_and(|id| !id.contains('/'))
}

fn uri_check(
    c: &mut Checker,
    field: &str,
    value: Option<&str>,
    code: ConstraintCode,
    valid: fn(&str) -> bool,
    what: &str,
) -> bool {
    let Some(value) = value else { return true };
    let ok = valid(value);
    if !ok {
        c.report(field, code, text(value), format!("must be a valid {what}"));
    }
    ok
}

/// `ValidURI`: a URI per [`is_valid_uri`].
pub fn uri(c: &mut Checker, field: &str, value: Option<&str>) -> bool {
    uri_check(
        c,
        field,
        value,
        ConstraintCode::ValidUri,
        is_valid_uri,
        "URI",
    )
}

/// `ValidDestinationURI`: a destination's URI, per [`is_valid_uri`].
pub fn destination_uri(c: &mut Checker, field: &str, value: Option<&str>) -> bool {
    uri_check(
        c,
        field,
        value,
        ConstraintCode::ValidDestinationUri,
        is_valid_uri,
        "destination URI",
    )
}

/// `ValidConsignmentURI`: a consignment's URI, per [`is_valid_consignment_uri`].
pub fn consignment_uri(c: &mut Checker, field: &str, value: Option<&str>) -> bool {
    uri_check(
        c,
        field,
        value,
        ConstraintCode::ValidConsignmentUri,
        is_valid_consignment_uri,
        "consignment URI",
    )
}

/// Whether `value` has the shape of B.1's formats in ISO 8601's extended notation:
/// `YYYY-MM-DD`, or that, `T`, `hh:mm`, optional `:ss` with an optional fraction of 1 to 9
/// digits, and an optional `Z` or `±hh:mm` offset. Every field has all its digits (`2016-1-4`
/// is not ISO 8601) and nothing surrounds the value. `T` and `Z` may be lower case.
pub fn is_iso_8601(value: &str) -> bool {
    fn take<'a>(rest: &'a str, template: &str) -> Option<&'a str> {
        let head = rest.get(..template.len())?;
        let fits = head.chars().zip(template.chars()).all(|(ch, t)| match t {
            'd' => ch.is_ascii_digit(),
            'T' => ch == 'T' || ch == 't',
            other => ch == other,
        });
        fits.then(|| &rest[template.len()..])
    }
    let Some(rest) = take(value, "dddd-dd-dd") else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    let Some(mut rest) = take(rest, "Tdd:dd") else {
        return false;
    };
    if let Some(after) = take(rest, ":dd") {
        rest = after;
        if let Some(fraction) = rest.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if !(1..=9).contains(&digits) {
                return false;
            }
            rest = &fraction[digits..];
        }
    }
    rest.is_empty()
        || rest.eq_ignore_ascii_case("z")
        || take(rest, "+dd:dd").or_else(|| take(rest, "-dd:dd")) == Some("")
}

/// An ISO 8601 value ([`is_iso_8601`]) read as a time; `hh:mm` without seconds is read as
/// `hh:mm:00`.
fn parse_iso_8601(value: &IsoDateTime) -> Option<DateTime<FixedOffset>> {
    let raw = value.as_str();
    if !is_iso_8601(raw) {
        return None;
    }
    let mut text = raw.replace('t', "T").replace('z', "Z");
    if text.len() >= 16 && text.as_bytes().get(16) != Some(&b':') {
        text.insert_str(16, ":00");
    }
    IsoDateTime::new(text).parse()
}

/// `ISODateTimeFormat`: an ISO 8601 date or date-time ([`is_iso_8601`]). Returns the parsed
/// time.
pub fn iso_date_time(
    c: &mut Checker,
    field: &str,
    value: Option<&IsoDateTime>,
) -> Option<DateTime<FixedOffset>> {
    let value = value?;
    let parsed = parse_iso_8601(value);
    if parsed.is_none() {
        c.report(
            field,
            ConstraintCode::IsoDateTimeFormat,
            text(value.as_str()),
            "must be a valid ISO 8601 date or date-time",
        );
    }
    parsed
}

/// `Past`: the time must be before the checker's clock.
pub fn past(
    c: &mut Checker,
    field: &str,
    value: Option<DateTime<FixedOffset>>,
    rejected: Option<&str>,
) -> bool {
    let Some(value) = value else { return true };
    let ok = value < c.now();
    if !ok {
        c.report(
            field,
            ConstraintCode::Past,
            rejected.and_then(text),
            "must be in the past",
        );
    }
    ok
}

/// `Future`: the time must be after the checker's clock.
pub fn future(
    c: &mut Checker,
    field: &str,
    value: Option<DateTime<FixedOffset>>,
    rejected: Option<&str>,
) -> bool {
    let Some(value) = value else { return true };
    let ok = value > c.now();
    if !ok {
        c.report(
            field,
            ConstraintCode::Future,
            rejected.and_then(text),
            "must be in the future",
        );
    }
    ok
}

/// `Enum`: the value must be one of its enumeration's documented values.
pub fn enum_value<T: ValueList>(c: &mut Checker, field: &str, value: Option<&T>) -> bool {
    let Some(value) = value else { return true };
    let ok = value.is_documented();
    if !ok {
        c.report(
            field,
            ConstraintCode::Enum,
            text(value.wire()),
            format!("must be one of [{}]", T::documented().join(", ")),
        );
    }
    ok
}

/// `SupportedValue`: the value must be one of its list's documented values.
pub fn supported_value<T: ValueList>(c: &mut Checker, field: &str, value: Option<&T>) -> bool {
    let Some(value) = value else { return true };
    let ok = value.is_documented();
    if !ok {
        c.report(
            field,
            ConstraintCode::SupportedValue,
            text(value.wire()),
            format!("must be a supported value: {}", T::documented().join(", ")),
        );
    }
    ok
}

/// `SupportedValue` for a value checked against a table (`known`), described as `what`.
pub fn supported_text(
    c: &mut Checker,
    field: &str,
    value: Option<&str>,
    known: bool,
    what: &str,
) -> bool {
    let Some(value) = value else { return true };
    if !known {
        c.report(
            field,
            ConstraintCode::SupportedValue,
            text(value),
            format!("must be a supported value: {what}"),
        );
    }
    known
}

/// A required ISO 3166-1 alpha-3 country code of B.15 in capitals (`country`,
/// `countryOfOrigin`): `NotNull`, `Size` 3..3 and `SupportedValue`, as the server reports
/// them, each message ending with the code to send when one can be guessed (`"GB"`: `size must
/// be between 3 and 3; send "GBR" (ISO 3166-1 alpha-3)`).
pub fn country(c: &mut Checker, field: &str, value: Option<&CountryCode>) -> bool {
    let Some(code) = not_null(c, field, value.map(CountryCode::as_str)) else {
        return false;
    };
    let advice = || crate::values::countries::alpha3_advice(code);
    if java_len(code) != 3 {
        c.report(
            field,
            ConstraintCode::Size,
            text(code),
            format!("size must be between 3 and 3; {}", advice()),
        );
        return false;
    }
    // B.15 lists the codes in capitals; `gbr` is not one of them.
    let known = country_name(code).is_some() && code == code.to_ascii_uppercase();
    if !known {
        c.report(
            field,
            ConstraintCode::SupportedValue,
            text(code),
            format!(
                "must be a supported value: an ISO 3166-1 alpha-3 code; {}",
                advice()
            ),
        );
    }
    known
}

/// `SupportedValue` for a field or value the checker's version does not have: reports when
/// `present` and the version lacks `feature`.
pub fn since(
    c: &mut Checker,
    field: &str,
    present: bool,
    rejected_value: impl FnOnce() -> Option<Value>,
    feature: Feature,
) -> bool {
    let ok = !present || c.version().supports(feature);
    if !ok {
        let message = format!(
            "is not available in API version {} ({} needs {})",
            c.version(),
            feature,
            feature.range()
        );
        c.report(
            field,
            ConstraintCode::SupportedValue,
            rejected_value(),
            message,
        );
    }
    ok
}

/// `Size` and `MapStringSize` on a property map: at most `max_entries` entries, keys of at
/// most `key_max` and values of at most `value_max` characters. Keys are reported as
/// `field[key]`.
pub fn properties(
    c: &mut Checker,
    field: &str,
    map: Option<&Properties>,
    max_entries: usize,
    key_max: usize,
    value_max: usize,
) -> bool {
    let Some(map) = map else { return true };
    let mut ok = count(c, field, Some(map.len()), 0, max_entries, || {
        serde_json::to_value(map).ok()
    });
    for (key, value) in map {
        if java_len(key) > key_max || java_len(value) > value_max {
            ok = false;
            c.report(
                &format!("{field}[{key}]"),
                ConstraintCode::MapStringSize,
                text(value),
                format!(
                    "key size must not exceed {key_max} and value size must not exceed \
                     {value_max}"
                ),
            );
        }
    }
    ok
}
