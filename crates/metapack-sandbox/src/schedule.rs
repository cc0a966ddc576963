//! Collection and delivery windows, shared by the Shipping API's allocation and the Delivery
//! Options API: the first collection day a carrier service can collect on, then the first
//! delivery day after its transit time, each day checked by the caller (slots, day flags,
//! opening hours). Every time is UTC.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};

/// How many days ahead of the first possible collection day a collection day is searched for.
pub(crate) const COLLECTION_HORIZON_DAYS: u64 = 28;
/// How many days after the earliest possible delivery day a delivery day is searched for.
pub(crate) const DELIVERY_HORIZON_DAYS: u64 = 60;

/// Monday to Friday.
pub(crate) const WEEKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// Monday to Saturday.
pub(crate) const MONDAY_TO_SATURDAY: [Weekday; 6] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

/// A window of time, `from` to `to`.
pub(crate) type Window = (DateTime<Utc>, DateTime<Utc>);

/// When a carrier service collects and delivers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timetable<'a> {
    /// Days it collects on.
    pub(crate) collection_days: &'a [Weekday],
    /// Its collection window on those days.
    pub(crate) collection_hours: (NaiveTime, NaiveTime),
    /// Days it delivers on.
    pub(crate) delivery_days: &'a [Weekday],
    /// Its delivery window on those days.
    pub(crate) delivery_hours: (NaiveTime, NaiveTime),
    /// Days from collection to the earliest delivery.
    pub(crate) transit_days: u32,
}

impl Timetable<'_> {
    /// The first collection and delivery windows: collection is searched from `first_day`
    /// for [`COLLECTION_HORIZON_DAYS`] days, on the collection days whose window `collection`
    /// accepts (it may narrow the window); delivery from that day plus the transit days, for
    /// [`DELIVERY_HORIZON_DAYS`] days, on the delivery days whose window `delivery` accepts.
    pub(crate) fn first_windows(
        &self,
        first_day: NaiveDate,
        collection: impl Fn(Window) -> Option<Window>,
        delivery: impl Fn(Window) -> Option<Window>,
    ) -> Option<(Window, Window)> {
        for offset in 0..COLLECTION_HORIZON_DAYS {
            let day = first_day.checked_add_days(Days::new(offset))?;
            if !self.collection_days.contains(&day.weekday()) {
                continue;
            }
            let Some(collected) = collection(window(day, self.collection_hours)) else {
                continue;
            };
            let earliest = day.checked_add_days(Days::new(u64::from(self.transit_days)))?;
            for delay in 0..DELIVERY_HORIZON_DAYS {
                let day = earliest.checked_add_days(Days::new(delay))?;
                if !self.delivery_days.contains(&day.weekday()) {
                    continue;
                }
                if let Some(delivered) = delivery(window(day, self.delivery_hours)) {
                    return Some((collected, delivered));
                }
            }
        }
        None
    }
}

/// The window of `day` between these times (UTC).
pub(crate) fn window(day: NaiveDate, (from, to): (NaiveTime, NaiveTime)) -> Window {
    (day.and_time(from).and_utc(), day.and_time(to).and_utc())
}

/// The time `hour`:`minute` (midnight for an impossible one).
pub(crate) fn hm(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN)
}

/// The part of `window` within `from`..`to` (either end open when `None`), if they overlap.
pub(crate) fn overlap(
    (from, to): Window,
    slot_from: Option<DateTime<Utc>>,
    slot_to: Option<DateTime<Utc>>,
) -> Option<Window> {
    let from = slot_from.map_or(from, |slot| from.max(slot));
    let to = slot_to.map_or(to, |slot| to.min(slot));
    (from < to).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_windows_skip_days_the_caller_refuses() {
        let timetable = Timetable {
            collection_days: &WEEKDAYS,
            collection_hours: (hm(9, 0), hm(17, 0)),
            delivery_days: &MONDAY_TO_SATURDAY,
            delivery_hours: (hm(8, 0), hm(18, 0)),
            transit_days: 1,
        };
        // 2030-01-11 is a Friday: collection Friday, delivery Saturday.
        let friday = NaiveDate::from_ymd_opt(2030, 1, 11).unwrap_or_default();
        let (collection, delivery) = timetable
            .first_windows(friday, Some, Some)
            .unwrap_or_else(|| panic!("a schedule"));
        assert_eq!(collection.0.to_rfc3339(), "2030-01-11T09:00:00+00:00");
        assert_eq!(delivery.0.to_rfc3339(), "2030-01-12T08:00:00+00:00");
        // Refusing Saturdays moves delivery to Monday.
        let (_, delivery) = timetable
            .first_windows(friday, Some, |w: Window| {
                (w.0.weekday() != Weekday::Sat).then_some(w)
            })
            .unwrap_or_else(|| panic!("a schedule"));
        assert_eq!(delivery.0.to_rfc3339(), "2030-01-14T08:00:00+00:00");
    }

    #[test]
    fn overlap_narrows() {
        let day = NaiveDate::from_ymd_opt(2030, 1, 7).unwrap_or_default();
        let w = window(day, (hm(8, 0), hm(18, 0)));
        assert_eq!(overlap(w, None, None), Some(w));
        let noon = window(day, (hm(12, 0), hm(12, 0))).0;
        assert_eq!(overlap(w, Some(noon), None), Some((noon, w.1)));
        assert_eq!(overlap(w, None, Some(w.0)), None);
    }
}
