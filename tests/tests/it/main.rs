//! Workspace tests of metapack-rs (one test binary).

mod conformance;
mod delivery_options_e2e;
mod delivery_options_journey;
mod delivery_options_models;
mod errors_e2e;
mod mm_api_builders;
mod mm_api_e2e;
mod mm_api_journey;
mod mm_api_mock;
mod shipping_builders;
mod shipping_e2e;
mod shipping_models;
mod tracking_builders;
mod tracking_e2e;
mod tracking_mock;
mod tracking_models;
mod tracking_writes;
mod world_e2e;
