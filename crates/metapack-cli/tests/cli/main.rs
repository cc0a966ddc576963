//! Tests of the `metapack` binary against a sandbox started in the test process.

mod batch;
mod commands;
mod config;
mod errors;
mod help;

use std::path::{Path, PathBuf};

use metapack_sandbox::Sandbox;

/// A sandbox in its own runtime, and a private config file, for one test.
pub struct World {
    pub runtime: tokio::runtime::Runtime,
    pub sandbox: Sandbox,
    pub dir: tempfile::TempDir,
}

impl World {
    pub fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let sandbox = runtime
            .block_on(Sandbox::builder().request_log_size(50_000).start())
            .expect("the sandbox starts");
        Self {
            runtime,
            sandbox,
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// The config file of this test (absent until a test writes it).
    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    /// A path in the test's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `metapack` with a clean environment, pointed at the sandbox.
    pub fn metapack(&self) -> assert_cmd::Command {
        let mut command = bare(&self.config());
        command.env("METAPACK_SANDBOX_URL", self.sandbox.base_url());
        command
    }

    /// How many consignments the sandbox created (processed `POST /consignments`).
    pub fn creates(&self) -> usize {
        self.sandbox
            .requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path == "/shipping/v1/consignments" && r.processed)
            .count()
    }
}

/// `metapack` with a clean environment (no METAPACK_* variable) and `config` as its file.
pub fn bare(config: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("metapack").expect("the binary is built");
    command.env_clear().env("METAPACK_CONFIG", config);
    command
}

/// The binary's path, for tests that spawn and kill it.
pub fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("metapack")
}

/// Standard output as JSON.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// A consignment request file: one parcel from WH-LONDON, with `service` as its carrier
/// service when given.
pub fn consignment_file(world: &World, order_ref: &str, service: Option<&str>) -> PathBuf {
    let mut request = serde_json::json!({
        "consignment": {
            "orders": [{"orderRef": order_ref}],
            "sender": {"code": "WH-LONDON"},
            "recipient": {"name": "Ann Smith", "line1": "1 Piccadilly", "town": "Manchester",
                          "postCode": "M1 1AA", "countryCode": "GBR"},
            "parcels": [{"weight": {"value": 1.2}}]
        }
    });
    if let Some(service) = service {
        request["shippingRules"] = serde_json::json!({"carrierServices": [service]});
    }
    let path = world.path(&format!("{order_ref}.json"));
    std::fs::write(&path, request.to_string()).expect("the request file is written");
    path
}

/// Runs `command` and asserts that it succeeded (showing its standard error if it did not).
pub fn succeeded(command: &mut assert_cmd::Command) -> std::process::Output {
    let output = command.output().expect("metapack runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Creates a consignment through the binary and returns its code.
pub fn create(world: &World, order_ref: &str, service: Option<&str>) -> String {
    let file = consignment_file(world, order_ref, service);
    let output = succeeded(
        world
            .metapack()
            .args(["--json", "consignment", "create", "--file"])
            .arg(&file),
    );
    json(&output)["consignment"]["consignmentCode"]
        .as_str()
        .expect("a consignment code")
        .to_owned()
}
