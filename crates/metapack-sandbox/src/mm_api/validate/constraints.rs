//! The constraints of Appendix A as checks on request JSON, each reporting the B.10 code the
//! reference attaches to it, and the [`Report`] they report into.
//!
//! Absent and `null` values pass every check but `NotNull` (a constraint on a value says
//! nothing about a value that is not there). A value of the wrong JSON type (a string where
//! A.x says `Number`, an object where it says `String`) cannot be bound: it is a
//! `CompatibleType` binding failure, and a request with binding failures is answered with
//! those alone, as a server that could not even read the request would.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use metapack_mm_api::errors::ConstraintViolation;
use metapack_mm_api::values::ConstraintCode;
use serde_json::{Map, Number, Value};

use super::values::List;
use super::versions::{Range, Version};

/// A JSON object of the request.
pub(crate) type Object = Map<String, Value>;

/// The violations found in one request object, with the path being checked.
#[derive(Debug)]
pub(crate) struct Report {
    object: &'static str,
    version: Version,
    now: DateTime<Utc>,
    prefix: String,
    violations: Vec<ConstraintViolation>,
    bindings: Vec<ConstraintViolation>,
}

impl Report {
    /// A report on a request object named `object` (`shipment`), sent as `version`, judged
    /// at `now` (for `Past`).
    pub(crate) fn new(object: &'static str, version: Version, now: DateTime<Utc>) -> Self {
        Self {
            object,
            version,
            now,
            prefix: String::new(),
            violations: Vec::new(),
            bindings: Vec::new(),
        }
    }

    /// The full path of `field` under the current one (`field` may start with `[`).
    pub(crate) fn path(&self, field: &str) -> String {
        if self.prefix.is_empty() {
            field.to_owned()
        } else if field.is_empty() || field.starts_with('[') {
            format!("{}{field}", self.prefix)
        } else {
            format!("{}.{field}", self.prefix)
        }
    }

    /// Reports a broken constraint on `field`.
    pub(crate) fn violation(
        &mut self,
        field: &str,
        code: ConstraintCode,
        rejected: Option<Value>,
        message: impl Into<String>,
    ) {
        let field = self.path(field);
        self.violations.push(ConstraintViolation::new(
            self.object,
            field,
            code,
            rejected,
            message,
        ));
    }

    /// Reports a value of the wrong JSON type on `field`.
    fn binding(&mut self, field: &str, rejected: &Value, expected: &str) {
        let field = self.path(field);
        self.bindings.push(ConstraintViolation::binding_failure(
            self.object,
            field,
            Some(rejected.clone()),
            expected,
        ));
    }

    /// Runs `check` with `segment` (`receiver`, `[0]`) added to the path.
    pub(crate) fn within(&mut self, segment: &str, check: impl FnOnce(&mut Self)) {
        let saved = self.prefix.len();
        self.prefix = self.path(segment);
        check(self);
        self.prefix.truncate(saved);
    }

    /// The binding failures if there are any, else the violations.
    pub(crate) fn finish(self) -> Vec<ConstraintViolation> {
        if self.bindings.is_empty() {
            self.violations
        } else {
            self.bindings
        }
    }
}

/// The value of `field`, `None` when absent or `null`.
fn present<'a>(object: &'a Object, field: &str) -> Option<&'a Value> {
    object.get(field).filter(|value| !value.is_null())
}

/// A `String` field.
pub(crate) fn text<'a>(r: &mut Report, object: &'a Object, field: &str) -> Option<&'a str> {
    let value = present(object, field)?;
    let text = value.as_str();
    if text.is_none() {
        r.binding(field, value, "String");
    }
    text
}

/// A `Number` field.
pub(crate) fn number<'a>(r: &mut Report, object: &'a Object, field: &str) -> Option<&'a Number> {
    let value = present(object, field)?;
    let number = value.as_number();
    if number.is_none() {
        r.binding(field, value, "Number");
    }
    number
}

/// A `Boolean` field.
pub(crate) fn boolean(r: &mut Report, object: &Object, field: &str) -> Option<bool> {
    let value = present(object, field)?;
    let flag = value.as_bool();
    if flag.is_none() {
        r.binding(field, value, "Boolean");
    }
    flag
}

/// An object field.
pub(crate) fn object<'a>(r: &mut Report, object: &'a Object, field: &str) -> Option<&'a Object> {
    let value = present(object, field)?;
    let inner = value.as_object();
    if inner.is_none() {
        r.binding(field, value, "an object");
    }
    inner
}

/// A list field.
pub(crate) fn list<'a>(r: &mut Report, object: &'a Object, field: &str) -> Option<&'a [Value]> {
    let value = present(object, field)?;
    let items = value.as_array().map(Vec::as_slice);
    if items.is_none() {
        r.binding(field, value, "a list");
    }
    items
}

/// The objects of a list field, each with its index (a non-object element is a binding
/// failure; `null` elements are skipped).
pub(crate) fn objects<'a>(
    r: &mut Report,
    items: &'a [Value],
    field: &str,
) -> Vec<(usize, &'a Object)> {
    let mut found = Vec::new();
    for (index, item) in items.iter().enumerate() {
        match item {
            Value::Null => {}
            Value::Object(inner) => found.push((index, inner)),
            other => r.binding(&format!("{field}[{index}]"), other, "an object"),
        }
    }
    found
}

/// The texts of a list field, each with its index.
pub(crate) fn texts<'a>(r: &mut Report, items: &'a [Value], field: &str) -> Vec<(usize, &'a str)> {
    let mut found = Vec::new();
    for (index, item) in items.iter().enumerate() {
        match item {
            Value::Null => {}
            Value::String(text) => found.push((index, text.as_str())),
            other => r.binding(&format!("{field}[{index}]"), other, "String"),
        }
    }
    found
}

/// A `String` field checked with [`size`]; the text, whether or not its size is right.
pub(crate) fn sized<'a>(
    r: &mut Report,
    object: &'a Object,
    field: &str,
    min: usize,
    max: usize,
) -> Option<&'a str> {
    let value = text(r, object, field);
    size(r, field, value, min, max);
    value
}

/// `NotNull`: "Mandatory". Returns whether the value is there.
pub(crate) fn mandatory(r: &mut Report, field: &str, there: bool) -> bool {
    if !there {
        r.violation(field, ConstraintCode::NotNull, None, "may not be null");
    }
    there
}

/// Length of a text as a Java server counts it (UTF-16 code units).
fn length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `Size` on a text: "Size must be between `min` and `max` inclusive".
pub(crate) fn size(
    r: &mut Report,
    field: &str,
    text: Option<&str>,
    min: usize,
    max: usize,
) -> bool {
    let Some(text) = text else { return true };
    let ok = (min..=max).contains(&length(text));
    if !ok {
        r.violation(
            field,
            ConstraintCode::Size,
            Some(Value::from(text)),
            format!("size must be between {min} and {max}"),
        );
    }
    ok
}

/// `Size` on a list: its number of elements.
pub(crate) fn count(
    r: &mut Report,
    field: &str,
    items: Option<&[Value]>,
    min: usize,
    max: usize,
) -> bool {
    let Some(items) = items else { return true };
    let ok = (min..=max).contains(&items.len());
    if !ok {
        r.violation(
            field,
            ConstraintCode::Size,
            Some(Value::Array(items.to_vec())),
            format!("size must be between {min} and {max}"),
        );
    }
    ok
}

/// The number as a decimal: its significant digits and its scale (digits after the point;
/// negative for trailing zeros of an integer), like Java's `BigDecimal` after
/// `stripTrailingZeros`.
fn decimal(number: &Number) -> Option<(String, i64)> {
    let text = number.to_string();
    let text = text.trim_start_matches('-');
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (integral, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = format!("{integral}{fraction}");
    let mut scale = i64::try_from(fraction.len()).ok()? - exponent;
    digits = digits.trim_start_matches('0').to_owned();
    if digits.is_empty() {
        return Some(("0".to_owned(), 0));
    }
    while digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    Some((digits, scale))
}

/// `Digits`: "Must have at most `integral` integral digits and `fraction` fractional
/// digits".
pub(crate) fn digits(
    r: &mut Report,
    field: &str,
    number: Option<&Number>,
    integral: i64,
    fraction: i64,
) -> bool {
    let Some(number) = number else { return true };
    let ok = decimal(number).is_some_and(|(digits, scale)| {
        let precision = i64::try_from(digits.len()).unwrap_or(i64::MAX);
        precision - scale <= integral && scale.max(0) <= fraction
    });
    if !ok {
        r.violation(
            field,
            ConstraintCode::Digits,
            Some(Value::Number(number.clone())),
            format!(
                "numeric value out of bounds (<{integral} digits>.<{fraction} digits> expected)"
            ),
        );
    }
    ok
}

/// `Min`: "Must be at least 0".
pub(crate) fn at_least_zero(r: &mut Report, field: &str, number: Option<&Number>) -> bool {
    let Some(number) = number else { return true };
    let ok = number.as_f64().is_some_and(|value| value >= 0.0);
    if !ok {
        r.violation(
            field,
            ConstraintCode::Min,
            Some(Value::Number(number.clone())),
            "must be greater than or equal to 0",
        );
    }
    ok
}

/// `DecimalMin` (exclusive): "This must be more than zero".
pub(crate) fn more_than_zero(r: &mut Report, field: &str, number: Option<&Number>) -> bool {
    let Some(number) = number else { return true };
    let ok = number.as_f64().is_some_and(|value| value > 0.0);
    if !ok {
        r.violation(
            field,
            ConstraintCode::DecimalMin,
            Some(Value::Number(number.clone())),
            "must be greater than 0",
        );
    }
    ok
}

/// Whether `text` is a well-formed e-mail address: a local part of dot-separated atoms of
/// letters, digits and ``!#$%&'*+/=?^_`{|}~-`` (at most 64 characters), `@`, and a domain of
/// dot-separated labels of letters, digits and inner hyphens.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let atom = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|ch| ch.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(ch))
    };
    let label = |part: &str| {
        !part.is_empty()
            && part.len() <= 63
            && !part.starts_with('-')
            && !part.ends_with('-')
            && part.chars().all(|ch| ch.is_alphanumeric() || ch == '-')
    };
    local.len() <= 64 && local.split('.').all(atom) && domain.split('.').all(label)
}

/// `Email`: "Must be a well-formed email address".
pub(crate) fn email(r: &mut Report, field: &str, text: Option<&str>) -> bool {
    let Some(text) = text else { return true };
    let ok = is_email(text);
    if !ok {
        r.violation(
            field,
            ConstraintCode::Email,
            Some(Value::from(text)),
            "not a well-formed email address",
        );
    }
    ok
}

/// Characters RFC 3986 allows nowhere in a URI (besides spaces and controls).
const NOT_IN_URIS: &str = "\\<>\"{}|^`";

/// Whether `host` (without port) is a host name or an IP address: letters, digits, `-`,
/// `.`, `_`, `~`, or an IPv6 address in brackets.
fn is_host(host: &str) -> bool {
    if let Some(inner) = host
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        return !inner.is_empty()
            && inner
                .chars()
                .all(|ch| ch.is_ascii_hexdigit() || ch == ':' || ch == '.');
    }
    !host.is_empty()
        && host
            .chars()
            .all(|ch| ch.is_alphanumeric() || "-._~".contains(ch))
}

/// The path of a URI as the glossary defines one (scheme HTTP or HTTPS, a host and a path),
/// or `None` if `text` is not such a URI.
fn uri_path(text: &str) -> Option<&str> {
    if text
        .chars()
        .any(|ch| ch.is_whitespace() || ch.is_control() || NOT_IN_URIS.contains(ch))
    {
        return None;
    }
    let (scheme, rest) = text.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    // A port follows the last `:` that is not inside an IPv6 address's brackets.
    let (host, port) = match host_and_port.rfind(':') {
        Some(colon) if !host_and_port[colon..].contains(']') => {
            (&host_and_port[..colon], &host_and_port[colon + 1..])
        }
        _ => (host_and_port, ""),
    };
    let port_ok = port.is_empty()
        || (port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| p <= 65_535));
    let path = tail.split(['?', '#']).next().unwrap_or_default();
    (is_host(host) && port_ok && path.len() > 1).then_some(path)
}

/// The URI checks of B.10: `ValidURI`, `ValidDestinationURI`, `ValidConsignmentURI`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UriKind {
    /// Any resource: `ValidURI`.
    Any,
    /// A destination's location: `ValidDestinationURI`.
    Destination,
    /// A consignment, `…/consignments/<id>`: `ValidConsignmentURI`.
    Consignment,
}

/// A URI check of [`UriKind`].
pub(crate) fn uri(r: &mut Report, field: &str, text: Option<&str>, kind: UriKind) -> bool {
    let Some(text) = text else { return true };
    let path = uri_path(text);
    let (ok, code, what) = match kind {
        UriKind::Any => (path.is_some(), ConstraintCode::ValidUri, "URI"),
        UriKind::Destination => (
            path.is_some(),
            ConstraintCode::ValidDestinationUri,
            "destination URI",
        ),
        UriKind::Consignment => {
            let names_one = path.is_some_and(|path| {
                let mut segments = path.trim_end_matches('/').rsplit('/');
                let id = segments.next().unwrap_or_default();
                !id.is_empty() && segments.next() == Some("consignments")
            });
            (
                names_one,
                ConstraintCode::ValidConsignmentUri,
                "consignment URI",
            )
        }
    };
    if !ok {
        r.violation(
            field,
            code,
            Some(Value::from(text)),
            format!("must be a valid {what}"),
        );
    }
    ok
}

/// Whether `text` is shaped as B.1's formats: `YYYY-MM-DD`, optionally followed by `T`,
/// `hh:mm`, optional `:ss` and fraction (up to nanoseconds), and an optional `Z` or `±hh:mm`
/// offset. Every field has its full number of digits, as ISO 8601's extended format wants.
fn is_iso_shaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |from: usize, count: usize| {
        bytes.len() >= from + count && bytes[from..from + count].iter().all(u8::is_ascii_digit)
    };
    let at = |index: usize, expected: &[u8]| bytes.get(index).is_some_and(|b| expected.contains(b));
    if !(digits(0, 4) && at(4, b"-") && digits(5, 2) && at(7, b"-") && digits(8, 2)) {
        return false;
    }
    if bytes.len() == 10 {
        return true;
    }
    if !(at(10, b"Tt") && digits(11, 2) && at(13, b":") && digits(14, 2)) {
        return false;
    }
    let mut index = 16;
    if at(index, b":") {
        if !digits(index + 1, 2) {
            return false;
        }
        index += 3;
        if at(index, b".") {
            let fraction = bytes[index + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if !(1..=9).contains(&fraction) {
                return false;
            }
            index += 1 + fraction;
        }
    }
    match bytes.get(index) {
        None => true,
        Some(b'Z' | b'z') => index + 1 == bytes.len(),
        Some(b'+' | b'-') => {
            digits(index + 1, 2)
                && at(index + 3, b":")
                && digits(index + 4, 2)
                && index + 6 == bytes.len()
        }
        Some(_) => false,
    }
}

/// B.1: an ISO 8601 date (`2016-01-14`) or date-time, with an offset or `Z`, optionally
/// with fractions of a second ([`is_iso_shaped`]); a date is midnight UTC and a date-time
/// without offset is read as UTC ("times in UTC").
fn parse_date_time(text: &str) -> Option<DateTime<Utc>> {
    if !is_iso_shaped(text) {
        return None;
    }
    let mut text = text.replace('t', "T").replace('z', "Z");
    // Seconds may be left out (`2016-01-14T10:00Z`).
    if text.len() >= 16 && text.as_bytes().get(16) != Some(&b':') {
        text.insert_str(16, ":00");
    }
    if let Ok(time) = DateTime::parse_from_rfc3339(&text) {
        return Some(time.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(time) = NaiveDateTime::parse_from_str(&text, format) {
            return Some(time.and_utc());
        }
    }
    let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc())
}

/// `ISODateTimeFormat`: "Must be a supported date-time format". Returns the time.
pub(crate) fn date_time(r: &mut Report, field: &str, text: Option<&str>) -> Option<DateTime<Utc>> {
    let text = text?;
    let time = parse_date_time(text);
    if time.is_none() {
        r.violation(
            field,
            ConstraintCode::IsoDateTimeFormat,
            Some(Value::from(text)),
            "must be a valid ISO 8601 date or date-time",
        );
    }
    time
}

/// `Past`: "Must be in the past".
pub(crate) fn past(
    r: &mut Report,
    field: &str,
    time: Option<DateTime<Utc>>,
    text: Option<&str>,
) -> bool {
    let Some(time) = time else { return true };
    let ok = time < r.now;
    if !ok {
        r.violation(
            field,
            ConstraintCode::Past,
            text.map(Value::from),
            "must be in the past",
        );
    }
    ok
}

/// A value of a closed list, reported with `code` (`SupportedValue` or `Enum`) when it is not
/// in the list or not in the request's version.
pub(crate) fn listed(
    r: &mut Report,
    field: &str,
    text: Option<&str>,
    list: &List,
    code: ConstraintCode,
) -> bool {
    let Some(text) = text else { return true };
    let version = r.version;
    match list.find(text) {
        None => {
            r.violation(
                field,
                code,
                Some(Value::from(text)),
                format!("must be {}: {}", list.name, list.joined()),
            );
            false
        }
        Some(listed) => match listed.since {
            Some(range) if !version.has(range) => {
                gate_violation(r, field, Some(Value::from(text)), range);
                false
            }
            _ => true,
        },
    }
}

/// A value of a reference table (countries, time zones, languages): `SupportedValue`.
pub(crate) fn in_table(
    r: &mut Report,
    field: &str,
    text: Option<&str>,
    known: fn(&str) -> bool,
    what: &str,
) -> bool {
    let Some(text) = text else { return true };
    let ok = known(text);
    if !ok {
        r.violation(
            field,
            ConstraintCode::SupportedValue,
            Some(Value::from(text)),
            format!("must be {what}"),
        );
    }
    ok
}

/// A field the request's version does not have (Appendix E): `SupportedValue`.
pub(crate) fn since(r: &mut Report, field: &str, value: Option<&Value>, range: Range) -> bool {
    let Some(value) = value.filter(|value| !value.is_null()) else {
        return true;
    };
    let ok = r.version.has(range);
    if !ok {
        gate_violation(r, field, Some(value.clone()), range);
    }
    ok
}

fn gate_violation(r: &mut Report, field: &str, rejected: Option<Value>, range: Range) {
    let message = format!(
        "is not available in API version {} (it needs {})",
        r.version, range.notation
    );
    r.violation(field, ConstraintCode::SupportedValue, rejected, message);
}

/// A `Map` of properties: "Key size must not exceed 30 chars. Value size must not exceed
/// 100 chars. Size must be between 0 and 10 inclusive" (`Size` on the entries,
/// `MapStringSize` on each entry, reported as `field[key]`).
pub(crate) fn properties(r: &mut Report, object: &Object, field: &str) {
    let Some(map) = self::object(r, object, field) else {
        return;
    };
    if map.len() > 10 {
        r.violation(
            field,
            ConstraintCode::Size,
            Some(Value::Object(map.clone())),
            "size must be between 0 and 10",
        );
    }
    for (key, value) in map {
        let entry = format!("{field}[{key}]");
        let Some(value) = (match value {
            Value::Null => None,
            Value::String(text) => Some(text.as_str()),
            other => {
                r.binding(&entry, other, "String");
                None
            }
        }) else {
            continue;
        };
        if length(key) > 30 || length(value) > 100 {
            r.violation(
                &entry,
                ConstraintCode::MapStringSize,
                Some(Value::from(value)),
                "key size must not exceed 30 and value size must not exceed 100",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits_of(json: &str) -> (String, i64) {
        let number: Number = serde_json::from_str(json).unwrap();
        decimal(&number).unwrap()
    }

    #[test]
    fn decimals_count_like_big_decimal() {
        assert_eq!(digits_of("5.0"), ("5".to_owned(), 0));
        assert_eq!(digits_of("0.25"), ("25".to_owned(), 2));
        assert_eq!(digits_of("500"), ("5".to_owned(), -2));
        assert_eq!(digits_of("0"), ("0".to_owned(), 0));
        assert_eq!(digits_of("1e20"), ("1".to_owned(), -20));
        assert_eq!(digits_of("-12.345"), ("12345".to_owned(), 3));
    }

    #[test]
    fn emails_and_uris() {
        assert!(is_email("example@metapack.com"));
        assert!(is_email("a.b+c@d-e.co.uk"));
        assert!(!is_email("not-an-email"));
        assert!(!is_email("someone@"));
        assert!(!is_email(".a@b.com"));
        assert!(!is_email("a..b@c.com"));
        assert!(uri_path("https://example.metapack.com/locations/ae93").is_some());
        assert!(uri_path("http://127.0.0.1:8080/x").is_some());
        assert!(uri_path("https://example.metapack.com/").is_none());
        assert!(uri_path("ftp://example.metapack.com/x").is_none());
        assert!(uri_path("not a uri").is_none());
        assert!(uri_path("https:///x").is_none());
        assert!(uri_path("https://[::1]:8080/x").is_some());
        assert!(uri_path("https://example.com:99999/x").is_none());
        assert!(uri_path("https://exa%20mple.com/x").is_none());
        assert!(uri_path("https://example.com\\x").is_none());
        assert!(uri_path("https:/x/y").is_none());
    }

    #[test]
    fn dates_follow_b1() {
        for good in [
            "2016-01-14",
            "2017-01-15T01:50:02+02:00",
            "2018-02-16T13:37:40.123+04:30",
            "2019-03-17T17:31:10Z",
            "2016-01-14T10:00Z",
            "2016-01-14T10:00",
            "2016-01-14t10:00:00.123456789z",
        ] {
            assert!(parse_date_time(good).is_some(), "{good}");
        }
        for bad in [
            "yesterday",
            "2016-13-01",
            "14/01/2016",
            "",
            "2016-1-4",
            " 2016-01-14",
            "2016-01-14 10:00:00",
            "2016-01-14T10:00:00+0200",
            "2016-01-14T10:00:00.Z",
            "2016-01-14T10:00:00ZZ",
        ] {
            assert!(parse_date_time(bad).is_none(), "{bad}");
        }
    }
}
