//! Configuration: precedence, the private file, redaction, secrets never as arguments.

use crate::{World, bare, json};

#[test]
fn set_show_and_precedence() {
    let world = World::start();
    let config = world.config();
    bare(&config)
        .args(["config", "set", "username", "from-file"])
        .assert()
        .success();
    bare(&config)
        .args(["config", "set", "password"])
        .write_stdin("file-secret\n")
        .assert()
        .success();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&config).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the config file is private");
    }

    let shown = bare(&config)
        .args(["--json", "config", "show"])
        .output()
        .unwrap();
    assert!(shown.status.success());
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(!text.contains("file-secret"), "{text}");
    let shown = json(&shown);
    assert_eq!(shown["settings"]["username"]["value"], "from-file");
    assert_eq!(shown["settings"]["username"]["source"], "profile");
    assert_eq!(shown["settings"]["password"]["value"], "<redacted>");

    // Environment over file; flag over environment.
    let shown = json(
        &bare(&config)
            .env("METAPACK_USERNAME", "from-env")
            .env("METAPACK_PASSWORD", "env-secret")
            .args(["--json", "config", "show"])
            .output()
            .unwrap(),
    );
    assert_eq!(shown["settings"]["username"]["value"], "from-env");
    assert_eq!(shown["settings"]["username"]["source"], "env");
    assert_eq!(shown["settings"]["password"]["source"], "env");
    let shown = json(
        &bare(&config)
            .env("METAPACK_USERNAME", "from-env")
            .args(["--json", "--username", "from-flag", "config", "show"])
            .output()
            .unwrap(),
    );
    assert_eq!(shown["settings"]["username"]["value"], "from-flag");
    assert_eq!(shown["settings"]["username"]["source"], "flag");

    // The profile's credentials work against the sandbox.
    bare(&config)
        .args(["config", "set", "sandbox_url", world.sandbox.base_url()])
        .assert()
        .success();
    bare(&config)
        .args(["config", "set", "username", "sandbox"])
        .assert()
        .success();
    bare(&config)
        .args(["config", "set", "password"])
        .write_stdin("sandbox-password\n")
        .assert()
        .success();
    bare(&config)
        .args(["consignment", "search", "--order", "NONE"])
        .assert()
        .success();
    // A wrong password from standard input is refused by the API: exit 3.
    bare(&config)
        .args([
            "--password-stdin",
            "consignment",
            "search",
            "--order",
            "NONE",
        ])
        .write_stdin("wrong\n")
        .assert()
        .code(3)
        .stderr(predicates::str::contains("HTTP 401"));
}

#[test]
fn secrets_are_never_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    bare(&config)
        .args(["config", "set", "password", "hunter2"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not taken as an argument"));
    assert!(!config.exists());
}

#[test]
fn a_named_profile_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    bare(&dir.path().join("config.toml"))
        .args(["--profile", "night-shift", "consignment", "get", "X"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no profile \"night-shift\""));
}

/// A profile with production URLs and credentials, for `--sandbox-url` to override.
fn production_profile(config: &std::path::Path) {
    std::fs::write(
        config,
        "[default]\nenv = \"production\"\nusername = \"prod-user\"\npassword = \"prod-secret\"\n\
         shipping_url = \"http://127.0.0.1:9/shipping/v1\"\n",
    )
    .unwrap();
}

#[test]
fn sandbox_url_overrides_the_profiles_urls_and_credentials() {
    let world = World::start();
    let config = world.config();
    production_profile(&config);
    let before = world.sandbox.requests().len();
    // As a flag.
    bare(&config)
        .args(["--sandbox-url", world.sandbox.base_url()])
        .args(["consignment", "search", "--order", "NONE"])
        .assert()
        .success();
    // As an environment variable.
    bare(&config)
        .env("METAPACK_SANDBOX_URL", world.sandbox.base_url())
        .args(["consignment", "search", "--order", "NONE"])
        .assert()
        .success();
    let requests = world.sandbox.requests();
    assert_eq!(
        requests.len(),
        before + 2,
        "both requests reach the sandbox"
    );
    let shown = format!("{:?}", requests);
    assert!(!shown.contains("prod-"), "{shown}");
    // A flag still wins over the sandbox URL from the environment.
    bare(&config)
        .env("METAPACK_SANDBOX_URL", world.sandbox.base_url())
        .args(["--username", "someone-else"])
        .args(["consignment", "search", "--order", "NONE"])
        .assert()
        .code(3);
}

#[test]
fn config_creates_a_missing_named_profile() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let shown = json(
        &bare(&config)
            .args(["--profile", "night-shift", "--json", "config", "show"])
            .output()
            .unwrap(),
    );
    assert_eq!(shown["profile"], "night-shift");
    bare(&config)
        .args([
            "--profile",
            "night-shift",
            "config",
            "set",
            "username",
            "ann",
        ])
        .assert()
        .success();
    let shown = json(
        &bare(&config)
            .args(["--profile", "night-shift", "--json", "config", "show"])
            .output()
            .unwrap(),
    );
    assert_eq!(shown["settings"]["username"]["value"], "ann");
    assert_eq!(shown["settings"]["username"]["source"], "profile");
    // Other commands still refuse a profile that is not in the file.
    bare(&config)
        .args(["--profile", "day-shift", "consignment", "get", "X"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no profile \"day-shift\""));
}
