//! The sandbox clock: real time plus an offset, or frozen at an instant.
//!
//! Every date the world creates (allocation, despatch and cancellation events, scenario
//! schedules, Shipping's `allocatedDateTime` and delivery windows) reads this clock, and
//! scheduled tracking events appear once it passes their date. Tests move it with
//! [`crate::Sandbox::advance_clock`], [`crate::Sandbox::set_clock`] and
//! [`crate::Sandbox::freeze_clock`], or through `POST /_sandbox/clock`.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeDelta, Utc};

use crate::server::lock;

/// A shared, adjustable clock; clones read and move the same clock.
#[derive(Clone, Debug, Default)]
pub(crate) struct Clock(Arc<Mutex<ClockState>>);

/// What the clock is made of.
#[derive(Debug, Default)]
struct ClockState {
    /// Added to real time while running.
    offset: TimeDelta,
    /// The instant it is stopped at, when frozen.
    frozen: Option<DateTime<Utc>>,
}

impl ClockState {
    fn now(&self) -> DateTime<Utc> {
        self.frozen.unwrap_or_else(|| {
            Utc::now()
                .checked_add_signed(self.offset)
                .unwrap_or_else(Utc::now)
        })
    }
}

/// A reading of the clock, as `GET /_sandbox/clock` answers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ClockReading {
    /// What the clock reads.
    pub(crate) now: DateTime<Utc>,
    /// Whether it is stopped.
    pub(crate) frozen: bool,
    /// How far it is ahead of real time (negative: behind), in whole seconds.
    pub(crate) offset_seconds: i64,
}

impl Clock {
    /// What the clock reads now.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        lock(&self.0).now()
    }

    /// The reading, with whether it is frozen and its offset from real time.
    pub(crate) fn reading(&self) -> ClockReading {
        let state = lock(&self.0);
        let now = state.now();
        ClockReading {
            now,
            frozen: state.frozen.is_some(),
            offset_seconds: (now - Utc::now()).num_seconds(),
        }
    }

    /// Moves the clock forward (or back, for a negative `by`); it keeps running unless frozen.
    pub(crate) fn advance(&self, by: TimeDelta) {
        let mut state = lock(&self.0);
        match state.frozen.as_mut() {
            Some(at) => *at = at.checked_add_signed(by).unwrap_or(*at),
            None => state.offset = state.offset.checked_add(&by).unwrap_or(state.offset),
        }
    }

    /// Makes the clock read `now`; it keeps running from there unless frozen.
    pub(crate) fn set(&self, now: DateTime<Utc>) {
        let mut state = lock(&self.0);
        match state.frozen.as_mut() {
            Some(at) => *at = now,
            None => state.offset = now - Utc::now(),
        }
    }

    /// Stops the clock at its current reading (`true`) or lets it run on from there (`false`).
    pub(crate) fn freeze(&self, frozen: bool) {
        let mut state = lock(&self.0);
        match (frozen, state.frozen) {
            (true, None) => state.frozen = Some(state.now()),
            (false, Some(at)) => {
                state.offset = at - Utc::now();
                state.frozen = None;
            }
            _ => {}
        }
    }
}

/// Reads a duration such as `2h`, `90m`, `1d12h`, `30s` or `1w` (units `w`, `d`, `h`, `m`,
/// `s`; a leading `-` goes back in time).
pub(crate) fn parse_duration(text: &str) -> Option<TimeDelta> {
    let text = text.trim();
    let (negative, mut rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if rest.is_empty() {
        return None;
    }
    let mut total: i64 = 0;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return None;
        }
        let amount: i64 = rest[..digits].parse().ok()?;
        let unit = rest[digits..].chars().next()?;
        let seconds = match unit {
            'w' => 604_800,
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        total = total.checked_add(amount.checked_mul(seconds)?)?;
        rest = &rest[digits + unit.len_utf8()..];
    }
    let total = if negative { -total } else { total };
    TimeDelta::try_seconds(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2h"), TimeDelta::try_hours(2));
        assert_eq!(parse_duration("1d12h"), TimeDelta::try_hours(36));
        assert_eq!(parse_duration("-90m"), TimeDelta::try_minutes(-90));
        assert_eq!(parse_duration("1w"), TimeDelta::try_days(7));
        for bad in ["", "h", "2", "2x", "1.5h", "-", "99999999999999999999d"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn frozen_clock_moves_only_when_told() {
        let clock = Clock::default();
        let start = DateTime::parse_from_rfc3339("2030-01-07T10:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        clock.freeze(true);
        clock.set(start);
        assert_eq!(clock.now(), start);
        clock.advance(TimeDelta::hours(2));
        assert_eq!(clock.now(), start + TimeDelta::hours(2));
        assert!(clock.reading().frozen);
        clock.freeze(false);
        let running = clock.now();
        assert!(running >= start + TimeDelta::hours(2));
        assert!(running < start + TimeDelta::hours(3));
    }
}
