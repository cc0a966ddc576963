//! `metapack manifest create|paperwork`.

use metapack_shipping::ManifestBuilder;

use crate::cli::ManifestCommand;
use crate::context::Context;
use crate::exit::{Failure, Result};
use crate::output;

/// Runs a `manifest` command.
pub async fn run(ctx: &Context, command: ManifestCommand) -> Result<()> {
    let shipping = ctx.shipping()?;
    match command {
        ManifestCommand::Create {
            carrier,
            warehouse,
            group,
        } => {
            let mut builder = ManifestBuilder::new()
                .carrier(&carrier)
                .shipping_location(&warehouse);
            if let Some(group) = group {
                builder = builder.manifest_group(group);
            }
            let request = builder
                .build()
                .map_err(|e| Failure::Usage(format!("manifest: {e}")))?;
            let created = shipping.create_manifest(&request).await.map_err(|e| {
                Failure::api_once(
                    format!("manifest {carrier} at {warehouse}"),
                    e,
                    format!("Metapack's manifests of {carrier} at {warehouse}"),
                )
            })?;
            if ctx.json {
                return output::json(&created.response);
            }
            match &created.manifest_code {
                Some(code) => output::line(code),
                None => Err(Failure::Refused(
                    "the manifest was created but its answer names no manifest code; do not \
                     repeat the command: look for it in Metapack"
                        .into(),
                )),
            }
        }
        ManifestCommand::Paperwork { code, out } => {
            let paperwork = shipping
                .get_manifest_paperwork(&code)
                .await
                .map_err(|e| Failure::api(format!("get the paperwork of manifest {code}"), e))?;
            let documents = paperwork.documents().map_err(|e| {
                Failure::Refused(format!(
                    "the paperwork of manifest {code} cannot be decoded: {e}"
                ))
            })?;
            let files = output::write_documents(&out, &code, &documents)?;
            output::files(ctx.json, &code, &files)
        }
    }
}
