//! ISO 3166-1 country codes, the sandbox's own table: every officially assigned alpha-3 code
//! with its alpha-2 code.
//!
//! The Shipping API identifies countries by ISO 3166-1 alpha-3 code, in addresses
//! (`countryCode`) and items (`countryOfOrigin`) alike: `GBR`, `FRA`, `DEU`, `NLD`. Metapack's
//! documentation spells them only in capitals, as ISO 3166-1 defines them, so the sandbox
//! accepts exactly those spellings: `gbr` is refused with a hint to send `GBR`, and a
//! two-letter code with a hint to send its alpha-3 code. This table is written from ISO
//! 3166-1 itself, independently of the client crates' lists.

/// Every ISO 3166-1 country as `(alpha-3, alpha-2)`, ordered by alpha-3 code.
pub(crate) const COUNTRIES: &[(&str, &str)] = &[
    ("ABW", "AW"),
    ("AFG", "AF"),
    ("AGO", "AO"),
    ("AIA", "AI"),
    ("ALA", "AX"),
    ("ALB", "AL"),
    ("AND", "AD"),
    ("ARE", "AE"),
    ("ARG", "AR"),
    ("ARM", "AM"),
    ("ASM", "AS"),
    ("ATA", "AQ"),
    ("ATF", "TF"),
    ("ATG", "AG"),
    ("AUS", "AU"),
    ("AUT", "AT"),
    ("AZE", "AZ"),
    ("BDI", "BI"),
    ("BEL", "BE"),
    ("BEN", "BJ"),
    ("BES", "BQ"),
    ("BFA", "BF"),
    ("BGD", "BD"),
    ("BGR", "BG"),
    ("BHR", "BH"),
    ("BHS", "BS"),
    ("BIH", "BA"),
    ("BLM", "BL"),
    ("BLR", "BY"),
    ("BLZ", "BZ"),
    ("BMU", "BM"),
    ("BOL", "BO"),
    ("BRA", "BR"),
    ("BRB", "BB"),
    ("BRN", "BN"),
    ("BTN", "BT"),
    ("BVT", "BV"),
    ("BWA", "BW"),
    ("CAF", "CF"),
    ("CAN", "CA"),
    ("CCK", "CC"),
    ("CHE", "CH"),
    ("CHL", "CL"),
    ("CHN", "CN"),
    ("CIV", "CI"),
    ("CMR", "CM"),
    ("COD", "CD"),
    ("COG", "CG"),
    ("COK", "CK"),
    ("COL", "CO"),
    ("COM", "KM"),
    ("CPV", "CV"),
    ("CRI", "CR"),
    ("CUB", "CU"),
    ("CUW", "CW"),
    ("CXR", "CX"),
    ("CYM", "KY"),
    ("CYP", "CY"),
    ("CZE", "CZ"),
    ("DEU", "DE"),
    ("DJI", "DJ"),
    ("DMA", "DM"),
    ("DNK", "DK"),
    ("DOM", "DO"),
    ("DZA", "DZ"),
    ("ECU", "EC"),
    ("EGY", "EG"),
    ("ERI", "ER"),
    ("ESH", "EH"),
    ("ESP", "ES"),
    ("EST", "EE"),
    ("ETH", "ET"),
    ("FIN", "FI"),
    ("FJI", "FJ"),
    ("FLK", "FK"),
    ("FRA", "FR"),
    ("FRO", "FO"),
    ("FSM", "FM"),
    ("GAB", "GA"),
    ("GBR", "GB"),
    ("GEO", "GE"),
    ("GGY", "GG"),
    ("GHA", "GH"),
    ("GIB", "GI"),
    ("GIN", "GN"),
    ("GLP", "GP"),
    ("GMB", "GM"),
    ("GNB", "GW"),
    ("GNQ", "GQ"),
    ("GRC", "GR"),
    ("GRD", "GD"),
    ("GRL", "GL"),
    ("GTM", "GT"),
    ("GUF", "GF"),
    ("GUM", "GU"),
    ("GUY", "GY"),
    ("HKG", "HK"),
    ("HMD", "HM"),
    ("HND", "HN"),
    ("HRV", "HR"),
    ("HTI", "HT"),
    ("HUN", "HU"),
    ("IDN", "ID"),
    ("IMN", "IM"),
    ("IND", "IN"),
    ("IOT", "IO"),
    ("IRL", "IE"),
    ("IRN", "IR"),
    ("IRQ", "IQ"),
    ("ISL", "IS"),
    ("ISR", "IL"),
    ("ITA", "IT"),
    ("JAM", "JM"),
    ("JEY", "JE"),
    ("JOR", "JO"),
    ("JPN", "JP"),
    ("KAZ", "KZ"),
    ("KEN", "KE"),
    ("KGZ", "KG"),
    ("KHM", "KH"),
    ("KIR", "KI"),
    ("KNA", "KN"),
    ("KOR", "KR"),
    ("KWT", "KW"),
    ("LAO", "LA"),
    ("LBN", "LB"),
    ("LBR", "LR"),
    ("LBY", "LY"),
    ("LCA", "LC"),
    ("LIE", "LI"),
    ("LKA", "LK"),
    ("LSO", "LS"),
    ("LTU", "LT"),
    ("LUX", "LU"),
    ("LVA", "LV"),
    ("MAC", "MO"),
    ("MAF", "MF"),
    ("MAR", "MA"),
    ("MCO", "MC"),
    ("MDA", "MD"),
    ("MDG", "MG"),
    ("MDV", "MV"),
    ("MEX", "MX"),
    ("MHL", "MH"),
    ("MKD", "MK"),
    ("MLI", "ML"),
    ("MLT", "MT"),
    ("MMR", "MM"),
    ("MNE", "ME"),
    ("MNG", "MN"),
    ("MNP", "MP"),
    ("MOZ", "MZ"),
    ("MRT", "MR"),
    ("MSR", "MS"),
    ("MTQ", "MQ"),
    ("MUS", "MU"),
    ("MWI", "MW"),
    ("MYS", "MY"),
    ("MYT", "YT"),
    ("NAM", "NA"),
    ("NCL", "NC"),
    ("NER", "NE"),
    ("NFK", "NF"),
    ("NGA", "NG"),
    ("NIC", "NI"),
    ("NIU", "NU"),
    ("NLD", "NL"),
    ("NOR", "NO"),
    ("NPL", "NP"),
    ("NRU", "NR"),
    ("NZL", "NZ"),
    ("OMN", "OM"),
    ("PAK", "PK"),
    ("PAN", "PA"),
    ("PCN", "PN"),
    ("PER", "PE"),
    ("PHL", "PH"),
    ("PLW", "PW"),
    ("PNG", "PG"),
    ("POL", "PL"),
    ("PRI", "PR"),
    ("PRK", "KP"),
    ("PRT", "PT"),
    ("PRY", "PY"),
    ("PSE", "PS"),
    ("PYF", "PF"),
    ("QAT", "QA"),
    ("REU", "RE"),
    ("ROU", "RO"),
    ("RUS", "RU"),
    ("RWA", "RW"),
    ("SAU", "SA"),
    ("SDN", "SD"),
    ("SEN", "SN"),
    ("SGP", "SG"),
    ("SGS", "GS"),
    ("SHN", "SH"),
    ("SJM", "SJ"),
    ("SLB", "SB"),
    ("SLE", "SL"),
    ("SLV", "SV"),
    ("SMR", "SM"),
    ("SOM", "SO"),
    ("SPM", "PM"),
    ("SRB", "RS"),
    ("SSD", "SS"),
    ("STP", "ST"),
    ("SUR", "SR"),
    ("SVK", "SK"),
    ("SVN", "SI"),
    ("SWE", "SE"),
    ("SWZ", "SZ"),
    ("SXM", "SX"),
    ("SYC", "SC"),
    ("SYR", "SY"),
    ("TCA", "TC"),
    ("TCD", "TD"),
    ("TGO", "TG"),
    ("THA", "TH"),
    ("TJK", "TJ"),
    ("TKL", "TK"),
    ("TKM", "TM"),
    ("TLS", "TL"),
    ("TON", "TO"),
    ("TTO", "TT"),
    ("TUN", "TN"),
    ("TUR", "TR"),
    ("TUV", "TV"),
    ("TWN", "TW"),
    ("TZA", "TZ"),
    ("UGA", "UG"),
    ("UKR", "UA"),
    ("UMI", "UM"),
    ("URY", "UY"),
    ("USA", "US"),
    ("UZB", "UZ"),
    ("VAT", "VA"),
    ("VCT", "VC"),
    ("VEN", "VE"),
    ("VGB", "VG"),
    ("VIR", "VI"),
    ("VNM", "VN"),
    ("VUT", "VU"),
    ("WLF", "WF"),
    ("WSM", "WS"),
    ("YEM", "YE"),
    ("ZAF", "ZA"),
    ("ZMB", "ZM"),
    ("ZWE", "ZW"),
];

/// Whether `code` is an ISO 3166-1 alpha-3 code, spelled as ISO 3166-1 spells it (capitals).
pub(crate) fn is_alpha3(code: &str) -> bool {
    COUNTRIES
        .binary_search_by(|(alpha3, _)| (*alpha3).cmp(code))
        .is_ok()
}

/// The alpha-3 code a caller most likely meant by `code`: the same code in capitals, the
/// alpha-3 code of a two-letter code (in any letter case), or `GBR` for `UK` (reserved by
/// ISO 3166-1 for the United Kingdom, and a common mistake for `GB`).
pub(crate) fn alpha3_hint(code: &str) -> Option<&'static str> {
    let upper = code.trim().to_ascii_uppercase();
    if upper == "UK" {
        return Some("GBR");
    }
    COUNTRIES
        .iter()
        .find(|(alpha3, alpha2)| *alpha3 == upper || *alpha2 == upper)
        .map(|(alpha3, _)| *alpha3)
}

/// The problem with `code` as an ISO 3166-1 alpha-3 country code, if any: what was sent,
/// what is expected, and the code to send when one can be guessed.
pub(crate) fn alpha3_problem(code: &str) -> Option<String> {
    if is_alpha3(code) {
        return None;
    }
    Some(match alpha3_hint(code) {
        Some(alpha3) => {
            format!("{code:?} is not an ISO 3166-1 alpha-3 country code; send {alpha3:?}")
        }
        None => format!(
            "{code:?} is not an ISO 3166-1 alpha-3 country code (three capital letters such as \"GBR\", \"FRA\" or \"DEU\")"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_table_holds_every_assigned_code_once() {
        assert_eq!(COUNTRIES.len(), 249);
        let alpha3: HashSet<&str> = COUNTRIES.iter().map(|(a3, _)| *a3).collect();
        let alpha2: HashSet<&str> = COUNTRIES.iter().map(|(_, a2)| *a2).collect();
        assert_eq!(alpha3.len(), 249);
        assert_eq!(alpha2.len(), 249);
        for (a3, a2) in COUNTRIES {
            assert!(
                a3.len() == 3 && a3.bytes().all(|b| b.is_ascii_uppercase()),
                "{a3}"
            );
            assert!(
                a2.len() == 2 && a2.bytes().all(|b| b.is_ascii_uppercase()),
                "{a2}"
            );
        }
        // Sorted, so that the binary search of `is_alpha3` is right.
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn well_known_pairs() {
        for (a3, a2) in [
            ("GBR", "GB"),
            ("FRA", "FR"),
            ("DEU", "DE"),
            ("NLD", "NL"),
            ("USA", "US"),
            ("IRL", "IE"),
            ("CHE", "CH"),
            ("ESP", "ES"),
            ("JEY", "JE"),
            ("ALA", "AX"),
        ] {
            assert!(is_alpha3(a3), "{a3}");
            assert_eq!(alpha3_hint(a2), Some(a3));
        }
    }

    #[test]
    fn problems_name_what_to_send() {
        assert_eq!(alpha3_problem("GBR"), None);
        assert_eq!(
            alpha3_problem("GB").as_deref(),
            Some("\"GB\" is not an ISO 3166-1 alpha-3 country code; send \"GBR\"")
        );
        assert_eq!(
            alpha3_problem("gbr").as_deref(),
            Some("\"gbr\" is not an ISO 3166-1 alpha-3 country code; send \"GBR\"")
        );
        assert_eq!(
            alpha3_problem("UK").as_deref(),
            Some("\"UK\" is not an ISO 3166-1 alpha-3 country code; send \"GBR\"")
        );
        let unknown = alpha3_problem("XYZ").unwrap_or_default();
        assert!(
            unknown.contains("\"XYZ\" is not an ISO 3166-1 alpha-3"),
            "{unknown}"
        );
        assert!(!unknown.contains("send"), "{unknown}");
        assert!(alpha3_problem("").is_some());
        assert!(alpha3_problem("GBR ").is_some());
    }
}
