//! One module per command group; [`run`] dispatches.

mod config;
pub(crate) mod consignment;
mod labels;
mod manifest;
mod mm;
mod options;
mod sandbox;
mod track;

use clap::{ArgMatches, CommandFactory as _};

use crate::cli::{Cli, Command, LabelsCommand};
use crate::context::{self, Context};
use crate::exit::Result;

/// Runs the command of `cli`.
pub async fn run(cli: Cli, matches: &ArgMatches) -> Result<()> {
    let global = &cli.global;
    match cli.command {
        Command::Completions { shell } => {
            // Generated into memory: clap_complete panics when a write fails, and a closed
            // pipe (`| head`) is not an error.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "metapack", &mut script);
            let script = String::from_utf8_lossy(&script);
            crate::output::line(script.strip_suffix('\n').unwrap_or(&script))
        }
        Command::Sandbox(args) => sandbox::run(&args).await,
        Command::Config(command) => {
            // `config` works on a profile not yet in the file: `config set` creates it.
            let settings = context::settings(global, matches, true)?;
            config::run(command, settings, global.json)
        }
        command => {
            let settings = context::settings(global, matches, false)?;
            let ctx = Context::new(settings, global.json).await?;
            match command {
                Command::Track(args) => track::run(&ctx, &args).await,
                Command::Consignment(command) => consignment::run(&ctx, command).await,
                Command::Labels(args) => match args.batch {
                    Some(LabelsCommand::Batch(batch)) => crate::batch::run(&ctx, &batch).await,
                    None => labels::run(&ctx, &args).await,
                },
                Command::Options(args) => options::run(&ctx, &args).await,
                Command::Manifest(command) => manifest::run(&ctx, command).await,
                Command::Mm(command) => mm::run(&ctx, command).await,
                Command::Completions { .. } | Command::Sandbox(_) | Command::Config(_) => Ok(()),
            }
        }
    }
}
