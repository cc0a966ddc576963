//! API versions: content types, order, deprecation, parsing; Appendix E's version ranges;
//! version-gated features.

use std::ops::Bound;

use metapack_mm_api::version::{
    ApiVersion, Feature, InvalidVersionRange, UnsupportedFeature, Version, VersionRange,
};

use ApiVersion::{V0, V0_7, V0_7_1, V0_7_5, V1_0};

#[test]
fn content_types_are_spelled_as_in_the_reference() {
    let expected = [
        (V0, "application/vnd.metapack.mm.v0+json"),
        (V0_7_5, "application/vnd.metapack.mm.v0.7.5+json"),
        (V0_7_1, "application/vnd.metapack.mm.v0.7.1+json"),
        (V0_7, "application/vnd.metapack.mm.v0.7+json"),
        (V1_0, "application/vnd.metapack.mm.v1.0+json"),
    ];
    for (version, content_type) in expected {
        assert_eq!(version.content_type(), content_type);
        assert_eq!(ApiVersion::from_content_type(content_type), Ok(version));
        assert_eq!(content_type.parse::<ApiVersion>(), Ok(version));
    }
}

#[test]
fn content_type_parsing_ignores_case_and_parameters_but_not_spelling() {
    assert_eq!(
        ApiVersion::from_content_type("Application/VND.metapack.mm.v0.7.1+JSON ; charset=UTF-8"),
        Ok(V0_7_1)
    );
    for bad in [
        "application/json",
        "application/vnd.metapack.mm.vxx.yy+json",
        "application/vnd.metapack.mm.v0.7.0+json",
        "application/vnd.metapack.mm.v0.6+json",
        "application/vnd.metapack.mm.v2+json",
        "application/vnd.metapack.mm.v0",
        "",
    ] {
        assert!(ApiVersion::from_content_type(bad).is_err(), "{bad}");
    }
}

#[test]
fn versions_are_ordered_oldest_first_with_v0_just_before_v1() {
    assert!(V0_7 < V0_7_1 && V0_7_1 < V0_7_5 && V0_7_5 < V0 && V0 < V1_0);
    let mut shuffled = [V1_0, V0, V0_7_1, V0_7, V0_7_5];
    shuffled.sort();
    assert_eq!(shuffled, ApiVersion::ALL);
    let effective: Vec<Version> = ApiVersion::ALL.iter().map(|v| v.effective()).collect();
    assert!(effective.windows(2).all(|w| w[0] < w[1]));
    assert!(V0.effective() > Version::new(0, 14, 0));
    assert!(V0.effective() < Version::new(1, 0, 0));
}

#[test]
fn deprecation_and_preference_follow_the_versions_table() {
    assert!(V0.is_preferred() && !V0.is_deprecated());
    for v in [V0_7_5, V0_7_1, V0_7] {
        assert!(v.is_deprecated() && !v.is_preferred(), "{v}");
    }
    assert!(!V1_0.is_deprecated());
    assert_eq!(ApiVersion::default(), ApiVersion::PREFERRED);
}

#[test]
fn versions_display_parse_and_serialize() {
    for v in ApiVersion::ALL {
        let shown = v.to_string();
        assert_eq!(shown, format!("v{}", v.as_str()));
        assert_eq!(shown.parse::<ApiVersion>(), Ok(v));
        assert_eq!(v.as_str().parse::<ApiVersion>(), Ok(v));
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, format!("\"{}\"", v.as_str()));
        assert_eq!(serde_json::from_str::<ApiVersion>(&json).unwrap(), v);
    }
    assert!("0.7.0".parse::<ApiVersion>().is_err());
    assert!("v3".parse::<ApiVersion>().is_err());
    assert!(serde_json::from_str::<ApiVersion>("\"0.8\"").is_err());
}

/// Every notation of Appendix E, with the versions it holds.
#[test]
fn appendix_e_ranges_parse_and_contain_the_right_versions() {
    let table: [(&str, &[ApiVersion]); 12] = [
        ("[1.0,)", &[V1_0]),
        ("[0.7.5,)", &[V0_7_5, V0, V1_0]),
        ("[0.7.0,)", &[V0_7, V0_7_1, V0_7_5, V0, V1_0]),
        ("(,0.7.0]", &[V0_7]),
        ("[0.7.0]", &[V0_7]),
        ("[0.6.0,)", &[V0_7, V0_7_1, V0_7_5, V0, V1_0]),
        ("(,0.6.0]", &[]),
        ("[0.6.0]", &[]),
        ("[0.6.0,0.7.0]", &[V0_7]),
        ("[0.7.1,)", &[V0_7_1, V0_7_5, V0, V1_0]),
        ("[0.7.1]", &[V0_7_1]),
        ("[0.7.2,)", &[V0_7_5, V0, V1_0]),
    ];
    for (text, holds) in table {
        let range: VersionRange = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(range.api_versions(), holds, "{text}");
        for v in ApiVersion::ALL {
            assert_eq!(range.contains(v), holds.contains(&v), "{text} {v}");
        }
    }
}

#[test]
fn other_maven_forms_parse() {
    let before_1: VersionRange = "(,1.0)".parse().unwrap();
    assert_eq!(before_1, VersionRange::before(1, 0, 0));
    assert_eq!(
        before_1.api_versions(),
        [V0_7, V0_7_1, V0_7_5, V0],
        "v0 is before 1.0"
    );
    let span: VersionRange = "[0.7.1,0.7.5]".parse().unwrap();
    assert_eq!(span.api_versions(), [V0_7_1, V0_7_5]);
    let open: VersionRange = "(0.7.1,0.7.5)".parse().unwrap();
    assert!(open.api_versions().is_empty());
    assert!(open.contains_version(Version::new(0, 7, 2)));
    let since_11: VersionRange = " [ 0.11.0 , ) ".parse().unwrap();
    assert_eq!(since_11, VersionRange::since(0, 11, 0));
    assert!(since_11.contains(V0) && !since_11.contains(V0_7_5));
    let any: VersionRange = "(,)".parse().unwrap();
    assert_eq!(any, VersionRange::ANY);
    assert_eq!(any.api_versions(), ApiVersion::ALL);
    assert_eq!(
        "[0.7]".parse::<VersionRange>().unwrap(),
        VersionRange::exactly(0, 7, 0),
        "missing parts read as 0"
    );
}

#[test]
fn ranges_display_in_maven_notation_and_round_trip() {
    for (text, shown) in [
        ("[1.0,)", "[1.0.0,)"),
        ("(,0.7.0]", "(,0.7.0]"),
        ("[0.7.1]", "[0.7.1]"),
        ("[0.6.0,0.7.0]", "[0.6.0,0.7.0]"),
        ("(0.6,0.7)", "(0.6.0,0.7.0)"),
        ("(,1.0)", "(,1.0.0)"),
    ] {
        let range: VersionRange = text.parse().unwrap();
        assert_eq!(range.to_string(), shown);
        assert_eq!(shown.parse::<VersionRange>().unwrap(), range);
    }
}

#[test]
fn malformed_ranges_are_rejected() {
    for bad in [
        "",
        "[",
        "1.0",
        "[1.0",
        "1.0]",
        "[,1.0]",
        "[1.0,]",
        "(1.0)",
        "[]",
        "[a,)",
        "[1..0,)",
        "[1.0.0.0,)",
        "[2.0,1.0]",
        "(1.0,1.0)",
        "[1.0,1.0)",
        "(,1.0],[1.2,)",
        "{1.0,)",
    ] {
        assert_eq!(
            bad.parse::<VersionRange>(),
            Err(InvalidVersionRange(bad.to_owned())),
            "{bad}"
        );
    }
    assert_eq!(
        "[1.0,1.0]".parse::<VersionRange>().unwrap().lower,
        Bound::Included(Version::new(1, 0, 0))
    );
}

#[test]
fn return_labels_need_v1() {
    for v in [V0_7, V0_7_1, V0_7_5, V0] {
        assert!(!v.supports(Feature::ReturnLabels), "{v}");
        let err = v.require(Feature::ReturnLabels).unwrap_err();
        assert_eq!(
            err,
            UnsupportedFeature {
                feature: Feature::ReturnLabels,
                version: v,
                needs: VersionRange::since(1, 0, 0),
            }
        );
        assert_eq!(err.oldest_supporting(), Some(V1_0));
        assert!(err.to_string().contains("returnLogisticsUnitDocuments"));
        assert!(err.to_string().contains(&v.to_string()));
    }
    assert!(V1_0.supports(Feature::ReturnLabels));
    assert_eq!(V1_0.require(Feature::ReturnLabels), Ok(()));
}

/// Every feature's range, as the reference gives it, and which versions have it.
#[test]
fn features_have_the_documented_ranges() {
    let all = &ApiVersion::ALL[..];
    let table: [(Feature, &str, &[ApiVersion]); 25] = [
        (Feature::GetShipment, "[0.6.0,)", all),
        (Feature::AllocateShipment, "[0.7.0,)", all),
        (Feature::GetConsignment, "[0.6.0,)", all),
        (Feature::DeallocateConsignment, "[0.9.0,)", &[V0, V1_0]),
        (Feature::UpdateConsignmentStatus, "[0.14.0,)", &[V0, V1_0]),
        (Feature::UpdateConsignmentStatuses, "[0.14.0,)", &[V0, V1_0]),
        (Feature::CloseConsignmentList, "[0.13.0,)", &[V0, V1_0]),
        (Feature::GetDocument, "[0.6.0,)", all),
        (Feature::LogisticsServiceCodeParameter, "[0.7.0]", &[V0_7]),
        (
            Feature::LogisticsServiceUriParameter,
            "[0.7.1,)",
            &[V0_7_1, V0_7_5, V0, V1_0],
        ),
        (Feature::LogisticsServiceGroupParameter, "[0.7.0,)", all),
        (Feature::LatestDeliveryDateParameter, "[0.7.0,)", all),
        (Feature::DocumentFormatParameter, "[0.6.0,)", all),
        (Feature::DocumentDpiParameter, "[0.6.0,)", all),
        (Feature::ReturnLabels, "[1.0,)", &[V1_0]),
        (Feature::AllocationErrors, "[0.11.0,)", &[V0, V1_0]),
        (Feature::AgentUri, "[0.7.5,)", &[V0_7_5, V0, V1_0]),
        (Feature::ReceiverUri, "[0.7.1]", &[V0_7_1]),
        (Feature::DestinationUri, "[0.7.2,)", &[V0_7_5, V0, V1_0]),
        (Feature::CollectionPoint, "[0.7.5,)", &[V0_7_5, V0, V1_0]),
        (
            Feature::CollectionShipments,
            "[0.7.5,)",
            &[V0_7_5, V0, V1_0],
        ),
        (Feature::TwoManDelivery, "[0.7.0,)", all),
        (Feature::DpiValues, "[0.7.0,)", all),
        (Feature::PngLabels, "[0.7.0,)", all),
        (Feature::ZplLabels, "[0.7.0,)", all),
    ];
    assert_eq!(
        table.iter().map(|t| t.0).collect::<Vec<_>>(),
        Feature::ALL,
        "table covers every feature, in order"
    );
    for (feature, range, holds) in table {
        assert_eq!(feature.range(), range.parse().unwrap(), "{feature:?}");
        for v in ApiVersion::ALL {
            assert_eq!(v.supports(feature), holds.contains(&v), "{feature:?} {v}");
        }
        assert!(!feature.description().is_empty());
    }
}
