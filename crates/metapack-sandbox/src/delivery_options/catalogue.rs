//! The shipper account's configuration the Delivery Options API searches: carrier services
//! (HOME, PUDO and OWNSTORE), pick-up points and own stores, the postcodes it can locate, the
//! warehouses, and the clock.
//!
//! # Matching
//!
//! A service offers an option when every one of these holds:
//!
//! * its type is asked for (`optionType`, every type when omitted);
//! * it belongs to one of the `incgrp` groups (when sent) and to none of the `excgrp` groups
//!   (group codes compare without regard to ASCII case);
//! * the consignment fits its limits: at most [`max_parcels`] parcels, the heaviest at most
//!   [`max_parcel_weight`] kg, the largest dimension at most [`max_dimension`] cm (pounds and
//!   inches are converted; see [`FindQuery`](super::query::FindQuery) for how the parcels are
//!   read);
//! * it delivers to the country: `c_cc` for HOME, the location's country for PUDO and
//!   OWNSTORE ([`destination_countries`], any when empty);
//! * a collection day and a delivery day can be found (below).
//!
//! PUDO and OWNSTORE options are one per location and service: a location is served by every
//! service of its type, or by the ones it names ([`PickupLocation::services`]). Locations are
//! in the country `c_cc` or, with `multiCountry=true`, in a country bordering it (a built-in
//! table of land borders, e.g. GBR–IRL, NLD–BEL, NLD–DEU).
//!
//! # Where
//!
//! The search point is `c_lat`/`c_long`, else the location of `c_pc`: the catalogue's
//! postcode table ([`DeliveryOptionsCatalogue::postcode`]), then the postcodes of its
//! locations (compared without spaces or case). When PUDO or OWNSTORE options are asked for and
//! there is no point, the search answers 400. Distances are great-circle (haversine, on a
//! sphere of radius 6 371 000 m), rounded to whole metres, and reported as
//! `{"unit": "m", "value": ...}`; a location is within `radius` when that rounded distance is
//! at most `radius`. Pick-up points must be within the radius. Own stores are those within the
//! radius, nearest first; when fewer than `minown` are, the nearest ones beyond it are added
//! until there are `minown`; at most `maxown` (50 by default) are kept. Only locations with at
//! least one option count.
//!
//! # Days and windows
//!
//! As in the Shipping API's allocation: collection is searched from tomorrow (UTC, by the
//! catalogue's clock, [`DeliveryOptionsCatalogue::fixed_now`]) for 28 days, on the service's
//! [`collection_days`] within its [`collection_hours`], and must overlap
//! `acceptableCollectionSlots` when sent. Delivery is searched from the collection day plus
//! [`transit_days`] for 60 days, on its [`delivery_days`] within its [`delivery_hours`], on days
//! the store is open (for a location with `storeTimes`), and must overlap
//! `acceptableDeliverySlots` when sent. The windows reported are the service's, not narrowed to
//! the slots. Each service offers its first possible day only.
//!
//! # Costs and booking codes
//!
//! `shippingCost` is [`cost`] plus [`extra_parcel_cost`] for each parcel after the first,
//! rounded to cents; `shippingCharge` is [`charge`]. The booking code is
//! `SERVICE/YYYY-MM-DD/*-*/*-*` (service code, delivery date; the time parts are left open),
//! followed by `/STORE-ID` for PUDO and OWNSTORE options. A Shipping API consignment passing a
//! HOME option's booking code in `shippingRules.carrierServices` is allocated to that service
//! when the Shipping catalogue has it (the default catalogues share `SBXPOST48`, `SBXPOST24`
//! and `SBXEXPNDAY`).
//!
//! # Order
//!
//! | `r_t` | results |
//! |---|---|
//! | omitted | the platform's allocation order: prioritised services first, then the lowest `shippingCost`, the earliest collection (despatch), the earliest delivery |
//! | `lsc` | cheapest first: the lowest `shippingCost`, then the earliest delivery |
//! | `lsd`, `lss` | earliest delivery first (`delivery.from`), then the lowest `shippingCost` |
//! | `gsc` | by delivery day (earliest first), cheapest first within a day |
//! | `gas`, `gss` | by delivery day, earliest delivery first within a day |
//! | `lgg` | the cheapest option of each carrier service group, cheapest first; an option whose service is in several groups appears once per group, each time with `groupCodes` holding that one group |
//! | `ggg` | as `lgg`, per delivery day: by day, then cheapest |
//!
//! Ties go to the nearest location, then the service code, then the store id. `limit` keeps
//! the first results of that order.
//!
//! [`max_parcels`]: DeliveryService::max_parcels
//! [`max_parcel_weight`]: DeliveryService::max_parcel_weight
//! [`max_dimension`]: DeliveryService::max_dimension
//! [`destination_countries`]: DeliveryService::destination_countries
//! [`collection_days`]: DeliveryService::collection_days
//! [`collection_hours`]: DeliveryService::collection_hours
//! [`delivery_days`]: DeliveryService::delivery_days
//! [`delivery_hours`]: DeliveryService::delivery_hours
//! [`transit_days`]: DeliveryService::transit_days
//! [`cost`]: DeliveryService::cost
//! [`extra_parcel_cost`]: DeliveryService::extra_parcel_cost
//! [`charge`]: DeliveryService::charge

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};
use metapack_delivery_options::types::{
    DeliveryOption, Distance, OptionType, SortType, TimeWindow,
};

use super::query::{FindQuery, Parcels};
use crate::catalogue::{round_cents, serves};
use crate::schedule::{self, MONDAY_TO_SATURDAY, Timetable, WEEKDAYS, Window, hm};
use crate::server::FieldError;

/// The mean radius of the Earth used for distances, in metres.
const EARTH_RADIUS_M: f64 = 6_371_000.0;

/// `location` with these opening periods on weekdays, Saturdays and Sundays.
fn week(
    mut location: PickupLocation,
    weekdays: &[&str],
    saturday: &[&str],
    sunday: &[&str],
) -> PickupLocation {
    for day in WEEKDAYS {
        location = location.opening_times(day, weekdays.iter().copied());
    }
    location
        .opening_times(Weekday::Sat, saturday.iter().copied())
        .opening_times(Weekday::Sun, sunday.iter().copied())
}

/// Every day of the week, Monday first.
const EVERY_DAY: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Land borders between countries (three-letter ISO codes), for `multiCountry`; each pair
/// works both ways.
const BORDERS: &[(&str, &str)] = &[
    ("GBR", "IRL"),
    ("FRA", "BEL"),
    ("FRA", "LUX"),
    ("FRA", "DEU"),
    ("FRA", "CHE"),
    ("FRA", "ITA"),
    ("FRA", "ESP"),
    ("FRA", "AND"),
    ("FRA", "MCO"),
    ("BEL", "LUX"),
    ("BEL", "DEU"),
    ("BEL", "NLD"),
    ("NLD", "DEU"),
    ("DEU", "LUX"),
    ("DEU", "DNK"),
    ("DEU", "POL"),
    ("DEU", "CZE"),
    ("DEU", "AUT"),
    ("DEU", "CHE"),
    ("ESP", "PRT"),
    ("ESP", "AND"),
    ("ITA", "CHE"),
    ("ITA", "AUT"),
    ("ITA", "SVN"),
    ("ITA", "SMR"),
    ("ITA", "VAT"),
    ("CHE", "AUT"),
    ("CHE", "LIE"),
    ("AUT", "LIE"),
    ("AUT", "CZE"),
    ("AUT", "SVK"),
    ("AUT", "HUN"),
    ("AUT", "SVN"),
    ("POL", "CZE"),
    ("POL", "SVK"),
    ("POL", "LTU"),
    ("CZE", "SVK"),
    ("SVK", "HUN"),
    ("HUN", "SVN"),
    ("HUN", "HRV"),
    ("SVN", "HRV"),
    ("SWE", "NOR"),
    ("SWE", "FIN"),
    ("NOR", "FIN"),
    ("USA", "CAN"),
    ("USA", "MEX"),
];

/// The configuration of the emulated shipper account that `GET /find` searches: carrier
/// services of each delivery type, pick-up points (PUDO) and own click-and-collect stores, a
/// postcode table to locate `c_pc`, the warehouses (`wh_code`) and the clock.
///
/// [`DeliveryOptionsCatalogue::default`] is a small catalogue around London, with the
/// warehouses `WH-LONDON` and `WH-MANCHESTER` (any other `wh_code` answers 400) and the real
/// clock. Its services, all delivering to GBR and collecting Monday to Friday 09:00–17:00 UTC:
///
/// | service | type | carrier | groups | cost | charge | + per extra parcel | transit | delivers | window (UTC) | max kg / cm / parcels |
/// |---|---|---|---|---|---|---|---|---|---|---|
/// | `SBXPOST48` Sandbox Post 48 | HOME | `SBXPOST` Sandbox Post | STANDARD | 3.50 | 2.99 | 1.00 | 2 days | Mon–Sat | 08:00–18:00 | 20 / 120 / – |
/// | `SBXPOST24` Sandbox Post 24 | HOME | `SBXPOST` | NEXTDAY, STANDARD | 4.95 | 3.99 | 1.00 | 1 day | Mon–Sat | 08:00–18:00 | 20 / 120 / – |
/// | `SBXEXPNDAY` Sandbox Express Next Day | HOME | `SBXEXPRESS` Sandbox Express | NEXTDAY, EXPRESS | 7.95 | 6.99 | 2.50 | 1 day | Mon–Fri | 07:00–12:00 | 30 / 150 / – |
/// | `SBXPUDO` Sandbox Post Pick-up Point | PUDO | `SBXPOST` | PUDO | 2.95 | 1.99 | – | 2 days | Mon–Sat | 12:00–20:00 | 10 / 60 / 1 |
/// | `SBXCLICK` Click & Collect | OWNSTORE | `SBXSTORES` Sandbox Stores | CLICKCOLLECT | 1.50 | 0.00 | 0.50 | 1 day | Mon–Sat | 12:00–17:30 | 15 / 100 / 5 |
///
/// Its locations, with their distance from `EC1R 4PF` (51.5246, -0.1100), the default
/// warehouse postcode and a convenient search point:
///
/// | id | type | name | postcode | lat, long | distance |
/// |---|---|---|---|---|---|
/// | `PUDO-0001` | PUDO | Exmouth News | EC1R 4QE | 51.5262, -0.1093 | 184 m |
/// | `PUDO-0002` | PUDO | King's Cross Convenience | N1 9DX | 51.5310, -0.1200 | 992 m |
/// | `PUDO-0003` | PUDO | Borough Parcel Lockers | SE1 1TL | 51.5055, -0.0910 | 2498 m |
/// | `PUDO-0004` | PUDO | Camden High Street Pharmacy (closed on Sundays) | NW1 0NE | 51.5390, -0.1426 | 2766 m |
/// | `STORE-001` | OWNSTORE | Sandbox Store Farringdon | EC1M 6DR | 51.5203, -0.1053 | 578 m |
/// | `STORE-002` | OWNSTORE | Sandbox Store Covent Garden | WC2E 9LY | 51.5128, -0.1249 | 1669 m |
/// | `STORE-003` | OWNSTORE | Sandbox Store Stratford | E20 1EJ | 51.5430, -0.0065 | 7446 m |
///
/// Each has an address, a telephone number (Ofcom's drama range, `+44 20 7946 0xxx`), a
/// description, photo URLs (under the never-resolving `.invalid` domain) and opening times.
/// The postcode table also locates `EC1R 4PF`, `SW1A 1AA` and `M1 1AA` (Manchester, far from
/// every location).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use metapack_sandbox::{DeliveryOptionsCatalogue, DeliveryService, PickupLocation};
///
/// let catalogue = DeliveryOptionsCatalogue::default()
///     .fixed_now(Utc.with_ymd_and_hms(2030, 1, 7, 10, 0, 0).unwrap())
///     .service(
///         DeliveryService::home("SBXPOSTSAT", "Sandbox Post Saturday", "SBXPOST")
///             .cost(6.5)
///             .charge(5.0)
///             .group_codes(["WEEKEND"])
///             .delivery_days([chrono::Weekday::Sat]),
///     )
///     .location(
///         PickupLocation::pudo("PUDO-0005", "Angel Post Office", 51.5322, -0.1058)
///             .postcode("N1 9LQ")
///             .address("Angel Post Office, 160 Upper Street, London"),
///     );
/// assert_eq!(catalogue.services().len(), 6);
/// assert_eq!(catalogue.locate("n19lq"), Some((51.5322, -0.1058)));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DeliveryOptionsCatalogue {
    carriers: Vec<(String, String)>,
    services: Vec<DeliveryService>,
    locations: Vec<PickupLocation>,
    postcodes: Vec<(String, f64, f64)>,
    warehouses: Vec<String>,
    now: Option<DateTime<Utc>>,
}

impl Default for DeliveryOptionsCatalogue {
    fn default() -> Self {
        let photo = |id: &str| format!("https://photos.sandbox.invalid/locations/{id}.jpg");
        DeliveryOptionsCatalogue::empty()
            .warehouse("WH-LONDON")
            .warehouse("WH-MANCHESTER")
            .carrier("SBXPOST", "Sandbox Post")
            .carrier("SBXEXPRESS", "Sandbox Express")
            .carrier("SBXSTORES", "Sandbox Stores")
            .postcode("EC1R 4PF", 51.5246, -0.1100)
            .postcode("SW1A 1AA", 51.5010, -0.1416)
            .postcode("M1 1AA", 53.4808, -2.2426)
            .service(
                DeliveryService::home("SBXPOST48", "Sandbox Post 48", "SBXPOST")
                    .group_codes(["STANDARD"])
                    .cost(3.50)
                    .extra_parcel_cost(1.00)
                    .charge(2.99)
                    .destination_countries(["GBR"])
                    .transit_days(2)
                    .delivery_days(MONDAY_TO_SATURDAY)
                    .max_parcel_weight(20.0)
                    .max_dimension(120.0),
            )
            .service(
                DeliveryService::home("SBXPOST24", "Sandbox Post 24", "SBXPOST")
                    .group_codes(["NEXTDAY", "STANDARD"])
                    .cost(4.95)
                    .extra_parcel_cost(1.00)
                    .charge(3.99)
                    .destination_countries(["GBR"])
                    .transit_days(1)
                    .delivery_days(MONDAY_TO_SATURDAY)
                    .max_parcel_weight(20.0)
                    .max_dimension(120.0),
            )
            .service(
                DeliveryService::home("SBXEXPNDAY", "Sandbox Express Next Day", "SBXEXPRESS")
                    .group_codes(["NEXTDAY", "EXPRESS"])
                    .cost(7.95)
                    .extra_parcel_cost(2.50)
                    .charge(6.99)
                    .destination_countries(["GBR"])
                    .transit_days(1)
                    .delivery_hours(hm(7, 0), hm(12, 0))
                    .max_parcel_weight(30.0)
                    .max_dimension(150.0),
            )
            .service(
                DeliveryService::pudo("SBXPUDO", "Sandbox Post Pick-up Point", "SBXPOST")
                    .group_codes(["PUDO"])
                    .cost(2.95)
                    .charge(1.99)
                    .destination_countries(["GBR"])
                    .transit_days(2)
                    .delivery_days(MONDAY_TO_SATURDAY)
                    .delivery_hours(hm(12, 0), hm(20, 0))
                    .max_parcel_weight(10.0)
                    .max_dimension(60.0)
                    .max_parcels(1),
            )
            .service(
                DeliveryService::own_store("SBXCLICK", "Click & Collect", "SBXSTORES")
                    .group_codes(["CLICKCOLLECT"])
                    .cost(1.50)
                    .extra_parcel_cost(0.50)
                    .charge(0.00)
                    .destination_countries(["GBR"])
                    .transit_days(1)
                    .delivery_days(MONDAY_TO_SATURDAY)
                    .delivery_hours(hm(12, 0), hm(17, 30))
                    .max_parcel_weight(15.0)
                    .max_dimension(100.0)
                    .max_parcels(5),
            )
            .location(week(
                PickupLocation::pudo("PUDO-0001", "Exmouth News", 51.5262, -0.1093)
                    .address("Exmouth News, 12 Exmouth Market, London")
                    .postcode("EC1R 4QE")
                    .telephone("+44 20 7946 0101")
                    .description("Newsagent; parcels are kept behind the counter for 7 days.")
                    .photo_urls([photo("PUDO-0001")]),
                &["07:00-21:00"],
                &["07:00-21:00"],
                &["09:00-17:00"],
            ))
            .location(week(
                PickupLocation::pudo("PUDO-0002", "King's Cross Convenience", 51.5310, -0.1200)
                    .address("King's Cross Convenience, 5 Caledonian Road, London")
                    .postcode("N1 9DX")
                    .telephone("+44 20 7946 0102")
                    .description("Convenience store two minutes from King's Cross station.")
                    .photo_urls([photo("PUDO-0002")]),
                &["06:30-23:00"],
                &["08:00-22:00"],
                &["08:00-22:00"],
            ))
            .location(week(
                PickupLocation::pudo("PUDO-0003", "Borough Parcel Lockers", 51.5055, -0.0910)
                    .address("Borough Parcel Lockers, 8 Southwark Street, London")
                    .postcode("SE1 1TL")
                    .telephone("+44 20 7946 0103")
                    .description("Self-service lockers, open around the clock; a code is sent when the parcel arrives.")
                    .photo_urls([photo("PUDO-0003")]),
                &["00:00-24:00"],
                &["00:00-24:00"],
                &["00:00-24:00"],
            ))
            .location(week(
                PickupLocation::pudo("PUDO-0004", "Camden High Street Pharmacy", 51.5390, -0.1426)
                    .address("Camden High Street Pharmacy, 140 Camden High Street, London")
                    .postcode("NW1 0NE")
                    .telephone("+44 20 7946 0104")
                    .description("Pharmacy counter; closed on Sundays and at lunchtime on weekdays.")
                    .photo_urls([photo("PUDO-0004")]),
                &["09:00-13:00", "14:00-18:30"],
                &["09:00-17:00"],
                &[],
            ))
            .location(week(
                PickupLocation::own_store("STORE-001", "Sandbox Store Farringdon", 51.5203, -0.1053)
                    .address("Sandbox Store Farringdon, 40 Cowcross Street, London")
                    .postcode("EC1M 6DR")
                    .telephone("+44 20 7946 0201")
                    .description("Click & Collect desk on the ground floor.")
                    .photo_urls([photo("STORE-001")]),
                &["08:00-19:00"],
                &["09:00-18:00"],
                &["11:00-17:00"],
            ))
            .location(week(
                PickupLocation::own_store("STORE-002", "Sandbox Store Covent Garden", 51.5128, -0.1249)
                    .address("Sandbox Store Covent Garden, 25 Long Acre, London")
                    .postcode("WC2E 9LY")
                    .telephone("+44 20 7946 0202")
                    .description("Click & Collect desk on the first floor, next to the fitting rooms.")
                    .photo_urls([photo("STORE-002"), photo("STORE-002-inside")]),
                &["10:00-20:00"],
                &["10:00-20:00"],
                &["12:00-18:00"],
            ))
            .location(week(
                PickupLocation::own_store("STORE-003", "Sandbox Store Stratford", 51.5430, -0.0065)
                    .address("Sandbox Store Stratford, Westfield Stratford City, London")
                    .postcode("E20 1EJ")
                    .telephone("+44 20 7946 0203")
                    .description("Inside the shopping centre, lower ground floor.")
                    .photo_urls([photo("STORE-003")]),
                &["10:00-21:00"],
                &["10:00-21:00"],
                &["12:00-18:00"],
            ))
    }
}

impl DeliveryOptionsCatalogue {
    /// A catalogue without services, locations, postcodes or warehouses (any `wh_code` is
    /// then accepted), on the real clock: every search finds nothing until some are added.
    pub fn empty() -> Self {
        Self {
            carriers: Vec::new(),
            services: Vec::new(),
            locations: Vec::new(),
            postcodes: Vec::new(),
            warehouses: Vec::new(),
            now: None,
        }
    }

    /// Names a carrier (used in `fullName`), replacing the name it had.
    pub fn carrier(mut self, code: impl Into<String>, name: impl Into<String>) -> Self {
        let (code, name) = (code.into(), name.into());
        match self.carriers.iter_mut().find(|(c, _)| *c == code) {
            Some(existing) => existing.1 = name,
            None => self.carriers.push((code, name)),
        }
        self
    }

    /// Adds a carrier service, replacing the one with the same code.
    pub fn service(mut self, service: DeliveryService) -> Self {
        match self.services.iter_mut().find(|s| s.code == service.code) {
            Some(existing) => *existing = service,
            None => self.services.push(service),
        }
        self
    }

    /// Removes the carrier service with this code, if there is one.
    pub fn without_service(mut self, code: &str) -> Self {
        self.services.retain(|s| s.code != code);
        self
    }

    /// Adds a pick-up point or own store, replacing the one with the same id.
    pub fn location(mut self, location: PickupLocation) -> Self {
        match self.locations.iter_mut().find(|l| l.id == location.id) {
            Some(existing) => *existing = location,
            None => self.locations.push(location),
        }
        self
    }

    /// Removes the pick-up point or own store with this id, if there is one.
    pub fn without_location(mut self, id: &str) -> Self {
        self.locations.retain(|l| l.id != id);
        self
    }

    /// Locates a postcode for `c_pc` searches (replacing its coordinates if it had some).
    /// Postcodes compare without spaces or case.
    pub fn postcode(mut self, postcode: impl Into<String>, lat: f64, long: f64) -> Self {
        let postcode = postcode.into();
        let key = normalize_postcode(&postcode);
        match self
            .postcodes
            .iter_mut()
            .find(|(p, _, _)| normalize_postcode(p) == key)
        {
            Some(existing) => *existing = (postcode, lat, long),
            None => self.postcodes.push((postcode, lat, long)),
        }
        self
    }

    /// Adds a warehouse code accepted as `wh_code`. While there are none, any code is.
    pub fn warehouse(mut self, code: impl Into<String>) -> Self {
        let code = code.into();
        if !self.warehouses.contains(&code) {
            self.warehouses.push(code);
        }
        self
    }

    /// Freezes the clock at `now`: collection and delivery windows are computed from it, and
    /// the response header's `requestDate` and `responseDate` are `now`, so identical
    /// requests (with the same `traceId`) get byte-identical answers.
    pub fn fixed_now(mut self, now: DateTime<Utc>) -> Self {
        self.now = Some(now);
        self
    }

    /// The carrier services, in the order they were added.
    pub fn services(&self) -> &[DeliveryService] {
        &self.services
    }

    /// The pick-up points and own stores, in the order they were added.
    pub fn locations(&self) -> &[PickupLocation] {
        &self.locations
    }

    /// The accepted warehouse codes (any code when empty).
    pub fn warehouses(&self) -> &[String] {
        &self.warehouses
    }

    /// The name of a carrier, when it was named.
    pub fn carrier_name(&self, code: &str) -> Option<&str> {
        self.carriers
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, name)| name.as_str())
    }

    /// The clock: the fixed instant ([`fixed_now`](Self::fixed_now)), else the current time.
    pub fn now(&self) -> DateTime<Utc> {
        self.now.unwrap_or_else(Utc::now)
    }

    /// The `(lat, long)` of a postcode: from the postcode table, else from the locations'
    /// postcodes (compared without spaces or case).
    pub fn locate(&self, postcode: &str) -> Option<(f64, f64)> {
        let key = normalize_postcode(postcode);
        if key.is_empty() {
            return None;
        }
        let listed = self
            .postcodes
            .iter()
            .find(|(p, _, _)| normalize_postcode(p) == key)
            .map(|(_, lat, long)| (*lat, *long));
        listed.or_else(|| {
            self.locations
                .iter()
                .find(|l| l.postcode.as_deref().map(normalize_postcode) == Some(key.clone()))
                .map(|l| (l.lat, l.long))
        })
    }

    /// The full name of a service: its own, else its carrier's name and its name (just its
    /// name when that already starts with the carrier's).
    fn full_name(&self, service: &DeliveryService) -> String {
        if let Some(full_name) = &service.full_name {
            return full_name.clone();
        }
        match self.carrier_name(&service.carrier_code) {
            Some(carrier) if !service.name.starts_with(carrier) => {
                format!("{carrier} {}", service.name)
            }
            _ => service.name.clone(),
        }
    }

    /// The delivery options of `query`, searched at `now`, in the order it asks for.
    pub(crate) fn find(
        &self,
        query: &FindQuery,
        now: DateTime<Utc>,
    ) -> Result<Vec<DeliveryOption>, FieldError> {
        if !self.warehouses.is_empty() && !self.warehouses.contains(&query.warehouse) {
            return Err(FieldError::new(
                "wh_code",
                format!(
                    "{:?} is not a warehouse of the shipper account (known: {})",
                    query.warehouse,
                    self.warehouses.join(", ")
                ),
            ));
        }
        let wants_locations = query.wants(&OptionType::Pudo) || query.wants(&OptionType::Ownstore);
        let point = match (query.coordinates, query.postcode.as_deref()) {
            (Some(point), _) => Some(point),
            (None, Some(postcode)) => self.locate(postcode),
            (None, None) => None,
        };
        let point = match point {
            Some(point) => Some(point),
            None if wants_locations => {
                let postcode = query.postcode.as_deref().unwrap_or_default();
                return Err(FieldError::new(
                    "c_lat",
                    format!(
                        "coordinates are needed for the PUDO and OWNSTORE search and the sandbox cannot locate postcode {postcode:?}: send c_lat and c_long, or ask for optionType=HOME only"
                    ),
                ));
            }
            None => None,
        };
        let Some(first_day) = now.date_naive().checked_add_days(Days::new(1)) else {
            return Ok(Vec::new());
        };
        let services: Vec<&DeliveryService> = self
            .services
            .iter()
            .filter(|s| query.wants(&s.option_type))
            .filter(|s| in_groups(s, query))
            .filter(|s| s.fits(&query.parcels))
            .collect();
        let search = Search {
            catalogue: self,
            query,
            first_day,
        };

        let mut candidates: Vec<Candidate> = Vec::new();
        for service in services
            .iter()
            .filter(|s| s.option_type == OptionType::Home)
        {
            if serves(&service.destination_countries, &query.country)
                && let Some(candidate) = search.candidate(service, None)
            {
                candidates.push(candidate);
            }
        }
        if let Some(point) = point {
            for option_type in [OptionType::Pudo, OptionType::Ownstore] {
                if query.wants(&option_type) {
                    candidates.extend(search.at_locations(&services, &option_type, point));
                }
            }
        }
        let mut results = order(candidates, query.sort.as_ref());
        if let Some(limit) = query.limit {
            results.truncate(limit);
        }
        Ok(results.into_iter().map(|c| c.option).collect())
    }
}

/// One search over the catalogue.
struct Search<'a> {
    catalogue: &'a DeliveryOptionsCatalogue,
    query: &'a FindQuery,
    first_day: NaiveDate,
}

impl Search<'_> {
    /// The options at the locations of `option_type` around `point`: pick-up points within
    /// the radius; own stores within it, or beyond it up to `minown`, at most `maxown`.
    fn at_locations(
        &self,
        services: &[&DeliveryService],
        option_type: &OptionType,
        point: (f64, f64),
    ) -> Vec<Candidate> {
        let query = self.query;
        let mut nearby: Vec<(f64, Vec<Candidate>)> = self
            .catalogue
            .locations
            .iter()
            .filter(|l| l.option_type == *option_type)
            .filter(|l| {
                l.country_code.eq_ignore_ascii_case(&query.country)
                    || (query.multi_country && borders(&query.country, &l.country_code))
            })
            .filter_map(|location| {
                let distance = distance_m(point, (location.lat, location.long)).round();
                let options: Vec<Candidate> = services
                    .iter()
                    .filter(|s| s.option_type == *option_type && location.served_by(s))
                    .filter_map(|s| self.candidate(s, Some((location, distance))))
                    .collect();
                (!options.is_empty()).then_some((distance, options))
            })
            .collect();
        nearby.sort_by(|a, b| a.0.total_cmp(&b.0));
        let radius = f64::from(query.radius);
        let within = nearby.iter().filter(|(d, _)| *d <= radius).count();
        let keep = if *option_type == OptionType::Ownstore {
            let min_own = query.min_own.map_or(0, |m| m as usize);
            within.max(min_own).min(query.max_own as usize)
        } else {
            within
        };
        nearby
            .into_iter()
            .take(keep)
            .flat_map(|(_, options)| options)
            .collect()
    }

    /// The option `service` offers (at `location`, at that distance), if it can be scheduled.
    fn candidate(
        &self,
        service: &DeliveryService,
        location: Option<(&PickupLocation, f64)>,
    ) -> Option<Candidate> {
        let query = self.query;
        let country = match location {
            Some((location, _)) => {
                if !serves(&service.destination_countries, &location.country_code) {
                    return None;
                }
                location.country_code.to_ascii_uppercase()
            }
            None => query.country.clone(),
        };
        let timetable = Timetable {
            collection_days: &service.collection_days,
            collection_hours: service.collection_hours,
            delivery_days: &service.delivery_days,
            delivery_hours: service.delivery_hours,
            transit_days: service.transit_days,
        };
        let within = |window: Window, slot: Option<&super::query::Slot>| match slot {
            None => Some(window),
            Some(slot) => schedule::overlap(window, Some(slot.from), slot.to).map(|_| window),
        };
        let (collection, delivery) = timetable.first_windows(
            self.first_day,
            |window| within(window, query.collection_slot.as_ref()),
            |window| {
                if let Some((location, _)) = location
                    && !location.is_open_on(window.0.weekday())
                {
                    return None;
                }
                within(window, query.delivery_slot.as_ref())
            },
        )?;
        let extra_parcels = f64::from(query.parcels.count.saturating_sub(1));
        let cost = round_cents(service.cost + service.extra_parcel_cost * extra_parcels);
        let date = delivery.0.format("%Y-%m-%d");
        let mut booking_code = format!("{}/{date}/*-*/*-*", service.code);
        let time_window = |(from, to): Window| TimeWindow {
            from: Some(from),
            to: Some(to),
        };
        let mut option = DeliveryOption {
            option_type: Some(service.option_type.clone()),
            carrier_service_code: Some(service.code.clone()),
            carrier_service_name: Some(service.name.clone()),
            carrier_code: Some(service.carrier_code.clone()),
            full_name: Some(self.catalogue.full_name(service)),
            group_codes: Some(service.group_codes.clone()),
            shipping_cost: Some(cost),
            shipping_charge: Some(round_cents(service.charge)),
            delivery: Some(time_window(delivery)),
            collection: Some(time_window(collection)),
            country_code: Some(country),
            ..DeliveryOption::default()
        };
        let mut distance = None;
        let mut store_id = None;
        if let Some((location, metres)) = location {
            booking_code.push('/');
            booking_code.push_str(&location.id);
            distance = Some(metres);
            store_id = Some(location.id.clone());
            option.store_id = Some(location.id.clone());
            option.store_name = Some(location.name.clone());
            option.address = location.address.clone();
            option.postcode = location.postcode.clone();
            option.lat = Some(location.lat);
            option.long = Some(location.long);
            option.distance = Some(Distance {
                unit: Some("m".to_owned()),
                value: Some(metres),
            });
            option.telephone_number = location.telephone.clone();
            option.description = location.description.clone();
            option.photo_urls = Some(location.photo_urls.clone());
            option.store_times = location
                .store_times
                .iter()
                .map(|(day, periods)| (day.clone(), periods.clone()))
                .collect::<HashMap<_, _>>();
        }
        option.booking_code = Some(booking_code);
        Some(Candidate {
            option,
            prioritised: service.prioritised,
            cost,
            collection,
            delivery,
            distance,
            service_code: service.code.clone(),
            store_id,
        })
    }
}

/// An option found, with what ordering looks at.
#[derive(Clone, Debug)]
struct Candidate {
    option: DeliveryOption,
    prioritised: bool,
    cost: f64,
    collection: Window,
    delivery: Window,
    distance: Option<f64>,
    service_code: String,
    store_id: Option<String>,
}

impl Candidate {
    /// The tie-breaks of every order: nearest, then service code, then store id.
    fn tie_break(&self, other: &Self) -> Ordering {
        let distance = |c: &Self| c.distance.unwrap_or(0.0);
        distance(self)
            .total_cmp(&distance(other))
            .then_with(|| self.service_code.cmp(&other.service_code))
            .then_with(|| self.store_id.cmp(&other.store_id))
    }

    fn cheaper(&self, other: &Self) -> Ordering {
        self.cost.total_cmp(&other.cost)
    }

    fn earlier(&self, other: &Self) -> Ordering {
        self.delivery.0.cmp(&other.delivery.0)
    }

    fn day(&self) -> NaiveDate {
        self.delivery.0.date_naive()
    }
}

/// `candidates` in the order `sort` (`r_t`) asks for; see the module docs.
fn order(mut candidates: Vec<Candidate>, sort: Option<&SortType>) -> Vec<Candidate> {
    let allocation = |a: &Candidate, b: &Candidate| {
        b.prioritised
            .cmp(&a.prioritised)
            .then_with(|| a.cheaper(b))
            .then_with(|| a.collection.0.cmp(&b.collection.0))
            .then_with(|| a.earlier(b))
            .then_with(|| a.tie_break(b))
    };
    let cheapest = |a: &Candidate, b: &Candidate| {
        a.cheaper(b)
            .then_with(|| a.earlier(b))
            .then_with(|| a.tie_break(b))
    };
    let earliest = |a: &Candidate, b: &Candidate| {
        a.earlier(b)
            .then_with(|| a.cheaper(b))
            .then_with(|| a.tie_break(b))
    };
    match sort {
        None => candidates.sort_by(allocation),
        Some(SortType::Lsc) => candidates.sort_by(cheapest),
        Some(SortType::Lsd | SortType::Lss) => candidates.sort_by(earliest),
        Some(SortType::Gsc) => {
            candidates.sort_by(|a, b| a.day().cmp(&b.day()).then_with(|| cheapest(a, b)));
        }
        Some(SortType::Gas | SortType::Gss) => {
            candidates.sort_by(|a, b| a.day().cmp(&b.day()).then_with(|| earliest(a, b)));
        }
        Some(SortType::Lgg) => return by_group(candidates, false),
        Some(SortType::Ggg) => return by_group(candidates, true),
        Some(_) => candidates.sort_by(allocation),
    }
    candidates
}

/// The cheapest option of each group (of each group and delivery day when `per_day`), each
/// with `groupCodes` holding that one group; cheapest first (by day first when `per_day`).
fn by_group(mut candidates: Vec<Candidate>, per_day: bool) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        a.cheaper(b)
            .then_with(|| a.earlier(b))
            .then_with(|| a.tie_break(b))
    });
    let mut best: Vec<(Option<NaiveDate>, String, Candidate)> = Vec::new();
    for candidate in &candidates {
        let day = per_day.then(|| candidate.day());
        for group in candidate.option.group_codes.iter().flatten() {
            if best.iter().any(|(d, g, _)| *d == day && g == group) {
                continue;
            }
            let mut grouped = candidate.clone();
            grouped.option.group_codes = Some(vec![group.clone()]);
            best.push((day, group.clone(), grouped));
        }
    }
    best.sort_by(|(day_a, group_a, a), (day_b, group_b, b)| {
        day_a
            .cmp(day_b)
            .then_with(|| a.cheaper(b))
            .then_with(|| a.earlier(b))
            .then_with(|| group_a.cmp(group_b))
            .then_with(|| a.tie_break(b))
    });
    best.into_iter().map(|(_, _, c)| c).collect()
}

/// Whether `service` passes `incgrp` and `excgrp`.
fn in_groups(service: &DeliveryService, query: &FindQuery) -> bool {
    let member = |groups: &[String]| {
        service
            .group_codes
            .iter()
            .any(|g| groups.iter().any(|wanted| wanted.eq_ignore_ascii_case(g)))
    };
    (query.include_groups.is_empty() || member(&query.include_groups))
        && !member(&query.exclude_groups)
}

/// Whether two countries share a land border ([`BORDERS`]).
fn borders(a: &str, b: &str) -> bool {
    BORDERS.iter().any(|(x, y)| {
        (x.eq_ignore_ascii_case(a) && y.eq_ignore_ascii_case(b))
            || (x.eq_ignore_ascii_case(b) && y.eq_ignore_ascii_case(a))
    })
}

/// The great-circle distance between two `(lat, long)` points, in metres (haversine).
pub(crate) fn distance_m((lat1, long1): (f64, f64), (lat2, long2): (f64, f64)) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let d_phi = (lat2 - lat1).to_radians();
    let d_lambda = (long2 - long1).to_radians();
    let h = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// A postcode without spaces, upper-cased.
fn normalize_postcode(postcode: &str) -> String {
    postcode
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The lower-case English name of a day, as `storeTimes` keys it.
fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// A carrier service of the catalogue, of one delivery type: who runs it, what it costs and
/// charges, where and when it delivers, and what it can carry. Built with
/// [`DeliveryService::home`], [`pudo`](DeliveryService::pudo) or
/// [`own_store`](DeliveryService::own_store) and the setters below.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeliveryService {
    /// HOME, PUDO or OWNSTORE.
    pub option_type: OptionType,
    /// Metapack code of the carrier service, such as `SBXPOST24`; the booking code starts
    /// with it.
    pub code: String,
    /// Name of the carrier service (`carrierServiceName`).
    pub name: String,
    /// Code of the carrier running it (`carrierCode`).
    pub carrier_code: String,
    /// `fullName`; by default the carrier's name and the service's name.
    pub full_name: Option<String>,
    /// Carrier service groups it belongs to (`groupCodes`, `incgrp`, `excgrp`, `lgg`).
    pub group_codes: Vec<String>,
    /// What the shipper pays the carrier for one parcel (`shippingCost`); 0 by default.
    pub cost: f64,
    /// Cost added for each parcel after the first; 0 by default.
    pub extra_parcel_cost: f64,
    /// What the shopper is charged (`shippingCharge`); 0 by default.
    pub charge: f64,
    /// Three-letter country codes it delivers to (the address for HOME, the location for PUDO
    /// and OWNSTORE); every country when empty (the default).
    pub destination_countries: Vec<String>,
    /// Days it collects from the warehouse; Monday to Friday by default.
    pub collection_days: Vec<Weekday>,
    /// When it collects on those days (UTC); 09:00–17:00 by default.
    pub collection_hours: (NaiveTime, NaiveTime),
    /// Days it delivers; Monday to Friday by default.
    pub delivery_days: Vec<Weekday>,
    /// When it delivers on those days (UTC), or when the parcel is ready at a location;
    /// 08:00–18:00 by default.
    pub delivery_hours: (NaiveTime, NaiveTime),
    /// Days from collection to the earliest delivery; 1 by default.
    pub transit_days: u32,
    /// Heaviest parcel accepted, in kg; no limit by default.
    pub max_parcel_weight: Option<f64>,
    /// Largest parcel dimension accepted, in cm; no limit by default.
    pub max_dimension: Option<f64>,
    /// Most parcels per consignment; no limit by default.
    pub max_parcels: Option<u32>,
    /// Whether an allocation rule prioritises it: it then comes first in the default order.
    pub prioritised: bool,
}

impl DeliveryService {
    /// A service of this type; see the field docs for the defaults.
    pub fn new(
        option_type: OptionType,
        code: impl Into<String>,
        name: impl Into<String>,
        carrier_code: impl Into<String>,
    ) -> Self {
        Self {
            option_type,
            code: code.into(),
            name: name.into(),
            carrier_code: carrier_code.into(),
            full_name: None,
            group_codes: Vec::new(),
            cost: 0.0,
            extra_parcel_cost: 0.0,
            charge: 0.0,
            destination_countries: Vec::new(),
            collection_days: WEEKDAYS.to_vec(),
            collection_hours: (hm(9, 0), hm(17, 0)),
            delivery_days: WEEKDAYS.to_vec(),
            delivery_hours: (hm(8, 0), hm(18, 0)),
            transit_days: 1,
            max_parcel_weight: None,
            max_dimension: None,
            max_parcels: None,
            prioritised: false,
        }
    }

    /// A home delivery service.
    pub fn home(
        code: impl Into<String>,
        name: impl Into<String>,
        carrier_code: impl Into<String>,
    ) -> Self {
        Self::new(OptionType::Home, code, name, carrier_code)
    }

    /// A pick-up point service: it delivers to the catalogue's PUDO locations.
    pub fn pudo(
        code: impl Into<String>,
        name: impl Into<String>,
        carrier_code: impl Into<String>,
    ) -> Self {
        Self::new(OptionType::Pudo, code, name, carrier_code)
    }

    /// A click-and-collect service: it delivers to the catalogue's own stores.
    pub fn own_store(
        code: impl Into<String>,
        name: impl Into<String>,
        carrier_code: impl Into<String>,
    ) -> Self {
        Self::new(OptionType::Ownstore, code, name, carrier_code)
    }

    /// Sets `fullName`.
    pub fn full_name(mut self, full_name: impl Into<String>) -> Self {
        self.full_name = Some(full_name.into());
        self
    }

    /// Sets the carrier service groups.
    pub fn group_codes<I, S>(mut self, groups: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.group_codes = groups.into_iter().map(Into::into).collect();
        self
    }

    /// Sets what the shipper pays the carrier for one parcel.
    pub fn cost(mut self, cost: f64) -> Self {
        self.cost = cost;
        self
    }

    /// Sets the cost added for each parcel after the first.
    pub fn extra_parcel_cost(mut self, cost: f64) -> Self {
        self.extra_parcel_cost = cost;
        self
    }

    /// Sets what the shopper is charged.
    pub fn charge(mut self, charge: f64) -> Self {
        self.charge = charge;
        self
    }

    /// Sets the three-letter country codes delivered to (every one when empty).
    pub fn destination_countries<I, S>(mut self, countries: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.destination_countries = countries.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the days it collects from the warehouse.
    pub fn collection_days(mut self, days: impl IntoIterator<Item = Weekday>) -> Self {
        self.collection_days = days.into_iter().collect();
        self
    }

    /// Sets when it collects (UTC).
    pub fn collection_hours(mut self, from: NaiveTime, to: NaiveTime) -> Self {
        self.collection_hours = (from, to);
        self
    }

    /// Sets the days it delivers.
    pub fn delivery_days(mut self, days: impl IntoIterator<Item = Weekday>) -> Self {
        self.delivery_days = days.into_iter().collect();
        self
    }

    /// Sets when it delivers, or when the parcel is ready at a location (UTC).
    pub fn delivery_hours(mut self, from: NaiveTime, to: NaiveTime) -> Self {
        self.delivery_hours = (from, to);
        self
    }

    /// Sets the days from collection to the earliest delivery.
    pub fn transit_days(mut self, days: u32) -> Self {
        self.transit_days = days;
        self
    }

    /// Sets the heaviest parcel accepted, in kg.
    pub fn max_parcel_weight(mut self, kg: f64) -> Self {
        self.max_parcel_weight = Some(kg);
        self
    }

    /// Sets the largest parcel dimension accepted, in cm.
    pub fn max_dimension(mut self, cm: f64) -> Self {
        self.max_dimension = Some(cm);
        self
    }

    /// Sets the most parcels per consignment.
    pub fn max_parcels(mut self, parcels: u32) -> Self {
        self.max_parcels = Some(parcels);
        self
    }

    /// Sets whether an allocation rule prioritises it.
    pub fn prioritised(mut self, prioritised: bool) -> Self {
        self.prioritised = prioritised;
        self
    }

    /// Whether the consignment fits its limits.
    fn fits(&self, parcels: &Parcels) -> bool {
        let tolerance = 1e-9;
        self.max_parcels.is_none_or(|max| parcels.count <= max)
            && self
                .max_parcel_weight
                .is_none_or(|max| parcels.heaviest_kg <= max + tolerance)
            && match (self.max_dimension, parcels.largest_cm) {
                (Some(max), Some(largest)) => largest <= max + tolerance,
                _ => true,
            }
    }
}

/// A pick-up point (PUDO) or one of the shipper's own stores (OWNSTORE), where the shopper
/// collects the parcel. Built with [`PickupLocation::pudo`] or
/// [`own_store`](PickupLocation::own_store) and the setters below.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PickupLocation {
    /// PUDO or OWNSTORE.
    pub option_type: OptionType,
    /// `storeId`, also the last part of its options' booking codes.
    pub id: String,
    /// `storeName`.
    pub name: String,
    /// `address`, one comma-separated string.
    pub address: Option<String>,
    /// `postcode`; `c_pc` searches can also locate it.
    pub postcode: Option<String>,
    /// Three-letter country code (`countryCode`); GBR by default.
    pub country_code: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub long: f64,
    /// `telephoneNumber`.
    pub telephone: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `photoUrls`.
    pub photo_urls: Vec<String>,
    /// `storeTimes`: lower-case English day names to `HH:MM-HH:MM` periods. When it has any
    /// day, parcels are only delivered on the days it lists with at least one period.
    pub store_times: BTreeMap<String, Vec<String>>,
    /// Codes of the services delivering here; every service of its type when empty (the
    /// default).
    pub services: Vec<String>,
}

impl PickupLocation {
    /// A location of this type at `lat`, `long`, in GBR.
    pub fn new(
        option_type: OptionType,
        id: impl Into<String>,
        name: impl Into<String>,
        lat: f64,
        long: f64,
    ) -> Self {
        Self {
            option_type,
            id: id.into(),
            name: name.into(),
            address: None,
            postcode: None,
            country_code: "GBR".to_owned(),
            lat,
            long,
            telephone: None,
            description: None,
            photo_urls: Vec::new(),
            store_times: BTreeMap::new(),
            services: Vec::new(),
        }
    }

    /// A carrier's pick-up and drop-off point.
    pub fn pudo(id: impl Into<String>, name: impl Into<String>, lat: f64, long: f64) -> Self {
        Self::new(OptionType::Pudo, id, name, lat, long)
    }

    /// One of the shipper's own click-and-collect stores.
    pub fn own_store(id: impl Into<String>, name: impl Into<String>, lat: f64, long: f64) -> Self {
        Self::new(OptionType::Ownstore, id, name, lat, long)
    }

    /// Sets the address.
    pub fn address(mut self, address: impl Into<String>) -> Self {
        self.address = Some(address.into());
        self
    }

    /// Sets the postcode.
    pub fn postcode(mut self, postcode: impl Into<String>) -> Self {
        self.postcode = Some(postcode.into());
        self
    }

    /// Sets the three-letter country code.
    pub fn country_code(mut self, country_code: impl Into<String>) -> Self {
        self.country_code = country_code.into();
        self
    }

    /// Sets the telephone number.
    pub fn telephone(mut self, telephone: impl Into<String>) -> Self {
        self.telephone = Some(telephone.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the photo URLs.
    pub fn photo_urls<I, S>(mut self, urls: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.photo_urls = urls.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the opening periods (`HH:MM-HH:MM`) of one day; none means closed that day.
    pub fn opening_times<I, S>(mut self, day: Weekday, periods: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let periods: Vec<String> = periods.into_iter().map(Into::into).collect();
        let day = day_name(day).to_owned();
        if periods.is_empty() {
            self.store_times.remove(&day);
        } else {
            self.store_times.insert(day, periods);
        }
        self
    }

    /// Sets the same opening periods every day of the week.
    pub fn open_every_day<I, S>(mut self, periods: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let periods: Vec<String> = periods.into_iter().map(Into::into).collect();
        for day in EVERY_DAY {
            self = self.opening_times(day, periods.clone());
        }
        self
    }

    /// Sets the codes of the services delivering here (every service of its type when empty).
    pub fn services<I, S>(mut self, codes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.services = codes.into_iter().map(Into::into).collect();
        self
    }

    /// Whether `service` delivers here.
    fn served_by(&self, service: &DeliveryService) -> bool {
        self.services.is_empty() || self.services.contains(&service.code)
    }

    /// Whether the location takes parcels on `day`: always when it has no `storeTimes`.
    fn is_open_on(&self, day: Weekday) -> bool {
        self.store_times.is_empty()
            || self.store_times.iter().any(|(name, periods)| {
                name.eq_ignore_ascii_case(day_name(day)) && !periods.is_empty()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_distances_match_the_docs() {
        let catalogue = DeliveryOptionsCatalogue::default();
        let centre = catalogue.locate("ec1r4pf").unwrap_or_default();
        let distances: Vec<(String, f64)> = catalogue
            .locations()
            .iter()
            .map(|l| (l.id.clone(), distance_m(centre, (l.lat, l.long)).round()))
            .collect();
        let expected = [
            ("PUDO-0001", 184.0),
            ("PUDO-0002", 992.0),
            ("PUDO-0003", 2498.0),
            ("PUDO-0004", 2766.0),
            ("STORE-001", 578.0),
            ("STORE-002", 1669.0),
            ("STORE-003", 7446.0),
        ];
        for ((id, distance), (want_id, want)) in distances.iter().zip(expected) {
            assert_eq!(id, want_id);
            assert_eq!(*distance, want, "{id}");
        }
    }

    #[test]
    fn postcodes_are_found_in_the_table_then_in_locations() {
        let catalogue = DeliveryOptionsCatalogue::default();
        assert_eq!(catalogue.locate(" sw1a 1aa "), Some((51.5010, -0.1416)));
        assert_eq!(catalogue.locate("N1 9DX"), Some((51.5310, -0.1200)));
        assert_eq!(catalogue.locate("ZZ9 9ZZ"), None);
        assert_eq!(catalogue.locate(""), None);
    }

    #[test]
    fn borders_work_both_ways() {
        assert!(borders("GBR", "irl"));
        assert!(borders("IRL", "GBR"));
        assert!(!borders("GBR", "FRA"));
    }

    #[test]
    fn full_names() {
        let catalogue = DeliveryOptionsCatalogue::default();
        let names: Vec<String> = catalogue
            .services()
            .iter()
            .map(|s| catalogue.full_name(s))
            .collect();
        assert_eq!(
            names,
            [
                "Sandbox Post 48",
                "Sandbox Post 24",
                "Sandbox Express Next Day",
                "Sandbox Post Pick-up Point",
                "Sandbox Stores Click & Collect",
            ]
        );
    }

    #[test]
    fn closed_days() {
        let camden = DeliveryOptionsCatalogue::default()
            .locations()
            .iter()
            .find(|l| l.id == "PUDO-0004")
            .cloned()
            .unwrap_or_else(|| panic!("PUDO-0004"));
        assert!(camden.is_open_on(Weekday::Sat));
        assert!(!camden.is_open_on(Weekday::Sun));
        let anywhere = PickupLocation::pudo("X", "X", 0.0, 0.0);
        assert!(anywhere.is_open_on(Weekday::Sun));
    }
}
