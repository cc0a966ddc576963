//! The Delivery Options client end to end against the embedded sandbox, and the booking code
//! of the chosen option handed to a Shipping consignment.

use metapack_delivery_options::{
    Credentials, DeliveryOptionsClient, Destination, FindOptions, OptionType, Warehouse,
};
use metapack_sandbox::Sandbox;
use metapack_shipping::types::ShippingRules;
use metapack_shipping::{Allocation, ShippingClient};
use metapack_tests::gb_consignment;

fn options_client(sandbox: &Sandbox, key: &str) -> DeliveryOptionsClient {
    sandbox
        .delivery_options()
        .client_builder()
        .expect("loopback URL")
        .credentials(Credentials::api_key(key))
        .build()
        .expect("client builds")
}

fn shipping_client(sandbox: &Sandbox) -> ShippingClient {
    sandbox.shipping().client().expect("client builds")
}

#[tokio::test]
async fn home_pudo_and_store_options_for_an_address() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = options_client(&sandbox, sandbox.delivery_options().key());
    let warehouse = Warehouse::code("WH-LONDON");

    let all = FindOptions::new(warehouse.clone(), Destination::postcode("GBR", "EC1R 4PF"));
    let found = client.find(&all).await.expect("find");
    assert!(found.home().count() >= 2, "HOME options");
    assert!(found.pudo().count() >= 1, "PUDO options");
    assert!(found.own_stores().count() >= 1, "own-store options");
    let cheapest = found.cheapest().expect("a cheapest option");
    let charges: Vec<f64> = found
        .options()
        .iter()
        .filter_map(|o| o.shipping_charge)
        .collect();
    let lowest = charges.iter().copied().fold(f64::INFINITY, f64::min);
    assert_eq!(cheapest.shipping_charge, Some(lowest));

    // PUDO points near coordinates, within the radius, nearest information included.
    let near = FindOptions::pudo_near(warehouse, "GBR", 51.5246, -0.1100, 1000);
    let found = client.find(&near).await.expect("find");
    assert!(!found.options().is_empty());
    for option in found.options() {
        assert_eq!(option.option_type, Some(OptionType::Pudo));
        let metres = option.distance_metres().expect("a distance");
        assert!(metres <= 1000.0, "{metres} m is outside the radius");
        assert!(option.store_id.is_some() && option.lat.is_some());
    }

    // A wrong key is a typed 401.
    let intruder = options_client(&sandbox, "00000000-0000-4000-8000-000000000000");
    let err = intruder.find(&all).await.expect_err("401");
    assert_eq!(err.status(), Some(401));
}

#[tokio::test]
async fn the_chosen_booking_code_allocates_the_consignment() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let options = options_client(&sandbox, sandbox.delivery_options().key());
    let shipping = shipping_client(&sandbox);

    let request = FindOptions::home(
        Warehouse::code("WH-LONDON"),
        Destination::postcode("GBR", "M1 1AA"),
    );
    let found = options.find(&request).await.expect("find");
    let chosen = found.home().last().expect("a HOME option");
    let booking = chosen.booking_code().expect("a booking code");
    assert_eq!(
        Some(booking.service()),
        chosen.carrier_service_code.as_deref()
    );

    let created = shipping
        .create_consignment(&gb_consignment("ORDER-DO-1", 1))
        .await;
    let code = created
        .expect("create")
        .consignment_code()
        .expect("code")
        .to_owned();
    let rules = ShippingRules {
        carrier_services: Some(vec![booking.to_string()]),
        ..ShippingRules::default()
    };
    let Allocation::Allocated(allocated) = shipping
        .allocate_consignment(&code, &rules)
        .await
        .expect("allocate")
    else {
        panic!("the booked service should fit");
    };
    let consignment = allocated.consignment.expect("consignment");
    assert_eq!(consignment.carrier_service_code(), Some(booking.service()));
}
