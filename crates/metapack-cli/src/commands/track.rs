//! `metapack track`: parcel journeys as timelines, latest event first.

use metapack_tracking::JourneyQuery;
use metapack_tracking::types::{JourneyEvent, ParcelJourney};

use crate::cli::TrackArgs;
use crate::context::Context;
use crate::exit::{Failure, Result};
use crate::output;

/// Runs `metapack track`.
pub async fn run(ctx: &Context, args: &TrackArgs) -> Result<()> {
    let tracking = ctx.tracking()?;
    let queries: Vec<(String, JourneyQuery)> = if let Some(order) = &args.order_ref {
        vec![(format!("order {order}"), JourneyQuery::order(order))]
    } else if let Some(id) = &args.tracking {
        vec![(format!("tracking number {id}"), JourneyQuery::tracking(id))]
    } else if let Some(code) = &args.consignment {
        let consignment = ctx
            .shipping()?
            .get_consignment(code)
            .await
            .map_err(|e| Failure::api(format!("get consignment {code}"), e))?;
        let ids = consignment.parcel_tracking_identifiers();
        if ids.is_empty() {
            return Err(Failure::Refused(format!(
                "consignment {code} has no tracked parcel yet: allocate it first \
                 (metapack consignment allocate {code})"
            )));
        }
        ids.into_iter()
            .map(|id| (format!("tracking number {id}"), JourneyQuery::tracking(id)))
            .collect()
    } else {
        return Err(Failure::Usage(
            "name an order reference, --tracking ID or --consignment CODE".into(),
        ));
    };
    let mut journeys = Vec::new();
    let mut names = Vec::new();
    for (name, query) in queries {
        let found = tracking
            .parcel_journeys(&query)
            .await
            .map_err(|e| Failure::api(format!("track {name}"), e))?;
        journeys.extend(found);
        names.push(name);
    }
    if ctx.json {
        return output::json(&journeys);
    }
    if journeys.is_empty() {
        eprintln!("no parcel journey found for {}", names.join(", "));
        return Ok(());
    }
    for (index, journey) in journeys.iter().enumerate() {
        if index > 0 {
            output::line("")?;
        }
        show(journey)?;
    }
    Ok(())
}

/// One journey: a heading, the promise, then the events latest first.
fn show(journey: &ParcelJourney) -> Result<()> {
    let state = if journey.is_delivered() {
        "delivered"
    } else if journey.is_exception() {
        "exception"
    } else {
        "on its way"
    };
    output::line(&format!(
        "parcel {} with {}: {state}",
        journey.tracking_number().unwrap_or("?"),
        journey
            .carrier_name()
            .or(journey.carrier_code())
            .unwrap_or("?"),
    ))?;
    let promise = journey
        .promised_delivery_date()
        .map(|d| format!("promised by {}", d.format("%a %d %b %Y %H:%M UTC")));
    let expected = journey
        .expected_delivery_date()
        .map(|d| format!("expected {}", d.format("%a %d %b %Y %H:%M UTC")));
    let promise: Vec<String> = promise.into_iter().chain(expected).collect();
    if !promise.is_empty() {
        output::line(&format!("delivery {}", promise.join(", ")))?;
    }
    let mut table = output::table(&["date", "event", "location"]);
    for event in journey.events_in_order().into_iter().rev() {
        table.add_row([
            event.event_date.map_or_else(
                || "-".to_owned(),
                |d| d.format("%Y-%m-%d %H:%M").to_string(),
            ),
            event
                .event_code
                .as_ref()
                .map_or_else(|| "-".to_owned(), ToString::to_string),
            location(event),
        ]);
    }
    output::print_table(&table)
}

fn location(event: &JourneyEvent) -> String {
    let Some(location) = &event.event_location else {
        return "-".to_owned();
    };
    let parts: Vec<&str> = [&location.name, &location.city, &location.post_code]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .filter(|p| !p.trim().is_empty())
        .collect();
    if parts.is_empty() {
        "-".to_owned()
    } else {
        parts.join(", ")
    }
}
