//! Integration tests of metapack-shipping (one test binary; `common` holds shared helpers).

mod common;
mod created;
mod decode;
mod outcomes;
mod paperwork;
mod requests;
