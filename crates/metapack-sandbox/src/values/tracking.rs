//! The Tracking API's closed lists (Tracking API 1.0.12): the `eventCode` of delivery leg
//! events (`POST /delivery-legs/events`) and of delivery events (`POST /deliveries/events`),
//! each documented as an `Enum` of its own.
//!
//! Matching is exact: the docs spell every code in capitals with underscores
//! (`OUT_FOR_DELIVERY`), and so must requests; `out_for_delivery` is refused with a hint.
//! An unknown code answers 400 `PS-0400`, the documented code of a request that fails
//! validation, with a message naming `eventCode`.
//!
//! Left open: the `Accept-Language` header of `GET /parcel-journeys` has an `Enum` too, but
//! the docs say localised information is returned "only when requesting a supported
//! language", so another language reads in English rather than failing. `eventTimeZone` is
//! "Time zone at the location of the event" (example `Europe/London`): the docs do not define
//! it as an IANA zone name, so it is only required not to be blank.

use super::{Matching, ValueList};

const POST_ALLOCATION_EVENT_CODES: &[&str] = &[
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

const PRE_ALLOCATION_EVENT_CODES: &[&str] = &[
    "ORDER_ACCEPTED",
    "PAYMENT_SUCCESSFUL",
    "PAYMENT_DECLINED",
    "CANCELLED_BEFORE_DESPATCH",
    "ORDER_DECLINED",
    "PERSONALISATION_STARTED",
    "PERSONALISATION_ISSUE",
    "AWAITING_FULFILMENT",
    "PERSONALISATION_COMPLETED",
    "READY_FOR_PACKING",
    "DESPATCH_DELAYED",
    "DESPATCH_DELAYED_IN_PART",
    "RETURN_CREATED",
    "RETURN_NEEDS_APPROVAL",
    "RETURN_APPROVED",
    "RETURN_CANCELLED",
    "RETURN_REJECTED",
    "RETURN_WINDOW_EXPIRED",
    "RETURN_NOT_COMPLETED",
    "RETURN_COMPLETED",
    "RETURN_COMPLETED_IN_PART",
];

/// `eventCode` of `POST /delivery-legs/events` (post-allocation events).
pub(crate) const LEG_EVENT_CODE: ValueList = ValueList {
    schema: "PostAllocationEventCode",
    what: "a Metapack event code of delivery leg events",
    values: POST_ALLOCATION_EVENT_CODES,
    matching: Matching::Exact,
};

/// `eventCode` of `POST /deliveries/events` (pre-allocation events).
pub(crate) const DELIVERY_EVENT_CODE: ValueList = ValueList {
    schema: "PreAllocationEventCode",
    what: "a Metapack event code of delivery events",
    values: PRE_ALLOCATION_EVENT_CODES,
    matching: Matching::Exact,
};

/// Every list of this API (for the agreement test with the spec).
#[cfg(test)]
pub(crate) const LISTS: &[&ValueList] = &[&LEG_EVENT_CODE, &DELIVERY_EVENT_CODE];

/// The enums of `specs/tracking.yaml` the sandbox leaves open, each with the reason.
#[cfg(test)]
pub(crate) const OPEN: &[(&str, &str)] = &[
    (
        "AcceptLanguage",
        "another language is answered in English, not refused",
    ),
    ("EventCode", "the union of both lists, only in responses"),
];
