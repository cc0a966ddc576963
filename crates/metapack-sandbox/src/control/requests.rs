//! The request log: what the sandbox received on its Metapack API routes, the most recent
//! requests first to go, with every secret left out.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::faults::Fault;

/// How many requests a sandbox remembers unless configured otherwise
/// ([`SandboxBuilder::request_log_size`](crate::SandboxBuilder::request_log_size)).
pub const DEFAULT_REQUEST_LOG_SIZE: usize = 1000;

/// Query parameters whose values are never stored: the Delivery Options API key and anything
/// named like a credential (compared without regard to case).
const SECRET_PARAMETERS: [&str; 8] = [
    "key",
    "apikey",
    "api_key",
    "access_token",
    "token",
    "client_secret",
    "password",
    "secret",
];

/// What replaces the value of a secret query parameter.
pub const REDACTED: &str = "REDACTED";

/// One request the sandbox received on a Metapack API route (`/` and `/_sandbox/...` are not
/// logged). No header, body or credential is kept; the values of secret query parameters
/// (`key`, `access_token`, ...) read [`REDACTED`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RequestRecord {
    /// Its number: 1 for the sandbox's first request, counting on when the log is cleared.
    pub id: u64,
    /// When it was received.
    pub timestamp: DateTime<Utc>,
    /// The HTTP method, `POST`.
    pub method: String,
    /// The path, `/shipping/v1/consignments`.
    pub path: String,
    /// The query string with secrets redacted, `None` without one.
    pub query: Option<String>,
    /// The API the path belongs to (`tracking`, `shipping`, `delivery-options`, `mm-api`,
    /// `mm-api-data`), `None` for a path outside every API.
    pub api: Option<String>,
    /// The status the sandbox produced. After a [`Fault::Reset`] it is the status of the
    /// response the client never received.
    pub status: u16,
    /// Whether the API handled the request (its effects took place). `false` when an injected
    /// status answered instead.
    pub processed: bool,
    /// The fault injected into it, if any.
    pub fault: Option<Fault>,
}

/// The most recent requests, at most `capacity` of them.
#[derive(Debug)]
pub(crate) struct RequestLog {
    capacity: usize,
    next_id: u64,
    records: VecDeque<RequestRecord>,
}

/// A request being handled, logged once its outcome is known ([`RequestLog::push`]).
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub(crate) timestamp: DateTime<Utc>,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: Option<String>,
    pub(crate) api: Option<&'static str>,
}

impl Received {
    /// A request with this method, path and (raw) query; the query's secrets are redacted here.
    pub(crate) fn new(
        method: &str,
        path: &str,
        query: Option<&str>,
        api: Option<&'static str>,
    ) -> Self {
        Self {
            timestamp: Utc::now(),
            method: method.to_owned(),
            path: path.to_owned(),
            query: query.map(scrub_query),
            api,
        }
    }
}

impl RequestLog {
    /// An empty log keeping the `capacity` most recent requests.
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            capacity,
            next_id: 1,
            records: VecDeque::with_capacity(capacity.min(DEFAULT_REQUEST_LOG_SIZE)),
        }
    }

    /// Logs `request`'s outcome, dropping the oldest record when the log is full.
    pub(crate) fn push(
        &mut self,
        request: Received,
        status: u16,
        processed: bool,
        fault: Option<Fault>,
    ) -> RequestRecord {
        let record = RequestRecord {
            id: self.next_id,
            timestamp: request.timestamp,
            method: request.method,
            path: request.path,
            query: request.query,
            api: request.api.map(str::to_owned),
            status,
            processed,
            fault,
        };
        self.next_id += 1;
        if self.capacity > 0 {
            if self.records.len() == self.capacity {
                self.records.pop_front();
            }
            self.records.push_back(record.clone());
        }
        record
    }

    /// The logged requests, oldest first.
    pub(crate) fn records(&self) -> Vec<RequestRecord> {
        self.records.iter().cloned().collect()
    }

    /// Forgets every logged request (the numbering goes on).
    pub(crate) fn clear(&mut self) {
        self.records.clear();
    }
}

/// `query` with the values of [`SECRET_PARAMETERS`] replaced by [`REDACTED`]; a query
/// without secrets is kept as sent.
pub(crate) fn scrub_query(query: &str) -> String {
    let pairs = crate::server::query_pairs(Some(query));
    let is_secret = |name: &str| {
        SECRET_PARAMETERS
            .iter()
            .any(|secret| secret.eq_ignore_ascii_case(name.trim()))
    };
    if !pairs.iter().any(|(name, _)| is_secret(name)) {
        return query.to_owned();
    }
    let mut scrubbed = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in &pairs {
        if is_secret(name) {
            scrubbed.append_pair(name, REDACTED);
        } else {
            scrubbed.append_pair(name, value);
        }
    }
    scrubbed.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted() {
        let key = "5a4d0b8e-2c1f-4e7a-9b3d-6f8e1c2a7d90";
        let scrubbed = scrub_query(&format!("c_pc=EC1R+4PF&KEY={key}&r_t=lsc"));
        assert_eq!(scrubbed, "c_pc=EC1R+4PF&KEY=REDACTED&r_t=lsc");
        assert_eq!(
            scrub_query("access_token=abc&x=1"),
            "access_token=REDACTED&x=1"
        );
        // Encoded names are secrets too.
        assert_eq!(scrub_query("%6Bey=abc"), "key=REDACTED");
        assert_eq!(scrub_query("orderReference=A%20B"), "orderReference=A%20B");
    }

    #[test]
    fn bounded_to_the_most_recent() {
        let mut log = RequestLog::new(2);
        for path in ["/a", "/b", "/c"] {
            log.push(Received::new("GET", path, None, None), 200, true, None);
        }
        let records = log.records();
        let paths: Vec<_> = records.iter().map(|r| (r.id, r.path.as_str())).collect();
        assert_eq!(paths, [(2, "/b"), (3, "/c")]);
        log.clear();
        assert!(log.records().is_empty());
        let next = log.push(Received::new("GET", "/d", None, None), 200, true, None);
        assert_eq!(next.id, 4);
        let mut none = RequestLog::new(0);
        none.push(Received::new("GET", "/a", None, None), 200, true, None);
        assert!(none.records().is_empty());
    }
}
