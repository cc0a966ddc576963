//! Integration tests of metapack-mm-api (one test binary; `common` holds shared helpers).

mod address_rules;
mod agreement_findings;
mod client;
mod common;
mod constraints;
mod documents;
mod errors;
mod fixtures;
mod http_client;
mod nulls;
mod schema;
mod tokens;
mod values;
mod version;
