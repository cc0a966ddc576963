//! Integration tests of metapack-sandbox (one test binary).

mod common;
mod control;
mod delivery_options;
mod faults_sdk;
mod mm_api;
mod mm_api_validation;
mod shipping;
mod tracking;
mod world;
