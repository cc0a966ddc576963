//! The shipper account's setup data the Shipping API allocates against: carriers, their
//! services (with costs, countries, days and limits) and shipping locations (warehouses).
//!
//! # Matching
//!
//! A service can deliver a consignment when every one of these holds:
//!
//! * the shipping rules' `carrierServices`, when given and not empty, name its code (a
//!   Delivery Options booking code `CODE/date/...` names the code before the first `/`);
//! * the recipient's `countryCode` is one of its [`destination_countries`] (any country when
//!   that list is empty; a consignment without a recipient country matches no service);
//! * the sender's `code`, when given, is a catalogue shipping location, and one the service
//!   collects from ([`shipping_locations`], any when empty);
//! * the sender's country (the sender's `countryCode`, else its location's country) is one of
//!   its [`origin_countries`] (any when empty);
//! * every parcel weighs at most its [`max_parcel_weight`], when it has one;
//! * a collection day and a delivery day can be found (below).
//!
//! # Days and windows
//!
//! Collection is searched from tomorrow (UTC) on, for 28 days: a day the service collects on
//! ([`collection_days`]) and that the rules' `collectionDays` accept, whose window
//! (09:00–17:00 UTC) overlaps one of the rules' acceptable `collectionSlots` (when any are
//! given; the window is then narrowed to the overlap) and overlaps none of the unacceptable
//! ones. Delivery is searched the same way from the collection day plus [`transit_days`], for
//! 60 days, with the service's [`delivery_days`], the rules' `deliveryDays` and
//! `deliverySlots`, and a 08:00–18:00 UTC window. `cutoffDateTime` is the end of the
//! collection window.
//!
//! In `collectionDays`/`deliveryDays`, the days set to `true` are the acceptable ones; when
//! none is `true`, every day not set to `false` is acceptable. The rules' `code` (a predefined
//! allocation rule) is not emulated and is ignored.
//!
//! # Costs
//!
//! A service costs [`cost`] for the first parcel plus [`extra_parcel_cost`] for each other
//! parcel, in its [`currency`], rounded to cents, and is reported in `shippingCosts` under
//! `shippingCost`. Rates list matching services cheapest first (ties by service code);
//! allocation picks the first.
//!
//! [`destination_countries`]: CatalogueService::destination_countries
//! [`origin_countries`]: CatalogueService::origin_countries
//! [`shipping_locations`]: CatalogueService::shipping_locations
//! [`max_parcel_weight`]: CatalogueService::max_parcel_weight
//! [`collection_days`]: CatalogueService::collection_days
//! [`delivery_days`]: CatalogueService::delivery_days
//! [`transit_days`]: CatalogueService::transit_days
//! [`cost`]: CatalogueService::cost
//! [`extra_parcel_cost`]: CatalogueService::extra_parcel_cost
//! [`currency`]: CatalogueService::currency

use chrono::{DateTime, Datelike, Days, Utc, Weekday};
use metapack_shipping::types::{DaysOfWeek, ShippingRules, TimeSlots};

use crate::catalogue::{round_cents, serves};
use crate::schedule::{self, MONDAY_TO_SATURDAY, Timetable, WEEKDAYS, hm};

/// The hours (UTC) of a collection window.
const COLLECTION_HOURS: (u32, u32) = (9, 17);
/// The hours (UTC) of a delivery window.
const DELIVERY_HOURS: (u32, u32) = (8, 18);

/// The setup data of the emulated shipper account: carriers, carrier services and shipping
/// locations (warehouses), served by `GET /carriers`, `GET /carriers/{carrierCode}/services`
/// and `GET /shippingLocations`, and matched by allocation, validation and rates.
///
/// [`ShippingCatalogue::default`] is a small catalogue: carriers `SBXPOST` (Sandbox Post,
/// tracking identifiers `SP` and 10 digits) and `SBXEXPRESS` (Sandbox Express, `SE`);
/// shipping locations `WH-LONDON`, `WH-MANCHESTER`, `WAREHOUSE-1` and `WH-1` (all in `GBR`);
/// and four services, cheapest first:
///
/// | service | carrier | to | from | cost (GBP) | + per extra parcel | transit | delivers | max kg |
/// |---|---|---|---|---|---|---|---|---|
/// | `SBXPOST48` Sandbox Post 48 | `SBXPOST` | GBR | any | 3.50 | 1.00 | 2 days | Mon–Sat | 20 |
/// | `SBXPOST24` Sandbox Post 24 | `SBXPOST` | GBR | any | 4.95 | 1.00 | 1 day | Mon–Sat | 20 |
/// | `SBXEXPNDAY` Sandbox Express Next Day | `SBXEXPRESS` | GBR | any | 7.95 | 2.50 | 1 day | Mon–Fri | 30 |
/// | `SBXEXPINTL` Sandbox Express International | `SBXEXPRESS` | BEL DEU ESP FRA IRL ITA NLD USA | `WH-LONDON` | 14.50 | 4.00 | 3 days | Mon–Fri | 30 |
///
/// All of them ship from `GBR` and collect Monday to Friday. Country codes are ISO 3166-1
/// alpha-3, as in Shipping requests (which the sandbox refuses with any other kind of code). Build another one from
/// [`ShippingCatalogue::empty`] or extend this one:
///
/// ```
/// use metapack_sandbox::{CatalogueLocation, CatalogueService, ShippingCatalogue};
///
/// let catalogue = ShippingCatalogue::default()
///     .shipping_location(CatalogueLocation::new("WH-PARIS", "Paris Store", "FRA"))
///     .service(
///         CatalogueService::new("SBXPOSTFR", "Sandbox Post France", "SBXPOST", 6.0, "EUR")
///             .origin_countries(["FRA"])
///             .destination_countries(["FRA"])
///             .shipping_locations(["WH-PARIS"]),
///     );
/// assert_eq!(catalogue.services().len(), 5);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ShippingCatalogue {
    carriers: Vec<CatalogueCarrier>,
    services: Vec<CatalogueService>,
    locations: Vec<CatalogueLocation>,
}

impl Default for ShippingCatalogue {
    fn default() -> Self {
        let mon_to_sat = MONDAY_TO_SATURDAY;
        ShippingCatalogue::empty()
            .carrier(CatalogueCarrier::new("SBXPOST", "Sandbox Post").tracking_prefix("SP"))
            .carrier(CatalogueCarrier::new("SBXEXPRESS", "Sandbox Express").tracking_prefix("SE"))
            .shipping_location(CatalogueLocation::new(
                "WH-LONDON",
                "London Warehouse",
                "GBR",
            ))
            .shipping_location(CatalogueLocation::new(
                "WH-MANCHESTER",
                "Manchester Distribution Centre",
                "GBR",
            ))
            // The sender codes of the Shipping crate's docs and tests.
            .shipping_location(CatalogueLocation::new("WAREHOUSE-1", "Warehouse 1", "GBR"))
            .shipping_location(CatalogueLocation::new("WH-1", "Main warehouse", "GBR"))
            .service(
                CatalogueService::new("SBXPOST48", "Sandbox Post 48", "SBXPOST", 3.50, "GBP")
                    .extra_parcel_cost(1.00)
                    .origin_countries(["GBR"])
                    .destination_countries(["GBR"])
                    .transit_days(2)
                    .delivery_days(mon_to_sat)
                    .max_parcel_weight(20.0),
            )
            .service(
                CatalogueService::new("SBXPOST24", "Sandbox Post 24", "SBXPOST", 4.95, "GBP")
                    .extra_parcel_cost(1.00)
                    .origin_countries(["GBR"])
                    .destination_countries(["GBR"])
                    .transit_days(1)
                    .delivery_days(mon_to_sat)
                    .max_parcel_weight(20.0),
            )
            .service(
                CatalogueService::new(
                    "SBXEXPNDAY",
                    "Sandbox Express Next Day",
                    "SBXEXPRESS",
                    7.95,
                    "GBP",
                )
                .extra_parcel_cost(2.50)
                .origin_countries(["GBR"])
                .destination_countries(["GBR"])
                .transit_days(1)
                .max_parcel_weight(30.0),
            )
            .service(
                CatalogueService::new(
                    "SBXEXPINTL",
                    "Sandbox Express International",
                    "SBXEXPRESS",
                    14.50,
                    "GBP",
                )
                .extra_parcel_cost(4.00)
                .origin_countries(["GBR"])
                .destination_countries(["BEL", "DEU", "ESP", "FRA", "IRL", "ITA", "NLD", "USA"])
                .shipping_locations(["WH-LONDON"])
                .transit_days(3)
                .max_parcel_weight(30.0),
            )
    }
}

impl ShippingCatalogue {
    /// A catalogue without carriers, services or shipping locations: nothing can be
    /// allocated until some are added.
    pub fn empty() -> Self {
        Self {
            carriers: Vec::new(),
            services: Vec::new(),
            locations: Vec::new(),
        }
    }

    /// Adds a carrier, replacing the one with the same code.
    pub fn carrier(mut self, carrier: CatalogueCarrier) -> Self {
        match self.carriers.iter_mut().find(|c| c.code == carrier.code) {
            Some(existing) => *existing = carrier,
            None => self.carriers.push(carrier),
        }
        self
    }

    /// Adds a carrier service, replacing the one with the same code. A carrier the catalogue
    /// does not have yet is added too, named after its code.
    pub fn service(mut self, service: CatalogueService) -> Self {
        if self.find_carrier(&service.carrier_code).is_none() {
            let carrier = CatalogueCarrier::new(&service.carrier_code, &service.carrier_code);
            self.carriers.push(carrier);
        }
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

    /// Adds a shipping location (warehouse), replacing the one with the same code.
    pub fn shipping_location(mut self, location: CatalogueLocation) -> Self {
        match self.locations.iter_mut().find(|l| l.code == location.code) {
            Some(existing) => *existing = location,
            None => self.locations.push(location),
        }
        self
    }

    /// The carriers, in the order they were added.
    pub fn carriers(&self) -> &[CatalogueCarrier] {
        &self.carriers
    }

    /// The carrier services, in the order they were added.
    pub fn services(&self) -> &[CatalogueService] {
        &self.services
    }

    /// The shipping locations (warehouses), in the order they were added.
    pub fn shipping_locations(&self) -> &[CatalogueLocation] {
        &self.locations
    }

    /// The carrier with this code.
    pub(crate) fn find_carrier(&self, code: &str) -> Option<&CatalogueCarrier> {
        self.carriers.iter().find(|c| c.code == code)
    }

    /// The carrier service with this code.
    pub(crate) fn find_service(&self, code: &str) -> Option<&CatalogueService> {
        self.services.iter().find(|s| s.code == code)
    }

    /// The shipping location with this code.
    fn find_location(&self, code: &str) -> Option<&CatalogueLocation> {
        self.locations.iter().find(|l| l.code == code)
    }

    /// Every service able to carry `shipment` under `rules`, cheapest first (ties by code).
    pub(crate) fn quotes(
        &self,
        shipment: &Shipment<'_>,
        rules: Option<&ShippingRules>,
        now: DateTime<Utc>,
    ) -> Vec<Quote<'_>> {
        let mut quotes: Vec<Quote<'_>> = self
            .services
            .iter()
            .filter_map(|service| self.quote(service, shipment, rules, now))
            .collect();
        quotes.sort_by(|a, b| {
            a.cost
                .total_cmp(&b.cost)
                .then_with(|| a.service.code.cmp(&b.service.code))
        });
        quotes
    }

    /// The quote of one service, when it can carry `shipment` under `rules`.
    fn quote<'a>(
        &'a self,
        service: &'a CatalogueService,
        shipment: &Shipment<'_>,
        rules: Option<&ShippingRules>,
        now: DateTime<Utc>,
    ) -> Option<Quote<'a>> {
        let carrier = self.find_carrier(&service.carrier_code)?;
        if let Some(wanted) = rules
            .and_then(|r| r.carrier_services.as_ref())
            .filter(|list| !list.is_empty())
        {
            let named = wanted.iter().any(|entry| {
                let code = entry.split('/').next().unwrap_or_default().trim();
                code == service.code
            });
            if !named {
                return None;
            }
        }
        let recipient_country = shipment.recipient_country?;
        if !serves(&service.destination_countries, recipient_country) {
            return None;
        }
        let location = match shipment.sender_code {
            Some(code) => {
                let location = self.find_location(code)?;
                if !service.shipping_locations.is_empty()
                    && !service.shipping_locations.contains(&location.code)
                {
                    return None;
                }
                Some(location)
            }
            None => None,
        };
        if !service.origin_countries.is_empty() {
            let sender_country = shipment
                .sender_country
                .or(location.map(|l| l.country_code.as_str()))?;
            if !serves(&service.origin_countries, sender_country) {
                return None;
            }
        }
        if let Some(max) = service.max_parcel_weight
            && shipment.parcel_weights.iter().any(|weight| *weight > max)
        {
            return None;
        }
        let (collection, delivery) = schedule(service, rules, now)?;
        let extra_parcels = shipment.parcel_count.saturating_sub(1) as f64;
        let cost = round_cents(service.cost + service.extra_parcel_cost * extra_parcels);
        Some(Quote {
            service,
            carrier,
            cost,
            collection,
            delivery,
        })
    }
}

/// A window of time, `from` to `to`.
pub(crate) use crate::schedule::Window;

/// The first collection and delivery windows `service` can offer under `rules`.
fn schedule(
    service: &CatalogueService,
    rules: Option<&ShippingRules>,
    now: DateTime<Utc>,
) -> Option<(Window, Window)> {
    let collection_days = acceptable_days(rules.and_then(|r| r.collection_days.as_ref()));
    let delivery_days = acceptable_days(rules.and_then(|r| r.delivery_days.as_ref()));
    let collection_slots = rules.and_then(|r| r.collection_slots.as_ref());
    let delivery_slots = rules.and_then(|r| r.delivery_slots.as_ref());
    let tomorrow = now.date_naive().checked_add_days(Days::new(1))?;
    let timetable = Timetable {
        collection_days: &service.collection_days,
        collection_hours: (hm(COLLECTION_HOURS.0, 0), hm(COLLECTION_HOURS.1, 0)),
        delivery_days: &service.delivery_days,
        delivery_hours: (hm(DELIVERY_HOURS.0, 0), hm(DELIVERY_HOURS.1, 0)),
        transit_days: service.transit_days,
    };
    let accepted = |flags: &[bool; 7], window: Window| {
        flags[window.0.weekday().num_days_from_monday() as usize]
    };
    timetable.first_windows(
        tomorrow,
        |window| {
            if !accepted(&collection_days, window) {
                return None;
            }
            fit(window, collection_slots)
        },
        |window| {
            if !accepted(&delivery_days, window) {
                return None;
            }
            fit(window, delivery_slots)
        },
    )
}

/// `window` narrowed to the first acceptable slot it overlaps (when acceptable slots are
/// given), unless it then overlaps an unacceptable slot.
fn fit(window: Window, slots: Option<&TimeSlots>) -> Option<Window> {
    let overlap = |slot: &metapack_shipping::types::TimeWindow, window: Window| {
        schedule::overlap(window, slot.from, slot.to)
    };
    let Some(slots) = slots else {
        return Some(window);
    };
    let window = match slots.acceptable.as_deref() {
        Some(acceptable) if !acceptable.is_empty() => {
            acceptable.iter().find_map(|slot| overlap(slot, window))?
        }
        _ => window,
    };
    let blocked = slots
        .unacceptable
        .iter()
        .flatten()
        .any(|slot| overlap(slot, window).is_some());
    (!blocked).then_some(window)
}

/// The days (Monday first) that `days` accepts: the ones set to `true`, or when none is, every
/// one not set to `false`. Every day when `days` is absent.
fn acceptable_days(days: Option<&DaysOfWeek>) -> [bool; 7] {
    let Some(days) = days else {
        return [true; 7];
    };
    let flags = [
        days.monday,
        days.tuesday,
        days.wednesday,
        days.thursday,
        days.friday,
        days.saturday,
        days.sunday,
    ];
    if flags.contains(&Some(true)) {
        flags.map(|flag| flag == Some(true))
    } else {
        flags.map(|flag| flag != Some(false))
    }
}

/// What the matching looks at in a consignment.
#[derive(Debug)]
pub(crate) struct Shipment<'a> {
    /// The recipient's country code.
    pub(crate) recipient_country: Option<&'a str>,
    /// The sender's `code`: a shipping location.
    pub(crate) sender_code: Option<&'a str>,
    /// The sender's country code.
    pub(crate) sender_country: Option<&'a str>,
    /// How many parcels the consignment has.
    pub(crate) parcel_count: usize,
    /// The weight of each parcel.
    pub(crate) parcel_weights: Vec<f64>,
}

/// A service able to carry a consignment, with its cost and windows.
#[derive(Debug)]
pub(crate) struct Quote<'a> {
    /// The service.
    pub(crate) service: &'a CatalogueService,
    /// Its carrier.
    pub(crate) carrier: &'a CatalogueCarrier,
    /// What it costs, in the service's currency.
    pub(crate) cost: f64,
    /// When the carrier collects.
    pub(crate) collection: Window,
    /// When the carrier delivers.
    pub(crate) delivery: Window,
}

/// A carrier of the catalogue.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CatalogueCarrier {
    /// Metapack code of the carrier, such as `SBXPOST`.
    pub code: String,
    /// Name of the carrier.
    pub name: String,
    /// The carrier's tracking page for one tracking identifier: `{trackingIdentifier}` is
    /// replaced by it. Defaults to
    /// `https://tracking.sandbox.invalid/{carrierCode}/{trackingIdentifier}` (the `.invalid`
    /// top-level domain never resolves).
    pub tracking_url: String,
    /// The letters starting the tracking identifiers it issues (10 random digits follow).
    /// Defaults to the first two letters or digits of the code, upper-cased.
    pub tracking_prefix: String,
}

impl CatalogueCarrier {
    /// A carrier with this code and name, the default tracking page and tracking prefix.
    pub fn new(code: impl Into<String>, name: impl Into<String>) -> Self {
        let code = code.into();
        let tracking_url =
            format!("https://tracking.sandbox.invalid/{code}/{{trackingIdentifier}}");
        let mut tracking_prefix: String = code
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(2)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        while tracking_prefix.len() < 2 {
            tracking_prefix.push('X');
        }
        Self {
            code,
            name: name.into(),
            tracking_url,
            tracking_prefix,
        }
    }

    /// Sets the letters starting the tracking identifiers it issues.
    pub fn tracking_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.tracking_prefix = prefix.into();
        self
    }

    /// Sets the tracking page, a URL in which `{trackingIdentifier}` is replaced.
    pub fn tracking_url(mut self, template: impl Into<String>) -> Self {
        self.tracking_url = template.into();
        self
    }

    /// The tracking page of one tracking identifier.
    pub(crate) fn tracking_url_of(&self, tracking_identifier: &str) -> String {
        self.tracking_url
            .replace("{trackingIdentifier}", tracking_identifier)
    }
}

/// A carrier service of the catalogue: who runs it, where it goes, when and at what cost.
/// Built with [`CatalogueService::new`] and the setters below.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CatalogueService {
    /// Metapack code of the carrier service, such as `SBXPOST24`.
    pub code: String,
    /// Name of the carrier service.
    pub name: String,
    /// Code of the carrier running it.
    pub carrier_code: String,
    /// Cost of a one-parcel consignment.
    pub cost: f64,
    /// Cost added for each parcel after the first (0 by default).
    pub extra_parcel_cost: f64,
    /// Currency code of the costs, such as `GBP`.
    pub currency: String,
    /// Recipient country codes (ISO 3166-1 alpha-3, `GBR`) served; every country when empty
    /// (the default).
    pub destination_countries: Vec<String>,
    /// Sender country codes (ISO 3166-1 alpha-3) served; every country when empty (the
    /// default).
    pub origin_countries: Vec<String>,
    /// Codes of the shipping locations it collects from; every one when empty (the default).
    pub shipping_locations: Vec<String>,
    /// Days the carrier collects on; Monday to Friday by default.
    pub collection_days: Vec<Weekday>,
    /// Days the carrier delivers on; Monday to Friday by default.
    pub delivery_days: Vec<Weekday>,
    /// Days from collection to the earliest delivery; 1 by default.
    pub transit_days: u32,
    /// Heaviest parcel accepted, in kg; no limit by default.
    pub max_parcel_weight: Option<f64>,
}

impl CatalogueService {
    /// A service of carrier `carrier_code` costing `cost` (in `currency`) per consignment,
    /// delivering anywhere from anywhere, collecting and delivering Monday to Friday, one day
    /// in transit.
    pub fn new(
        code: impl Into<String>,
        name: impl Into<String>,
        carrier_code: impl Into<String>,
        cost: f64,
        currency: impl Into<String>,
    ) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            carrier_code: carrier_code.into(),
            cost,
            extra_parcel_cost: 0.0,
            currency: currency.into(),
            destination_countries: Vec::new(),
            origin_countries: Vec::new(),
            shipping_locations: Vec::new(),
            collection_days: WEEKDAYS.to_vec(),
            delivery_days: WEEKDAYS.to_vec(),
            transit_days: 1,
            max_parcel_weight: None,
        }
    }

    /// Sets the cost added for each parcel after the first.
    pub fn extra_parcel_cost(mut self, cost: f64) -> Self {
        self.extra_parcel_cost = cost;
        self
    }

    /// Sets the recipient countries served, as ISO 3166-1 alpha-3 codes (`GBR`); every one
    /// when empty.
    pub fn destination_countries<I, S>(mut self, countries: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.destination_countries = countries.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the sender countries served, as ISO 3166-1 alpha-3 codes (`GBR`); every one when
    /// empty.
    pub fn origin_countries<I, S>(mut self, countries: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.origin_countries = countries.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the shipping locations it collects from (every one when empty).
    pub fn shipping_locations<I, S>(mut self, locations: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.shipping_locations = locations.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the days the carrier collects on.
    pub fn collection_days(mut self, days: impl IntoIterator<Item = Weekday>) -> Self {
        self.collection_days = days.into_iter().collect();
        self
    }

    /// Sets the days the carrier delivers on.
    pub fn delivery_days(mut self, days: impl IntoIterator<Item = Weekday>) -> Self {
        self.delivery_days = days.into_iter().collect();
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
}

/// A shipping location (warehouse, store or distribution centre) of the catalogue: the
/// `sender.code` of the consignments shipped from it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CatalogueLocation {
    /// Code of the location, used as the sender code of consignments.
    pub code: String,
    /// Name of the location.
    pub name: String,
    /// ISO 3166-1 alpha-3 country code of the location (`GBR`): the sender country of
    /// consignments that give none.
    pub country_code: String,
}

impl CatalogueLocation {
    /// A location with this code, name and country code.
    pub fn new(
        code: impl Into<String>,
        name: impl Into<String>,
        country_code: impl Into<String>,
    ) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            country_code: country_code.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn gb(weights: Vec<f64>) -> Shipment<'static> {
        Shipment {
            recipient_country: Some("GBR"),
            sender_code: Some("WH-LONDON"),
            sender_country: None,
            parcel_count: weights.len(),
            parcel_weights: weights,
        }
    }

    #[test]
    fn default_quotes_are_cheapest_first() {
        let catalogue = ShippingCatalogue::default();
        // 2030-01-07 is a Monday.
        let now = at("2030-01-07T10:00:00Z");
        let quotes = catalogue.quotes(&gb(vec![1.0]), None, now);
        let codes: Vec<&str> = quotes.iter().map(|q| q.service.code.as_str()).collect();
        assert_eq!(codes, ["SBXPOST48", "SBXPOST24", "SBXEXPNDAY"]);
        let first = &quotes[0];
        assert_eq!(first.collection.0, at("2030-01-08T09:00:00Z"));
        assert_eq!(first.delivery.0, at("2030-01-10T08:00:00Z"));
        let two_parcels = catalogue.quotes(&gb(vec![1.0, 1.0]), None, now);
        assert!((two_parcels[0].cost - 4.5).abs() < 1e-9);
    }

    #[test]
    fn rules_narrow_the_services_and_windows() {
        let catalogue = ShippingCatalogue::default();
        let now = at("2030-01-07T10:00:00Z");
        let rules: ShippingRules = serde_json::from_value(serde_json::json!({
            "carrierServices": ["SBXEXPNDAY/2030-01-09/X"],
            "deliveryDays": {"friday": true},
            "deliverySlots": {"acceptable": [{"from": "2030-01-11T12:00:00Z", "to": "2030-01-11T14:00:00Z"}]}
        }))
        .unwrap_or_default();
        let quotes = catalogue.quotes(&gb(vec![1.0]), Some(&rules), now);
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].service.code, "SBXEXPNDAY");
        assert_eq!(
            quotes[0].delivery,
            (at("2030-01-11T12:00:00Z"), at("2030-01-11T14:00:00Z"))
        );
    }

    #[test]
    fn countries_locations_and_weights_filter() {
        let catalogue = ShippingCatalogue::default();
        let now = at("2030-01-07T10:00:00Z");
        let mut shipment = gb(vec![25.0]);
        let codes = |s: &Shipment<'_>| -> Vec<String> {
            catalogue
                .quotes(s, None, now)
                .iter()
                .map(|q| q.service.code.clone())
                .collect()
        };
        assert_eq!(codes(&shipment), ["SBXEXPNDAY"]);
        shipment.recipient_country = Some("fra");
        assert_eq!(codes(&shipment), ["SBXEXPINTL"]);
        shipment.sender_code = Some("WH-MANCHESTER");
        assert!(codes(&shipment).is_empty());
        shipment.sender_code = Some("WH-NOWHERE");
        shipment.recipient_country = Some("GBR");
        assert!(codes(&shipment).is_empty());
        shipment.sender_code = None;
        shipment.sender_country = Some("USA");
        assert!(codes(&shipment).is_empty());
    }

    #[test]
    fn day_flags() {
        let only_monday = DaysOfWeek {
            monday: Some(true),
            ..DaysOfWeek::default()
        };
        assert_eq!(
            acceptable_days(Some(&only_monday)),
            [true, false, false, false, false, false, false]
        );
        let not_saturday = DaysOfWeek {
            saturday: Some(false),
            ..DaysOfWeek::default()
        };
        assert_eq!(
            acceptable_days(Some(&not_saturday)),
            [true, true, true, true, true, false, true]
        );
    }
}
