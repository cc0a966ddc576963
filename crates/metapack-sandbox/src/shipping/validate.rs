//! Checks of Shipping requests against the sandbox's own reading of the docs, on the raw JSON
//! before it is decoded (the generated types read value lists leniently and would hide what
//! was sent): ISO 3166-1 alpha-3 country codes ([`crate::countries`]) and the closed value
//! lists of [`crate::values::shipping`].
//!
//! Every failure is a 400 `PS-0400` naming the field by its JSON path
//! (`consignment.recipient.countryCode: "GB" is not an ISO 3166-1 alpha-3 country code; send
//! "GBR"`), so a consignment with a code the API does not know is refused rather than left
//! without a service.

use serde_json::Value;

use crate::countries;
use crate::server::FieldError;
use crate::values::ValueList;
use crate::values::shipping::{PAPERWORK_FORMAT, PAPERWORK_TYPE, TRANSACTION_TYPE};

/// The keys holding an ISO 3166-1 alpha-3 country code, wherever they appear in a Shipping
/// request: every address (`sender`, `recipient`, `supportingAgents.*`, ...) has a
/// `countryCode`, every item a `countryOfOrigin`.
const COUNTRY_KEYS: &[&str] = &["countryCode", "countryOfOrigin"];

/// Fails on the first country code under `json` that is not an ISO 3166-1 alpha-3 code as
/// ISO spells it (`GBR`); `path` is where `json` sits (empty at the top). A `null` counts as
/// absent; anything else that is not a string is left to decoding, which names its type.
pub(crate) fn country_codes(json: &Value, path: &str) -> Result<(), FieldError> {
    match json {
        Value::Object(map) => {
            for (key, value) in map {
                let here = join(path, key);
                if COUNTRY_KEYS.contains(&key.as_str())
                    && let Some(code) = value.as_str()
                    && let Some(problem) = countries::alpha3_problem(code)
                {
                    return Err(FieldError::new(here, problem));
                }
                country_codes(value, &here)?;
            }
            Ok(())
        }
        Value::Array(values) => {
            for (index, value) in values.iter().enumerate() {
                country_codes(value, &format!("{path}[{index}]"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Checks the `type` and `format` of the paperwork object at `json` (found at `path`).
pub(crate) fn paperwork_object(json: &Value, path: &str) -> Result<(), FieldError> {
    listed(json, path, "type", &PAPERWORK_TYPE)?;
    listed(json, path, "format", &PAPERWORK_FORMAT)
}

/// Checks the `type` and `format` query parameters of the paperwork routes.
pub(crate) fn paperwork_query(kind: Option<&str>, format: Option<&str>) -> Result<(), FieldError> {
    if let Some(kind) = given(kind) {
        PAPERWORK_TYPE.check("type", kind)?;
    }
    if let Some(format) = given(format) {
        PAPERWORK_FORMAT.check("format", format)?;
    }
    Ok(())
}

/// Checks the `transactionType` of a manifest request.
pub(crate) fn manifest(json: &Value) -> Result<(), FieldError> {
    listed(json, "", "transactionType", &TRANSACTION_TYPE)
}

/// Checks the string at `json[key]` (when given and not blank) against `list`.
fn listed(json: &Value, path: &str, key: &str, list: &ValueList) -> Result<(), FieldError> {
    match json.get(key).and_then(Value::as_str) {
        Some(value) if given(Some(value)).is_some() => list.check(join(path, key), value),
        _ => Ok(()),
    }
}

/// A value that counts as given (blank values mean "the default").
fn given(value: Option<&str>) -> Option<&str> {
    crate::server::given(value)
}

/// `path.key`, or `key` at the top.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(result: Result<(), FieldError>) -> String {
        match result {
            Ok(()) => String::new(),
            Err(error) => crate::server::ApiError::from(error).message().to_owned(),
        }
    }

    #[test]
    fn country_codes_are_found_anywhere() {
        let body = json!({"consignment": {
            "sender": {"code": "WH-LONDON", "countryCode": "GBR"},
            "recipient": {"countryCode": "FRA"},
            "supportingAgents": {"importer": {"countryCode": "DEU"}},
            "parcels": [{"items": [{"countryOfOrigin": "CHN"}, {"countryOfOrigin": null}]}]
        }});
        assert_eq!(message(country_codes(&body, "")), "");

        let mut two_letters = body.clone();
        two_letters["consignment"]["recipient"]["countryCode"] = json!("FR");
        assert_eq!(
            message(country_codes(&two_letters, "")),
            "consignment.recipient.countryCode: \"FR\" is not an ISO 3166-1 alpha-3 country code; send \"FRA\""
        );

        let mut agent = body.clone();
        agent["consignment"]["supportingAgents"]["importer"]["countryCode"] = json!("XXX");
        let agent = message(country_codes(&agent, ""));
        assert!(
            agent.starts_with("consignment.supportingAgents.importer.countryCode: \"XXX\" is not"),
            "{agent}"
        );

        let mut origin = body;
        origin["consignment"]["parcels"][0]["items"][0]["countryOfOrigin"] = json!("cn");
        assert_eq!(
            message(country_codes(&origin, "")),
            "consignment.parcels[0].items[0].countryOfOrigin: \"cn\" is not an ISO 3166-1 alpha-3 country code; send \"CHN\""
        );
    }

    #[test]
    fn paperwork_lists_match_exactly() {
        assert_eq!(
            message(paperwork_object(
                &json!({"type": "all", "format": "zpl"}),
                "paperwork"
            )),
            ""
        );
        assert_eq!(
            message(paperwork_object(&json!({"type": ""}), "paperwork")),
            ""
        );
        assert_eq!(
            message(paperwork_object(&json!({"format": "PDF"}), "paperwork")),
            "paperwork.format: \"PDF\" is not a paperwork format; send \"pdf\""
        );
        assert_eq!(
            message(paperwork_query(Some("labels"), None)),
            "type: \"labels\" is not a paperwork type: expected one of label, documentation, all"
        );
        assert_eq!(message(paperwork_query(Some("label"), Some("png"))), "");
        assert_eq!(
            message(manifest(&json!({"transactionType": "delivery"}))),
            ""
        );
        assert!(
            message(manifest(&json!({"transactionType": "return"})))
                .starts_with("transactionType: ")
        );
    }
}
