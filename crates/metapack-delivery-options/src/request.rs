//! The query of `GET /find`: [`FindOptions`] and its parts, checked and encoded into a
//! [`ValidFind`].

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::num::NonZeroU64;

use chrono::{Datelike, NaiveDateTime, Timelike};
use uuid::Uuid;

use crate::error::FindError;
use crate::generated::builder::FindDeliveryOptions;
use crate::types::{self, OptionType};

/// The default of `e_w` (total weight), which `e_maxweight` is checked against when no total
/// weight is set.
const DEFAULT_TOTAL_WEIGHT: f64 = 0.01;

/// Unit of `e_maxweight`, `e_w` and `parcelWeight` (`weight_unit`). Metapack assumes
/// kilograms when it is not sent.
///
/// A closed list, unlike the wire enum [`types::WeightUnit`]: only these two units exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WeightUnit {
    /// Kilograms, sent as `KG`.
    Kg,
    /// Pounds, sent as `LB` (the API accepts either letter case).
    Lb,
}

impl WeightUnit {
    /// The code sent as `weight_unit`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Kg => "KG",
            Self::Lb => "LB",
        }
    }

    fn wire(self) -> types::WeightUnit {
        match self {
            Self::Kg => types::WeightUnit::Kg,
            Self::Lb => types::WeightUnit::Lb,
        }
    }
}

/// Unit of `e_maxdim` and of `parcelHeight`, `parcelWidth` and `parcelDepth`
/// (`dimensions_unit`). Metapack assumes centimetres when it is not sent.
///
/// A closed list, unlike the wire enum [`types::DimensionsUnit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DimensionUnit {
    /// Centimetres, sent as `CM`.
    Cm,
    /// Inches, sent as `IN`.
    In,
}

impl DimensionUnit {
    /// The code sent as `dimensions_unit`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Cm => "CM",
            Self::In => "IN",
        }
    }

    fn wire(self) -> types::DimensionsUnit {
        match self {
            Self::Cm => types::DimensionsUnit::Cm,
            Self::In => types::DimensionsUnit::In,
        }
    }
}

/// Whether the delivery address is a business or a residence (`c_address_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AddressKind {
    /// `BUSINESS`.
    Business,
    /// `RESIDENTIAL`.
    Residential,
}

impl AddressKind {
    /// The code sent as `c_address_type`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Business => "BUSINESS",
            Self::Residential => "RESIDENTIAL",
        }
    }

    fn wire(self) -> types::AddressType {
        match self {
            Self::Business => types::AddressType::Business,
            Self::Residential => types::AddressType::Residential,
        }
    }
}

/// How results are returned and ordered (`r_t`, the "return type"). When it is not set,
/// options follow the platform's allocation order: prioritised service, then lowest cost,
/// earliest despatch, earliest delivery.
///
/// The docs define the first letter (`l` list, `g` grid) and the second (`g` carrier service
/// groups, `s` carrier services); they do not define the third letter, nor the second letter
/// `a` of `gas`, so the variants are named after their codes. "Cheapest" in these orders
/// means the lowest cost paid by the shipper to the carrier (`shippingCost`), and a service in
/// several groups makes each group appear (`lgg` and `ggg` can repeat groups).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortOrder {
    /// `lgg`: a list, by carrier service group.
    Lgg,
    /// `lsc`: a list, by carrier service.
    Lsc,
    /// `lss`: a list, by carrier service.
    Lss,
    /// `lsd`: a list, by carrier service.
    Lsd,
    /// `gas`: a grid (second letter undocumented).
    Gas,
    /// `ggg`: a grid, by carrier service group.
    Ggg,
    /// `gsc`: a grid, by carrier service.
    Gsc,
    /// `gss`: a grid, by carrier service.
    Gss,
}

impl SortOrder {
    /// The code sent as `r_t`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Lgg => "lgg",
            Self::Lsc => "lsc",
            Self::Lss => "lss",
            Self::Lsd => "lsd",
            Self::Gas => "gas",
            Self::Ggg => "ggg",
            Self::Gsc => "gsc",
            Self::Gss => "gss",
        }
    }

    fn wire(self) -> types::SortType {
        match self {
            Self::Lgg => types::SortType::Lgg,
            Self::Lsc => types::SortType::Lsc,
            Self::Lss => types::SortType::Lss,
            Self::Lsd => types::SortType::Lsd,
            Self::Gas => types::SortType::Gas,
            Self::Ggg => types::SortType::Ggg,
            Self::Gsc => types::SortType::Gsc,
            Self::Gss => types::SortType::Gss,
        }
    }
}

/// The warehouse (shipping location) the consignment leaves from.
///
/// Only the code (`wh_code`) is required; the address fields default on Metapack's side
/// (`wh_pc` "EC1R 4PF", `wh_cc` "GBR", lines "DEFAULT") and are sent only when set.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Warehouse {
    code: String,
    postcode: Option<String>,
    country: Option<String>,
    lines: [Option<String>; 4],
}

impl Warehouse {
    /// The warehouse with this code, as set up for the shipper account (`wh_code`).
    pub fn code(code: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            postcode: None,
            country: None,
            lines: Default::default(),
        }
    }

    /// Its postal code (`wh_pc`).
    pub fn postcode(mut self, postcode: impl Into<String>) -> Self {
        self.postcode = Some(postcode.into());
        self
    }

    /// Its three-letter ISO country code (`wh_cc`).
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.country = Some(country.into());
        self
    }

    /// First address line (`wh_l1`).
    pub fn line1(mut self, line: impl Into<String>) -> Self {
        self.lines[0] = Some(line.into());
        self
    }

    /// Second address line (`wh_l2`).
    pub fn line2(mut self, line: impl Into<String>) -> Self {
        self.lines[1] = Some(line.into());
        self
    }

    /// Third address line (`wh_l3`).
    pub fn line3(mut self, line: impl Into<String>) -> Self {
        self.lines[2] = Some(line.into());
        self
    }

    /// Fourth address line (`wh_l4`).
    pub fn line4(mut self, line: impl Into<String>) -> Self {
        self.lines[3] = Some(line.into());
        self
    }
}

/// The shopper's delivery address: a country (`c_cc`) and a postal code (`c_pc`),
/// coordinates (`c_lat`/`c_long`), or both.
///
/// With both, Metapack uses the postal code for HOME delivery and the coordinates for the
/// PUDO/OWNSTORE search, so the coordinates should locate that postal code.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Destination {
    country: String,
    postcode: Option<String>,
    coordinates: Option<(f64, f64)>,
    address_type: Option<AddressKind>,
    lines: [Option<String>; 4],
}

impl Destination {
    /// An address in `country` (three-letter ISO code) with this postal code.
    pub fn postcode(country: impl Into<String>, postcode: impl Into<String>) -> Self {
        Self {
            country: country.into(),
            postcode: Some(postcode.into()),
            coordinates: None,
            address_type: None,
            lines: Default::default(),
        }
    }

    /// A point in `country` (three-letter ISO code): latitude in [-90, 90] and longitude in
    /// [-180, 180] degrees, always sent together.
    pub fn coordinates(country: impl Into<String>, lat: f64, long: f64) -> Self {
        Self {
            country: country.into(),
            postcode: None,
            coordinates: Some((lat, long)),
            address_type: None,
            lines: Default::default(),
        }
    }

    /// Adds coordinates to an address given by postal code (they then drive the PUDO and
    /// OWNSTORE search, the postal code HOME delivery).
    pub fn with_coordinates(mut self, lat: f64, long: f64) -> Self {
        self.coordinates = Some((lat, long));
        self
    }

    /// Adds a postal code to an address given by coordinates (it then drives HOME delivery).
    pub fn with_postcode(mut self, postcode: impl Into<String>) -> Self {
        self.postcode = Some(postcode.into());
        self
    }

    /// Whether the address is a business or a residence (`c_address_type`).
    pub fn address_type(mut self, kind: AddressKind) -> Self {
        self.address_type = Some(kind);
        self
    }

    /// First line of an unstructured address (`c_l1`).
    pub fn line1(mut self, line: impl Into<String>) -> Self {
        self.lines[0] = Some(line.into());
        self
    }

    /// Second line of an unstructured address (`c_l2`).
    pub fn line2(mut self, line: impl Into<String>) -> Self {
        self.lines[1] = Some(line.into());
        self
    }

    /// Third line of an unstructured address (`c_l3`).
    pub fn line3(mut self, line: impl Into<String>) -> Self {
        self.lines[2] = Some(line.into());
        self
    }

    /// Fourth line of an unstructured address (`c_l4`).
    pub fn line4(mut self, line: impl Into<String>) -> Self {
        self.lines[3] = Some(line.into());
        self
    }
}

/// One parcel of a consignment described parcel by parcel ([`FindOptions::parcels`]), in the
/// units set by [`FindOptions::weight_unit`] and [`FindOptions::dimension_unit`].
///
/// Every parcel of a request must give the same measurements, since each `parcel*` list
/// holds one value per parcel.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[must_use]
pub struct Parcel {
    height: Option<f64>,
    width: Option<f64>,
    depth: Option<f64>,
    weight: Option<f64>,
}

impl Parcel {
    /// A parcel with no measurement yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Height, width and depth (length).
    pub fn dimensions(self, height: f64, width: f64, depth: f64) -> Self {
        self.height(height).width(width).depth(depth)
    }

    /// Height (`parcelHeight`).
    pub fn height(mut self, height: f64) -> Self {
        self.height = Some(height);
        self
    }

    /// Width (`parcelWidth`).
    pub fn width(mut self, width: f64) -> Self {
        self.width = Some(width);
        self
    }

    /// Depth or length (`parcelDepth`).
    pub fn depth(mut self, depth: f64) -> Self {
        self.depth = Some(depth);
        self
    }

    /// Weight (`parcelWeight`).
    pub fn weight(mut self, weight: f64) -> Self {
        self.weight = Some(weight);
        self
    }
}

/// A delivery options search (`GET /find`): where from, where to, what, and which options.
///
/// Start from [`FindOptions::new`] (every option type), [`home`](Self::home),
/// [`pudo`](Self::pudo) or [`pudo_near`](Self::pudo_near), add what you know, and let
/// [`build`](Self::build) (or [`DeliveryOptionsClient::find`]) check the documented rules.
/// Nothing you did not set is sent: Metapack's defaults apply.
///
/// ```
/// use chrono::NaiveDate;
/// use metapack_delivery_options::{
///     Destination, FindError, FindOptions, OptionType, Parcel, SortOrder, Warehouse, WeightUnit,
/// };
///
/// let day = NaiveDate::from_ymd_opt(2026, 4, 6).unwrap();
/// let options = FindOptions::home(Warehouse::code("WH1"), Destination::postcode("GBR", "EC1R 4PF"))
///     .option_types([OptionType::Home, OptionType::Pudo])
///     .parcels([Parcel::new().weight(1.5), Parcel::new().weight(0.5)])
///     .weight_unit(WeightUnit::Kg)
///     .delivery_slot(day.and_hms_opt(0, 0, 0).unwrap(), day.and_hms_opt(23, 59, 59).unwrap())
///     .sort(SortOrder::Lsc)
///     .limit(5);
/// let valid = options.build()?;
/// assert_eq!(
///     valid.query_string(),
///     "acceptableDeliverySlots=2026-04-06+00%3A00%3A00%2C2026-04-06+23%3A59%3A59\
///      &c_cc=GBR&c_pc=EC1R+4PF&consignmentLevelDetailsFlag=false&e_n=2&limit=5\
///      &optionType=HOME%2CPUDO&parcelWeight=1.5%2C0.5&r_t=lsc&weight_unit=KG&wh_code=WH1"
/// );
///
/// // limit is not allowed when OWNSTORE options may come back.
/// let err = options.clone().option_types([OptionType::Ownstore]).build().unwrap_err();
/// assert_eq!(err, FindError::LimitWithOwnStores);
/// # Ok::<(), FindError>(())
/// ```
///
/// [`DeliveryOptionsClient::find`]: crate::DeliveryOptionsClient::find
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct FindOptions {
    warehouse: Warehouse,
    destination: Destination,
    option_types: Option<Vec<OptionType>>,
    multi_country: Option<bool>,
    radius: Option<u32>,
    min_own: Option<u32>,
    max_own: Option<u32>,
    limit: Option<u32>,
    sort: Option<SortOrder>,
    include_groups: Option<Vec<String>>,
    exclude_groups: Option<Vec<String>>,
    delivery_slot: Option<(NaiveDateTime, NaiveDateTime)>,
    collection_slot: Option<(NaiveDateTime, NaiveDateTime)>,
    skus: Option<Vec<Vec<String>>>,
    parcels: Option<Vec<Parcel>>,
    parcel_count: Option<u32>,
    total_weight: Option<f64>,
    heaviest_parcel_weight: Option<f64>,
    largest_dimension: Option<u32>,
    weight_unit: Option<WeightUnit>,
    dimension_unit: Option<DimensionUnit>,
    consignment_level_details: Option<bool>,
    value: Option<(f64, String)>,
    cash_on_delivery: Option<(f64, String)>,
    hazmat_codes: Option<Vec<String>>,
    custom: BTreeMap<u8, String>,
    trace_id: Option<Uuid>,
}

impl FindOptions {
    /// Every type of option (HOME, PUDO and OWNSTORE: `optionType` is not sent) for an order
    /// leaving `warehouse` for `destination`.
    pub fn new(warehouse: Warehouse, destination: Destination) -> Self {
        Self {
            warehouse,
            destination,
            option_types: None,
            multi_country: None,
            radius: None,
            min_own: None,
            max_own: None,
            limit: None,
            sort: None,
            include_groups: None,
            exclude_groups: None,
            delivery_slot: None,
            collection_slot: None,
            skus: None,
            parcels: None,
            parcel_count: None,
            total_weight: None,
            heaviest_parcel_weight: None,
            largest_dimension: None,
            weight_unit: None,
            dimension_unit: None,
            consignment_level_details: None,
            value: None,
            cash_on_delivery: None,
            hazmat_codes: None,
            custom: BTreeMap::new(),
            trace_id: None,
        }
    }

    /// Home delivery options (`optionType=HOME`).
    pub fn home(warehouse: Warehouse, destination: Destination) -> Self {
        Self::new(warehouse, destination).option_types([OptionType::Home])
    }

    /// Pick-up point options (`optionType=PUDO`) around the destination (its coordinates if
    /// it has any, else its postal code).
    pub fn pudo(warehouse: Warehouse, destination: Destination) -> Self {
        Self::new(warehouse, destination).option_types([OptionType::Pudo])
    }

    /// Pick-up point options (`optionType=PUDO`) within `radius_m` metres (1 to 100000) of a
    /// point in `country`.
    pub fn pudo_near(
        warehouse: Warehouse,
        country: impl Into<String>,
        lat: f64,
        long: f64,
        radius_m: u32,
    ) -> Self {
        Self::pudo(warehouse, Destination::coordinates(country, lat, long)).radius(radius_m)
    }

    /// Only these option types (`optionType`, comma-separated). Repeated types are sent once.
    pub fn option_types(mut self, types: impl IntoIterator<Item = OptionType>) -> Self {
        self.option_types = Some(types.into_iter().collect());
        self
    }

    /// Every option type: `optionType` is not sent.
    pub fn all_option_types(mut self) -> Self {
        self.option_types = None;
        self
    }

    /// Also PUDO and OWNSTORE options from the countries bordering the destination's
    /// (`multiCountry`; Metapack's default is `false`).
    pub fn multi_country(mut self, multi_country: bool) -> Self {
        self.multi_country = Some(multi_country);
        self
    }

    /// Radius of the PUDO/OWNSTORE search in metres, 1 to 100000 (`radius`; Metapack's
    /// default is 1000).
    pub fn radius(mut self, metres: u32) -> Self {
        self.radius = Some(metres);
        self
    }

    /// How many of the shipper's own stores to return: at least `min` (1 to 20, `minown`;
    /// the search goes beyond the radius to find them) and at most `max` (1 to 50, `maxown`;
    /// default 50). Pass `None` for either bound to leave it unset. Not allowed with
    /// [`limit`](Self::limit).
    pub fn own_stores(mut self, min: impl Into<Option<u32>>, max: impl Into<Option<u32>>) -> Self {
        self.min_own = min.into();
        self.max_own = max.into();
        self
    }

    /// At most this many options (`limit`, at least 1). Not allowed with
    /// [`own_stores`](Self::own_stores), nor when OWNSTORE options are requested.
    ///
    /// The spec's Inferred note on `limit` says the docs leave open whether the OWNSTORE ban
    /// also applies when OWNSTORE is one of several types or comes from omitting `optionType`
    /// (which requests HOME, PUDO and OWNSTORE). This crate applies it in both cases, since
    /// either way own-store options can come back: set [`option_types`](Self::option_types)
    /// without OWNSTORE (as [`home`](Self::home) and [`pudo`](Self::pudo) do) to use a limit.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// How results are returned and ordered (`r_t`).
    pub fn sort(mut self, order: SortOrder) -> Self {
        self.sort = Some(order);
        self
    }

    /// Only services of these carrier service groups (`incgrp`).
    pub fn include_groups<S: Into<String>>(mut self, groups: impl IntoIterator<Item = S>) -> Self {
        self.include_groups = Some(groups.into_iter().map(Into::into).collect());
        self
    }

    /// Never services of these carrier service groups (`excgrp`).
    pub fn exclude_groups<S: Into<String>>(mut self, groups: impl IntoIterator<Item = S>) -> Self {
        self.exclude_groups = Some(groups.into_iter().map(Into::into).collect());
        self
    }

    /// When delivery is possible (`acceptableDeliverySlots`), from `from` to `to`, sent as
    /// the docs show them: `2022-04-05 00:00:00` without a time zone (seconds precision).
    pub fn delivery_slot(mut self, from: NaiveDateTime, to: NaiveDateTime) -> Self {
        self.delivery_slot = Some((from, to));
        self
    }

    /// When collection from the warehouse is acceptable (`acceptableCollectionSlots`), sent
    /// like [`delivery_slot`](Self::delivery_slot).
    pub fn collection_slot(mut self, from: NaiveDateTime, to: NaiveDateTime) -> Self {
        self.collection_slot = Some((from, to));
        self
    }

    /// The SKUs of the consignment, parcel by parcel (`skus`, sent as `x,y;z`: semicolons
    /// between parcels, commas between the products of a parcel). Not allowed with parcels,
    /// a parcel count, weights or the largest dimension.
    ///
    /// ```
    /// # use metapack_delivery_options::{Destination, FindOptions, Warehouse};
    /// let options = FindOptions::home(Warehouse::code("WH1"), Destination::postcode("GBR", "L1 7AA"))
    ///     .skus(vec![vec!["x", "y"], vec!["z"]]);
    /// let pairs = options.build()?.query_pairs();
    /// assert!(pairs.contains(&("skus", "x,y;z".to_owned())));
    /// # Ok::<(), metapack_delivery_options::FindError>(())
    /// ```
    pub fn skus<P, S>(mut self, parcels: impl IntoIterator<Item = P>) -> Self
    where
        P: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.skus = Some(
            parcels
                .into_iter()
                .map(|p| p.into_iter().map(Into::into).collect())
                .collect(),
        );
        self
    }

    /// Describes the consignment parcel by parcel: sends one `parcel*` list per measurement
    /// the parcels give, `e_n` (the number of parcels) and `consignmentLevelDetailsFlag=false`.
    pub fn parcels(mut self, parcels: impl IntoIterator<Item = Parcel>) -> Self {
        self.parcels = Some(parcels.into_iter().collect());
        self
    }

    /// Estimated number of parcels (`e_n`, at least 1; Metapack's default is 1). Set by
    /// [`parcels`](Self::parcels) too; when both are given they must agree.
    pub fn parcel_count(mut self, count: u32) -> Self {
        self.parcel_count = Some(count);
        self
    }

    /// Estimated weight of the whole consignment (`e_w`, in [`weight_unit`](Self::weight_unit);
    /// Metapack's default is 0.01). Sent as a 32-bit float.
    pub fn total_weight(mut self, weight: f64) -> Self {
        self.total_weight = Some(weight);
        self
    }

    /// Weight of the heaviest parcel (`e_maxweight`; 0 leaves weight out of the search). It
    /// must lie between `e_w / e_n` and `e_w`. Sent as a 32-bit float.
    pub fn heaviest_parcel_weight(mut self, weight: f64) -> Self {
        self.heaviest_parcel_weight = Some(weight);
        self
    }

    /// Largest dimension of the biggest parcel, a whole number (`e_maxdim`, in
    /// [`dimension_unit`](Self::dimension_unit); 0 leaves dimensions out of the search).
    pub fn largest_dimension(mut self, dimension: u32) -> Self {
        self.largest_dimension = Some(dimension);
        self
    }

    /// Unit of every weight of the request (`weight_unit`; kilograms when not sent).
    pub fn weight_unit(mut self, unit: WeightUnit) -> Self {
        self.weight_unit = Some(unit);
        self
    }

    /// Unit of every dimension of the request (`dimensions_unit`; centimetres when not sent).
    pub fn dimension_unit(mut self, unit: DimensionUnit) -> Self {
        self.dimension_unit = Some(unit);
        self
    }

    /// Whether the order is described at consignment level (`consignmentLevelDetailsFlag`;
    /// Metapack's default is `true`). [`parcels`](Self::parcels) sends `false` by itself.
    pub fn consignment_level_details(mut self, consignment_level: bool) -> Self {
        self.consignment_level_details = Some(consignment_level);
        self
    }

    /// Estimated value of the whole consignment and its three-letter ISO currency
    /// (`e_v`, `e_v_currency`). `e_v` travels as a 32-bit float (about 7 significant digits).
    pub fn consignment_value(mut self, amount: f64, currency: impl Into<String>) -> Self {
        self.value = Some((amount, currency.into()));
        self
    }

    /// Amount to collect on delivery and its three-letter ISO currency (`cod_amount`,
    /// `cod_currency`).
    pub fn cash_on_delivery(mut self, amount: f64, currency: impl Into<String>) -> Self {
        self.cash_on_delivery = Some((amount, currency.into()));
        self
    }

    /// Hazard codes of dangerous goods in the consignment, e.g. UN numbers (`hazmat_codes`).
    pub fn hazmat_codes<S: Into<String>>(mut self, codes: impl IntoIterator<Item = S>) -> Self {
        self.hazmat_codes = Some(codes.into_iter().map(Into::into).collect());
        self
    }

    /// A value for Delivery Manager's custom allocation rules: `custom1` to `custom10`
    /// (`index` 1 to 10). Setting an index again replaces its value.
    pub fn custom(mut self, index: u8, value: impl Into<String>) -> Self {
        self.custom.insert(index, value.into());
        self
    }

    /// Traces the request through the Metapack platform (`traceId` header); a successful
    /// response echoes it as [`FindResponse::request_id`](crate::types::FindResponse::request_id).
    pub fn trace_id(mut self, trace_id: Uuid) -> Self {
        self.trace_id = Some(trace_id);
        self
    }

    /// Checks every documented rule and encodes the query; see [`FindError`] for the rules.
    pub fn build(&self) -> Result<ValidFind, FindError> {
        let wh = &self.warehouse;
        let dest = &self.destination;

        // Required parameters and codes.
        if is_blank(&wh.code) {
            return Err(FindError::MissingWarehouseCode);
        }
        if is_blank(&dest.country) {
            return Err(FindError::MissingDeliveryCountry);
        }
        country_code("c_cc", &dest.country)?;
        if let Some(cc) = &wh.country {
            country_code("wh_cc", cc)?;
        }

        // Where to: a postal code, coordinates, or both.
        match (dest.postcode.as_deref(), dest.coordinates) {
            (None, None) => return Err(FindError::MissingDeliveryLocation),
            (Some(pc), None) if is_blank(pc) => return Err(FindError::MissingDeliveryLocation),
            (Some(pc), Some(_)) if is_blank(pc) => {
                return Err(FindError::BlankValue { parameter: "c_pc" });
            }
            _ => {}
        }
        if let Some((lat, long)) = dest.coordinates {
            if !(-90.0..=90.0).contains(&lat) {
                return Err(FindError::LatitudeOutOfRange { value: lat });
            }
            if !(-180.0..=180.0).contains(&long) {
                return Err(FindError::LongitudeOutOfRange { value: long });
            }
        }
        if let Some(radius) = self.radius
            && !(1..=100_000).contains(&radius)
        {
            return Err(FindError::RadiusOutOfRange { value: radius });
        }

        // Optional texts are not blank once set.
        not_blank("wh_pc", wh.postcode.as_deref())?;
        for (parameter, line) in ["wh_l1", "wh_l2", "wh_l3", "wh_l4"]
            .into_iter()
            .zip(&wh.lines)
        {
            not_blank(parameter, line.as_deref())?;
        }
        for (parameter, line) in ["c_l1", "c_l2", "c_l3", "c_l4"]
            .into_iter()
            .zip(&dest.lines)
        {
            not_blank(parameter, line.as_deref())?;
        }

        // Comma-separated lists.
        let option_type = match &self.option_types {
            None => None,
            Some(types) => {
                let mut unique: Vec<&str> = Vec::with_capacity(types.len());
                for t in types {
                    if !unique.contains(&t.as_str()) {
                        unique.push(t.as_str());
                    }
                }
                Some(join_list("optionType", unique)?)
            }
        };
        let incgrp = opt_list("incgrp", self.include_groups.as_deref())?;
        let excgrp = opt_list("excgrp", self.exclude_groups.as_deref())?;
        let hazmat_codes = opt_list("hazmat_codes", self.hazmat_codes.as_deref())?;

        // Numbers.
        let e_w = self.total_weight.map(|v| float32("e_w", v)).transpose()?;
        let e_maxweight = self
            .heaviest_parcel_weight
            .map(|v| float32("e_maxweight", v))
            .transpose()?;
        let (e_v, e_v_currency) = match &self.value {
            Some((amount, currency)) => (
                Some(float32("e_v", *amount)?),
                Some(currency_code("e_v_currency", currency)?),
            ),
            None => (None, None),
        };
        let (cod_amount, cod_currency) = match &self.cash_on_delivery {
            Some((amount, currency)) => (
                Some(non_negative("cod_amount", *amount)?),
                Some(currency_code("cod_currency", currency)?),
            ),
            None => (None, None),
        };

        // Parcels: one list per measurement, one value per parcel (e_n values).
        let mut parcel_lists: [Option<String>; 4] = Default::default();
        if let Some(parcels) = &self.parcels {
            let count = len_u32(parcels.len());
            if count == 0 {
                return Err(FindError::ZeroParcelCount);
            }
            if let Some(parcel_count) = self.parcel_count
                && parcel_count != count
            {
                return Err(FindError::ParcelCountMismatch {
                    parcel_count,
                    parcels: count,
                });
            }
            let measures: [(&'static str, Measure); 4] = [
                ("parcelDepth", |p| p.depth),
                ("parcelHeight", |p| p.height),
                ("parcelWeight", |p| p.weight),
                ("parcelWidth", |p| p.width),
            ];
            for ((parameter, measure), slot) in measures.into_iter().zip(&mut parcel_lists) {
                if parcels.iter().all(|p| measure(p).is_none()) {
                    continue;
                }
                let mut joined = String::with_capacity(parcels.len() * 6);
                for (i, parcel) in parcels.iter().enumerate() {
                    let position = len_u32(i + 1);
                    let value = measure(parcel).ok_or(FindError::ParcelMeasurementMissing {
                        parcel: position,
                        parcels: count,
                        parameter,
                    })?;
                    let value = non_negative(parameter, value).map_err(|_| {
                        FindError::InvalidParcelMeasurement {
                            parcel: position,
                            parameter,
                            value,
                        }
                    })?;
                    if i > 0 {
                        joined.push(',');
                    }
                    joined.push_str(ryu::Buffer::new().format(value));
                }
                *slot = Some(joined);
            }
            if self.consignment_level_details == Some(true) {
                return Err(FindError::ParcelDetailsAtConsignmentLevel);
            }
        }
        let e_n = self
            .parcel_count
            .or_else(|| self.parcels.as_ref().map(|p| len_u32(p.len())));
        if e_n == Some(0) {
            return Err(FindError::ZeroParcelCount);
        }
        let [parcel_depth, parcel_height, parcel_weight, parcel_width] = parcel_lists;
        let consignment_level_details_flag = if self.parcels.is_some() {
            Some(false)
        } else {
            self.consignment_level_details
        };

        // SKUs describe the consignment instead of parcels and estimates.
        let skus = match &self.skus {
            None => None,
            Some(parcels) => {
                let conflicting = [
                    ("e_maxdim", self.largest_dimension.is_some()),
                    ("e_maxweight", self.heaviest_parcel_weight.is_some()),
                    ("e_n", self.parcel_count.is_some()),
                    ("e_w", self.total_weight.is_some()),
                    ("parcelHeight", parcel_height.is_some()),
                    ("parcelWidth", parcel_width.is_some()),
                    ("parcelDepth", parcel_depth.is_some()),
                    ("parcelWeight", parcel_weight.is_some()),
                    ("e_n", self.parcels.is_some()),
                ];
                if let Some((conflicting, _)) = conflicting.into_iter().find(|(_, set)| *set) {
                    return Err(FindError::SkusWithConsignmentDetails { conflicting });
                }
                Some(join_skus(parcels)?)
            }
        };

        // The heaviest parcel weighs between the average parcel and the whole consignment.
        if let Some(heaviest) = e_maxweight
            && heaviest > 0.0
        {
            let heaviest = f64::from(heaviest);
            let total = e_w.map_or(DEFAULT_TOTAL_WEIGHT, f64::from);
            let tolerance = 1e-6 * total.max(1.0);
            if heaviest > total + tolerance {
                return Err(FindError::HeaviestParcelAboveTotalWeight { heaviest, total });
            }
            let average = total / f64::from(e_n.unwrap_or(1));
            if heaviest < average - tolerance {
                return Err(FindError::HeaviestParcelBelowAverage { heaviest, average });
            }
        }

        // limit versus own stores.
        if let Some(limit) = self.limit {
            if limit == 0 {
                return Err(FindError::LimitBelowOne);
            }
            if self.min_own.is_some() || self.max_own.is_some() {
                return Err(FindError::LimitWithOwnStoreCounts);
            }
            let own_stores_requested = self
                .option_types
                .as_ref()
                .is_none_or(|types| types.contains(&OptionType::Ownstore));
            if own_stores_requested {
                return Err(FindError::LimitWithOwnStores);
            }
        }
        if let Some(min) = self.min_own
            && !(1..=20).contains(&min)
        {
            return Err(FindError::MinOwnOutOfRange { value: min });
        }
        if let Some(max) = self.max_own
            && !(1..=50).contains(&max)
        {
            return Err(FindError::MaxOwnOutOfRange { value: max });
        }
        if let (Some(min), Some(max)) = (self.min_own, self.max_own)
            && min > max
        {
            return Err(FindError::MinOwnAboveMaxOwn { min, max });
        }

        // Slots.
        let acceptable_delivery_slots = self
            .delivery_slot
            .map(|slot| encode_slot("acceptableDeliverySlots", slot))
            .transpose()?;
        let acceptable_collection_slots = self
            .collection_slot
            .map(|slot| encode_slot("acceptableCollectionSlots", slot))
            .transpose()?;

        // custom1 to custom10.
        let mut custom: [Option<String>; 10] = Default::default();
        for (&index, value) in &self.custom {
            if !(1..=10).contains(&index) {
                return Err(FindError::CustomIndexOutOfRange { index });
            }
            let slot = &mut custom[usize::from(index - 1)];
            not_blank(CUSTOM_NAMES[usize::from(index - 1)], Some(value))?;
            *slot = Some(value.clone());
        }

        Ok(ValidFind {
            acceptable_collection_slots,
            acceptable_delivery_slots,
            c_address_type: dest.address_type,
            c_cc: dest.country.clone(),
            c_lines: dest.lines.clone(),
            c_lat: dest.coordinates.map(|(lat, _)| lat),
            c_long: dest.coordinates.map(|(_, long)| long),
            c_pc: dest.postcode.clone(),
            cod_amount,
            cod_currency,
            consignment_level_details_flag,
            custom,
            dimensions_unit: self.dimension_unit,
            e_maxdim: self.largest_dimension,
            e_maxweight,
            e_n,
            e_v,
            e_v_currency,
            e_w,
            excgrp,
            hazmat_codes,
            incgrp,
            limit: self.limit.map(nonzero),
            maxown: self.max_own.map(nonzero),
            minown: self.min_own.map(nonzero),
            multi_country: self.multi_country,
            option_type,
            parcel_depth,
            parcel_height,
            parcel_weight,
            parcel_width,
            r_t: self.sort,
            radius: self.radius.map(nonzero),
            skus,
            weight_unit: self.weight_unit,
            wh_cc: wh.country.clone(),
            wh_code: wh.code.clone(),
            wh_lines: wh.lines.clone(),
            wh_pc: wh.postcode.clone(),
            trace_id: self.trace_id,
        })
    }
}

/// Reads one measurement of a parcel.
type Measure = fn(&Parcel) -> Option<f64>;

const CUSTOM_NAMES: [&str; 10] = [
    "custom1", "custom2", "custom3", "custom4", "custom5", "custom6", "custom7", "custom8",
    "custom9", "custom10",
];

/// A [`FindOptions`] that passed every rule, holding each query parameter exactly as it
/// travels: lists comma-joined, slots formatted, units and types as their wire codes.
///
/// [`query_pairs`](Self::query_pairs) and [`query_string`](Self::query_string) show the
/// query; the client sends exactly that, followed by `&key=<your API key>`, which the runtime
/// appends from [`Credentials::api_key`](metapack_core::Credentials::api_key).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidFind {
    acceptable_collection_slots: Option<String>,
    acceptable_delivery_slots: Option<String>,
    c_address_type: Option<AddressKind>,
    c_cc: String,
    c_lines: [Option<String>; 4],
    c_lat: Option<f64>,
    c_long: Option<f64>,
    c_pc: Option<String>,
    cod_amount: Option<f64>,
    cod_currency: Option<String>,
    consignment_level_details_flag: Option<bool>,
    custom: [Option<String>; 10],
    dimensions_unit: Option<DimensionUnit>,
    e_maxdim: Option<u32>,
    e_maxweight: Option<f32>,
    e_n: Option<u32>,
    e_v: Option<f32>,
    e_v_currency: Option<String>,
    e_w: Option<f32>,
    excgrp: Option<String>,
    hazmat_codes: Option<String>,
    incgrp: Option<String>,
    limit: Option<NonZeroU64>,
    maxown: Option<NonZeroU64>,
    minown: Option<NonZeroU64>,
    multi_country: Option<bool>,
    option_type: Option<String>,
    parcel_depth: Option<String>,
    parcel_height: Option<String>,
    parcel_weight: Option<String>,
    parcel_width: Option<String>,
    r_t: Option<SortOrder>,
    radius: Option<NonZeroU64>,
    skus: Option<String>,
    weight_unit: Option<WeightUnit>,
    wh_cc: Option<String>,
    wh_code: String,
    wh_lines: [Option<String>; 4],
    wh_pc: Option<String>,
    trace_id: Option<Uuid>,
}

impl ValidFind {
    /// The query parameters, decoded, in the order they are sent (the generated client's
    /// order). Only parameters that were set appear; `key` is not among them.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::with_capacity(32);
        self.encode(&mut |name, value| pairs.push((name, value.to_owned())));
        pairs
    }

    /// The query exactly as sent, without the `key` the runtime appends:
    /// `application/x-www-form-urlencoded`, like every query reqwest builds (a space is `+`,
    /// a comma `%2C`, a colon `%3A`).
    pub fn query_string(&self) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::with_capacity(512));
        self.encode(&mut |name, value| {
            query.append_pair(name, value);
        });
        query.finish()
    }

    /// The one encoder of the query: hands each parameter that is set to `emit`, as its wire
    /// text, in the generated client's order (lexical by Rust name: `custom10` before
    /// `custom2`), which is also the order of the URL it sends.
    fn encode(&self, emit: &mut dyn FnMut(&'static str, &str)) {
        let mut float = ryu::Buffer::new();
        let mut int = IntBuffer::default();
        put(
            emit,
            "acceptableCollectionSlots",
            self.acceptable_collection_slots.as_deref(),
        );
        put(
            emit,
            "acceptableDeliverySlots",
            self.acceptable_delivery_slots.as_deref(),
        );
        put(
            emit,
            "c_address_type",
            self.c_address_type.map(AddressKind::code),
        );
        emit("c_cc", &self.c_cc);
        for (name, line) in ["c_l1", "c_l2", "c_l3", "c_l4"]
            .into_iter()
            .zip(&self.c_lines)
        {
            put(emit, name, line.as_deref());
        }
        put(emit, "c_lat", self.c_lat.map(|v| float.format(v)));
        put(emit, "c_long", self.c_long.map(|v| float.format(v)));
        put(emit, "c_pc", self.c_pc.as_deref());
        put(emit, "cod_amount", self.cod_amount.map(|v| float.format(v)));
        put(emit, "cod_currency", self.cod_currency.as_deref());
        put(
            emit,
            "consignmentLevelDetailsFlag",
            self.consignment_level_details_flag.map(bool_str),
        );
        for index in [0, 9, 1, 2, 3, 4, 5, 6, 7, 8] {
            put(emit, CUSTOM_NAMES[index], self.custom[index].as_deref());
        }
        put(
            emit,
            "dimensions_unit",
            self.dimensions_unit.map(DimensionUnit::code),
        );
        put(
            emit,
            "e_maxdim",
            self.e_maxdim.map(|v| int.format(u64::from(v))),
        );
        put(
            emit,
            "e_maxweight",
            self.e_maxweight.map(|v| float.format(v)),
        );
        put(emit, "e_n", self.e_n.map(|v| int.format(u64::from(v))));
        put(emit, "e_v", self.e_v.map(|v| float.format(v)));
        put(emit, "e_v_currency", self.e_v_currency.as_deref());
        put(emit, "e_w", self.e_w.map(|v| float.format(v)));
        put(emit, "excgrp", self.excgrp.as_deref());
        put(emit, "hazmat_codes", self.hazmat_codes.as_deref());
        put(emit, "incgrp", self.incgrp.as_deref());
        put(emit, "limit", self.limit.map(|v| int.format(v.get())));
        put(emit, "maxown", self.maxown.map(|v| int.format(v.get())));
        put(emit, "minown", self.minown.map(|v| int.format(v.get())));
        put(emit, "multiCountry", self.multi_country.map(bool_str));
        put(emit, "optionType", self.option_type.as_deref());
        put(emit, "parcelDepth", self.parcel_depth.as_deref());
        put(emit, "parcelHeight", self.parcel_height.as_deref());
        put(emit, "parcelWeight", self.parcel_weight.as_deref());
        put(emit, "parcelWidth", self.parcel_width.as_deref());
        put(emit, "r_t", self.r_t.map(SortOrder::code));
        put(emit, "radius", self.radius.map(|v| int.format(v.get())));
        put(emit, "skus", self.skus.as_deref());
        put(emit, "weight_unit", self.weight_unit.map(WeightUnit::code));
        put(emit, "wh_cc", self.wh_cc.as_deref());
        emit("wh_code", &self.wh_code);
        for (name, line) in ["wh_l1", "wh_l2", "wh_l3", "wh_l4"]
            .into_iter()
            .zip(&self.wh_lines)
        {
            put(emit, name, line.as_deref());
        }
        put(emit, "wh_pc", self.wh_pc.as_deref());
    }

    /// The trace id sent as the `traceId` header, if any.
    pub fn trace_id(&self) -> Option<Uuid> {
        self.trace_id
    }

    /// Fills the generated request builder. The `key` is not among its parameters: the
    /// runtime adds it from the credentials (see docs/codegen.md).
    pub(crate) fn apply<'a>(&self, mut r: FindDeliveryOptions<'a>) -> FindDeliveryOptions<'a> {
        r = r.wh_code(self.wh_code.clone()).c_cc(self.c_cc.clone());
        if let Some(v) = &self.acceptable_collection_slots {
            r = r.acceptable_collection_slots(v.clone());
        }
        if let Some(v) = &self.acceptable_delivery_slots {
            r = r.acceptable_delivery_slots(v.clone());
        }
        if let Some(v) = self.c_address_type {
            r = r.c_address_type(v.wire());
        }
        let [l1, l2, l3, l4] = &self.c_lines;
        if let Some(v) = l1 {
            r = r.c_l1(v.clone());
        }
        if let Some(v) = l2 {
            r = r.c_l2(v.clone());
        }
        if let Some(v) = l3 {
            r = r.c_l3(v.clone());
        }
        if let Some(v) = l4 {
            r = r.c_l4(v.clone());
        }
        if let Some(v) = self.c_lat {
            r = r.c_lat(v);
        }
        if let Some(v) = self.c_long {
            r = r.c_long(v);
        }
        if let Some(v) = &self.c_pc {
            r = r.c_pc(v.clone());
        }
        if let Some(v) = self.cod_amount {
            r = r.cod_amount(v);
        }
        if let Some(v) = &self.cod_currency {
            r = r.cod_currency(v.clone());
        }
        if let Some(v) = self.consignment_level_details_flag {
            r = r.consignment_level_details_flag(v);
        }
        for (index, value) in self.custom.iter().enumerate() {
            let Some(v) = value.clone() else { continue };
            r = match index {
                0 => r.custom1(v),
                1 => r.custom2(v),
                2 => r.custom3(v),
                3 => r.custom4(v),
                4 => r.custom5(v),
                5 => r.custom6(v),
                6 => r.custom7(v),
                7 => r.custom8(v),
                8 => r.custom9(v),
                _ => r.custom10(v),
            };
        }
        if let Some(v) = self.dimensions_unit {
            r = r.dimensions_unit(v.wire());
        }
        if let Some(v) = self.e_maxdim {
            r = r.e_maxdim(i64::from(v));
        }
        if let Some(v) = self.e_maxweight {
            r = r.e_maxweight(v);
        }
        if let Some(v) = self.e_n {
            r = r.e_n(i64::from(v));
        }
        if let Some(v) = self.e_v {
            r = r.e_v(v);
        }
        if let Some(v) = &self.e_v_currency {
            r = r.e_v_currency(v.clone());
        }
        if let Some(v) = self.e_w {
            r = r.e_w(v);
        }
        if let Some(v) = &self.excgrp {
            r = r.excgrp(v.clone());
        }
        if let Some(v) = &self.hazmat_codes {
            r = r.hazmat_codes(v.clone());
        }
        if let Some(v) = &self.incgrp {
            r = r.incgrp(v.clone());
        }
        if let Some(v) = self.limit {
            r = r.limit(v);
        }
        if let Some(v) = self.maxown {
            r = r.maxown(v);
        }
        if let Some(v) = self.minown {
            r = r.minown(v);
        }
        if let Some(v) = self.multi_country {
            r = r.multi_country(v);
        }
        if let Some(v) = &self.option_type {
            r = r.option_type(v.clone());
        }
        if let Some(v) = &self.parcel_depth {
            r = r.parcel_depth(v.clone());
        }
        if let Some(v) = &self.parcel_height {
            r = r.parcel_height(v.clone());
        }
        if let Some(v) = &self.parcel_weight {
            r = r.parcel_weight(v.clone());
        }
        if let Some(v) = &self.parcel_width {
            r = r.parcel_width(v.clone());
        }
        if let Some(v) = self.r_t {
            r = r.r_t(v.wire());
        }
        if let Some(v) = self.radius {
            r = r.radius(v);
        }
        if let Some(v) = &self.skus {
            r = r.skus(v.clone());
        }
        if let Some(v) = self.weight_unit {
            r = r.weight_unit(v.wire());
        }
        if let Some(v) = &self.wh_cc {
            r = r.wh_cc(v.clone());
        }
        let [l1, l2, l3, l4] = &self.wh_lines;
        if let Some(v) = l1 {
            r = r.wh_l1(v.clone());
        }
        if let Some(v) = l2 {
            r = r.wh_l2(v.clone());
        }
        if let Some(v) = l3 {
            r = r.wh_l3(v.clone());
        }
        if let Some(v) = l4 {
            r = r.wh_l4(v.clone());
        }
        if let Some(v) = &self.wh_pc {
            r = r.wh_pc(v.clone());
        }
        if let Some(v) = self.trace_id {
            r = r.trace_id(v);
        }
        r
    }
}

fn put(emit: &mut dyn FnMut(&'static str, &str), name: &'static str, value: Option<&str>) {
    if let Some(value) = value {
        emit(name, value);
    }
}

/// Formats integers without allocating.
#[derive(Default)]
struct IntBuffer([u8; 20]);

impl IntBuffer {
    fn format(&mut self, mut value: u64) -> &str {
        let mut at = self.0.len();
        loop {
            at -= 1;
            // `value % 10` is below 10.
            self.0[at] = b'0' + u8::try_from(value % 10).unwrap_or(0);
            value /= 10;
            if value == 0 {
                break;
            }
        }
        std::str::from_utf8(&self.0[at..]).unwrap_or_default()
    }
}

fn bool_str(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

fn is_blank(value: &str) -> bool {
    value.trim().is_empty()
}

fn not_blank(parameter: &'static str, value: Option<&str>) -> Result<(), FindError> {
    match value {
        Some(v) if is_blank(v) => Err(FindError::BlankValue { parameter }),
        _ => Ok(()),
    }
}

fn three_letters(value: &str) -> bool {
    value.len() == 3 && value.bytes().all(|b| b.is_ascii_alphabetic())
}

fn country_code(parameter: &'static str, value: &str) -> Result<(), FindError> {
    if three_letters(value) {
        Ok(())
    } else {
        Err(FindError::InvalidCountryCode {
            parameter,
            value: value.to_owned(),
        })
    }
}

fn currency_code(parameter: &'static str, value: &str) -> Result<String, FindError> {
    if three_letters(value) {
        Ok(value.to_owned())
    } else {
        Err(FindError::InvalidCurrencyCode {
            parameter,
            value: value.to_owned(),
        })
    }
}

fn non_negative(parameter: &'static str, value: f64) -> Result<f64, FindError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(FindError::InvalidNumber { parameter, value })
    }
}

/// A non-negative number that travels as a 32-bit float (`format: float` in the spec).
#[allow(clippy::cast_possible_truncation)]
fn float32(parameter: &'static str, value: f64) -> Result<f32, FindError> {
    let narrow = non_negative(parameter, value)? as f32;
    if narrow.is_finite() {
        Ok(narrow)
    } else {
        Err(FindError::InvalidNumber { parameter, value })
    }
}

fn len_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

fn nonzero(value: u32) -> NonZeroU64 {
    // Callers have checked the ranges (limit, minown, maxown >= 1; radius >= 1).
    NonZeroU64::new(u64::from(value)).unwrap_or(NonZeroU64::MIN)
}

fn check_item(parameter: &'static str, item: &str) -> Result<(), FindError> {
    if is_blank(item) {
        return Err(FindError::BlankValue { parameter });
    }
    if item.contains(',') {
        return Err(FindError::SeparatorInValue {
            parameter,
            separator: ',',
            value: item.to_owned(),
        });
    }
    Ok(())
}

fn join_list<'a>(
    parameter: &'static str,
    items: impl IntoIterator<Item = &'a str>,
) -> Result<String, FindError> {
    let mut joined = String::new();
    for (i, item) in items.into_iter().enumerate() {
        check_item(parameter, item)?;
        if i > 0 {
            joined.push(',');
        }
        joined.push_str(item);
    }
    if joined.is_empty() {
        return Err(FindError::EmptyList { parameter });
    }
    Ok(joined)
}

fn opt_list(
    parameter: &'static str,
    items: Option<&[String]>,
) -> Result<Option<String>, FindError> {
    items
        .map(|items| join_list(parameter, items.iter().map(String::as_str)))
        .transpose()
}

fn join_skus(parcels: &[Vec<String>]) -> Result<String, FindError> {
    if parcels.is_empty() {
        return Err(FindError::EmptyList { parameter: "skus" });
    }
    let mut joined = String::new();
    for (i, skus) in parcels.iter().enumerate() {
        let parcel = len_u32(i + 1);
        if skus.is_empty() {
            return Err(FindError::EmptyParcelSkus { parcel });
        }
        if i > 0 {
            joined.push(';');
        }
        for (j, sku) in skus.iter().enumerate() {
            if is_blank(sku) {
                return Err(FindError::BlankSku { parcel });
            }
            if let Some(separator) = sku.chars().find(|c| matches!(c, ',' | ';')) {
                return Err(FindError::SeparatorInSku {
                    parcel,
                    separator,
                    sku: sku.clone(),
                });
            }
            if j > 0 {
                joined.push(',');
            }
            joined.push_str(sku);
        }
    }
    Ok(joined)
}

/// `from,to`, each as the docs' example writes timestamps: `2022-04-05 00:00:00`.
fn encode_slot(
    parameter: &'static str,
    (from, to): (NaiveDateTime, NaiveDateTime),
) -> Result<String, FindError> {
    if from > to {
        return Err(FindError::SlotOutOfOrder {
            parameter,
            from,
            to,
        });
    }
    let mut out = String::with_capacity(39);
    write_timestamp(&mut out, from);
    out.push(',');
    write_timestamp(&mut out, to);
    Ok(out)
}

fn write_timestamp(out: &mut String, at: NaiveDateTime) {
    let _ = write!(
        out,
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn slots_are_written_like_the_docs_example() {
        let day = NaiveDate::from_ymd_opt(2022, 4, 5).expect("date");
        let to = NaiveDate::from_ymd_opt(2022, 4, 11).expect("date");
        let slot = encode_slot(
            "acceptableDeliverySlots",
            (
                day.and_hms_milli_opt(0, 0, 0, 999).expect("time"),
                to.and_hms_opt(23, 59, 59).expect("time"),
            ),
        )
        .expect("in order");
        assert_eq!(slot, "2022-04-05 00:00:00,2022-04-11 23:59:59");
    }

    #[test]
    fn integers_are_written_in_decimal() {
        let mut buf = IntBuffer::default();
        for n in [0, 7, 10, 100_000, u64::MAX] {
            assert_eq!(buf.format(n), n.to_string());
        }
    }

    #[test]
    fn unit_and_address_codes_match_the_wire_enums() {
        for unit in [WeightUnit::Kg, WeightUnit::Lb] {
            assert_eq!(unit.code(), unit.wire().as_str());
        }
        for unit in [DimensionUnit::Cm, DimensionUnit::In] {
            assert_eq!(unit.code(), unit.wire().as_str());
        }
        for kind in [AddressKind::Business, AddressKind::Residential] {
            assert_eq!(kind.code(), kind.wire().as_str());
        }
    }

    #[test]
    fn sort_codes_match_the_wire_enum() {
        for order in [
            SortOrder::Lgg,
            SortOrder::Lsc,
            SortOrder::Lss,
            SortOrder::Lsd,
            SortOrder::Gas,
            SortOrder::Ggg,
            SortOrder::Gsc,
            SortOrder::Gss,
        ] {
            assert_eq!(order.code(), order.wire().as_str());
        }
    }
}
