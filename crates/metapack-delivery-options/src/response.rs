//! Helpers on search results: picking options, booking codes, opening hours.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};

use crate::types::{DeliveryOption, FindResponse, OptionType};

impl FindResponse {
    /// The delivery options found (`results`), in the order Metapack returned them; empty
    /// when there are none.
    pub fn options(&self) -> &[DeliveryOption] {
        self.results.as_deref().unwrap_or_default()
    }

    /// How many options were found.
    pub fn len(&self) -> usize {
        self.options().len()
    }

    /// Whether no option was found.
    pub fn is_empty(&self) -> bool {
        self.options().is_empty()
    }

    /// `header.requestId`: the id Metapack Support can look the request up by; the trace id
    /// sent with the request, if one was.
    pub fn request_id(&self) -> Option<&str> {
        self.header.as_ref()?.request_id.as_deref()
    }

    /// The options of one type, in response order.
    pub fn by_type(&self, option_type: OptionType) -> impl Iterator<Item = &DeliveryOption> + '_ {
        self.options()
            .iter()
            .filter(move |o| o.option_type.as_ref() == Some(&option_type))
    }

    /// Home delivery options.
    pub fn home(&self) -> impl Iterator<Item = &DeliveryOption> + '_ {
        self.by_type(OptionType::Home)
    }

    /// Pick-up and drop-off point options.
    pub fn pudo(&self) -> impl Iterator<Item = &DeliveryOption> + '_ {
        self.by_type(OptionType::Pudo)
    }

    /// Options at the shipper's own click-and-collect stores.
    pub fn own_stores(&self) -> impl Iterator<Item = &DeliveryOption> + '_ {
        self.by_type(OptionType::Ownstore)
    }

    /// The option cheapest for the shopper among all the options found, whatever their type:
    /// HOME, PUDO, OWNSTORE, and types this crate does not know. On a search for several types
    /// a free click-and-collect option (`shippingCharge` 0) therefore wins over every paid
    /// home delivery; use [`cheapest_of`](Self::cheapest_of) to choose within one type.
    ///
    /// Options are compared by, in turn:
    ///
    /// 1. `shippingCharge`, what the shopper is charged: the lowest wins, 0 included. An
    ///    option without one (missing or `null`) comes after every option with one;
    /// 2. `shippingCost`, what the shipper pays the carrier, the same way: the lowest wins,
    ///    and a missing cost comes after a known one;
    /// 3. response order: of options equal on both, the first Metapack returned wins (that
    ///    order is the platform's allocation order, or the one [`SortOrder`] asked for).
    ///
    /// Prices are compared exactly as received, in the response's currency; nothing is
    /// rounded. `None` only when no option was found; an option without any price is still
    /// returned when it is the only kind there is.
    ///
    /// ```
    /// use metapack_delivery_options::{FindResponse, OptionType};
    ///
    /// let found: FindResponse = serde_json::from_value(serde_json::json!({"results": [
    ///     {"carrierServiceCode": "NEXTDAY", "optionType": "HOME", "shippingCharge": 4.99},
    ///     {"carrierServiceCode": "STANDARD", "optionType": "HOME", "shippingCharge": 2.99,
    ///      "shippingCost": 3.50},
    ///     {"carrierServiceCode": "ECONOMY", "optionType": "HOME", "shippingCharge": 2.99,
    ///      "shippingCost": 3.10},
    ///     {"carrierServiceCode": "CLICKCOLLECT", "optionType": "OWNSTORE", "shippingCharge": 0.0}
    /// ]}))?;
    /// let code = |o: Option<&metapack_delivery_options::DeliveryOption>| {
    ///     o.and_then(|o| o.carrier_service_code.clone())
    /// };
    /// assert_eq!(code(found.cheapest()), Some("CLICKCOLLECT".into()));
    /// // Same charge: the lower shipper cost decides.
    /// assert_eq!(code(found.cheapest_of(OptionType::Home)), Some("ECONOMY".into()));
    /// assert_eq!(code(found.cheapest_of(OptionType::Pudo)), None);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    ///
    /// [`SortOrder`]: crate::SortOrder
    pub fn cheapest(&self) -> Option<&DeliveryOption> {
        cheapest_among(self.options().iter())
    }

    /// The option of `option_type` cheapest for the shopper, by the rule of
    /// [`cheapest`](Self::cheapest): the lowest `shippingCharge`, then the lowest
    /// `shippingCost`, then response order, missing prices last. Options without a type, or
    /// of another type, are not considered; `None` when there is no option of that type.
    pub fn cheapest_of(&self, option_type: OptionType) -> Option<&DeliveryOption> {
        cheapest_among(self.by_type(option_type))
    }
}

/// The first option with the lowest charge, then the lowest cost (`min_by` keeps the first
/// of equal elements).
fn cheapest_among<'a>(
    options: impl Iterator<Item = &'a DeliveryOption>,
) -> Option<&'a DeliveryOption> {
    options.min_by(|a, b| {
        cmp_price(a.shipping_charge, b.shipping_charge)
            .then_with(|| cmp_price(a.shipping_cost, b.shipping_cost))
    })
}

/// Known prices first, lowest first.
fn cmp_price(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl DeliveryOption {
    /// The option's booking code, to book exactly this option later (see [`BookingCode`]).
    pub fn booking_code(&self) -> Option<BookingCode> {
        self.booking_code
            .as_deref()
            .filter(|code| !code.trim().is_empty())
            .map(BookingCode::new)
    }

    /// Whether this is a home delivery option.
    pub fn is_home(&self) -> bool {
        self.option_type == Some(OptionType::Home)
    }

    /// Whether this is a pick-up and drop-off point option.
    pub fn is_pudo(&self) -> bool {
        self.option_type == Some(OptionType::Pudo)
    }

    /// Whether this is an option at one of the shipper's own stores.
    pub fn is_own_store(&self) -> bool {
        self.option_type == Some(OptionType::Ownstore)
    }

    /// The earliest possible delivery (`delivery.from`).
    pub fn earliest_delivery(&self) -> Option<DateTime<Utc>> {
        self.delivery.as_ref()?.from
    }

    /// The latest possible delivery (`delivery.to`; the same as the earliest for a
    /// nominated-day service).
    pub fn latest_delivery(&self) -> Option<DateTime<Utc>> {
        self.delivery.as_ref()?.to
    }

    /// The distance from the search point to the pick-up point or store in metres, when its
    /// unit is metres (`m`), kilometres (`km`) or miles (`mi`).
    pub fn distance_metres(&self) -> Option<f64> {
        let distance = self.distance.as_ref()?;
        let value = distance.value?;
        let factor = match distance.unit.as_deref().map(str::trim) {
            Some(u) if u.eq_ignore_ascii_case("m") => 1.0,
            Some(u) if u.eq_ignore_ascii_case("km") => 1000.0,
            Some(u) if u.eq_ignore_ascii_case("mi") => 1609.344,
            _ => return None,
        };
        Some(value * factor)
    }

    /// The store's opening periods on `day` (`storeTimes`), in the order given. Days are
    /// looked up by English name in any letter case (`monday`, `Monday`, `mon`); periods
    /// that are not `HH:MM-HH:MM` are skipped, and `24:00` closes at the end of the day.
    pub fn opening_hours(&self, day: Weekday) -> Vec<OpeningPeriod> {
        let full = day_name(day);
        self.store_times
            .iter()
            .filter(|(key, _)| {
                let key = key.trim();
                key.eq_ignore_ascii_case(full) || key.eq_ignore_ascii_case(&full[..3])
            })
            .flat_map(|(_, periods)| periods.iter())
            .filter_map(|period| OpeningPeriod::parse(period))
            .collect()
    }

    /// Whether the store is open on `day` at `time` (local time of the store), by
    /// [`opening_hours`](Self::opening_hours).
    pub fn is_open_at(&self, day: Weekday, time: NaiveTime) -> bool {
        self.opening_hours(day).iter().any(|p| p.contains(time))
    }
}

fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// One opening period of a store, from an `HH:MM-HH:MM` entry of `storeTimes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpeningPeriod {
    /// When the store opens.
    pub opens: NaiveTime,
    /// When it closes (`24:00` reads as the last instant of the day).
    pub closes: NaiveTime,
}

impl OpeningPeriod {
    /// Parses `HH:MM-HH:MM` (spaces around the parts are ignored).
    ///
    /// ```
    /// use chrono::NaiveTime;
    /// use metapack_delivery_options::OpeningPeriod;
    ///
    /// let p = OpeningPeriod::parse("09:00-17:30").unwrap();
    /// assert!(p.contains(NaiveTime::from_hms_opt(17, 29, 0).unwrap()));
    /// assert!(!p.contains(NaiveTime::from_hms_opt(17, 30, 0).unwrap()));
    /// assert_eq!(OpeningPeriod::parse("closed"), None);
    /// ```
    pub fn parse(period: &str) -> Option<Self> {
        let (opens, closes) = period.split_once('-')?;
        Some(Self {
            opens: parse_time(opens)?,
            closes: parse_time(closes)?,
        })
    }

    /// Whether `time` falls within the period (opening included, closing excluded; a period
    /// that closes before it opens runs past midnight).
    pub fn contains(&self, time: NaiveTime) -> bool {
        if self.opens <= self.closes {
            self.opens <= time && time < self.closes
        } else {
            time >= self.opens || time < self.closes
        }
    }
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    if text == "24:00" {
        return NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999);
    }
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

/// The code of exactly one delivery option, shaped `SERVICE/date/...`.
///
/// To book the option, a later Shipping API consignment passes the whole code as its carrier
/// service: put [`as_str`](Self::as_str) in the consignment's `shippingRules.carrierServices`
/// (with `metapack-shipping`: `ShippingRules { carrier_services: Some(vec![code.into()]), .. }`).
/// The docs describe only the first two parts, the carrier service code and a date; the rest is
/// kept verbatim and the raw string is never altered.
///
/// ```
/// use chrono::NaiveDate;
/// use metapack_delivery_options::BookingCode;
///
/// let code = BookingCode::new("HERMNDG/2020-02-18/*-*/*-*");
/// assert_eq!(code.service(), "HERMNDG");
/// assert_eq!(code.date_part(), Some("2020-02-18"));
/// assert_eq!(code.date(), NaiveDate::from_ymd_opt(2020, 2, 18));
/// assert_eq!(code.rest(), Some("*-*/*-*"));
/// assert_eq!(code.to_string(), "HERMNDG/2020-02-18/*-*/*-*");
/// ```
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct BookingCode(String);

impl BookingCode {
    /// Wraps a booking code as received.
    pub fn new(code: impl Into<String>) -> Self {
        Self(code.into())
    }

    /// The code as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code as received.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The first part: the carrier service code.
    pub fn service(&self) -> &str {
        self.0.split('/').next().unwrap_or_default()
    }

    /// The second part, the date, as received.
    pub fn date_part(&self) -> Option<&str> {
        self.0.split('/').nth(1)
    }

    /// The second part read as a `YYYY-MM-DD` date, when it is one.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.date_part()?, "%Y-%m-%d").ok()
    }

    /// Everything after the date, as received.
    pub fn rest(&self) -> Option<&str> {
        let mut parts = self.0.splitn(3, '/');
        parts.nth(2)
    }

    /// Every `/`-separated part, in order.
    pub fn parts(&self) -> impl Iterator<Item = &str> + '_ {
        self.0.split('/')
    }
}

impl fmt::Display for BookingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for BookingCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<BookingCode> for String {
    fn from(code: BookingCode) -> Self {
        code.0
    }
}

impl From<String> for BookingCode {
    fn from(code: String) -> Self {
        Self(code)
    }
}

impl From<&str> for BookingCode {
    fn from(code: &str) -> Self {
        Self(code.to_owned())
    }
}
