//! [`Monetary`] (A.23) and [`CashOnDelivery`] (A.4).

use serde::{Deserialize, Serialize};

/// An amount of money (A.23). Every field is `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Monetary {
    /// JSON-LD type (`@type`), `Monetary` in responses.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// The amount. Mandatory; at most 12 integral and 2 fractional digits.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Currency of the amount (ISO 4217, `EUR`). Mandatory; at most 3 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_code: Option<String>,
}

impl Monetary {
    /// An amount in a currency.
    pub fn new(value: f64, currency_code: impl Into<String>) -> Self {
        Self {
            node_type: None,
            value: Some(value),
            currency_code: Some(currency_code.into()),
        }
    }
}

/// A payment to collect on delivery (A.4). Every field is `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CashOnDelivery {
    /// JSON-LD node id (`@id`) in responses, a blank node.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// JSON-LD type (`@type`), `CashOnDelivery` in responses.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// The amount to collect. Mandatory. Needed for allocation, delivery options,
    /// documentation and manifesting.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Monetary>,
    /// Instructions about collecting the payment. At most 250 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_instruction: Option<String>,
}

impl CashOnDelivery {
    /// A payment of `value` to collect.
    pub fn new(value: Monetary) -> Self {
        Self {
            value: Some(value),
            ..Self::default()
        }
    }
}
