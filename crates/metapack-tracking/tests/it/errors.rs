//! How error responses and malformed success responses map to `metapack_tracking::Error`.

use crate::common;

use common::fixtures;
use common::{BASIC_TOKEN, PASSWORD, client_without_retries};
use httpmock::Method::{DELETE, GET, POST};
use httpmock::MockServer;
use metapack_tracking::types::{
    EventCode, ParcelJourneySearch, PostAllocationEventCode, PreAllocationEventCode,
};
use metapack_tracking::{ApiError, Error, ErrorCategory, ErrorCode, JourneyQuery, TrackingClient};

const TRACE_ID: &str = "4d1544c7-1977-4c03-82fa-ecacd1837532";

fn error_body(code: u16) -> String {
    format!(
        r#"{{"message":"Request failed with {code}","errorCode":"PS-{code:04}","systemMessage":"system detail {code}","traceId":"{TRACE_ID}","timestamp":"2019-08-24T14:15:22Z"}}"#
    )
}

/// Calls each of the 7 operations once with valid input.
async fn call_every_operation(client: &TrackingClient) -> Vec<(&'static str, Result<(), Error>)> {
    let delivery = fixtures::delivery();
    let event = fixtures::delivery_event(PreAllocationEventCode::OrderAccepted, "Europe/London");
    let leg_event = fixtures::leg_event(PostAllocationEventCode::Delivered, "Europe/London");
    let search = ParcelJourneySearch {
        customer_ref: Some("CUST-1".into()),
        email: None,
    };
    vec![
        (
            "parcel_journeys",
            client
                .parcel_journeys(&JourneyQuery::order("ORDER-1"))
                .await
                .map(drop),
        ),
        (
            "search_parcel_journeys",
            client.search_parcel_journeys(&search).await.map(drop),
        ),
        ("upsert_delivery", client.upsert_delivery(&delivery).await),
        (
            "add_delivery_event",
            client.add_delivery_event(&event).await,
        ),
        (
            "upsert_delivery_leg",
            client.upsert_delivery_leg(&fixtures::leg()).await,
        ),
        (
            "delete_delivery_legs",
            client.delete_delivery_legs("TRK-1").await.map(drop),
        ),
        (
            "add_delivery_leg_event",
            client.add_delivery_leg_event(&leg_event).await,
        ),
    ]
}

fn api(err: &Error) -> &ApiError {
    match err {
        Error::Api(api) => api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn documented_ps_codes_map_to_api_errors_on_every_operation() {
    let cases = [
        (400, ErrorCategory::Validation, false),
        (401, ErrorCategory::Auth, false),
        (403, ErrorCategory::Forbidden, false),
        (415, ErrorCategory::UnsupportedMedia, false),
        (500, ErrorCategory::Server, true),
    ];
    for (status, category, retryable) in cases {
        let server = MockServer::start_async().await;
        let body = error_body(status);
        let any = server
            .mock_async(|_when, then| {
                then.status(status)
                    .header("content-type", "application/json")
                    .body(&body);
            })
            .await;
        let client = client_without_retries(&server.base_url());

        for (operation, result) in call_every_operation(&client).await {
            let err = result.expect_err(operation);
            let ctx = format!("{status} on {operation}: {err:?}");
            let e = api(&err);
            assert_eq!(e.status, status, "{ctx}");
            assert_eq!(e.code, Some(ErrorCode::Ps(status)), "{ctx}");
            assert_eq!(err.status(), Some(status), "{ctx}");
            assert_eq!(err.code(), Some(&ErrorCode::Ps(status)), "{ctx}");
            assert_eq!(err.category(), Some(category), "{ctx}");
            assert_eq!(
                e.message.as_deref(),
                Some(format!("Request failed with {status}").as_str()),
                "{ctx}"
            );
            assert_eq!(
                e.system_message.as_deref(),
                Some(format!("system detail {status}").as_str()),
                "{ctx}"
            );
            assert_eq!(e.trace_id.as_deref(), Some(TRACE_ID), "{ctx}");
            assert_eq!(
                e.timestamp.as_deref(),
                Some("2019-08-24T14:15:22Z"),
                "{ctx}"
            );
            assert_eq!(e.body, body, "{ctx}");
            assert_eq!(
                e.details["errorCode"],
                format!("PS-{status:04}").as_str(),
                "{ctx}"
            );
            // Issue 10: the event posts append, so a 5xx after sending one is not retryable
            // (it may have been recorded); every other operation is safe to repeat.
            let appends = matches!(operation, "add_delivery_event" | "add_delivery_leg_event");
            assert_eq!(err.is_retryable(), retryable && !appends, "{ctx}");
            assert!(err.may_have_reached_server(), "{ctx}");
            // Issue 10: the systemMessage follows the message.
            assert_eq!(
                err.to_string(),
                format!(
                    "HTTP {status} PS-{status:04}: Request failed with {status}: system detail \
                     {status} (trace id {TRACE_ID})"
                ),
                "{ctx}"
            );
        }
        any.assert_calls_async(7).await;
    }
}

#[tokio::test]
async fn html_502_from_a_gateway_is_an_api_error_with_the_body() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/parcel-journeys");
            then.status(502)
                .header("content-type", "text/html")
                .body("<html><body>Bad Gateway</body></html>");
        })
        .await;
    let client = client_without_retries(&server.base_url());

    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("502");
    mock.assert_calls_async(1).await;
    let e = api(&err);
    assert_eq!(e.status, 502);
    assert!(e.body.contains("Bad Gateway"), "{e:?}");
    assert_eq!(e.code, None);
    assert_eq!(e.message, None);
    assert_eq!(e.details, serde_json::Value::Null);
    assert_eq!(err.category(), Some(ErrorCategory::Server));
    assert!(err.is_retryable());
    assert_eq!(err.to_string(), "HTTP 502: Bad Gateway");
}

#[tokio::test]
async fn empty_503_is_an_api_error() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/delivery-legs/events");
            then.status(503);
        })
        .await;
    let client = client_without_retries(&server.base_url());

    let leg_event = fixtures::leg_event(PostAllocationEventCode::InTransit, "Europe/London");
    let err = client
        .add_delivery_leg_event(&leg_event)
        .await
        .expect_err("503");
    mock.assert_calls_async(1).await;
    let e = api(&err);
    assert_eq!(e.status, 503);
    assert_eq!(e.body, "");
    assert_eq!(e.code, None);
    assert_eq!(e.trace_id, None);
    assert_eq!(err.category(), Some(ErrorCategory::Server));
    assert_eq!(err.to_string(), "HTTP 503: Service Unavailable");
}

#[tokio::test]
async fn undocumented_statuses_keep_their_json_details() {
    let cases = [
        (418, ErrorCategory::Other, false),
        (404, ErrorCategory::NotFound, false),
        (429, ErrorCategory::Other, true),
    ];
    for (status, category, retryable) in cases {
        let server = MockServer::start_async().await;
        let body = error_body(status);
        let mock = server
            .mock_async(|when, then| {
                when.method(DELETE).path("/delivery-legs");
                then.status(status)
                    .header("content-type", "application/json")
                    .body(&body);
            })
            .await;
        let client = client_without_retries(&server.base_url());

        let err = client
            .delete_delivery_legs("TRK-1")
            .await
            .expect_err("error status");
        mock.assert_calls_async(1).await;
        let e = api(&err);
        assert_eq!(e.status, status);
        assert_eq!(e.code, Some(ErrorCode::Ps(status)));
        assert_eq!(
            e.message.as_deref(),
            Some(format!("Request failed with {status}").as_str())
        );
        assert_eq!(e.trace_id.as_deref(), Some(TRACE_ID));
        assert_eq!(e.body, body);
        assert_eq!(err.category(), Some(category), "{status}");
        assert_eq!(err.is_retryable(), retryable, "{status}");
    }
}

#[tokio::test]
async fn trace_id_falls_back_to_the_response_header() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/parcel-journeys");
            then.status(500)
                .header("content-type", "application/json")
                .header("x-trace-id", "hdr-trace-7")
                .body(r#"{"errorCode":"PS-0500","systemMessage":"db down"}"#);
        })
        .await;
    let client = client_without_retries(&server.base_url());

    let err = client
        .parcel_journeys(&JourneyQuery::tracking("TRK-1"))
        .await
        .expect_err("500");
    mock.assert_calls_async(1).await;
    assert_eq!(api(&err).trace_id.as_deref(), Some("hdr-trace-7"));
    assert_eq!(
        err.to_string(),
        "HTTP 500 PS-0500: db down (trace id hdr-trace-7)"
    );
}

#[tokio::test]
async fn huge_error_bodies_are_truncated() {
    let server = MockServer::start_async().await;
    let big = format!(
        r#"{{"errorCode":"PS-0400","message":"{}"}}"#,
        "x".repeat(20_000)
    );
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/deliveries");
            then.status(400)
                .header("content-type", "application/json")
                .body(&big);
        })
        .await;
    let client = client_without_retries(&server.base_url());
    let delivery = fixtures::delivery();
    let err = client.upsert_delivery(&delivery).await.expect_err("400");
    mock.assert_calls_async(1).await;
    let e = api(&err);
    assert_eq!(e.status, 400);
    assert!(e.body.len() <= 4 * 1024, "{}", e.body.len());
    assert!(big.starts_with(&e.body));
}

#[tokio::test]
async fn success_body_of_the_wrong_shape_is_a_decode_error() {
    let server = MockServer::start_async().await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path("/parcel-journeys");
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"not": "an array"}"#);
        })
        .await;
    let search = server
        .mock_async(|when, then| {
            when.method(POST).path("/parcel-journeys/search");
            then.status(200)
                .header("content-type", "text/html")
                .body("<html>maintenance</html>");
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/delivery-legs");
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"message": 2}"#);
        })
        .await;
    let client = client_without_retries(&server.base_url());

    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("decode");
    match &err {
        Error::Decode {
            path,
            message,
            body_snippet,
        } => {
            assert_eq!(path, ".");
            assert!(!message.is_empty());
            assert_eq!(body_snippet, r#"{"not": "an array"}"#);
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert_eq!(err.status(), None);
    assert!(!err.is_retryable());

    let err = client
        .search_parcel_journeys(&ParcelJourneySearch {
            customer_ref: Some("CUST-1".into()),
            email: None,
        })
        .await
        .expect_err("decode");
    assert!(
        matches!(&err, Error::Decode { body_snippet, .. } if body_snippet.contains("maintenance")),
        "{err:?}"
    );

    let err = client
        .delete_delivery_legs("TRK-1")
        .await
        .expect_err("decode");
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "message"),
        "{err:?}"
    );

    get.assert_calls_async(1).await;
    search.assert_calls_async(1).await;
    delete.assert_calls_async(1).await;
}

#[tokio::test]
async fn wrong_type_inside_a_journey_names_the_field() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/parcel-journeys");
            then.status(200)
                .header("content-type", "application/json")
                .body(
                    r#"[{"deliveryRef":"DEL-1","deliveryLegs":[{"trackingIdentifier":"TRK-1","finalDeliveryLeg":"yes"}]}]"#,
                );
        })
        .await;
    let client = client_without_retries(&server.base_url());

    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("decode");
    mock.assert_calls_async(1).await;
    match &err {
        Error::Decode { path, message, .. } => {
            assert!(path.contains("finalDeliveryLeg"), "{path}");
            assert_eq!(path, "[0].deliveryLegs[0].finalDeliveryLeg");
            assert!(message.contains("boolean"), "{message}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert!(err.to_string().contains("finalDeliveryLeg"), "{err}");
}

#[tokio::test]
async fn unknown_codes_and_extra_fields_still_decode() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/parcel-journeys");
            then.status(200)
                .header("content-type", "application/json")
                .body(
                    r#"[{"brandNew":{"x":1},"events":[{"eventCode":"TELEPORTED","eventDate":"2026-11-21T10:00:00Z"},{"eventCode":"in_transit","eventDate":"2026-11-20T10:00:00Z"}]}]"#,
                );
        })
        .await;
    let client = client_without_retries(&server.base_url());

    let journeys = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect("open enums and unknown fields decode");
    mock.assert_calls_async(1).await;
    let events = journeys[0].events_in_order();
    assert_eq!(events[0].event_code, Some(EventCode::InTransit));
    assert_eq!(
        journeys[0].latest_event_code(),
        Some(&EventCode::Other("TELEPORTED".into()))
    );
    assert!(!journeys[0].is_delivered());
}

#[tokio::test]
async fn api_error_display_names_status_and_code_but_no_secret() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/parcel-journeys");
            then.status(401)
                .header("content-type", "application/json")
                .body(error_body(401));
        })
        .await;
    let client = client_without_retries(&server.base_url());

    let err = client
        .parcel_journeys(&JourneyQuery::order("ORDER-1"))
        .await
        .expect_err("401");
    mock.assert_calls_async(1).await;
    let display = err.to_string();
    assert!(display.contains("401"), "{display}");
    assert!(display.contains("PS-0401"), "{display}");
    for text in [display, format!("{err:?}"), format!("{err:#?}")] {
        assert!(!text.contains(PASSWORD), "{text}");
        assert!(!text.contains(BASIC_TOKEN), "{text}");
    }
}
