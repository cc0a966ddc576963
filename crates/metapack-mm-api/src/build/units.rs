//! [`LogisticsUnitBuilder`] (a parcel) and [`TradeItemBuilder`] (a product in it).

use super::error::BuildError;
use super::part::{BuildPart, present, required};
use crate::lenient::Properties;
use crate::model::{Dimension, LogisticsUnit, Monetary, TradeItem, Weight};
use crate::values::{CountryCode, HazardousMaterialAttribute, TradeItemType};

/// Most trade items a logistics unit may hold (A.21).
const MAX_TRADE_ITEMS: usize = 20;
/// Largest quantity of a trade item: a whole number of at most 12 digits (A.29).
const MAX_QUANTITY: u64 = 999_999_999_999;

/// Builds a [`LogisticsUnit`] (A.21): a parcel, pallet or cage. `build()` requires its
/// weight and dimensions, and builds its trade items.
///
/// ```
/// use metapack_mm_api::build::{BuildError, LogisticsUnitBuilder, TradeItemBuilder};
///
/// let parcel = LogisticsUnitBuilder::new()
///     .weight_kg(1.5)
///     .dimensions_cm(30, 20, 10)
///     .value(45.0, "GBP")
///     .item(
///         TradeItemBuilder::new()
///             .description("Cotton T-shirt").product_code("TS-001").product_type("Clothing")
///             .harmonised_code("610910").fabric_content("100% cotton").country_of_origin("PRT")
///             .quantity(3).unit_value(15.0, "GBP").unit_weight_kg(0.2),
///     )
///     .build()?;
/// assert_eq!(parcel.trade_items.map(|items| items.len()), Some(1));
/// assert_eq!(LogisticsUnitBuilder::new().weight_kg(1.0).build(), Err(BuildError::Missing("dimension".into())));
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct LogisticsUnitBuilder {
    inner: LogisticsUnit,
    items: Vec<Result<TradeItem, BuildError>>,
}

impl LogisticsUnitBuilder {
    /// An empty unit.
    pub fn new() -> Self {
        Self::default()
    }

    /// Its weight in kilograms (`weight`). Required.
    pub fn weight_kg(mut self, kg: impl Into<f64>) -> Self {
        self.inner.weight = Some(Weight::kg(kg.into()));
        self
    }

    /// Its outer dimensions in centimetres (`dimension`: width, height, depth). Required.
    pub fn dimensions_cm(
        mut self,
        width: impl Into<f64>,
        height: impl Into<f64>,
        depth: impl Into<f64>,
    ) -> Self {
        self.inner.dimension = Some(Dimension::cm(width.into(), height.into(), depth.into()));
        self
    }

    /// Its value (`value`): an amount and an ISO 4217 currency code.
    pub fn value(mut self, amount: f64, currency: impl Into<String>) -> Self {
        self.inner.value = Some(Monetary::new(amount, currency));
        self
    }

    /// The shipper's carton identifier (`shipperRef`).
    pub fn shipper_ref(mut self, reference: impl Into<String>) -> Self {
        self.inner.shipper_ref = Some(reference.into());
        self
    }

    /// Packaging type (`packageType`), e.g. `Parcel`, `Pallet`, `Cage`.
    pub fn package_type(mut self, package_type: impl Into<String>) -> Self {
        self.inner.package_type = Some(package_type.into());
        self
    }

    /// Adds a property configured by the shipper (`shipmentProperties`).
    pub fn property(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.inner
            .shipment_properties
            .get_or_insert_with(Properties::new)
            .insert(key.into(), value.into());
        self
    }

    /// Adds a product (`tradeItems`): a [`TradeItemBuilder`] or a [`TradeItem`]. At most 20.
    pub fn item(mut self, item: impl BuildPart<TradeItem>) -> Self {
        self.items.push(item.build_part());
        self
    }

    /// The unit, or its first missing or refused field.
    pub fn build(self) -> Result<LogisticsUnit, BuildError> {
        let mut unit = self.inner;
        present("weight", unit.weight.as_ref())?;
        present("dimension", unit.dimension.as_ref())?;
        if self.items.len() > MAX_TRADE_ITEMS {
            return Err(BuildError::Invalid {
                field: "tradeItems".into(),
                message: format!(
                    "at most {MAX_TRADE_ITEMS} trade items per logistics unit (got {})",
                    self.items.len()
                ),
            });
        }
        if !self.items.is_empty() {
            let items = self
                .items
                .into_iter()
                .enumerate()
                .map(|(i, item)| item.map_err(|e| e.within(&format!("tradeItems[{i}]"))))
                .collect::<Result<Vec<_>, _>>()?;
            unit.trade_items = Some(items);
        }
        Ok(unit)
    }
}

impl BuildPart<LogisticsUnit> for LogisticsUnitBuilder {
    fn build_part(self) -> Result<LogisticsUnit, BuildError> {
        self.build()
    }
}

/// Builds a [`TradeItem`] (A.29), or a hazardous one (A.18) with [`hazardous`](Self::hazardous).
/// Customs need every field, so `build()` requires `countryOfOrigin` (ISO 3166-1 alpha-3),
/// `fabricContent`, `harmonisedCode`, `productCode`, `description`, `quantity` (more than 0),
/// `productType`, `unitValue` and `unitWeight`.
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct TradeItemBuilder {
    inner: TradeItem,
    quantity: Option<u64>,
}

impl TradeItemBuilder {
    /// An empty trade item.
    pub fn new() -> Self {
        Self::default()
    }

    /// Description of the product (`description`).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.inner.description = Some(description.into());
        self
    }

    /// Product code, the SKU (`productCode`).
    pub fn product_code(mut self, code: impl Into<String>) -> Self {
        self.inner.product_code = Some(code.into());
        self
    }

    /// Product type (`productType`).
    pub fn product_type(mut self, product_type: impl Into<String>) -> Self {
        self.inner.product_type = Some(product_type.into());
        self
    }

    /// Harmonised System (customs tariff) code (`harmonisedCode`).
    pub fn harmonised_code(mut self, code: impl Into<String>) -> Self {
        self.inner.harmonised_code = Some(code.into());
        self
    }

    /// Fabric content (`fabricContent`).
    pub fn fabric_content(mut self, content: impl Into<String>) -> Self {
        self.inner.fabric_content = Some(content.into());
        self
    }

    /// ISO 3166-1 alpha-3 code of the country of origin (`countryOfOrigin`), e.g. `PRT`.
    pub fn country_of_origin(mut self, code: impl Into<String>) -> Self {
        self.inner.country_of_origin = Some(CountryCode::new(code.into()));
        self
    }

    /// Number of products (`quantity`); more than 0.
    pub fn quantity(mut self, quantity: u64) -> Self {
        self.quantity = Some(quantity);
        self
    }

    /// Value of one product (`unitValue`): an amount and an ISO 4217 currency code.
    pub fn unit_value(mut self, amount: f64, currency: impl Into<String>) -> Self {
        self.inner.unit_value = Some(Monetary::new(amount, currency));
        self
    }

    /// Weight of one product in kilograms (`unitWeight`).
    pub fn unit_weight_kg(mut self, kg: impl Into<f64>) -> Self {
        self.inner.unit_weight = Some(Weight::kg(kg.into()));
        self
    }

    /// Makes the item hazardous (`@type` `HazardousTradeItem`) with its hazardous materials
    /// codes and what the material is (`LIQUID`, `AEROSOL`); both need at least one entry.
    pub fn hazardous(
        mut self,
        codes: impl IntoIterator<Item = impl Into<String>>,
        attributes: impl IntoIterator<Item = HazardousMaterialAttribute>,
    ) -> Self {
        self.inner.item_type = Some(TradeItemType::HazardousTradeItem);
        self.inner.codes = Some(codes.into_iter().map(Into::into).collect());
        self.inner.material_attributes = Some(attributes.into_iter().collect());
        self
    }

    /// The trade item, or its first missing or refused field.
    pub fn build(self) -> Result<TradeItem, BuildError> {
        let mut item = self.inner;
        let country = item.country_of_origin.as_ref().map(|c| c.to_string());
        let country = required("countryOfOrigin", country)?;
        super::part::alpha3_country("countryOfOrigin", &country)?;
        required("fabricContent", item.fabric_content.clone())?;
        required("harmonisedCode", item.harmonised_code.clone())?;
        required("productCode", item.product_code.clone())?;
        required("description", item.description.clone())?;
        match present("quantity", self.quantity)? {
            0 => {
                return Err(BuildError::Invalid {
                    field: "quantity".into(),
                    message: "must be more than 0".into(),
                });
            }
            quantity if quantity > MAX_QUANTITY => {
                return Err(BuildError::Invalid {
                    field: "quantity".into(),
                    message: format!("a whole number of at most 12 digits (got {quantity})"),
                });
            }
            // At most 12 digits, so exact as f64.
            quantity => item.quantity = Some(quantity as f64),
        }
        required("productType", item.product_type.clone())?;
        present("unitValue", item.unit_value.as_ref())?;
        present("unitWeight", item.unit_weight.as_ref())?;
        if item.is_hazardous() {
            if item.codes.as_ref().is_none_or(Vec::is_empty) {
                return Err(BuildError::Missing("codes".into()));
            }
            if item.material_attributes.as_ref().is_none_or(Vec::is_empty) {
                return Err(BuildError::Missing("materialAttributes".into()));
            }
        } else {
            item.item_type = Some(TradeItemType::TradeItem);
        }
        Ok(item)
    }
}

impl BuildPart<TradeItem> for TradeItemBuilder {
    fn build_part(self) -> Result<TradeItem, BuildError> {
        self.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shirt() -> TradeItemBuilder {
        TradeItemBuilder::new()
            .description("Cotton T-shirt")
            .product_code("TS-001")
            .product_type("Clothing")
            .harmonised_code("610910")
            .fabric_content("100% cotton")
            .country_of_origin("PRT")
            .quantity(3)
            .unit_value(15.0, "GBP")
            .unit_weight_kg(0.2)
    }

    #[test]
    fn a_unit_needs_weight_and_dimensions() {
        assert_eq!(
            LogisticsUnitBuilder::new().build(),
            Err(BuildError::Missing("weight".into()))
        );
        let unit = LogisticsUnitBuilder::new()
            .weight_kg(2)
            .dimensions_cm(20, 15, 10)
            .shipper_ref("CARTON-1")
            .package_type("Parcel")
            .property("gift", "yes")
            .build()
            .expect("complete");
        assert_eq!(unit.weight, Some(Weight::kg(2.0)));
        assert_eq!(unit.dimension, Some(Dimension::cm(20.0, 15.0, 10.0)));
        assert_eq!(unit.trade_items, None);
        assert_eq!(
            unit.shipment_properties
                .and_then(|p| p.get("gift").cloned())
                .as_deref(),
            Some("yes")
        );
    }

    #[test]
    fn a_trade_item_error_names_its_place_in_the_unit() {
        let err = LogisticsUnitBuilder::new()
            .weight_kg(1.0)
            .dimensions_cm(1, 1, 1)
            .item(shirt())
            .item(shirt().quantity(0))
            .build()
            .expect_err("quantity 0");
        assert_eq!(err.field(), "tradeItems[1].quantity");

        let mut unit = LogisticsUnitBuilder::new()
            .weight_kg(1.0)
            .dimensions_cm(1, 1, 1);
        for _ in 0..=MAX_TRADE_ITEMS {
            unit = unit.item(shirt());
        }
        assert_eq!(unit.build().expect_err("21 items").field(), "tradeItems");
    }

    #[test]
    fn a_trade_item_needs_every_customs_field() {
        assert_eq!(
            TradeItemBuilder::new().build(),
            Err(BuildError::Missing("countryOfOrigin".into()))
        );
        let err = shirt()
            .country_of_origin("PT")
            .build()
            .expect_err("alpha-2");
        assert_eq!(err.field(), "countryOfOrigin");
        assert!(err.to_string().contains("alpha-3"), "{err}");
        let mut without_weight = shirt();
        without_weight.inner.unit_weight = None;
        assert_eq!(
            without_weight.build(),
            Err(BuildError::Missing("unitWeight".into()))
        );
        let item = shirt().build().expect("complete");
        assert_eq!(item.quantity, Some(3.0));
        assert_eq!(item.item_type, Some(TradeItemType::TradeItem));
    }

    #[test]
    fn a_hazardous_item_needs_codes_and_attributes() {
        let none: [&str; 0] = [];
        assert_eq!(
            shirt()
                .hazardous(none, [HazardousMaterialAttribute::Liquid])
                .build(),
            Err(BuildError::Missing("codes".into()))
        );
        let item = shirt()
            .hazardous(["UN1266"], [HazardousMaterialAttribute::Liquid])
            .build()
            .expect("hazardous");
        assert!(item.is_hazardous());
    }
}
