//! [`LogisticsUnit`] (A.21) and [`TradeItem`] (A.29, with A.18's hazardous fields).

use serde::{Deserialize, Serialize};

use super::measures::{Dimension, Weight};
use super::money::Monetary;
use crate::lenient::Properties;
use crate::values::{CountryCode, HazardousMaterialAttribute, TradeItemType};

/// Something to ship: a parcel, pallet, cage... (A.21). Every field is `[0.6.0,)`.
///
/// ```
/// use metapack_mm_api::model::{Dimension, LogisticsUnit, Weight};
/// let parcel = LogisticsUnit::new(Weight::kg(2.0), Dimension::cm(5.0, 5.0, 5.0));
/// assert!(parcel.trade_items.is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogisticsUnit {
    /// JSON-LD node id (`@id`) in responses (a UUID).
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// JSON-LD type (`@type`), `LogisticsUnit` in responses.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// The shipper's identifier of the carton this unit is packed in. At most 100
    /// characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipper_ref: Option<String>,
    /// The products in the unit (SKU, harmonised code, quantity...). At most 20. Needed for
    /// documentation (customs).
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub trade_items: Option<Vec<TradeItem>>,
    /// Packaging type (`Parcel`, `Pallet`, `Cage`). At most 50 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_type: Option<String>,
    /// Properties of the unit configured by the shipper. At most 10; keys of at most 30
    /// characters, values of at most 100.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::properties"
    )]
    pub shipment_properties: Option<Properties>,
    /// Weight of the unit; it wins over the sum of the trade items' weights. Mandatory.
    /// Needed for allocation, delivery options and documentation.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Weight>,
    /// Dimensions of the unit. Mandatory. Needed for allocation and delivery options.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
    /// Monetary value of the unit. Used for allocation, delivery options and documentation.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Monetary>,
}

impl LogisticsUnit {
    /// A unit with its weight and dimensions.
    pub fn new(weight: Weight, dimension: Dimension) -> Self {
        Self {
            weight: Some(weight),
            dimension: Some(dimension),
            ..Self::default()
        }
    }
}

/// A product in a logistics unit (A.29), or a hazardous one (A.18) when `@type` is
/// `HazardousTradeItem`.
///
/// Both kinds share a list (`tradeItems`) and are told apart only by `@type`, so they are one
/// type here; [`codes`](Self::codes) and [`material_attributes`](Self::material_attributes)
/// belong to hazardous items and are mandatory for them (`ValueDependsOn`). Every field is
/// `[0.6.0,)` and needed for documentation and manifesting (customs).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TradeItem {
    /// Kind of trade item: `TradeItem` or `HazardousTradeItem`.
    /// Range `[0.6.0,)`.
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub item_type: Option<TradeItemType>,
    /// ISO 3166-1 alpha-3 code of the country of origin. Mandatory; exactly 3 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_of_origin: Option<CountryCode>,
    /// Fabric content. Mandatory; at most 250 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fabric_content: Option<String>,
    /// Harmonised System (customs tariff) code. Mandatory; at most 50 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harmonised_code: Option<String>,
    /// Product code (SKU). Mandatory; at most 50 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_code: Option<String>,
    /// Description of the product. Mandatory; at most 250 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Number of products. Mandatory; more than 0; a whole number of at most 12 digits.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<f64>,
    /// Product type. Mandatory; at most 250 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_type: Option<String>,
    /// Value of one product. Mandatory.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_value: Option<Monetary>,
    /// Weight of one product. Mandatory.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_weight: Option<Weight>,
    /// Hazardous items only: hazardous materials codes. Mandatory for them; at most 10, each
    /// of at most 250 characters.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub codes: Option<Vec<String>>,
    /// Hazardous items only: what the material is (`LIQUID`, `AEROSOL`). Mandatory for them;
    /// at most 10.
    /// Range `[0.6.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::vec_without_nulls"
    )]
    pub material_attributes: Option<Vec<HazardousMaterialAttribute>>,
}

impl TradeItem {
    /// Whether `@type` is `HazardousTradeItem`.
    pub fn is_hazardous(&self) -> bool {
        self.item_type == Some(TradeItemType::HazardousTradeItem)
    }
}
