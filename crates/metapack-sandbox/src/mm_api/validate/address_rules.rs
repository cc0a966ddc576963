//! Appendix D: which address fields each country requires.
//!
//! The reference validates the structure of an address, not that it exists. Each row gives
//! province, city, district, postal code and street as required or optional; a country that
//! has no row requires city and street only. A required field that is missing, `null` or
//! blank breaks `ValidAddressFormat` (B.10) on that field. A.1 adds that a `province` may
//! hold at most 2 slashes, reported with the same code.
//!
//! The table is Appendix D's, row by row (88 rows: Finland's Åland Islands, `ALA`, and the
//! two Channel Islands, `GGY` and `JEY`, have rows of their own). Codes are matched as
//! written (upper case).

/// The fields Appendix D rules on, in its column order.
pub(crate) const FIELDS: [&str; 5] = ["province", "city", "district", "postalCode", "street"];

/// What a country without a row requires: city and street.
const DEFAULT: &str = "OROOR";

/// Appendix D: country code and, per column of [`FIELDS`], `R` (required) or `O` (optional).
const ROWS: [(&str, &str); 88] = [
    ("ASM", "RRORR"), // AMERICAN SAMOA
    ("ATG", "OOOOR"), // ANTIGUA AND BARBUDA
    ("AUS", "RRORR"), // AUSTRALIA
    ("AUT", "ORORR"), // AUSTRIA
    ("BEL", "ORORR"), // BELGIUM
    ("BRA", "RRORR"), // BRAZIL
    ("IOT", "ORORR"), // BRITISH INDIAN OCEAN TERRITORY
    ("CAN", "RRORR"), // CANADA
    ("CYM", "ROOOR"), // CAYMAN ISLANDS
    ("GGY", "ORORR"), // CHANNEL ISLANDS
    ("JEY", "ORORR"), // CHANNEL ISLANDS
    ("CHN", "RRORR"), // CHINA
    ("COL", "ROOOR"), // COLOMBIA
    ("CRI", "RROOR"), // COSTA RICA
    ("DNK", "ORORR"), // DENMARK
    ("SLV", "RROOR"), // EL SALVADOR
    ("FLK", "ORORR"), // FALKLAND ISLANDS (MALVINAS)
    ("ALA", "ORORR"), // FINLAND
    ("FIN", "ORORR"), // FINLAND
    ("FRA", "ORORR"), // FRANCE
    ("GUF", "ORORR"), // FRENCH GUIANA
    ("PYF", "RRORR"), // FRENCH POLYNESIA
    ("DEU", "ORORR"), // GERMANY
    ("GIB", "OOOOR"), // GIBRALTAR
    ("GRC", "ORORR"), // GREECE
    ("GRL", "ORORR"), // GREENLAND
    ("GLP", "ORORR"), // GUADELOUPE
    ("GUM", "RRORR"), // GUAM
    ("HND", "RROOR"), // HONDURAS
    ("HKG", "ROOOR"), // HONG KONG
    ("HUN", "ORORR"), // HUNGARY (Rep.)
    ("IND", "RRORR"), // INDIA
    ("IDN", "ROOOR"), // INDONESIA
    ("IRQ", "RROOR"), // IRAQ
    ("IMN", "ORORR"), // ISLE OF MAN
    ("ITA", "RRORR"), // ITALY
    ("JAM", "RROOR"), // JAMAICA
    ("JPN", "RRORR"), // JAPAN
    ("LIE", "ORORR"), // LIECHTENSTEIN
    ("LUX", "ORORR"), // LUXEMBOURG
    ("MAC", "OOOOR"), // MACAO
    ("MYS", "ORORR"), // MALAYSIA
    ("MHL", "RRORR"), // MARSHALL ISLANDS
    ("MTQ", "ORORR"), // MARTINIQUE
    ("MYT", "ORORR"), // MAYOTTE
    ("MEX", "ORORR"), // MEXICO
    ("FSM", "RRORR"), // MICRONESIA (Federated State of)
    ("NRU", "ROOOR"), // NAURU CENTRAL PACIFIC
    ("NLD", "ORORR"), // NETHERLANDS
    ("NCL", "ORORR"), // NEW CALEDONIA
    ("NZL", "ORORR"), // NEW ZEALAND
    ("MNP", "RRORR"), // NORTHERN MARIANA ISLANDS
    ("NOR", "ORORR"), // NORWAY
    ("PLW", "RRORR"), // PALAU
    ("PNG", "RROOR"), // PAPUA NEW GUINEA
    ("PCN", "ORORR"), // PITCAIRN
    ("POL", "ORORR"), // POLAND
    ("PRT", "ORORR"), // PORTUGAL
    ("PRI", "ORORR"), // PUERTO RICO
    ("SGP", "OOORR"), // REP. OF SINGAPORE
    ("REU", "ORORR"), // REUNION
    ("RUS", "RRORR"), // RUSSIAN FEDERATION
    ("BLM", "ORORR"), // SAINT BARTHELEMY
    ("SHN", "ORORR"), // SAINT HELENA
    ("KNA", "RROOR"), // SAINT KITTS AND NEVIS
    ("MAF", "ORORR"), // SAINT MARTIN
    ("SMR", "OOORR"), // SAN MARINO
    ("SOM", "RROOR"), // SOMALIA
    ("ZAF", "ORORR"), // SOUTH AFRICA
    ("SGS", "ORORR"), // SOUTH GEORGIA
    ("KOR", "RRORR"), // SOUTH KOREA
    ("ESP", "RRORR"), // SPAIN
    ("SPM", "ORORR"), // ST. PIERRE AND MIQUELON
    ("SJM", "ORORR"), // SVALBARD AND JAN MAYEN ISLANDS
    ("SWE", "ORORR"), // SWEDEN
    ("CHE", "ORORR"), // SWITZERLAND
    ("TWN", "RRORR"), // TAIWAN
    ("TUR", "ORORR"), // TURKEY
    ("TCA", "ORORR"), // TURKS AND CAICOS ISLANDS
    ("UKR", "RRORR"), // UKRAINE
    ("ARE", "ROOOR"), // UNITED ARAB EMIRATES
    ("GBR", "ORORR"), // UNITED KINGDOM
    ("USA", "RRORR"), // UNITED STATES
    ("UMI", "RROOR"), // UNITED STATES MINOR OUTLYING ISLANDS
    ("VEN", "RROOR"), // VENEZUELA
    ("VGB", "OOOOR"), // VIRGIN ISLANDS (BRITISH)
    ("VIR", "RRORR"), // VIRGIN ISLANDS (U.S.)
    ("WLF", "ORORR"), // WALLIS AND FUTUNA ISLANDS
];

/// The fields `country` requires, in [`FIELDS`] order.
pub(crate) fn required_fields(country: &str) -> Vec<&'static str> {
    let flags = ROWS
        .iter()
        .find(|(code, _)| *code == country)
        .map_or(DEFAULT, |(_, flags)| *flags);
    FIELDS
        .iter()
        .zip(flags.bytes())
        .filter(|(_, flag)| *flag == b'R')
        .map(|(field, _)| *field)
        .collect()
}

/// The most slashes A.1 allows in a `province`.
pub(crate) const MAX_PROVINCE_SLASHES: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_appendix_d() {
        assert_eq!(required_fields("GBR"), ["city", "postalCode", "street"]);
        assert_eq!(
            required_fields("USA"),
            ["province", "city", "postalCode", "street"]
        );
        assert_eq!(required_fields("HKG"), ["province", "street"]);
        assert_eq!(required_fields("SGP"), ["postalCode", "street"]);
        assert_eq!(required_fields("GIB"), ["street"]);
        assert_eq!(required_fields("NPL"), ["city", "street"], "no row");
        assert_eq!(
            required_fields("gbr"),
            ["city", "street"],
            "codes as written"
        );
        assert!(ROWS.iter().all(|(code, flags)| {
            code.len() == 3 && flags.len() == 5 && flags.bytes().all(|b| b == b'R' || b == b'O')
        }));
        assert!(
            ROWS.iter().all(|(_, flags)| flags.as_bytes()[2] == b'O'),
            "district is optional everywhere"
        );
    }
}
