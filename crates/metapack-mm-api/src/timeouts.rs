//! The server's approximate time limits for allocating a shipment (Appendix G), to size
//! client timeouts above them.

use std::time::Duration;

use crate::model::Shipment;
use crate::values::ShipmentType;

/// About 6 s: a `DELIVERY` shipment.
pub const DELIVERY: Duration = Duration::from_millis(6_000);
/// About 11 s: a `COLLECTION` shipment whose destination is given by URI.
pub const COLLECTION_BY_URI: Duration = Duration::from_millis(11_000);
/// About 6 s: a `COLLECTION` shipment to a collection point ID.
pub const COLLECTION_BY_COLLECTION_POINT: Duration = Duration::from_millis(6_000);

/// How long the server may take to allocate `shipment` (the reference says these may
/// change). A shipment of unknown type gets the longest, 11 s.
///
/// ```
/// use metapack_mm_api::model::{Destination, Shipment};
/// use metapack_mm_api::values::ShipmentType;
/// use metapack_mm_api::timeouts;
///
/// let mut shipment = Shipment::default();
/// shipment.shipment_type = Some(ShipmentType::Collection);
/// shipment.destination = Some(Destination::by_uri("https://example.metapack.com/locations/1"));
/// assert_eq!(timeouts::server_timeout(&shipment), timeouts::COLLECTION_BY_URI);
/// ```
pub fn server_timeout(shipment: &Shipment) -> Duration {
    match shipment.shipment_type {
        Some(ShipmentType::Delivery) => DELIVERY,
        Some(ShipmentType::Collection) => {
            let by_uri = shipment
                .destination
                .as_ref()
                .is_some_and(|d| d.uri.is_some());
            if by_uri {
                COLLECTION_BY_URI
            } else {
                COLLECTION_BY_COLLECTION_POINT
            }
        }
        _ => COLLECTION_BY_URI,
    }
}
