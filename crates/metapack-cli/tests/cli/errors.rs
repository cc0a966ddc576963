//! Bad input and refusals: one line, the documented exit code.

use predicates::prelude::*;

use crate::{World, bare, create};

/// The message is one line starting with `metapack:`, never a Debug dump or a panic.
fn one_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr).into_owned();
    assert_eq!(text.trim_end().lines().count(), 1, "one line: {text}");
    assert!(text.starts_with("metapack: "), "{text}");
    assert!(
        !text.contains("panicked") && !text.contains("Api(") && !text.contains("{ "),
        "{text}"
    );
    text
}

/// `consignment get X` against a Shipping URL where nothing listens.
const GET_FROM_NOWHERE: [&str; 5] = [
    "--shipping-url",
    "http://127.0.0.1:9/shipping/v1",
    "consignment",
    "get",
    "X",
];

/// Runs `command`, asserts that it exits with `code`, and returns its one-line message.
fn fails(command: &mut assert_cmd::Command, code: i32) -> String {
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(code));
    one_line(&output.stderr)
}

#[test]
fn missing_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let text = fails(bare(&dir.path().join("c.toml")).args(GET_FROM_NOWHERE), 2);
    assert!(
        text.contains("no username for the Shipping API: set METAPACK_USERNAME"),
        "{text}"
    );
    assert!(
        fails(
            bare(&dir.path().join("c.toml"))
                .env("METAPACK_USERNAME", "u")
                .args(GET_FROM_NOWHERE),
            2
        )
        .contains("no password")
    );
    // No environment at all.
    assert!(fails(bare(&dir.path().join("c.toml")).args(["track", "X"]), 2).contains("--local"));
}

#[test]
fn unknown_consignment_is_a_refusal_with_code_and_trace_id() {
    let world = World::start();
    let text = fails(world.metapack().args(["consignment", "get", "DMCNOPE"]), 3);
    assert!(
        text.contains("get consignment DMCNOPE failed: HTTP 404 PS-0404"),
        "{text}"
    );
    assert!(text.contains("trace id"), "{text}");
}

#[test]
fn a_conflict_is_a_refusal() {
    let world = World::start();
    let code = create(&world, "ORDER-409", None);
    let text = fails(
        world
            .metapack()
            .args(["labels", &code, "--out"])
            .arg(world.path("x")),
        3,
    );
    assert!(text.contains("HTTP 409"), "{text}");
}

#[test]
fn an_unavailable_service_exits_4() {
    let world = World::start();
    world.sandbox.set_faults("503:1".parse().unwrap(), Some(1));
    fails(world.metapack().args(["consignment", "get", "DMC1"]), 4);
    let dir = tempfile::tempdir().unwrap();
    bare(&dir.path().join("c.toml"))
        .env("METAPACK_USERNAME", "u")
        .env("METAPACK_PASSWORD", "p")
        .args(GET_FROM_NOWHERE)
        .assert()
        .code(4)
        .stderr(predicate::str::contains("transport error"));
}

#[test]
fn a_malformed_csv_row_sends_nothing() {
    let world = World::start();
    let csv = world.path("orders.csv");
    std::fs::write(
        &csv,
        "order_ref,warehouse,name,line1,city,postcode,country,weight_kg\n\
         A-1,WH-LONDON,Ann,1 High St,Leeds,LS1 1AA,GBR,1.5\n\
         A-2,WH-LONDON,Bo,2 High St,Leeds,LS1 1AA,GBR,heavy\n\
         A-1,WH-LONDON,Cy,3 High St,Leeds,LS1 1AA,GBR,2\n",
    )
    .unwrap();
    let output = world
        .metapack()
        .args(["labels", "batch", "--csv"])
        .arg(&csv)
        .arg("--out")
        .arg(world.path("out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(
        text.contains("orders.csv:3: column 8: invalid float literal"),
        "{text}"
    );
    assert!(
        text.contains("order_ref \"A-1\" appears on lines 2, 4"),
        "{text}"
    );
    assert!(
        text.contains("2 problem(s)") && text.contains("nothing was sent"),
        "{text}"
    );
    assert!(
        world.sandbox.requests().is_empty(),
        "nothing reached the sandbox"
    );
}

#[test]
fn a_failed_create_says_how_to_check_before_trying_again() {
    let world = World::start();
    let file = crate::consignment_file(&world, "ORDER-503", None);
    world.sandbox.set_faults("503:1".parse().unwrap(), Some(1));
    let text = fails(
        world
            .metapack()
            .args(["consignment", "create", "--file"])
            .arg(&file),
        4,
    );
    assert!(
        text.contains("create the consignment failed: HTTP 503"),
        "{text}"
    );
    assert!(text.contains("may have reached Metapack"), "{text}");
    assert!(
        text.contains("metapack consignment search --order ORDER-503"),
        "{text}"
    );
    assert!(!text.contains("try again later"), "{text}");
    // A read is safe to repeat: try again.
    let text = fails(world.metapack().args(["consignment", "get", "DMC1"]), 4);
    assert!(text.contains("try again later"), "{text}");
}
