//! [`Weight`] (A.30) and [`Dimension`] (A.16).

use serde::{Deserialize, Serialize};

use crate::values::{MeasurementUnit, WeightUnit};

/// A weight (A.30). Every field is `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Weight {
    /// JSON-LD type (`@type`), `Weight` in responses.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// The weight in [`unit`](Self::unit)s. Mandatory; at least 0; at most 12 integral and 3
    /// fractional digits.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Unit of the value: `KG` (B.8). Mandatory.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<WeightUnit>,
}

impl Weight {
    /// A weight in kilograms.
    pub fn kg(value: f64) -> Self {
        Self {
            node_type: None,
            value: Some(value),
            unit: Some(WeightUnit::Kg),
        }
    }
}

/// The outer dimensions of a logistics unit (A.16). Every field is `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Dimension {
    /// JSON-LD type (`@type`), `Dimension` in responses.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// Width. Mandatory; at least 0; a whole number of at most 3 digits.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    /// Height. Mandatory; at least 0; a whole number of at most 3 digits.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<f64>,
    /// Depth. Mandatory; at least 0; a whole number of at most 3 digits.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<f64>,
    /// Unit of the three lengths: `CM` (B.4). Mandatory.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<MeasurementUnit>,
}

impl Dimension {
    /// Dimensions in centimetres.
    pub fn cm(width: f64, height: f64, depth: f64) -> Self {
        Self {
            node_type: None,
            width: Some(width),
            height: Some(height),
            depth: Some(depth),
            unit: Some(MeasurementUnit::Cm),
        }
    }
}
