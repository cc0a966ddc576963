//! Scenario recipient postcodes: a parcel allocated to one of them follows a scripted carrier
//! journey, scheduled from its allocation on the sandbox clock (in the spirit of EasyPost's
//! test tracking codes).

use chrono::{DateTime, TimeDelta, Utc};

/// A scripted carrier journey, chosen by the recipient postcode of an allocated consignment
/// (Shipping `recipient.postCode`, MM-API `destination.address.postCode`; compared without
/// spaces, in any letter case). Any other postcode follows no script: its parcels move only
/// through manifesting, deallocation and simulated events.
///
/// The postcodes are in the `SB` area, which does not exist in the UK, so they never match a
/// real address. Each event is scheduled at a fixed offset from the allocation and appears in
/// `GET /parcel-journeys` once the sandbox clock passes it:
///
/// | postcode | scenario | events (hours after allocation) |
/// |---|---|---|
/// | `SB1 1DN` | [`DeliveredNextDay`](ParcelScenario::DeliveredNextDay) | `RECEIVED_BY_CARRIER` 6, `IN_TRANSIT` 12, `OUT_FOR_DELIVERY` 24, `DELIVERED` 28 |
/// | `SB1 2FA` | [`FailedFirstAttempt`](ParcelScenario::FailedFirstAttempt) | `RECEIVED_BY_CARRIER` 6, `IN_TRANSIT` 12, `OUT_FOR_DELIVERY` 24, `ATTEMPTED_DELIVERY` 28, `OUT_FOR_DELIVERY` 48, `DELIVERED` 52 |
/// | `SB1 3RS` | [`ReturnedToSender`](ParcelScenario::ReturnedToSender) | `RECEIVED_BY_CARRIER` 6, `IN_TRANSIT` 12, `OUT_FOR_DELIVERY` 24, `ATTEMPTED_DELIVERY` 28, `ATTEMPTED_DELIVERY_2ND` 52, `RETURN_TO_SENDER` 76 |
/// | `SB1 4LX` | [`Lost`](ParcelScenario::Lost) | `RECEIVED_BY_CARRIER` 6, `IN_TRANSIT` 12, `CARRIER_DELAYS` 36, `PARCEL_LOST` 72 |
///
/// Scripted events carry `eventSource` `CARRIER` and `eventTimeZone` `Europe/London`.
/// Deallocating or deleting the consignment before an event is due cancels the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParcelScenario {
    /// Collected, in transit, out for delivery and delivered the next day.
    DeliveredNextDay,
    /// The first delivery attempt fails; delivered the day after.
    FailedFirstAttempt,
    /// Two failed attempts, then returned to the sender.
    ReturnedToSender,
    /// Delayed, then lost by the carrier (an exception).
    Lost,
}

impl ParcelScenario {
    /// Every scenario.
    pub const ALL: [ParcelScenario; 4] = [
        ParcelScenario::DeliveredNextDay,
        ParcelScenario::FailedFirstAttempt,
        ParcelScenario::ReturnedToSender,
        ParcelScenario::Lost,
    ];

    /// The recipient postcode that selects this scenario.
    pub fn postcode(self) -> &'static str {
        match self {
            ParcelScenario::DeliveredNextDay => "SB1 1DN",
            ParcelScenario::FailedFirstAttempt => "SB1 2FA",
            ParcelScenario::ReturnedToSender => "SB1 3RS",
            ParcelScenario::Lost => "SB1 4LX",
        }
    }

    /// A short English description.
    pub fn description(self) -> &'static str {
        match self {
            ParcelScenario::DeliveredNextDay => "delivered the day after allocation",
            ParcelScenario::FailedFirstAttempt => {
                "first delivery attempt fails, delivered the day after"
            }
            ParcelScenario::ReturnedToSender => "two failed attempts, returned to sender",
            ParcelScenario::Lost => "delayed, then lost by the carrier",
        }
    }

    /// The scenario a recipient postcode selects, if any (spaces and letter case ignored).
    pub fn for_postcode(postcode: &str) -> Option<ParcelScenario> {
        let wanted = squeeze(postcode);
        ParcelScenario::ALL
            .into_iter()
            .find(|scenario| squeeze(scenario.postcode()) == wanted)
    }

    /// The scripted events: hours after allocation and event code.
    pub fn schedule(self) -> &'static [(i64, &'static str)] {
        const CARRIED: [(i64, &str); 3] = [
            (6, "RECEIVED_BY_CARRIER"),
            (12, "IN_TRANSIT"),
            (24, "OUT_FOR_DELIVERY"),
        ];
        match self {
            ParcelScenario::DeliveredNextDay => {
                &[CARRIED[0], CARRIED[1], CARRIED[2], (28, "DELIVERED")]
            }
            ParcelScenario::FailedFirstAttempt => &[
                CARRIED[0],
                CARRIED[1],
                CARRIED[2],
                (28, "ATTEMPTED_DELIVERY"),
                (48, "OUT_FOR_DELIVERY"),
                (52, "DELIVERED"),
            ],
            ParcelScenario::ReturnedToSender => &[
                CARRIED[0],
                CARRIED[1],
                CARRIED[2],
                (28, "ATTEMPTED_DELIVERY"),
                (52, "ATTEMPTED_DELIVERY_2ND"),
                (76, "RETURN_TO_SENDER"),
            ],
            ParcelScenario::Lost => &[
                CARRIED[0],
                CARRIED[1],
                (36, "CARRIER_DELAYS"),
                (72, "PARCEL_LOST"),
            ],
        }
    }

    /// The scripted events dated from `allocated`.
    pub(crate) fn events_from(
        self,
        allocated: DateTime<Utc>,
    ) -> impl Iterator<Item = (DateTime<Utc>, &'static str)> {
        self.schedule().iter().map(move |(hours, code)| {
            let date = allocated
                .checked_add_signed(TimeDelta::hours(*hours))
                .unwrap_or(allocated);
            (date, *code)
        })
    }
}

/// Upper case without whitespace.
fn squeeze(postcode: &str) -> String {
    postcode
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::tracking::LEG_EVENT_CODE;

    #[test]
    fn postcodes_select_scenarios() {
        assert_eq!(
            ParcelScenario::for_postcode("sb11dn"),
            Some(ParcelScenario::DeliveredNextDay)
        );
        assert_eq!(
            ParcelScenario::for_postcode(" SB1  4LX "),
            Some(ParcelScenario::Lost)
        );
        assert_eq!(ParcelScenario::for_postcode("M1 1AA"), None);
    }

    #[test]
    fn schedules_use_documented_codes_in_date_order() {
        for scenario in ParcelScenario::ALL {
            let schedule = scenario.schedule();
            assert!(
                schedule
                    .iter()
                    .all(|(_, code)| LEG_EVENT_CODE.accepts(code))
            );
            assert!(schedule.windows(2).all(|pair| pair[0].0 < pair[1].0));
        }
    }
}
