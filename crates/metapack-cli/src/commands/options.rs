//! `metapack options`: the delivery options for an address, as a table.

use metapack_delivery_options::types::OptionType;
use metapack_delivery_options::{Destination, FindOptions, Warehouse};

use crate::cli::{OptionKind, OptionsArgs};
use crate::context::Context;
use crate::exit::{Failure, Result};
use crate::output;

/// Runs `metapack options`.
pub async fn run(ctx: &Context, args: &OptionsArgs) -> Result<()> {
    let client = ctx.delivery_options()?;
    let mut find = FindOptions::new(
        Warehouse::code(&args.warehouse),
        Destination::postcode(&args.country, &args.postcode),
    );
    if !args.types.is_empty() {
        find = find.option_types(args.types.iter().map(|kind| match kind {
            OptionKind::Home => OptionType::Home,
            OptionKind::Pudo => OptionType::Pudo,
            OptionKind::Store => OptionType::Ownstore,
        }));
    }
    if let Some(limit) = args.limit {
        find = find.limit(limit);
    }
    let found = client.find(&find).await.map_err(|e| {
        Failure::api(
            format!(
                "find delivery options for {} {}",
                args.country, args.postcode
            ),
            e,
        )
    })?;
    if ctx.json {
        return output::json(found.options());
    }
    if found.is_empty() {
        eprintln!("no delivery option for {} {}", args.country, args.postcode);
        return Ok(());
    }
    let mut table = output::table(&[
        "type",
        "name",
        "charge",
        "delivery",
        "distance",
        "booking code",
    ]);
    for option in found.options() {
        let window = match (option.earliest_delivery(), option.latest_delivery()) {
            (Some(from), Some(to)) if from.date_naive() == to.date_naive() => format!(
                "{} {}-{}",
                from.format("%a %d %b"),
                from.format("%H:%M"),
                to.format("%H:%M")
            ),
            (Some(from), Some(to)) => {
                format!(
                    "{} - {}",
                    from.format("%a %d %b %H:%M"),
                    to.format("%a %d %b %H:%M")
                )
            }
            (Some(from), None) => from.format("%a %d %b %H:%M").to_string(),
            _ => "-".to_owned(),
        };
        table.add_row([
            option
                .option_type
                .as_ref()
                .map_or_else(|| "-".to_owned(), ToString::to_string),
            output::or_dash(
                option
                    .store_name
                    .as_deref()
                    .or(option.carrier_service_name.as_deref()),
            ),
            option
                .shipping_charge
                .map_or_else(|| "-".to_owned(), |c| format!("{c:.2}")),
            window,
            option
                .distance_metres()
                .map_or_else(|| "-".to_owned(), |m| format!("{:.1} km", m / 1000.0)),
            option
                .booking_code()
                .map_or_else(|| "-".to_owned(), |b| b.to_string()),
        ]);
    }
    output::print_table(&table)
}
