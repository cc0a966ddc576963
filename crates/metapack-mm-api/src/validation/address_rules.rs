//! Required address fields per country (Appendix D), and the `ValidAddressFormat` check.
//!
//! The server checks the structure of an address (which fields are there), not that it
//! exists. For each country of the table, each of province, city, district, postal code and
//! street is required or optional; for any other country, city and street are required and
//! the rest optional. A required field that is absent or blank is reported as
//! `ValidAddressFormat` on that field.
//!
//! ```
//! use metapack_mm_api::validation::address_rules::{AddressField, rule_for};
//! let usa = rule_for("USA");
//! assert!(usa.requires(AddressField::Province));
//! let unlisted = rule_for("NPL");
//! assert_eq!(unlisted.required_fields(), vec![AddressField::City, AddressField::Street]);
//! ```

use serde_json::Value;

use super::Checker;
use crate::model::Address;
use crate::values::ConstraintCode;

/// Whether a country needs an address field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// The field must be present and not blank.
    Required,
    /// The field may be left out.
    Optional,
}

use Requirement::{Optional as O, Required as R};

/// An address field that Appendix D rules on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AddressField {
    /// `province`.
    Province,
    /// `city`.
    City,
    /// `district`.
    District,
    /// `postalCode`.
    PostalCode,
    /// `street`.
    Street,
}

impl AddressField {
    /// The five fields, in the table's column order.
    pub const ALL: [AddressField; 5] = [
        AddressField::Province,
        AddressField::City,
        AddressField::District,
        AddressField::PostalCode,
        AddressField::Street,
    ];

    /// The field's JSON name (`postalCode`).
    pub const fn json_name(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::City => "city",
            Self::District => "district",
            Self::PostalCode => "postalCode",
            Self::Street => "street",
        }
    }

    /// The field's value in an address.
    pub fn value(self, address: &Address) -> Option<&str> {
        match self {
            Self::Province => address.province.as_deref(),
            Self::City => address.city.as_deref(),
            Self::District => address.district.as_deref(),
            Self::PostalCode => address.postal_code.as_deref(),
            Self::Street => address.street.as_deref(),
        }
    }

    /// Sets (or clears) the field's value in an address.
    pub fn set(self, address: &mut Address, value: Option<String>) {
        let slot = match self {
            Self::Province => &mut address.province,
            Self::City => &mut address.city,
            Self::District => &mut address.district,
            Self::PostalCode => &mut address.postal_code,
            Self::Street => &mut address.street,
        };
        *slot = value;
    }
}

/// One row of Appendix D: a country and what it requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AddressRule {
    /// ISO 3166-1 alpha-3 code (`*` for the rule of unlisted countries).
    pub country: &'static str,
    /// The country's name as the table gives it.
    pub name: &'static str,
    /// `province`.
    pub province: Requirement,
    /// `city`.
    pub city: Requirement,
    /// `district`.
    pub district: Requirement,
    /// `postalCode`.
    pub postal_code: Requirement,
    /// `street`.
    pub street: Requirement,
}

impl AddressRule {
    /// Whether the country requires `field`.
    pub fn requires(&self, field: AddressField) -> bool {
        let requirement = match field {
            AddressField::Province => self.province,
            AddressField::City => self.city,
            AddressField::District => self.district,
            AddressField::PostalCode => self.postal_code,
            AddressField::Street => self.street,
        };
        requirement == Requirement::Required
    }

    /// The fields the country requires, in column order.
    pub fn required_fields(&self) -> Vec<AddressField> {
        AddressField::ALL
            .into_iter()
            .filter(|f| self.requires(*f))
            .collect()
    }
}

const fn rule(country: &'static str, name: &'static str, r: [Requirement; 5]) -> AddressRule {
    AddressRule {
        country,
        name,
        province: r[0],
        city: r[1],
        district: r[2],
        postal_code: r[3],
        street: r[4],
    }
}

/// The rule for countries Appendix D does not list: city and street required.
pub const DEFAULT_RULE: AddressRule = rule("*", "any other country", [O, R, O, O, R]);

/// Appendix D, row by row (88 countries), columns province, city, district, postal code,
/// street.
pub const ADDRESS_RULES: &[AddressRule] = &[
    rule("ASM", "AMERICAN SAMOA", [R, R, O, R, R]),
    rule("ATG", "ANTIGUA AND BARBUDA", [O, O, O, O, R]),
    rule("AUS", "AUSTRALIA", [R, R, O, R, R]),
    rule("AUT", "AUSTRIA", [O, R, O, R, R]),
    rule("BEL", "BELGIUM", [O, R, O, R, R]),
    rule("BRA", "BRAZIL", [R, R, O, R, R]),
    rule("IOT", "BRITISH INDIAN OCEAN TERRITORY", [O, R, O, R, R]),
    rule("CAN", "CANADA", [R, R, O, R, R]),
    rule("CYM", "CAYMAN ISLANDS", [R, O, O, O, R]),
    rule("GGY", "CHANNEL ISLANDS", [O, R, O, R, R]),
    rule("JEY", "CHANNEL ISLANDS", [O, R, O, R, R]),
    rule("CHN", "CHINA", [R, R, O, R, R]),
    rule("COL", "COLOMBIA", [R, O, O, O, R]),
    rule("CRI", "COSTA RICA", [R, R, O, O, R]),
    rule("DNK", "DENMARK", [O, R, O, R, R]),
    rule("SLV", "EL SALVADOR", [R, R, O, O, R]),
    rule("FLK", "FALKLAND ISLANDS (MALVINAS)", [O, R, O, R, R]),
    rule("ALA", "FINLAND", [O, R, O, R, R]),
    rule("FIN", "FINLAND", [O, R, O, R, R]),
    rule("FRA", "FRANCE", [O, R, O, R, R]),
    rule("GUF", "FRENCH GUIANA", [O, R, O, R, R]),
    rule("PYF", "FRENCH POLYNESIA", [R, R, O, R, R]),
    rule("DEU", "GERMANY", [O, R, O, R, R]),
    rule("GIB", "GIBRALTAR", [O, O, O, O, R]),
    rule("GRC", "GREECE", [O, R, O, R, R]),
    rule("GRL", "GREENLAND", [O, R, O, R, R]),
    rule("GLP", "GUADELOUPE", [O, R, O, R, R]),
    rule("GUM", "GUAM", [R, R, O, R, R]),
    rule("HND", "HONDURAS", [R, R, O, O, R]),
    rule("HKG", "HONG KONG", [R, O, O, O, R]),
    rule("HUN", "HUNGARY (Rep.)", [O, R, O, R, R]),
    rule("IND", "INDIA", [R, R, O, R, R]),
    rule("IDN", "INDONESIA", [R, O, O, O, R]),
    rule("IRQ", "IRAQ", [R, R, O, O, R]),
    rule("IMN", "ISLE OF MAN", [O, R, O, R, R]),
    rule("ITA", "ITALY", [R, R, O, R, R]),
    rule("JAM", "JAMAICA", [R, R, O, O, R]),
    rule("JPN", "JAPAN", [R, R, O, R, R]),
    rule("LIE", "LIECHTENSTEIN", [O, R, O, R, R]),
    rule("LUX", "LUXEMBOURG", [O, R, O, R, R]),
    rule("MAC", "MACAO", [O, O, O, O, R]),
    rule("MYS", "MALAYSIA", [O, R, O, R, R]),
    rule("MHL", "MARSHALL ISLANDS", [R, R, O, R, R]),
    rule("MTQ", "MARTINIQUE", [O, R, O, R, R]),
    rule("MYT", "MAYOTTE", [O, R, O, R, R]),
    rule("MEX", "MEXICO", [O, R, O, R, R]),
    rule("FSM", "MICRONESIA (Federated State of)", [R, R, O, R, R]),
    rule("NRU", "NAURU CENTRAL PACIFIC", [R, O, O, O, R]),
    rule("NLD", "NETHERLANDS", [O, R, O, R, R]),
    rule("NCL", "NEW CALEDONIA", [O, R, O, R, R]),
    rule("NZL", "NEW ZEALAND", [O, R, O, R, R]),
    rule("MNP", "NORTHERN MARIANA ISLANDS", [R, R, O, R, R]),
    rule("NOR", "NORWAY", [O, R, O, R, R]),
    rule("PLW", "PALAU", [R, R, O, R, R]),
    rule("PNG", "PAPUA NEW GUINEA", [R, R, O, O, R]),
    rule("PCN", "PITCAIRN", [O, R, O, R, R]),
    rule("POL", "POLAND", [O, R, O, R, R]),
    rule("PRT", "PORTUGAL", [O, R, O, R, R]),
    rule("PRI", "PUERTO RICO", [O, R, O, R, R]),
    rule("SGP", "REP. OF SINGAPORE", [O, O, O, R, R]),
    rule("REU", "REUNION", [O, R, O, R, R]),
    rule("RUS", "RUSSIAN FEDERATION", [R, R, O, R, R]),
    rule("BLM", "SAINT BARTHELEMY", [O, R, O, R, R]),
    rule("SHN", "SAINT HELENA", [O, R, O, R, R]),
    rule("KNA", "SAINT KITTS AND NEVIS", [R, R, O, O, R]),
    rule("MAF", "SAINT MARTIN", [O, R, O, R, R]),
    rule("SMR", "SAN MARINO", [O, O, O, R, R]),
    rule("SOM", "SOMALIA", [R, R, O, O, R]),
    rule("ZAF", "SOUTH AFRICA", [O, R, O, R, R]),
    rule("SGS", "SOUTH GEORGIA", [O, R, O, R, R]),
    rule("KOR", "SOUTH KOREA", [R, R, O, R, R]),
    rule("ESP", "SPAIN", [R, R, O, R, R]),
    rule("SPM", "ST. PIERRE AND MIQUELON", [O, R, O, R, R]),
    rule("SJM", "SVALBARD AND JAN MAYEN ISLANDS", [O, R, O, R, R]),
    rule("SWE", "SWEDEN", [O, R, O, R, R]),
    rule("CHE", "SWITZERLAND", [O, R, O, R, R]),
    rule("TWN", "TAIWAN", [R, R, O, R, R]),
    rule("TUR", "TURKEY", [O, R, O, R, R]),
    rule("TCA", "TURKS AND CAICOS ISLANDS", [O, R, O, R, R]),
    rule("UKR", "UKRAINE", [R, R, O, R, R]),
    rule("ARE", "UNITED ARAB EMIRATES", [R, O, O, O, R]),
    rule("GBR", "UNITED KINGDOM", [O, R, O, R, R]),
    rule("USA", "UNITED STATES", [R, R, O, R, R]),
    rule(
        "UMI",
        "UNITED STATES MINOR OUTLYING ISLANDS",
        [R, R, O, O, R],
    ),
    rule("VEN", "VENEZUELA", [R, R, O, O, R]),
    rule("VGB", "VIRGIN ISLANDS (BRITISH)", [O, O, O, O, R]),
    rule("VIR", "VIRGIN ISLANDS (U.S.)", [R, R, O, R, R]),
    rule("WLF", "WALLIS AND FUTUNA ISLANDS", [O, R, O, R, R]),
];

/// The rule for a country code (any letter case); [`DEFAULT_RULE`] if it is not listed.
pub fn rule_for(country: &str) -> &'static AddressRule {
    let country = country.trim();
    ADDRESS_RULES
        .iter()
        .find(|r| r.country.eq_ignore_ascii_case(country))
        .unwrap_or(&DEFAULT_RULE)
}

/// `ValidAddressFormat`: reports every field the address's country requires that is absent
/// or blank, and a `province` with more than 2 slashes. An address without country is left
/// to the `NotNull` check of `country`.
pub fn check_address_format(c: &mut Checker, address: &Address) -> bool {
    let Some(country) = address.country.as_ref() else {
        return true;
    };
    // Appendix D's rows are upper-case codes; any other spelling is a country without a row.
    let code = country.as_str();
    let rule = ADDRESS_RULES
        .iter()
        .find(|rule| rule.country == code)
        .unwrap_or(&DEFAULT_RULE);
    let mut ok = true;
    for field in rule.required_fields() {
        let value = field.value(address);
        if value.is_none_or(|v| v.trim().is_empty()) {
            ok = false;
            c.report(
                field.json_name(),
                ConstraintCode::ValidAddressFormat,
                value.map(Value::from),
                format!("is required for addresses in {}", country.as_str()),
            );
        }
    }
    if let Some(province) = address.province.as_deref()
        && province.matches('/').count() > 2
    {
        ok = false;
        c.report(
            "province",
            ConstraintCode::ValidAddressFormat,
            Some(Value::from(province)),
            "may contain at most 2 slashes",
        );
    }
    ok
}
