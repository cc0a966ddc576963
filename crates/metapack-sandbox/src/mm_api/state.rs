//! The MM-API's state: bearer tokens, shipments, consignments (with their status) and the
//! number of consignment lists closed.
//!
//! Consignment statuses and what each operation accepts:
//!
//! | status | `DELETE` | `PATCH` status | `CLOSE_LIST` |
//! |---|---|---|---|
//! | allocated | 204 | yes | yes |
//! | ready to manifest | 204 | yes | yes |
//! | held (hold to manifest) | 204 | yes | 409 `O-COL-6001` |
//! | manifested (its list closed) | 409 `O-ALE-4001` | no | 409 `O-COL-6001` |
//! | deallocated | 400 `O-ALE-4002` | no (404) | 404 `O-NFO-3003` |

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{DateTime, Days, Utc};
use metapack_mm_api::model::{
    Address, AgentUri, Consignment, Contact, DeliveryPromise, Destination, Document,
    LogisticsUnitDocument, Receiver, Shipment,
};
use metapack_mm_api::model::{Dimension, LogisticsUnit, Weight};
use metapack_mm_api::uri::{
    ConsignmentUri, DocumentUri, LocationUri, LogisticsServiceUri, LogisticsUnitUri, ShipmentUri,
};
use metapack_mm_api::values::{AcceptableConsignmentStatus, DocumentType};
use uuid::Uuid;

use crate::paperwork::{CustomsLine, LabelContent};

/// The shipments every MM-API sandbox starts with (unallocated; `GET /shipments/{uuid}`, or
/// allocate one with its URI).
pub(crate) const SEEDED_SHIPMENTS: [&str; 3] = [
    "a21d2d48-9b58-41c1-8061-e8ebc028fec5",
    "5dc46ce0-00f9-4973-b956-661b22b08c83",
    "611d45ab-1c06-4e75-b64e-1dda8c9b72e4",
];

/// The heaviest logistics unit the sandbox's service takes, in kg; heavier ones fail
/// allocation (`O-ALE-4000`, `TooHigh`).
pub(crate) const MAX_UNIT_WEIGHT_KG: f64 = 30.0;

/// Where a consignment is in its lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// Allocated to a logistics service.
    Allocated,
    /// Moved to `READY_TO_MANIFEST`.
    ReadyToManifest,
    /// Moved to `HOLD_TO_MANIFEST`.
    HoldToManifest,
    /// Closed by a `CLOSE_LIST` consignment list.
    Manifested,
    /// Deallocated (`DELETE`).
    Deallocated,
}

impl Status {
    /// Whether `PATCH` may change the status.
    pub(crate) fn accepts_status_change(self) -> bool {
        matches!(
            self,
            Status::Allocated | Status::ReadyToManifest | Status::HoldToManifest
        )
    }

    /// Whether a `CLOSE_LIST` may close the consignment.
    pub(crate) fn accepts_close(self) -> bool {
        matches!(self, Status::Allocated | Status::ReadyToManifest)
    }

    /// The status in words, for error messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Status::Allocated => "ALLOCATED",
            Status::ReadyToManifest => "READY_TO_MANIFEST",
            Status::HoldToManifest => "HOLD_TO_MANIFEST",
            Status::Manifested => "MANIFESTED",
            Status::Deallocated => "DEALLOCATED",
        }
    }
}

/// A consignment with what the model has no field for.
#[derive(Clone, Debug)]
pub(crate) struct ConsignmentRecord {
    /// The consignment as answered.
    pub(crate) consignment: Consignment,
    /// Its status.
    pub(crate) status: Status,
    /// The label content of each logistics unit, by the unit's UUID.
    pub(crate) labels: Vec<(Uuid, LabelContent)>,
    /// For a consignment leaving the UK: the customs declaration (label-shaped) and the
    /// commercial invoice's item lines.
    pub(crate) customs: Option<(LabelContent, Vec<CustomsLine>)>,
}

/// The country the sandbox ships from: a destination elsewhere needs customs documents.
pub(crate) const HOME_COUNTRY: &str = "GBR";

/// What deallocating a consignment found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Deallocation {
    /// Deallocated now.
    Done,
    /// No such consignment.
    Unknown,
    /// Already manifested.
    Manifested,
    /// Already deallocated.
    AlreadyDeallocated,
}

/// The MM-API's data. `Debug` leaves the bearer tokens out.
pub(crate) struct MmStore {
    base_url: String,
    data_url: String,
    tokens: HashMap<String, Instant>,
    shipments: HashMap<Uuid, Shipment>,
    consignments: HashMap<Uuid, ConsignmentRecord>,
    lists: u64,
}

impl std::fmt::Debug for MmStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MmStore")
            .field("base_url", &self.base_url)
            .field("data_url", &self.data_url)
            .field("tokens", &self.tokens.len())
            .field("shipments", &self.shipments.len())
            .field("consignments", &self.consignments.len())
            .field("lists", &self.lists)
            .finish()
    }
}

impl MmStore {
    /// A store with the seeded shipments; URLs are made under `base_url` once it is known
    /// ([`MmStore::set_base_url`]).
    pub(crate) fn new() -> Self {
        let mut store = Self {
            base_url: String::new(),
            data_url: String::new(),
            tokens: HashMap::new(),
            shipments: HashMap::new(),
            consignments: HashMap::new(),
            lists: 0,
        };
        for (index, id) in SEEDED_SHIPMENTS.iter().enumerate() {
            if let Ok(id) = Uuid::try_parse(id) {
                store.shipments.insert(id, seeded_shipment(index));
            }
        }
        store
    }

    /// The API's root URL, `http://127.0.0.1:PORT/mm-api`.
    pub(crate) fn set_base_url(&mut self, base_url: String) {
        self.base_url = base_url;
    }

    /// The API's root URL.
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The data host's root URL, `http://127.0.0.1:PORT/mm-data`.
    pub(crate) fn set_data_url(&mut self, data_url: String) {
        self.data_url = data_url;
    }

    /// The data host's root URL.
    pub(crate) fn data_url(&self) -> &str {
        &self.data_url
    }

    /// The logistics service allocated when the request names none.
    pub(crate) fn default_service(&self) -> LogisticsServiceUri {
        LogisticsServiceUri::new(format!(
            "{}/logistics-services/{}",
            self.data_url,
            super::services::DEFAULT_SERVICE_ID
        ))
    }

    /// A new bearer token valid for `lifetime` (capped at a century, so any configured
    /// lifetime is accepted).
    pub(crate) fn issue_token(&mut self, lifetime: Duration) -> String {
        const CENTURY: Duration = Duration::from_secs(100 * 365 * 24 * 3600);
        let now = Instant::now();
        self.tokens.retain(|_, expiry| *expiry > now);
        let token = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let expiry = now
            .checked_add(lifetime.min(CENTURY))
            .unwrap_or(now + Duration::from_secs(3600));
        self.tokens.insert(token.clone(), expiry);
        token
    }

    /// When `token` expires, if this store issued it.
    pub(crate) fn token_expiry(&self, token: &str) -> Option<Instant> {
        self.tokens.get(token).copied()
    }

    /// The shipment with this UUID, with its `@id`.
    pub(crate) fn shipment(&self, id: Uuid) -> Option<Shipment> {
        let mut shipment = self.shipments.get(&id)?.clone();
        shipment.id = Some(self.shipment_uri(id));
        Some(shipment)
    }

    /// Stores `shipment` under a new UUID (any `@id` it carries is replaced by its own) and
    /// answers that UUID: the control API's way of adding shipments to allocate.
    pub(crate) fn add_shipment(&mut self, mut shipment: Shipment) -> Uuid {
        shipment.id = None;
        let id = Uuid::new_v4();
        self.shipments.insert(id, shipment);
        id
    }

    /// Whether the shipment has a live (not deallocated) consignment.
    pub(crate) fn is_consigned(&self, id: Uuid) -> bool {
        self.consignments
            .get(&id)
            .is_some_and(|record| record.status != Status::Deallocated)
    }

    /// The live consignment with this UUID.
    pub(crate) fn consignment(&self, id: Uuid) -> Option<&ConsignmentRecord> {
        self.consignments
            .get(&id)
            .filter(|record| record.status != Status::Deallocated)
    }

    /// The status of the consignment with this UUID, deallocated ones included.
    pub(crate) fn status(&self, id: Uuid) -> Option<Status> {
        self.consignments.get(&id).map(|record| record.status)
    }

    /// Allocates `shipment` (stored under `id`, the UUID the consignment shares) to
    /// `service`, creating a label document per logistics unit and, when `with_returns`,
    /// one return label addressed back to the sender.
    pub(crate) fn allocate(
        &mut self,
        id: Uuid,
        mut shipment: Shipment,
        service: LogisticsServiceUri,
        now: DateTime<Utc>,
        with_returns: bool,
    ) -> Consignment {
        shipment.id = None;
        let units = shipment.logistics_units.clone().unwrap_or_default();
        let count = units.len();
        let service_name = service.id().unwrap_or("sandbox-48").to_owned();
        let sender = agent_lines(shipment.sender.as_ref());
        let recipient = destination_lines(shipment.destination.as_ref());
        let label = |unit_id: Uuid, position: (usize, usize), tracking_code: &str| LabelContent {
            consignment_code: id.to_string(),
            parcel_code: unit_id.to_string(),
            position,
            tracking_identifier: tracking_code.to_owned(),
            carrier: "Sandbox Carrier".to_owned(),
            service: service_name.clone(),
            sender: sender.clone(),
            recipient: recipient.clone(),
            weight: None,
            delivery_date: Some(day(now, 2).format("%Y-%m-%d").to_string()),
        };
        let mut documents = Vec::with_capacity(count);
        let mut labels = Vec::with_capacity(count + 1);
        for (index, unit) in units.iter().enumerate() {
            let unit_id = unit
                .id
                .as_deref()
                .and_then(|id| Uuid::try_parse(id).ok())
                .unwrap_or_else(Uuid::new_v4);
            let tracking_code = tracking_code(index + 1, "GB");
            documents.push(self.unit_document(
                id,
                unit_id,
                unit.shipper_ref.clone(),
                &tracking_code,
            ));
            let mut content = label(unit_id, (index + 1, count), &tracking_code);
            content.weight = unit.weight.as_ref().and_then(|w| w.value);
            labels.push((unit_id, content));
        }
        // The reference's v1.0 example answers one return unit for the consignment; the
        // sandbox does the same on every v1.0 allocation, addressed back to the sender.
        let returns = with_returns.then(|| {
            let unit_id = Uuid::new_v4();
            let tracking_code = tracking_code(1, "RT");
            let mut content = label(unit_id, (1, 1), &tracking_code);
            std::mem::swap(&mut content.sender, &mut content.recipient);
            content.service = format!("{} (return)", content.service);
            labels.push((unit_id, content));
            vec![self.unit_document(id, unit_id, shipment.shipment_ref.clone(), &tracking_code)]
        });
        let customs = is_international(&shipment).then(|| {
            let mut declaration = label(id, (1, 1), &format!("CN23-{}", id.simple()));
            declaration.service = "CN23 customs declaration".to_owned();
            (declaration, customs_lines(&units))
        });
        let paperwork = |name: &str| Document {
            url: Some(DocumentUri::new(format!(
                "{}/documents/{id}/{name}",
                self.base_url
            ))),
            document_type: Some(DocumentType::Paperwork),
        };
        let consignment_documents = if customs.is_some() {
            vec![paperwork("customs"), paperwork("invoice")]
        } else {
            Vec::new()
        };
        let consignment = Consignment {
            context: None,
            id: Some(self.consignment_uri(id)),
            node_type: Some("Consignment".to_owned()),
            logistics_unit_documents: Some(documents),
            return_logistics_unit_documents: returns,
            documents: Some(consignment_documents),
            shipment_url: Some(self.shipment_uri(id)),
            allocated_date: Some(now),
            cut_off_date: Some(day(now, 1) + chrono::Duration::hours(16)),
            delivery_promise: Some(DeliveryPromise {
                earliest_collection_date: Some(day(now, 1)),
                latest_collection_date: Some(end_of_day(day(now, 1))),
                earliest_delivery_date: Some(earliest_delivery(now)),
                latest_delivery_date: Some(end_of_day(day(now, 2))),
                logistics_service: Some(service),
            }),
            shipping_cost: None,
        };
        self.shipments.insert(id, shipment);
        self.consignments.insert(
            id,
            ConsignmentRecord {
                consignment: consignment.clone(),
                status: Status::Allocated,
                labels,
                customs,
            },
        );
        consignment
    }

    /// The `logisticsUnitDocuments` entry of a unit: its URI, tracking code and label URL.
    fn unit_document(
        &self,
        consignment: Uuid,
        unit: Uuid,
        shipper_ref: Option<String>,
        tracking_code: &str,
    ) -> LogisticsUnitDocument {
        let base = &self.base_url;
        LogisticsUnitDocument {
            id: Some(LogisticsUnitUri::new(format!(
                "{base}/shipments/{consignment}/{unit}"
            ))),
            node_type: Some("LogisticsUnit".to_owned()),
            shipper_ref,
            tracking_code: Some(tracking_code.to_owned()),
            tracking_url: None,
            documents: Some(vec![Document {
                url: Some(DocumentUri::new(format!(
                    "{base}/documents/{consignment}/{unit}/label"
                ))),
                document_type: Some(DocumentType::Label),
            }]),
        }
    }

    /// Deallocates a consignment, deleting its shipment.
    pub(crate) fn deallocate(&mut self, id: Uuid) -> Deallocation {
        let Some(record) = self.consignments.get_mut(&id) else {
            return Deallocation::Unknown;
        };
        match record.status {
            Status::Manifested => Deallocation::Manifested,
            Status::Deallocated => Deallocation::AlreadyDeallocated,
            _ => {
                record.status = Status::Deallocated;
                self.shipments.remove(&id);
                Deallocation::Done
            }
        }
    }

    /// Moves a consignment to `status` when it may be; whether it was.
    pub(crate) fn set_status(&mut self, id: Uuid, status: &AcceptableConsignmentStatus) -> bool {
        let new = match status {
            AcceptableConsignmentStatus::ReadyToManifest => Status::ReadyToManifest,
            AcceptableConsignmentStatus::HoldToManifest => Status::HoldToManifest,
            _ => return false,
        };
        match self.consignments.get_mut(&id) {
            Some(record) if record.status.accepts_status_change() => {
                record.status = new;
                true
            }
            _ => false,
        }
    }

    /// Closes (manifests) these consignments, which the caller checked; the new list's number.
    pub(crate) fn close(&mut self, ids: &[Uuid]) -> u64 {
        for id in ids {
            if let Some(record) = self.consignments.get_mut(id) {
                record.status = Status::Manifested;
            }
        }
        self.lists += 1;
        self.lists
    }

    /// The customs declaration and invoice lines of live consignment `consignment`, when it
    /// leaves the UK.
    pub(crate) fn customs(&self, consignment: Uuid) -> Option<&(LabelContent, Vec<CustomsLine>)> {
        self.consignment(consignment)?.customs.as_ref()
    }

    /// The label of logistics unit `unit` of live consignment `consignment`.
    pub(crate) fn label(&self, consignment: Uuid, unit: Uuid) -> Option<&LabelContent> {
        self.consignment(consignment)?
            .labels
            .iter()
            .find(|(id, _)| *id == unit)
            .map(|(_, content)| content)
    }

    /// The URL of a consignment.
    pub(crate) fn consignment_uri(&self, id: Uuid) -> ConsignmentUri {
        ConsignmentUri::new(format!("{}/consignments/{id}", self.base_url))
    }

    /// The URL of a shipment.
    pub(crate) fn shipment_uri(&self, id: Uuid) -> ShipmentUri {
        ShipmentUri::new(format!("{}/shipments/{id}", self.base_url))
    }
}

/// Whether the shipment goes to a country other than [`HOME_COUNTRY`].
fn is_international(shipment: &Shipment) -> bool {
    shipment
        .destination
        .as_ref()
        .and_then(|destination| destination.address.as_ref())
        .and_then(|address| address.country.as_ref())
        .is_some_and(|country| !country.as_str().eq_ignore_ascii_case(HOME_COUNTRY))
}

/// The commercial invoice's lines: every trade item of every unit.
fn customs_lines(units: &[LogisticsUnit]) -> Vec<CustomsLine> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    units
        .iter()
        .enumerate()
        .flat_map(|(index, unit)| {
            unit.trade_items
                .iter()
                .flatten()
                .map(move |item| CustomsLine {
                    parcel_code: format!("unit {}", index + 1),
                    item_ref: text(&item.product_code),
                    description: text(&item.description),
                    harmonised_code: text(&item.harmonised_code),
                    country_of_origin: item
                        .country_of_origin
                        .as_ref()
                        .map(|c| c.as_str().to_owned())
                        .unwrap_or_default(),
                    quantity: item.quantity.unwrap_or(1.0).round() as i64,
                    value: item
                        .unit_value
                        .as_ref()
                        .map(|money| {
                            format!(
                                "{:.2} {}",
                                money.value.unwrap_or_default(),
                                text(&money.currency_code)
                            )
                        })
                        .unwrap_or_default(),
                })
        })
        .collect()
}

/// A random tracking code: `SBX`, ten digits, the unit's position and a suffix (`GB`, `RT`).
fn tracking_code(position: usize, suffix: &str) -> String {
    let digits = u64::from(fastrand::u32(..)) % 10_000_000_000;
    format!("SBX{digits:010}{position}{suffix}")
}

/// Midnight (UTC) `days` days after `now`.
/// The earliest delivery the sandbox's services promise for an allocation at `now`: the
/// start of the day after tomorrow (collection tomorrow, one day in transit).
pub(crate) fn earliest_delivery(now: DateTime<Utc>) -> DateTime<Utc> {
    day(now, 2)
}

fn day(now: DateTime<Utc>, days: u64) -> DateTime<Utc> {
    let date = now.date_naive() + Days::new(days);
    date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// The last second of the day starting at `midnight`.
fn end_of_day(midnight: DateTime<Utc>) -> DateTime<Utc> {
    midnight + chrono::Duration::seconds(86_399)
}

/// The address lines of a sender (its location URI when it has no address).
fn agent_lines(agent: Option<&AgentUri>) -> Vec<String> {
    agent
        .and_then(|agent| agent.uri.as_ref())
        .map(|uri| vec![format!("Location {}", uri.id().unwrap_or(uri.as_str()))])
        .unwrap_or_default()
}

/// The name and address lines of a destination.
fn destination_lines(destination: Option<&Destination>) -> Vec<String> {
    let Some(destination) = destination else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    if let Some(contact) = &destination.contact {
        let name: Vec<&str> = [contact.firstname.as_deref(), contact.lastname.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !name.is_empty() {
            lines.push(name.join(" "));
        }
    }
    if let Some(address) = &destination.address {
        let street: Vec<&str> = [address.house_no.as_deref(), address.street.as_deref()]
            .into_iter()
            .flatten()
            .filter(|part| !part.trim().is_empty())
            .collect();
        if !street.is_empty() {
            lines.push(street.join(" "));
        }
        let city: Vec<&str> = [address.city.as_deref(), address.postal_code.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !city.is_empty() {
            lines.push(city.join(" "));
        }
        if let Some(country) = &address.country {
            lines.push(country.as_str().to_owned());
        }
    }
    if lines.is_empty()
        && let Some(uri) = &destination.uri
    {
        lines.push(format!("Location {}", uri.as_str()));
    }
    lines
}

/// One of the seeded shipments: a valid `DELIVERY` shipment to London.
fn seeded_shipment(index: usize) -> Shipment {
    let (firstname, lastname, street, postal_code) = [
        ("Andrew", "Neal", "Gray's Inn Road", "WC1X 8XZ"),
        ("Ada", "Lovelace", "St James's Square", "SW1Y 4JU"),
        ("Isambard", "Brunel", "Euston Road", "NW1 2RT"),
    ][index % 3];
    let address = Address::new("GBR", "London", street, postal_code);
    let contact = Contact::named(firstname, lastname).with_email("example@metapack.com");
    let mut shipment = Shipment::delivery(
        AgentUri::new(LocationUri::new(
            "https://example.metapack.com/locations/ae932e29-62c8-453e-b15b-ab01e73ff742",
        )),
        Receiver::new(address.clone(), contact.clone()),
        Destination::new(address, contact),
        vec![LogisticsUnit::new(
            Weight::kg(1.0 + index as f64),
            Dimension::cm(20.0, 15.0, 10.0),
        )],
    );
    shipment.shipment_ref = Some(format!("SANDBOX-{}", index + 1));
    shipment
}

#[cfg(test)]
mod tests {
    use super::super::validate::{Validator, Version};
    use super::*;

    #[test]
    fn seeded_shipments_are_valid() {
        let store = MmStore::new();
        for id in SEEDED_SHIPMENTS {
            let shipment = store.shipment(Uuid::try_parse(id).unwrap()).unwrap();
            let json = serde_json::to_value(&shipment).unwrap();
            assert_eq!(
                Validator::new(Version::V0).shipment(&json),
                Vec::new(),
                "{id}"
            );
        }
    }

    #[test]
    fn lifecycle() {
        let mut store = MmStore::new();
        store.set_base_url("http://sandbox/mm-api".to_owned());
        let id = Uuid::try_parse(SEEDED_SHIPMENTS[0]).unwrap();
        let shipment = store.shipment(id).unwrap();
        let consignment = store.allocate(id, shipment, store.default_service(), Utc::now(), false);
        assert_eq!(consignment.label_urls().len(), 1);
        assert!(consignment.return_label_urls().is_empty());
        assert!(store.is_consigned(id));
        assert_eq!(store.close(&[id]), 1);
        assert_eq!(store.deallocate(id), Deallocation::Manifested);
        assert!(!store.set_status(id, &AcceptableConsignmentStatus::ReadyToManifest));
        assert_eq!(store.deallocate(Uuid::new_v4()), Deallocation::Unknown);
    }

    #[test]
    fn v1_allocations_have_a_return_label_to_the_sender() {
        let mut store = MmStore::new();
        store.set_base_url("http://sandbox/mm-api".to_owned());
        let id = Uuid::try_parse(SEEDED_SHIPMENTS[1]).unwrap();
        let shipment = store.shipment(id).unwrap();
        let consignment = store.allocate(id, shipment, store.default_service(), Utc::now(), true);
        assert_eq!(consignment.return_label_urls().len(), 1);
        let unit_of = |units: &Option<Vec<LogisticsUnitDocument>>| {
            units.as_ref().unwrap()[0]
                .id
                .as_ref()
                .unwrap()
                .unit_uuid()
                .unwrap()
        };
        let unit = unit_of(&consignment.return_logistics_unit_documents);
        let outbound = unit_of(&consignment.logistics_unit_documents);
        let back = store.label(id, unit).unwrap();
        let out = store.label(id, outbound).unwrap();
        assert_eq!(back.recipient, out.sender);
        assert_eq!(back.sender, out.recipient);
        assert!(back.tracking_identifier.ends_with("RT"));
    }
}
