//! The documentation's examples in `specs/examples/<api>/`, named
//! `<operation>.<kind>[.<status>][.<variant>].<ext>`: `request` (a request body), `response`
//! (a response body with its status), `curl` (a request line: method, path, query, headers).

use std::path::PathBuf;

use serde_json::Value;

/// What an example file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A request body.
    Request,
    /// A response body, with its status.
    Response(u16),
    /// A request line: `{"method", "path", "query"?, "headers"?}`.
    Curl,
}

/// One example file.
#[derive(Clone, Debug)]
pub struct Example {
    /// The file name.
    pub file: String,
    /// The operation it belongs to (the spec's `operationId` for the OpenAPI specs).
    pub operation: String,
    /// What it holds.
    pub kind: Kind,
    /// The JSON it holds (`Value::Null` for a non-JSON body).
    pub json: Value,
}

fn dir(api: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../specs/examples")
        .join(api)
}

/// Every example file of an API, sorted by name.
pub fn all(api: &str) -> Vec<Example> {
    let mut files: Vec<String> = std::fs::read_dir(dir(api))
        .expect("specs/examples/<api> exists")
        .map(|entry| {
            entry
                .expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let parts: Vec<&str> = file.split('.').collect();
            assert!(parts.len() >= 3, "{api}/{file}: <operation>.<kind>...<ext>");
            let kind = match parts[1] {
                "request" => Kind::Request,
                "curl" => Kind::Curl,
                "response" => Kind::Response(
                    parts
                        .get(2)
                        .and_then(|s| s.parse().ok())
                        .unwrap_or_else(|| panic!("{api}/{file}: response without a status")),
                ),
                other => panic!("{api}/{file}: unknown kind {other}"),
            };
            let json = if file.ends_with(".json") {
                let text = std::fs::read_to_string(dir(api).join(&file)).expect("readable");
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{api}/{file}: {e}"))
            } else {
                Value::Null
            };
            Example {
                operation: parts[0].to_owned(),
                file,
                kind,
                json,
            }
        })
        .collect()
}

/// The example file `file` of an API.
pub fn get(api: &str, file: &str) -> Value {
    let text = std::fs::read_to_string(dir(api).join(file))
        .unwrap_or_else(|e| panic!("{api}/{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{api}/{file}: {e}"))
}
