//! Snapshots of the generated Delivery Options models.

use metapack_delivery_options::types::*;

/// One JSON Schema snapshot per model of the spec.
#[test]
fn json_schema_of_every_model() {
    metapack_tests::assert_schema_snapshots!(
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../specs/delivery-options.yaml"
        )),
        [
            AddressType,
            DeliveryOption,
            DimensionsUnit,
            Distance,
            Error,
            FindResponse,
            Header,
            OptionType,
            SortType,
            TimeWindow,
            WeightUnit,
        ]
    );
}
