//! Appendix D, table-driven: for every listed country a complete address passes, dropping
//! any required field fails with `ValidAddressFormat` on exactly that field, and dropping an
//! optional one still passes. Unlisted countries need city and street.

use crate::common;

use common::{assert_valid, example_shipment, pairs};
use metapack_mm_api::ApiVersion;
use metapack_mm_api::model::Address;
use metapack_mm_api::validation::Validate;
use metapack_mm_api::validation::address_rules::{
    ADDRESS_RULES, AddressField, DEFAULT_RULE, Requirement, rule_for,
};

/// Appendix D transcribed again, independently of the crate's table: country code and, for
/// province, city, district, postal code and street, `R` (required) or `O` (optional).
/// 88 rows.
const APPENDIX_D: [(&str, &str); 88] = [
    ("ASM", "RRORR"),
    ("ATG", "OOOOR"),
    ("AUS", "RRORR"),
    ("AUT", "ORORR"),
    ("BEL", "ORORR"),
    ("BRA", "RRORR"),
    ("IOT", "ORORR"),
    ("CAN", "RRORR"),
    ("CYM", "ROOOR"),
    ("GGY", "ORORR"),
    ("JEY", "ORORR"),
    ("CHN", "RRORR"),
    ("COL", "ROOOR"),
    ("CRI", "RROOR"),
    ("DNK", "ORORR"),
    ("SLV", "RROOR"),
    ("FLK", "ORORR"),
    ("ALA", "ORORR"),
    ("FIN", "ORORR"),
    ("FRA", "ORORR"),
    ("GUF", "ORORR"),
    ("PYF", "RRORR"),
    ("DEU", "ORORR"),
    ("GIB", "OOOOR"),
    ("GRC", "ORORR"),
    ("GRL", "ORORR"),
    ("GLP", "ORORR"),
    ("GUM", "RRORR"),
    ("HND", "RROOR"),
    ("HKG", "ROOOR"),
    ("HUN", "ORORR"),
    ("IND", "RRORR"),
    ("IDN", "ROOOR"),
    ("IRQ", "RROOR"),
    ("IMN", "ORORR"),
    ("ITA", "RRORR"),
    ("JAM", "RROOR"),
    ("JPN", "RRORR"),
    ("LIE", "ORORR"),
    ("LUX", "ORORR"),
    ("MAC", "OOOOR"),
    ("MYS", "ORORR"),
    ("MHL", "RRORR"),
    ("MTQ", "ORORR"),
    ("MYT", "ORORR"),
    ("MEX", "ORORR"),
    ("FSM", "RRORR"),
    ("NRU", "ROOOR"),
    ("NLD", "ORORR"),
    ("NCL", "ORORR"),
    ("NZL", "ORORR"),
    ("MNP", "RRORR"),
    ("NOR", "ORORR"),
    ("PLW", "RRORR"),
    ("PNG", "RROOR"),
    ("PCN", "ORORR"),
    ("POL", "ORORR"),
    ("PRT", "ORORR"),
    ("PRI", "ORORR"),
    ("SGP", "OOORR"),
    ("REU", "ORORR"),
    ("RUS", "RRORR"),
    ("BLM", "ORORR"),
    ("SHN", "ORORR"),
    ("KNA", "RROOR"),
    ("MAF", "ORORR"),
    ("SMR", "OOORR"),
    ("SOM", "RROOR"),
    ("ZAF", "ORORR"),
    ("SGS", "ORORR"),
    ("KOR", "RRORR"),
    ("ESP", "RRORR"),
    ("SPM", "ORORR"),
    ("SJM", "ORORR"),
    ("SWE", "ORORR"),
    ("CHE", "ORORR"),
    ("TWN", "RRORR"),
    ("TUR", "ORORR"),
    ("TCA", "ORORR"),
    ("UKR", "RRORR"),
    ("ARE", "ROOOR"),
    ("GBR", "ORORR"),
    ("USA", "RRORR"),
    ("UMI", "RROOR"),
    ("VEN", "RROOR"),
    ("VGB", "OOOOR"),
    ("VIR", "RRORR"),
    ("WLF", "ORORR"),
];

fn complete(country: &str) -> Address {
    Address {
        province: Some("Province".into()),
        district: Some("District".into()),
        ..Address::new(country, "City", "Street", "12345")
    }
}

#[test]
fn crate_table_matches_the_transcription() {
    assert_eq!(ADDRESS_RULES.len(), APPENDIX_D.len());
    for (rule, (code, flags)) in ADDRESS_RULES.iter().zip(APPENDIX_D) {
        assert_eq!(rule.country, code);
        let ours: String = [
            rule.province,
            rule.city,
            rule.district,
            rule.postal_code,
            rule.street,
        ]
        .iter()
        .map(|r| {
            if *r == Requirement::Required {
                'R'
            } else {
                'O'
            }
        })
        .collect();
        assert_eq!(ours, flags, "{code}");
        assert_eq!(rule_for(code), rule);
        assert_eq!(rule_for(&code.to_lowercase()), rule, "any letter case");
    }
}

#[test]
fn every_listed_country_requires_exactly_its_fields() {
    for (code, flags) in APPENDIX_D {
        let address = complete(code);
        assert_valid(&address, ApiVersion::V0);
        for (field, flag) in AddressField::ALL.into_iter().zip(flags.chars()) {
            for dropped in [None, Some(String::new()), Some("   ".to_owned())] {
                let mut incomplete = address.clone();
                field.set(&mut incomplete, dropped.clone());
                let violations = incomplete.validate(ApiVersion::V0);
                if flag == 'R' {
                    assert_eq!(
                        pairs(&violations),
                        [(
                            field.json_name().to_owned(),
                            "ValidAddressFormat".to_owned()
                        )],
                        "{code} without {field:?} ({dropped:?})"
                    );
                    assert_eq!(violations[0].object_name, "address");
                } else {
                    assert!(violations.is_empty(), "{code}: {field:?} is optional");
                }
            }
        }
    }
}

#[test]
fn street_is_required_everywhere_and_district_nowhere() {
    for rule in ADDRESS_RULES {
        assert!(rule.requires(AddressField::Street), "{}", rule.country);
        assert!(!rule.requires(AddressField::District), "{}", rule.country);
    }
}

#[test]
fn unlisted_countries_need_city_and_street() {
    assert_eq!(
        DEFAULT_RULE.required_fields(),
        [AddressField::City, AddressField::Street]
    );
    for code in ["NPL", "FRO", "ARG", "BGR"] {
        assert!(APPENDIX_D.iter().all(|(c, _)| *c != code));
        assert_eq!(rule_for(code), &DEFAULT_RULE);
        let bare = Address {
            country: Some(code.into()),
            city: Some("City".into()),
            street: Some("Street".into()),
            ..Address::default()
        };
        assert_valid(&bare, ApiVersion::V0);
        for field in [AddressField::City, AddressField::Street] {
            let mut incomplete = bare.clone();
            field.set(&mut incomplete, None);
            assert_eq!(
                pairs(&incomplete.validate(ApiVersion::V0)),
                [(
                    field.json_name().to_owned(),
                    "ValidAddressFormat".to_owned()
                )]
            );
        }
    }
}

#[test]
fn required_fields_are_reported_at_their_path_in_the_shipment() {
    let mut shipment = example_shipment();
    let undeliverable = shipment.undeliverable.as_mut().unwrap();
    let address = undeliverable.address.as_mut().unwrap();
    address.country = Some("USA".into());
    assert_eq!(
        pairs(&shipment.validate(ApiVersion::V0)),
        [(
            "undeliverable.address.province".to_owned(),
            "ValidAddressFormat".to_owned()
        )]
    );
}

#[test]
fn an_address_without_country_is_only_a_not_null() {
    let address = Address {
        country: None,
        ..Address::default()
    };
    assert_eq!(
        pairs(&address.validate(ApiVersion::V0)),
        [("country".to_owned(), "NotNull".to_owned())]
    );
}
