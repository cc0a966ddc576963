//! What writes are checked against before sending: the documented event-code lists and the
//! form of IANA time-zone names.

use crate::build::BuildError;
use crate::types::{EventCode, PostAllocationEventCode, PreAllocationEventCode, Recipient, Sender};

/// Whether codes the docs do not list may be sent; see
/// [`TrackingClient::with_unlisted_event_codes`](crate::TrackingClient::with_unlisted_event_codes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Unlisted {
    /// Refuse them (the default).
    #[default]
    Refuse,
    /// Send them as given.
    Send,
}

fn invalid(field: &str, message: String) -> BuildError {
    BuildError::Invalid {
        field: field.to_owned(),
        message,
    }
}

/// One kind of event, for the messages about its codes.
struct Kind {
    /// The kind, as in "not a documented {name} event code".
    name: &'static str,
    /// The enum listing its codes.
    list: &'static str,
    /// Where a code of the other kind goes instead.
    other: &'static str,
}

const LEG: Kind = Kind {
    name: "post-allocation (delivery leg)",
    list: "PostAllocationEventCode",
    other: "a pre-allocation event code: publish it for the delivery with add_delivery_event \
            (DeliveryEventBuilder), not as a delivery leg event",
};

const DELIVERY: Kind = Kind {
    name: "pre-allocation (delivery)",
    list: "PreAllocationEventCode",
    other: "a post-allocation event code: publish it for the parcel with add_delivery_leg_event \
            (DeliveryLegEventBuilder), not as a delivery event",
};

/// The code of a delivery leg (post-allocation) event in its documented spelling, or why it
/// cannot be sent. A code documented only for delivery events is refused even when unlisted
/// codes are allowed: it is a mix-up, not a code newer than this SDK.
pub(crate) fn leg_event_code(
    code: &PostAllocationEventCode,
    unlisted: Unlisted,
) -> Result<PostAllocationEventCode, BuildError> {
    let documented = PostAllocationEventCode::parse(code.as_str());
    if documented.is_known() {
        return Ok(documented);
    }
    let other_kind = EventCode::parse(code.as_str()).is_pre_allocation_only();
    refuse(code.as_str(), &LEG, other_kind, unlisted)?;
    Ok(code.clone())
}

/// The code of a delivery (pre-allocation) event in its documented spelling, or why it
/// cannot be sent. A post-allocation code (`DESPATCHED`, `DELIVERED`) is refused even when
/// unlisted codes are allowed: it belongs to the parcel's delivery leg.
pub(crate) fn delivery_event_code(
    code: &PreAllocationEventCode,
    unlisted: Unlisted,
) -> Result<PreAllocationEventCode, BuildError> {
    let documented = PreAllocationEventCode::parse(code.as_str());
    if documented.is_known() {
        return Ok(documented);
    }
    let other_kind = PostAllocationEventCode::parse(code.as_str()).is_known();
    refuse(code.as_str(), &DELIVERY, other_kind, unlisted)?;
    Ok(code.clone())
}

/// Refuses a code `kind` does not list: always when the other kind lists it, else unless
/// unlisted codes may be sent.
fn refuse(code: &str, kind: &Kind, other_kind: bool, unlisted: Unlisted) -> Result<(), BuildError> {
    let message = if other_kind {
        format!("{code:?} is {}", kind.other)
    } else if unlisted == Unlisted::Refuse {
        format!(
            "{code:?} is not a documented {} event code: use one of {}::KNOWN, or send it \
             anyway through TrackingClient::with_unlisted_event_codes()",
            kind.name, kind.list
        )
    } else {
        return Ok(());
    };
    Err(invalid("eventCode", message))
}

/// Top-level names of the IANA time-zone database that are not under an area (tzdata's
/// `backward` links and the POSIX-style zones).
const SINGLE_NAMES: &[&str] = &[
    "CET",
    "CST6CDT",
    "Cuba",
    "EET",
    "EST",
    "EST5EDT",
    "Egypt",
    "Eire",
    "Factory",
    "GB",
    "GB-Eire",
    "GMT",
    "GMT+0",
    "GMT-0",
    "GMT0",
    "Greenwich",
    "HST",
    "Hongkong",
    "Iceland",
    "Iran",
    "Israel",
    "Jamaica",
    "Japan",
    "Kwajalein",
    "Libya",
    "MET",
    "MST",
    "MST7MDT",
    "NZ",
    "NZ-CHAT",
    "Navajo",
    "PRC",
    "PST8PDT",
    "Poland",
    "Portugal",
    "ROC",
    "ROK",
    "Singapore",
    "Turkey",
    "UCT",
    "UTC",
    "Universal",
    "W-SU",
    "WET",
    "Zulu",
];

/// The areas of the IANA time-zone database (`Area/Location`), current and `backward`.
const AREAS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Brazil",
    "Canada",
    "Chile",
    "Etc",
    "Europe",
    "Indian",
    "Mexico",
    "Pacific",
    "US",
];

/// Whether `zone` has the form of an IANA time-zone name: one of the database's top-level
/// names (`UTC`, `GMT`, `EST5EDT`), or an area (`Europe`, `America`, `Etc`, ...) followed by
/// one or two locations, each starting with a capital letter and made of ASCII letters,
/// digits, `_`, `-` and `+` (`Europe/London`, `America/Argentina/Buenos_Aires`,
/// `Etc/GMT+5`). Names are case sensitive. This checks the form, not the database: a
/// well-formed location the database lacks (`Europe/Atlantis`) passes.
pub(crate) fn is_iana_time_zone(zone: &str) -> bool {
    let mut parts = zone.split('/');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() {
        return SINGLE_NAMES.contains(&first);
    }
    let location = |part: &&str| {
        let mut chars = part.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
    };
    AREAS.contains(&first) && rest.len() <= 2 && rest.iter().all(location)
}

/// Refuses a time zone that does not have the form of an IANA name.
pub(crate) fn time_zone(field: &str, zone: &str) -> Result<(), BuildError> {
    if is_iana_time_zone(zone) {
        return Ok(());
    }
    Err(invalid(
        field,
        format!(
            "{zone:?} is not an IANA time zone name: expected Area/Location such as \
             Europe/London or America/New_York, UTC, or a fixed offset such as Etc/GMT-1 \
             (names are case sensitive)"
        ),
    ))
}

/// Refuses a malformed `recipient.timeZone` or `sender.timeZone` of a delivery or leg.
pub(crate) fn party_time_zones(
    recipient: Option<&Recipient>,
    sender: Option<&Sender>,
) -> Result<(), BuildError> {
    if let Some(zone) = recipient.and_then(|r| r.time_zone.as_deref()) {
        time_zone("recipient.timeZone", zone)?;
    }
    if let Some(zone) = sender.and_then(|s| s.time_zone.as_deref()) {
        time_zone("sender.timeZone", zone)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iana_names_pass() {
        for zone in [
            "Europe/London",
            "America/New_York",
            "America/Argentina/Buenos_Aires",
            "America/Port-au-Prince",
            "Etc/GMT+5",
            "Etc/GMT-14",
            "Etc/UTC",
            "UTC",
            "GMT",
            "EST5EDT",
            "GB-Eire",
            "US/Eastern",
            "Antarctica/DumontDUrville",
        ] {
            assert!(is_iana_time_zone(zone), "{zone}");
        }
    }

    #[test]
    fn malformed_names_fail() {
        for zone in [
            "",
            " ",
            "not/a zone",
            "europe/london",
            "Europe/london",
            "Europe/London ",
            "Europe/",
            "/London",
            "Europe//London",
            "London",
            "Mars/Olympus",
            "Europe/London/City/Centre",
            "+01:00",
            "GMT+1",
            "UTC+01:00",
            "BST",
            "utc",
        ] {
            assert!(!is_iana_time_zone(zone), "{zone:?}");
        }
        let err = time_zone("eventTimeZone", "not/a zone").expect_err("malformed");
        assert_eq!(err.field(), "eventTimeZone");
        assert!(err.to_string().contains("Europe/London"), "{err}");
    }

    #[test]
    fn leg_codes_are_documented_post_allocation_codes() {
        let other = |s: &str| PostAllocationEventCode::Other(s.into());
        assert_eq!(
            leg_event_code(&other("delivered"), Unlisted::Refuse),
            Ok(PostAllocationEventCode::Delivered),
            "another spelling is sent as documented"
        );
        let err = leg_event_code(&other("TELEPORTED"), Unlisted::Refuse).expect_err("unlisted");
        assert_eq!(err.field(), "eventCode");
        assert!(
            err.to_string().contains("with_unlisted_event_codes"),
            "{err}"
        );
        assert_eq!(
            leg_event_code(&other("TELEPORTED"), Unlisted::Send),
            Ok(other("TELEPORTED"))
        );
        for unlisted in [Unlisted::Refuse, Unlisted::Send] {
            let err = leg_event_code(&other("ORDER_ACCEPTED"), unlisted).expect_err("mix-up");
            assert!(err.to_string().contains("add_delivery_event"), "{err}");
        }
    }

    #[test]
    fn delivery_codes_are_documented_pre_allocation_codes() {
        let other = |s: &str| PreAllocationEventCode::Other(s.into());
        assert_eq!(
            delivery_event_code(&PreAllocationEventCode::ReturnCreated, Unlisted::Refuse),
            Ok(PreAllocationEventCode::ReturnCreated)
        );
        let err = delivery_event_code(&other("ORDER_TELEPORTED"), Unlisted::Refuse)
            .expect_err("unlisted");
        assert!(err.to_string().contains("pre-allocation"), "{err}");
        assert_eq!(
            delivery_event_code(&other("ORDER_TELEPORTED"), Unlisted::Send),
            Ok(other("ORDER_TELEPORTED"))
        );
        for unlisted in [Unlisted::Refuse, Unlisted::Send] {
            let err = delivery_event_code(&other("DESPATCHED"), unlisted).expect_err("mix-up");
            assert!(err.to_string().contains("add_delivery_leg_event"), "{err}");
        }
    }

    #[test]
    fn party_time_zones_name_their_field() {
        let recipient = Recipient {
            time_zone: Some("not/a zone".into()),
            ..Recipient::default()
        };
        let sender = Sender {
            time_zone: Some("Europe/Paris".into()),
            ..Sender::default()
        };
        let err = party_time_zones(Some(&recipient), Some(&sender)).expect_err("recipient");
        assert_eq!(err.field(), "recipient.timeZone");
        assert_eq!(party_time_zones(None, Some(&sender)), Ok(()));
    }
}
