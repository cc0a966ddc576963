//! What went wrong, as one line for people and one documented exit code for scripts.

use std::fmt;
use std::process::ExitCode;

use metapack_core::Error;

/// Exit code: everything asked for was done.
pub const OK: u8 = 0;
/// Exit code: a local failure (a file could not be written, an answer could not be read).
pub const FAILURE: u8 = 1;
/// Exit code: bad usage or input (flags, files, CSV rows, missing configuration or
/// credentials); nothing was sent.
pub const USAGE: u8 = 2;
/// Exit code: the API refused the request (HTTP 4xx: unknown code, wrong state, bad
/// credentials, invalid data).
pub const REFUSED: u8 = 3;
/// Exit code: the service failed or could not be reached (HTTP 5xx, transport error,
/// timeout, an unreadable answer).
pub const UNAVAILABLE: u8 = 4;
/// Exit code: a batch finished with some rows failed (see its results CSV).
pub const PARTIAL: u8 = 5;

/// The exit codes, as `--help` and the README list them.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  local failure (a file could not be read or written)
  2  usage or input error (flags, files, CSV rows, missing configuration); nothing was sent
  3  the API refused the request (HTTP 4xx: unknown code, wrong state, credentials, data)
  4  the service failed or was unreachable (HTTP 5xx, transport error, timeout)
  5  partial batch: some rows failed (see the results CSV)";

/// A failure of a command: what failed and how it maps to an exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad usage or input, found before anything was sent.
    Usage(String),
    /// A local failure (files).
    Local(String),
    /// An API call failed: `doing` says what the command was doing.
    Api {
        /// What the command was doing, e.g. `get consignment DMC123`.
        doing: String,
        /// The client's error (its `Display` is one line without secrets).
        error: Box<Error>,
        /// For a request that may create something (not safe to repeat): how to see
        /// whether it did, e.g. `metapack consignment search --order REF`.
        check: Option<String>,
    },
    /// The API answered, but not what the command needs (e.g. no carrier service fits).
    Refused(String),
    /// The service failed or could not be reached (every row of a batch, say).
    Unavailable(String),
    /// A batch finished with failed rows.
    Partial(String),
}

impl Failure {
    /// A [`Failure::Api`] for `error` while `doing`.
    pub fn api(doing: impl Into<String>, error: Error) -> Self {
        Self::Api {
            doing: doing.into(),
            error: Box::new(error),
            check: None,
        }
    }

    /// A [`Failure::Api`] for `error` while `doing` something a repeat may do twice (create,
    /// allocate, close); `check` says how to see whether it was done before trying again.
    pub fn api_once(doing: impl Into<String>, error: Error, check: impl Into<String>) -> Self {
        Self::Api {
            doing: doing.into(),
            error: Box::new(error),
            check: Some(check.into()),
        }
    }

    /// A [`Failure::Local`] for an I/O error on `path`.
    pub fn io(what: &str, path: &std::path::Path, error: &std::io::Error) -> Self {
        Self::Local(format!("cannot {what} {}: {error}", path.display()))
    }

    /// The documented exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => USAGE,
            Self::Local(_) => FAILURE,
            Self::Refused(_) => REFUSED,
            Self::Partial(_) => PARTIAL,
            Self::Unavailable(_) => UNAVAILABLE,
            Self::Api { error, .. } => code_of(error),
        }
    }

    /// The process exit code.
    pub fn to_exit(&self) -> ExitCode {
        ExitCode::from(self.exit_code())
    }
}

/// The exit code of a client error: refused (4xx), unavailable (5xx, transport, timeout,
/// decode) or usage (refused before sending).
pub fn code_of(error: &Error) -> u8 {
    match error {
        Error::Api(api) if (400..500).contains(&api.status) => REFUSED,
        Error::InvalidRequest { .. } => USAGE,
        _ => UNAVAILABLE,
    }
}

/// What to do about a client error, when there is something to say.
fn advice(error: &Error) -> Option<&'static str> {
    match error {
        Error::Api(api) => match api.status {
            401 | 403 => Some("check the credentials: metapack config show"),
            404 => Some("check the code or reference"),
            409 => Some(
                "the consignment is not in a state that allows this: metapack consignment get CODE",
            ),
            429 | 500..=599 => {
                Some("try again later; quote the trace id to Metapack support if it persists")
            }
            _ => None,
        },
        Error::Transport { .. } | Error::Timeout { .. } => {
            Some("check the network and the base URL (metapack config show), then try again")
        }
        Error::Decode { .. } => {
            Some("the answer was not what the API documents; run with -v and report it")
        }
        _ => None,
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(m)
            | Self::Local(m)
            | Self::Refused(m)
            | Self::Unavailable(m)
            | Self::Partial(m) => f.write_str(&one_line(m)),
            Self::Api {
                doing,
                error,
                check,
            } => {
                write!(f, "{doing} failed: {}", one_line(&error.to_string()))?;
                if error.may_have_reached_server() && !error.is_retryable() {
                    // A repeat may do it twice: say how to check first.
                    let check = check
                        .as_deref()
                        .unwrap_or("look for its effect in Metapack");
                    write!(
                        f,
                        " (the request may have reached Metapack and been done: check with \
                         {check} before trying again)"
                    )?;
                } else if let Some(advice) = advice(error) {
                    write!(f, " ({advice})")?;
                }
                Ok(())
            }
        }
    }
}

/// `text` on one line: line breaks become spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Self::api("the request", error)
    }
}

/// `Result` with a [`Failure`].
pub type Result<T, E = Failure> = std::result::Result<T, E>;
