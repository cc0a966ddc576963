//! Typed references to MM-API resources.
//!
//! Responses name resources by URL (`shipmentUrl`, `@id`, a document's `url`) and requests
//! name them the same way (the consignments of a consignment list, an agent's `uri`). These
//! newtypes keep the URL exactly as received, so it can be passed back without string
//! handling, and say which resource it names.
//!
//! ```
//! use metapack_mm_api::uri::ConsignmentUri;
//! use url::Url;
//!
//! let base = Url::parse("https://example.metapack.com/")?;
//! let id = uuid::Uuid::parse_str("7464dc6a-631d-47dc-8ac8-97726815204c").unwrap();
//! let uri = ConsignmentUri::for_uuid(&base, id);
//! assert_eq!(uri, "https://example.metapack.com/consignments/7464dc6a-631d-47dc-8ac8-97726815204c");
//! assert_eq!(uri.uuid(), Some(id));
//! # Ok::<(), url::ParseError>(())
//! ```

use url::Url;
use uuid::Uuid;

use crate::newtype::string_newtype;

macro_rules! resource_uri {
    ($(#[$meta:meta])* $name:ident, $segment:literal $(| $alt:literal)*) => {
        string_newtype! { $(#[$meta])* $name }

        impl $name {
            /// The path segment that introduces the resource's identifier.
            pub const SEGMENT: &'static str = $segment;

            /// Every path segment that introduces the identifier: [`Self::SEGMENT`] and the
            /// other spellings seen in the reference's examples.
            pub const SEGMENTS: &'static [&'static str] = &[$segment $(, $alt)*];

            /// The URL of the resource with identifier `id` under `base` (the API's root),
            /// `<base>/<segment>/<id>`.
            pub fn for_id(base: &Url, id: &str) -> Self {
                let root = base.as_str().trim_end_matches('/');
                Self::new(format!("{root}/{}/{id}", Self::SEGMENT))
            }

            /// The URL of the resource with a UUID identifier under `base`.
            pub fn for_uuid(base: &Url, id: Uuid) -> Self {
                Self::for_id(base, &id.hyphenated().to_string())
            }

            /// The identifier: what follows the resource's segment in the path (without the
            /// query), e.g. the UUID of `/consignments/<uuid>`.
            pub fn id(&self) -> Option<&str> {
                Self::SEGMENTS
                    .iter()
                    .find_map(|segment| id_after(self.as_str(), segment))
            }

            /// The identifier read as a UUID, when it is one.
            pub fn uuid(&self) -> Option<Uuid> {
                self.id().and_then(|id| Uuid::parse_str(id).ok())
            }

            /// The URL, parsed.
            pub fn to_url(&self) -> Result<Url, url::ParseError> {
                Url::parse(self.as_str())
            }
        }

        impl From<Url> for $name {
            fn from(url: Url) -> Self {
                Self::new(String::from(url))
            }
        }
    };
}

/// What follows `/<segment>/` in `uri`, without query or fragment, if not empty.
fn id_after<'a>(uri: &'a str, segment: &str) -> Option<&'a str> {
    let without_query = uri.split(['?', '#']).next().unwrap_or_default();
    let marker = format!("/{segment}/");
    let start = without_query.find(&marker)? + marker.len();
    let id = without_query[start..].trim_end_matches('/');
    (!id.is_empty()).then_some(id)
}

resource_uri! {
    /// URL of a shipment, `https://<host>/shipments/<uuid>` (a consignment's `shipmentUrl`, a
    /// shipment's `@id`).
    ShipmentUri, "shipments"
}

resource_uri! {
    /// URL of a consignment, `https://<host>/consignments/<uuid>` (a consignment's `@id`, the
    /// `Location` of `POST /consignments`, the entries of consignment lists).
    ConsignmentUri, "consignments"
}

resource_uri! {
    /// URL of a consignment list, `https://<host>/consignment-lists/<id>` (its `@id`).
    ConsignmentListUri, "consignment-lists"
}

resource_uri! {
    /// URL of a document, `https://<host>/documents/<consignment>/<logistics unit>/label`
    /// (a [`Document`](crate::model::Document)'s `url`); fetch it with `GET`, optionally with
    /// [`DocumentParams`](crate::model::DocumentParams).
    DocumentUri, "documents"
}

resource_uri! {
    /// URL of a logistics unit of a consignment,
    /// `https://<host>/shipments/<consignment>/<logistics unit>` (a logistics unit document's
    /// `@id`).
    LogisticsUnitUri, "shipments"
}

resource_uri! {
    /// URL of a logistics service, `https://data.metapack.net/logistics-services/<id>` (a
    /// delivery promise's `logisticsService`, the `logisticsServiceURI` parameter). The id of a
    /// service with complimentary services has them after `;` (`49ddd5d;SAFE`). The
    /// reference's consignment examples also use `/shipper-services/<id>` and
    /// `/shipper-service/<id>`, which [`id`](Self::id) reads too.
    LogisticsServiceUri, "logistics-services" | "shipper-services" | "shipper-service"
}

resource_uri! {
    /// URL of a logistics provider (carrier),
    /// `https://data.metapack.net/logistics-providers/<id>`.
    LogisticsProviderUri, "logistics-providers"
}

resource_uri! {
    /// URL of a location (shipping location, store, PUDO point),
    /// `https://<host>/locations/<uuid>`: the `uri` of an origin, sender, collection receiver
    /// or collection destination.
    LocationUri, "locations"
}

impl LogisticsUnitUri {
    /// The UUID of the logistics unit: the last segment of the path.
    pub fn unit_uuid(&self) -> Option<Uuid> {
        self.id()
            .and_then(|id| id.rsplit('/').next())
            .and_then(|last| Uuid::parse_str(last).ok())
    }
}

impl LogisticsServiceUri {
    /// The complimentary service codes after `;` in the id (`["SAFE"]` for `49ddd5d;SAFE`).
    pub fn complimentary_codes(&self) -> Vec<&str> {
        self.id()
            .map(|id| id.split(';').skip(1).filter(|c| !c.is_empty()).collect())
            .unwrap_or_default()
    }
}
