//! Integration tests of metapack-tracking (one test binary; `common` holds shared helpers).

mod common;
mod errors;
mod redaction;
mod requests;
mod retries;
mod write_checks;
