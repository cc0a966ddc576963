//! The Delivery Options API of the sandbox, over loopback HTTP with a plain `reqwest` client.
//!
//! Every search runs on the default catalogue with its clock frozen on Monday 2030-01-07
//! 10:00 UTC: collection is from Tuesday 2030-01-08, next-day services deliver on Wednesday
//! 2030-01-09 and two-day services on Thursday 2030-01-10.

use crate::common::http;
use chrono::{DateTime, TimeZone, Utc, Weekday};
use metapack_sandbox::{
    DEFAULT_DELIVERY_OPTIONS_KEY, DeliveryOptionsCatalogue, DeliveryService, PickupLocation,
    Sandbox,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Monday 2030-01-07 10:00 UTC.
fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 7, 10, 0, 0)
        .single()
        .expect("a valid instant")
}

/// The warehouse, country and postcode every search starts from.
const BASE: [(&str, &str); 3] = [
    ("wh_code", "WH-LONDON"),
    ("c_cc", "GBR"),
    ("c_pc", "EC1R 4PF"),
];

/// A started sandbox and a client.
struct Fixture {
    sandbox: Sandbox,
    http: reqwest::Client,
}

impl Fixture {
    /// The default catalogue, frozen on [`monday`].
    async fn new() -> Self {
        Self::with(DeliveryOptionsCatalogue::default().fixed_now(monday())).await
    }

    async fn with(catalogue: DeliveryOptionsCatalogue) -> Self {
        let sandbox = Sandbox::builder()
            .delivery_options_catalogue(catalogue)
            .start()
            .await
            .expect("sandbox starts");
        Self {
            sandbox,
            http: http(),
        }
    }

    fn find_url(&self) -> String {
        format!("{}/find", self.sandbox.delivery_options().url())
    }

    /// `GET /find` with these parameters and the sandbox's key (no `BASE`).
    async fn raw(&self, query: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .get(self.find_url())
            .query(query)
            .query(&[("key", self.sandbox.delivery_options().key())])
            .send()
            .await
            .expect("request sent")
    }

    /// `GET /find` with `BASE`, these parameters and the key: 200, the body.
    async fn find(&self, query: &[(&str, &str)]) -> Value {
        let mut all = BASE.to_vec();
        all.extend_from_slice(query);
        let response = self.raw(&all).await;
        let status = response.status();
        let body: Value = response.json().await.expect("a JSON body");
        assert_eq!(status, StatusCode::OK, "{query:?}: {body}");
        body
    }

    /// The results of [`Fixture::find`].
    async fn results(&self, query: &[(&str, &str)]) -> Vec<Value> {
        let body = self.find(query).await;
        body["results"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| panic!("results: {body}"))
    }
}

/// Each result as `SERVICE` (HOME) or `SERVICE@STORE` (PUDO, OWNSTORE).
fn ids(results: &[Value]) -> Vec<String> {
    results
        .iter()
        .map(|r| {
            let service = r["carrierServiceCode"].as_str().unwrap_or("?");
            match r["storeId"].as_str() {
                Some(store) => format!("{service}@{store}"),
                None => service.to_owned(),
            }
        })
        .collect()
}

/// Asserts the spec's error body with this status and code; returns its message.
async fn expect_error(response: reqwest::Response, status: StatusCode, code: &str) -> String {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.expect("a JSON error body");
    let keys: Vec<&str> = body
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(keys, ["errorCode", "message", "traceId"], "{body}");
    assert_eq!(body["errorCode"], code, "{body}");
    body["message"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_default_search_finds_home_pudo_and_own_store_options() {
    let f = Fixture::new().await;
    let body = f.find(&[]).await;
    let results = body["results"].as_array().cloned().unwrap_or_default();
    // The default order: the lowest cost first (1.50, 2.95, 3.50, 4.95, 7.95), nearest first
    // at equal cost. Within the default 1000 m: STORE-001 (578 m), PUDO-0001 (184 m) and
    // PUDO-0002 (992 m).
    assert_eq!(
        ids(&results),
        [
            "SBXCLICK@STORE-001",
            "SBXPUDO@PUDO-0001",
            "SBXPUDO@PUDO-0002",
            "SBXPOST48",
            "SBXPOST24",
            "SBXEXPNDAY",
        ]
    );

    let home = &results[4];
    assert_eq!(
        *home,
        json!({
            "optionType": "HOME",
            "bookingCode": "SBXPOST24/2030-01-09/*-*/*-*",
            "carrierServiceCode": "SBXPOST24",
            "carrierServiceName": "Sandbox Post 24",
            "carrierCode": "SBXPOST",
            "fullName": "Sandbox Post 24",
            "groupCodes": ["NEXTDAY", "STANDARD"],
            "shippingCost": 4.95,
            "shippingCharge": 3.99,
            "collection": {"from": "2030-01-08T09:00:00Z", "to": "2030-01-08T17:00:00Z"},
            "delivery": {"from": "2030-01-09T08:00:00Z", "to": "2030-01-09T18:00:00Z"},
            "countryCode": "GBR"
        })
    );

    let pudo = &results[1];
    assert_eq!(
        *pudo,
        json!({
            "optionType": "PUDO",
            "bookingCode": "SBXPUDO/2030-01-10/*-*/*-*/PUDO-0001",
            "carrierServiceCode": "SBXPUDO",
            "carrierServiceName": "Sandbox Post Pick-up Point",
            "carrierCode": "SBXPOST",
            "fullName": "Sandbox Post Pick-up Point",
            "groupCodes": ["PUDO"],
            "shippingCost": 2.95,
            "shippingCharge": 1.99,
            "collection": {"from": "2030-01-08T09:00:00Z", "to": "2030-01-08T17:00:00Z"},
            "delivery": {"from": "2030-01-10T12:00:00Z", "to": "2030-01-10T20:00:00Z"},
            "countryCode": "GBR",
            "storeId": "PUDO-0001",
            "storeName": "Exmouth News",
            "address": "Exmouth News, 12 Exmouth Market, London",
            "postcode": "EC1R 4QE",
            "lat": 51.5262,
            "long": -0.1093,
            "distance": {"unit": "m", "value": 184.0},
            "telephoneNumber": "+44 20 7946 0101",
            "description": "Newsagent; parcels are kept behind the counter for 7 days.",
            "photoUrls": ["https://photos.sandbox.invalid/locations/PUDO-0001.jpg"],
            "storeTimes": {
                "monday": ["07:00-21:00"],
                "tuesday": ["07:00-21:00"],
                "wednesday": ["07:00-21:00"],
                "thursday": ["07:00-21:00"],
                "friday": ["07:00-21:00"],
                "saturday": ["07:00-21:00"],
                "sunday": ["09:00-17:00"]
            }
        })
    );

    let store = &results[0];
    assert_eq!(store["optionType"], "OWNSTORE");
    assert_eq!(
        store["bookingCode"],
        "SBXCLICK/2030-01-09/*-*/*-*/STORE-001"
    );
    assert_eq!(store["fullName"], "Sandbox Stores Click & Collect");
    assert_eq!(store["carrierCode"], "SBXSTORES");
    assert_eq!(store["shippingCost"], 1.5);
    assert_eq!(store["shippingCharge"], 0.0);
    assert_eq!(store["distance"], json!({"unit": "m", "value": 578.0}));
    assert_eq!(store["delivery"]["to"], "2030-01-09T17:30:00Z");
    assert_eq!(store["storeTimes"]["sunday"], json!(["11:00-17:00"]));
    assert_eq!(store["postcode"], "EC1M 6DR");
    for field in [
        "storeName",
        "address",
        "telephoneNumber",
        "description",
        "photoUrls",
    ] {
        assert!(!store[field].is_null(), "{field}: {store}");
    }
}

#[tokio::test]
async fn option_type_filters_the_delivery_types() {
    let f = Fixture::new().await;
    let types = |results: &[Value]| -> Vec<String> {
        let mut types: Vec<String> = results
            .iter()
            .map(|r| r["optionType"].as_str().unwrap_or_default().to_owned())
            .collect();
        types.dedup();
        types
    };
    let pudo = f.results(&[("optionType", "PUDO")]).await;
    assert_eq!(ids(&pudo), ["SBXPUDO@PUDO-0001", "SBXPUDO@PUDO-0002"]);
    let home_and_stores = f.results(&[("optionType", "HOME,OWNSTORE")]).await;
    assert_eq!(types(&home_and_stores), ["OWNSTORE", "HOME"]);
    // Several values may also come as repeated parameters, in any letter case.
    let repeated = f
        .results(&[("optionType", "home"), ("optionType", "OwnStore")])
        .await;
    assert_eq!(ids(&repeated), ids(&home_and_stores));
    let home = f.results(&[("optionType", "HOME")]).await;
    assert_eq!(ids(&home), ["SBXPOST48", "SBXPOST24", "SBXEXPNDAY"]);
    assert!(home.iter().all(|r| r.get("storeId").is_none()));
}

#[tokio::test]
async fn limit_keeps_the_first_results() {
    let f = Fixture::new().await;
    let two = f
        .results(&[("optionType", "HOME,PUDO"), ("limit", "2")])
        .await;
    assert_eq!(ids(&two), ["SBXPUDO@PUDO-0001", "SBXPUDO@PUDO-0002"]);
    let earliest = f
        .results(&[("optionType", "HOME"), ("r_t", "lsd"), ("limit", "1")])
        .await;
    assert_eq!(ids(&earliest), ["SBXEXPNDAY"]);
    let more_than_there_are = f.results(&[("optionType", "HOME"), ("limit", "50")]).await;
    assert_eq!(more_than_there_are.len(), 3);
}

#[tokio::test]
async fn radius_keeps_locations_within_it() {
    let f = Fixture::new().await;
    // PUDO-0002 is 992 m from EC1R 4PF.
    let inside = f
        .results(&[("optionType", "PUDO"), ("radius", "992")])
        .await;
    assert_eq!(ids(&inside), ["SBXPUDO@PUDO-0001", "SBXPUDO@PUDO-0002"]);
    assert_eq!(inside[1]["distance"]["value"], 992.0);
    let outside = f
        .results(&[("optionType", "PUDO"), ("radius", "991")])
        .await;
    assert_eq!(ids(&outside), ["SBXPUDO@PUDO-0001"]);
    let wide = f
        .results(&[("optionType", "PUDO"), ("radius", "100000")])
        .await;
    assert_eq!(
        ids(&wide),
        [
            "SBXPUDO@PUDO-0001",
            "SBXPUDO@PUDO-0002",
            "SBXPUDO@PUDO-0003",
            "SBXPUDO@PUDO-0004",
        ]
    );

    // Coordinates win over the postcode for the PUDO search: at PUDO-0003 itself.
    let at_borough = f
        .results(&[
            ("optionType", "PUDO"),
            ("c_lat", "51.5055"),
            ("c_long", "-0.0910"),
            ("radius", "10"),
        ])
        .await;
    assert_eq!(ids(&at_borough), ["SBXPUDO@PUDO-0003"]);
    assert_eq!(at_borough[0]["distance"]["value"], 0.0);

    // Coordinates alone are enough; a location's own postcode is known too.
    let response = f
        .raw(&[
            ("wh_code", "WH-LONDON"),
            ("c_cc", "GBR"),
            ("c_lat", "51.5310"),
            ("c_long", "-0.1200"),
            ("optionType", "PUDO"),
            ("radius", "1"),
        ])
        .await;
    let body: Value = response.json().await.unwrap_or_default();
    assert_eq!(body["results"][0]["storeId"], "PUDO-0002");
    let by_postcode = f
        .raw(&[
            ("wh_code", "WH-LONDON"),
            ("c_cc", "GBR"),
            ("c_pc", "n19dx"),
            ("optionType", "PUDO"),
            ("radius", "1"),
        ])
        .await;
    let body: Value = by_postcode.json().await.unwrap_or_default();
    assert_eq!(body["results"][0]["storeId"], "PUDO-0002");
}

#[tokio::test]
async fn minown_goes_beyond_the_radius_and_maxown_caps_own_stores() {
    let f = Fixture::new().await;
    let stores = |results: &[Value]| -> Vec<String> {
        results
            .iter()
            .map(|r| r["storeId"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    // The nearest store is 578 m away.
    let none = f
        .results(&[("optionType", "OWNSTORE"), ("radius", "500")])
        .await;
    assert!(none.is_empty());
    let at_least_two = f
        .results(&[
            ("optionType", "OWNSTORE"),
            ("radius", "500"),
            ("minown", "2"),
        ])
        .await;
    assert_eq!(stores(&at_least_two), ["STORE-001", "STORE-002"]);
    assert_eq!(at_least_two[1]["distance"]["value"], 1669.0);
    let all = f
        .results(&[("optionType", "OWNSTORE"), ("radius", "100000")])
        .await;
    assert_eq!(stores(&all), ["STORE-001", "STORE-002", "STORE-003"]);
    let capped = f
        .results(&[
            ("optionType", "OWNSTORE"),
            ("radius", "100000"),
            ("maxown", "2"),
        ])
        .await;
    assert_eq!(stores(&capped), ["STORE-001", "STORE-002"]);
    // minown does not lift maxown.
    let both = f
        .results(&[
            ("optionType", "OWNSTORE"),
            ("radius", "1"),
            ("minown", "2"),
            ("maxown", "2"),
        ])
        .await;
    assert_eq!(stores(&both), ["STORE-001", "STORE-002"]);

    // From Manchester, minown still finds the nearest London store, ~260 km away.
    let response = f
        .raw(&[
            ("wh_code", "WH-MANCHESTER"),
            ("c_cc", "GBR"),
            ("c_pc", "M1 1AA"),
            ("optionType", "OWNSTORE,PUDO"),
            ("minown", "1"),
        ])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap_or_default();
    let results = body["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        results.len(),
        1,
        "no PUDO within 1000 m, one own store: {body}"
    );
    assert_eq!(results[0]["optionType"], "OWNSTORE");
    let distance = results[0]["distance"]["value"].as_f64().unwrap_or_default();
    assert!(distance > 200_000.0, "{distance}");
}

#[tokio::test]
async fn groups_are_included_and_excluded() {
    let f = Fixture::new().await;
    let next_day = f.results(&[("incgrp", "NEXTDAY")]).await;
    assert_eq!(ids(&next_day), ["SBXPOST24", "SBXEXPNDAY"]);
    let lower_case = f.results(&[("incgrp", "nextday,pudo")]).await;
    assert_eq!(
        ids(&lower_case),
        [
            "SBXPUDO@PUDO-0001",
            "SBXPUDO@PUDO-0002",
            "SBXPOST24",
            "SBXEXPNDAY"
        ]
    );
    let not_express = f
        .results(&[("incgrp", "NEXTDAY"), ("excgrp", "EXPRESS")])
        .await;
    assert_eq!(ids(&not_express), ["SBXPOST24"]);
    let excluded = f.results(&[("excgrp", "EXPRESS,PUDO,CLICKCOLLECT")]).await;
    assert_eq!(ids(&excluded), ["SBXPOST48", "SBXPOST24"]);
    let unknown = f.results(&[("incgrp", "RETURNS")]).await;
    assert!(unknown.is_empty());
}

#[tokio::test]
async fn slots_keep_options_whose_windows_overlap() {
    let f = Fixture::new().await;
    let home = [("optionType", "HOME")];
    // Wednesday only: the next-day services.
    let wednesday = f
        .results(&[
            home[0],
            (
                "acceptableDeliverySlots",
                "2030-01-09 00:00:00,2030-01-09 23:59:59",
            ),
        ])
        .await;
    assert_eq!(ids(&wednesday), ["SBXPOST24", "SBXEXPNDAY"]);
    // Saturday: Sandbox Express does not deliver on Saturdays; the others move to Saturday.
    let saturday = f
        .results(&[
            home[0],
            (
                "acceptableDeliverySlots",
                "2030-01-12 00:00:00,2030-01-12 23:59:59",
            ),
        ])
        .await;
    assert_eq!(ids(&saturday), ["SBXPOST48", "SBXPOST24"]);
    for option in &saturday {
        assert_eq!(option["delivery"]["from"], "2030-01-12T08:00:00Z");
        assert!(
            option["bookingCode"]
                .as_str()
                .unwrap_or_default()
                .contains("/2030-01-12/")
        );
    }
    // An afternoon window leaves out the before-noon service.
    let afternoon = f
        .results(&[
            home[0],
            (
                "acceptableDeliverySlots",
                "2030-01-09 13:00:00,2030-01-09 17:00:00",
            ),
        ])
        .await;
    assert_eq!(ids(&afternoon), ["SBXPOST24"]);
    // Collection on Thursday at the earliest: everything moves a few days on.
    let thursday = f
        .results(&[
            home[0],
            (
                "acceptableCollectionSlots",
                "2030-01-10 00:00:00,2030-01-10 23:59:59",
            ),
            ("r_t", "lsd"),
        ])
        .await;
    let deliveries: Vec<(&str, &str)> = thursday
        .iter()
        .map(|r| {
            (
                r["carrierServiceCode"].as_str().unwrap_or_default(),
                r["delivery"]["from"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        deliveries,
        [
            ("SBXEXPNDAY", "2030-01-11T07:00:00Z"),
            ("SBXPOST24", "2030-01-11T08:00:00Z"),
            ("SBXPOST48", "2030-01-12T08:00:00Z"),
        ]
    );
    assert!(
        thursday
            .iter()
            .all(|r| r["collection"]["from"] == "2030-01-10T09:00:00Z")
    );
    // A slot before anything can be delivered finds nothing.
    let too_soon = f
        .results(&[
            home[0],
            (
                "acceptableDeliverySlots",
                "2030-01-07 00:00:00,2030-01-08 23:59:59",
            ),
        ])
        .await;
    assert!(too_soon.is_empty());
}

#[tokio::test]
async fn r_t_orders_cheapest_or_earliest() {
    let f = Fixture::new().await;
    let home = ("optionType", "HOME");
    let cheapest = f.results(&[home, ("r_t", "lsc")]).await;
    assert_eq!(ids(&cheapest), ["SBXPOST48", "SBXPOST24", "SBXEXPNDAY"]);
    let costs: Vec<f64> = cheapest
        .iter()
        .map(|r| r["shippingCost"].as_f64().unwrap_or_default())
        .collect();
    assert_eq!(costs, [3.5, 4.95, 7.95]);
    let earliest = f.results(&[home, ("r_t", "lsd")]).await;
    assert_eq!(ids(&earliest), ["SBXEXPNDAY", "SBXPOST24", "SBXPOST48"]);
    let also_earliest = f.results(&[home, ("r_t", "lss")]).await;
    assert_eq!(ids(&also_earliest), ids(&earliest));
    // Grid: by delivery day, cheapest first within a day.
    let grid = f.results(&[home, ("r_t", "gsc")]).await;
    assert_eq!(ids(&grid), ["SBXPOST24", "SBXEXPNDAY", "SBXPOST48"]);
    // Omitted: the allocation order (lowest cost, earliest despatch, earliest delivery).
    let default = f.results(&[home]).await;
    assert_eq!(ids(&default), ids(&cheapest));

    // Groups: the cheapest option of each group, once per group it is in.
    let groups = f.results(&[("r_t", "lgg")]).await;
    let by_group: Vec<(String, String)> = groups
        .iter()
        .map(|r| {
            (
                r["groupCodes"][0].as_str().unwrap_or_default().to_owned(),
                ids(std::slice::from_ref(r))[0].clone(),
            )
        })
        .collect();
    let expected = [
        ("CLICKCOLLECT", "SBXCLICK@STORE-001"),
        ("PUDO", "SBXPUDO@PUDO-0001"),
        ("STANDARD", "SBXPOST48"),
        ("NEXTDAY", "SBXPOST24"),
        ("EXPRESS", "SBXEXPNDAY"),
    ]
    .map(|(g, id)| (g.to_owned(), id.to_owned()));
    assert_eq!(by_group, expected);
    assert!(
        groups
            .iter()
            .all(|r| r["groupCodes"].as_array().map(Vec::len) == Some(1))
    );
}

#[tokio::test]
async fn a_prioritised_service_comes_first_by_default() {
    let catalogue = DeliveryOptionsCatalogue::default()
        .fixed_now(monday())
        .service(
            DeliveryService::home("SBXPRIORITY", "Priority", "SBXEXPRESS")
                .group_codes(["PRIORITY"])
                .cost(12.0)
                .charge(9.99)
                .prioritised(true),
        );
    let f = Fixture::with(catalogue).await;
    let default = f.results(&[("optionType", "HOME")]).await;
    assert_eq!(
        ids(&default),
        ["SBXPRIORITY", "SBXPOST48", "SBXPOST24", "SBXEXPNDAY"]
    );
    assert_eq!(default[0]["fullName"], "Sandbox Express Priority");
    let cheapest = f.results(&[("optionType", "HOME"), ("r_t", "lsc")]).await;
    assert_eq!(
        ids(&cheapest).last().map(String::as_str),
        Some("SBXPRIORITY")
    );
}

#[tokio::test]
async fn parcels_must_fit_the_services() {
    let f = Fixture::new().await;
    // 25 kg: only Sandbox Express (30 kg) carries it.
    let heavy = f.results(&[("e_w", "25")]).await;
    assert_eq!(ids(&heavy), ["SBXEXPNDAY"]);
    // 30 lb (13.6 kg): too heavy for pick-up points (10 kg), fine for stores (15 kg).
    let pounds = f.results(&[("e_w", "30"), ("weight_unit", "lb")]).await;
    assert_eq!(
        ids(&pounds),
        ["SBXCLICK@STORE-001", "SBXPOST48", "SBXPOST24", "SBXEXPNDAY"]
    );
    // Two parcels: pick-up points take one; costs add the extra parcel.
    let two = f
        .results(&[("e_n", "2"), ("e_w", "4"), ("optionType", "HOME,PUDO")])
        .await;
    assert_eq!(ids(&two), ["SBXPOST48", "SBXPOST24", "SBXEXPNDAY"]);
    assert_eq!(two[0]["shippingCost"], 4.5);
    assert_eq!(two[2]["shippingCost"], 10.45);
    // Per-parcel details: a 70 cm parcel is too big for pick-up points (60 cm).
    let big = f
        .results(&[
            ("consignmentLevelDetailsFlag", "false"),
            ("parcelWeight", "2"),
            ("parcelHeight", "70"),
            ("parcelWidth", "30"),
            ("parcelDepth", "20"),
            ("optionType", "PUDO,OWNSTORE"),
        ])
        .await;
    assert_eq!(ids(&big), ["SBXCLICK@STORE-001"]);
    // e_maxdim in inches: 50 in = 127 cm, only Sandbox Express (150 cm).
    let inches = f
        .results(&[("e_maxdim", "50"), ("dimensions_unit", "IN")])
        .await;
    assert_eq!(ids(&inches), ["SBXEXPNDAY"]);
    // SKUs: one group per parcel.
    let skus = f
        .results(&[("skus", "A1,B2;C3"), ("optionType", "HOME,PUDO")])
        .await;
    assert_eq!(ids(&skus), ["SBXPOST48", "SBXPOST24", "SBXEXPNDAY"]);
}

#[tokio::test]
async fn countries_and_multi_country() {
    let f = Fixture::new().await;
    let france = f
        .raw(&[
            ("wh_code", "WH-LONDON"),
            ("c_cc", "FRA"),
            ("c_pc", "75001"),
            ("optionType", "HOME"),
        ])
        .await;
    let body: Value = france.json().await.unwrap_or_default();
    assert_eq!(body["results"], json!([]), "no service delivers to France");

    // Newry (GBR) and Dundalk (IRL), 20 km apart across the border.
    let catalogue = DeliveryOptionsCatalogue::empty()
        .fixed_now(monday())
        .service(DeliveryService::pudo("XPUDO", "Cross-border Pick-up", "XB"))
        .service(
            DeliveryService::home("XHOME", "Cross-border Home", "XB")
                .destination_countries(["IRL"]),
        )
        .location(PickupLocation::pudo(
            "NEWRY",
            "Newry Shop",
            54.1751,
            -6.3402,
        ))
        .location(
            PickupLocation::pudo("DUNDALK", "Dundalk Shop", 54.0037, -6.4047).country_code("IRL"),
        );
    let f = Fixture::with(catalogue).await;
    let near_newry = [
        ("wh_code", "ANY-WAREHOUSE"),
        ("c_cc", "GBR"),
        ("c_lat", "54.1751"),
        ("c_long", "-6.3402"),
        ("radius", "100000"),
    ];
    let found = |body: Value| -> Vec<(String, String)> {
        body["results"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|r| {
                (
                    ids(std::slice::from_ref(r))[0].clone(),
                    r["countryCode"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let alone: Value = f.raw(&near_newry).await.json().await.unwrap_or_default();
    assert_eq!(
        found(alone),
        [("XPUDO@NEWRY".to_owned(), "GBR".to_owned())],
        "XHOME delivers to IRL only"
    );
    let mut multi = near_newry.to_vec();
    multi.push(("multiCountry", "true"));
    let both: Value = f.raw(&multi).await.json().await.unwrap_or_default();
    assert_eq!(
        found(both),
        [
            ("XPUDO@NEWRY".to_owned(), "GBR".to_owned()),
            ("XPUDO@DUNDALK".to_owned(), "IRL".to_owned()),
        ]
    );
}

#[tokio::test]
async fn a_location_closed_on_the_delivery_day_gets_the_next_open_day() {
    // Every day, five days in transit: collected on Tuesday, delivered on Sunday.
    let catalogue = DeliveryOptionsCatalogue::default()
        .fixed_now(monday())
        .service(
            DeliveryService::pudo("SBX7DAY", "Seven Day Pick-up", "SBXPOST")
                .group_codes(["SEVENDAY"])
                .delivery_days([
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                    Weekday::Sat,
                    Weekday::Sun,
                ])
                .transit_days(5),
        );
    let f = Fixture::with(catalogue).await;
    let results = f
        .results(&[("incgrp", "SEVENDAY"), ("radius", "100000"), ("r_t", "lsd")])
        .await;
    let dates: Vec<(String, String)> = results
        .iter()
        .map(|r| {
            (
                r["storeId"].as_str().unwrap_or_default().to_owned(),
                r["delivery"]["from"].as_str().unwrap_or_default()[..10].to_owned(),
            )
        })
        .collect();
    let expected = [
        ("PUDO-0001", "2030-01-13"),
        ("PUDO-0002", "2030-01-13"),
        ("PUDO-0003", "2030-01-13"),
        ("PUDO-0004", "2030-01-14"),
    ]
    .map(|(s, d)| (s.to_owned(), d.to_owned()));
    assert_eq!(dates, expected, "the pharmacy is closed on Sundays");
}

#[tokio::test]
async fn a_home_booking_code_books_the_service_through_shipping() {
    let f = Fixture::new().await;
    let options = f.results(&[("optionType", "HOME"), ("r_t", "lsd")]).await;
    let booking_code = options[1]["bookingCode"].as_str().unwrap_or_default();
    assert_eq!(booking_code, "SBXPOST24/2030-01-09/*-*/*-*");
    let (username, password) = f.sandbox.shipping().credentials();
    let created: Value = f
        .http
        .post(format!("{}/consignments", f.sandbox.shipping().url()))
        .basic_auth(username, Some(password))
        .json(&json!({
            "consignment": {
                "sender": {"code": "WH-LONDON"},
                "recipient": {"countryCode": "GBR", "postCode": "EC1R 4PF"},
                "parcels": [{"weight": {"value": 1.2}}]
            },
            "shippingRules": {"carrierServices": [booking_code]}
        }))
        .send()
        .await
        .expect("request sent")
        .json()
        .await
        .expect("a JSON body");
    let service = &created["consignment"]["deliveryInformation"]["service"]["carrierService"];
    assert_eq!(service["code"], "SBXPOST24", "{created}");
}

#[tokio::test]
async fn the_header_echoes_every_parameter_but_the_key() {
    let f = Fixture::new().await;
    let body = f
        .find(&[
            ("optionType", "HOME,PUDO"),
            ("incgrp", "STANDARD"),
            ("incgrp", "PUDO"),
            ("c_l1", "Flat 5"),
            ("custom1", "gift"),
            (
                "acceptableDeliverySlots",
                "2030-01-09 00:00:00,2030-01-12 23:59:59",
            ),
        ])
        .await;
    let header = &body["header"];
    assert_eq!(
        header["inputParameters"],
        json!({
            "wh_code": ["WH-LONDON"],
            "c_cc": ["GBR"],
            "c_pc": ["EC1R 4PF"],
            "optionType": ["HOME", "PUDO"],
            "incgrp": ["STANDARD", "PUDO"],
            "c_l1": ["Flat 5"],
            "custom1": ["gift"],
            "acceptableDeliverySlots": ["2030-01-09 00:00:00", "2030-01-12 23:59:59"]
        })
    );
    assert_eq!(header["requestDate"], "2030-01-07T10:00:00Z");
    assert_eq!(header["responseDate"], "2030-01-07T10:00:00Z");
    let text = body.to_string();
    assert!(!text.contains(f.sandbox.delivery_options().key()), "{text}");
    assert!(!text.contains("\"key\""), "{text}");
}

#[tokio::test]
async fn the_trace_id_header_becomes_the_request_id() {
    let f = Fixture::new().await;
    let trace_id = "2bd19526-7abb-42b5-ad53-77c4d94af0df";
    let body: Value = f
        .http
        .get(f.find_url())
        .query(&BASE)
        .query(&[("key", f.sandbox.delivery_options().key())])
        .header("traceId", trace_id)
        .send()
        .await
        .expect("request sent")
        .json()
        .await
        .expect("a JSON body");
    assert_eq!(body["header"]["requestId"], trace_id);

    // Without one, each request gets a fresh UUID.
    let first = f.find(&[]).await["header"]["requestId"].clone();
    let second = f.find(&[]).await["header"]["requestId"].clone();
    assert_ne!(first, second);
    for id in [&first, &second] {
        assert!(
            uuid::Uuid::try_parse(id.as_str().unwrap_or_default()).is_ok(),
            "{id}"
        );
    }

    // Errors carry it as traceId.
    let response = f
        .http
        .get(f.find_url())
        .query(&[
            ("wh_code", "WH-LONDON"),
            ("key", f.sandbox.delivery_options().key()),
        ])
        .header("traceId", trace_id)
        .send()
        .await
        .expect("request sent");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: Value = response.json().await.unwrap_or_default();
    assert_eq!(error["traceId"], trace_id);

    // A trace id that is not a UUID is refused.
    let response = f
        .http
        .get(f.find_url())
        .query(&BASE)
        .query(&[("key", f.sandbox.delivery_options().key())])
        .header("traceId", "trace-me")
        .send()
        .await
        .expect("request sent");
    let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
    assert!(message.starts_with("traceId: "), "{message}");
}

#[tokio::test]
async fn a_missing_or_wrong_key_answers_401() {
    let f = Fixture::new().await;
    let wrong = "9f1c2e3d-4b5a-4c6d-8e7f-0a1b2c3d4e5f";
    let cases: [(&str, Vec<(&str, &str)>); 4] = [
        ("missing", vec![]),
        ("not a UUID", vec![("key", "sandbox")]),
        ("another UUID", vec![("key", wrong)]),
        (
            "twice",
            vec![
                ("key", DEFAULT_DELIVERY_OPTIONS_KEY),
                ("key", DEFAULT_DELIVERY_OPTIONS_KEY),
            ],
        ),
    ];
    for (case, key) in cases {
        let response = f
            .http
            .get(f.find_url())
            .query(&BASE)
            .query(&key)
            .send()
            .await
            .expect("request sent");
        assert!(response.headers().get("www-authenticate").is_none());
        let message = expect_error(response, StatusCode::UNAUTHORIZED, "PS-0401").await;
        assert!(message.starts_with("Unauthorized: "), "{case}: {message}");
        assert!(!message.contains(wrong), "{case}: the key is not echoed");
    }

    // The key is checked before anything else, on every path.
    let response = f.http.get(f.find_url()).send().await.expect("request sent");
    expect_error(response, StatusCode::UNAUTHORIZED, "PS-0401").await;
    let unknown = format!("{}/nowhere", f.sandbox.delivery_options().url());
    let response = f.http.get(&unknown).send().await.expect("request sent");
    expect_error(response, StatusCode::UNAUTHORIZED, "PS-0401").await;
    let key = [("key", f.sandbox.delivery_options().key())];
    let response = f.http.get(&unknown).query(&key).send().await.expect("sent");
    expect_error(response, StatusCode::NOT_FOUND, "PS-0404").await;
    let response = f
        .http
        .post(f.find_url())
        .query(&key)
        .send()
        .await
        .expect("sent");
    expect_error(response, StatusCode::METHOD_NOT_ALLOWED, "PS-0405").await;
}

#[tokio::test]
async fn a_configured_key_replaces_the_default() {
    let key = uuid::Uuid::from_u128(0x03b2_a318_bdf6_49a3_97c4_868a_e039_de04);
    let sandbox = Sandbox::builder()
        .delivery_options_key(key)
        .start()
        .await
        .expect("sandbox starts");
    assert_eq!(
        sandbox.delivery_options().key(),
        "03b2a318-bdf6-49a3-97c4-868ae039de04"
    );
    let client = http();
    let send = |key: String| {
        client
            .get(format!("{}/find", sandbox.delivery_options().url()))
            .query(&BASE)
            .query(&[("key", key)])
            .send()
    };
    let default = send(DEFAULT_DELIVERY_OPTIONS_KEY.to_owned())
        .await
        .expect("sent");
    assert_eq!(default.status(), StatusCode::UNAUTHORIZED);
    let configured = send(sandbox.delivery_options().key().to_owned())
        .await
        .expect("sent");
    assert_eq!(configured.status(), StatusCode::OK);
    // Any form of the same UUID is the same key.
    let upper_simple = send(key.simple().to_string().to_uppercase())
        .await
        .expect("sent");
    assert_eq!(upper_simple.status(), StatusCode::OK);
}

#[tokio::test]
async fn every_rule_answers_400_naming_the_parameter() {
    let f = Fixture::new().await;
    let without = |names: &[&str]| -> Vec<(&'static str, &'static str)> {
        BASE.iter()
            .copied()
            .filter(|(n, _)| !names.contains(n))
            .collect()
    };
    let with = |extra: &[(&'static str, &'static str)]| -> Vec<(&'static str, &'static str)> {
        let mut query = BASE.to_vec();
        query.extend_from_slice(extra);
        query
    };
    let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        // Required parameters and codes.
        ("wh_code", without(&["wh_code"])),
        (
            "wh_code",
            vec![
                ("wh_code", "WH-PARIS"),
                ("c_cc", "GBR"),
                ("c_pc", "EC1R 4PF"),
            ],
        ),
        ("wh_cc", with(&[("wh_cc", "UK")])),
        ("wh_cc", with(&[("wh_cc", "XKX")])),
        ("c_cc", without(&["c_cc"])),
        (
            "c_cc",
            vec![
                ("wh_code", "WH-LONDON"),
                ("c_cc", "GB"),
                ("c_pc", "EC1R 4PF"),
            ],
        ),
        // Where to.
        ("c_pc", without(&["c_pc"])),
        ("c_long", with(&[("c_lat", "51.5")])),
        ("c_lat", with(&[("c_long", "-0.1")])),
        ("c_lat", with(&[("c_lat", "90.5"), ("c_long", "0")])),
        ("c_long", with(&[("c_lat", "51.5"), ("c_long", "-180.01")])),
        ("c_lat", with(&[("c_lat", "north"), ("c_long", "0")])),
        ("c_lat", with(&[("c_lat", "NaN"), ("c_long", "0")])),
        (
            "c_lat",
            without(&[])
                .into_iter()
                .map(|(n, v)| if n == "c_pc" { (n, "ZZ9 9ZZ") } else { (n, v) })
                .collect(),
        ),
        ("c_address_type", with(&[("c_address_type", "HOUSE")])),
        // Radius, own stores and limit.
        ("radius", with(&[("radius", "0")])),
        ("radius", with(&[("radius", "100001")])),
        ("radius", with(&[("radius", "1.5")])),
        ("radius", with(&[("radius", "5"), ("radius", "6")])),
        ("minown", with(&[("minown", "0")])),
        ("minown", with(&[("minown", "21")])),
        ("maxown", with(&[("maxown", "0")])),
        ("maxown", with(&[("maxown", "51")])),
        ("minown", with(&[("minown", "5"), ("maxown", "3")])),
        ("limit", with(&[("limit", "0"), ("optionType", "HOME")])),
        ("limit", with(&[("limit", "5")])),
        ("limit", with(&[("limit", "5"), ("optionType", "OWNSTORE")])),
        (
            "limit",
            with(&[("limit", "5"), ("optionType", "HOME,OWNSTORE")]),
        ),
        (
            "limit",
            with(&[("limit", "5"), ("optionType", "HOME"), ("minown", "1")]),
        ),
        (
            "limit",
            with(&[("limit", "5"), ("optionType", "HOME"), ("maxown", "3")]),
        ),
        // The consignment.
        ("skus", with(&[("skus", "x,y;z"), ("e_w", "1")])),
        ("skus", with(&[("skus", "x"), ("e_n", "2")])),
        ("skus", with(&[("skus", "x"), ("e_maxdim", "10")])),
        ("skus", with(&[("skus", "x"), ("e_maxweight", "0.01")])),
        (
            "skus",
            with(&[
                ("skus", "x"),
                ("consignmentLevelDetailsFlag", "false"),
                ("parcelWeight", "1"),
            ]),
        ),
        (
            "skus",
            with(&[
                ("skus", "x"),
                ("consignmentLevelDetailsFlag", "false"),
                ("parcelHeight", "1"),
            ]),
        ),
        (
            "parcelWeight",
            with(&[("e_n", "2"), ("parcelWeight", "1,2")]),
        ),
        (
            "parcelHeight",
            with(&[
                ("consignmentLevelDetailsFlag", "false"),
                ("parcelHeight", "1,2"),
            ]),
        ),
        (
            "parcelDepth",
            with(&[
                ("consignmentLevelDetailsFlag", "false"),
                ("e_n", "2"),
                ("parcelDepth", "1"),
            ]),
        ),
        (
            "parcelWidth",
            with(&[
                ("consignmentLevelDetailsFlag", "false"),
                ("parcelWidth", "wide"),
            ]),
        ),
        (
            "consignmentLevelDetailsFlag",
            with(&[("consignmentLevelDetailsFlag", "maybe")]),
        ),
        ("e_maxweight", with(&[("e_maxweight", "3")])),
        ("e_maxweight", with(&[("e_maxweight", "3"), ("e_w", "2")])),
        (
            "e_maxweight",
            with(&[("e_maxweight", "4"), ("e_w", "10"), ("e_n", "2")]),
        ),
        ("e_w", with(&[("e_w", "-1")])),
        ("e_w", with(&[("e_w", "heavy")])),
        ("e_n", with(&[("e_n", "0")])),
        ("e_maxdim", with(&[("e_maxdim", "1.5")])),
        ("e_v", with(&[("e_v", "-2")])),
        ("e_v_currency", with(&[("e_v_currency", "EURO")])),
        ("cod_amount", with(&[("cod_amount", "-5")])),
        ("cod_currency", with(&[("cod_currency", "€")])),
        ("weight_unit", with(&[("weight_unit", "st")])),
        ("dimensions_unit", with(&[("dimensions_unit", "mm")])),
        // Lists and enums.
        ("optionType", with(&[("optionType", "HOME,DRONE")])),
        ("r_t", with(&[("r_t", "cheapest")])),
        ("multiCountry", with(&[("multiCountry", "yes")])),
        // Slots.
        (
            "acceptableDeliverySlots",
            with(&[(
                "acceptableDeliverySlots",
                "2030-01-09 00:00:00,2030-01-10 00:00:00,2030-01-11 00:00:00",
            )]),
        ),
        (
            "acceptableDeliverySlots",
            with(&[(
                "acceptableDeliverySlots",
                "2030-01-10 00:00:00,2030-01-09 00:00:00",
            )]),
        ),
        (
            "acceptableCollectionSlots",
            with(&[("acceptableCollectionSlots", "tomorrow,2030-01-09 00:00:00")]),
        ),
        // Custom parameters.
        ("custom11", with(&[("custom11", "x")])),
        ("custom1", with(&[("custom1", "a"), ("custom1", "b")])),
    ];
    for (parameter, query) in cases {
        let response = f.raw(&query).await;
        let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
        assert!(
            message.starts_with(&format!("{parameter}: ")),
            "{query:?} should name {parameter}: {message}"
        );
    }

    // The same unknown postcode is fine when only HOME options are asked for.
    let home_only = f
        .raw(&[
            ("wh_code", "WH-LONDON"),
            ("c_cc", "GBR"),
            ("c_pc", "ZZ9 9ZZ"),
            ("optionType", "HOME"),
        ])
        .await;
    assert_eq!(home_only.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_fixed_clock_gives_byte_identical_answers() {
    let query = [
        ("wh_code", "WH-LONDON"),
        ("c_cc", "GBR"),
        ("c_pc", "EC1R 4PF"),
        ("radius", "100000"),
        ("custom1", "a"),
        ("custom2", "b"),
        ("incgrp", "STANDARD,PUDO,CLICKCOLLECT"),
    ];
    let mut bodies = Vec::new();
    for _ in 0..2 {
        let f = Fixture::new().await;
        for _ in 0..2 {
            let text = f
                .http
                .get(f.find_url())
                .query(&query)
                .query(&[("key", f.sandbox.delivery_options().key())])
                .header("traceId", "81731a76-2d93-43d1-b661-e4da3b213491")
                .send()
                .await
                .expect("request sent")
                .text()
                .await
                .expect("a body");
            bodies.push(text);
        }
    }
    assert!(bodies.iter().all(|b| *b == bodies[0]), "{bodies:#?}");
    let body: Value = serde_json::from_str(&bodies[0]).unwrap_or_default();
    assert_eq!(body["results"].as_array().map(Vec::len), Some(9));
    assert_eq!(body["header"]["requestDate"], "2030-01-07T10:00:00Z");
}

#[tokio::test]
async fn closed_lists_accept_the_documented_values_in_any_case_and_nothing_else() {
    let f = Fixture::new().await;
    // Every documented value, as the docs spell it and in the other letter case.
    let documented: [(&str, &[&str]); 5] = [
        (
            "c_address_type",
            &["BUSINESS", "RESIDENTIAL", "residential"],
        ),
        ("weight_unit", &["KG", "kg", "lb", "LB", "Kg"]),
        ("dimensions_unit", &["CM", "cm", "IN", "in"]),
        ("optionType", &["PUDO", "HOME", "OWNSTORE", "ownstore"]),
        (
            "r_t",
            &[
                "lgg", "lsc", "lss", "lsd", "gas", "ggg", "gsc", "gss", "LSC",
            ],
        ),
    ];
    for (name, values) in documented {
        for value in values {
            f.find(&[(name, value)]).await;
        }
    }
    // Anything else is a 400 naming the parameter, what was sent and what is expected;
    // separators are not forgiven (the client's enums would read OWN_STORE as OWNSTORE).
    let cases = [
        (
            "c_address_type",
            "HOUSE",
            r#"c_address_type: "HOUSE" is not an address type: expected one of BUSINESS, RESIDENTIAL"#,
        ),
        (
            "weight_unit",
            "st",
            r#"weight_unit: "st" is not a weight unit: expected one of KG, kg, lb, LB"#,
        ),
        (
            "dimensions_unit",
            "mm",
            r#"dimensions_unit: "mm" is not a dimensions unit: expected one of CM, cm, IN, in"#,
        ),
        (
            "optionType",
            "HOME,OWN_STORE",
            r#"optionType: "OWN_STORE" is not a delivery option type: expected one of PUDO, HOME, OWNSTORE"#,
        ),
        (
            "r_t",
            "l-s-c",
            r#"r_t: "l-s-c" is not a return type: expected one of lgg, lsc, lss, lsd, gas, ggg, gsc, gss"#,
        ),
    ];
    for (name, value, expected) in cases {
        let mut query = BASE.to_vec();
        query.push((name, value));
        let response = f.raw(&query).await;
        let message = expect_error(response, StatusCode::BAD_REQUEST, "PS-0400").await;
        assert_eq!(message, expected, "{name}={value}");
    }
}
