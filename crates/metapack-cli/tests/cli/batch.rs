//! `labels batch` killed part-way and run again creates each consignment exactly once.

use std::path::Path;
use std::process::{Command, Stdio};

use metapack_shipping::ConsignmentSearch;

use crate::{World, succeeded};

const ROWS: usize = 300;

fn write_csv(world: &World) -> std::path::PathBuf {
    let mut text = String::from(
        "order_ref,warehouse,name,line1,city,postcode,country,weight_kg,value,description,service\n",
    );
    for n in 0..ROWS {
        // Every fourth row is allocated after its create, by the account's rules.
        let service = if n % 4 == 0 { "" } else { "SBXPOST48" };
        text.push_str(&format!(
            "KILL-{n:04},WH-LONDON,Customer {n},{n} High Street,Manchester,M1 1AA,GBR,1.{n},9.99,Mug,{service}\n"
        ));
    }
    let path = world.path("orders.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn killed_and_run_again_creates_each_consignment_once() {
    let world = World::start();
    let csv = write_csv(&world);
    let out = world.path("out");
    let journal = out.join("journal.jsonl");

    let mut child = Command::new(crate::binary())
        .env_clear()
        .env("METAPACK_CONFIG", world.config())
        .env("METAPACK_SANDBOX_URL", world.sandbox.base_url())
        .args(["labels", "batch", "--concurrency", "8", "--csv"])
        .arg(&csv)
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some rows are done (polling the journal; not a timing assertion).
    let mut killed = false;
    for _ in 0..60_000 {
        let done = std::fs::read_to_string(&journal)
            .map(|t| t.matches("\"step\":\"done\"").count())
            .unwrap_or(0);
        if done >= 40 {
            killed = child.kill().is_ok();
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let status = child.wait().unwrap();
    assert!(killed && !status.success(), "the batch was killed part-way");
    let created_before = world.creates();
    assert!(
        created_before < ROWS,
        "part of the batch was left: {created_before}"
    );

    let output = succeeded(
        world
            .metapack()
            .args(["--json", "labels", "batch", "--concurrency", "8", "--csv"])
            .arg(&csv)
            .arg("--out")
            .arg(&out),
    );
    let summary = crate::json(&output);
    assert_eq!(summary["rows"], ROWS);
    assert_eq!(summary["failed"], 0);
    assert!(summary["doneEarlier"].as_u64().unwrap() >= 40, "{summary}");

    // Exactly one create per row, by the request log and by order reference.
    assert_eq!(world.creates(), ROWS);
    let shipping = world.sandbox.shipping().client().unwrap();
    for n in 0..ROWS {
        let found = world
            .runtime
            .block_on(
                shipping.search_consignments(&ConsignmentSearch::order(format!("KILL-{n:04}"))),
            )
            .unwrap();
        assert_eq!(found.len(), 1, "order KILL-{n:04}");
    }
    let results = std::fs::read_to_string(out.join("results.csv")).unwrap();
    assert_eq!(results.lines().count(), ROWS + 1);
    assert!(!results.contains(",failed,"));

    // A third run has nothing left to do.
    let output = world
        .metapack()
        .args(["--json", "labels", "batch", "--csv"])
        .arg(&csv)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(crate::json(&output)["doneEarlier"], ROWS);
    assert_eq!(world.creates(), ROWS);
}

#[test]
fn a_row_whose_create_reached_the_server_is_found_not_created_again() {
    let world = World::start();
    let csv = world.path("orders.csv");
    std::fs::write(
        &csv,
        "order_ref,warehouse,name,line1,city,postcode,country,weight_kg,service\n\
         LOST-1,WH-LONDON,Ann,1 High St,Leeds,LS1 1AA,GBR,1.5,SBXPOST48\n\
         LOST-2,WH-LONDON,Bo,2 High St,Leeds,LS1 1AA,GBR,1.5,SBXPOST48\n",
    )
    .unwrap();
    // LOST-1 was created by an earlier run that died before journaling the code.
    crate::create(&world, "LOST-1", Some("SBXPOST48"));
    let out = world.path("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("journal.jsonl"),
        "{\"order_ref\":\"LOST-1\",\"step\":\"creating\"}\n",
    )
    .unwrap();
    let output = succeeded(
        world
            .metapack()
            .args(["--json", "labels", "batch", "--csv"])
            .arg(&csv)
            .arg("--out")
            .arg(&out),
    );
    let summary = crate::json(&output);
    assert_eq!(
        (summary["recovered"].as_u64(), summary["printed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(world.creates(), 2, "one create by hand, one for LOST-2");
}

/// Runs `labels batch` of `csv` into `out` against the world's sandbox.
fn run_batch(world: &World, csv: &Path, out: &Path) -> std::process::Output {
    world
        .metapack()
        .args(["labels", "batch", "--csv"])
        .arg(csv)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn failed_rows_give_a_partial_exit() {
    let world = World::start();
    let csv = world.path("orders.csv");
    // The sandbox refuses the unknown warehouse; the other row is printed.
    std::fs::write(
        &csv,
        "order_ref,warehouse,name,line1,city,postcode,country,weight_kg,service\n\
         P-1,WH-LONDON,Ann,1 High St,Leeds,LS1 1AA,GBR,1.5,SBXPOST48\n\
         P-2,WH-NOWHERE,Bo,2 High St,Leeds,LS1 1AA,GBR,1.5,SBXPOST48\n",
    )
    .unwrap();
    let out = world.path("out");
    let output = run_batch(&world, &csv, &out);
    assert_eq!(
        output.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results = std::fs::read_to_string(out.join("results.csv")).unwrap();
    assert!(results.contains("P-1,printed,DMC"), "{results}");
    assert!(results.contains("P-2,failed,"), "{results}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 of 2 rows failed"));
}

#[test]
fn an_unreadable_journal_line_is_refused() {
    let world = World::start();
    let csv = world.path("orders.csv");
    std::fs::write(
        &csv,
        "order_ref,warehouse,name,line1,city,postcode,country,weight_kg,service\n\
         J-1,WH-LONDON,Ann,1 High St,Leeds,LS1 1AA,GBR,1.5,SBXPOST48\n",
    )
    .unwrap();
    let out = world.path("out");
    std::fs::create_dir_all(&out).unwrap();
    // A damaged line in the middle (J-1's `creating`, say): not a torn last line.
    std::fs::write(
        out.join("journal.jsonl"),
        "{\"order_ref\":\"J-0\",\"step\":\"done\"}\n{\"order_ref\":\"J-1\",\"st\n\
         {\"order_ref\":\"J-2\",\"step\":\"creating\"}\n",
    )
    .unwrap();
    let output = run_batch(&world, &csv, &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("journal.jsonl:2:"), "{stderr}");
    assert_eq!(world.creates(), 0, "nothing was created");
}
