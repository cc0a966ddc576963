//! `--help` of every command, snapshot-tested.

use crate::bare;

const COMMANDS: &[&[&str]] = &[
    &[],
    &["track"],
    &["consignment"],
    &["consignment", "create"],
    &["consignment", "get"],
    &["consignment", "search"],
    &["consignment", "allocate"],
    &["consignment", "deallocate"],
    &["consignment", "ready"],
    &["consignment", "delete"],
    &["labels"],
    &["labels", "batch"],
    &["options"],
    &["manifest"],
    &["manifest", "create"],
    &["manifest", "paperwork"],
    &["mm"],
    &["mm", "allocate"],
    &["mm", "consignment"],
    &["mm", "documents"],
    &["mm", "close-list"],
    &["sandbox"],
    &["config"],
    &["config", "show"],
    &["config", "set"],
    &["completions"],
];

#[test]
fn every_help_is_snapshotted() {
    let dir = tempfile::tempdir().unwrap();
    for command in COMMANDS {
        let output = bare(&dir.path().join("config.toml"))
            .args(*command)
            .arg("--help")
            .output()
            .unwrap();
        assert!(output.status.success(), "{command:?}");
        let name = if command.is_empty() {
            "help".to_owned()
        } else {
            format!("help_{}", command.join("_"))
        };
        insta::assert_snapshot!(name, String::from_utf8_lossy(&output.stdout));
    }
}

#[test]
fn the_exit_codes_are_in_the_help() {
    let dir = tempfile::tempdir().unwrap();
    let output = bare(&dir.path().join("c.toml"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for line in [
        "0  success",
        "2  usage",
        "3  the API refused",
        "4  the service failed",
        "5  partial batch",
    ] {
        assert!(help.contains(line), "{line} missing from --help");
    }
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    bare(&dir.path().join("c.toml"))
        .args(["track"])
        .assert()
        .code(2);
    // No flag takes a secret.
    bare(&dir.path().join("c.toml"))
        .args(["--password", "hunter2", "track", "X"])
        .assert()
        .code(2);
}
