//! Each command's happy path, with `--json` read back.

use std::io::{BufRead as _, BufReader};

use crate::{World, create, json, succeeded};

#[test]
fn consignment_lifecycle_labels_and_track() {
    let world = World::start();
    let file = crate::consignment_file(&world, "ORDER-LIFE", None);
    let labels = world.path("labels");
    let output = succeeded(
        world
            .metapack()
            .args(["--json", "consignment", "create", "--allocate", "--labels"])
            .arg(&labels)
            .arg("--file")
            .arg(&file),
    );
    let created = json(&output);
    let code = created["consignment"]["consignmentCode"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(created["consignment"]["status"], "allocated");
    let files = created["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert!(
        std::fs::read(files[0].as_str().unwrap())
            .unwrap()
            .starts_with(b"%PDF-")
    );

    let got = json(
        &world
            .metapack()
            .args(["--json", "consignment", "get", &code])
            .output()
            .unwrap(),
    );
    assert_eq!(got["consignment"]["consignmentCode"], code.as_str());
    let found = json(
        &world
            .metapack()
            .args(["--json", "consignment", "search", "--order", "ORDER-LIFE"])
            .output()
            .unwrap(),
    );
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    assert_eq!(found[0]["consignmentCode"], code.as_str());

    // Labels again, as PNG, printed as paths.
    let out = world.path("png");
    let output = succeeded(
        world
            .metapack()
            .args(["labels", &code, "--format", "png", "--out"])
            .arg(&out),
    );
    let path = String::from_utf8(output.stdout).unwrap();
    assert!(std::fs::read(path.trim()).unwrap().starts_with(b"\x89PNG"));

    // The parcel is tracked from its allocation.
    let journeys = json(
        &world
            .metapack()
            .args(["--json", "track", "--consignment", &code])
            .output()
            .unwrap(),
    );
    assert!(!journeys.as_array().unwrap().is_empty(), "{journeys}");
    let table = world
        .metapack()
        .args(["track", "ORDER-LIFE"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("AWAITING_DESPATCH"));

    for (args, word) in [
        (vec!["consignment", "deallocate", &code], "deallocated"),
        (vec!["consignment", "delete", &code], "deleted"),
    ] {
        let output = world.metapack().args(&args).output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(String::from_utf8_lossy(&output.stdout).contains(word));
    }
}

#[test]
fn allocate_ready_and_manifest() {
    let world = World::start();
    let code = create(&world, "ORDER-MAN", None);
    let allocated = json(
        &world
            .metapack()
            .args([
                "--json",
                "consignment",
                "allocate",
                &code,
                "--service",
                "SBXPOST48",
            ])
            .output()
            .unwrap(),
    );
    assert_eq!(allocated["consignment"]["status"], "allocated");
    // Printing the labels moves it to printed; then it may be marked ready.
    world
        .metapack()
        .args(["labels", &code, "--out"])
        .arg(world.path("labels"))
        .assert()
        .success();
    world
        .metapack()
        .args(["consignment", "ready", &code])
        .assert()
        .success();
    let output = succeeded(world.metapack().args([
        "manifest",
        "create",
        "--carrier",
        "SBXPOST",
        "--warehouse",
        "WH-LONDON",
    ]));
    let manifest = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    assert!(!manifest.is_empty());
    let out = world.path("manifest");
    let files = json(
        &world
            .metapack()
            .args(["--json", "manifest", "paperwork", &manifest, "--out"])
            .arg(&out)
            .output()
            .unwrap(),
    );
    assert!(!files["files"].as_array().unwrap().is_empty(), "{files}");
}

#[test]
fn delivery_options() {
    let world = World::start();
    let output = succeeded(
        world
            .metapack()
            .args([
                "--json",
                "options",
                "--warehouse",
                "WH-LONDON",
                "--country",
                "GBR",
            ])
            .args([
                "--postcode",
                "EC1R 4PF",
                "--type",
                "home,pudo",
                "--limit",
                "3",
            ]),
    );
    let options = json(&output);
    let options = options.as_array().unwrap();
    assert!(!options.is_empty() && options.len() <= 3);
    assert!(options.iter().all(|o| o["bookingCode"].is_string()));
    let table = world
        .metapack()
        .args([
            "options",
            "--warehouse",
            "WH-LONDON",
            "--country",
            "GBR",
            "--postcode",
            "EC1R 4PF",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("booking code"));
}

#[test]
fn manager_api() {
    let world = World::start();
    let shipment = metapack_sandbox::MM_API_SEEDED_SHIPMENTS[0];
    let labels = world.path("mm-labels");
    let output = succeeded(
        world
            .metapack()
            .args(["mm", "allocate", shipment, "--labels"])
            .arg(&labels),
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut lines = stdout.lines();
    let uri = lines.next().unwrap().to_owned();
    assert!(uri.contains("/consignments/"), "{uri}");
    let label = lines.next().expect("a label file");
    assert!(std::fs::read(label).unwrap().starts_with(b"%PDF-"));

    let consignment = json(
        &world
            .metapack()
            .args(["--json", "mm", "consignment", &uri])
            .output()
            .unwrap(),
    );
    assert!(
        consignment["logisticsUnitDocuments"].is_array(),
        "{consignment}"
    );
    let docs = world.path("mm-docs");
    let files = json(
        &world
            .metapack()
            .args(["--json", "mm", "documents", &uri, "--out"])
            .arg(&docs)
            .output()
            .unwrap(),
    );
    assert!(!files["files"].as_array().unwrap().is_empty());
    let output = succeeded(world.metapack().args(["mm", "close-list", "--ready", &uri]));
    assert!(String::from_utf8_lossy(&output.stdout).contains("http"));
}

#[test]
fn local_batch_of_the_shipped_example() {
    let dir = tempfile::tempdir().unwrap();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/orders.csv");
    let out = dir.path().join("labels");
    let output = succeeded(
        crate::bare(&dir.path().join("c.toml"))
            .args(["--local", "labels", "batch", "--csv", example, "--out"])
            .arg(&out),
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("10 rows: 10 printed"));
    let pdfs = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "pdf")
        })
        .count();
    assert_eq!(pdfs, 10);
}

#[test]
fn sandbox_command_serves_other_commands() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(crate::binary())
        .args(["sandbox", "--port", "0"])
        .env_clear()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .trim()
        .strip_prefix("sandbox: ")
        .expect("the first line names the URL")
        .to_owned();
    let output = crate::bare(&dir.path().join("c.toml"))
        .args([
            "--sandbox-url",
            &url,
            "--json",
            "consignment",
            "search",
            "--order",
            "NONE",
        ])
        .output()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(crate::json(&output), serde_json::json!([]));
}

#[test]
fn completions() {
    let dir = tempfile::tempdir().unwrap();
    let output = crate::bare(&dir.path().join("c.toml"))
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("metapack"));
}

#[test]
fn completions_into_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(crate::binary())
        .args(["completions", "bash"])
        .env_clear()
        .env("METAPACK_CONFIG", dir.path().join("c.toml"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read the first line, then close the pipe (`| head -1`): the script is longer than a
    // pipe's buffer, so the rest is written into a closed pipe.
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("metapack"), "{first}");
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn create_and_allocate_keeps_the_files_shipping_rules() {
    let world = World::start();
    // Rules no service fits: the create leaves the consignment unallocated, and allocating
    // it with the same rules finds nothing (not a service the rules leave out).
    let file = crate::consignment_file(&world, "ORDER-RULES", Some("NOSUCHSERVICE"));
    let output = world
        .metapack()
        .args(["consignment", "create", "--allocate", "--file"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("no carrier service fits"), "{stderr}");
    let found = crate::json(&crate::succeeded(world.metapack().args([
        "--json",
        "consignment",
        "search",
        "--order",
        "ORDER-RULES",
    ])));
    let code = found[0]["consignmentCode"]
        .as_str()
        .expect("a code")
        .to_owned();
    let shown = crate::json(&crate::succeeded(world.metapack().args([
        "--json",
        "consignment",
        "get",
        &code,
    ])));
    assert_eq!(shown["consignment"]["consignmentCode"], code.as_str());
    assert!(
        shown["consignment"]
            .get("carrierServiceCode")
            .is_none_or(|c| c.is_null()),
        "{shown}"
    );
}
