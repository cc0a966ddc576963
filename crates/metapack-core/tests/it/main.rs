//! Integration tests of metapack-core (one test binary; `common` holds shared helpers).

mod bodies;
mod call_settings;
mod common;
mod delivery;
mod http_client;
mod request_spans;
mod response;
mod retry_budget;
mod runtime;
mod tls_installed_provider;
mod tls_no_default_provider;
mod tokens;
