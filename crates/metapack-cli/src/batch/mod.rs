//! `metapack labels batch`: one consignment per CSV row, created, allocated and printed with
//! bounded concurrency; safe to run again (see [`journal`]).

pub mod journal;
pub mod rows;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use metapack_shipping::{ConsignmentSearch, ShippingClient};
use serde::Serialize;
use tokio::sync::Semaphore;

use crate::cli::{BatchArgs, Format};
use crate::commands::consignment::{allocate_unless_allocated, write_labels};
use crate::context::Context;
use crate::exit::{self, Failure, Result};
use crate::output;
use journal::{Entry, Journal, Known, Step};
use rows::Row;

/// The results file's name in the output directory.
pub const RESULTS_FILE: &str = "results.csv";

/// How a row ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Status {
    /// Created and printed by this run.
    Printed,
    /// Found by its order reference (a create of an earlier run reached Metapack) and
    /// printed by this run.
    Recovered,
    /// Done by an earlier run: skipped.
    DoneEarlier,
    /// Failed: see the error.
    Failed,
}

/// One line of the results CSV.
#[derive(Clone, Debug, Serialize)]
struct Outcome {
    line: u64,
    order_ref: String,
    status: Status,
    consignment_code: String,
    tracking_number: String,
    labels: String,
    error: String,
    #[serde(skip)]
    exit_code: u8,
}

/// What every row task shares.
struct Shared {
    shipping: ShippingClient,
    journal: Journal,
    out: PathBuf,
    format: Format,
    dimension: Option<String>,
}

/// Runs `metapack labels batch`.
pub async fn run(ctx: &Context, args: &BatchArgs) -> Result<()> {
    let rows = match rows::read(&args.csv) {
        Ok(rows) => rows,
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            return Err(Failure::Usage(format!(
                "{} has {} problem(s), listed above: fix them and run again (nothing was sent)",
                args.csv.display(),
                problems.len()
            )));
        }
    };
    let shipping = ctx.shipping()?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::io("create the directory", &args.out, &e))?;
    let (journal, known) = Journal::open(&args.out)?;
    let shared = Arc::new(Shared {
        shipping,
        journal,
        out: args.out.clone(),
        format: args.format,
        dimension: args.dimension.clone(),
    });

    let progress =
        ProgressBar::with_draw_target(Some(rows.len() as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} rows ({per_sec}) {msg}",
    ) {
        progress.set_style(style);
    }
    let permits = Arc::new(Semaphore::new(usize::from(args.concurrency)));
    let mut tasks = tokio::task::JoinSet::new();
    for row in rows {
        let known = known.get(&row.order_ref).cloned().unwrap_or_default();
        let shared = Arc::clone(&shared);
        let permits = Arc::clone(&permits);
        let progress = progress.clone();
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let outcome = process(&shared, &row, known).await;
            progress.inc(1);
            outcome
        });
    }
    let mut outcomes = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(outcome) => outcomes.push(outcome),
            Err(e) => return Err(Failure::Local(format!("a row task stopped: {e}"))),
        }
    }
    progress.finish_and_clear();
    outcomes.sort_by_key(|o| o.line);
    let results = args.out.join(RESULTS_FILE);
    write_results(&results, &outcomes)?;
    summarise(ctx, args, &outcomes, &results)
}

/// Prints the summary and turns failed rows into the exit code.
fn summarise(ctx: &Context, args: &BatchArgs, outcomes: &[Outcome], results: &Path) -> Result<()> {
    let count = |status| outcomes.iter().filter(|o| o.status == status).count();
    let (printed, recovered, earlier, failed) = (
        count(Status::Printed),
        count(Status::Recovered),
        count(Status::DoneEarlier),
        count(Status::Failed),
    );
    if ctx.json {
        output::json(&serde_json::json!({
            "rows": outcomes.len(),
            "printed": printed,
            "recovered": recovered,
            "doneEarlier": earlier,
            "failed": failed,
            "results": results,
            "journal": args.out.join(journal::FILE_NAME),
        }))?;
    } else {
        output::line(&format!(
            "{} rows: {printed} printed, {recovered} recovered from an earlier run, {earlier} done earlier, {failed} failed; results in {}",
            outcomes.len(),
            results.display()
        ))?;
    }
    for outcome in outcomes
        .iter()
        .filter(|o| o.status == Status::Failed)
        .take(10)
    {
        eprintln!(
            "{}:{}: {}: {}",
            args.csv.display(),
            outcome.line,
            outcome.order_ref,
            outcome.error
        );
    }
    if failed == 0 {
        return Ok(());
    }
    let message = format!(
        "{failed} of {} rows failed (see {}); run the same command again to retry them: rows done are skipped",
        outcomes.len(),
        results.display()
    );
    if failed == outcomes.len() {
        // Nothing worked: the first row's error says why (credentials, service down, ...).
        let code = outcomes.first().map_or(exit::PARTIAL, |o| o.exit_code);
        return Err(match code {
            exit::REFUSED => Failure::Refused(message),
            exit::USAGE => Failure::Usage(message),
            exit::FAILURE => Failure::Local(message),
            exit::UNAVAILABLE => Failure::Unavailable(message),
            _ => Failure::Partial(message),
        });
    }
    Err(Failure::Partial(message))
}

/// Writes the results CSV.
fn write_results(path: &Path, outcomes: &[Outcome]) -> Result<()> {
    let mut writer = csv::Writer::from_path(path)
        .map_err(|e| Failure::Local(format!("cannot write {}: {e}", path.display())))?;
    for outcome in outcomes {
        writer
            .serialize(outcome)
            .map_err(|e| Failure::Local(format!("cannot write {}: {e}", path.display())))?;
    }
    writer.flush().map_err(|e| Failure::io("write", path, &e))
}

/// One row: recognise what earlier runs did, create (at most once), allocate, print.
async fn process(shared: &Shared, row: &Row, known: Known) -> Outcome {
    let mut outcome = Outcome {
        line: row.line,
        order_ref: row.order_ref.clone(),
        status: Status::Printed,
        consignment_code: known.code.clone().unwrap_or_default(),
        tracking_number: known.tracking.clone().unwrap_or_default(),
        labels: String::new(),
        error: String::new(),
        exit_code: exit::OK,
    };
    if let (Some(labels), Some(_)) = (&known.labels, &known.code) {
        outcome.status = Status::DoneEarlier;
        outcome.labels = join_paths(labels);
        return outcome;
    }
    match print_row(shared, row, known, &mut outcome).await {
        Ok(()) => outcome,
        Err(failure) => {
            outcome.status = Status::Failed;
            outcome.exit_code = failure.exit_code();
            outcome.error = failure.to_string();
            let _ = shared.journal.write(
                &Entry {
                    order_ref: row.order_ref.clone(),
                    step: Some(Step::Failed),
                    code: Some(outcome.consignment_code.clone()).filter(|c| !c.is_empty()),
                    error: Some(outcome.error.clone()),
                    ..Entry::default()
                },
                false,
            );
            outcome
        }
    }
}

fn join_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(";")
}

/// Looks the order reference up: `Some(code)` when exactly one consignment has it, `None`
/// when none has; more than one is an error (never guessed).
async fn look_up(shipping: &ShippingClient, order_ref: &str) -> Result<Option<String>> {
    let found = shipping
        .search_consignments(&ConsignmentSearch::order(order_ref))
        .await
        .map_err(|e| Failure::api(format!("look up order {order_ref}"), e))?;
    let codes: Vec<&str> = found
        .iter()
        .filter_map(|c| c.consignment_code.as_deref())
        .collect();
    match codes.as_slice() {
        [] => Ok(None),
        [code] => Ok(Some((*code).to_owned())),
        many => Err(Failure::Refused(format!(
            "{} consignments already have order reference {order_ref} ({}): not creating another; \
             delete the extra ones or give the row a new order reference",
            many.len(),
            many.join(", ")
        ))),
    }
}

async fn print_row(shared: &Shared, row: &Row, known: Known, outcome: &mut Outcome) -> Result<()> {
    let shipping = &shared.shipping;
    let journal_entry = |step, code: Option<&str>, tracking: Option<&str>| Entry {
        order_ref: row.order_ref.clone(),
        step: Some(step),
        code: code.map(str::to_owned),
        tracking: tracking.map(str::to_owned),
        ..Entry::default()
    };
    // 1. The consignment: known, found by order reference, or created once.
    let mut code = known.code.clone();
    if code.is_none() && known.uncertain {
        code = look_up(shipping, &row.order_ref).await?;
        if code.is_some() {
            outcome.status = Status::Recovered;
        }
    }
    // Whether the consignment is allocated, and its tracking number, when known.
    let mut allocated: Option<Option<String>> = None;
    let code = match code {
        Some(code) => code,
        None => {
            shared
                .journal
                .write(&journal_entry(Step::Creating, None, None), true)?;
            match shipping.create_consignment(&row.request).await {
                Ok(created) => {
                    if created.carrier_service_code().is_some() {
                        allocated = Some(created.tracking_number().map(str::to_owned));
                    }
                    created.code().to_owned()
                }
                Err(error) => {
                    // An answer that may hide a created consignment: look before giving up.
                    let unsure = error.may_have_reached_server()
                        && matches!(error.status(), None | Some(408 | 429 | 500..=599));
                    let found = if unsure {
                        look_up(shipping, &row.order_ref).await.ok().flatten()
                    } else {
                        None
                    };
                    match found {
                        Some(code) => {
                            outcome.status = Status::Recovered;
                            code
                        }
                        None => {
                            return Err(Failure::api_once(
                                format!("create the consignment of order {}", row.order_ref),
                                error,
                                format!("`metapack consignment search --order {}`", row.order_ref),
                            ));
                        }
                    }
                }
            }
        }
    };
    outcome.consignment_code.clone_from(&code);
    shared.journal.write(
        &journal_entry(
            Step::Created,
            Some(&code),
            allocated.clone().flatten().as_deref(),
        ),
        false,
    )?;

    // 2. Allocation, unless the create did it (a carrier service in the row).
    let tracking = match allocated {
        Some(tracking) => tracking,
        None => {
            let current = shipping
                .get_consignment(&code)
                .await
                .map_err(|e| Failure::api(format!("get consignment {code}"), e))?;
            let already = current.carrier_service_code().is_some();
            match allocate_unless_allocated(shipping, &code, already, &row.request).await? {
                Some(allocation) => allocation.tracking_number().map(str::to_owned),
                None => current.tracking_number().map(str::to_owned),
            }
        }
    };

    // 3. Labels.
    let files = write_labels(
        shipping,
        &code,
        shared.format,
        shared.dimension.as_deref(),
        &shared.out,
    )
    .await?;
    outcome.tracking_number = tracking.clone().unwrap_or_default();
    outcome.labels = join_paths(&files);
    let mut done = journal_entry(Step::Done, Some(&code), tracking.as_deref());
    done.labels = files;
    shared.journal.write(&done, false)?;
    Ok(())
}
