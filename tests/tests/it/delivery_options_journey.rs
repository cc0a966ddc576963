//! A shopper's checkout, as a new user of `metapack-delivery-options` writes it, against the
//! local sandbox: search every option type for an order, pick the cheapest overall and per
//! type, and handle a search that breaks a rule by matching its typed `FindError` from `find`.

use metapack_delivery_options::{
    Credentials, DeliveryOption, DeliveryOptionsClient, Destination, Environment, Error, FindError,
    FindOptions, FindResponse, OptionType, Parcel, Warehouse,
};
use metapack_sandbox::Sandbox;

/// The selection rule `cheapest` documents, written out independently: the lowest charge
/// (known before missing), then the lowest cost, then the first in response order.
fn expected_cheapest<'a>(
    options: impl Iterator<Item = &'a DeliveryOption>,
) -> Option<&'a DeliveryOption> {
    let key = |o: &DeliveryOption| {
        (
            o.shipping_charge.unwrap_or(f64::INFINITY),
            o.shipping_cost.unwrap_or(f64::INFINITY),
        )
    };
    let mut best: Option<&DeliveryOption> = None;
    for option in options {
        if best.is_none_or(|b| key(option) < key(b)) {
            best = Some(option);
        }
    }
    best
}

fn service(option: Option<&DeliveryOption>) -> Option<&str> {
    option?.carrier_service_code.as_deref()
}

#[tokio::test]
async fn checkout_journey_against_the_sandbox() -> Result<(), Error> {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = DeliveryOptionsClient::builder()
        .environment(Environment::custom(sandbox.delivery_options().url())?)
        .credentials(Credentials::api_key(sandbox.delivery_options().key()))
        .build()?;

    // Every option type for one parcel, from the London warehouse to a London address.
    let order = FindOptions::new(
        Warehouse::code("WH-LONDON"),
        Destination::postcode("GBR", "EC1R 4PF"),
    )
    .parcels([Parcel::new().weight(1.2).dimensions(10.0, 20.0, 30.0)]);
    let found: FindResponse = client.find(&order).await?;
    assert!(found.home().count() >= 2, "HOME options: {found:?}");
    assert!(found.pudo().count() >= 2, "PUDO options: {found:?}");
    assert!(
        found.own_stores().count() >= 1,
        "OWNSTORE options: {found:?}"
    );

    // Cheapest overall: across every type, so the free click-and-collect store wins.
    let cheapest = found.cheapest().expect("a cheapest option");
    assert_eq!(cheapest.option_type, Some(OptionType::Ownstore));
    assert_eq!(cheapest.shipping_charge, Some(0.0));
    assert!(std::ptr::eq(
        cheapest,
        expected_cheapest(found.options().iter()).expect("options")
    ));

    // Cheapest per type, each by the same rule within its type.
    for option_type in [OptionType::Home, OptionType::Pudo, OptionType::Ownstore] {
        let chosen = found
            .cheapest_of(option_type.clone())
            .unwrap_or_else(|| panic!("a cheapest {option_type:?} option"));
        assert_eq!(chosen.option_type.as_ref(), Some(&option_type));
        let expected = expected_cheapest(found.by_type(option_type.clone())).expect("options");
        assert!(std::ptr::eq(chosen, expected), "{option_type:?}");
    }
    // The sandbox's default catalogue: Sandbox Post 48 is the cheapest home delivery (2.99),
    // every pick-up point charges 1.99 and costs 2.95, so the first one returned wins the tie.
    let home = found.cheapest_of(OptionType::Home);
    assert_eq!(service(home), Some("SBXPOST48"));
    assert_eq!(home.and_then(|o| o.shipping_charge), Some(2.99));
    let pudo = found.cheapest_of(OptionType::Pudo).expect("PUDO");
    assert_eq!(pudo.shipping_charge, Some(1.99));
    assert!(std::ptr::eq(pudo, found.pudo().next().expect("PUDO")));
    assert_eq!(
        service(found.cheapest_of(OptionType::Ownstore)),
        Some("SBXCLICK")
    );
    assert_eq!(found.cheapest_of(OptionType::Other("LOCKER".into())), None);

    // A broken rule: the second parcel has no depth. `find` refuses it before sending, and the
    // error keeps the typed FindError, naming the parcel.
    let sent_before = sandbox.requests().len();
    assert!(
        sent_before >= 1,
        "the sandbox logs the searches it received"
    );
    let broken = order.clone().parcels([
        Parcel::new().weight(1.2).dimensions(10.0, 20.0, 30.0),
        Parcel::new().weight(0.8).height(5.0).width(10.0),
    ]);
    let err = client.find(&broken).await.expect_err("refused");
    match FindError::from_error(&err) {
        Some(FindError::ParcelMeasurementMissing {
            parcel,
            parcels,
            parameter,
        }) => assert_eq!((*parcel, *parcels, *parameter), (2, 2, "parcelDepth")),
        other => panic!("expected ParcelMeasurementMissing, got {other:?} from {err:?}"),
    }
    assert_eq!(
        err.to_string(),
        "invalid request: parcel 2 of 2 has no depth (parcelDepth) but another parcel has one: \
         give every parcel a depth, or none, since parcelDepth holds one value per parcel"
    );
    assert!(matches!(
        &err,
        Error::InvalidRequest { field: Some(field), .. } if field == "parcelDepth"
    ));
    assert!(!err.may_have_reached_server());

    // A negative weight names the parcel and the measurement.
    let negative = order
        .clone()
        .parcels([Parcel::new().weight(1.0), Parcel::new().weight(-0.5)]);
    let err = client.find(&negative).await.expect_err("refused");
    assert_eq!(
        FindError::from_error(&err),
        Some(&FindError::InvalidParcelMeasurement {
            parcel: 2,
            parameter: "parcelWeight",
            value: -0.5,
        })
    );
    assert_eq!(
        err.to_string(),
        "invalid request: parcel 2: its weight (parcelWeight) must be a finite number of at least 0 (got -0.5)"
    );

    // SKUs are given parcel by parcel too.
    let skus = FindOptions::home(
        Warehouse::code("WH-LONDON"),
        Destination::postcode("GBR", "EC1R 4PF"),
    )
    .skus(vec![vec!["SKU-1"], vec!["SKU-2;SKU-3"]]);
    let err = client.find(&skus).await.expect_err("refused");
    assert_eq!(
        FindError::from_error(&err),
        Some(&FindError::SeparatorInSku {
            parcel: 2,
            separator: ';',
            sku: "SKU-2;SKU-3".into(),
        })
    );
    assert_eq!(sandbox.requests().len(), sent_before, "nothing was sent");

    // An answer of the API is no FindError: a wrong key is a 401.
    let intruder = DeliveryOptionsClient::builder()
        .environment(Environment::custom(sandbox.delivery_options().url())?)
        .credentials(Credentials::api_key("00000000-0000-4000-8000-000000000000"))
        .build()?;
    let err = intruder.find(&order).await.expect_err("401");
    assert_eq!(err.status(), Some(401));
    assert_eq!(FindError::from_error(&err), None);
    Ok(())
}
