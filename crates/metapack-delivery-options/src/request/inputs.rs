//! The inputs of a search: [`FindOptions`] and its parts, with their builders and wire codes.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use uuid::Uuid;

use crate::types::{self, OptionType};

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

    pub(super) fn wire(self) -> types::WeightUnit {
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

    pub(super) fn wire(self) -> types::DimensionsUnit {
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

    pub(super) fn wire(self) -> types::AddressType {
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

    pub(super) fn wire(self) -> types::SortType {
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
    pub(super) code: String,
    pub(super) postcode: Option<String>,
    pub(super) country: Option<String>,
    pub(super) lines: [Option<String>; 4],
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
    pub(super) country: String,
    pub(super) postcode: Option<String>,
    pub(super) coordinates: Option<(f64, f64)>,
    pub(super) address_type: Option<AddressKind>,
    pub(super) lines: [Option<String>; 4],
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
    pub(super) height: Option<f64>,
    pub(super) width: Option<f64>,
    pub(super) depth: Option<f64>,
    pub(super) weight: Option<f64>,
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
    pub(super) warehouse: Warehouse,
    pub(super) destination: Destination,
    pub(super) option_types: Option<Vec<OptionType>>,
    pub(super) multi_country: Option<bool>,
    pub(super) radius: Option<u32>,
    pub(super) min_own: Option<u32>,
    pub(super) max_own: Option<u32>,
    pub(super) limit: Option<u32>,
    pub(super) sort: Option<SortOrder>,
    pub(super) include_groups: Option<Vec<String>>,
    pub(super) exclude_groups: Option<Vec<String>>,
    pub(super) delivery_slot: Option<(NaiveDateTime, NaiveDateTime)>,
    pub(super) collection_slot: Option<(NaiveDateTime, NaiveDateTime)>,
    pub(super) skus: Option<Vec<Vec<String>>>,
    pub(super) parcels: Option<Vec<Parcel>>,
    pub(super) parcel_count: Option<u32>,
    pub(super) total_weight: Option<f64>,
    pub(super) heaviest_parcel_weight: Option<f64>,
    pub(super) largest_dimension: Option<u32>,
    pub(super) weight_unit: Option<WeightUnit>,
    pub(super) dimension_unit: Option<DimensionUnit>,
    pub(super) consignment_level_details: Option<bool>,
    pub(super) value: Option<(f64, String)>,
    pub(super) cash_on_delivery: Option<(f64, String)>,
    pub(super) hazmat_codes: Option<Vec<String>>,
    pub(super) custom: BTreeMap<u8, String>,
    pub(super) trace_id: Option<Uuid>,
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
}
