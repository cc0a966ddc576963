//! Integration tests of metapack-delivery-options (one test binary; `common` holds shared helpers).

mod call_settings;
mod common;
mod decode;
mod requests;
mod rules;
mod secrets;
