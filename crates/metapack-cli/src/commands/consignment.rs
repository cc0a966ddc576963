//! `metapack consignment create|get|search|allocate|deallocate|ready|delete`.

use std::path::Path;

use metapack_shipping::types::{Consignment, ConsignmentRequest};
use metapack_shipping::{
    Allocation, ConsignmentSearch, PaperworkOptions, ShippingClient, ShippingRules,
};

use crate::cli::{ConsignmentCommand, Format};
use crate::context::Context;
use crate::exit::{Failure, Result};
use crate::output;

/// Runs a `consignment` command.
pub async fn run(ctx: &Context, command: ConsignmentCommand) -> Result<()> {
    let shipping = ctx.shipping()?;
    match command {
        ConsignmentCommand::Create {
            file,
            allocate,
            labels,
        } => create(ctx, &shipping, &file, allocate, labels.as_deref()).await,
        ConsignmentCommand::Get { code } => {
            let response = shipping
                .get_consignment(&code)
                .await
                .map_err(|e| Failure::api(format!("get consignment {code}"), e))?;
            if ctx.json {
                return output::json(&response);
            }
            match &response.consignment {
                Some(consignment) => show(consignment),
                None => Err(Failure::Refused(format!(
                    "the answer for consignment {code} holds no consignment"
                ))),
            }
        }
        ConsignmentCommand::Search {
            order,
            tracking,
            parcel_tracking,
        } => {
            let search = if let Some(order) = order {
                ConsignmentSearch::order(order)
            } else if let Some(id) = tracking {
                ConsignmentSearch::consignment_tracking(id)
            } else if let Some(id) = parcel_tracking {
                ConsignmentSearch::parcel_tracking(id)
            } else {
                return Err(Failure::Usage(
                    "search by --order, --tracking or --parcel-tracking".into(),
                ));
            };
            let found = shipping
                .search_consignments(&search)
                .await
                .map_err(|e| Failure::api("search consignments", e))?;
            if ctx.json {
                return output::json(&found);
            }
            if found.is_empty() {
                eprintln!("no consignment found");
                return Ok(());
            }
            let mut table =
                output::table(&["code", "status", "orders", "carrier service", "tracking"]);
            for consignment in &found {
                table.add_row(row(consignment));
            }
            output::print_table(&table)
        }
        ConsignmentCommand::Allocate { code, service } => {
            let rules = if service.is_empty() {
                ShippingRules::default()
            } else {
                ShippingRules {
                    carrier_services: Some(service),
                    ..ShippingRules::default()
                }
            };
            let allocation = allocate(&shipping, &code, &rules).await?;
            if ctx.json {
                return output::json(&allocation.into_response());
            }
            match allocation.consignment() {
                Some(consignment) => show(consignment),
                None => output::line(&format!("{code}: allocated")),
            }
        }
        ConsignmentCommand::Deallocate { code } => {
            shipping
                .deallocate_consignment(&code)
                .await
                .map_err(|e| Failure::api(format!("deallocate consignment {code}"), e))?;
            done(ctx, &code, "deallocated")
        }
        ConsignmentCommand::Ready { code, not } => {
            shipping
                .set_ready_to_ship(&code, !not)
                .await
                .map_err(|e| Failure::api(format!("mark consignment {code} ready"), e))?;
            done(
                ctx,
                &code,
                if not {
                    "not ready to manifest"
                } else {
                    "ready to manifest"
                },
            )
        }
        ConsignmentCommand::Delete { code } => {
            shipping
                .delete_consignment(&code)
                .await
                .map_err(|e| Failure::api(format!("delete consignment {code}"), e))?;
            done(ctx, &code, "deleted")
        }
    }
}

/// Prints `CODE: what happened` (or `{"code": ..., "result": ...}`).
fn done(ctx: &Context, code: &str, what: &str) -> Result<()> {
    if ctx.json {
        return output::json(&serde_json::json!({ "code": code, "result": what }));
    }
    output::line(&format!("{code}: {what}"))
}

/// Allocates `code` with the shipping rules of `request` (the request it was created from)
/// unless it is `allocated` already (the create, or the consignment as it is now, names a
/// carrier service); the allocation when it allocated.
pub async fn allocate_unless_allocated(
    shipping: &ShippingClient,
    code: &str,
    allocated: bool,
    request: &ConsignmentRequest,
) -> Result<Option<Allocation>> {
    if allocated {
        return Ok(None);
    }
    let rules = request.shipping_rules.clone().unwrap_or_default();
    allocate(shipping, code, &rules).await.map(Some)
}

/// Allocates `code` with `rules`; no fitting service is a refusal.
pub async fn allocate(
    shipping: &ShippingClient,
    code: &str,
    rules: &ShippingRules,
) -> Result<Allocation> {
    let allocation = shipping
        .allocate_consignment(code, rules)
        .await
        .map_err(|e| {
            Failure::api_once(
                format!("allocate consignment {code}"),
                e,
                format!("`metapack consignment get {code}`"),
            )
        })?;
    if let Allocation::NoServiceAvailable = allocation {
        return Err(Failure::Refused(format!(
            "no carrier service fits consignment {code}: check its parcels and address, or name \
             a service with --service"
        )));
    }
    Ok(allocation)
}

/// Reads a consignment request from `path` (`-`: standard input): a ConsignmentRequest, or
/// the consignment alone.
fn read_request(path: &Path) -> Result<ConsignmentRequest> {
    let text = if path == Path::new("-") {
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| Failure::Usage(format!("cannot read standard input: {e}")))?
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?
    };
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Failure::Usage(format!("{} is not JSON: {e}", path.display())))?;
    let value = if value.get("consignment").is_some() {
        value
    } else {
        serde_json::json!({ "consignment": value })
    };
    serde_json::from_value(value).map_err(|e| {
        Failure::Usage(format!(
            "{} is not a consignment request ({{\"consignment\": {{...}}}}): {e}",
            path.display()
        ))
    })
}

async fn create(
    ctx: &Context,
    shipping: &ShippingClient,
    file: &Path,
    allocate_it: bool,
    labels: Option<&Path>,
) -> Result<()> {
    let request = read_request(file)?;
    let created = shipping.create_consignment(&request).await.map_err(|e| {
        let order = request
            .consignment
            .orders
            .iter()
            .flatten()
            .find_map(|o| o.order_ref.as_deref())
            .unwrap_or("REF");
        Failure::api_once(
            "create the consignment",
            e,
            format!("`metapack consignment search --order {order}`"),
        )
    })?;
    let code = created.code().to_owned();
    eprintln!("created consignment {code}");
    let mut response = created.into_response();
    let allocated = response
        .consignment
        .as_ref()
        .is_some_and(|c| c.carrier_service_code().is_some());
    if (allocate_it || labels.is_some())
        && let Some(allocation) =
            allocate_unless_allocated(shipping, &code, allocated, &request).await?
        && let Some(allocated) = allocation.into_response()
    {
        response = allocated;
    }
    let files = match labels {
        Some(dir) => write_labels(shipping, &code, Format::Pdf, None, dir).await?,
        None => Vec::new(),
    };
    if ctx.json {
        let mut value = serde_json::to_value(&response)
            .map_err(|e| Failure::Local(format!("cannot print JSON: {e}")))?;
        if labels.is_some()
            && let Some(object) = value.as_object_mut()
        {
            object.insert("files".into(), serde_json::json!(files));
        }
        return output::json(&value);
    }
    if let Some(consignment) = &response.consignment {
        show(consignment)?;
    }
    for file in files {
        output::line(&file.display().to_string())?;
    }
    Ok(())
}

/// Fetches the labels of `code` and writes them into `dir`.
pub async fn write_labels(
    shipping: &ShippingClient,
    code: &str,
    format: Format,
    dimension: Option<&str>,
    dir: &Path,
) -> Result<Vec<std::path::PathBuf>> {
    let mut options = PaperworkOptions::new().format(match format {
        Format::Pdf => metapack_shipping::PaperworkFormat::Pdf,
        Format::Png => metapack_shipping::PaperworkFormat::Png,
        Format::Zpl => metapack_shipping::PaperworkFormat::Zpl,
    });
    if let Some(dimension) = dimension {
        options = options.dimension(dimension);
    }
    let paperwork = shipping
        .get_consignment_paperwork(code, &options)
        .await
        .map_err(|e| Failure::api(format!("get the labels of consignment {code}"), e))?;
    let documents = paperwork.label_documents().map_err(|e| {
        Failure::Refused(format!(
            "the labels of consignment {code} cannot be decoded: {e}"
        ))
    })?;
    if documents.is_empty() {
        return Err(Failure::Refused(format!(
            "consignment {code} has no label: is it allocated? (metapack consignment get {code})"
        )));
    }
    output::write_documents(dir, code, &documents)
}

/// A table row: code, status, orders, carrier service, tracking numbers.
fn row(consignment: &Consignment) -> [String; 5] {
    [
        output::or_dash(consignment.consignment_code.as_deref()),
        consignment
            .lifecycle_status()
            .map_or_else(|| "-".to_owned(), ToString::to_string),
        orders(consignment),
        output::or_dash(consignment.carrier_service_code()),
        {
            let ids = consignment.parcel_tracking_identifiers();
            if ids.is_empty() {
                "-".to_owned()
            } else {
                ids.join(" ")
            }
        },
    ]
}

fn orders(consignment: &Consignment) -> String {
    let refs: Vec<&str> = consignment
        .orders
        .iter()
        .flatten()
        .filter_map(|o| o.order_ref.as_deref())
        .collect();
    if refs.is_empty() {
        "-".to_owned()
    } else {
        refs.join(" ")
    }
}

/// A consignment as `key value` lines.
fn show(consignment: &Consignment) -> Result<()> {
    let [code, status, orders, service, tracking] = row(consignment);
    let mut table = output::table(&["consignment", &code]);
    for (key, value) in [
        ("status", status),
        ("orders", orders),
        ("carrier service", service),
        ("tracking", tracking),
    ] {
        table.add_row([key.to_owned(), value]);
    }
    output::print_table(&table)
}
