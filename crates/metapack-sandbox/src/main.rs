//! `metapack-sandbox`: serves the emulated Metapack APIs on `127.0.0.1` until Ctrl-C.
//!
//! ```text
//! $ metapack-sandbox --port 8080
//! tracking: http://127.0.0.1:8080/tracking/v1
//! shipping: http://127.0.0.1:8080/shipping/v1
//! delivery-options: http://127.0.0.1:8080/dmoptions
//! mm-api: http://127.0.0.1:8080/mm-api
//! mm-api data host: http://127.0.0.1:8080/mm-data
//! credentials: sandbox / sandbox-password (HTTP Basic)
//! key: 5a4d0b8e-2c1f-4e7a-9b3d-6f8e1c2a7d90 (Delivery Options, query parameter key)
//! ```

use std::process::ExitCode;

use metapack_sandbox::{DEFAULT_DELIVERY_OPTIONS_KEY, DEFAULT_PASSWORD, DEFAULT_USERNAME, Sandbox};
use uuid::Uuid;

const USAGE: &str = "\
Usage: metapack-sandbox [--port N] [--username U] [--password P] [--key UUID]

Serves an in-memory emulator of Metapack's APIs (Tracking, Shipping, Delivery Options and
the MM-API) on 127.0.0.1 until Ctrl-C.

Options:
  --port N        port to listen on (default 8080; 0 picks a free port)
  --username U    HTTP Basic username the Tracking and Shipping APIs accept, and the MM-API's
                  OAuth2 client id (default \"sandbox\")
  --password P    HTTP Basic password the Tracking and Shipping APIs accept, and the MM-API's
                  OAuth2 client secret (default \"sandbox-password\")
  --key UUID      API key the Delivery Options API accepts as its key query parameter
                  (default 5a4d0b8e-2c1f-4e7a-9b3d-6f8e1c2a7d90)
  -h, --help      print this help
";

/// The port the binary listens on by default.
const DEFAULT_PORT: u16 = 8080;

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Run(Options),
}

/// The settings of a run.
#[derive(Debug, PartialEq)]
struct Options {
    port: u16,
    username: String,
    password: String,
    key: Uuid,
}

/// Reads the arguments (without the program name): `--flag value` or `--flag=value`.
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut options = Options {
        port: DEFAULT_PORT,
        username: DEFAULT_USERNAME.to_owned(),
        password: DEFAULT_PASSWORD.to_owned(),
        key: Uuid::try_parse(DEFAULT_DELIVERY_OPTIONS_KEY).unwrap_or_default(),
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--port" | "--username" | "--password" | "--key" => {
                let value = match inline.or_else(|| args.next()) {
                    Some(value) => value,
                    None => return Err(format!("{flag} needs a value")),
                };
                match flag.as_str() {
                    "--port" => {
                        options.port = value.parse().map_err(|_| {
                            format!("--port needs a number from 0 to 65535, got {value:?}")
                        })?;
                    }
                    "--username" => {
                        if value.contains(':') {
                            return Err("--username cannot contain ':' (HTTP Basic)".to_owned());
                        }
                        options.username = value;
                    }
                    "--key" => {
                        options.key = Uuid::try_parse(value.trim()).map_err(|_| {
                            format!(
                                "--key needs a UUID such as {DEFAULT_DELIVERY_OPTIONS_KEY}, got {value:?}"
                            )
                        })?;
                    }
                    _ => options.password = value,
                }
            }
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    Ok(Command::Run(options))
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Run(options)) => options,
        Err(message) => {
            eprintln!("metapack-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("metapack-sandbox: cannot start the tokio runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(options))
}

/// Starts the sandbox, prints where each API is and serves until Ctrl-C (or SIGTERM).
async fn run(options: Options) -> ExitCode {
    let started = Sandbox::builder()
        .port(options.port)
        .tracking_credentials(options.username.clone(), options.password.clone())
        .shipping_credentials(options.username.clone(), options.password.clone())
        .mm_api_client_credentials(options.username, options.password)
        .delivery_options_key(options.key)
        .start()
        .await;
    let sandbox = match started {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!(
                "metapack-sandbox: cannot listen on 127.0.0.1:{}: {error}",
                options.port
            );
            return ExitCode::FAILURE;
        }
    };
    let (username, password) = sandbox.tracking_credentials();
    println!("tracking: {}", sandbox.tracking_url());
    println!("shipping: {}", sandbox.shipping_url());
    println!("delivery-options: {}", sandbox.delivery_options_url());
    println!("mm-api: {}", sandbox.mm_api_url());
    println!("mm-api data host: {}", sandbox.mm_api_data_url());
    // A password given on the command line is not echoed to the log; the default one is.
    let password = if password == DEFAULT_PASSWORD {
        password
    } else {
        "<the --password given>"
    };
    println!("credentials: {username} / {password} (HTTP Basic)");
    println!(
        "key: {} (Delivery Options, query parameter key)",
        sandbox.delivery_options_key()
    );
    eprintln!("metapack-sandbox: serving until Ctrl-C");

    if let Err(error) = shutdown_signal().await {
        eprintln!("metapack-sandbox: cannot listen for Ctrl-C: {error}");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

/// Waits for Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result,
            _ = terminate.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(|a| (*a).to_owned()))
    }

    #[test]
    fn defaults() {
        let expected = Options {
            port: 8080,
            username: "sandbox".into(),
            password: "sandbox-password".into(),
            key: Uuid::try_parse(DEFAULT_DELIVERY_OPTIONS_KEY).unwrap_or_default(),
        };
        assert_eq!(parse(&[]), Ok(Command::Run(expected)));
    }

    #[test]
    fn flags_with_and_without_equals() {
        let expected = Options {
            port: 0,
            username: "u".into(),
            password: "p=q".into(),
            key: Uuid::from_u128(0x03b2_a318_bdf6_49a3_97c4_868a_e039_de04),
        };
        assert_eq!(
            parse(&[
                "--port",
                "0",
                "--username=u",
                "--password",
                "p=q",
                "--key=03B2A318-BDF6-49A3-97C4-868AE039DE04"
            ]),
            Ok(Command::Run(expected))
        );
    }

    #[test]
    fn help_and_errors() {
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
        assert_eq!(parse(&["-h"]), Ok(Command::Help));
        assert!(parse(&["--port"]).is_err());
        assert!(parse(&["--port", "99999"]).is_err());
        assert!(parse(&["--port", "x"]).is_err());
        assert!(parse(&["--verbose"]).is_err());
        assert!(parse(&["--username", "a:b"]).is_err());
        assert!(parse(&["--key", "not-a-uuid"]).is_err());
        assert!(parse(&["--key"]).is_err());
    }
}
