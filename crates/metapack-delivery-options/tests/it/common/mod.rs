//! Shared helpers of the Delivery Options client's integration tests: the test API key, client
//! construction ([`metapack_testkit::client_helpers!`]), and capturing the raw query of what
//! reaches an httpmock server.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use metapack_delivery_options::{Destination, FindOptions, Warehouse};
use std::sync::{Arc, Mutex};

/// The test API key (a UUID, as Metapack issues them).
pub const KEY: &str = "03b2a318-bdf6-49a3-97c4-868ae039de04";

metapack_testkit::client_helpers! {
    api: metapack_delivery_options,
    name: "metapack-delivery-options",
    client: DeliveryOptionsClient,
    builder: DeliveryOptionsClientBuilder,
    credentials: metapack_delivery_options::Credentials::api_key(KEY),
}

/// A local date and time (the API's slots carry no zone).
pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, s))
        .expect("valid timestamp")
}

/// A valid home delivery search with only the required parameters.
pub fn home() -> FindOptions {
    FindOptions::home(
        Warehouse::code("WH1"),
        Destination::postcode("GBR", "EC1R 4PF"),
    )
}

/// Records the raw query (`uri().query()`, undecoded) of every request an httpmock matcher
/// sees. Use as `.is_true(capture.matcher())`; matchers may run more than once per request,
/// so compare with [`Capture::distinct`].
#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<String>>>);

impl Capture {
    pub fn matcher(&self) -> impl Fn(&httpmock::HttpMockRequest) -> bool + Send + Sync + 'static {
        let seen = self.0.clone();
        move |req| {
            let query = req.uri().query().unwrap_or_default().to_owned();
            seen.lock().expect("lock").push(query);
            true
        }
    }

    /// The distinct raw queries seen, in order of first appearance.
    pub fn distinct(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for q in self.0.lock().expect("lock").iter() {
            if !out.contains(q) {
                out.push(q.clone());
            }
        }
        out
    }

    /// The one raw query seen (panics unless exactly one distinct query reached the server).
    pub fn only(&self) -> String {
        let distinct = self.distinct();
        assert_eq!(
            distinct.len(),
            1,
            "expected one distinct query: {distinct:#?}"
        );
        distinct[0].clone()
    }
}
