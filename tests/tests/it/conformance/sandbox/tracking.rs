//! Tracking's request examples against the sandbox; the docs give the statuses and the
//! `PS-nnnn` error codes.

use metapack_tracking::types as t;
use reqwest::Method;
use serde_json::{Value, json};

use super::{Answer, Ctx, Outcome, conforms, example, method_of, send, with_line};

const JSON: &str = "application/json";

fn file(name: &str) -> Value {
    example("tracking", name)
}

async fn post(ctx: &Ctx, path: &str, body: &Value) -> Result<Answer, String> {
    send(ctx.tracking(Method::POST, path), Some((JSON, body))).await
}

async fn send_line(ctx: &Ctx, name: &str) -> Result<Answer, String> {
    let line = file(name);
    let path = line["path"].as_str().unwrap_or_default().to_owned();
    send(
        with_line(ctx.tracking(method_of(&line), &path), &line),
        None,
    )
    .await
}

/// The delivery and delivery event examples are accepted (204).
pub async fn deliveries(ctx: &Ctx) -> Outcome {
    post(ctx, "/deliveries", &file("upsert_delivery.request.json"))
        .await?
        .expect(204, "POST /deliveries")?;
    post(
        ctx,
        "/deliveries/events",
        &file("add_delivery_event.request.json"),
    )
    .await?
    .expect(204, "POST /deliveries/events")
}

/// The delivery leg and leg event examples are accepted (204).
pub async fn delivery_legs(ctx: &Ctx) -> Outcome {
    post(
        ctx,
        "/delivery-legs",
        &file("upsert_delivery_leg.request.json"),
    )
    .await?
    .expect(204, "POST /delivery-legs")?;
    post(
        ctx,
        "/delivery-legs/events",
        &file("add_delivery_leg_event.request.json"),
    )
    .await?
    .expect(204, "POST /delivery-legs/events")
}

/// The documented query finds the journey the delivery, leg and events above make.
pub async fn get_parcel_journeys(ctx: &Ctx) -> Outcome {
    deliveries(ctx).await?;
    delivery_legs(ctx).await?;
    let answer = send_line(ctx, "get_parcel_journeys.curl.json").await?;
    answer.expect(200, "GET /parcel-journeys")?;
    conforms(&ctx.tracking, "get_parcel_journeys", &answer)?;
    serde_json::from_value::<Vec<t::ParcelJourney>>(answer.body.clone())
        .map_err(|e| format!("GET /parcel-journeys does not decode: {e}"))?;
    let tracking = file("upsert_delivery_leg.request.json")["trackingIdentifier"].clone();
    let has_leg = answer.body.as_array().is_some_and(|journeys| {
        journeys.iter().any(|journey| {
            journey["deliveryLegs"]
                .as_array()
                .is_some_and(|legs| legs.iter().any(|leg| leg["trackingIdentifier"] == tracking))
        })
    });
    if !has_leg {
        return Err(format!(
            "no journey with the leg {tracking}: {}",
            answer.body
        ));
    }
    let event = file("add_delivery_leg_event.request.json")["eventCode"].clone();
    if !answer
        .body
        .to_string()
        .contains(event.as_str().unwrap_or("?"))
    {
        return Err(format!(
            "the journey does not show the event {event}: {}",
            answer.body
        ));
    }
    Ok(())
}

/// Two legs share the documented tracking identifier (they differ by parcel reference); the
/// documented DELETE removes both and answers the documented message.
pub async fn delete_delivery_legs(ctx: &Ctx) -> Outcome {
    let mut leg = file("upsert_delivery_leg.request.json");
    let tracking = file("delete_delivery_legs.curl.json")["query"]["trackingIdentifier"].clone();
    leg["trackingIdentifier"] = tracking;
    for parcel in ["PARCEL-10001-1", "PARCEL-10001-2"] {
        leg["parcel"]["parcelRef"] = json!(parcel);
        post(ctx, "/delivery-legs", &leg)
            .await?
            .expect(204, "POST /delivery-legs")?;
    }
    let answer = send_line(ctx, "delete_delivery_legs.curl.json").await?;
    answer.expect(200, "DELETE /delivery-legs")?;
    conforms(&ctx.tracking, "delete_delivery_legs", &answer)?;
    let documented = file("delete_delivery_legs.response.200.json");
    if answer.body != documented {
        return Err(format!(
            "DELETE /delivery-legs answered {}, the docs show {documented}",
            answer.body
        ));
    }
    Ok(())
}

/// The Bad Request examples: each write without a required field gets 400 `PS-0400` in the
/// documented error shape.
pub async fn bad_requests(ctx: &Ctx) -> Outcome {
    for (operation, path, file_name, field) in [
        (
            "upsert_delivery_leg",
            "/delivery-legs",
            "upsert_delivery_leg.request.json",
            "trackingIdentifier",
        ),
        (
            "add_delivery_leg_event",
            "/delivery-legs/events",
            "add_delivery_leg_event.request.json",
            "eventDate",
        ),
        (
            "upsert_delivery",
            "/deliveries",
            "upsert_delivery.request.json",
            "deliveryRef",
        ),
        (
            "add_delivery_event",
            "/deliveries/events",
            "add_delivery_event.request.json",
            "eventTimeZone",
        ),
    ] {
        let mut body = file(file_name);
        if let Some(fields) = body.as_object_mut() {
            fields.remove(field);
        }
        let answer = post(ctx, path, &body).await?;
        answer.expect_error(
            400,
            "errorCode",
            "PS-0400",
            &format!("{path} without {field}"),
        )?;
        conforms(&ctx.tracking, operation, &answer)?;
        let example = file(&format!("{operation}.response.400.json"));
        for key in example.as_object().into_iter().flat_map(|o| o.keys()) {
            if answer.body.get(key).is_none() {
                return Err(format!(
                    "{path}: the 400 body lacks the documented {key}: {}",
                    answer.body
                ));
            }
        }
    }
    Ok(())
}
