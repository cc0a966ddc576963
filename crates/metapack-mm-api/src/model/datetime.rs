//! [`IsoDateTime`]: a date or date-time of a request, kept as sent.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

use crate::newtype::string_newtype;

string_newtype! {
    /// An ISO 8601 date (`2016-01-14`) or date-time (`2019-03-17T17:31:10Z`,
    /// `2018-02-16T13:37:40.123+04:30`) as a request carries it (B.1: times in UTC).
    ///
    /// Kept as text so that a malformed value still decodes and can be reported with
    /// `ISODateTimeFormat`; build one from a [`DateTime`] or [`NaiveDate`] with `From`.
    ///
    /// ```
    /// use metapack_mm_api::model::IsoDateTime;
    /// let date = IsoDateTime::new("2016-01-14");
    /// assert!(date.is_valid());
    /// assert_eq!(date.to_utc().unwrap().to_rfc3339(), "2016-01-14T00:00:00+00:00");
    /// assert!(!IsoDateTime::new("14/01/2016").is_valid());
    /// ```
    IsoDateTime
}

impl IsoDateTime {
    /// The value read as a point in time: a date alone is midnight UTC, a date-time without
    /// offset is read as UTC. `None` if it is not ISO 8601.
    pub fn parse(&self) -> Option<DateTime<FixedOffset>> {
        let raw = self.as_str().trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
            return Some(t);
        }
        let utc = FixedOffset::east_opt(0)?;
        for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
            if let Ok(t) = NaiveDateTime::parse_from_str(raw, format) {
                return Some(t.and_utc().with_timezone(&utc));
            }
        }
        let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
        Some(date.and_hms_opt(0, 0, 0)?.and_utc().with_timezone(&utc))
    }

    /// The value in UTC, if it is ISO 8601.
    pub fn to_utc(&self) -> Option<DateTime<Utc>> {
        self.parse().map(|t| t.with_timezone(&Utc))
    }

    /// Whether the value is an ISO 8601 date or date-time.
    pub fn is_valid(&self) -> bool {
        self.parse().is_some()
    }
}

impl From<DateTime<Utc>> for IsoDateTime {
    /// Writes the time in UTC with milliseconds, as the reference's examples do
    /// (`2024-11-19T14:26:11.261Z`).
    fn from(t: DateTime<Utc>) -> Self {
        Self::new(t.to_rfc3339_opts(SecondsFormat::Millis, true))
    }
}

impl From<NaiveDate> for IsoDateTime {
    /// Writes the date alone (`2016-01-14`).
    fn from(date: NaiveDate) -> Self {
        Self::new(date.format("%Y-%m-%d").to_string())
    }
}
