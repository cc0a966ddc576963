//! Shipping, the MM-API and Tracking as one world, end to end through the SDK's clients: a
//! consignment allocated with `metapack-shipping` is tracked with `metapack-tracking`, moved
//! by simulated carrier events and the sandbox clock, and ended by its deallocation.

use chrono::{DateTime, TimeDelta, Utc};
use metapack_mm_api::uri::ShipmentUri;
use metapack_mm_api::{AllocationRequest, ApiVersion};
use metapack_sandbox::{
    CatalogueCarrier, CatalogueLocation, CatalogueService, MM_API_SEEDED_SHIPMENTS, ParcelScenario,
    Sandbox, ShippingCatalogue,
};
use metapack_shipping::types::{
    Address, Consignment, ConsignmentRequest, Contact, Order, Parcel, ShippingRules, Weight,
};
use metapack_shipping::{Allocation, ShippingClient};
use metapack_tracking::types::{EventCode, ParcelJourney, PostAllocationEventCode};
use metapack_tracking::{JourneyQuery, TrackingClient};

/// Monday 7 January 2030, 10:00 UTC.
fn monday() -> DateTime<Utc> {
    "2030-01-07T10:00:00Z".parse().expect("a date")
}

/// A sandbox on a frozen clock whose one carrier serves a `GBR` warehouse (alpha-3 codes,
/// as Shipping sends them).
async fn sandbox() -> Sandbox {
    let catalogue = ShippingCatalogue::empty()
        .carrier(CatalogueCarrier::new("SBXPOST", "Sandbox Post").tracking_prefix("SP"))
        .shipping_location(CatalogueLocation::new(
            "WH-LONDON",
            "London Warehouse",
            "GBR",
        ))
        .service(CatalogueService::new(
            "SBXPOST24",
            "Sandbox Post 24",
            "SBXPOST",
            4.95,
            "GBP",
        ));
    Sandbox::builder()
        .shipping_catalogue(catalogue)
        .frozen_clock(monday())
        .start()
        .await
        .expect("sandbox starts")
}

fn shipping(sandbox: &Sandbox) -> ShippingClient {
    sandbox.shipping().client().expect("client builds")
}

fn tracking(sandbox: &Sandbox) -> TrackingClient {
    sandbox.tracking().client().expect("client builds")
}

fn request(order_ref: &str, postcode: &str) -> ConsignmentRequest {
    ConsignmentRequest {
        consignment: Consignment {
            orders: Some(vec![Order {
                order_ref: Some(order_ref.into()),
                ..Order::default()
            }]),
            sender: Some(Address {
                code: Some("WH-LONDON".into()),
                country_code: Some("GBR".into()),
                ..Address::default()
            }),
            recipient: Some(Address {
                contact: Some(Contact {
                    name: Some("Ann Smith".into()),
                    ..Contact::default()
                }),
                city: Some("Manchester".into()),
                post_code: Some(postcode.into()),
                country_code: Some("GBR".into()),
                ..Address::default()
            }),
            parcels: Some(vec![Parcel {
                weight: Some(Weight { value: Some(1.5) }),
                ..Parcel::default()
            }]),
            ..Consignment::default()
        },
        shipping_rules: None,
    }
}

/// Creates and allocates; answers the consignment code and its parcel's tracking identifier.
async fn allocate(client: &ShippingClient, order_ref: &str, postcode: &str) -> (String, String) {
    let created = client
        .create_consignment(&request(order_ref, postcode))
        .await
        .expect("created");
    let code = created.consignment_code().expect("a code").to_owned();
    let Allocation::Allocated(allocated) = client
        .allocate_consignment(&code, &ShippingRules::default())
        .await
        .expect("allocation answered")
    else {
        panic!("no service for {code}");
    };
    let consignment = allocated.consignment.unwrap_or_default();
    let tracking = consignment.parcel_tracking_identifiers()[0].to_owned();
    (code, tracking)
}

async fn journey(client: &TrackingClient, tracking: &str) -> ParcelJourney {
    let mut journeys = client
        .parcel_journeys(&JourneyQuery::tracking(tracking))
        .await
        .expect("journeys");
    assert_eq!(journeys.len(), 1, "{tracking}");
    journeys.remove(0)
}

fn codes(journey: &ParcelJourney) -> Vec<String> {
    journey
        .events_in_order()
        .iter()
        .filter_map(|e| e.event_code.as_ref().map(|c| c.as_str().to_owned()))
        .collect()
}

#[tokio::test]
async fn an_allocated_parcel_is_tracked_moved_and_delivered() {
    let sandbox = sandbox().await;
    let (shipping, tracking) = (shipping(&sandbox), tracking(&sandbox));
    let postcode = ParcelScenario::FailedFirstAttempt.postcode();
    let (code, parcel) = allocate(&shipping, "ORDER-W1", postcode).await;

    let allocated = journey(&tracking, &parcel).await;
    assert_eq!(
        allocated.latest_event_code(),
        Some(&EventCode::AwaitingDespatch)
    );
    assert_eq!(allocated.delivery_ref.as_deref(), Some(code.as_str()));
    let leg = &allocated.delivery_legs.as_deref().unwrap_or_default()[0];
    assert_eq!(leg.carrier_code.as_deref(), Some("SBXPOST"));
    assert_eq!(
        allocated
            .order
            .as_ref()
            .and_then(|o| o.order_ref.as_deref()),
        Some("ORDER-W1")
    );
    let by_order = tracking
        .parcel_journeys(&JourneyQuery::order("ORDER-W1"))
        .await
        .expect("journeys");
    assert_eq!(by_order.len(), 1);

    // The scenario's first day: collected, in transit, out for delivery, a failed attempt.
    sandbox.advance_clock(std::time::Duration::from_secs(29 * 3600));
    let attempted = journey(&tracking, &parcel).await;
    assert_eq!(
        attempted.latest_event_code(),
        Some(&EventCode::AttemptedDelivery)
    );
    assert!(!attempted.is_delivered());

    // The shopper arranges a redelivery: a simulated carrier event, dated now.
    sandbox
        .simulate_parcel_event(
            &parcel,
            &PostAllocationEventCode::DeliveryArrangedWithRecipient,
            None,
        )
        .expect("a known parcel");
    let arranged = journey(&tracking, &parcel).await;
    let last = arranged.events_in_order().last().cloned().cloned();
    let last = last.expect("events");
    assert_eq!(
        last.event_code,
        Some(EventCode::DeliveryArrangedWithRecipient)
    );
    assert_eq!(last.event_date, Some(monday() + TimeDelta::hours(29)));

    // The day after: out for delivery again, delivered.
    sandbox.advance_clock(std::time::Duration::from_secs(24 * 3600));
    let delivered = journey(&tracking, &parcel).await;
    assert!(delivered.is_delivered());
    assert_eq!(
        codes(&delivered),
        [
            "AWAITING_DESPATCH",
            "RECEIVED_BY_CARRIER",
            "IN_TRANSIT",
            "OUT_FOR_DELIVERY",
            "ATTEMPTED_DELIVERY",
            "DELIVERY_ARRANGED_WITH_RECIPIENT",
            "OUT_FOR_DELIVERY",
            "DELIVERED"
        ]
    );
}

#[tokio::test]
async fn deallocating_or_deleting_ends_the_journey() {
    let sandbox = sandbox().await;
    let (shipping, tracking) = (shipping(&sandbox), tracking(&sandbox));
    let postcode = ParcelScenario::DeliveredNextDay.postcode();
    let (deallocated_code, deallocated) = allocate(&shipping, "ORDER-W2", postcode).await;
    let (deleted_code, deleted) = allocate(&shipping, "ORDER-W3", postcode).await;

    shipping
        .deallocate_consignment(&deallocated_code)
        .await
        .expect("deallocated");
    shipping
        .delete_consignment(&deleted_code)
        .await
        .expect("deleted");
    sandbox.advance_clock(std::time::Duration::from_secs(3 * 86_400));
    for parcel in [&deallocated, &deleted] {
        let ended = journey(&tracking, parcel).await;
        assert_eq!(
            codes(&ended),
            ["AWAITING_DESPATCH", "CANCELLED_BEFORE_DESPATCH"],
            "the script stops with the cancellation"
        );
        assert!(!ended.is_delivered());
    }
}

#[tokio::test]
async fn mm_api_allocations_are_tracked_like_shipping_ones() {
    let sandbox = sandbox().await;
    let tracking = tracking(&sandbox);
    let manager = metapack_tests::mm_api_builder(&sandbox)
        .version(ApiVersion::V0)
        .build()
        .expect("client");
    let shipment: uuid::Uuid = MM_API_SEEDED_SHIPMENTS[0].parse().expect("a uuid");
    let uri = ShipmentUri::for_uuid(manager.host(), shipment);
    let allocation = manager
        .allocate(&AllocationRequest::shipment_uri(uri))
        .await
        .expect("allocated");
    let codes_of_units: Vec<String> = allocation
        .consignment
        .tracking_codes()
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert!(!codes_of_units.is_empty());
    for code in &codes_of_units {
        let tracked = journey(&tracking, code).await;
        assert_eq!(
            tracked.latest_event_code(),
            Some(&EventCode::AwaitingDespatch)
        );
        let leg = &tracked.delivery_legs.as_deref().unwrap_or_default()[0];
        assert_eq!(leg.carrier_code.as_deref(), Some("SANDBOX"));
        let event_date = tracked.events_in_order()[0].event_date;
        assert_eq!(event_date, Some(monday()), "dated by the sandbox clock");
    }
    manager
        .delete_consignment(&allocation.uri)
        .await
        .expect("deallocated");
    for code in &codes_of_units {
        let ended = journey(&tracking, code).await;
        assert_eq!(
            ended.latest_event_code(),
            Some(&EventCode::CancelledBeforeDespatch)
        );
    }
}
