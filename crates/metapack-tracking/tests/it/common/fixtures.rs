//! Valid inputs of the Tracking operations, shared by the test modules: the least each
//! operation accepts, for tests about something other than the body.

use metapack_tracking::types::{
    Delivery, DeliveryEvent, DeliveryLeg, DeliveryLegEvent, PostAllocationEventCode,
    PreAllocationEventCode,
};

use super::at;

/// Delivery `DEL-1` with nothing else.
pub fn delivery() -> Delivery {
    Delivery {
        delivery_ref: "DEL-1".into(),
        order: None,
        collection: None,
        delivery: None,
        recipient: None,
        sender: None,
    }
}

/// Delivery leg `TRK-1` with nothing else.
pub fn leg() -> DeliveryLeg {
    DeliveryLeg {
        tracking_identifier: "TRK-1".into(),
        carrier_code: None,
        carrier_display_name: None,
        carrier_service_code: None,
        carrier_tracking_url: None,
        delivery_ref: None,
        final_delivery_leg: None,
        parcel: None,
        collection: None,
        delivery: None,
        order: None,
        recipient: None,
        sender: None,
    }
}

/// Event `code` of delivery `DEL-1`, on 20 November 2026 at 09:00 UTC, in time zone `zone`.
pub fn delivery_event(code: PreAllocationEventCode, zone: &str) -> DeliveryEvent {
    DeliveryEvent {
        delivery_ref: "DEL-1".into(),
        event_code: code,
        event_date: at(20, 9),
        event_location: None,
        event_source: None,
        event_time_zone: zone.into(),
    }
}

/// Event `code` of leg `TRK-1`, on 20 November 2026 at 09:00 UTC, in time zone `zone`.
pub fn leg_event(code: PostAllocationEventCode, zone: &str) -> DeliveryLegEvent {
    DeliveryLegEvent {
        tracking_identifier: "TRK-1".into(),
        event_code: code,
        event_date: at(20, 9),
        event_location: None,
        event_source: None,
        event_time_zone: zone.into(),
    }
}
