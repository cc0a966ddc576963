//! Fixed instants, so that fixtures and snapshots do not depend on the clock.

use chrono::{DateTime, TimeZone, Utc};

/// `day` November 2026 at `hour`:00:00 UTC (panics on a day or hour November does not have).
pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
        .single()
        .expect("a day and hour of November 2026")
}
