//! `metapack sandbox`: the sandbox server, until Ctrl-C.

use metapack_sandbox::{Faults, Sandbox};

use crate::cli::SandboxArgs;
use crate::exit::{Failure, Result};
use crate::output;

/// Runs `metapack sandbox`.
pub async fn run(args: &SandboxArgs) -> Result<()> {
    let mut builder = Sandbox::builder()
        .port(args.port)
        .request_log_size(args.request_log_size)
        .log_requests(args.log);
    if let Some(faults) = &args.faults {
        let faults = Faults::parse(faults).map_err(|e| Failure::Usage(format!("--faults: {e}")))?;
        builder = builder.faults(faults);
    }
    if let Some(seed) = args.seed {
        builder = builder.seed(seed);
    }
    let sandbox = builder
        .start()
        .await
        .map_err(|e| Failure::Local(format!("cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
    let base = sandbox.base_url().to_owned();
    output::line(&format!("sandbox: {base}"))?;
    output::line(&format!("shipping: {}", sandbox.shipping().url()))?;
    output::line(&format!("tracking: {}", sandbox.tracking().url()))?;
    output::line(&format!(
        "delivery-options: {}",
        sandbox.delivery_options().url()
    ))?;
    output::line(&format!("mm-api: {}", sandbox.mm_api().url()))?;
    output::line(&format!(
        "use it: metapack --sandbox-url {base} track ORDER-1 (or export METAPACK_SANDBOX_URL={base})"
    ))?;
    eprintln!("metapack: serving the sandbox until Ctrl-C");
    shutdown_signal().await;
    sandbox.shutdown().await;
    Ok(())
}

/// Waits for Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        if let Ok(mut terminate) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
