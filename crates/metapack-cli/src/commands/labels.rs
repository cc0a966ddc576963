//! `metapack labels CODE`: a consignment's labels, decoded into files.

use crate::cli::LabelsArgs;
use crate::commands::consignment::write_labels;
use crate::context::Context;
use crate::exit::{Failure, Result};
use crate::output;

/// Runs `metapack labels CODE`.
pub async fn run(ctx: &Context, args: &LabelsArgs) -> Result<()> {
    let code = args
        .code
        .as_deref()
        .ok_or_else(|| Failure::Usage("name a consignment code, or use `labels batch`".into()))?;
    let shipping = ctx.shipping()?;
    let files = write_labels(
        &shipping,
        code,
        args.format,
        args.dimension.as_deref(),
        &args.out,
    )
    .await?;
    output::files(ctx.json, code, &files)
}
