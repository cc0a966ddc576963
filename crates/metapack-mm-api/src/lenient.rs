//! Null-tolerant decoding of the bespoke property maps (`shipmentProperties`,
//! `orderProperties`): `null` values are skipped and numbers or booleans are kept as text.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

/// Bespoke properties configured by the shipper: at most 10 entries, keys of at most 30
/// characters, values of at most 100.
pub type Properties = BTreeMap<String, String>;

#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Number(serde_json::Number),
    Bool(bool),
}

impl Scalar {
    fn into_text(self) -> String {
        match self {
            Self::Text(text) => text,
            Self::Number(n) => n.to_string(),
            Self::Bool(b) => b.to_string(),
        }
    }
}

/// Decodes an optional property map, skipping `null` values and writing numbers and booleans
/// as text.
pub(crate) fn properties<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Properties>, D::Error> {
    let raw: Option<BTreeMap<String, Option<Scalar>>> = Deserialize::deserialize(deserializer)?;
    Ok(raw.map(|entries| {
        entries
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v.into_text())))
            .collect()
    }))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum UriOrNode {
    Uri(String),
    Node {
        #[serde(rename = "@id")]
        id: Option<String>,
    },
}

/// Decodes an optional resource reference given either as its URL or as an embedded object
/// with an `@id` (JSON-LD allows both).
pub(crate) fn uri_or_node<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<String>,
{
    let raw: Option<UriOrNode> = Deserialize::deserialize(deserializer)?;
    Ok(raw
        .and_then(|r| match r {
            UriOrNode::Uri(uri) => Some(uri),
            UriOrNode::Node { id } => id,
        })
        .map(T::from))
}

/// Decodes optional text that may arrive as a number or boolean (`"httpStatus": 400`).
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let raw: Option<Scalar> = Deserialize::deserialize(deserializer)?;
    Ok(raw.map(Scalar::into_text))
}
