//! Shared helpers of the core integration tests.

pub mod own_process;
pub mod retries;
pub mod tls_server;
