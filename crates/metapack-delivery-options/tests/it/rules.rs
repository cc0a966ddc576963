//! One test per documented rule of `GET /find`: a search that keeps the rule is accepted, one
//! that breaks it fails with exactly its `FindError` variant, and `find` turns that into
//! `Error::InvalidRequest` naming the parameter and keeping the `FindError`, without sending
//! anything.

use crate::common;

use chrono::NaiveDateTime;
use common::{client, home};
use httpmock::MockServer;
use metapack_delivery_options::types::OptionType;
use metapack_delivery_options::{
    Destination, Error, FindError, FindOptions, Parcel, ValidFind, Warehouse,
};

/// 5 April 2022 at `h`:00.
fn at(h: u32) -> NaiveDateTime {
    common::at(2022, 4, 5, h, 0, 0)
}

fn accepted(options: &FindOptions) -> ValidFind {
    options
        .build()
        .unwrap_or_else(|e| panic!("expected {options:?} to be accepted, got {e:?}: {e}"))
}

/// `build` fails with exactly `expected`; `find` fails with the matching `InvalidRequest`, and
/// no request reaches the server.
async fn rejected(options: FindOptions, expected: FindError) {
    assert_eq!(options.build(), Err(expected.clone()), "{options:?}");
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|_when, then| {
            then.status(200)
                .header("content-type", "application/json")
                .body("{}");
        })
        .await;

    let err = client(&server.base_url())
        .find(&options)
        .await
        .expect_err("rejected before sending");

    any.assert_calls_async(0).await;
    assert_eq!(FindError::from_error(&err), Some(&expected), "{err:?}");
    match err {
        Error::InvalidRequest { message, field, .. } => {
            assert_eq!(field.as_deref(), Some(expected.parameter()));
            assert_eq!(message, expected.to_string());
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

fn query_has(valid: &ValidFind, name: &str) -> bool {
    valid.query_pairs().iter().any(|(n, _)| *n == name)
}

#[tokio::test]
async fn wh_code_is_required() {
    accepted(&home());
    rejected(
        FindOptions::home(
            Warehouse::code(" "),
            Destination::postcode("GBR", "EC1R 4PF"),
        ),
        FindError::MissingWarehouseCode,
    )
    .await;
}

#[tokio::test]
async fn c_cc_is_required() {
    accepted(&FindOptions::home(
        Warehouse::code("WH1"),
        Destination::postcode("NLD", "1011 AB"),
    ));
    rejected(
        FindOptions::home(
            Warehouse::code("WH1"),
            Destination::postcode("", "EC1R 4PF"),
        ),
        FindError::MissingDeliveryCountry,
    )
    .await;
}

#[tokio::test]
async fn country_codes_have_three_letters() {
    accepted(&FindOptions::home(
        Warehouse::code("WH1").country("deu"),
        Destination::postcode("GBR", "EC1R 4PF"),
    ));
    rejected(
        FindOptions::home(
            Warehouse::code("WH1"),
            Destination::postcode("GB", "EC1R 4PF"),
        ),
        FindError::InvalidCountryCode {
            parameter: "c_cc",
            value: "GB".into(),
        },
    )
    .await;
    rejected(
        FindOptions::home(
            Warehouse::code("WH1").country("UK1"),
            Destination::postcode("GBR", "EC1R 4PF"),
        ),
        FindError::InvalidCountryCode {
            parameter: "wh_cc",
            value: "UK1".into(),
        },
    )
    .await;
}

#[tokio::test]
async fn the_destination_needs_a_postcode_or_coordinates() {
    let wh = || Warehouse::code("WH1");
    let by_postcode = accepted(&FindOptions::new(
        wh(),
        Destination::postcode("GBR", "L1 7AA"),
    ));
    assert!(query_has(&by_postcode, "c_pc") && !query_has(&by_postcode, "c_lat"));
    let by_point = accepted(&FindOptions::new(
        wh(),
        Destination::coordinates("GBR", 53.4, -2.9),
    ));
    assert!(!query_has(&by_point, "c_pc") && query_has(&by_point, "c_lat"));
    let both = accepted(&FindOptions::new(
        wh(),
        Destination::postcode("GBR", "L1 7AA").with_coordinates(53.4, -2.9),
    ));
    assert!(query_has(&both, "c_pc") && query_has(&both, "c_lat"));

    rejected(
        FindOptions::new(wh(), Destination::postcode("GBR", "  ")),
        FindError::MissingDeliveryLocation,
    )
    .await;
}

#[test]
fn c_lat_and_c_long_always_travel_together() {
    // The types offer no way to give one without the other: both or neither are sent.
    for options in [
        FindOptions::pudo_near(Warehouse::code("WH1"), "GBR", 51.5, -0.12, 1000),
        FindOptions::new(
            Warehouse::code("WH1"),
            Destination::coordinates("GBR", 0.0, 0.0),
        ),
        FindOptions::new(
            Warehouse::code("WH1"),
            Destination::postcode("GBR", "L1 7AA").with_coordinates(53.4, -2.9),
        ),
    ] {
        let valid = accepted(&options);
        assert!(query_has(&valid, "c_lat") && query_has(&valid, "c_long"));
    }
    let valid = accepted(&home());
    assert!(!query_has(&valid, "c_lat") && !query_has(&valid, "c_long"));
}

#[tokio::test]
async fn c_lat_is_between_minus_90_and_90() {
    for lat in [-90.0, 0.0, 90.0] {
        accepted(&FindOptions::pudo_near(
            Warehouse::code("WH1"),
            "GBR",
            lat,
            0.0,
            1000,
        ));
    }
    for lat in [90.5, -90.001, f64::INFINITY] {
        rejected(
            FindOptions::pudo_near(Warehouse::code("WH1"), "GBR", lat, 0.0, 1000),
            FindError::LatitudeOutOfRange { value: lat },
        )
        .await;
    }
    let nan = FindOptions::pudo_near(Warehouse::code("WH1"), "GBR", f64::NAN, 0.0, 1000);
    assert!(matches!(
        nan.build(),
        Err(FindError::LatitudeOutOfRange { value }) if value.is_nan()
    ));
}

#[tokio::test]
async fn c_long_is_between_minus_180_and_180() {
    for long in [-180.0, 180.0] {
        accepted(&FindOptions::pudo_near(
            Warehouse::code("WH1"),
            "GBR",
            0.0,
            long,
            1000,
        ));
    }
    for long in [180.01, -181.0, f64::NEG_INFINITY] {
        rejected(
            FindOptions::pudo_near(Warehouse::code("WH1"), "GBR", 0.0, long, 1000),
            FindError::LongitudeOutOfRange { value: long },
        )
        .await;
    }
}

#[tokio::test]
async fn radius_is_from_1_to_100000_metres() {
    accepted(&home().radius(1));
    accepted(&home().radius(100_000));
    for radius in [0, 100_001] {
        rejected(
            home().radius(radius),
            FindError::RadiusOutOfRange { value: radius },
        )
        .await;
    }
}

#[tokio::test]
async fn optional_texts_are_not_blank_once_set() {
    accepted(
        &FindOptions::home(
            Warehouse::code("WH1")
                .postcode("SL1 A23")
                .line1("Building 5"),
            Destination::postcode("GBR", "EC1R 4PF").line2("50 Bell Road"),
        )
        .custom(3, "x")
        .include_groups(["NEXT"]),
    );
    let cases = [
        (
            FindOptions::home(
                Warehouse::code("WH1").postcode(""),
                Destination::postcode("GBR", "EC1R 4PF"),
            ),
            "wh_pc",
        ),
        (
            FindOptions::home(
                Warehouse::code("WH1"),
                Destination::postcode("GBR", "EC1R 4PF").line2(" "),
            ),
            "c_l2",
        ),
        (
            FindOptions::new(
                Warehouse::code("WH1"),
                Destination::coordinates("GBR", 51.5, 0.1).with_postcode(""),
            ),
            "c_pc",
        ),
        (home().custom(3, ""), "custom3"),
        (home().include_groups(["NEXT", " "]), "incgrp"),
        (home().hazmat_codes([""]), "hazmat_codes"),
    ];
    for (options, parameter) in cases {
        rejected(options, FindError::BlankValue { parameter }).await;
    }
}

#[tokio::test]
async fn lists_hold_at_least_one_value() {
    // Every option type is asked for by leaving optionType out, not by sending it empty.
    let all = accepted(&home().all_option_types());
    assert!(!query_has(&all, "optionType"));
    let none: [&str; 0] = [];
    let cases = [
        (home().option_types([]), "optionType"),
        (home().include_groups(none), "incgrp"),
        (home().exclude_groups(none), "excgrp"),
        (home().hazmat_codes(none), "hazmat_codes"),
        (home().skus(Vec::<Vec<&str>>::new()), "skus"),
    ];
    for (options, parameter) in cases {
        rejected(options, FindError::EmptyList { parameter }).await;
    }
}

#[tokio::test]
async fn list_values_contain_no_separator() {
    let valid = accepted(
        &home()
            .include_groups(["A-B", "C D"])
            .skus(vec![vec!["x-1"]]),
    );
    assert!(
        valid
            .query_pairs()
            .contains(&("incgrp", "A-B,C D".to_owned()))
    );
    let cases = [
        (home().include_groups(["A,B"]), "incgrp", ',', "A,B"),
        (
            home().exclude_groups(["RETURNS", "X,Y"]),
            "excgrp",
            ',',
            "X,Y",
        ),
        (
            home().hazmat_codes(["1090,1091"]),
            "hazmat_codes",
            ',',
            "1090,1091",
        ),
        (
            home().option_types([OptionType::Other("HOME,PUDO".into())]),
            "optionType",
            ',',
            "HOME,PUDO",
        ),
    ];
    for (options, parameter, separator, value) in cases {
        rejected(
            options,
            FindError::SeparatorInValue {
                parameter,
                separator,
                value: value.into(),
            },
        )
        .await;
    }
}

#[tokio::test]
async fn numbers_are_finite_and_not_negative() {
    accepted(
        &home()
            .total_weight(0.0)
            .heaviest_parcel_weight(0.0)
            .consignment_value(0.0, "EUR")
            .cash_on_delivery(0.0, "EUR"),
    );
    accepted(&home().parcels([Parcel::new().weight(0.0).dimensions(0.0, 0.0, 0.0)]));
    let cases = [
        (home().total_weight(-1.0), "e_w", -1.0),
        (
            home().heaviest_parcel_weight(f64::INFINITY),
            "e_maxweight",
            f64::INFINITY,
        ),
        // e_v travels as a 32-bit float, which cannot hold 1e40.
        (home().consignment_value(1e40, "EUR"), "e_v", 1e40),
        (home().cash_on_delivery(-0.5, "EUR"), "cod_amount", -0.5),
    ];
    for (options, parameter, value) in cases {
        rejected(options, FindError::InvalidNumber { parameter, value }).await;
    }
}

#[tokio::test]
async fn currencies_have_three_letters() {
    accepted(
        &home()
            .consignment_value(10.0, "EUR")
            .cash_on_delivery(5.0, "gbp"),
    );
    rejected(
        home().consignment_value(10.0, "EURO"),
        FindError::InvalidCurrencyCode {
            parameter: "e_v_currency",
            value: "EURO".into(),
        },
    )
    .await;
    rejected(
        home().cash_on_delivery(5.0, "€"),
        FindError::InvalidCurrencyCode {
            parameter: "cod_currency",
            value: "€".into(),
        },
    )
    .await;
}

#[tokio::test]
async fn skus_exclude_the_parcel_estimates_and_details() {
    let skus = || home().skus(vec![vec!["x", "y"], vec!["z"]]);
    let valid = accepted(&skus().consignment_value(10.0, "EUR").hazmat_codes(["1090"]));
    assert!(valid.query_pairs().contains(&("skus", "x,y;z".to_owned())));
    let cases = [
        (skus().largest_dimension(12), "e_maxdim"),
        (skus().heaviest_parcel_weight(3.0), "e_maxweight"),
        (skus().parcel_count(2), "e_n"),
        (skus().total_weight(1.0), "e_w"),
        (
            skus().parcels([Parcel::new().dimensions(1.0, 2.0, 3.0)]),
            "parcelHeight",
        ),
        (skus().parcels([Parcel::new().weight(1.0)]), "parcelWeight"),
        (skus().parcels([Parcel::new()]), "e_n"),
    ];
    for (options, conflicting) in cases {
        rejected(
            options,
            FindError::SkusWithConsignmentDetails { conflicting },
        )
        .await;
    }
}

#[tokio::test]
async fn parcel_count_is_at_least_one() {
    accepted(&home().parcel_count(1));
    rejected(home().parcel_count(0), FindError::ZeroParcelCount).await;
    rejected(home().parcels([]), FindError::ZeroParcelCount).await;
}

#[tokio::test]
async fn each_parcel_list_holds_exactly_e_n_values() {
    let two = || {
        [
            Parcel::new().weight(1.0).dimensions(10.0, 20.0, 30.0),
            Parcel::new().weight(2.0).dimensions(11.0, 21.0, 31.0),
        ]
    };
    let valid = accepted(&home().parcels(two()));
    let pairs = valid.query_pairs();
    assert!(pairs.contains(&("e_n", "2".to_owned())));
    assert!(pairs.contains(&("parcelWeight", "1.0,2.0".to_owned())));
    assert!(pairs.contains(&("parcelHeight", "10.0,11.0".to_owned())));
    assert!(pairs.contains(&("parcelWidth", "20.0,21.0".to_owned())));
    assert!(pairs.contains(&("parcelDepth", "30.0,31.0".to_owned())));
    accepted(&home().parcels(two()).parcel_count(2));
    // Weights only: only parcelWeight is sent.
    let weights = accepted(&home().parcels([Parcel::new().weight(1.0), Parcel::new().weight(2.0)]));
    assert!(!query_has(&weights, "parcelHeight"));

    rejected(
        home().parcels(two()).parcel_count(3),
        FindError::ParcelCountMismatch {
            parcel_count: 3,
            parcels: 2,
        },
    )
    .await;
    // Parcels without measurements still have to agree with parcel_count.
    accepted(
        &home()
            .parcels([Parcel::new(), Parcel::new()])
            .parcel_count(2),
    );
    rejected(
        home()
            .parcels([Parcel::new(), Parcel::new()])
            .parcel_count(5),
        FindError::ParcelCountMismatch {
            parcel_count: 5,
            parcels: 2,
        },
    )
    .await;
    rejected(
        home().parcels([
            Parcel::new().weight(1.0).height(5.0),
            Parcel::new().weight(2.0),
        ]),
        FindError::ParcelMeasurementMissing {
            parcel: 2,
            parcels: 2,
            parameter: "parcelHeight",
        },
    )
    .await;
}

#[tokio::test]
async fn parcel_measurements_are_finite_and_not_negative() {
    let cases = [
        (
            home().parcels([Parcel::new().weight(1.0), Parcel::new().weight(-2.0)]),
            2,
            "parcelWeight",
            -2.0,
        ),
        (
            home().parcels([Parcel::new().dimensions(1.0, f64::INFINITY, 1.0)]),
            1,
            "parcelWidth",
            f64::INFINITY,
        ),
    ];
    for (options, parcel, parameter, value) in cases {
        rejected(
            options,
            FindError::InvalidParcelMeasurement {
                parcel,
                parameter,
                value,
            },
        )
        .await;
    }
}

#[tokio::test]
async fn each_parcel_of_skus_holds_sku_codes() {
    rejected(
        home().skus(vec![vec!["x"], vec![]]),
        FindError::EmptyParcelSkus { parcel: 2 },
    )
    .await;
    rejected(
        home().skus(vec![vec!["x", ""]]),
        FindError::BlankSku { parcel: 1 },
    )
    .await;
    for (sku, separator) in [("x;y", ';'), ("x,y", ',')] {
        rejected(
            home().skus(vec![vec!["a"], vec!["b", sku]]),
            FindError::SeparatorInSku {
                parcel: 2,
                separator,
                sku: sku.into(),
            },
        )
        .await;
    }
}

/// Every rule about a parcel names it, counting from 1, and its `parcel*` parameter.
#[test]
fn parcel_messages_name_the_parcel() {
    let message = |options: FindOptions| options.build().expect_err("refused").to_string();
    assert_eq!(
        message(home().parcels([
            Parcel::new().weight(1.0).dimensions(10.0, 20.0, 30.0),
            Parcel::new().weight(1.0).height(10.0).width(20.0),
            Parcel::new().weight(1.0),
        ])),
        "parcel 2 of 3 has no depth (parcelDepth) but another parcel has one: give every parcel a depth, or none, since parcelDepth holds one value per parcel"
    );
    assert_eq!(
        message(home().parcels([Parcel::new().weight(1.0), Parcel::new().weight(-2.0)])),
        "parcel 2: its weight (parcelWeight) must be a finite number of at least 0 (got -2)"
    );
    assert_eq!(
        message(home().skus(vec![vec!["x"], vec![]])),
        "skus: parcel 2 has no SKU: give every parcel at least one SKU (skus holds the SKUs parcel by parcel)"
    );
    assert_eq!(
        message(home().skus(vec![vec!["x", " "]])),
        "skus: parcel 1 has a blank SKU: give each SKU its code"
    );
    assert_eq!(
        message(home().skus(vec![vec!["x"], vec!["y;z"]])),
        "skus: SKU \"y;z\" of parcel 2 cannot contain ';', since skus separates the SKUs of a parcel with ',' and the parcels with ';'"
    );
}

#[tokio::test]
async fn parcel_details_need_consignment_level_details_false() {
    let valid = accepted(&home().parcels([Parcel::new().weight(1.0)]));
    assert!(
        valid
            .query_pairs()
            .contains(&("consignmentLevelDetailsFlag", "false".to_owned()))
    );
    accepted(
        &home()
            .parcels([Parcel::new().weight(1.0)])
            .consignment_level_details(false),
    );
    let consignment_level = accepted(&home().consignment_level_details(true));
    assert!(
        consignment_level
            .query_pairs()
            .contains(&("consignmentLevelDetailsFlag", "true".to_owned()))
    );
    rejected(
        home()
            .parcels([Parcel::new().weight(1.0)])
            .consignment_level_details(true),
        FindError::ParcelDetailsAtConsignmentLevel,
    )
    .await;
}

#[tokio::test]
async fn heaviest_parcel_does_not_exceed_the_total_weight() {
    accepted(&home().total_weight(4.0).heaviest_parcel_weight(4.0));
    // 0 leaves the heaviest parcel out of the search: nothing to check.
    accepted(&home().heaviest_parcel_weight(0.0));
    rejected(
        home().total_weight(4.0).heaviest_parcel_weight(5.0),
        FindError::HeaviestParcelAboveTotalWeight {
            heaviest: 5.0,
            total: 4.0,
        },
    )
    .await;
    // Without e_w, Metapack's default total of 0.01 applies.
    rejected(
        home().heaviest_parcel_weight(3.0),
        FindError::HeaviestParcelAboveTotalWeight {
            heaviest: 3.0,
            total: 0.01,
        },
    )
    .await;
}

#[tokio::test]
async fn heaviest_parcel_weighs_at_least_the_average() {
    // The docs' example: 40 over 5 parcels with a heaviest of 20.
    accepted(
        &home()
            .total_weight(40.0)
            .parcel_count(5)
            .heaviest_parcel_weight(20.0),
    );
    accepted(
        &home()
            .total_weight(40.0)
            .parcel_count(5)
            .heaviest_parcel_weight(8.0),
    );
    // e_w / e_n that a 32-bit float cannot hold exactly still passes at the boundary.
    accepted(
        &home()
            .total_weight(40.0)
            .parcel_count(3)
            .heaviest_parcel_weight(40.0 / 3.0),
    );
    rejected(
        home()
            .total_weight(40.0)
            .parcel_count(5)
            .heaviest_parcel_weight(7.0),
        FindError::HeaviestParcelBelowAverage {
            heaviest: 7.0,
            average: 8.0,
        },
    )
    .await;
    // e_n defaults to 1: the only parcel is the heaviest.
    rejected(
        home().total_weight(4.0).heaviest_parcel_weight(2.0),
        FindError::HeaviestParcelBelowAverage {
            heaviest: 2.0,
            average: 4.0,
        },
    )
    .await;
}

#[tokio::test]
async fn limit_is_at_least_one() {
    accepted(&home().limit(1));
    rejected(home().limit(0), FindError::LimitBelowOne).await;
}

#[tokio::test]
async fn limit_is_not_allowed_with_own_stores() {
    accepted(&home().limit(10));
    accepted(
        &home()
            .option_types([OptionType::Home, OptionType::Pudo])
            .limit(10),
    );
    // Explicitly, among other types, or implied by omitting optionType (every type).
    for options in [
        home().option_types([OptionType::Ownstore]),
        home().option_types([OptionType::Pudo, OptionType::Ownstore]),
        home().all_option_types(),
    ] {
        rejected(options.limit(10), FindError::LimitWithOwnStores).await;
    }
}

#[tokio::test]
async fn limit_is_not_allowed_with_minown_or_maxown() {
    accepted(
        &home()
            .option_types([OptionType::Ownstore])
            .own_stores(1, 10),
    );
    rejected(
        home().own_stores(2, None).limit(5),
        FindError::LimitWithOwnStoreCounts,
    )
    .await;
    rejected(
        home().own_stores(None, 10).limit(5),
        FindError::LimitWithOwnStoreCounts,
    )
    .await;
}

#[tokio::test]
async fn minown_is_from_1_to_20() {
    accepted(&home().own_stores(1, None));
    accepted(&home().own_stores(20, None));
    for min in [0, 21] {
        rejected(
            home().own_stores(min, None),
            FindError::MinOwnOutOfRange { value: min },
        )
        .await;
    }
}

#[tokio::test]
async fn maxown_is_from_1_to_50() {
    accepted(&home().own_stores(None, 1));
    accepted(&home().own_stores(None, 50));
    for max in [0, 51] {
        rejected(
            home().own_stores(None, max),
            FindError::MaxOwnOutOfRange { value: max },
        )
        .await;
    }
}

#[tokio::test]
async fn minown_does_not_exceed_maxown() {
    accepted(&home().own_stores(5, 5));
    rejected(
        home().own_stores(5, 4),
        FindError::MinOwnAboveMaxOwn { min: 5, max: 4 },
    )
    .await;
}

#[tokio::test]
async fn slots_start_no_later_than_they_end() {
    let valid = accepted(
        &home()
            .delivery_slot(at(9), at(9))
            .collection_slot(at(8), at(18)),
    );
    let pairs = valid.query_pairs();
    // Exactly two timestamps, as the docs write them.
    assert!(pairs.contains(&(
        "acceptableDeliverySlots",
        "2022-04-05 09:00:00,2022-04-05 09:00:00".to_owned()
    )));
    assert!(pairs.contains(&(
        "acceptableCollectionSlots",
        "2022-04-05 08:00:00,2022-04-05 18:00:00".to_owned()
    )));
    rejected(
        home().delivery_slot(at(18), at(8)),
        FindError::SlotOutOfOrder {
            parameter: "acceptableDeliverySlots",
            from: at(18),
            to: at(8),
        },
    )
    .await;
    rejected(
        home().collection_slot(at(10), at(9)),
        FindError::SlotOutOfOrder {
            parameter: "acceptableCollectionSlots",
            from: at(10),
            to: at(9),
        },
    )
    .await;
}

#[tokio::test]
async fn at_most_ten_custom_parameters() {
    let mut all = home();
    for n in 1..=10u8 {
        all = all.custom(n, format!("v{n}"));
    }
    let valid = accepted(&all);
    let customs = valid
        .query_pairs()
        .into_iter()
        .filter(|(n, _)| n.starts_with("custom"))
        .count();
    assert_eq!(customs, 10);
    // Setting an index again replaces its value.
    let replaced = accepted(&home().custom(1, "a").custom(1, "b"));
    assert!(
        replaced
            .query_pairs()
            .contains(&("custom1", "b".to_owned()))
    );
    for index in [0, 11] {
        rejected(
            home().custom(index, "x"),
            FindError::CustomIndexOutOfRange { index },
        )
        .await;
    }
}

#[test]
fn every_rule_says_what_to_fix() {
    let err = FindError::LimitWithOwnStores;
    assert_eq!(err.parameter(), "limit");
    assert!(err.to_string().contains("OWNSTORE"), "{err}");
    let core: Error = FindError::RadiusOutOfRange { value: 0 }.into();
    assert_eq!(
        core.to_string(),
        "invalid request: radius must be between 1 and 100000 metres (got 0)"
    );
    assert!(!core.is_retryable());
}
