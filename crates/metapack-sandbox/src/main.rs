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
//! mm-api token: POST http://127.0.0.1:8080/mm-api/auth (HTTP Basic with the credentials, form grant_type=client_credentials); bodies application/vnd.metapack.mm.v0+json
//! mm-api shipments: a21d2d48-..., 5dc46ce0-..., 611d45ab-... (GET http://127.0.0.1:8080/mm-api/shipments/ID; add more: POST http://127.0.0.1:8080/_sandbox/mm-api/shipments)
//! control: http://127.0.0.1:8080/ (index), http://127.0.0.1:8080/_sandbox/requests, http://127.0.0.1:8080/_sandbox/faults
//! faults: none (seed 1234)
//! ```

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr};
use std::process::ExitCode;

use metapack_sandbox::{
    DEFAULT_DELIVERY_OPTIONS_KEY, DEFAULT_PASSWORD, DEFAULT_REQUEST_LOG_SIZE, DEFAULT_USERNAME,
    Faults, MM_API_SEEDED_SHIPMENTS, ParcelScenario, Sandbox,
};
use uuid::Uuid;

const USAGE: &str = "\
Usage: metapack-sandbox [--host IP] [--port N] [--username U] [--password P] [--key UUID]
                        [--faults LIST] [--seed N] [--request-log-size N] [--log]

Serves an in-memory emulator of Metapack's APIs (Tracking, Shipping, Delivery Options and
the MM-API) on 127.0.0.1 until Ctrl-C. GET / answers an index of the base URLs, the
credentials and the control routes (JSON, or HTML in a browser).

Options:
  --host IP       address to listen on (default 127.0.0.1). This is a test server: any
                  other address (0.0.0.0, a LAN address) exposes it and its credentials,
                  which GET / shows, to whoever can reach it
  --port N        port to listen on (default 8080; 0 picks a free port)
  --username U    HTTP Basic username the Tracking and Shipping APIs accept, and the MM-API's
                  OAuth2 client id (default \"sandbox\")
  --password P    HTTP Basic password the Tracking and Shipping APIs accept, and the MM-API's
                  OAuth2 client secret (default \"sandbox-password\")
  --key UUID      API key the Delivery Options API accepts as its key query parameter
                  (default 5a4d0b8e-2c1f-4e7a-9b3d-6f8e1c2a7d90)
  --faults LIST   faults to inject into the API routes (never into / or /_sandbox), e.g.
                  \"503:0.2,429:0.1,reset:0.05,delay=2s:0.1\": a fraction of requests answers
                  503 or 429 (also 500, 502, 504) unprocessed, with Retry-After; is processed
                  and then loses its answer (reset); or is answered late (delay=DURATION,
                  ms/s/m). Add auth to include POST /mm-api/auth, retry-after=Ns to change
                  Retry-After (1s). Change them at run time: PUT /_sandbox/faults
  --seed N        seed of the fault draws (default random, printed): the same seed and the
                  same requests in the same order get the same faults
  --request-log-size N
                  how many requests GET /_sandbox/requests keeps (default 1000)
  --log           print one line per request to stderr
  -V, --version   print the version
  -h, --help      print this help
";

/// The port the binary listens on by default.
const DEFAULT_PORT: u16 = 8080;

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Version,
    Run(Options),
}

/// The settings of a run.
#[derive(Debug, PartialEq)]
struct Options {
    host: IpAddr,
    port: u16,
    username: String,
    password: String,
    key: Uuid,
    faults: Faults,
    seed: Option<u64>,
    request_log_size: usize,
    log: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            username: DEFAULT_USERNAME.to_owned(),
            password: DEFAULT_PASSWORD.to_owned(),
            key: Uuid::try_parse(DEFAULT_DELIVERY_OPTIONS_KEY).unwrap_or_default(),
            faults: Faults::none(),
            seed: None,
            request_log_size: DEFAULT_REQUEST_LOG_SIZE,
            log: false,
        }
    }
}

/// Reads the arguments (without the program name): `--flag value` or `--flag=value`.
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut options = Options::default();
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
            "-V" | "--version" => return Ok(Command::Version),
            "--log" if inline.is_none() => options.log = true,
            "--host" | "--port" | "--username" | "--password" | "--key" | "--faults" | "--seed"
            | "--request-log-size" => {
                let value = match inline.or_else(|| args.next()) {
                    Some(value) => value,
                    None => return Err(format!("{flag} needs a value")),
                };
                match flag.as_str() {
                    "--host" => {
                        options.host = if value.eq_ignore_ascii_case("localhost") {
                            IpAddr::V4(Ipv4Addr::LOCALHOST)
                        } else {
                            value.trim().parse().map_err(|_| {
                                format!(
                                    "--host needs an IP address such as 127.0.0.1, got {value:?}"
                                )
                            })?
                        };
                    }
                    "--faults" => {
                        options.faults =
                            Faults::parse(&value).map_err(|error| format!("--faults: {error}"))?;
                    }
                    "--seed" => {
                        options.seed =
                            Some(value.trim().parse().map_err(|_| {
                                format!("--seed needs a whole number, got {value:?}")
                            })?);
                    }
                    "--request-log-size" => {
                        options.request_log_size = value.trim().parse().map_err(|_| {
                            format!("--request-log-size needs a whole number, got {value:?}")
                        })?;
                    }
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
        Ok(Command::Version) => {
            println!("metapack-sandbox {}", env!("CARGO_PKG_VERSION"));
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
    let mut builder = Sandbox::builder()
        .host(options.host)
        .port(options.port)
        .faults(options.faults)
        .request_log_size(options.request_log_size)
        .log_requests(options.log);
    if let Some(seed) = options.seed {
        builder = builder.seed(seed);
    }
    let started = builder
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
                "metapack-sandbox: cannot listen on {}: {error}",
                std::net::SocketAddr::new(options.host, options.port)
            );
            return ExitCode::FAILURE;
        }
    };
    // A closed stdout (a reader that stopped after the first lines) must not stop the server.
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(banner(&sandbox).as_bytes())
        .and_then(|()| stdout.flush());
    drop(stdout);
    if !options.host.is_loopback() {
        eprintln!(
            "metapack-sandbox: listening on {}, not loopback: anyone who can reach it can use it and read its credentials at /",
            options.host
        );
    }
    eprintln!("metapack-sandbox: serving until Ctrl-C");

    if let Err(error) = shutdown_signal().await {
        eprintln!("metapack-sandbox: cannot listen for Ctrl-C: {error}");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

/// What the binary prints on start: one line per API, the credentials and the key, how to
/// get an MM-API token, the shipments to allocate, the control routes and the faults in force.
fn banner(sandbox: &Sandbox) -> String {
    use std::fmt::Write as _;

    let mut out = String::new();
    let (username, password) = sandbox.tracking().credentials();
    // A password given on the command line is not echoed to the log; the default one is.
    let password = if password == DEFAULT_PASSWORD {
        password
    } else {
        "<the --password given>"
    };
    let mm_api = sandbox.mm_api().url();
    let base = sandbox.base_url();
    let faults = sandbox.faults();
    let faults = if faults.is_empty() {
        "none".to_owned()
    } else {
        faults.to_string()
    };
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "tracking: {tracking}\n\
         shipping: {shipping}\n\
         delivery-options: {delivery_options}\n\
         mm-api: {mm_api}\n\
         mm-api data host: {mm_data}\n\
         credentials: {username} / {password} (HTTP Basic)\n\
         key: {key} (Delivery Options, query parameter key)\n\
         mm-api token: POST {mm_api}/auth (HTTP Basic with the credentials, form grant_type=client_credentials); bodies application/vnd.metapack.mm.v0+json\n\
         mm-api shipments: {shipments} (GET {mm_api}/shipments/ID; add more: POST {base}/_sandbox/mm-api/shipments)\n\
         control: {base}/ (index), {base}/_sandbox/requests, {base}/_sandbox/faults, {base}/_sandbox/clock, {base}/_sandbox/parcels/TRACKING/events\n\
         faults: {faults} (seed {seed})\n\
         scenarios (Shipping recipient postCode): {scenarios}\n",
        tracking = sandbox.tracking().url(),
        shipping = sandbox.shipping().url(),
        delivery_options = sandbox.delivery_options().url(),
        mm_data = sandbox.mm_api().data_url(),
        key = sandbox.delivery_options().key(),
        shipments = MM_API_SEEDED_SHIPMENTS.join(", "),
        seed = sandbox.fault_seed(),
        scenarios = ParcelScenario::ALL
            .iter()
            .map(|scenario| format!("{} {}", scenario.postcode(), scenario.description()))
            .collect::<Vec<_>>()
            .join("; "),
    );
    out
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
            ..Options::default()
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
            ..Options::default()
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
        assert_eq!(parse(&["--version"]), Ok(Command::Version));
        assert!(parse(&["--host", "example.com"]).is_err());
        assert!(parse(&["--faults", "503:2"]).is_err());
        assert!(parse(&["--seed", "-1"]).is_err());
        assert!(parse(&["--request-log-size", "many"]).is_err());
        assert!(parse(&["--log=yes"]).is_err());
    }

    #[test]
    fn faults_host_seed_and_log() {
        let expected = Options {
            host: "0.0.0.0".parse().unwrap(),
            faults: Faults::parse("503:0.2,reset:0.05").unwrap(),
            seed: Some(42),
            request_log_size: 10,
            log: true,
            ..Options::default()
        };
        assert_eq!(
            parse(&[
                "--host",
                "0.0.0.0",
                "--faults=503:0.2,reset:0.05",
                "--seed",
                "42",
                "--request-log-size",
                "10",
                "--log"
            ]),
            Ok(Command::Run(expected))
        );
        let Ok(Command::Run(local)) = parse(&["--host", "localhost"]) else {
            panic!("localhost is an address");
        };
        assert!(local.host.is_loopback());
    }
}
