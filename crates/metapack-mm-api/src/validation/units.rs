//! Checks of what is shipped: [`LogisticsUnit`], [`TradeItem`], [`Weight`], [`Dimension`]
//! and [`Monetary`].

use super::rules::{self, not_null, size};
use super::{Checker, Validate};
use crate::model::{Dimension, LogisticsUnit, Monetary, TradeItem, Weight};

impl Validate for LogisticsUnit {
    const OBJECT_NAME: &'static str = "logisticsUnit";

    fn validate_in(&self, c: &mut Checker) {
        size(c, "shipperRef", self.shipper_ref.as_deref(), 0, 100);
        let items = self.trade_items.as_deref();
        rules::count(c, "tradeItems", items.map(<[_]>::len), 0, 20, || {
            serde_json::to_value(items).ok()
        });
        c.check_each("tradeItems", items);
        size(c, "packageType", self.package_type.as_deref(), 0, 50);
        rules::properties(
            c,
            "shipmentProperties",
            self.shipment_properties.as_ref(),
            10,
            30,
            100,
        );
        c.check_required("weight", self.weight.as_ref());
        c.check_required("dimension", self.dimension.as_ref());
        c.check("value", self.value.as_ref());
    }
}

impl Validate for TradeItem {
    const OBJECT_NAME: &'static str = "tradeItem";

    fn validate_in(&self, c: &mut Checker) {
        rules::supported_value(c, "@type", self.item_type.as_ref());
        rules::country(c, "countryOfOrigin", self.country_of_origin.as_ref());
        for (field, value, max) in [
            ("fabricContent", self.fabric_content.as_deref(), 250),
            ("harmonisedCode", self.harmonised_code.as_deref(), 50),
            ("productCode", self.product_code.as_deref(), 50),
            ("description", self.description.as_deref(), 250),
        ] {
            not_null(c, field, value);
            size(c, field, value, 0, max);
        }
        if not_null(c, "quantity", self.quantity.as_ref()).is_some() {
            rules::digits(c, "quantity", self.quantity, 12, 0);
            rules::decimal_min(c, "quantity", self.quantity, 0.0, false);
        }
        not_null(c, "productType", self.product_type.as_deref());
        size(c, "productType", self.product_type.as_deref(), 0, 250);
        c.check_required("unitValue", self.unit_value.as_ref());
        c.check_required("unitWeight", self.unit_weight.as_ref());

        let hazardous = self.is_hazardous();
        let because = "@type is HazardousTradeItem";
        let codes = self.codes.as_deref();
        rules::value_depends_on(c, "codes", codes.is_some(), hazardous, because);
        rules::count(c, "codes", codes.map(<[_]>::len), 0, 10, || {
            serde_json::to_value(codes).ok()
        });
        for (i, code) in codes.unwrap_or_default().iter().enumerate() {
            size(c, &format!("codes[{i}]"), Some(code), 0, 250);
        }
        let attributes = self.material_attributes.as_deref();
        rules::value_depends_on(
            c,
            "materialAttributes",
            attributes.is_some(),
            hazardous,
            because,
        );
        rules::count(
            c,
            "materialAttributes",
            attributes.map(<[_]>::len),
            0,
            10,
            || serde_json::to_value(attributes).ok(),
        );
        for (i, attribute) in attributes.unwrap_or_default().iter().enumerate() {
            rules::enum_value(c, &format!("materialAttributes[{i}]"), Some(attribute));
        }
    }
}

impl Validate for Weight {
    const OBJECT_NAME: &'static str = "weight";

    fn validate_in(&self, c: &mut Checker) {
        if not_null(c, "value", self.value.as_ref()).is_some() {
            rules::min(c, "value", self.value, 0);
            rules::digits(c, "value", self.value, 12, 3);
        }
        if not_null(c, "unit", self.unit.as_ref()).is_some() {
            rules::supported_value(c, "unit", self.unit.as_ref());
        }
    }
}

impl Validate for Dimension {
    const OBJECT_NAME: &'static str = "dimension";

    fn validate_in(&self, c: &mut Checker) {
        for (field, value) in [
            ("width", self.width),
            ("height", self.height),
            ("depth", self.depth),
        ] {
            if not_null(c, field, value.as_ref()).is_some() {
                rules::min(c, field, value, 0);
                rules::digits(c, field, value, 3, 0);
            }
        }
        if not_null(c, "unit", self.unit.as_ref()).is_some() {
            rules::supported_value(c, "unit", self.unit.as_ref());
        }
    }
}

impl Validate for Monetary {
    const OBJECT_NAME: &'static str = "monetary";

    fn validate_in(&self, c: &mut Checker) {
        if not_null(c, "value", self.value.as_ref()).is_some() {
            rules::digits(c, "value", self.value, 12, 2);
        }
        let currency = self.currency_code.as_deref();
        not_null(c, "currencyCode", currency);
        size(c, "currencyCode", currency, 0, 3);
    }
}
