//! [`FindError`]: why a delivery options search was refused before it was sent.

use chrono::NaiveDateTime;

/// A documented rule of `GET /find` that a [`FindOptions`](crate::FindOptions) breaks.
///
/// There is one variant per rule; its `Display` says what to fix, and
/// [`parameter`](Self::parameter) names the offending query parameter as it travels on the
/// wire. A `FindError` converts into [`metapack_core::Error::InvalidRequest`] with that
/// parameter as its `field`, which is what [`DeliveryOptionsClient::find`] returns; the error
/// keeps the `FindError`, and [`FindError::from_error`] gives it back to match on.
///
/// Rules about parcels name the parcel, counting from 1 in the order given (`parcel 2 of 3
/// has no depth (parcelDepth) ...`).
///
/// Some rules of the docs cannot be broken through this crate's types, so they have no
/// variant: `c_lat` and `c_long` always travel together ([`Destination::coordinates`]),
/// a slot always has exactly two timestamps ([`FindOptions::delivery_slot`]), the units
/// are closed enums ([`WeightUnit`](crate::WeightUnit), [`DimensionUnit`](crate::DimensionUnit)),
/// counts and sizes are unsigned, and `wh_code` / `c_cc` are constructor arguments (their
/// variants catch blank values).
///
/// [`DeliveryOptionsClient::find`]: crate::DeliveryOptionsClient::find
/// [`Destination::coordinates`]: crate::Destination::coordinates
/// [`FindOptions::delivery_slot`]: crate::FindOptions::delivery_slot
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FindError {
    /// `wh_code` is required: the warehouse code must not be blank.
    #[error(
        "wh_code is required: pass the code of a warehouse (shipping location) set up for the shipper account to Warehouse::code"
    )]
    MissingWarehouseCode,

    /// `c_cc` is required: the delivery country must not be blank.
    #[error(
        "c_cc is required: pass the three-letter ISO country code of the delivery address (e.g. \"GBR\")"
    )]
    MissingDeliveryCountry,

    /// `c_cc` and `wh_cc` are three-letter ISO country codes.
    #[error("{parameter} must be a three-letter ISO country code such as \"GBR\" (got {value:?})")]
    InvalidCountryCode {
        /// `c_cc` or `wh_cc`.
        parameter: &'static str,
        /// The value given.
        value: String,
    },

    /// The delivery address needs a postal code (`c_pc`) or coordinates (`c_lat`/`c_long`).
    #[error(
        "the delivery address needs a postal code (c_pc) or coordinates (c_lat/c_long): use Destination::postcode or Destination::coordinates with a non-blank value"
    )]
    MissingDeliveryLocation,

    /// `c_lat` is a finite number of degrees within [-90, 90].
    #[error("c_lat must be a latitude between -90 and 90 degrees (got {value})")]
    LatitudeOutOfRange {
        /// The latitude given.
        value: f64,
    },

    /// `c_long` is a finite number of degrees within [-180, 180].
    #[error("c_long must be a longitude between -180 and 180 degrees (got {value})")]
    LongitudeOutOfRange {
        /// The longitude given.
        value: f64,
    },

    /// `radius` is a whole number of metres from 1 to 100000.
    #[error("radius must be between 1 and 100000 metres (got {value})")]
    RadiusOutOfRange {
        /// The radius given.
        value: u32,
    },

    /// An optional text parameter, once set, carries a value (a blank one would replace the
    /// documented default with nothing).
    #[error("{parameter} must not be blank: leave it unset to use the default")]
    BlankValue {
        /// The parameter (or list) with the blank value.
        parameter: &'static str,
    },

    /// A comma-separated list parameter, once set, holds at least one value (an empty
    /// `optionType` would not mean "no type" but "every type").
    #[error("{parameter} must hold at least one value: leave it unset instead")]
    EmptyList {
        /// The list parameter.
        parameter: &'static str,
    },

    /// A value of a comma-separated list contains no comma (and an SKU no semicolon either),
    /// since the API splits the list there.
    #[error(
        "a value of {parameter} cannot contain {separator:?}, which separates its values (got {value:?})"
    )]
    SeparatorInValue {
        /// The list parameter.
        parameter: &'static str,
        /// The separator found (`,` or `;`).
        separator: char,
        /// The offending value.
        value: String,
    },

    /// Numbers are finite and not negative, and `e_w`, `e_maxweight` and `e_v` fit the 32-bit
    /// float they travel as.
    #[error(
        "{parameter} must be a finite number of at least 0 that the API can carry (got {value}; e_w, e_maxweight and e_v travel as 32-bit floats)"
    )]
    InvalidNumber {
        /// The parameter.
        parameter: &'static str,
        /// The value given.
        value: f64,
    },

    /// `e_v_currency` and `cod_currency` are three-letter ISO currency codes.
    #[error("{parameter} must be a three-letter ISO currency code such as \"EUR\" (got {value:?})")]
    InvalidCurrencyCode {
        /// `e_v_currency` or `cod_currency`.
        parameter: &'static str,
        /// The value given.
        value: String,
    },

    /// `skus` cannot be combined with `e_maxdim`, `e_maxweight`, `e_n`, `e_w` or the
    /// `parcel*` lists.
    #[error(
        "skus cannot be combined with {conflicting}: describe the consignment either by its SKUs or by its parcels and estimates"
    )]
    SkusWithConsignmentDetails {
        /// The first conflicting parameter (`e_maxdim`, `e_maxweight`, `e_n`, `e_w`,
        /// `parcelHeight`, `parcelWidth`, `parcelDepth` or `parcelWeight`).
        conflicting: &'static str,
    },

    /// `e_n`, the number of parcels, is at least 1.
    #[error("e_n (the number of parcels) must be at least 1")]
    ZeroParcelCount,

    /// `parcel_count` (`e_n`) and the number of parcels given disagree.
    #[error(
        "e_n = {parcel_count} but {parcels} parcels were given: drop parcel_count or make it match the parcels"
    )]
    ParcelCountMismatch {
        /// `e_n`.
        parcel_count: u32,
        /// How many parcels were given.
        parcels: u32,
    },

    /// Each `parcel*` list holds one value per parcel, so a measurement one parcel gives
    /// ([`Parcel::height`](crate::Parcel::height), `width`, `depth`, `weight`) every parcel
    /// gives.
    #[error(
        "parcel {parcel} of {parcels} has no {measurement} ({parameter}) but another parcel has one: give every parcel a {measurement}, or none, since {parameter} holds one value per parcel",
        measurement = measurement(parameter)
    )]
    ParcelMeasurementMissing {
        /// The first parcel without the measurement, counting from 1 in the order given to
        /// [`FindOptions::parcels`](crate::FindOptions::parcels).
        parcel: u32,
        /// How many parcels were given.
        parcels: u32,
        /// The `parcel*` list: `parcelHeight`, `parcelWidth`, `parcelDepth` or
        /// `parcelWeight`.
        parameter: &'static str,
    },

    /// A parcel's measurement is a finite number of at least 0.
    #[error(
        "parcel {parcel}: its {measurement} ({parameter}) must be a finite number of at least 0 (got {value})",
        measurement = measurement(parameter)
    )]
    InvalidParcelMeasurement {
        /// The parcel, counting from 1 in the order given to
        /// [`FindOptions::parcels`](crate::FindOptions::parcels).
        parcel: u32,
        /// The `parcel*` list: `parcelHeight`, `parcelWidth`, `parcelDepth` or
        /// `parcelWeight`.
        parameter: &'static str,
        /// The value given.
        value: f64,
    },

    /// Each parcel of `skus` holds at least one SKU.
    #[error(
        "skus: parcel {parcel} has no SKU: give every parcel at least one SKU (skus holds the SKUs parcel by parcel)"
    )]
    EmptyParcelSkus {
        /// The parcel, counting from 1 in the order given to
        /// [`FindOptions::skus`](crate::FindOptions::skus).
        parcel: u32,
    },

    /// No SKU is blank.
    #[error("skus: parcel {parcel} has a blank SKU: give each SKU its code")]
    BlankSku {
        /// The parcel, counting from 1 in the order given to
        /// [`FindOptions::skus`](crate::FindOptions::skus).
        parcel: u32,
    },

    /// No SKU contains `,` or `;`, which separate the SKUs of a parcel and the parcels.
    #[error(
        "skus: SKU {sku:?} of parcel {parcel} cannot contain {separator:?}, since skus separates the SKUs of a parcel with ',' and the parcels with ';'"
    )]
    SeparatorInSku {
        /// The parcel, counting from 1 in the order given to
        /// [`FindOptions::skus`](crate::FindOptions::skus).
        parcel: u32,
        /// The separator found (`,` or `;`).
        separator: char,
        /// The SKU given.
        sku: String,
    },

    /// Per-parcel details (`parcel*`) need `consignmentLevelDetailsFlag=false`.
    #[error(
        "parcel details need consignmentLevelDetailsFlag=false: do not call consignment_level_details(true) together with parcels"
    )]
    ParcelDetailsAtConsignmentLevel,

    /// `e_maxweight` (the heaviest parcel) does not exceed `e_w` (the whole consignment,
    /// 0.01 when not set).
    #[error(
        "e_maxweight ({heaviest}) must not exceed e_w ({total}, the total weight; its default is 0.01): set total_weight"
    )]
    HeaviestParcelAboveTotalWeight {
        /// `e_maxweight`.
        heaviest: f64,
        /// `e_w`, or its default 0.01.
        total: f64,
    },

    /// `e_maxweight` is at least `e_w / e_n`: the heaviest parcel weighs at least the average.
    #[error(
        "e_maxweight ({heaviest}) must be at least e_w / e_n ({average}): the heaviest parcel weighs at least the average parcel"
    )]
    HeaviestParcelBelowAverage {
        /// `e_maxweight`.
        heaviest: f64,
        /// `e_w / e_n`.
        average: f64,
    },

    /// `limit` is at least 1.
    #[error("limit must be at least 1")]
    LimitBelowOne,

    /// `limit` is not allowed when OWNSTORE options are asked for — including when
    /// `optionType` is omitted, which asks for every type.
    #[error(
        "limit is not allowed when OWNSTORE options are requested (an omitted optionType requests HOME, PUDO and OWNSTORE): set option_types without OWNSTORE, or drop limit"
    )]
    LimitWithOwnStores,

    /// `limit` cannot be combined with `minown` or `maxown`.
    #[error("limit cannot be combined with minown or maxown: use one or the other")]
    LimitWithOwnStoreCounts,

    /// `minown` is from 1 to 20.
    #[error("minown must be between 1 and 20 (got {value})")]
    MinOwnOutOfRange {
        /// The value given.
        value: u32,
    },

    /// `maxown` is from 1 to 50.
    #[error("maxown must be between 1 and 50 (got {value})")]
    MaxOwnOutOfRange {
        /// The value given.
        value: u32,
    },

    /// `minown` does not exceed `maxown`.
    #[error("minown ({min}) must not exceed maxown ({max})")]
    MinOwnAboveMaxOwn {
        /// `minown`.
        min: u32,
        /// `maxown`.
        max: u32,
    },

    /// A slot window starts no later than it ends.
    #[error("{parameter} must start no later than it ends (got {from} to {to})")]
    SlotOutOfOrder {
        /// `acceptableDeliverySlots` or `acceptableCollectionSlots`.
        parameter: &'static str,
        /// The start given.
        from: NaiveDateTime,
        /// The end given.
        to: NaiveDateTime,
    },

    /// A request carries at most 10 custom parameters, `custom1` to `custom10`.
    #[error(
        "custom parameters are custom1 to custom10: the index must be between 1 and 10 (got {index})"
    )]
    CustomIndexOutOfRange {
        /// The index given.
        index: u8,
    },
}

impl FindError {
    /// The `FindError` behind an [`Error`](metapack_core::Error) that
    /// [`DeliveryOptionsClient::find`](crate::DeliveryOptionsClient::find) returned, when the
    /// search broke a rule (an [`Error::InvalidRequest`](metapack_core::Error::InvalidRequest)
    /// sent nowhere); `None` for every other error, such as an answer of the API.
    ///
    /// ```
    /// use metapack_delivery_options::{
    ///     Credentials, DeliveryOptionsClient, Destination, Environment, FindError, FindOptions,
    ///     Parcel, Warehouse,
    /// };
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), metapack_delivery_options::Error> {
    /// let client = DeliveryOptionsClient::builder()
    ///     .credentials(Credentials::api_key("03b2a318-bdf6-49a3-97c4-868ae039de04"))
    ///     // Nothing listens there: a broken rule is refused before anything is sent.
    ///     .environment(Environment::custom("http://127.0.0.1:9/dmoptions")?)
    ///     .build()?;
    /// let search = FindOptions::home(Warehouse::code("WH1"), Destination::postcode("GBR", "EC1R 4PF"))
    ///     .parcels([
    ///         Parcel::new().weight(1.2).dimensions(10.0, 20.0, 30.0),
    ///         Parcel::new().weight(0.8).height(5.0).width(10.0),
    ///     ]);
    ///
    /// let err = client.find(&search).await.unwrap_err();
    /// match FindError::from_error(&err) {
    ///     Some(FindError::ParcelMeasurementMissing { parcel, parameter, .. }) => {
    ///         assert_eq!((*parcel, *parameter), (2, "parcelDepth"));
    ///     }
    ///     other => panic!("expected a missing parcel depth, got {other:?}"),
    /// }
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid request: parcel 2 of 2 has no depth (parcelDepth) but another parcel has one: \
    ///      give every parcel a depth, or none, since parcelDepth holds one value per parcel"
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_error(err: &metapack_core::Error) -> Option<&FindError> {
        err.refusal()
    }

    /// The query parameter the rule is about, as it travels on the wire (e.g. `c_lat`).
    pub fn parameter(&self) -> &'static str {
        match self {
            Self::MissingWarehouseCode => "wh_code",
            Self::MissingDeliveryCountry => "c_cc",
            Self::MissingDeliveryLocation => "c_pc",
            Self::LatitudeOutOfRange { .. } => "c_lat",
            Self::LongitudeOutOfRange { .. } => "c_long",
            Self::RadiusOutOfRange { .. } => "radius",
            Self::InvalidCountryCode { parameter, .. }
            | Self::BlankValue { parameter }
            | Self::EmptyList { parameter }
            | Self::SeparatorInValue { parameter, .. }
            | Self::InvalidNumber { parameter, .. }
            | Self::InvalidCurrencyCode { parameter, .. }
            | Self::ParcelMeasurementMissing { parameter, .. }
            | Self::InvalidParcelMeasurement { parameter, .. }
            | Self::SlotOutOfOrder { parameter, .. } => parameter,
            Self::SkusWithConsignmentDetails { .. }
            | Self::EmptyParcelSkus { .. }
            | Self::BlankSku { .. }
            | Self::SeparatorInSku { .. } => "skus",
            Self::ZeroParcelCount | Self::ParcelCountMismatch { .. } => "e_n",
            Self::ParcelDetailsAtConsignmentLevel => "consignmentLevelDetailsFlag",
            Self::HeaviestParcelAboveTotalWeight { .. }
            | Self::HeaviestParcelBelowAverage { .. } => "e_maxweight",
            Self::LimitBelowOne | Self::LimitWithOwnStores | Self::LimitWithOwnStoreCounts => {
                "limit"
            }
            Self::MinOwnOutOfRange { .. } | Self::MinOwnAboveMaxOwn { .. } => "minown",
            Self::MaxOwnOutOfRange { .. } => "maxown",
            Self::CustomIndexOutOfRange { .. } => "custom",
        }
    }
}

/// The measurement a `parcel*` list holds, as [`Parcel`](crate::Parcel) names it.
fn measurement(parameter: &str) -> &'static str {
    match parameter {
        "parcelHeight" => "height",
        "parcelWidth" => "width",
        "parcelDepth" => "depth",
        _ => "weight",
    }
}

impl From<FindError> for metapack_core::Error {
    /// An [`Error::InvalidRequest`](metapack_core::Error::InvalidRequest) whose `field` is
    /// [`FindError::parameter`], whose message is the rule's `Display`, and which keeps the
    /// `FindError` itself (read it back with [`FindError::from_error`]).
    fn from(e: FindError) -> Self {
        metapack_core::Error::invalid_field_with(e.parameter(), e)
    }
}
