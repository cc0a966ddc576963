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
                $( if $crate::open_enum::same_value(value, $value) { return $name::$variant; } )*
                $name::Other(value.to_owned())
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
                Self::parse(&value)
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
                let value: ::std::borrow::Cow<'de, str> =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                Ok(Self::parse(&value))
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

/// Whether `value` spells `known`, ignoring ASCII case and every character that is not a
/// letter or digit.
#[doc(hidden)]
pub fn same_value(value: &str, known: &str) -> bool {
    // Runs for every documented value a decoded string is compared with: no allocation.
    fn letters(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
    }
    value.eq_ignore_ascii_case(known) || letters(value).eq(letters(known))
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
