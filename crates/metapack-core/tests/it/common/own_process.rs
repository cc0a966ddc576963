//! Runs a test in a child process of this test binary, for tests of process-wide state
//! (rustls's default provider, tracing's callsite cache) that must not share a process
//! with the other tests.

use std::process::Command;

/// Names, in the child process, the one test it runs for real.
const CHILD: &str = "METAPACK_TEST_OWN_PROCESS";

/// Runs `body` in a child process of this test binary in which only the test `path` (as
/// `module_path!()` and the test's name give it) is selected; fails if the child fails or
/// does not run exactly that test.
pub fn run(path: &str, body: impl FnOnce()) {
    let name = path.split_once("::").map_or(path, |(_, rest)| rest);
    if std::env::var(CHILD).as_deref() == Ok(name) {
        body();
        return;
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let out = Command::new(exe)
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD, name)
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{name} in its own process failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// [`run`] for an async test body: `body` runs on a current-thread runtime in the child
/// process.
pub fn block_on(path: &str, body: impl Future<Output = ()>) {
    run(path, || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(body)
    });
}
