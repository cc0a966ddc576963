//! Shared fixtures for the workspace tests and the tour.

use chrono::{DateTime, TimeZone, Utc};

/// A fixed instant, so that fixtures and snapshots do not depend on the clock.
pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
        .single()
        .unwrap_or_default()
}
