//! `metapack mm allocate|consignment|documents|close-list` (MetaPack Manager API).

use std::path::{Path, PathBuf};

use metapack_mm_api::model::{Consignment, ConsignmentList, DocumentParams};
use metapack_mm_api::uri::{ConsignmentUri, ShipmentUri};
use metapack_mm_api::values::AcceptableConsignmentStatus;
use metapack_mm_api::{AllocationRequest, MmApiClient};
use uuid::Uuid;

use crate::cli::MmCommand;
use crate::context::Context;
use crate::exit::{Failure, Result};
use crate::output;

/// A consignment's URI from its UUID or URI.
fn consignment_uri(mm: &MmApiClient, text: &str) -> ConsignmentUri {
    match Uuid::try_parse(text.trim()) {
        Ok(id) => ConsignmentUri::for_uuid(mm.host(), id),
        Err(_) => ConsignmentUri::new(text.trim()),
    }
}

/// Runs an `mm` command.
pub async fn run(ctx: &Context, command: MmCommand) -> Result<()> {
    let mm = ctx.mm()?;
    match command {
        MmCommand::Allocate { shipment, labels } => {
            let uri = match Uuid::try_parse(shipment.trim()) {
                Ok(id) => ShipmentUri::for_uuid(mm.host(), id),
                Err(_) => ShipmentUri::new(shipment.trim()),
            };
            let allocation = mm
                .allocate(&AllocationRequest::shipment_uri(uri))
                .await
                .map_err(|e| {
                    Failure::api_once(
                        format!("allocate shipment {shipment}"),
                        e,
                        format!("Metapack Manager, for a consignment of shipment {shipment}"),
                    )
                })?;
            let files = match &labels {
                Some(dir) => write_documents(&mm, &allocation.consignment, true, dir).await?,
                None => Vec::new(),
            };
            if ctx.json {
                return output::json(&allocation.consignment);
            }
            output::line(allocation.uri.as_str())?;
            for file in files {
                output::line(&file.display().to_string())?;
            }
            Ok(())
        }
        MmCommand::Consignment { consignment } => {
            let uri = consignment_uri(&mm, &consignment);
            let found = mm
                .get_consignment(&uri)
                .await
                .map_err(|e| Failure::api(format!("get consignment {consignment}"), e))?;
            if ctx.json {
                return output::json(&found);
            }
            let mut table = output::table(&["consignment", uri.as_str()]);
            table.add_row(["labels".to_owned(), found.label_urls().len().to_string()]);
            table.add_row([
                "documents".to_owned(),
                found.paperwork_urls().len().to_string(),
            ]);
            table.add_row(["tracking".to_owned(), found.tracking_urls().join(" ")]);
            output::print_table(&table)
        }
        MmCommand::Documents { consignment, out } => {
            let uri = consignment_uri(&mm, &consignment);
            let found = mm
                .get_consignment(&uri)
                .await
                .map_err(|e| Failure::api(format!("get consignment {consignment}"), e))?;
            let files = write_documents(&mm, &found, false, &out).await?;
            let name = uri.id().unwrap_or("consignment").to_owned();
            output::files(ctx.json, &name, &files)
        }
        MmCommand::CloseList {
            consignments,
            ready,
        } => {
            let uris: Vec<ConsignmentUri> = consignments
                .iter()
                .map(|c| consignment_uri(&mm, c))
                .collect();
            if ready {
                for uri in &uris {
                    mm.patch_consignment_status(uri, AcceptableConsignmentStatus::ReadyToManifest)
                        .await
                        .map_err(|e| {
                            Failure::api(format!("mark {} ready to manifest", uri.as_str()), e)
                        })?;
                }
            }
            let closed = mm
                .close_consignment_list(&ConsignmentList::close(uris))
                .await
                .map_err(|e| {
                    Failure::api_once(
                        "close the consignment list",
                        e,
                        "Metapack Manager's consignment lists (manifests)",
                    )
                })?;
            if ctx.json {
                return output::json(&closed.reference);
            }
            output::line(closed.uri.as_str())
        }
    }
}

/// Fetches a consignment's labels (and, unless `labels_only`, its other paperwork) into
/// `dir` as `<id>_<n>.<ext>`.
async fn write_documents(
    mm: &MmApiClient,
    consignment: &Consignment,
    labels_only: bool,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    let mut urls = consignment.label_urls();
    if !labels_only {
        urls.extend(consignment.paperwork_urls());
    }
    let name = consignment
        .id
        .as_ref()
        .and_then(|id| id.id())
        .unwrap_or("consignment")
        .to_owned();
    let mut documents = Vec::with_capacity(urls.len());
    for url in urls {
        let content = mm
            .get_document(url, &DocumentParams::default())
            .await
            .map_err(|e| Failure::api(format!("get document {}", url.as_str()), e))?;
        documents.push(metapack_shipping::Document::from_bytes(content.bytes));
    }
    output::write_documents(dir, &name, &documents)
}
