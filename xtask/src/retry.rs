//! `x-metapack-retry`: each operation's declaration of whether it may be sent again after a
//! request that may have reached Metapack, and why. Every operation of every spec declares
//! one; a missing, misplaced or misspelt declaration is a generation error.
//!
//! ```yaml
//! post:
//!   operationId: create_consignment
//!   x-metapack-retry:
//!     safe: false
//!     reason: "Creates a consignment: a repeat creates a second one."
//! ```
//!
//! The runtime retries by HTTP method (GET, PUT, DELETE, HEAD, OPTIONS, TRACE are idempotent);
//! the declarations that differ from the method become the client's
//! `RETRY_SAFE_OPERATIONS` (a safe POST or PATCH) and `UNSAFE_OPERATIONS` (an unsafe
//! idempotent method).

use serde_json::Value;

use crate::Result;

/// The extension's name.
pub const EXTENSION: &str = "x-metapack-retry";

/// The methods an OpenAPI path item can hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The methods the runtime retries unless told otherwise.
const IDEMPOTENT: [&str; 6] = ["get", "put", "delete", "options", "head", "trace"];

/// One operation's declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// The operation id (`create_consignment`).
    pub operation_id: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The path (`/consignments`).
    pub path: String,
    /// Whether a repeat after a lost answer is harmless.
    pub safe: bool,
    /// Why, in the spec's words.
    pub reason: String,
}

impl Declaration {
    /// Whether the runtime retries this operation by its method alone.
    fn idempotent_by_method(&self) -> bool {
        IDEMPOTENT.contains(&self.method.to_ascii_lowercase().as_str())
    }

    /// Declared safe although its method is not idempotent: listed in `RETRY_SAFE_OPERATIONS`.
    pub fn safe_beyond_method(&self) -> bool {
        self.safe && !self.idempotent_by_method()
    }

    /// Declared unsafe although its method is idempotent: listed in `UNSAFE_OPERATIONS`.
    pub fn unsafe_despite_method(&self) -> bool {
        !self.safe && self.idempotent_by_method()
    }
}

/// Reads and checks every operation's declaration, in the spec's order.
pub fn declarations(doc: &Value) -> Result<Vec<Declaration>> {
    let mut found = Vec::new();
    let paths = doc
        .get("paths")
        .and_then(Value::as_object)
        .ok_or("the spec has no paths")?;
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        if let Some(key) = item.keys().find(|k| k.starts_with("x-metapack-")) {
            return Err(format!(
                "{path}: {key} on a path item; declare {EXTENSION} on each operation"
            ));
        }
        for method in METHODS {
            if let Some(op) = item.get(method) {
                found.push(declaration(method, path, op)?);
            }
        }
    }
    Ok(found)
}

fn declaration(method: &str, path: &str, op: &Value) -> Result<Declaration> {
    let at = format!("{} {path}", method.to_ascii_uppercase());
    let operation_id = op
        .get("operationId")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{at} has no operationId"))?;
    let at = format!("{at} ({operation_id})");
    if let Some(key) = op
        .as_object()
        .into_iter()
        .flat_map(|o| o.keys())
        .find(|k| k.starts_with("x-metapack-") && *k != EXTENSION)
    {
        return Err(format!(
            "{at}: unknown extension {key} (the one this xtask reads is {EXTENSION})"
        ));
    }
    let Some(declared) = op.get(EXTENSION) else {
        return Err(format!(
            "{at} declares no {EXTENSION}: say whether sending it again after a lost answer is \
             harmless (safe: true or false) and why (reason)"
        ));
    };
    let fields = declared
        .as_object()
        .ok_or_else(|| format!("{at}: {EXTENSION} must be a map of safe and reason"))?;
    if let Some(key) = fields
        .keys()
        .find(|k| !["safe", "reason"].contains(&k.as_str()))
    {
        return Err(format!(
            "{at}: {EXTENSION} has an unknown key {key:?} (it takes safe and reason)"
        ));
    }
    let safe = fields
        .get("safe")
        .and_then(Value::as_bool)
        .ok_or_else(|| format!("{at}: {EXTENSION}.safe must be true or false"))?;
    let reason = fields
        .get("reason")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .ok_or_else(|| format!("{at}: {EXTENSION}.reason must say why, in a sentence"))?;
    Ok(Declaration {
        operation_id: operation_id.to_owned(),
        method: method.to_ascii_uppercase(),
        path: path.to_owned(),
        safe,
        reason: reason.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec(op: Value) -> Value {
        json!({ "paths": { "/things": { "post": op } } })
    }

    fn error(op: Value) -> String {
        declarations(&spec(op)).expect_err("refused")
    }

    #[test]
    fn reads_a_declaration_and_classifies_it_against_the_method() {
        let doc = json!({ "paths": {
            "/rates": { "post": { "operationId": "get_rates",
                "x-metapack-retry": { "safe": true, "reason": "Reads only." } } },
            "/items/{i}": { "delete": { "operationId": "remove_item",
                "x-metapack-retry": { "safe": false, "reason": "Removes a quantity." } } },
            "/things": { "get": { "operationId": "list",
                "x-metapack-retry": { "safe": true, "reason": "Reads only." } } },
        }});
        let found = declarations(&doc).expect("declared");
        let by_id = |id: &str| found.iter().find(|d| d.operation_id == id).expect(id);
        assert!(by_id("get_rates").safe_beyond_method());
        assert!(by_id("remove_item").unsafe_despite_method());
        let list = by_id("list");
        assert!(!list.safe_beyond_method() && !list.unsafe_despite_method());
        assert_eq!(by_id("remove_item").method, "DELETE");
        assert_eq!(by_id("remove_item").reason, "Removes a quantity.");
    }

    #[test]
    fn a_missing_declaration_is_an_error_naming_the_operation() {
        let e = error(json!({ "operationId": "create_thing" }));
        assert!(
            e.contains("POST /things (create_thing) declares no x-metapack-retry"),
            "{e}"
        );
    }

    #[test]
    fn a_misspelt_extension_or_key_is_an_error() {
        let e = error(json!({ "operationId": "create_thing",
            "x-metapack-rety": { "safe": false, "reason": "Creates." } }));
        assert!(e.contains("unknown extension x-metapack-rety"), "{e}");
        let e = error(json!({ "operationId": "create_thing",
            "x-metapack-retry": { "safe": false, "reasn": "Creates." } }));
        assert!(e.contains("unknown key \"reasn\""), "{e}");
    }

    #[test]
    fn safe_must_be_a_boolean_and_reason_a_sentence() {
        let e = error(json!({ "operationId": "create_thing",
            "x-metapack-retry": { "safe": "no", "reason": "Creates." } }));
        assert!(e.contains("safe must be true or false"), "{e}");
        let e = error(json!({ "operationId": "create_thing",
            "x-metapack-retry": { "safe": false, "reason": "  " } }));
        assert!(e.contains("reason must say why"), "{e}");
        let e = error(json!({ "operationId": "create_thing", "x-metapack-retry": true }));
        assert!(e.contains("must be a map"), "{e}");
    }

    #[test]
    fn a_declaration_on_the_path_item_is_an_error() {
        let doc = json!({ "paths": { "/things": {
            "x-metapack-retry": { "safe": true, "reason": "Reads." },
            "get": { "operationId": "list" } } } });
        let e = declarations(&doc).expect_err("misplaced");
        assert!(e.contains("on a path item"), "{e}");
    }
}
