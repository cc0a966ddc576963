//! The Tracking builders and journey accessors end to end against the embedded sandbox: a
//! delivery, its event, a delivery leg and its events, all built fluently, read back as one
//! journey with its latest event, tracking number, carrier and delivery promise.

use chrono::{DateTime, Duration, TimeZone, Utc};
use metapack_sandbox::Sandbox;
use metapack_tracking::build::{
    BuildError, CustomerBuilder, DeliveryBuilder, DeliveryEventBuilder, DeliveryLegBuilder,
    DeliveryLegEventBuilder, EventLocationBuilder, OrderBuilder, RecipientBuilder,
};
use metapack_tracking::{
    Error, EventCode, JourneyQuery, PostAllocationEventCode, PreAllocationEventCode, TrackingClient,
};

async fn start() -> (Sandbox, TrackingClient) {
    metapack_tests::tracking_sandbox().await
}

/// The sandbox's clock to the second, so dates compare equal after a JSON round trip.
fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    Utc.timestamp_opt(t.timestamp(), 0)
        .single()
        .unwrap_or_default()
}

/// Publishes a delivery and a leg with events, built with the builders.
async fn publish(client: &TrackingClient, now: DateTime<Utc>) -> Result<(), Error> {
    let order = OrderBuilder::new()
        .order_ref("ORDER-7")
        .order_date(now - Duration::days(1))
        .customer(
            CustomerBuilder::new()
                .customer_ref("CUST-7")
                .email("ada@example.com"),
        );
    let delivery = DeliveryBuilder::new()
        .delivery_ref("DEL-7")
        .order(order.clone())
        .build()?;
    client.upsert_delivery(&delivery).await?;
    let accepted = DeliveryEventBuilder::new()
        .delivery_ref("DEL-7")
        .event_code(PreAllocationEventCode::OrderAccepted)
        .event_date(now - Duration::hours(20))
        .event_time_zone("Europe/London")
        .build()?;
    client.add_delivery_event(&accepted).await?;

    let leg = DeliveryLegBuilder::new()
        .tracking_identifier("JD0007")
        .carrier("DPD_UK", "DPD UK")
        .carrier_service_code("DPD_UK_NEXT_DAY")
        .carrier_tracking_url("https://track.example/JD0007")
        .delivery_ref("DEL-7")
        .final_delivery_leg(true)
        .order(order)
        .parcel_ref("PARCEL-7")
        .recipient(RecipientBuilder::new().name("Ada").post_code("WC1X 8XZ"))
        .promised_delivery_date(now + Duration::days(1))
        .build()?;
    client.upsert_delivery_leg(&leg).await?;
    // Posted out of order: the journey sorts them by date.
    for (code, hours_ago) in [
        (PostAllocationEventCode::OutForDelivery, 1),
        (PostAllocationEventCode::ReceivedByCarrier, 10),
    ] {
        let event = DeliveryLegEventBuilder::new()
            .tracking_identifier("JD0007")
            .event_code(code)
            .event_date(now - Duration::hours(hours_ago))
            .event_time_zone("Europe/London")
            .event_source("CARRIER")
            .event_location(
                EventLocationBuilder::new()
                    .name("London depot")
                    .city("London"),
            )
            .build()?;
        client.add_delivery_leg_event(&event).await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_journey_built_fluently_reads_back_in_one_call_per_fact() {
    let (sandbox, client) = start().await;
    let now = whole_seconds(sandbox.now());
    publish(&client, now).await.expect("published");

    let journeys = client
        .parcel_journeys(&JourneyQuery::tracking("JD0007"))
        .await
        .expect("journeys");
    assert_eq!(journeys.len(), 1);
    let journey = &journeys[0];

    let latest = journey.latest_event().expect("events");
    assert_eq!(latest.event_code, Some(EventCode::OutForDelivery));
    assert_eq!(latest.event_date, Some(now - Duration::hours(1)));
    assert_eq!(journey.latest_event_date(), Some(now - Duration::hours(1)));
    assert_eq!(
        journey
            .events_in_order()
            .iter()
            .filter_map(|e| e.event_code.clone())
            .collect::<Vec<_>>(),
        [
            EventCode::OrderAccepted,
            EventCode::ReceivedByCarrier,
            EventCode::OutForDelivery
        ]
    );
    assert!(!journey.is_delivered());

    assert_eq!(journey.tracking_number(), Some("JD0007"));
    assert_eq!(journey.carrier_code(), Some("DPD_UK"));
    assert_eq!(journey.carrier_name(), Some("DPD UK"));
    assert_eq!(
        journey.carrier_tracking_url(),
        Some("https://track.example/JD0007")
    );
    assert_eq!(
        journey.promised_delivery_date(),
        Some(now + Duration::days(1))
    );
    let promise = journey.delivery_promise().expect("a promise");
    assert_eq!(
        promise.promised_delivery_date,
        Some(now + Duration::days(1))
    );
    assert_eq!(journey.expected_delivery_date(), None);

    // The same journey by order, with the customer the order builder set.
    let by_order = client
        .parcel_journeys(&JourneyQuery::order("ORDER-7"))
        .await
        .expect("by order");
    let customer = by_order[0]
        .order
        .as_ref()
        .and_then(|o| o.customer.as_ref())
        .and_then(|c| c.customer_ref.as_deref());
    assert_eq!(customer, Some("CUST-7"));
}

#[tokio::test]
async fn the_builders_refuse_malformed_time_zones_and_leave_codes_to_the_client() {
    let (sandbox, client) = start().await;

    let err = DeliveryLegEventBuilder::new()
        .tracking_identifier("JD0008")
        .event_code(PostAllocationEventCode::Delivered)
        .event_date(sandbox.now())
        .event_time_zone("not/a zone")
        .build()
        .expect_err("malformed zone");
    assert_eq!(err.field(), "eventTimeZone");
    let as_client_error: Error = err.into();
    assert!(
        matches!(&as_client_error, Error::InvalidRequest { field: Some(f), .. } if f == "eventTimeZone"),
        "{as_client_error:?}"
    );

    // An undocumented code builds; the client refuses it before sending (see
    // tracking_writes.rs for the opt-in).
    let undocumented = DeliveryLegEventBuilder::new()
        .tracking_identifier("JD0008")
        .event_code(PostAllocationEventCode::parse("TELEPORTED"))
        .event_date(sandbox.now())
        .event_time_zone("Europe/London")
        .build()
        .expect("codes are judged when sending");
    let refused = client
        .add_delivery_leg_event(&undocumented)
        .await
        .expect_err("refused before sending");
    assert!(
        matches!(&refused, Error::InvalidRequest { field: Some(f), .. } if f == "eventCode"),
        "{refused:?}"
    );

    assert_eq!(
        DeliveryLegBuilder::new().carrier_code("DPD_UK").build(),
        Err(BuildError::Missing("trackingIdentifier".into()))
    );
}
