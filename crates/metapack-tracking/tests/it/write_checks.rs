//! Writes take the documented lists: event codes of the right kind and IANA time zones are
//! checked before sending, and `with_unlisted_event_codes()` sends a code the docs do not
//! list.

use crate::common;

use common::fixtures::{self, delivery_event};
use common::{at, client};
use httpmock::Method::POST;
use httpmock::MockServer;
use metapack_tracking::build::{DeliveryBuilder, DeliveryLegBuilder};
use metapack_tracking::types::{
    Delivery, DeliveryLeg, DeliveryLegEvent, PostAllocationEventCode, PreAllocationEventCode,
    Recipient, Sender,
};
use metapack_tracking::{Error, TrackingClient};
use serde_json::json;

/// Event `code` of leg `TRK-1` on 21 November 2026 at 10:00 UTC, in time zone `zone`.
fn leg_event(code: PostAllocationEventCode, zone: &str) -> DeliveryLegEvent {
    DeliveryLegEvent {
        event_date: at(21, 10),
        ..fixtures::leg_event(code, zone)
    }
}

/// Asserts an [`Error::InvalidRequest`] about `field` whose message mentions each of `mentions`.
#[track_caller]
fn assert_refused(result: Result<(), Error>, field: &str, mentions: &[&str]) {
    match result {
        Err(Error::InvalidRequest {
            field: Some(f),
            message,
            ..
        }) => {
            assert_eq!(f, field, "{message}");
            for m in mentions {
                assert!(message.contains(m), "{message:?} should mention {m:?}");
            }
        }
        other => panic!("expected InvalidRequest about {field}, got {other:?}"),
    }
}

async fn server_and_client() -> (MockServer, TrackingClient) {
    let server = MockServer::start_async().await;
    let client = client(&server.base_url());
    (server, client)
}

#[tokio::test]
async fn undocumented_and_misplaced_codes_are_refused_before_sending() {
    let (server, client) = server_and_client().await;
    let any = server
        .mock_async(|_when, then| {
            then.status(204);
        })
        .await;

    let teleported = PostAllocationEventCode::Other("TELEPORTED".into());
    assert_refused(
        client
            .add_delivery_leg_event(&leg_event(teleported, "Europe/London"))
            .await,
        "eventCode",
        &["TELEPORTED", "post-allocation", "with_unlisted_event_codes"],
    );
    let teleported = PreAllocationEventCode::Other("ORDER_TELEPORTED".into());
    assert_refused(
        client
            .add_delivery_event(&delivery_event(teleported, "Europe/London"))
            .await,
        "eventCode",
        &["ORDER_TELEPORTED", "pre-allocation"],
    );

    // Codes of the other kind of event are refused even with the opt-in.
    for client in [client.clone(), client.with_unlisted_event_codes()] {
        let accepted = PostAllocationEventCode::parse("ORDER_ACCEPTED");
        assert_refused(
            client
                .add_delivery_leg_event(&leg_event(accepted, "Europe/London"))
                .await,
            "eventCode",
            &["pre-allocation event code", "add_delivery_event"],
        );
        let despatched = PreAllocationEventCode::parse("DESPATCHED");
        assert_refused(
            client
                .add_delivery_event(&delivery_event(despatched, "Europe/London"))
                .await,
            "eventCode",
            &["post-allocation event code", "add_delivery_leg_event"],
        );
    }
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn malformed_time_zones_are_refused_before_sending() {
    let (server, client) = server_and_client().await;
    let any = server
        .mock_async(|_when, then| {
            then.status(204);
        })
        .await;

    for zone in ["not/a zone", "europe/london", "+01:00", "London"] {
        assert_refused(
            client
                .add_delivery_leg_event(&leg_event(PostAllocationEventCode::Delivered, zone))
                .await,
            "eventTimeZone",
            &[zone, "IANA", "Europe/London"],
        );
    }
    assert_refused(
        client
            .add_delivery_event(&delivery_event(
                PreAllocationEventCode::OrderAccepted,
                "not/a zone",
            ))
            .await,
        "eventTimeZone",
        &["not/a zone"],
    );

    // Built without the time zone (the builders check it too), then set by hand.
    let mut leg: DeliveryLeg = DeliveryLegBuilder::new()
        .tracking_identifier("TRK-1")
        .build()
        .expect("leg");
    leg.recipient = Some(Recipient {
        time_zone: Some("not/a zone".into()),
        ..Recipient::default()
    });
    assert_refused(
        client.upsert_delivery_leg(&leg).await,
        "recipient.timeZone",
        &["not/a zone"],
    );
    let mut delivery: Delivery = DeliveryBuilder::new()
        .delivery_ref("DEL-1")
        .build()
        .expect("delivery");
    delivery.sender = Some(Sender {
        time_zone: Some("GMT+1".into()),
        ..Sender::default()
    });
    assert_refused(
        client.upsert_delivery(&delivery).await,
        "sender.timeZone",
        &["GMT+1"],
    );
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn the_opt_in_sends_an_unlisted_code_verbatim() {
    let (server, client) = server_and_client().await;
    let posted = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/delivery-legs/events")
                .json_body_includes(json!({"eventCode": "NEW_CODE"}).to_string());
            then.status(204);
        })
        .await;

    let event = leg_event(PostAllocationEventCode::parse("NEW_CODE"), "Etc/GMT-1");
    client
        .with_unlisted_event_codes()
        .add_delivery_leg_event(&event)
        .await
        .expect("sent with the opt-in");
    // The opt-in survives the retry opt-in.
    client
        .with_unlisted_event_codes()
        .with_retry_unsafe()
        .add_delivery_leg_event(&event)
        .await
        .expect("sent again");
    posted.assert_calls_async(2).await;
}

#[tokio::test]
async fn documented_codes_in_another_spelling_are_sent_as_documented() {
    let (server, client) = server_and_client().await;
    let posted = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/deliveries/events")
                .json_body_includes(json!({"eventCode": "ORDER_ACCEPTED"}).to_string());
            then.status(204);
        })
        .await;

    let event = delivery_event(
        PreAllocationEventCode::Other("order accepted".into()),
        "UTC",
    );
    client
        .add_delivery_event(&event)
        .await
        .expect("a documented code");
    posted.assert_calls_async(1).await;
}
