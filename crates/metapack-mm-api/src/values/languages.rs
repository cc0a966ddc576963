//! Language codes: ISO 639-1, for a contact's `language`.
//!
//! The reference requires "a valid ISO 639-1 language code" without listing them, so this
//! table is ISO 639-1's set of two-letter codes (184, including the withdrawn `bh` that Java
//! still lists) plus the legacy codes Java's `Locale` uses for Hebrew, Indonesian and Yiddish
//! (`iw`, `in`, `ji`).

use crate::newtype::string_newtype;

string_newtype! {
    /// An ISO 639-1 language code (`fr`). Any text decodes; [`LanguageCode::is_known`] tells
    /// whether it is one of [`LANGUAGES`].
    LanguageCode
}

impl LanguageCode {
    /// Whether the code is an ISO 639-1 code (any letter case).
    pub fn is_known(&self) -> bool {
        is_language_code(self.as_str())
    }
}

/// Whether `code` is one of [`LANGUAGES`], in any letter case.
pub fn is_language_code(code: &str) -> bool {
    LANGUAGES
        .iter()
        .any(|known| known.eq_ignore_ascii_case(code))
}

/// ISO 639-1's two-letter codes (184) and Java's three legacy codes, alphabetical.
pub const LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", // a
    "ba", "be", "bg", "bh", "bi", "bm", "bn", "bo", "br", "bs", // b
    "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", // c
    "da", "de", "dv", "dz", // d
    "ee", "el", "en", "eo", "es", "et", "eu", // e
    "fa", "ff", "fi", "fj", "fo", "fr", "fy", // f
    "ga", "gd", "gl", "gn", "gu", "gv", // g
    "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", // h
    "ia", "id", "ie", "ig", "ii", "ik", "in", "io", "is", "it", "iu", "iw", // i
    "ja", "ji", "jv", // j
    "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw",
    "ky", // k
    "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", // l
    "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", // m
    "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", // n
    "oc", "oj", "om", "or", "os", // o
    "pa", "pi", "pl", "ps", "pt", // p
    "qu", // q
    "rm", "rn", "ro", "ru", "rw", // r
    "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su",
    "sv", "sw", // s
    "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", // t
    "ug", "uk", "ur", "uz", // u
    "ve", "vi", "vo", // v
    "wa", "wo", // w
    "xh", // x
    "yi", "yo", // y
    "za", "zh", "zu", // z
];
