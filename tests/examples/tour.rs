//! A tour of metapack-rs against the embedded sandbox: `cargo run --example tour`.
//!
//! It starts `metapack-sandbox` in-process on a loopback port and walks the flow of a shop:
//! 1. **Checkout**: the delivery options for the shopper's address; the shopper picks one;
//! 2. **Shipping**: create the consignment, compare rates, allocate it to the chosen option's
//!    booking code, print its labels (written to `target/tour/labels/`), mark it ready and
//!    manifest it;
//! 3. **MetaPack Manager API**: a client-credentials token, the allocation of a shipment,
//!    its label, a status change and a closed consignment list;
//! 4. **Tracking**: publish the delivery and the shop's events before allocation; the
//!    allocation itself published the parcel's delivery leg. The recipient postcode is a
//!    sandbox scenario (first delivery attempt fails): moving the sandbox clock brings the
//!    carrier's events, a simulated event records the redelivery the shopper arranges, and
//!    the parcel journey goes from allocated to delivered.

use std::path::Path;

use metapack_delivery_options::{
    BookingCode, DeliveryOptionsClient, Destination, FindOptions, Warehouse,
};
use metapack_mm_api::model::{ConsignmentList, DocumentParams};
use metapack_mm_api::uri::ShipmentUri;
use metapack_mm_api::values::{AcceptableConsignmentStatus, ConsignmentListType};
use metapack_mm_api::{AllocationRequest, ClientCredentials, MmApiClient};
use metapack_sandbox::{MM_API_SEEDED_SHIPMENTS, ParcelScenario, Sandbox};
use metapack_shipping::paperwork::write_documents;
use metapack_shipping::types::{ManifestRequest, PaperworkFormat, ShippingRules};
use metapack_shipping::{Allocation, PaperworkOptions, ShippingClient};
use metapack_tests::gb_consignment;
use metapack_tracking::types::{
    AcceptLanguage, Customer, Delivery, DeliveryEvent, Order, ParcelJourney,
    PostAllocationEventCode, PreAllocationEventCode, Recipient,
};
use metapack_tracking::{Credentials, Environment, JourneyQuery, TrackingClient};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// What the shipping half hands to the tracking half.
struct Shipped {
    consignment_code: String,
    tracking_identifier: String,
}

/// The sandbox scenario of the tour's recipient postcode.
const SCENARIO: ParcelScenario = ParcelScenario::FailedFirstAttempt;

#[tokio::main]
async fn main() -> Result<()> {
    let sandbox = Sandbox::start().await?;
    println!(
        "sandbox: delivery options at {}",
        sandbox.delivery_options().url()
    );
    println!("sandbox: shipping API at {}", sandbox.shipping().url());
    println!("sandbox: tracking API at {}", sandbox.tracking().url());

    let booking = checkout(&sandbox).await?;
    let shipped = ship(&sandbox, &booking).await?;
    manager(&sandbox).await?;
    track(&sandbox, &shipped).await?;
    Ok(())
}

async fn checkout(sandbox: &Sandbox) -> Result<BookingCode> {
    let options = DeliveryOptionsClient::builder()
        .credentials(Credentials::api_key(sandbox.delivery_options().key()))
        .environment(Environment::custom(sandbox.delivery_options().url())?)
        .user_agent_suffix("tour/1.0")
        .build()?;

    println!("\n1. Checkout: delivery options from WH-LONDON to M1 1AA");
    let request = FindOptions::new(
        Warehouse::code("WH-LONDON"),
        Destination::postcode("GBR", "M1 1AA"),
    );
    let found = options.find(&request).await?;
    for option in found.options() {
        let kind = option
            .option_type
            .as_ref()
            .map_or_else(|| "?".into(), ToString::to_string);
        let name = option
            .store_name
            .as_deref()
            .or(option.carrier_service_name.as_deref());
        let delivery = option
            .earliest_delivery()
            .map(|d| d.format("%a %d %b").to_string());
        println!(
            "   {kind:<9} {:<32} {:>5.2} GBP  {}",
            name.unwrap_or("?"),
            option.shipping_charge.unwrap_or_default(),
            delivery.as_deref().unwrap_or("?"),
        );
    }
    let chosen = found.home().next().ok_or("no home delivery option")?;
    let booking = chosen
        .booking_code()
        .ok_or("the option has no booking code")?;
    println!("   the shopper picks home delivery: booking code {booking}");
    Ok(booking)
}

async fn ship(sandbox: &Sandbox, booking: &BookingCode) -> Result<Shipped> {
    let (username, password) = sandbox.shipping().credentials();
    let shipping = ShippingClient::builder()
        .credentials(Credentials::basic(username, password))
        .environment(Environment::custom(sandbox.shipping().url())?)
        .user_agent_suffix("tour/1.0")
        .build()?;
    let mut request = gb_consignment("ORDER-1001", 1);
    if let Some(recipient) = request.consignment.recipient.as_mut() {
        recipient.post_code = Some(SCENARIO.postcode().into());
    }

    println!("\n2. Shipping: a consignment from WH-LONDON to Manchester");
    let created = shipping.create_consignment(&request).await?;
    let code = created
        .consignment_code()
        .ok_or("no consignment code")?
        .to_owned();
    println!(
        "   created {code}: {}",
        status_of(&created.lifecycle_status().cloned())
    );

    println!("   rates, cheapest first:");
    for rate in shipping.get_rates(&request).await?.iter() {
        let service = rate.carrier_service_code().unwrap_or("?");
        let costs = rate.shipping_costs.as_ref();
        let total: f64 = costs
            .map(|c| c.values().filter_map(|m| m.amount).sum())
            .unwrap_or(0.0);
        println!("     {service:<12} {total:>6.2} GBP");
    }

    let rules = ShippingRules {
        carrier_services: Some(vec![booking.to_string()]),
        ..ShippingRules::default()
    };
    let allocation = shipping.allocate_consignment(&code, &rules).await?;
    let Allocation::Allocated(allocated) = allocation else {
        return Err("no carrier service fits the consignment".into());
    };
    let consignment = allocated.consignment.unwrap_or_default();
    let carrier_service = consignment
        .delivery_information
        .as_ref()
        .and_then(|d| d.service.as_ref())
        .and_then(|s| s.carrier_service.clone())
        .unwrap_or_default();
    let carrier = carrier_service.carrier.clone().unwrap_or_default();
    let tracking_identifier = consignment
        .parcel_tracking_identifiers()
        .first()
        .map(|t| t.to_string())
        .ok_or("no tracking identifier")?;
    println!(
        "   allocated to {} ({}), parcel tracking {tracking_identifier}",
        carrier_service.name.as_deref().unwrap_or("?"),
        carrier.name.as_deref().unwrap_or("?"),
    );

    let options = PaperworkOptions::new().format(PaperworkFormat::Pdf);
    let labels = shipping
        .get_consignment_paperwork(&code, &options)
        .await?
        .documents()?;
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."));
    let folder = workspace.join("target/tour/labels");
    for file in write_documents(&folder, &code, &labels)? {
        println!("   label written: {}", file.display());
    }

    shipping.set_ready_to_ship(&code, true).await?;
    let manifest = shipping
        .create_manifest(&ManifestRequest {
            carrier_code: carrier.code.clone(),
            shipping_location_code: Some("WH-LONDON".into()),
            ..ManifestRequest::default()
        })
        .await?;
    let manifest_code = manifest.manifest_code.ok_or("no manifest code")?;
    let manifest_documents = shipping
        .get_manifest_paperwork(&manifest_code)
        .await?
        .documents()?;
    let status = shipping
        .get_consignment(&code)
        .await?
        .lifecycle_status()
        .cloned();
    println!(
        "   manifest {manifest_code}: {} document(s); consignment is {}",
        manifest_documents.len(),
        status_of(&status)
    );

    Ok(Shipped {
        consignment_code: code,
        tracking_identifier,
    })
}

async fn manager(sandbox: &Sandbox) -> Result<()> {
    let (id, secret) = sandbox.mm_api().client_credentials();
    let credentials = ClientCredentials::new(sandbox.mm_api().url(), id, secret)?;
    let mm = MmApiClient::builder()
        .host(sandbox.mm_api().url())
        .data_host(sandbox.mm_api().data_url())
        .client_credentials(credentials)
        .user_agent_suffix("tour/1.0")
        .build()?;

    println!(
        "\n3. MetaPack Manager API ({})",
        mm.version().content_type()
    );
    let shipment_id: uuid::Uuid = MM_API_SEEDED_SHIPMENTS[0].parse()?;
    let uri = ShipmentUri::for_uuid(mm.host(), shipment_id);
    let allocation = mm.allocate(&AllocationRequest::shipment_uri(uri)).await?;
    println!(
        "   allocated shipment {shipment_id}: {}",
        allocation.uri.as_str()
    );
    let service = allocation
        .consignment
        .delivery_promise
        .as_ref()
        .and_then(|promise| promise.logistics_service.as_ref())
        .and_then(|uri| uri.id())
        .ok_or("the consignment names no logistics service")?;
    let service_info = mm.get_logistics_service(service).await?;
    println!(
        "   logistics service {service}: {}",
        service_info.name.as_deref().unwrap_or("?")
    );
    let labels = allocation.consignment.label_urls();
    if labels.is_empty() {
        return Err("the consignment has no label".into());
    }
    for label in labels {
        let document = mm.get_document(label, &DocumentParams::default()).await?;
        if !document.bytes.starts_with(b"%PDF-") {
            return Err("the label is not a PDF".into());
        }
        println!(
            "   label: {} bytes of {}",
            document.bytes.len(),
            document.media_type.as_deref().unwrap_or("?")
        );
    }
    mm.patch_consignment_status(
        &allocation.uri,
        AcceptableConsignmentStatus::ReadyToManifest,
    )
    .await?;
    let closed = mm
        .close_consignment_list(&ConsignmentList {
            list_type: Some(ConsignmentListType::CloseList),
            consignments: Some(vec![allocation.uri.clone()]),
            ..ConsignmentList::default()
        })
        .await?;
    println!("   ready to manifest, list closed: {}", closed.uri.as_str());
    Ok(())
}

fn status_of(status: &Option<metapack_shipping::Status>) -> String {
    status
        .as_ref()
        .map_or_else(|| "?".into(), ToString::to_string)
}

async fn track(sandbox: &Sandbox, shipped: &Shipped) -> Result<()> {
    let (username, password) = sandbox.tracking().credentials();
    let tracking = TrackingClient::builder()
        .credentials(Credentials::basic(username, password))
        .environment(Environment::custom(sandbox.tracking().url())?)
        .user_agent_suffix("tour/1.0")
        .build()?;
    let hours = chrono::TimeDelta::hours;

    let order = Order {
        order_ref: Some("ORDER-1001".into()),
        order_date: Some(sandbox.now() - hours(3)),
        customer: Some(Customer {
            customer_ref: Some("CUST-42".into()),
            email: Some("ann@example.com".into()),
            name: Some("Ann Smith".into()),
            ..Customer::default()
        }),
        ..Order::default()
    };
    let recipient = Recipient {
        name: Some("Ann Smith".into()),
        post_code: Some(SCENARIO.postcode().into()),
        country_code: Some("GB".into()),
        time_zone: Some("Europe/London".into()),
        ..Recipient::default()
    };

    println!("\n4. Tracking, before allocation: the delivery and the shop's events");
    tracking
        .upsert_delivery(&Delivery {
            delivery_ref: shipped.consignment_code.clone(),
            order: Some(order),
            recipient: Some(recipient),
            collection: None,
            delivery: None,
            sender: None,
        })
        .await?;
    for (code, ago) in [
        (PreAllocationEventCode::OrderAccepted, 3),
        (PreAllocationEventCode::ReadyForPacking, 1),
    ] {
        tracking
            .add_delivery_event(&DeliveryEvent {
                delivery_ref: shipped.consignment_code.clone(),
                event_code: code.clone(),
                event_date: sandbox.now() - hours(ago),
                event_source: Some("STORE".into()),
                event_time_zone: "Europe/London".into(),
                event_location: None,
            })
            .await?;
        println!("   published {code}");
    }

    let query = JourneyQuery::order("ORDER-1001").language(AcceptLanguage::EnGb);
    println!(
        "\n5. Tracking, after allocation and manifest: the sandbox published the parcel \
         (postcode {}: {})",
        SCENARIO.postcode(),
        SCENARIO.description()
    );
    show(&tracking.parcel_journeys(&query).await?);

    println!("\n6. 29 hours later on the sandbox clock: the carrier's events");
    sandbox.advance_clock(std::time::Duration::from_secs(29 * 3600));
    show(&tracking.parcel_journeys(&query).await?);

    println!("\n7. The shopper arranges a redelivery: a simulated carrier event");
    sandbox.simulate_parcel_event(
        &shipped.tracking_identifier,
        &PostAllocationEventCode::DeliveryArrangedWithRecipient,
        None,
    )?;
    println!("\n8. The next day");
    sandbox.advance_clock(std::time::Duration::from_secs(24 * 3600));
    let journeys = tracking.parcel_journeys(&query).await?;
    show(&journeys);
    if !journeys.iter().any(|journey| journey.is_delivered()) {
        return Err("the sandbox assembled no delivered journey".into());
    }

    println!("\n9. Errors are typed: a wrong password");
    let intruder = TrackingClient::builder()
        .credentials(Credentials::basic(username, "wrong"))
        .environment(Environment::custom(sandbox.tracking().url())?)
        .build()?;
    match intruder
        .parcel_journeys(&JourneyQuery::order("ORDER-1001"))
        .await
    {
        Err(e) if e.status() == Some(401) => println!("   {e} (category {:?})", e.category()),
        Err(e) => return Err(format!("expected a 401, got {e}").into()),
        Ok(_) => return Err("a wrong password was accepted".into()),
    }
    Ok(())
}

/// Prints each journey's parcels and events.
fn show(journeys: &[ParcelJourney]) {
    for journey in journeys {
        for leg in journey.delivery_legs.iter().flatten() {
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
}
