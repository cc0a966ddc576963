//! Rules the agreement test with the sandbox's own validation found wrong in the client's,
//! settled from the reference: URIs need `scheme://host/path` with no character RFC 3986
//! forbids (B.10 `ValidURI`, glossary "URI"); dates are ISO 8601 with every digit (B.1),
//! seconds optional; country codes are B.15's upper-case codes, and Appendix D's rows apply
//! to those codes only.

use metapack_mm_api::ApiVersion;
use metapack_mm_api::model::{Address, IsoDateTime, Order};
use metapack_mm_api::validation::{Validate, rules};
use metapack_mm_api::values::ConstraintCode;

fn codes(violations: &[metapack_mm_api::ConstraintViolation]) -> Vec<(String, ConstraintCode)> {
    violations
        .iter()
        .map(|v| (v.field_path().to_owned(), v.code.clone()))
        .collect()
}

#[test]
fn uris_need_an_authority_and_allowed_characters() {
    for bad in [
        "https://example.com\\locations",
        "https:/example.com/locations",
        "https://example.com/a<b>",
        "https://example.com/{id}",
    ] {
        assert!(!rules::is_valid_uri(bad), "{bad}");
    }
    for good in [
        "https://example.metapack.com/locations/ae932e29",
        "https://[::1]:8080/locations/1",
        "http://127.0.0.1:3000/mm-api/consignments/1",
    ] {
        assert!(rules::is_valid_uri(good), "{good}");
    }
}

fn order(date: &str) -> Order {
    Order {
        date: Some(IsoDateTime::new(date)),
        ..Order::default()
    }
}

#[test]
fn dates_are_iso_8601_with_every_digit() {
    for bad in ["2016-1-4", " 2016-01-14", "2016-01-14 10:00:00", "20160114"] {
        assert!(!rules::is_iso_8601(bad), "{bad}");
        assert_eq!(
            codes(&order(bad).validate(ApiVersion::V0)),
            [("date".to_owned(), ConstraintCode::IsoDateTimeFormat)],
            "{bad}"
        );
    }
    for good in [
        "2016-01-14T10:00Z",
        "2016-01-14t10:00:00.5z",
        "2019-03-17T17:31:10Z",
    ] {
        assert!(rules::is_iso_8601(good), "{good}");
        assert!(order(good).validate(ApiVersion::V0).is_empty(), "{good}");
    }
}

#[test]
fn country_codes_are_upper_case() {
    let mut address = Address::new("gbr", "London", "Gray's Inn Road", "WC1X 8XZ");
    assert_eq!(
        codes(&address.validate(ApiVersion::V0)),
        [("country".to_owned(), ConstraintCode::SupportedValue)]
    );
    // Not a row of Appendix D: city and street only, so no postal code is required.
    address.postal_code = None;
    assert_eq!(
        codes(&address.validate(ApiVersion::V0)),
        [("country".to_owned(), ConstraintCode::SupportedValue)]
    );
    address.country = Some("GBR".into());
    assert_eq!(
        codes(&address.validate(ApiVersion::V0)),
        [("postalCode".to_owned(), ConstraintCode::ValidAddressFormat)]
    );
}
