//! A tour of metapack-rs against the embedded sandbox: `cargo run --example tour`.
//!
//! It starts `metapack-sandbox` in-process on a loopback port and follows one parcel through
//! its life, dated by the sandbox clock (which starts at the current time):
//! 1. **Checkout**: the delivery options for the shopper's address; the shopper picks one.
//! 2. **Order**: the consignment is created (unallocated); the shop publishes the delivery and
//!    its first events to Tracking.
//! 3. **Despatch**: rates, allocation to the chosen option's booking code, labels (written to
//!    `target/tour/labels/`, replaced on every run), ready to ship, manifest.
//! 4. **Tracking**: the allocation published the parcel; the recipient postcode is a sandbox
//!    scenario (the first delivery attempt fails). Moving the sandbox clock brings the
//!    carrier's events, a simulated event records the redelivery the shopper arranges, and the
//!    journey ends delivered.
//! 5. **Errors**: a 409 that says what to do, and a wrong password.
//! 6. **MetaPack Manager API**: the same steps (allocation, label, manifest list) for accounts
//!    on MetaPack Manager.
//!
//! It ends with where to go next.

use std::path::{Path, PathBuf};

use chrono::TimeDelta;
use metapack_delivery_options::{
    BookingCode, DeliveryOptionsClient, Destination, FindOptions, Warehouse,
};
use metapack_mm_api::model::{ConsignmentList, DocumentParams};
use metapack_mm_api::uri::ShipmentUri;
use metapack_mm_api::values::{AcceptableConsignmentStatus, ConsignmentListType};
use metapack_mm_api::{AllocationRequest, ClientCredentials, MmApiClient};
use metapack_sandbox::{MM_API_SEEDED_SHIPMENTS, ParcelScenario, Sandbox};
use metapack_shipping::types::{PaperworkFormat, ShippingRules};
use metapack_shipping::{
    AddressBuilder, Allocation, ConsignmentBuilder, ItemBuilder, ManifestBuilder, PaperworkOptions,
    ParcelBuilder, ShippingClient, paperwork,
};
use metapack_tracking::build::{
    CustomerBuilder, DeliveryBuilder, DeliveryEventBuilder, OrderBuilder, RecipientBuilder,
};
use metapack_tracking::types::{AcceptLanguage, ParcelJourney};
use metapack_tracking::{
    Credentials, Environment, JourneyQuery, PostAllocationEventCode, PreAllocationEventCode,
    TrackingClient,
};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The sandbox scenario of the tour's recipient postcode.
const SCENARIO: ParcelScenario = ParcelScenario::FailedFirstAttempt;
/// The shop's order reference, on the consignment and in Tracking.
const ORDER_REF: &str = "ORDER-1001";

/// The three clients of the tour, on the sandbox's URLs and credentials.
struct Clients {
    options: DeliveryOptionsClient,
    shipping: ShippingClient,
    tracking: TrackingClient,
}

impl Clients {
    /// Clients pointed at the sandbox: each handle sets the URL and credentials; in
    /// production, `ShippingClient::builder().credentials(..).environment(Environment::Production)`.
    fn new(sandbox: &Sandbox) -> Result<Self> {
        Ok(Self {
            options: sandbox
                .delivery_options()
                .client_builder()?
                .user_agent_suffix("tour/1.0")
                .build()?,
            shipping: sandbox
                .shipping()
                .client_builder()?
                .user_agent_suffix("tour/1.0")
                .build()?,
            tracking: sandbox
                .tracking()
                .client_builder()?
                .user_agent_suffix("tour/1.0")
                .build()?,
        })
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let sandbox = Sandbox::start().await?;
    println!(
        "sandbox at {} (clock: {})",
        sandbox.base_url(),
        sandbox.now().format("%a %d %b %Y %H:%M UTC")
    );
    let clients = Clients::new(&sandbox)?;

    let booking = checkout(&clients).await?;
    let code = order(&sandbox, &clients).await?;
    let tracking_number = despatch(&clients, &code, &booking).await?;
    track(&sandbox, &clients, &tracking_number).await?;
    errors(&sandbox, &clients).await?;
    manager(&sandbox).await?;
    next_steps();
    Ok(())
}

async fn checkout(clients: &Clients) -> Result<BookingCode> {
    println!("\n1. Checkout: delivery options from WH-LONDON to M1 1AA");
    let request = FindOptions::new(
        Warehouse::code("WH-LONDON"),
        Destination::postcode("GBR", "M1 1AA"),
    );
    let found = clients.options.find(&request).await?;
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

/// The consignment of the tour: one parcel with one mug, from the London warehouse to the
/// scenario postcode in Manchester.
fn consignment() -> ConsignmentBuilder {
    let recipient = AddressBuilder::new()
        .name("Ann Smith")
        .email("ann@example.com")
        .phone("+44 161 000 0000")
        .line1("1 High Street")
        .city("Manchester")
        .post_code(SCENARIO.postcode())
        .country("GBR");
    let mug = ItemBuilder::new()
        .description("Mug")
        .value(15.0, "GBP")
        .origin_country("GBR");
    let parcel = ParcelBuilder::new()
        .weight_kg(1.5)
        .dimensions_cm(10.0, 20.0, 30.0)
        .value(15.0, "GBP")
        .item(mug);
    ConsignmentBuilder::new()
        .sender_location("WH-LONDON")
        .recipient(recipient)
        .parcel(parcel)
        .order_ref(ORDER_REF)
}

async fn order(sandbox: &Sandbox, clients: &Clients) -> Result<String> {
    println!("\n2. Order {ORDER_REF}: the consignment, and the delivery published to Tracking");
    let created = clients
        .shipping
        .create_consignment(&consignment().build()?)
        .await?;
    let code = created.code().to_owned();
    println!(
        "   consignment {code}: {}",
        status_of(created.lifecycle_status())
    );

    // Tracking knows a delivery by its consignment code; the shop's own events come first.
    let now = sandbox.now();
    let order = OrderBuilder::new()
        .order_ref(ORDER_REF)
        .order_date(now - TimeDelta::hours(3))
        .customer(
            CustomerBuilder::new()
                .customer_ref("CUST-42")
                .email("ann@example.com")
                .name("Ann Smith"),
        );
    let recipient = RecipientBuilder::new()
        .name("Ann Smith")
        .post_code(SCENARIO.postcode())
        .country_code("GB")
        .time_zone("Europe/London");
    let delivery = DeliveryBuilder::new()
        .delivery_ref(&code)
        .order(order)
        .recipient(recipient)
        .build()?;
    clients.tracking.upsert_delivery(&delivery).await?;
    for (event_code, hours_ago) in [
        (PreAllocationEventCode::OrderAccepted, 3),
        (PreAllocationEventCode::ReadyForPacking, 1),
    ] {
        let event = DeliveryEventBuilder::new()
            .delivery_ref(&code)
            .event_code(event_code.clone())
            .event_date(now - TimeDelta::hours(hours_ago))
            .event_time_zone("Europe/London")
            .event_source("STORE")
            .build()?;
        clients.tracking.add_delivery_event(&event).await?;
        println!("   published {event_code}");
    }
    Ok(code)
}

async fn despatch(clients: &Clients, code: &str, booking: &BookingCode) -> Result<String> {
    let shipping = &clients.shipping;
    println!("\n3. Despatch: rates, allocation to the booking code, labels, manifest");
    println!("   rates, cheapest first:");
    for rate in shipping.get_rates(&consignment().build()?).await?.iter() {
        let service = rate.carrier_service_code().unwrap_or("?");
        let total: f64 = rate
            .shipping_costs
            .iter()
            .flat_map(|costs| costs.values())
            .filter_map(|money| money.amount)
            .sum();
        println!("     {service:<12} {total:>6.2} GBP");
    }

    let rules = ShippingRules::carrier_service(booking.to_string());
    let allocation = shipping.allocate_consignment(code, &rules).await?;
    if let Allocation::NoServiceAvailable = allocation {
        return Err("no carrier service fits the consignment".into());
    }
    let tracking_number = allocation
        .tracking_number()
        .ok_or("no tracking number")?
        .to_owned();
    println!(
        "   allocated to {} ({}), parcel tracking {tracking_number}",
        allocation
            .carrier_service()
            .and_then(|s| s.name.as_deref())
            .unwrap_or("?"),
        allocation
            .carrier()
            .and_then(|c| c.name.as_deref())
            .unwrap_or("?"),
    );

    let options = PaperworkOptions::new().format(PaperworkFormat::Pdf);
    let labels = shipping
        .get_consignment_paperwork(code, &options)
        .await?
        .label_documents()?;
    let folder = labels_folder()?;
    for file in paperwork::write_documents(&folder, code, &labels)? {
        println!("   label written: {}", file.display());
    }

    shipping.set_ready_to_ship(code, true).await?;
    let carrier = allocation.carrier_code().ok_or("no carrier")?;
    let manifest = ManifestBuilder::new()
        .carrier(carrier)
        .shipping_location("WH-LONDON")
        .build()?;
    let manifest = shipping.create_manifest(&manifest).await?;
    let manifest_code = manifest.manifest_code.ok_or("no manifest code")?;
    let documents = shipping
        .get_manifest_paperwork(&manifest_code)
        .await?
        .documents()?;
    let status = shipping.get_consignment(code).await?;
    println!(
        "   manifest {manifest_code}: {} document(s); consignment is {}",
        documents.len(),
        status_of(status.lifecycle_status())
    );
    Ok(tracking_number)
}

/// `target/tour/labels`, emptied so each run shows only its own labels.
fn labels_folder() -> Result<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."));
    let folder = workspace.join("target/tour/labels");
    match std::fs::remove_dir_all(&folder) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
        _ => {}
    }
    Ok(folder)
}

fn status_of(status: Option<&metapack_shipping::Status>) -> String {
    status.map_or_else(|| "?".into(), ToString::to_string)
}

async fn track(sandbox: &Sandbox, clients: &Clients, tracking_number: &str) -> Result<()> {
    let tracking = &clients.tracking;
    let query = JourneyQuery::order(ORDER_REF).language(AcceptLanguage::EnGb);
    println!(
        "\n4. Tracking: the allocation published the parcel (postcode {}: {})",
        SCENARIO.postcode(),
        SCENARIO.description()
    );
    show(&tracking.parcel_journeys(&query).await?);

    println!("\n   29 hours later on the sandbox clock: the carrier's events");
    sandbox.advance_clock(std::time::Duration::from_secs(29 * 3600));
    show(&tracking.parcel_journeys(&query).await?);

    println!("\n   the shopper arranges a redelivery (a simulated carrier event); the next day:");
    sandbox.simulate_parcel_event(
        tracking_number,
        &PostAllocationEventCode::DeliveryArrangedWithRecipient,
        None,
    )?;
    sandbox.advance_clock(std::time::Duration::from_secs(24 * 3600));
    let journeys = tracking.parcel_journeys(&query).await?;
    show(&journeys);
    if !journeys.iter().any(ParcelJourney::is_delivered) {
        return Err("the sandbox assembled no delivered journey".into());
    }
    Ok(())
}

/// Prints each journey's parcel, its events and where it stands.
fn show(journeys: &[ParcelJourney]) {
    for journey in journeys {
        println!(
            "   parcel {} with {}",
            journey.tracking_number().unwrap_or("?"),
            journey.carrier_name().unwrap_or("?"),
        );
        for event in journey.events_in_order() {
            let when = event
                .event_date
                .map(|d| d.format("%a %d %b %H:%M").to_string());
            let code = event.event_code.as_ref().map(ToString::to_string);
            println!(
                "     {:<16} {}",
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

async fn errors(sandbox: &Sandbox, clients: &Clients) -> Result<()> {
    println!("\n5. Errors say what happened and what to do");
    let unallocated = clients
        .shipping
        .create_consignment(&consignment().order_ref("ORDER-1002").build()?)
        .await?;
    let options = PaperworkOptions::new().format(PaperworkFormat::Pdf);
    match clients
        .shipping
        .get_consignment_paperwork(unallocated.code(), &options)
        .await
    {
        Err(e) if e.status() == Some(409) => println!("   {e}"),
        Err(e) => return Err(format!("expected a 409, got {e}").into()),
        Ok(_) => return Err("labels of an unallocated consignment".into()),
    }
    let (username, _) = sandbox.tracking().credentials();
    let intruder = TrackingClient::builder()
        .credentials(Credentials::basic(username, "wrong"))
        .environment(Environment::custom(sandbox.tracking().url())?)
        .build()?;
    match intruder
        .parcel_journeys(&JourneyQuery::order(ORDER_REF))
        .await
    {
        Err(e) if e.status() == Some(401) => println!("   {e}"),
        Err(e) => return Err(format!("expected a 401, got {e}").into()),
        Ok(_) => return Err("a wrong password was accepted".into()),
    }
    Ok(())
}

async fn manager(sandbox: &Sandbox) -> Result<()> {
    // For accounts on MetaPack Manager: a shipment the sandbox holds, allocated by its URI.
    let (id, secret) = sandbox.mm_api().client_credentials();
    let credentials = ClientCredentials::new(id, secret);
    let mm = MmApiClient::builder()
        .host(sandbox.mm_api().url())
        .data_host(sandbox.mm_api().data_url())
        .client_credentials(credentials)
        .user_agent_suffix("tour/1.0")
        .build()?;

    println!(
        "\n6. MetaPack Manager API ({}): allocation, label, manifest list",
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

fn next_steps() {
    println!("\nNext steps");
    println!(
        "   - the README: a Cargo.toml snippet, the Shipping and Tracking examples, production setup"
    );
    println!(
        "   - crate docs: cargo doc --open -p metapack-shipping (each front page runs against the sandbox)"
    );
    println!(
        "   - your own tests: metapack_sandbox::Sandbox::start().await, scenarios, clock and faults"
    );
    println!("   - the sandbox as a server for other languages: cargo run -p metapack-sandbox");
    println!(
        "   - production: .environment(Environment::Production) with your account's credentials"
    );
    println!("   - Metapack's hosted test environment: .environment(Environment::MetapackSandbox)");
}
