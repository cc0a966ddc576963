//! Sends every request example to the sandbox and checks the documented outcome. Each case
//! names the example files it sends; state a request needs (a consignment to exist) is created
//! first, and the codes the sandbox gives it are substituted into paths and bodies.

mod dates;
mod delivery_options;
mod mm_api;
mod shipping;
mod tracking;

use metapack_sandbox::Sandbox;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::Value;

use super::corpus;
use super::schema::Spec;

/// What a case answers: `Err` says how the sandbox departed from the documented outcome.
pub type Outcome = Result<(), String>;

/// One sandbox case.
pub struct Case {
    /// Its name, as `KNOWN_SANDBOX_GAPS` refers to it.
    pub name: &'static str,
    /// The API directory of its examples.
    pub api: &'static str,
    /// The example files it sends.
    pub examples: &'static [&'static str],
}

macro_rules! cases {
    ($($module:ident :: $name:ident ($api:literal, [$($file:literal),* $(,)?]);)*) => {
        /// Every case.
        pub const CASES: &[Case] = &[$(Case {
            name: concat!(stringify!($module), "::", stringify!($name)),
            api: $api,
            examples: &[$($file),*],
        }),*];

        /// Runs every case against one sandbox, in order, answering each outcome.
        pub async fn run_all(ctx: &Ctx) -> Vec<(&'static str, Outcome)> {
            let mut outcomes = Vec::new();
            $(outcomes.push((
                concat!(stringify!($module), "::", stringify!($name)),
                $module::$name(ctx).await,
            ));)*
            outcomes
        }
    };
}

cases! {
    shipping::create_consignment("shipping", ["create_consignment.request.json"]);
    shipping::get_consignment("shipping", ["get_consignment.curl.json"]);
    shipping::update_consignment("shipping", ["update_consignment.request.json"]);
    shipping::patch_consignment("shipping", ["patch_consignment.request.json"]);
    shipping::delete_consignment("shipping", ["delete_consignment.curl.json"]);
    shipping::add_parcel("shipping", ["add_parcel.request.json"]);
    shipping::remove_parcel("shipping", ["remove_parcel.curl.json"]);
    shipping::consolidate_parcel("shipping", ["consolidate_parcel.request.json", "unconsolidate_parcel.curl.json"]);
    shipping::add_item("shipping", ["add_item.request.json", "remove_item.curl.json"]);
    shipping::create_consignment_with_paperwork("shipping", ["create_consignment_with_paperwork.request.json"]);
    shipping::allocate_consignment("shipping", ["allocate_consignment.request.json"]);
    shipping::search_consignments("shipping", ["search_consignments.curl.json"]);
    shipping::paperwork("shipping", ["get_consignment_paperwork.curl.json", "get_parcel_paperwork.curl.json"]);
    shipping::deallocate_consignment("shipping", ["deallocate_consignment.curl.json"]);
    shipping::manifest("shipping", ["set_ready_to_ship.curl.json", "create_manifest.request.json", "get_manifest_paperwork.curl.json"]);
    shipping::validate_allocation("shipping", ["validate_allocation.request.json"]);
    shipping::get_rates("shipping", ["get_rates.request.json"]);
    shipping::setup_data("shipping", ["list_carriers.curl.json", "list_carrier_services.curl.json", "list_shipping_locations.curl.json"]);
    shipping::bad_requests("shipping", []);
    tracking::deliveries("tracking", ["upsert_delivery.request.json", "add_delivery_event.request.json"]);
    tracking::delivery_legs("tracking", ["upsert_delivery_leg.request.json", "add_delivery_leg_event.request.json"]);
    tracking::get_parcel_journeys("tracking", ["get_parcel_journeys.curl.json"]);
    tracking::delete_delivery_legs("tracking", ["delete_delivery_legs.curl.json"]);
    tracking::bad_requests("tracking", []);
    delivery_options::find_delivery_options("delivery-options", ["find_delivery_options.curl.json"]);
    delivery_options::find_own_stores("delivery-options", ["find_delivery_options.curl.ownstore.json"]);
    delivery_options::find_by_skus("delivery-options", ["find_delivery_options.curl.skus.json"]);
    mm_api::get_shipment("mm-api", ["get_shipment.curl.json"]);
    mm_api::allocate_shipment("mm-api", ["allocate_shipment.curl.json", "allocate_shipment.request.json"]);
    mm_api::allocate_with_return_label("mm-api", ["allocate_shipment.curl.json", "allocate_shipment.request.json"]);
    mm_api::get_consignment("mm-api", ["get_consignment.curl.json"]);
    mm_api::get_document("mm-api", ["get_document.curl.json"]);
    mm_api::update_consignment_status("mm-api", ["update_consignment_status.curl.json", "update_consignment_status.request.json"]);
    mm_api::update_consignments_status("mm-api", ["update_consignments_status.curl.json", "update_consignments_status.request.json"]);
    mm_api::close_consignment_list("mm-api", ["close_consignment_list.curl.json", "close_consignment_list.request.json"]);
    mm_api::deallocate_consignment("mm-api", ["deallocate_consignment.curl.json"]);
    mm_api::get_logistics_service("mm-api", ["get_logistics_service.curl.json"]);
    mm_api::error_responses("mm-api", []);
    mm_api::allocation_error_delivery_window("mm-api", ["allocate_shipment.curl.json", "allocate_shipment.request.json"]);
}

/// A started sandbox, an HTTP client, an MM-API token and the specs.
pub struct Ctx {
    /// The sandbox.
    pub sandbox: Sandbox,
    http: reqwest::Client,
    mm_token: String,
    /// `specs/shipping.yaml`.
    pub shipping: Spec,
    /// `specs/tracking.yaml`.
    pub tracking: Spec,
    /// `specs/delivery-options.yaml`.
    pub delivery_options: Spec,
}

impl Ctx {
    /// Starts a sandbox and fetches an MM-API token.
    pub async fn start() -> Ctx {
        let sandbox = Sandbox::start().await.expect("sandbox starts");
        let http = metapack_core::tls::http_client().expect("an HTTP client");
        let (id, secret) = sandbox.mm_api().client_credentials();
        let response = http
            .post(format!("{}/auth", sandbox.mm_api().url()))
            .basic_auth(id, Some(secret))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
            .await
            .expect("token request");
        let body: Value = response.json().await.expect("token body");
        let mm_token = body["access_token"]
            .as_str()
            .expect("access_token")
            .to_owned();
        Ctx {
            sandbox,
            http,
            mm_token,
            shipping: Spec::load("shipping"),
            tracking: Spec::load("tracking"),
            delivery_options: Spec::load("delivery-options"),
        }
    }

    /// A Shipping request, authenticated.
    pub fn shipping(&self, method: Method, path: &str) -> RequestBuilder {
        let (user, password) = self.sandbox.shipping().credentials();
        self.http
            .request(method, format!("{}{path}", self.sandbox.shipping().url()))
            .basic_auth(user, Some(password))
    }

    /// A Tracking request, authenticated.
    pub fn tracking(&self, method: Method, path: &str) -> RequestBuilder {
        let (user, password) = self.sandbox.tracking().credentials();
        self.http
            .request(method, format!("{}{path}", self.sandbox.tracking().url()))
            .basic_auth(user, Some(password))
    }

    /// A Delivery Options request (the key travels in the query).
    pub fn delivery_options(&self, path: &str) -> RequestBuilder {
        self.http
            .get(format!("{}{path}", self.sandbox.delivery_options().url()))
    }

    /// An MM-API request with the bearer token.
    pub fn mm_api(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.sandbox.mm_api().url()))
            .bearer_auth(&self.mm_token)
    }

    /// A request to the MM-API's data host (no authentication).
    pub fn mm_data(&self, path: &str) -> RequestBuilder {
        self.http
            .get(format!("{}{path}", self.sandbox.mm_api().data_url()))
    }
}

/// A response: its status, content type and body (JSON, or `Value::String` for other text,
/// `Value::Null` when empty).
pub struct Answer {
    /// The status.
    pub status: StatusCode,
    /// The `content-type` header.
    pub content_type: String,
    /// The `location` header, if any.
    pub location: Option<String>,
    /// The body.
    pub body: Value,
}

impl Answer {
    /// `Err` unless the status is `expected`.
    pub fn expect(&self, expected: u16, what: &str) -> Outcome {
        if self.status.as_u16() == expected {
            Ok(())
        } else {
            Err(format!(
                "{what}: documented {expected}, sandbox answered {} {}",
                self.status, self.body
            ))
        }
    }

    /// `Err` unless the status is `expected` and the body's `field` is `code`.
    pub fn expect_error(&self, expected: u16, field: &str, code: &str, what: &str) -> Outcome {
        self.expect(expected, what)?;
        if self.body[field] == code {
            Ok(())
        } else {
            Err(format!(
                "{what}: documented {field} {code}, sandbox answered {}",
                self.body
            ))
        }
    }
}

/// Sends a request with an optional JSON body (`content_type` for it) and reads the answer.
pub async fn send(request: RequestBuilder, body: Option<(&str, &Value)>) -> Result<Answer, String> {
    let request = match body {
        Some((content_type, body)) => request
            .header("content-type", content_type)
            .body(serde_json::to_vec(body).map_err(|e| e.to_string())?),
        None => request,
    };
    let response = request
        .send()
        .await
        .map_err(|e| format!("request failed: {e}"))?;
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type").unwrap_or_default();
    let location = header("location");
    let bytes = response.bytes().await.map_err(|e| format!("body: {e}"))?;
    let body = if bytes.is_empty() {
        Value::Null
    } else if content_type.contains("json") {
        serde_json::from_slice(&bytes).map_err(|e| format!("{status}: body is not JSON: {e}"))?
    } else {
        Value::String(String::from_utf8_lossy(&bytes).into_owned())
    };
    Ok(Answer {
        status,
        content_type,
        location,
        body,
    })
}

/// Adds a request line's query parameters and headers to `request`.
pub fn with_line(mut request: RequestBuilder, line: &Value) -> RequestBuilder {
    if let Some(query) = line["query"].as_object() {
        let pairs: Vec<(&str, &str)> = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default()))
            .collect();
        request = request.query(&pairs);
    }
    if let Some(headers) = line["headers"].as_object() {
        for (name, value) in headers {
            request = request.header(name, value.as_str().unwrap_or_default());
        }
    }
    request
}

/// A request line's method.
pub fn method_of(line: &Value) -> Method {
    line["method"]
        .as_str()
        .and_then(|m| m.parse().ok())
        .unwrap_or(Method::GET)
}

/// An example file of an API.
pub fn example(api: &str, file: &str) -> Value {
    corpus::get(api, file)
}

/// `Err` listing how a sandbox response departs from the spec's schema for it.
pub fn conforms(spec: &Spec, operation: &str, answer: &Answer) -> Outcome {
    let schema = spec.response_schema(operation, answer.status.as_u16())?;
    let findings = spec.check(schema, &answer.body);
    if findings.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the sandbox's {} answer to {operation} departs from {}: {}",
            answer.status,
            spec.name,
            findings.join("; ")
        ))
    }
}

/// The last path segment of a URL.
pub fn last_segment(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}
