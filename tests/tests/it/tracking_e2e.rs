//! The Tracking client end to end against the embedded sandbox.

use metapack_sandbox::Sandbox;
use metapack_tests::at;
use metapack_tracking::types::{
    Customer, Delivery, DeliveryEvent, DeliveryLeg, DeliveryLegEvent, DeliveryLegParcel, EventCode,
    Order, ParcelJourneySearch, PostAllocationEventCode, PreAllocationEventCode, Recipient,
};
use metapack_tracking::{
    Credentials, Error, ErrorCategory, ErrorCode, JourneyQuery, TrackingClient,
};

fn client(sandbox: &Sandbox, password: &str) -> TrackingClient {
    let (username, _) = sandbox.tracking().credentials();
    sandbox
        .tracking()
        .client_builder()
        .expect("loopback URL")
        .credentials(Credentials::basic(username, password))
        .build()
        .expect("client builds")
}

async fn start() -> (Sandbox, TrackingClient) {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = client(&sandbox, sandbox.tracking().credentials().1);
    (sandbox, client)
}

fn order(order_ref: &str, customer_ref: &str, email: &str) -> Order {
    Order {
        order_ref: Some(order_ref.into()),
        customer: Some(Customer {
            customer_ref: Some(customer_ref.into()),
            email: Some(email.into()),
            ..Customer::default()
        }),
        ..Order::default()
    }
}

fn leg(tracking: &str, parcel: &str, order: Order, postcode: &str) -> DeliveryLeg {
    DeliveryLeg {
        tracking_identifier: tracking.into(),
        carrier_code: Some("DPD_UK".into()),
        carrier_display_name: Some("DPD UK".into()),
        carrier_service_code: Some("DPD_UK_CLASSIC".into()),
        carrier_tracking_url: None,
        delivery_ref: Some("DEL-1".into()),
        final_delivery_leg: Some(true),
        order: Some(order),
        parcel: Some(DeliveryLegParcel {
            parcel_ref: Some(parcel.into()),
            weight: None,
        }),
        recipient: Some(Recipient {
            post_code: Some(postcode.into()),
            ..Recipient::default()
        }),
        collection: None,
        delivery: None,
        sender: None,
    }
}

fn leg_event(tracking: &str, code: PostAllocationEventCode, hour: u32) -> DeliveryLegEvent {
    DeliveryLegEvent {
        tracking_identifier: tracking.into(),
        event_code: code,
        event_date: at(21, hour),
        event_source: Some("CARRIER".into()),
        event_time_zone: "Europe/London".into(),
        event_location: None,
    }
}

#[tokio::test]
async fn a_delivery_and_its_legs_become_journeys() {
    let (_sandbox, client) = start().await;
    let order = order("ORDER-1", "CUST-1", "ada@example.com");
    client
        .upsert_delivery(&Delivery {
            delivery_ref: "DEL-1".into(),
            order: Some(order.clone()),
            collection: None,
            delivery: None,
            recipient: None,
            sender: None,
        })
        .await
        .expect("delivery");
    client
        .add_delivery_event(&DeliveryEvent {
            delivery_ref: "DEL-1".into(),
            event_code: PreAllocationEventCode::OrderAccepted,
            event_date: at(20, 9),
            event_source: None,
            event_time_zone: "Europe/London".into(),
            event_location: None,
        })
        .await
        .expect("delivery event");
    for (tracking, parcel) in [("TRACK-A", "P1"), ("TRACK-B", "P2")] {
        client
            .upsert_delivery_leg(&leg(tracking, parcel, order.clone(), "WC1X 8XZ"))
            .await
            .expect("leg");
    }
    // Events arrive out of order; the journey sorts them.
    for (code, hour) in [
        (PostAllocationEventCode::Delivered, 14),
        (PostAllocationEventCode::OutForDelivery, 8),
    ] {
        client
            .add_delivery_leg_event(&leg_event("TRACK-A", code, hour))
            .await
            .expect("event");
    }

    let journeys = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect("journeys");
    assert_eq!(journeys.len(), 2, "one journey per parcel");
    let first = &journeys[0];
    let codes: Vec<_> = first
        .events_in_order()
        .iter()
        .filter_map(|e| e.event_code.clone())
        .collect();
    assert_eq!(
        codes,
        [
            EventCode::OrderAccepted,
            EventCode::OutForDelivery,
            EventCode::Delivered
        ]
    );
    assert!(first.is_delivered());
    assert!(!journeys[1].is_delivered());

    let by_tracking = JourneyQuery::tracking("TRACK-B");
    let journeys = client
        .parcel_journeys(&by_tracking)
        .await
        .expect("by tracking");
    assert_eq!(journeys.len(), 1);
    let legs = journeys[0].delivery_legs.as_deref().unwrap_or_default();
    assert_eq!(legs[0].tracking_identifier.as_deref(), Some("TRACK-B"));

    // Filters are case sensitive and combine.
    for (query, expected) in [
        (JourneyQuery::order("order-1"), 0),
        (JourneyQuery::tracking("track-b"), 0),
        (JourneyQuery::order("ORDER-1").postcode("WC1X 8XZ"), 2),
        (JourneyQuery::order("ORDER-1").postcode("SW1A 1AA"), 0),
        (JourneyQuery::order("ORDER-1").customer_ref("CUST-1"), 2),
        (JourneyQuery::order("ORDER-1").customer_ref("CUST-2"), 0),
        (
            JourneyQuery::order("ORDER-1").tracking_identifier("TRACK-A"),
            1,
        ),
    ] {
        let found = client.parcel_journeys(&query).await.expect("query");
        assert_eq!(found.len(), expected, "{query:?}");
    }

    let search = ParcelJourneySearch {
        customer_ref: None,
        email: Some("ada@example.com".into()),
    };
    assert_eq!(
        client
            .search_parcel_journeys(&search)
            .await
            .expect("search")
            .len(),
        2
    );
}

#[tokio::test]
async fn upserts_replace_and_deletes_remove() {
    let (_sandbox, client) = start().await;
    let order = order("ORDER-2", "CUST-2", "bob@example.com");
    let mut first = leg("TRACK-C", "P1", order.clone(), "WC1X 8XZ");
    client.upsert_delivery_leg(&first).await.expect("create");
    first.carrier_display_name = Some("DPD United Kingdom".into());
    client.upsert_delivery_leg(&first).await.expect("replace");

    let journeys = client
        .parcel_journeys(&JourneyQuery::tracking("TRACK-C"))
        .await
        .expect("read");
    let legs = journeys[0].delivery_legs.as_deref().unwrap_or_default();
    assert_eq!(legs.len(), 1, "an upsert replaces the leg");
    assert_eq!(
        legs[0].carrier_display_name.as_deref(),
        Some("DPD United Kingdom")
    );

    let deleted = client
        .delete_delivery_legs("TRACK-C")
        .await
        .expect("delete");
    assert_eq!(deleted.message.as_deref(), Some("Deleted 1 delivery legs"));
    let after = client
        .parcel_journeys(&JourneyQuery::tracking("TRACK-C"))
        .await
        .expect("read");
    assert!(after.is_empty());
}

#[tokio::test]
async fn sandbox_errors_arrive_typed() {
    let (sandbox, client) = start().await;
    let wrong = self::client(&sandbox, "not-the-password");
    let err = wrong
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("401");
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.code(), Some(&ErrorCode::Ps(401)));
    assert_eq!(err.category(), Some(ErrorCategory::Auth));
    assert!(!format!("{err} {err:?}").contains("not-the-password"));

    // Bypass the client's own check to see the sandbox's validation.
    let mut bad = leg("TRACK-D", "P1", Order::default(), "WC1X 8XZ");
    bad.carrier_tracking_url = Some("http://insecure.example.com".into());
    let err = client
        .upsert_delivery_leg(&bad)
        .await
        .expect_err("client refuses");
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    let raw = client.raw().upsert_delivery_leg().body(bad).send().await;
    let err = metapack_core::finish(raw)
        .await
        .expect_err("sandbox refuses");
    assert_eq!(err.code(), Some(&ErrorCode::Ps(400)));
    let message = err
        .api()
        .and_then(|a| a.message.clone())
        .unwrap_or_default();
    assert!(message.contains("carrierTrackingURL"), "{message}");
}
