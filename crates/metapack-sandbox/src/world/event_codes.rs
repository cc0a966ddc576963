//! The delivery-leg event codes the sandbox accepts when a carrier event is simulated: its
//! own copy of the `eventCode` enum of `POST /delivery-legs/events` in Metapack's Tracking
//! API reference 1.0.12 (`001_*.txt` of the seeds), in the reference's order.

/// Every documented delivery-leg event code (83).
pub(crate) const LEG_EVENT_CODES: [&str; 83] = [
    "AWAITING_DESPATCH",
    "DESPATCHED",
    "NOT_YET_RECEIVED_BY_CARRIER",
    "RECEIVED_BY_CARRIER",
    "RECD_BY_CARRIER_NO_ELEC_ADVICE",
    "COLLECTION_REQUESTED",
    "COLLECTION_MADE",
    "COLLECTION_FAILED",
    "ROUTING_ERROR",
    "CARRIER_DELAYS",
    "PARCEL_LOST",
    "DELAYED_NOT_CARRIER",
    "HELD_BY_CUSTOMS",
    "PARCEL_DAMAGED",
    "IN_TRANSIT",
    "RECEIVED_LOCAL_DELIVERY_DEPOT",
    "HUB_SCAN_OUT",
    "CUSTOMS_PROCESSING",
    "COLLECT_AT_LOCAL_PO",
    "SUB_CONTRACTOR_EVENT",
    "OUT_FOR_DELIVERY",
    "SUB_CONTRACTOR_RECEIVED",
    "ADDRESS_QUERY",
    "CUSTOMER_CARDED",
    "DELIVERED_IN_PART",
    "CUSTOMER_TO_COLLECT_FROM_CARRIER",
    "HELD_BY_CARRIER",
    "CUSTOMER_MOVED",
    "REFUSED_BY_CUSTOMER",
    "RETURN_TO_SENDER",
    "NOT_DELIVERED",
    "NOT_DELIVERED_ADDRESSEE_DECEASED",
    "DELIVERED",
    "DELIVERED_TO_PO_BOX",
    "DELIVERED_DAMAGED",
    "INFORMATION",
    "POST_TRANSIT_STATUS",
    "PROOF_OF_DELIVERY",
    "HAZARDOUS_PROHIBITED",
    "CANCELLED",
    "ELEC_ADVICE_RECD_BY_CARRIER",
    "CLOSED_BY_SYSTEM",
    "MISSORTED",
    "DELIVERY_ARRANGED_WITH_RECIPIENT",
    "NO_ACCESS_TO_RECIPIENTS_ADDRESS",
    "COD_AMOUNT_NOT_PAID",
    "CUSTOMER_IDENTIFICATION_FAILED",
    "INVALID_METHOD_OF_PAYMENT",
    "COD_AMOUNT_PAID",
    "CUSTOMS_CLEARED",
    "PARCEL_REPACKED",
    "PARCEL_DISPOSED",
    "INCORRECT_DECLARATION",
    "HELD_BY_IMPORT_CUSTOMS",
    "HELD_BY_EXPORT_CUSTOMS",
    "DELIVERED_TO_NEIGHBOUR",
    "DELIVERED_SPECIFIED_SAFE_PLACE",
    "PARCEL_COLLECTED_FROM_PICKUP_POINT",
    "AWAITING_COLLECTION_FROM_PICKUP_POINT",
    "NOT_COLLECTED_FROM_PICKUP_POINT",
    "DELIVERED_TO_LOCKER_COLLECTION_POINT",
    "DELIVERED_TO_ALTERNATIVE_DELIVERY_LOCATION",
    "HELD_BY_CARRIER_FOR_CLEARANCE_PRE_PROCESSING",
    "PARCEL_OVER_LABELLED",
    "PARCEL_OUTSIDE_OF_SERVICE_CAPABILITY",
    "PARCEL_UPDATE_NOTIFICATION_VIA_SMS",
    "PARCEL_UPDATE_NOTIFICATION_VIA_EMAIL",
    "ATTEMPTED_DELIVERY",
    "ATTEMPTED_DELIVERY_2ND",
    "ATTEMPTED_DELIVERY_3RD",
    "READY_FOR_PACKING",
    "CANCELLED_BEFORE_DESPATCH",
    "RETURN_CREATED",
    "RETURN_NEEDS_APPROVAL",
    "RETURN_APPROVED",
    "RETURN_LABEL_CREATED",
    "RETURN_CANCELLED",
    "RETURN_REJECTED",
    "RETURN_WINDOW_EXPIRED",
    "RETURN_RECEIVED",
    "RETURN_COMPLETED",
    "RETURN_COMPLETED_IN_PART",
    "RETURN_NOT_COMPLETED",
];

/// Whether `code` is a documented delivery-leg event code (exact spelling, upper case).
pub(crate) fn is_leg_event_code(code: &str) -> bool {
    LEG_EVENT_CODES.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_list() {
        assert!(is_leg_event_code("DELIVERED"));
        assert!(is_leg_event_code("RETURN_NOT_COMPLETED"));
        assert!(!is_leg_event_code("delivered"));
        assert!(!is_leg_event_code("ORDER_ACCEPTED"));
        assert!(!is_leg_event_code("TELEPORTED"));
    }
}
