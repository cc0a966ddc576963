//! Typed [httpmock](https://docs.rs/httpmock) helpers for your own tests (feature `mock`), in
//! the style of the generated crates' `mock` modules: [`MockServerExt`] adds one method per
//! operation to [`httpmock::MockServer`], whose closure gets a typed `When` (method and path
//! already set, typed matchers) and a typed `Then` (typed answers). `into_inner()` gives the
//! plain httpmock value for anything else.
//!
//! Paths are matched by their end (`.../consignments/<uuid>`), so a client whose host is
//! `server.base_url()` or `server.url("/mm-api")` both match.
//!
//! ```
//! use httpmock::MockServer;
//! use metapack_mm_api::mock::MockServerExt;
//! use metapack_mm_api::{ClientCredentials, MmApiClient};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let server = MockServer::start_async().await;
//! let token = server.token(|when, then| {
//!     when.client("my-client", "s3cret");
//!     then.ok("tok-1", 3600);
//! });
//! let id = uuid::Uuid::new_v4();
//! let shipment = server.get_shipment(|when, then| {
//!     when.id(id).bearer("tok-1");
//!     then.ok(&metapack_mm_api::model::Shipment::default());
//! });
//! let client = MmApiClient::builder()
//!     .host(server.base_url())
//!     .data_host(server.base_url())
//!     .client_credentials(ClientCredentials::new("my-client", "s3cret"))
//!     .build()?;
//! client.get_shipment(id).await?;
//! token.assert();
//! shipment.assert();
//! # Ok(())
//! # }
//! ```

use httpmock::{Method, Mock, MockServer, Then, When};
use serde::Serialize;
use uuid::Uuid;

use crate::errors::ErrorBody;
use crate::model::{
    AllocationParams, Consignment, ConsignmentListReference, DocumentParams, LogisticsService,
    Shipment,
};
use crate::uri::{DocumentUri, ShipmentUri};
use crate::values::AcceptableConsignmentStatus;
use crate::version::ApiVersion;

/// Matches a path that ends with `pattern` (a regex without anchors), after any base path.
fn path(when: When, pattern: &str) -> When {
    when.path_matches(format!("(^|/){pattern}$").as_str())
}

/// Answers `status` with `value` as JSON.
fn json<T: Serialize>(then: Then, status: u16, value: &T) -> Then {
    then.status(status)
        .header("content-type", "application/json")
        .json_body_obj(value)
}

/// Answers `201` with `value` as JSON and `location` as `Location`.
fn created<T: Serialize>(then: Then, location: Option<&str>, value: &T) -> Then {
    let then = match location {
        Some(location) => then.header("location", location),
        None => then,
    };
    json(then, 201, value)
}

/// Matches every query parameter of `pairs`.
fn query(when: When, pairs: Vec<(&'static str, String)>) -> When {
    pairs
        .into_iter()
        .fold(when, |when, (name, value)| when.query_param(name, value))
}

macro_rules! operation {
    ($method:ident, $when:ident, $then:ident, $http:ident, $pattern:literal) => {
        #[doc = concat!("The request side of [`MockServerExt::", stringify!($method), "`].")]
        pub struct $when(When);

        impl $when {
            /// Wraps `inner`, matching the operation's method and path.
            pub fn new(inner: When) -> Self {
                Self(path(inner.method(Method::$http), $pattern))
            }

            /// The plain httpmock `When`.
            pub fn into_inner(self) -> When {
                self.0
            }

            /// Matches the `Content-Type` of `version` (what the client sends).
            pub fn version(self, version: ApiVersion) -> Self {
                Self(self.0.header("content-type", version.content_type()))
            }

            /// Matches `Authorization: Bearer <token>`.
            pub fn bearer(self, token: &str) -> Self {
                Self(self.0.header("authorization", format!("Bearer {token}")))
            }
        }

        #[doc = concat!("The answer side of [`MockServerExt::", stringify!($method), "`].")]
        pub struct $then(Then);

        impl $then {
            /// Wraps `inner`.
            pub fn new(inner: Then) -> Self {
                Self(inner)
            }

            /// The plain httpmock `Then`.
            pub fn into_inner(self) -> Then {
                self.0
            }

            /// Answers the MM-API error `body` with its `httpStatus` (400 when it has none),
            /// e.g. [`ErrorBody::constraint_violations`] or [`ErrorBody::allocation_errors`].
            pub fn error(self, body: &ErrorBody) -> Self {
                Self(json(self.0, body.status().unwrap_or(400), body))
            }
        }
    };
}

operation!(token, TokenWhen, TokenThen, POST, "auth");
operation!(
    get_shipment,
    GetShipmentWhen,
    GetShipmentThen,
    GET,
    "shipments/[^/]+"
);
operation!(allocate, AllocateWhen, AllocateThen, POST, "consignments");
operation!(
    get_consignment,
    GetConsignmentWhen,
    GetConsignmentThen,
    GET,
    "consignments/[^/]+"
);
operation!(
    delete_consignment,
    DeleteConsignmentWhen,
    DeleteConsignmentThen,
    DELETE,
    "consignments/[^/]+"
);
operation!(
    patch_consignment_status,
    PatchConsignmentStatusWhen,
    PatchConsignmentStatusThen,
    PATCH,
    "consignments/[^/]+"
);
operation!(
    patch_consignments_status,
    PatchConsignmentsStatusWhen,
    PatchConsignmentsStatusThen,
    PATCH,
    "consignments"
);
operation!(
    close_consignment_list,
    CloseConsignmentListWhen,
    CloseConsignmentListThen,
    POST,
    "consignment-lists"
);
operation!(
    get_document,
    GetDocumentWhen,
    GetDocumentThen,
    GET,
    "documents/.+"
);
operation!(
    get_logistics_service,
    GetLogisticsServiceWhen,
    GetLogisticsServiceThen,
    GET,
    "logistics-services/[^/]+"
);

impl TokenWhen {
    /// Matches the client-credentials form sent with HTTP Basic `client_id:client_secret`.
    pub fn client(self, client_id: &str, client_secret: &str) -> Self {
        use base64::Engine as _;
        let basic = base64::engine::general_purpose::STANDARD
            .encode(format!("{client_id}:{client_secret}"));
        Self(
            self.0
                .header("authorization", format!("Basic {basic}"))
                .form_urlencoded_tuple("grant_type", "client_credentials"),
        )
    }
}

impl TokenThen {
    /// `200` with `access_token` and `expires_in` (seconds).
    pub fn ok(self, access_token: &str, expires_in_secs: u64) -> Self {
        let body = serde_json::json!({
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": expires_in_secs,
        });
        Self(json(self.0, 200, &body))
    }
}

/// Matches the path ending `/<segment>/<id>`.
fn id_path(when: When, segment: &str, id: &str) -> When {
    when.path_suffix(format!("/{segment}/{id}"))
}

impl GetShipmentWhen {
    /// Matches the shipment with this UUID.
    pub fn id(self, id: Uuid) -> Self {
        Self(id_path(
            self.0,
            ShipmentUri::SEGMENT,
            &id.hyphenated().to_string(),
        ))
    }
}

impl GetShipmentThen {
    /// `200` with the shipment.
    pub fn ok(self, shipment: &Shipment) -> Self {
        Self(json(self.0, 200, shipment))
    }
}

impl AllocateWhen {
    /// Matches this shipment object as the body.
    pub fn shipment(self, shipment: &Shipment) -> Self {
        Self(self.0.json_body_obj(shipment))
    }

    /// Matches this shipment URI (a JSON string) as the body.
    pub fn shipment_uri(self, uri: &ShipmentUri) -> Self {
        Self(self.0.json_body(uri.as_str()))
    }

    /// Matches every query parameter of `params`.
    pub fn params(self, params: &AllocationParams) -> Self {
        Self(query(self.0, params.query_pairs()))
    }
}

impl AllocateThen {
    /// `201` with the consignment, and its `@id` as `Location`.
    pub fn created(self, consignment: &Consignment) -> Self {
        let location = consignment.id.as_ref().map(|id| id.as_str());
        Self(created(self.0, location, consignment))
    }
}

impl GetConsignmentWhen {
    /// Matches the consignment with this UUID.
    pub fn id(self, id: Uuid) -> Self {
        Self(id_path(
            self.0,
            "consignments",
            &id.hyphenated().to_string(),
        ))
    }
}

impl GetConsignmentThen {
    /// `200` with the consignment.
    pub fn ok(self, consignment: &Consignment) -> Self {
        Self(json(self.0, 200, consignment))
    }
}

impl DeleteConsignmentWhen {
    /// Matches the consignment with this UUID.
    pub fn id(self, id: Uuid) -> Self {
        Self(id_path(
            self.0,
            "consignments",
            &id.hyphenated().to_string(),
        ))
    }
}

impl DeleteConsignmentThen {
    /// `204 No Content`: deallocated.
    pub fn no_content(self) -> Self {
        Self(self.0.status(204))
    }
}

impl PatchConsignmentStatusWhen {
    /// Matches the consignment with this UUID.
    pub fn id(self, id: Uuid) -> Self {
        Self(id_path(
            self.0,
            "consignments",
            &id.hyphenated().to_string(),
        ))
    }

    /// Matches the status sent.
    pub fn status(self, status: AcceptableConsignmentStatus) -> Self {
        Self(self.0.json_body(serde_json::json!({ "status": status })))
    }
}

impl PatchConsignmentStatusThen {
    /// `200`: the status changed.
    pub fn ok(self) -> Self {
        Self(self.0.status(200))
    }
}

impl PatchConsignmentsStatusThen {
    /// `200`: every consignment took the status.
    pub fn ok(self) -> Self {
        Self(self.0.status(200))
    }

    /// `207 Multi-Status`: some did (the API says not which).
    pub fn multi_status(self) -> Self {
        Self(self.0.status(207))
    }
}

impl CloseConsignmentListThen {
    /// `201` with the list reference, and its `@id` as `Location`.
    pub fn created(self, reference: &ConsignmentListReference) -> Self {
        let location = reference.id.as_ref().map(|id| id.as_str());
        Self(created(self.0, location, reference))
    }
}

impl GetDocumentWhen {
    /// Matches the path of this document.
    pub fn document(self, document: &DocumentUri) -> Self {
        match document.id() {
            Some(id) => Self(id_path(self.0, DocumentUri::SEGMENT, id)),
            None => self,
        }
    }

    /// Matches every query parameter of `params` (format, resolution).
    pub fn params(self, params: &DocumentParams) -> Self {
        Self(query(self.0, params.query_pairs()))
    }
}

impl GetDocumentThen {
    /// `200` with the document's bytes and media type (`application/pdf`).
    pub fn ok(self, bytes: &[u8], media_type: &str) -> Self {
        Self(
            self.0
                .status(200)
                .header("content-type", media_type)
                .body(bytes),
        )
    }
}

impl GetLogisticsServiceWhen {
    /// Matches the service with this id.
    pub fn id(self, id: &str) -> Self {
        Self(id_path(self.0, "logistics-services", id))
    }
}

impl GetLogisticsServiceThen {
    /// `200` with the logistics service.
    pub fn ok(self, service: &LogisticsService) -> Self {
        Self(json(self.0, 200, service))
    }
}

macro_rules! server_ext {
    ($($(#[$meta:meta])* $method:ident($when:ident, $then:ident);)*) => {
        /// One typed mock per MM-API operation on an [`httpmock::MockServer`].
        pub trait MockServerExt {
            $(
                $(#[$meta])*
                fn $method<F>(&self, config_fn: F) -> Mock<'_>
                where
                    F: FnOnce($when, $then);
            )*
        }

        impl MockServerExt for MockServer {
            $(
                fn $method<F>(&self, config_fn: F) -> Mock<'_>
                where
                    F: FnOnce($when, $then),
                {
                    self.mock(|when, then| config_fn($when::new(when), $then::new(then)))
                }
            )*
        }
    };
}

server_ext! {
    /// `POST /auth`: the client-credentials token exchange.
    token(TokenWhen, TokenThen);
    /// `GET /shipments/<uuid>`.
    get_shipment(GetShipmentWhen, GetShipmentThen);
    /// `POST /consignments`: allocation.
    allocate(AllocateWhen, AllocateThen);
    /// `GET /consignments/<uuid>`.
    get_consignment(GetConsignmentWhen, GetConsignmentThen);
    /// `DELETE /consignments/<uuid>`: deallocation.
    delete_consignment(DeleteConsignmentWhen, DeleteConsignmentThen);
    /// `PATCH /consignments/<uuid>`: one consignment's status.
    patch_consignment_status(PatchConsignmentStatusWhen, PatchConsignmentStatusThen);
    /// `PATCH /consignments`: several consignments' status.
    patch_consignments_status(PatchConsignmentsStatusWhen, PatchConsignmentsStatusThen);
    /// `POST /consignment-lists`: closing a list.
    close_consignment_list(CloseConsignmentListWhen, CloseConsignmentListThen);
    /// `GET /documents/**`: a label or other document.
    get_document(GetDocumentWhen, GetDocumentThen);
    /// `GET {data host}/logistics-services/<id>`.
    get_logistics_service(GetLogisticsServiceWhen, GetLogisticsServiceThen);
}
