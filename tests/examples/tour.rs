//! A tour of metapack-rs against the embedded sandbox: `cargo run --example tour`.
//!
//! It starts `metapack-sandbox` in-process on a loopback port, then walks a tracking flow
//! the way a shop would: a delivery and its events before allocation, a delivery leg and the
//! carrier's events after, and finally the parcel journey Metapack assembles from them.

use metapack_sandbox::Sandbox;
use metapack_tests::at;
use metapack_tracking::types::{
    AcceptLanguage, Customer, Delivery, DeliveryEvent, DeliveryLeg, DeliveryLegEvent,
    DeliveryLegParcel, Order, PostAllocationEventCode, PreAllocationEventCode, Recipient,
};
use metapack_tracking::{Credentials, Environment, JourneyQuery, TrackingClient};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;
    let (username, password) = sandbox.tracking_credentials();
    println!("sandbox: tracking API at {}", sandbox.tracking_url());

    let tracking = TrackingClient::builder()
        .credentials(Credentials::basic(username, password))
        .environment(Environment::custom(sandbox.tracking_url())?)
        .user_agent_suffix("tour/1.0")
        .build()?;

    let order = Order {
        order_ref: Some("ORDER-1001".into()),
        order_date: Some(at(20, 9)),
        customer: Some(Customer {
            customer_ref: Some("CUST-42".into()),
            email: Some("ada@example.com".into()),
            name: Some("Ada Lovelace".into()),
            ..Customer::default()
        }),
        ..Order::default()
    };
    let recipient = Recipient {
        name: Some("Ada Lovelace".into()),
        post_code: Some("WC1X 8XZ".into()),
        country_code: Some("GB".into()),
        time_zone: Some("Europe/London".into()),
        ..Recipient::default()
    };

    println!("\n1. Before allocation: a delivery and the shop's events");
    tracking
        .upsert_delivery(&Delivery {
            delivery_ref: "DEL-1001".into(),
            order: Some(order.clone()),
            recipient: Some(recipient.clone()),
            collection: None,
            delivery: None,
            sender: None,
        })
        .await?;
    for (code, hour) in [
        (PreAllocationEventCode::OrderAccepted, 9),
        (PreAllocationEventCode::ReadyForPacking, 11),
    ] {
        tracking
            .add_delivery_event(&DeliveryEvent {
                delivery_ref: "DEL-1001".into(),
                event_code: code.clone(),
                event_date: at(20, hour),
                event_source: Some("STORE".into()),
                event_time_zone: "Europe/London".into(),
                event_location: None,
            })
            .await?;
        println!("   published {code}");
    }

    println!("\n2. After allocation: a delivery leg and the carrier's events");
    tracking
        .upsert_delivery_leg(&DeliveryLeg {
            tracking_identifier: "JD0002212345678901".into(),
            carrier_code: Some("DPD_UK".into()),
            carrier_display_name: Some("DPD UK".into()),
            carrier_service_code: Some("DPD_UK_CLASSIC".into()),
            carrier_tracking_url: Some("https://track.example.com/JD0002212345678901".into()),
            delivery_ref: Some("DEL-1001".into()),
            final_delivery_leg: Some(true),
            order: Some(order),
            parcel: Some(DeliveryLegParcel {
                parcel_ref: Some("PARCEL-1".into()),
                ..DeliveryLegParcel::default()
            }),
            recipient: Some(recipient),
            collection: None,
            delivery: None,
            sender: None,
        })
        .await?;
    for (code, day, hour) in [
        (PostAllocationEventCode::ReceivedByCarrier, 20, 17),
        (PostAllocationEventCode::OutForDelivery, 21, 7),
        (PostAllocationEventCode::Delivered, 21, 13),
    ] {
        tracking
            .add_delivery_leg_event(&DeliveryLegEvent {
                tracking_identifier: "JD0002212345678901".into(),
                event_code: code.clone(),
                event_date: at(day, hour),
                event_source: Some("CARRIER".into()),
                event_time_zone: "Europe/London".into(),
                event_location: None,
            })
            .await?;
        println!("   published {code}");
    }

    println!("\n3. The parcel journey, as the sandbox assembles it");
    let query = JourneyQuery::order("ORDER-1001").language(AcceptLanguage::EnGb);
    for journey in tracking.parcel_journeys(&query).await? {
        let legs = journey.delivery_legs.iter().flatten();
        for leg in legs {
            println!(
                "   parcel {} with {} ({})",
                leg.tracking_identifier.as_deref().unwrap_or("?"),
                leg.carrier_display_name.as_deref().unwrap_or("?"),
                leg.carrier_service_code.as_deref().unwrap_or("?"),
            );
        }
        for event in journey.events_in_order() {
            let when = event
                .event_date
                .map(|d| d.format("%a %d %b %H:%M").to_string());
            let code = event.event_code.as_ref().map(ToString::to_string);
            println!(
                "   {:<16} {}",
                when.as_deref().unwrap_or("?"),
                code.as_deref().unwrap_or("?")
            );
        }
        println!(
            "   delivered: {}, exception: {}",
            journey.is_delivered(),
            journey.is_exception()
        );
    }

    println!("\n4. Errors are typed: a wrong password");
    let intruder = TrackingClient::builder()
        .credentials(Credentials::basic(username, "wrong"))
        .environment(Environment::custom(sandbox.tracking_url())?)
        .build()?;
    match intruder
        .parcel_journeys(&JourneyQuery::order("ORDER-1001"))
        .await
    {
        Err(e) => println!("   {e} (category {:?})", e.code().map(|c| c.category())),
        Ok(_) => println!("   unexpectedly accepted"),
    }
    Ok(())
}
