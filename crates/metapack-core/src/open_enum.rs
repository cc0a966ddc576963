//! Open enums: the value lists of Metapack's APIs, decoded without ever failing.
//!
//! Metapack adds values to its lists without notice, and real responses spell known values in
//! other letter cases. An open enum has one variant per documented value plus `Other(String)`,
//! which keeps any other value verbatim, so a response never fails to decode because of a
//! value list. The generated crates declare their lists with [`open_enum!`](crate::open_enum!).

/// Declares an open enum: a variant per documented wire value, plus `Other(String)`.
///
/// Known values are matched without regard to ASCII case or to separators (spaces, `_`, `-`);
/// serialization writes the documented spelling (or, for `Other`, the value as received).
///
/// Matching is a `match` on the value's key (its letters and digits in lower case, built on
/// the stack), so it costs the same whatever the number of documented values. A value longer
/// than the longest documented one plus [`SLACK`](crate::open_enum::SLACK) bytes is kept as
/// `Other` without being read: a megabyte of spaces costs no more than a copy. Decoding borrows
/// the string where the deserializer allows, so documented values allocate nothing.
///
/// ```
/// metapack_core::open_enum! {
///     /// A parcel size.
///     pub enum Size {
///         /// `SMALL`
///         Small = "SMALL",
///         /// `LARGE`
///         Large = "LARGE",
///     }
/// }
///
/// let sizes: Vec<Size> = serde_json::from_str(r#"["SMALL", "large", "HUGE"]"#).unwrap();
/// assert_eq!(sizes, [Size::Small, Size::Large, Size::Other("HUGE".into())]);
/// assert_eq!(Size::parse("La-rge"), Size::Large);
/// assert_eq!(serde_json::to_string(&sizes).unwrap(), r#"["SMALL","LARGE","HUGE"]"#);
/// assert!(!sizes[2].is_known());
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// This is an open list: values in other letter cases decode to the documented
        /// variant, and values this version does not know decode to `Other`.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the SDK does not know, kept verbatim.
            Other(::std::string::String),
        }

        impl $name {
            /// Every documented value, in the order of the spec.
            pub const KNOWN: &'static [$name] = &[ $( $name::$variant, )* ];

            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )*
                    $name::Other(value) => value.as_str(),
                }
            }

            /// Whether this is one of the documented values.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }

            /// Reads a value: documented values match in any letter case and with any
            /// separators (`readyToManifest`, `READY_TO_MANIFEST`, `Ready to manifest`);
            /// other values are kept verbatim.
            pub fn parse(value: &str) -> Self {
                Self::parse_known(value).unwrap_or_else(|| $name::Other(value.to_owned()))
            }

            /// The documented value `value` spells (as [`parse`](Self::parse) reads it), or
            /// `None` for any other value.
            ///
            /// Takes the same time whatever the number of documented values, and never looks
            /// at more than a few bytes past the longest of them: a longer value is not a
            /// documented one, whatever it holds.
            #[allow(non_upper_case_globals, unreachable_patterns)]
            pub fn parse_known(value: &str) -> ::std::option::Option<Self> {
                // The key of each documented value (its letters and digits in lower case),
                // computed at compile time, as a constant named after its variant.
                $(
                    const $variant: &[u8] = &$crate::open_enum::key::<
                        { $crate::open_enum::key_len($value) },
                    >($value);
                )*
                const LIMIT: usize = $crate::open_enum::input_limit(&[ $( $value, )* ]);
                let mut buffer = [0u8; LIMIT];
                match $crate::open_enum::normalise(value, &mut buffer)? {
                    $( $variant => ::std::option::Option::Some($name::$variant), )*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::parse(value))
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::parse(value)
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                Self::parse_known(&value).unwrap_or($name::Other(value))
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::open_enum::deserialize(deserializer, Self::parse_known, $name::Other)
            }
        }

        impl $crate::__private::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::string::String {
                stringify!($name).to_owned()
            }

            fn json_schema(
                _: &mut $crate::__private::schemars::r#gen::SchemaGenerator,
            ) -> $crate::__private::schemars::schema::Schema {
                $crate::open_enum::string_schema(&[ $( $value, )* ])
            }
        }
    };
}

/// How many bytes past the longest documented value an open enum still reads: room for
/// separators and spaces the documented spelling lacks (`Ready to manifest`).
pub const SLACK: usize = 16;

/// The longest input an open enum with these documented values normalises: the longest value
/// plus [`SLACK`]. Longer inputs are never documented values.
#[doc(hidden)]
pub const fn input_limit(values: &[&str]) -> usize {
    let mut longest = 0;
    let mut i = 0;
    while i < values.len() {
        if values[i].len() > longest {
            longest = values[i].len();
        }
        i += 1;
    }
    longest + SLACK
}

/// The length of [`key`]`(value)`.
#[doc(hidden)]
pub const fn key_len(value: &str) -> usize {
    let bytes = value.as_bytes();
    let (mut i, mut len) = (0, 0);
    while i < bytes.len() {
        if bytes[i].is_ascii_alphanumeric() {
            len += 1;
        }
        i += 1;
    }
    len
}

/// What open enums compare, computed at compile time: the ASCII letters and digits of
/// `value`, lower-cased (`N` is [`key_len`]`(value)`).
#[doc(hidden)]
pub const fn key<const N: usize>(value: &str) -> [u8; N] {
    let bytes = value.as_bytes();
    let mut out = [0u8; N];
    let (mut i, mut len) = (0, 0);
    while i < bytes.len() {
        if bytes[i].is_ascii_alphanumeric() {
            out[len] = bytes[i].to_ascii_lowercase();
            len += 1;
        }
        i += 1;
    }
    out
}

/// The key of `value` (as [`key`] computes it), written into `buffer`; `None` when `value` is
/// longer than the buffer, without reading it.
#[doc(hidden)]
pub fn normalise<'b>(value: &str, buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    if value.len() > buffer.len() {
        return None;
    }
    let mut len = 0;
    for b in value.bytes().filter(u8::is_ascii_alphanumeric) {
        buffer[len] = b.to_ascii_lowercase();
        len += 1;
    }
    Some(&buffer[..len])
}

/// Deserializes an open enum from a string, borrowing it where the deserializer can (no
/// allocation for documented values) and keeping other values as `other`.
#[doc(hidden)]
pub fn deserialize<'de, D, T>(
    deserializer: D,
    known: fn(&str) -> Option<T>,
    other: fn(String) -> T,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct OpenValue<T> {
        known: fn(&str) -> Option<T>,
        other: fn(String) -> T,
    }
    impl<T> serde::de::Visitor<'_> for OpenValue<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok((self.known)(value).unwrap_or_else(|| (self.other)(value.to_owned())))
        }
        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok((self.known)(&value).unwrap_or_else(|| (self.other)(value)))
        }
        fn visit_bytes<E: serde::de::Error>(self, value: &[u8]) -> Result<T, E> {
            match std::str::from_utf8(value) {
                Ok(value) => self.visit_str(value),
                Err(_) => Err(E::invalid_value(serde::de::Unexpected::Bytes(value), &self)),
            }
        }
    }
    deserializer.deserialize_str(OpenValue { known, other })
}

/// The JSON Schema of an open enum: a string, with the documented values listed as examples
/// (not as `enum`, since other values are accepted).
#[doc(hidden)]
pub fn string_schema(values: &[&str]) -> schemars::schema::Schema {
    use schemars::schema::{InstanceType, Metadata, SchemaObject};
    SchemaObject {
        instance_type: Some(InstanceType::String.into()),
        metadata: Some(Box::new(Metadata {
            description: Some("Open list: the documented values, or any other string.".into()),
            examples: values.iter().map(|v| serde_json::Value::from(*v)).collect(),
            ..Default::default()
        })),
        ..Default::default()
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::{SLACK, input_limit, normalise};

    crate::open_enum! {
        /// A status.
        pub enum Status {
            /// `READY_TO_MANIFEST`
            ReadyToManifest = "READY_TO_MANIFEST",
            /// `SMALL`
            Small = "SMALL",
            /// `en-GB`
            EnGb = "en-GB",
        }
    }

    #[test]
    fn case_and_separators_are_ignored() {
        for spelling in [
            "READY_TO_MANIFEST",
            "readyToManifest",
            "Ready to manifest",
            "  ready-to-manifest  ",
            "r_e_a_d_y_t_o_m_a_n_i_f_e_s_t",
        ] {
            assert_eq!(
                Status::parse(spelling),
                Status::ReadyToManifest,
                "{spelling:?}"
            );
        }
        assert_eq!(Status::parse("EN_gb"), Status::EnGb);
        assert_eq!(Status::parse_known("small"), Some(Status::Small));
        assert!(Status::KNOWN.iter().all(Status::is_known));
    }

    #[test]
    fn a_longer_value_with_a_documented_prefix_is_other() {
        assert_eq!(Status::parse("SMALLER"), Status::Other("SMALLER".into()));
        assert_eq!(Status::parse("SMAL"), Status::Other("SMAL".into()));
        assert_eq!(Status::parse_known("en-GB-x"), None);
        assert_eq!(Status::parse(""), Status::Other(String::new()));
    }

    #[test]
    fn an_over_long_value_is_kept_verbatim_without_matching() {
        let limit = "READY_TO_MANIFEST".len() + SLACK;
        // At the limit, separators are still read.
        let padded = format!("{:<limit$}", "SMALL");
        assert_eq!(Status::parse(&padded), Status::Small);
        // One byte more is not a documented value, whatever it holds.
        let over = format!("{padded} ");
        assert_eq!(Status::parse(&over), Status::Other(over.clone()));
        let megabyte = " ".repeat(1 << 20) + "SMALL";
        assert_eq!(Status::parse(&megabyte), Status::Other(megabyte.clone()));
        let decoded: Status = serde_json::from_str(&format!("{megabyte:?}")).unwrap();
        assert_eq!(decoded, Status::Other(megabyte));
    }

    #[test]
    fn normalise_reads_only_what_fits() {
        let mut buffer = [0u8; 8];
        assert_eq!(normalise("a-B c", &mut buffer), Some(&b"abc"[..]));
        assert_eq!(normalise("é-Ö1", &mut buffer), Some(&b"1"[..]));
        assert_eq!(normalise("123456789", &mut buffer), None);
        assert_eq!(input_limit(&["AB", "ABCD"]), 4 + SLACK);
        assert_eq!(input_limit(&[]), SLACK);
    }

    #[test]
    fn decoding_borrows_and_owns_alike() {
        // Borrowed (no escapes), owned (an escape forces a copy) and from a `Value`.
        let borrowed: Vec<Status> = serde_json::from_str(r#"["small", "huge"]"#).unwrap();
        assert_eq!(borrowed, [Status::Small, Status::Other("huge".into())]);
        let owned: Vec<Status> = serde_json::from_str(r#"["sm\u0061ll", "h\u0075ge"]"#).unwrap();
        assert_eq!(owned, borrowed);
        let value = serde_json::json!(["SMALL", "huge"]);
        assert_eq!(
            serde_json::from_value::<Vec<Status>>(value).unwrap(),
            borrowed
        );
        assert!(serde_json::from_str::<Status>("1").is_err());
        assert_eq!(
            Status::from(String::from("huge")),
            Status::Other("huge".into())
        );
    }
}
