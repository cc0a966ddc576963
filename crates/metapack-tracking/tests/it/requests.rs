//! The exact HTTP request of every Tracking operation (method, path, query, headers, JSON body),
//! the decoding of each documented success response, and client-side validation that stops
//! bad input before anything is sent.

use crate::common;

use chrono::{TimeZone, Utc};
use common::fixtures;
use common::mock::{catch_all, query_len};
use common::{BASIC_AUTH, assert_invalid_mentioning, at, builder, client, user_agent};
use httpmock::Method::{DELETE, GET, POST};
use httpmock::{MockServer, When};
use metapack_tracking::types::{
    AcceptLanguage, Customer, Delivery, DeliveryEvent, DeliveryInformation, DeliveryLeg,
    DeliveryLegEvent, DeliveryLegParcel, EventCode, EventLocation, Order, ParcelJourneySearch,
    PostAllocationEventCode, PreAllocationEventCode, Recipient,
};
use metapack_tracking::{Error, JourneyQuery, TrackingClient};
use serde_json::json;

/// A JSON `POST` to `path`, without a query, with the credentials and User-Agent.
fn json_post(when: When, path: &str) -> When {
    when.method(POST)
        .path(path)
        .is_true(query_len(0))
        .header("authorization", BASIC_AUTH)
        .header("user-agent", user_agent())
        .header("content-type", "application/json")
}

fn journey_body() -> serde_json::Value {
    json!([{
        "deliveryRef": "DEL-1",
        "order": {"orderRef": "ORDER-1/A&B+C", "orderDate": "2026-11-19T18:30:00Z"},
        "deliveryLegs": [{
            "trackingIdentifier": "TRK-1",
            "carrierCode": "DPD_UK",
            "carrierTrackingURL": "https://track.example/TRK-1",
            "finalDeliveryLeg": true
        }],
        "events": [
            {"eventCode": "DELIVERED", "eventDate": "2026-11-21T10:00:00Z", "description": "Delivered"},
            {"eventCode": "OUT_FOR_DELIVERY", "eventDate": "2026-11-21T07:00:00Z"}
        ],
        "recipient": {"postCode": "WC1X 8XZ", "timeZone": "Europe/London"}
    }])
}

#[tokio::test]
async fn parcel_journeys_sends_every_filter_and_the_language() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/parcel-journeys")
                .query_param("orderRef", "ORDER-1/A&B+C")
                .query_param("trackingIdentifier", "TRK-1")
                .query_param("customerRef", "CUST 1")
                .query_param("postcode", "WC1X 8XZ")
                .is_true(query_len(4))
                .header("authorization", BASIC_AUTH)
                .header("user-agent", user_agent())
                .header("accept-language", "en-GB")
                .header("accept", "application/json")
                .header_missing("content-type")
                .is_true(|req| req.body_ref().is_empty());
            then.status(200)
                .header("content-type", "application/json")
                .json_body(journey_body());
        })
        .await;
    let client = client(&server.base_url());

    let query = JourneyQuery::order("ORDER-1/A&B+C")
        .tracking_identifier("TRK-1")
        .customer_ref("CUST 1")
        .postcode("WC1X 8XZ")
        .language(AcceptLanguage::EnGb);
    let journeys = client.parcel_journeys(&query).await.expect("journeys");

    mock.assert_async().await;
    assert_eq!(journeys.len(), 1);
    let journey = &journeys[0];
    assert_eq!(journey.delivery_ref.as_deref(), Some("DEL-1"));
    let order = journey.order.as_ref().expect("order");
    assert_eq!(
        order.order_date,
        Some(Utc.with_ymd_and_hms(2026, 11, 19, 18, 30, 0).unwrap())
    );
    let legs = journey.delivery_legs.as_ref().expect("legs");
    assert_eq!(legs[0].tracking_identifier.as_deref(), Some("TRK-1"));
    assert_eq!(legs[0].final_delivery_leg, Some(true));
    assert_eq!(
        legs[0].carrier_tracking_url.as_deref(),
        Some("https://track.example/TRK-1")
    );
    assert_eq!(journey.events.as_ref().map(Vec::len), Some(2));
    assert_eq!(journey.latest_event_code(), Some(&EventCode::Delivered));
    assert!(journey.is_delivered());
    assert_eq!(
        journey
            .latest_event()
            .and_then(|e| e.description.as_deref()),
        Some("Delivered")
    );
}

#[tokio::test]
async fn parcel_journeys_by_tracking_identifier_sends_nothing_else() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/parcel-journeys")
                .query_param("trackingIdentifier", "TRK-1")
                .query_param_missing("orderRef")
                .query_param_missing("customerRef")
                .query_param_missing("postcode")
                .is_true(query_len(1))
                .header("authorization", BASIC_AUTH)
                .header("user-agent", user_agent())
                .header_missing("accept-language");
            then.status(200)
                .header("content-type", "application/json")
                .body("[]");
        })
        .await;
    let client = client(&server.base_url());

    let journeys = client
        .parcel_journeys(&JourneyQuery::tracking("TRK-1"))
        .await
        .expect("journeys");

    mock.assert_async().await;
    assert!(journeys.is_empty());
}

#[tokio::test]
async fn user_agent_suffix_is_appended() {
    let server = MockServer::start_async().await;
    let expected = format!("{} my-shop/2.0", user_agent());
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/parcel-journeys")
                .query_param("orderRef", "ORDER-1")
                .header("user-agent", expected);
            then.status(200)
                .header("content-type", "application/json")
                .body("[]");
        })
        .await;
    let client = builder(&server.base_url())
        .user_agent_suffix("my-shop/2.0")
        .build()
        .expect("client");

    client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect("journeys");
    mock.assert_async().await;
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/tracking/v1/delivery-legs")
                .query_param("trackingIdentifier", "TRK-1");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"message": "Deleted 1 delivery leg"}));
        })
        .await;
    let client = client(&format!("{}/tracking/v1/", server.base_url()));

    let deleted = client.delete_delivery_legs("TRK-1").await.expect("deleted");
    mock.assert_async().await;
    assert_eq!(deleted.message.as_deref(), Some("Deleted 1 delivery leg"));
}

#[tokio::test]
async fn search_parcel_journeys_posts_only_the_given_criteria() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            json_post(when, "/parcel-journeys/search")
                .header("accept", "application/json")
                .json_body(json!({"customerRef": "CUST-1"}));
            then.status(200)
                .header("content-type", "application/json")
                .json_body(journey_body());
        })
        .await;
    let client = client(&server.base_url());

    let search = ParcelJourneySearch {
        customer_ref: Some("CUST-1".into()),
        email: None,
    };
    let journeys = client
        .search_parcel_journeys(&search)
        .await
        .expect("journeys");

    mock.assert_async().await;
    assert_eq!(journeys.len(), 1);
    assert_eq!(journeys[0].delivery_ref.as_deref(), Some("DEL-1"));
}

#[tokio::test]
async fn search_parcel_journeys_by_email() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/parcel-journeys/search")
                .header("content-type", "application/json")
                .json_body(json!({"email": "jane@example.com"}));
            then.status(200)
                .header("content-type", "application/json")
                .body("[]");
        })
        .await;
    let client = client(&server.base_url());

    let search = ParcelJourneySearch {
        customer_ref: None,
        email: Some("jane@example.com".into()),
    };
    let journeys = client
        .search_parcel_journeys(&search)
        .await
        .expect("journeys");
    mock.assert_async().await;
    assert!(journeys.is_empty());
}

#[tokio::test]
async fn upsert_delivery_posts_the_delivery_in_camel_case() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            json_post(when, "/deliveries").json_body(json!({
                "deliveryRef": "DEL-1",
                "order": {
                    "orderRef": "ORDER-1",
                    "orderDate": "2026-11-20T09:00:00Z",
                    "customer": {"customerRef": "CUST-1", "email": "jane@example.com"}
                },
                "delivery": {
                    "deliveryType": "HOME",
                    "promisedDeliveryDate": "2026-11-22T00:00:00Z"
                },
                "recipient": {
                    "name": "Jane Doe",
                    "postCode": "WC1X 8XZ",
                    "countryCode": "GB",
                    "timeZone": "Europe/London"
                }
            }));
            then.status(204);
        })
        .await;
    let client = client(&server.base_url());

    let delivery = Delivery {
        delivery_ref: "DEL-1".into(),
        order: Some(Order {
            order_ref: Some("ORDER-1".into()),
            order_date: Some(at(20, 9)),
            customer: Some(Customer {
                customer_ref: Some("CUST-1".into()),
                email: Some("jane@example.com".into()),
                ..Customer::default()
            }),
            ..Order::default()
        }),
        delivery: Some(DeliveryInformation {
            delivery_type: Some("HOME".into()),
            promised_delivery_date: Some(at(22, 0)),
            expected_delivery_date: None,
        }),
        recipient: Some(Recipient {
            name: Some("Jane Doe".into()),
            post_code: Some("WC1X 8XZ".into()),
            country_code: Some("GB".into()),
            time_zone: Some("Europe/London".into()),
            ..Recipient::default()
        }),
        collection: None,
        sender: None,
    };
    client.upsert_delivery(&delivery).await.expect("204");
    mock.assert_async().await;
}

#[tokio::test]
async fn add_delivery_event_posts_the_event() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            json_post(when, "/deliveries/events").json_body(json!({
                "deliveryRef": "DEL-1",
                "eventCode": "ORDER_ACCEPTED",
                "eventDate": "2026-11-20T09:00:00Z",
                "eventSource": "STORE",
                "eventTimeZone": "Europe/London"
            }));
            then.status(204);
        })
        .await;
    let client = client(&server.base_url());

    let event = DeliveryEvent {
        delivery_ref: "DEL-1".into(),
        event_code: PreAllocationEventCode::OrderAccepted,
        event_date: at(20, 9),
        event_location: None,
        event_source: Some("STORE".into()),
        event_time_zone: "Europe/London".into(),
    };
    client.add_delivery_event(&event).await.expect("204");
    mock.assert_async().await;
}

#[tokio::test]
async fn upsert_delivery_leg_posts_the_leg_including_false_flags() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            json_post(when, "/delivery-legs").json_body(json!({
                "trackingIdentifier": "TRK-1",
                "carrierCode": "DPD_UK",
                "carrierServiceCode": "DPD_UK_CLASSIC",
                "carrierTrackingURL": "https://track.example/TRK-1",
                "deliveryRef": "DEL-1",
                "finalDeliveryLeg": false,
                "parcel": {"parcelRef": "PARCEL-1", "weight": 1.5}
            }));
            then.status(204);
        })
        .await;
    let client = client(&server.base_url());

    let leg = DeliveryLeg {
        tracking_identifier: "TRK-1".into(),
        carrier_code: Some("DPD_UK".into()),
        carrier_display_name: None,
        carrier_service_code: Some("DPD_UK_CLASSIC".into()),
        carrier_tracking_url: Some("https://track.example/TRK-1".into()),
        delivery_ref: Some("DEL-1".into()),
        final_delivery_leg: Some(false),
        parcel: Some(DeliveryLegParcel {
            parcel_ref: Some("PARCEL-1".into()),
            weight: Some(1.5),
        }),
        collection: None,
        delivery: None,
        order: None,
        recipient: None,
        sender: None,
    };
    client.upsert_delivery_leg(&leg).await.expect("204");
    mock.assert_async().await;
}

#[tokio::test]
async fn delete_delivery_legs_sends_the_tracking_identifier_and_decodes_the_message() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/delivery-legs")
                .query_param("trackingIdentifier", "TRK 1/2&3")
                .is_true(query_len(1))
                .header("authorization", BASIC_AUTH)
                .header("user-agent", user_agent())
                .header("accept", "application/json")
                .header_missing("content-type")
                .is_true(|req| req.body_ref().is_empty());
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"message": "Deleted 2 delivery legs"}));
        })
        .await;
    let client = client(&server.base_url());

    let deleted = client
        .delete_delivery_legs("TRK 1/2&3")
        .await
        .expect("deleted");
    mock.assert_async().await;
    assert_eq!(deleted.message.as_deref(), Some("Deleted 2 delivery legs"));
}

#[tokio::test]
async fn add_delivery_leg_event_posts_the_event() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            json_post(when, "/delivery-legs/events").json_body(json!({
                "trackingIdentifier": "TRK-1",
                "eventCode": "AWAITING_COLLECTION_FROM_PICKUP_POINT",
                "eventDate": "2026-11-20T09:00:00Z",
                "eventTimeZone": "Europe/London",
                "eventLocation": {
                    "name": "Locker 12",
                    "city": "London",
                    "countryCode": "GB",
                    "latitude": 51.5,
                    "longitude": -0.125
                }
            }));
            then.status(204);
        })
        .await;
    let client = client(&server.base_url());

    let event = DeliveryLegEvent {
        tracking_identifier: "TRK-1".into(),
        event_code: PostAllocationEventCode::AwaitingCollectionFromPickupPoint,
        event_date: at(20, 9),
        event_location: Some(EventLocation {
            name: Some("Locker 12".into()),
            city: Some("London".into()),
            country_code: Some("GB".into()),
            latitude: Some(51.5),
            longitude: Some(-0.125),
            post_code: None,
        }),
        event_source: None,
        event_time_zone: "Europe/London".into(),
    };
    client.add_delivery_leg_event(&event).await.expect("204");
    mock.assert_async().await;
}

// ---------------------------------------------------------------------------------------------
// Client-side validation: nothing reaches the server.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn invalid_journey_queries_are_rejected_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server, 204).await;
    let client = client(&server.base_url());

    assert_invalid_mentioning(
        client.parcel_journeys(&JourneyQuery::default()).await,
        "orderRef or trackingIdentifier",
    );
    // Filters alone are not enough.
    assert_invalid_mentioning(
        client
            .parcel_journeys(
                &JourneyQuery::default()
                    .customer_ref("CUST-1")
                    .postcode("WC1X 8XZ")
                    .language(AcceptLanguage::DeDe),
            )
            .await,
        "orderRef or trackingIdentifier",
    );
    assert_invalid_mentioning(
        client.parcel_journeys(&JourneyQuery::tracking("  ")).await,
        "trackingIdentifier",
    );
    assert_invalid_mentioning(
        client.parcel_journeys(&JourneyQuery::order("")).await,
        "orderRef",
    );
    assert_invalid_mentioning(
        client
            .parcel_journeys(&JourneyQuery::order("ORDER-1").postcode(" \t"))
            .await,
        "postcode",
    );

    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn invalid_bodies_are_rejected_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server, 204).await;
    let client: TrackingClient = client(&server.base_url());

    // A carrier tracking URL must be https.
    let leg = DeliveryLeg {
        carrier_tracking_url: Some("http://track.example/TRK-1".into()),
        ..fixtures::leg()
    };
    assert_invalid_mentioning(client.upsert_delivery_leg(&leg).await, "carrierTrackingURL");
    assert_invalid_mentioning(
        client
            .upsert_delivery_leg(&DeliveryLeg {
                tracking_identifier: " ".into(),
                ..fixtures::leg()
            })
            .await,
        "trackingIdentifier",
    );

    // A search needs customerRef or email, and blank ones do not count.
    assert_invalid_mentioning(
        client
            .search_parcel_journeys(&ParcelJourneySearch::default())
            .await,
        "customerRef or email",
    );
    assert_invalid_mentioning(
        client
            .search_parcel_journeys(&ParcelJourneySearch {
                customer_ref: Some("  ".into()),
                email: Some(String::new()),
            })
            .await,
        "customerRef or email",
    );

    let delivery = Delivery {
        delivery_ref: "".into(),
        order: None,
        collection: None,
        delivery: None,
        recipient: None,
        sender: None,
    };
    assert_invalid_mentioning(client.upsert_delivery(&delivery).await, "deliveryRef");

    let event = DeliveryEvent {
        delivery_ref: "DEL-1".into(),
        event_code: PreAllocationEventCode::OrderAccepted,
        event_date: at(20, 9),
        event_location: None,
        event_source: None,
        event_time_zone: "  ".into(),
    };
    assert_invalid_mentioning(client.add_delivery_event(&event).await, "eventTimeZone");

    let leg_event = DeliveryLegEvent {
        tracking_identifier: "".into(),
        event_code: PostAllocationEventCode::Delivered,
        event_date: at(20, 9),
        event_location: None,
        event_source: None,
        event_time_zone: "Europe/London".into(),
    };
    assert_invalid_mentioning(
        client.add_delivery_leg_event(&leg_event).await,
        "trackingIdentifier",
    );

    assert_invalid_mentioning(
        client.delete_delivery_legs("   ").await,
        "trackingIdentifier",
    );

    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn invalid_request_names_the_offending_field() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server, 204).await;
    let client = client(&server.base_url());

    let err = client
        .delete_delivery_legs("")
        .await
        .expect_err("blank identifier");
    assert!(
        matches!(&err, Error::InvalidRequest { field: Some(f), .. } if f == "trackingIdentifier"),
        "{err:?}"
    );
    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1").postcode(""))
        .await
        .expect_err("blank postcode");
    assert!(
        matches!(&err, Error::InvalidRequest { field: Some(f), .. } if f == "postcode"),
        "{err:?}"
    );
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn unlisted_success_statuses_are_successes() {
    let server = MockServer::start_async().await;
    let upsert = server
        .mock_async(|when, then| {
            when.method(POST).path("/deliveries");
            then.status(200).json_body(json!({"message": "stored"}));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/delivery-legs");
            then.status(202)
                .json_body(json!({"message": "Deleted 1 delivery legs"}));
        })
        .await;
    let client = client(&server.base_url());
    let delivery = fixtures::delivery();
    client
        .upsert_delivery(&delivery)
        .await
        .expect("200 instead of 204 is a success");
    let deleted = client
        .delete_delivery_legs("T1")
        .await
        .expect("202 decodes the body");
    assert_eq!(deleted.message.as_deref(), Some("Deleted 1 delivery legs"));
    upsert.assert_async().await;
    delete.assert_async().await;
}

#[tokio::test]
async fn no_undocumented_api_version_header_is_sent() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/parcel-journeys")
                .header_missing("api-version");
            then.status(200).json_body(json!([]));
        })
        .await;
    let journeys = client(&server.base_url())
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect("journeys");
    assert!(journeys.is_empty());
    mock.assert_async().await;
}

#[test]
fn a_client_without_an_environment_is_refused() {
    let builder =
        || TrackingClient::builder().credentials(metapack_tracking::Credentials::basic("u", "p"));
    let err = builder().build().expect_err("no environment");
    assert!(
        matches!(&err, Error::InvalidRequest { field: Some(f), .. } if f == "environment"),
        "{err:?}"
    );
    let message = err.to_string();
    for choice in [
        "Environment::Production",
        "Environment::MetapackSandbox",
        "Environment::custom(url)?",
    ] {
        assert!(message.contains(choice), "{choice}: {message}");
    }
    let hosted = builder()
        .environment(metapack_tracking::Environment::MetapackSandbox)
        .build()
        .expect("hosted sandbox");
    assert_eq!(hosted.base_url(), metapack_tracking::METAPACK_SANDBOX_URL);
    let production = builder()
        .environment(metapack_tracking::Environment::Production)
        .build()
        .expect("production");
    assert_eq!(production.base_url(), metapack_tracking::PRODUCTION_URL);
}

#[test]
fn a_basic_username_with_a_colon_is_refused() {
    let err = TrackingClient::builder()
        .credentials(metapack_tracking::Credentials::basic("shop:eu", "pass"))
        .environment(metapack_tracking::Environment::Production)
        .build()
        .expect_err("colon");
    assert!(
        matches!(&err, Error::InvalidRequest { field: Some(f), .. } if f == "username"),
        "{err:?}"
    );
}
