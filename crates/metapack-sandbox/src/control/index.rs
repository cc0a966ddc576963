//! `GET /`: what a person with curl or a browser needs to use the sandbox: each API's base
//! URL and credentials, the MM-API's token route, the MM-API shipments ready to allocate and
//! the control routes. JSON by default, HTML when the client asks for `text/html` (and not
//! for JSON).

use std::sync::{Mutex, OnceLock};

use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::header::ACCEPT;
use axum::response::{Html, IntoResponse, Response};
use serde_json::{Value, json};
use uuid::Uuid;

use super::Control;
use crate::server::{BasicCredentials, lock};

/// The content type of MM-API bodies, version 0 (the reference's preferred version).
const MM_API_CONTENT_TYPE: &str = "application/vnd.metapack.mm.v0+json";

/// The control routes: method, path, what they do.
pub(crate) const CONTROL_ROUTES: [(&str, &str, &str); 11] = [
    (
        "GET",
        "/",
        "this index (JSON, or HTML for Accept: text/html)",
    ),
    (
        "GET",
        "/_sandbox/faults",
        "the faults in force and the seed",
    ),
    (
        "PUT",
        "/_sandbox/faults",
        "replace the faults: \"503:0.2,429:0.1,reset:0.05,delay=2s:0.1\" or {\"faults\": \"...\", \"seed\": 7}",
    ),
    ("DELETE", "/_sandbox/faults", "no more faults"),
    (
        "GET",
        "/_sandbox/requests",
        "what the Metapack API routes received, oldest first (secrets left out)",
    ),
    ("DELETE", "/_sandbox/requests", "empty the request log"),
    (
        "POST",
        "/_sandbox/mm-api/shipments",
        "add an MM-API shipment (body: a Shipment in JSON); answers its id and URL",
    ),
    ("GET", "/_sandbox/clock", "the sandbox clock"),
    (
        "POST",
        "/_sandbox/clock",
        "move the clock: {\"advance\": \"1d6h\"}, {\"advanceSeconds\": 3600}, {\"now\": \"2030-01-07T10:00:00Z\"}, {\"frozen\": true}",
    ),
    (
        "POST",
        "/_sandbox/parcels/{trackingIdentifier}/events",
        "simulate a carrier event: {\"eventCode\": \"OUT_FOR_DELIVERY\", \"eventDate\": \"...\"?}",
    ),
    (
        "GET",
        "/_sandbox/scenarios",
        "the scenario recipient postcodes and the events they schedule",
    ),
];

/// What the index shows; the base URL is known once the port is bound.
#[derive(Debug)]
pub(crate) struct Index {
    base_url: OnceLock<String>,
    tracking: BasicCredentials,
    shipping: BasicCredentials,
    delivery_options_key: String,
    mm_api: BasicCredentials,
    shipping_locations: Vec<String>,
    request_log_size: usize,
    shipments: Mutex<Vec<Uuid>>,
}

/// The credentials and settings an [`Index`] shows.
#[derive(Debug)]
pub(crate) struct IndexSettings {
    pub(crate) tracking: BasicCredentials,
    pub(crate) shipping: BasicCredentials,
    pub(crate) delivery_options_key: String,
    pub(crate) mm_api: BasicCredentials,
    pub(crate) shipping_locations: Vec<String>,
    pub(crate) request_log_size: usize,
}

impl Index {
    /// An index of these settings, listing the seeded MM-API shipments.
    pub(crate) fn new(settings: IndexSettings) -> Self {
        let seeded = crate::MM_API_SEEDED_SHIPMENTS
            .iter()
            .filter_map(|id| Uuid::try_parse(id).ok())
            .collect();
        Self {
            base_url: OnceLock::new(),
            tracking: settings.tracking,
            shipping: settings.shipping,
            delivery_options_key: settings.delivery_options_key,
            mm_api: settings.mm_api,
            shipping_locations: settings.shipping_locations,
            request_log_size: settings.request_log_size,
            shipments: Mutex::new(seeded),
        }
    }

    /// Sets the server's root URL, `http://127.0.0.1:PORT`, once bound.
    pub(crate) fn set_base_url(&self, base_url: String) {
        let _ = self.base_url.set(base_url);
    }

    /// Lists a shipment created through the control API.
    pub(crate) fn add_shipment(&self, id: Uuid) {
        lock(&self.shipments).push(id);
    }

    /// The index as JSON.
    pub(crate) fn to_json(&self) -> Value {
        let base = self.base_url.get().map_or("", String::as_str);
        let mm_api_url = format!("{base}{}", crate::mm_api::BASE_PATH);
        let shipments: Vec<Value> = lock(&self.shipments)
            .iter()
            .map(|id| json!({"id": id, "url": format!("{mm_api_url}/shipments/{id}")}))
            .collect();
        let control: Vec<Value> = CONTROL_ROUTES
            .iter()
            .map(|(method, path, what)| {
                json!({"method": method, "url": format!("{base}{path}"), "description": what})
            })
            .collect();
        json!({
            "name": "metapack-sandbox",
            "version": env!("CARGO_PKG_VERSION"),
            "note": "a test server: these credentials are only the sandbox's, shown to anyone who can reach it",
            "apis": {
                "tracking": {
                    "baseUrl": format!("{base}{}", crate::tracking::BASE_PATH),
                    "auth": "HTTP Basic",
                    "username": self.tracking.username(),
                    "password": self.tracking.password(),
                },
                "shipping": {
                    "baseUrl": format!("{base}{}", crate::shipping::BASE_PATH),
                    "auth": "HTTP Basic",
                    "username": self.shipping.username(),
                    "password": self.shipping.password(),
                    "countryCodes": "ISO 3166-1 alpha-3 (GBR)",
                    "shippingLocations": self.shipping_locations,
                },
                "deliveryOptions": {
                    "baseUrl": format!("{base}{}", crate::delivery_options::BASE_PATH),
                    "auth": "API key in the key query parameter",
                    "key": self.delivery_options_key,
                },
                "mmApi": {
                    "baseUrl": mm_api_url,
                    "dataUrl": format!("{base}{}", crate::mm_api::services::DATA_BASE_PATH),
                    "auth": "OAuth2 bearer token (Authorization: Bearer ...)",
                    "token": {
                        "method": "POST",
                        "url": format!("{mm_api_url}/auth"),
                        "auth": "HTTP Basic with the client id and secret",
                        "contentType": "application/x-www-form-urlencoded",
                        "body": "grant_type=client_credentials",
                    },
                    "clientId": self.mm_api.username(),
                    "clientSecret": self.mm_api.password(),
                    "contentType": MM_API_CONTENT_TYPE,
                    "shipments": shipments,
                },
            },
            "control": control,
            "scenarios": crate::ParcelScenario::ALL
                .iter()
                .map(|scenario| json!({
                    "recipientPostcode": scenario.postcode(),
                    "description": scenario.description(),
                }))
                .collect::<Vec<_>>(),
            "requestLogSize": self.request_log_size,
        })
    }
}

/// `GET /`: the index, as HTML when the client prefers it.
pub(crate) async fn index(State(control): State<Control>, headers: HeaderMap) -> Response {
    let json = control.index.to_json();
    if wants_html(&headers) {
        Html(render_html(&json)).into_response()
    } else {
        axum::Json(json).into_response()
    }
}

/// Whether `Accept` names `text/html` and not `application/json` (a browser, not curl).
fn wants_html(headers: &HeaderMap) -> bool {
    let accept = headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(",")
        .to_ascii_lowercase();
    accept.contains("text/html") && !accept.contains("application/json")
}

/// The index as an HTML page: one section per API, then the control routes.
fn render_html(json: &Value) -> String {
    let mut html = String::from(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>metapack-sandbox</title>\
         <style>body{font-family:sans-serif;max-width:60em;margin:2em auto}\
         td,th{text-align:left;padding:.2em .8em;vertical-align:top}code{background:#eee}</style>\
         </head><body>\n",
    );
    let text = |value: &Value| match value {
        Value::String(text) => escape(text),
        other => escape(&other.to_string()),
    };
    html.push_str(&format!(
        "<h1>metapack-sandbox {}</h1>\n<p>{}.</p>\n",
        text(&json["version"]),
        text(&json["note"])
    ));
    if let Some(apis) = json["apis"].as_object() {
        for (name, api) in apis {
            html.push_str(&format!("<h2>{}</h2>\n<table>\n", escape(name)));
            for (field, value) in api.as_object().into_iter().flatten() {
                let shown = match value {
                    Value::Object(map) => map
                        .iter()
                        .map(|(k, v)| format!("{}: <code>{}</code>", escape(k), text(v)))
                        .collect::<Vec<_>>()
                        .join("<br>"),
                    Value::Array(items) => items
                        .iter()
                        .map(|item| match item.get("url") {
                            Some(url) => format!("<code>{}</code>", text(url)),
                            None => format!("<code>{}</code>", text(item)),
                        })
                        .collect::<Vec<_>>()
                        .join("<br>"),
                    other => format!("<code>{}</code>", text(other)),
                };
                html.push_str(&format!(
                    "<tr><th>{}</th><td>{shown}</td></tr>\n",
                    escape(field)
                ));
            }
            html.push_str("</table>\n");
        }
    }
    html.push_str("<h2>control</h2>\n<table>\n");
    for route in json["control"].as_array().into_iter().flatten() {
        html.push_str(&format!(
            "<tr><th>{}</th><td><code>{}</code></td><td>{}</td></tr>\n",
            text(&route["method"]),
            text(&route["url"]),
            text(&route["description"])
        ));
    }
    html.push_str("</table>\n</body></html>\n");
    html
}

/// `text` safe inside HTML elements and attributes.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_only_for_browsers() {
        let mut headers = HeaderMap::new();
        assert!(!wants_html(&headers));
        headers.insert(ACCEPT, "*/*".parse().unwrap());
        assert!(!wants_html(&headers));
        headers.insert(
            ACCEPT,
            "text/html,application/xhtml+xml,*/*;q=0.8".parse().unwrap(),
        );
        assert!(wants_html(&headers));
        headers.insert(ACCEPT, "application/json, text/html".parse().unwrap());
        assert!(!wants_html(&headers));
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
