//! Value lists: documented values exactly as Appendix B spells them, unknown values kept,
//! lenient letter case; the country, time-zone and language tables.

use std::collections::BTreeSet;

use metapack_mm_api::values::countries::COUNTRIES;
use metapack_mm_api::values::languages::LANGUAGES;
use metapack_mm_api::values::time_zones::TIME_ZONES;
use metapack_mm_api::values::*;
use metapack_mm_api::version::Feature;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn wire<T: ValueList>() -> Vec<&'static str> {
    T::documented()
}

#[test]
fn documented_values_are_spelled_as_in_the_reference() {
    assert_eq!(wire::<Dpi>(), ["200", "300", "600"]);
    assert_eq!(wire::<LabelFormat>(), ["PDF", "PNG", "PCL", "ZPL"]);
    assert_eq!(wire::<MeasurementUnit>(), ["CM"]);
    assert_eq!(wire::<ShipmentType>(), ["DELIVERY", "COLLECTION"]);
    assert_eq!(wire::<ConsignmentListType>(), ["CLOSE_LIST"]);
    assert_eq!(
        wire::<AcceptableConsignmentStatus>(),
        ["READY_TO_MANIFEST", "HOLD_TO_MANIFEST"]
    );
    assert_eq!(wire::<WeightUnit>(), ["KG"]);
    assert_eq!(
        wire::<ProofOfDeliveryType>(),
        ["SIGNATURE", "NON_SIGNATURE"]
    );
    assert_eq!(
        wire::<ConstraintCode>(),
        [
            "NotNull",
            "NotNullDependsOn",
            "ValueDependsOn",
            "DecimalMax",
            "DecimalMin",
            "Digits",
            "Future",
            "Max",
            "Min",
            "Past",
            "Size",
            "Email",
            "Enum",
            "ValidAddressFormat",
            "MapStringSize",
            "ValidTypeAndReceiverCombination",
            "ValidTypeAndDestinationCombination",
            "ValidURI",
            "ValidDestinationURI",
            "ValidConsignmentURI",
            "ISODateTimeFormat",
            "CompatibleType",
            "SupportedValue",
        ]
    );
    assert_eq!(
        wire::<AllocationErrorCode>(),
        [
            "UnknownError",
            "DeliveryWindow",
            "DeliveryWindowRejectedForCutOff",
            "DeliveryWindowRejectedForTransitTimes",
            "DeliveryWindowRejectedForWorkingDays",
            "NoLogisticsServiceAvailable",
            "TooHigh",
            "TooLow",
        ]
    );
    assert_eq!(wire::<DocumentType>(), ["label", "paperwork"]);
    assert_eq!(wire::<HazardousMaterialAttribute>(), ["LIQUID", "AEROSOL"]);
    assert_eq!(wire::<NotificationType>(), ["SMS", "EMAIL", "PHONE"]);
    assert_eq!(
        wire::<Incoterms>(),
        [
            "EXW", "FCA", "CPT", "CIP", "DAT", "DAP", "DDP", "FAS", "FOB", "CFR", "CIF"
        ]
    );
    assert_eq!(wire::<TradeItemType>(), ["TradeItem", "HazardousTradeItem"]);
}

fn round_trip<T>(known: &[T])
where
    T: ValueList + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    for value in known {
        let json = serde_json::to_string(value).unwrap();
        assert_eq!(json, format!("\"{}\"", value.wire()));
        assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value);
    }
    let unknown: T = serde_json::from_str("\"SOMETHING_NEW\"").unwrap();
    assert!(!unknown.is_documented());
    assert_eq!(unknown.wire(), "SOMETHING_NEW");
    assert_eq!(
        serde_json::to_string(&unknown).unwrap(),
        "\"SOMETHING_NEW\""
    );
}

#[test]
fn every_list_round_trips_and_keeps_unknown_values() {
    round_trip(Dpi::KNOWN);
    round_trip(LabelFormat::KNOWN);
    round_trip(MeasurementUnit::KNOWN);
    round_trip(ShipmentType::KNOWN);
    round_trip(ConsignmentListType::KNOWN);
    round_trip(AcceptableConsignmentStatus::KNOWN);
    round_trip(WeightUnit::KNOWN);
    round_trip(ProofOfDeliveryType::KNOWN);
    round_trip(ConstraintCode::KNOWN);
    round_trip(AllocationErrorCode::KNOWN);
    round_trip(DocumentType::KNOWN);
    round_trip(HazardousMaterialAttribute::KNOWN);
    round_trip(NotificationType::KNOWN);
    round_trip(Incoterms::KNOWN);
    round_trip(TradeItemType::KNOWN);
}

#[test]
fn known_values_are_read_in_any_letter_case() {
    assert_eq!(DocumentType::parse("LABEL"), DocumentType::Label);
    assert_eq!(
        AcceptableConsignmentStatus::parse("readyToManifest"),
        AcceptableConsignmentStatus::ReadyToManifest
    );
    assert_eq!(ShipmentType::parse("delivery"), ShipmentType::Delivery);
    assert_eq!(ConstraintCode::parse("validUri"), ConstraintCode::ValidUri);
    assert_eq!(
        ConstraintCode::parse("ISODateTimeFormat"),
        ConstraintCode::IsoDateTimeFormat
    );
    assert_eq!(WeightUnit::parse("kg"), WeightUnit::Kg);
    let weird: ShipmentType = serde_json::from_str("\"RETURN\"").unwrap();
    assert_eq!(weird, ShipmentType::Other("RETURN".into()));
}

#[test]
fn statuses_and_version_gates_of_values() {
    assert_eq!(Dpi::Dpi200.status(), Some(ValueStatus::Supported));
    assert_eq!(Dpi::Dpi600.status(), Some(ValueStatus::NotSupportedYet));
    assert_eq!(Dpi::parse("150").status(), None);
    assert_eq!(Dpi::Dpi300.dots_per_inch(), Some(300));
    assert_eq!(Dpi::Dpi300.feature(), Some(Feature::DpiValues));
    assert_eq!(
        LabelFormat::Pcl.status(),
        Some(ValueStatus::NotSupportedYet)
    );
    assert_eq!(LabelFormat::Pdf.feature(), None);
    assert_eq!(LabelFormat::Zpl.feature(), Some(Feature::ZplLabels));
    assert_eq!(LabelFormat::Png.feature(), Some(Feature::PngLabels));
    assert_eq!(LabelFormat::Zpl.media_type(), Some("text/zpl"));
    assert_eq!(
        ShipmentType::Collection.feature(),
        Some(Feature::CollectionShipments)
    );
    assert_eq!(ShipmentType::Delivery.feature(), None);
}

#[test]
fn country_table_is_b15() {
    assert_eq!(COUNTRIES.len(), 249);
    let codes: Vec<&str> = COUNTRIES.iter().map(|(c, _)| *c).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, codes, "unique and alphabetical");
    assert!(
        codes
            .iter()
            .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
    );
    assert_eq!(CountryCode::new("GBR").name(), Some("United Kingdom"));
    assert_eq!(CountryCode::new("ala").name(), Some("Åland Islands"));
    assert_eq!(CountryCode::new("CIV").name(), Some("Côte d’Ivoire"));
    assert!(!CountryCode::new("XKX").is_known());
    assert!(!CountryCode::new("GB").is_known());
}

#[test]
fn time_zone_table_is_b14() {
    assert_eq!(TIME_ZONES.len(), 617);
    let ids: BTreeSet<&str> = TIME_ZONES.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), TIME_ZONES.len(), "unique");
    assert_eq!(
        TimeZoneId::new("Europe/London").name(),
        Some("Greenwich Mean Time")
    );
    assert_eq!(TimeZoneId::new("GMT").name(), Some("Greenwich Mean Time"));
    assert_eq!(TimeZoneId::new("Etc/GMT+1").name(), Some("GMT-01:00"));
    assert_eq!(TimeZoneId::new("Etc/GMT-1").name(), Some("GMT+01:00"));
    assert_eq!(TimeZoneId::new("VST").name(), Some("Indochina Time"));
    assert!(
        !TimeZoneId::new("europe/london").is_known(),
        "IDs are case sensitive"
    );
    assert!(
        !TimeZoneId::new("Europe/Kyiv").is_known(),
        "not in Java 8's list"
    );
}

#[test]
fn language_table_is_iso_639_1() {
    assert_eq!(LANGUAGES.len(), 184 + 3);
    let mut sorted = LANGUAGES.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, LANGUAGES, "unique and alphabetical");
    assert!(
        LANGUAGES
            .iter()
            .all(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()))
    );
    for known in ["fr", "en", "de", "EN", "zh", "he", "iw"] {
        assert!(LanguageCode::new(known).is_known(), "{known}");
    }
    for unknown in ["xx", "eng", "", "f"] {
        assert!(!LanguageCode::new(unknown).is_known(), "{unknown}");
    }
}
