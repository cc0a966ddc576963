//! Shipping and Tracking as one world: allocations publish parcel journeys, the sandbox
//! clock releases scheduled events, carrier events are simulated through the control API,
//! and scenario postcodes script a parcel's fate. Over loopback HTTP with `reqwest`.

use crate::common::http;
use chrono::{DateTime, TimeDelta, Utc};
use metapack_sandbox::{
    CatalogueCarrier, CatalogueLocation, CatalogueService, ParcelEventError, ParcelScenario,
    Sandbox, ShippingCatalogue,
};
use metapack_tracking::types::PostAllocationEventCode;
use reqwest::Method;
use serde_json::{Value, json};

/// Monday 7 January 2030, 10:00 UTC: where every fixture's clock is frozen.
const START: &str = "2030-01-07T10:00:00Z";

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(START)
        .expect("a date")
        .with_timezone(&Utc)
}

/// One carrier serving anywhere from a `GBR` warehouse (alpha-3, as Shipping sends).
fn catalogue() -> ShippingCatalogue {
    ShippingCatalogue::empty()
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
        ))
}

struct World {
    sandbox: Sandbox,
    http: reqwest::Client,
}

impl World {
    async fn new() -> Self {
        let sandbox = Sandbox::builder()
            .shipping_catalogue(catalogue())
            .frozen_clock(start())
            .start()
            .await
            .expect("sandbox starts");
        World {
            sandbox,
            http: http(),
        }
    }

    /// Sends with the API's credentials (none for `/_sandbox`) and asserts the status.
    async fn call(&self, method: Method, url: String, body: Option<Value>, status: u16) -> Value {
        let mut request = self.http.request(method.clone(), &url);
        if url.contains("/shipping/v1") {
            let (user, password) = self.sandbox.shipping().credentials();
            request = request.basic_auth(user, Some(password));
        } else if url.contains("/tracking/v1") {
            let (user, password) = self.sandbox.tracking().credentials();
            request = request.basic_auth(user, Some(password));
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request sent");
        let actual = response.status();
        let text = response.text().await.unwrap_or_default();
        assert_eq!(actual.as_u16(), status, "{method} {url}: {text}");
        if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{url}: {e}: {text}"))
        }
    }

    fn shipping(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.shipping().url())
    }

    fn control(&self, path: &str) -> String {
        format!("{}/_sandbox{path}", self.sandbox.base_url())
    }

    /// Creates and allocates a consignment to `postcode`; returns it.
    async fn allocate(&self, order_ref: &str, postcode: &str, parcels: usize) -> Value {
        let body = json!({
            "consignment": {
                "orders": [{"orderRef": order_ref}],
                "sender": {"code": "WH-LONDON", "companyName": "Acme Ltd", "countryCode": "GBR"},
                "recipient": {
                    "contact": {"name": "Ann Smith", "email": "ann@example.com"},
                    "addressLine1": "1 High Street",
                    "city": "Manchester",
                    "postCode": postcode,
                    "countryCode": "GBR"
                },
                "parcels": vec![json!({"weight": {"value": 1.5}}); parcels]
            },
            "shippingRules": {}
        });
        let created = self
            .call(
                Method::POST,
                self.shipping("/consignments"),
                Some(body),
                201,
            )
            .await;
        let consignment = created["consignment"].clone();
        assert_eq!(consignment["status"], "allocated", "{consignment}");
        consignment
    }

    async fn journeys(&self, query: &str) -> Vec<Value> {
        let url = format!("{}/parcel-journeys?{query}", self.sandbox.tracking().url());
        let body = self.call(Method::GET, url, None, 200).await;
        body.as_array().cloned().expect("an array of journeys")
    }

    /// The event codes of the one journey of `tracking`.
    async fn codes(&self, tracking: &str) -> Vec<String> {
        let journeys = self
            .journeys(&format!("trackingIdentifier={tracking}"))
            .await;
        assert_eq!(journeys.len(), 1, "{journeys:?}");
        journeys[0]["events"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["eventCode"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    async fn advance(&self, body: Value) -> Value {
        self.call(Method::POST, self.control("/clock"), Some(body), 200)
            .await
    }
}

fn parcel_tracking(consignment: &Value) -> Vec<String> {
    consignment["parcels"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["deliveryLegs"][0]["trackingIdentifier"].as_str())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn an_allocation_publishes_one_journey_per_parcel() {
    let world = World::new().await;
    let consignment = world.allocate("ORDER-1", "M1 1AA", 2).await;
    let code = consignment["consignmentCode"].as_str().expect("a code");
    let tracking = parcel_tracking(&consignment);
    assert_eq!(tracking.len(), 2);
    assert_eq!(consignment["allocatedDateTime"], "2030-01-07T10:00:00Z");

    let journeys = world
        .journeys(&format!("trackingIdentifier={}", tracking[0]))
        .await;
    assert_eq!(journeys.len(), 1);
    let journey = &journeys[0];
    let leg = &journey["deliveryLegs"][0];
    assert_eq!(leg["trackingIdentifier"], tracking[0].as_str());
    assert_eq!(leg["carrierCode"], "SBXPOST");
    assert_eq!(leg["carrierDisplayName"], "Sandbox Post");
    assert_eq!(leg["carrierServiceCode"], "SBXPOST24");
    assert_eq!(leg["deliveryRef"], code);
    assert_eq!(leg["finalDeliveryLeg"], true);
    let url = leg["carrierTrackingURL"].as_str().unwrap_or_default();
    assert!(
        url.starts_with("https://") && url.contains(&tracking[0]),
        "{url}"
    );
    assert_eq!(journey["order"]["orderRef"], "ORDER-1");
    assert_eq!(journey["recipient"]["postCode"], "M1 1AA");
    assert_eq!(journey["recipient"]["name"], "Ann Smith");
    assert_eq!(journey["sender"]["name"], "Acme Ltd");
    let events = journey["events"].as_array().expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["eventCode"], "AWAITING_DESPATCH");
    assert_eq!(events[0]["eventDate"], START);
    assert_eq!(events[0]["trackingIdentifier"], tracking[0].as_str());

    // Both parcels by order reference, in creation order.
    let by_order = world.journeys("orderRef=ORDER-1").await;
    let legs: Vec<&Value> = by_order
        .iter()
        .map(|j| &j["deliveryLegs"][0]["trackingIdentifier"])
        .collect();
    assert_eq!(legs, [&json!(tracking[0]), &json!(tracking[1])]);
    assert!(world.journeys("orderRef=ORDER-2").await.is_empty());
}

#[tokio::test]
async fn every_way_of_allocating_publishes_journeys() {
    let world = World::new().await;
    // POST /consignments/{c}/service.
    let body = json!({"consignment": {
        "orders": [{"orderRef": "ORDER-LATER"}],
        "sender": {"code": "WH-LONDON"},
        "recipient": {"postCode": "M1 1AA", "countryCode": "GBR"},
        "parcels": [{"weight": {"value": 1.0}}]
    }});
    let created = world
        .call(
            Method::POST,
            world.shipping("/consignments"),
            Some(body),
            201,
        )
        .await;
    let code = created["consignment"]["consignmentCode"]
        .as_str()
        .expect("a code");
    assert!(world.journeys("orderRef=ORDER-LATER").await.is_empty());
    let allocated = world
        .call(
            Method::POST,
            world.shipping(&format!("/consignments/{code}/service")),
            Some(json!({})),
            201,
        )
        .await;
    let tracking = parcel_tracking(&allocated["consignment"]);
    assert_eq!(world.codes(&tracking[0]).await, ["AWAITING_DESPATCH"]);

    // POST /consignment-with-paperwork.
    let body = json!({
        "consignment": {
            "orders": [{"orderRef": "ORDER-PRINTED"}],
            "sender": {"code": "WH-LONDON"},
            "recipient": {"postCode": "M1 1AA", "countryCode": "GBR"},
            "parcels": [{"weight": {"value": 1.0}}]
        },
        "shippingRules": {},
        "paperwork": {"type": "label", "format": "zpl"}
    });
    let printed = world
        .call(
            Method::POST,
            world.shipping("/consignment-with-paperwork"),
            Some(body),
            201,
        )
        .await;
    let tracking = parcel_tracking(&printed["consignment"]);
    assert_eq!(world.codes(&tracking[0]).await, ["AWAITING_DESPATCH"]);

    // A parcel added to an allocated consignment gets a journey too.
    let added = world
        .call(
            Method::POST,
            world.shipping(&format!("/consignments/{code}/parcels")),
            Some(json!({"parcel": {"weight": {"value": 2.0}}})),
            201,
        )
        .await;
    let added = added["parcel"]["deliveryLegs"][0]["trackingIdentifier"]
        .as_str()
        .expect("the new parcel is tracked")
        .to_owned();
    assert_eq!(world.codes(&added).await, ["AWAITING_DESPATCH"]);
    assert_eq!(world.journeys("orderRef=ORDER-LATER").await.len(), 2);
}

#[tokio::test]
async fn manifesting_despatches_and_carrier_events_move_the_parcel() {
    let world = World::new().await;
    let consignment = world.allocate("ORDER-1", "M1 1AA", 1).await;
    let code = consignment["consignmentCode"].as_str().expect("a code");
    let tracking = parcel_tracking(&consignment).remove(0);
    let paperwork = world.shipping(&format!("/consignments/{code}/paperwork?type=label"));
    world.call(Method::GET, paperwork, None, 200).await;
    let ready = world.shipping(&format!("/consignments/{code}/status?readyToShip=true"));
    world.call(Method::POST, ready, None, 204).await;
    assert_eq!(world.codes(&tracking).await, ["AWAITING_DESPATCH"]);
    world.advance(json!({"advance": "3h"})).await;
    let manifest = json!({"carrierCode": "SBXPOST", "shippingLocationCode": "WH-LONDON"});
    world
        .call(
            Method::POST,
            world.shipping("/manifests"),
            Some(manifest),
            201,
        )
        .await;
    assert_eq!(
        world.codes(&tracking).await,
        ["AWAITING_DESPATCH", "DESPATCHED"]
    );

    // A carrier event now, and one scheduled for tomorrow morning.
    let events = world.control(&format!("/parcels/{tracking}/events"));
    let now = world
        .call(
            Method::POST,
            events.clone(),
            Some(json!({"eventCode": "RECEIVED_BY_CARRIER"})),
            201,
        )
        .await;
    assert_eq!(now["eventDate"], "2030-01-07T13:00:00Z");
    assert_eq!(now["scheduled"], false);
    let later = world
        .call(
            Method::POST,
            events,
            Some(json!({"eventCode": "DELIVERED", "eventDate": "2030-01-08T09:30:00Z"})),
            201,
        )
        .await;
    assert_eq!(later["scheduled"], true);
    assert_eq!(
        world.codes(&tracking).await,
        ["AWAITING_DESPATCH", "DESPATCHED", "RECEIVED_BY_CARRIER"]
    );
    let clock = world.advance(json!({"advanceSeconds": 20 * 3600})).await;
    assert_eq!(clock["now"], "2030-01-08T09:00:00Z");
    assert_eq!(clock["frozen"], true);
    assert_eq!(world.codes(&tracking).await.len(), 3);
    world.advance(json!({"advance": "30m"})).await;
    let codes = world.codes(&tracking).await;
    assert_eq!(codes.last().map(String::as_str), Some("DELIVERED"));
    let journey = &world
        .journeys(&format!("trackingIdentifier={tracking}"))
        .await[0];
    assert_eq!(journey["events"][3]["eventSource"], "CARRIER");
    assert_eq!(journey["events"][3]["eventDate"], "2030-01-08T09:30:00Z");
}

#[tokio::test]
async fn scenario_postcodes_script_the_journey_on_the_clock() {
    let world = World::new().await;
    let expected_last = [
        (ParcelScenario::DeliveredNextDay, "DELIVERED"),
        (ParcelScenario::FailedFirstAttempt, "DELIVERED"),
        (ParcelScenario::ReturnedToSender, "RETURN_TO_SENDER"),
        (ParcelScenario::Lost, "PARCEL_LOST"),
    ];
    let mut parcels = Vec::new();
    for (scenario, _) in expected_last {
        // Spaces and letter case do not matter.
        let postcode = scenario.postcode().to_lowercase().replace(' ', "");
        let consignment = world.allocate("ORDER-S", &postcode, 1).await;
        parcels.push(parcel_tracking(&consignment).remove(0));
    }
    for tracking in &parcels {
        assert_eq!(world.codes(tracking).await, ["AWAITING_DESPATCH"]);
    }
    world.advance(json!({"advance": "6h"})).await;
    for tracking in &parcels {
        assert_eq!(
            world.codes(tracking).await,
            ["AWAITING_DESPATCH", "RECEIVED_BY_CARRIER"]
        );
    }
    world.advance(json!({"advance": "22h"})).await;
    let next_day = world.codes(&parcels[0]).await;
    assert_eq!(
        next_day,
        [
            "AWAITING_DESPATCH",
            "RECEIVED_BY_CARRIER",
            "IN_TRANSIT",
            "OUT_FOR_DELIVERY",
            "DELIVERED"
        ]
    );
    assert_eq!(
        world.codes(&parcels[1]).await.last().map(String::as_str),
        Some("ATTEMPTED_DELIVERY")
    );
    world.advance(json!({"advance": "3d"})).await;
    for ((scenario, last), tracking) in expected_last.iter().zip(&parcels) {
        let codes = world.codes(tracking).await;
        assert_eq!(
            codes.last().map(String::as_str),
            Some(*last),
            "{scenario:?}"
        );
        assert_eq!(codes.len(), scenario.schedule().len() + 1, "{scenario:?}");
    }
    // A postcode outside the scenarios follows no script.
    let plain = world.allocate("ORDER-P", "M1 1AA", 1).await;
    world.advance(json!({"advance": "1w"})).await;
    assert_eq!(
        world.codes(&parcel_tracking(&plain)[0]).await,
        ["AWAITING_DESPATCH"]
    );

    let listed = world
        .call(Method::GET, world.control("/scenarios"), None, 200)
        .await;
    assert_eq!(listed["scenarios"][0]["postcode"], "SB1 1DN");
    assert_eq!(listed["scenarios"].as_array().map(Vec::len), Some(4));
}

#[tokio::test]
async fn deallocating_or_deleting_ends_the_journey() {
    let world = World::new().await;
    let postcode = ParcelScenario::DeliveredNextDay.postcode();
    let first = world.allocate("ORDER-D", postcode, 1).await;
    let first_code = first["consignmentCode"].as_str().expect("a code");
    let first_tracking = parcel_tracking(&first).remove(0);
    let second = world.allocate("ORDER-X", postcode, 1).await;
    let second_code = second["consignmentCode"].as_str().expect("a code");
    let second_tracking = parcel_tracking(&second).remove(0);

    world.advance(json!({"advance": "7h"})).await;
    let service = world.shipping(&format!("/consignments/{first_code}/service"));
    world.call(Method::DELETE, service, None, 204).await;
    let deleted = world.shipping(&format!("/consignments/{second_code}"));
    world.call(Method::DELETE, deleted, None, 204).await;
    world.advance(json!({"advance": "2d"})).await;
    for tracking in [&first_tracking, &second_tracking] {
        assert_eq!(
            world.codes(tracking).await,
            [
                "AWAITING_DESPATCH",
                "RECEIVED_BY_CARRIER",
                "CANCELLED_BEFORE_DESPATCH"
            ]
        );
    }
    let journey = &world
        .journeys(&format!("trackingIdentifier={first_tracking}"))
        .await[0];
    assert_eq!(journey["events"][2]["eventDate"], "2030-01-07T17:00:00Z");
    assert_eq!(journey["events"][2]["eventSource"], "METAPACK");
}

#[tokio::test]
async fn the_control_routes_refuse_what_they_cannot_do() {
    let world = World::new().await;
    let consignment = world.allocate("ORDER-E", "M1 1AA", 1).await;
    let tracking = parcel_tracking(&consignment).remove(0);

    let unknown = world.control("/parcels/SP0000000000/events");
    let body = world
        .call(
            Method::POST,
            unknown,
            Some(json!({"eventCode": "DELIVERED"})),
            404,
        )
        .await;
    assert_eq!(body["errorCode"], "UNKNOWN_TRACKING_IDENTIFIER");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("SP0000000000")
    );

    let events = world.control(&format!("/parcels/{tracking}/events"));
    for (request, code) in [
        (json!({"eventCode": "TELEPORTED"}), "UNKNOWN_EVENT_CODE"),
        (json!({"eventCode": "delivered"}), "UNKNOWN_EVENT_CODE"),
        // A Tracking code of deliveries, not of delivery legs.
        (json!({"eventCode": "ORDER_ACCEPTED"}), "UNKNOWN_EVENT_CODE"),
        (json!({}), "INVALID_REQUEST"),
        (
            json!({"eventCode": "DELIVERED", "when": "now"}),
            "INVALID_REQUEST",
        ),
        (
            json!({"eventCode": "DELIVERED", "eventDate": "tomorrow"}),
            "INVALID_REQUEST",
        ),
    ] {
        let body = world
            .call(Method::POST, events.clone(), Some(request.clone()), 400)
            .await;
        assert_eq!(body["errorCode"], code, "{request}");
    }
    assert_eq!(world.codes(&tracking).await, ["AWAITING_DESPATCH"]);

    for request in [
        json!({}),
        json!({"advance": "2 hours"}),
        json!({"advance": "h"}),
        json!({"now": "2030-01-07"}),
        json!({"advanceSeconds": "7200"}),
        json!({"rewind": "1h"}),
    ] {
        let body = world
            .call(
                Method::POST,
                world.control("/clock"),
                Some(request.clone()),
                400,
            )
            .await;
        assert_eq!(body["errorCode"], "INVALID_REQUEST", "{request}");
    }
    let clock = world
        .call(Method::GET, world.control("/clock"), None, 200)
        .await;
    assert_eq!(clock["now"], START);
    assert_eq!(clock["frozen"], true);

    // Running again from a set date.
    let clock = world
        .advance(json!({"frozen": false, "now": "2031-05-01T08:00:00Z"}))
        .await;
    assert_eq!(clock["frozen"], false);
    let now: DateTime<Utc> = serde_json::from_value(clock["now"].clone()).expect("a date");
    let set: DateTime<Utc> = "2031-05-01T08:00:00Z".parse().expect("a date");
    assert!(now >= set && now - set < TimeDelta::minutes(1), "{now}");
}

#[tokio::test]
async fn the_rust_api_moves_the_clock_and_simulates_events() {
    let world = World::new().await;
    let sandbox = &world.sandbox;
    assert_eq!(sandbox.now(), start());
    let consignment = world.allocate("ORDER-R", "M1 1AA", 1).await;
    let tracking = parcel_tracking(&consignment).remove(0);

    sandbox.advance_clock(std::time::Duration::from_secs(3600));
    assert_eq!(sandbox.now(), start() + TimeDelta::hours(1));
    sandbox
        .simulate_parcel_event(&tracking, &PostAllocationEventCode::InTransit, None)
        .expect("a known parcel and code");
    let tomorrow = start() + TimeDelta::days(1);
    sandbox
        .simulate_parcel_event(
            &tracking,
            &PostAllocationEventCode::Delivered,
            Some(tomorrow),
        )
        .expect("a known parcel and code");
    assert_eq!(
        world.codes(&tracking).await,
        ["AWAITING_DESPATCH", "IN_TRANSIT"]
    );
    sandbox.set_clock(tomorrow);
    assert_eq!(
        world.codes(&tracking).await,
        ["AWAITING_DESPATCH", "IN_TRANSIT", "DELIVERED"]
    );

    let unknown = sandbox.simulate_parcel_event("NOPE", &PostAllocationEventCode::Delivered, None);
    assert_eq!(
        unknown,
        Err(ParcelEventError::UnknownTrackingIdentifier("NOPE".into()))
    );
    let invented = PostAllocationEventCode::parse("BEAMED_UP");
    let refused = sandbox.simulate_parcel_event(&tracking, &invented, None);
    assert_eq!(
        refused,
        Err(ParcelEventError::UnknownEventCode("BEAMED_UP".into()))
    );
    let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("BEAMED_UP"), "{message}");
}

#[tokio::test]
async fn lookups_survive_deletions() {
    let world = World::new().await;
    let mut codes = Vec::new();
    for order in ["ORDER-A", "ORDER-B", "ORDER-C"] {
        let consignment = world.allocate(order, "M1 1AA", 1).await;
        codes.push(
            consignment["consignmentCode"]
                .as_str()
                .expect("a code")
                .to_owned(),
        );
    }
    // Deleting the first moves another into its place: every lookup still finds it.
    let first = world.shipping(&format!("/consignments/{}", codes[0]));
    world.call(Method::DELETE, first.clone(), None, 204).await;
    world.call(Method::GET, first, None, 404).await;
    for (code, order) in codes[1..].iter().zip(["ORDER-B", "ORDER-C"]) {
        let got = world
            .call(
                Method::GET,
                world.shipping(&format!("/consignments/{code}")),
                None,
                200,
            )
            .await;
        assert_eq!(got["consignment"]["consignmentCode"], code.as_str());
        let url = world.shipping(&format!("/consignments?orderReference={order}"));
        let found = world.call(Method::GET, url, None, 200).await;
        let found = found.as_array().cloned().unwrap_or_default();
        assert_eq!(found.len(), 1, "{order}");
        let tracking = parcel_tracking(&got["consignment"]).remove(0);
        let url = world.shipping(&format!(
            "/consignments?parcelTrackingIdentifier={tracking}"
        ));
        let found = world.call(Method::GET, url, None, 200).await;
        assert_eq!(found[0]["consignmentCode"], code.as_str());
    }
    // Search answers in creation order, whatever deletions moved.
    let mut same = Vec::new();
    for _ in 0..3 {
        let consignment = world.allocate("ORDER-Z", "M1 1AA", 1).await;
        same.push(
            consignment["consignmentCode"]
                .as_str()
                .expect("a code")
                .to_owned(),
        );
    }
    let deleted = world.shipping(&format!("/consignments/{}", same[0]));
    world.call(Method::DELETE, deleted, None, 204).await;
    let url = world.shipping("/consignments?orderReference=ORDER-Z");
    let found = world.call(Method::GET, url, None, 200).await;
    let listed: Vec<&str> = found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["consignmentCode"].as_str())
        .collect();
    assert_eq!(
        listed,
        [same[1].as_str(), same[2].as_str()],
        "creation order"
    );
}
