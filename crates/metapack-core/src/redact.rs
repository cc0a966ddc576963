//! Secrets: what a request sent as a secret, scrubbed from its answer before the answer
//! leaves the runtime.
//!
//! Servers echo what they were sent: Delivery Options repeats every query parameter,
//! including the API key, in `header.inputParameters`; a gateway may quote an
//! `Authorization` header in an error page. Errors keep parts of answers (the body of an
//! [`ApiError`](crate::ApiError), the snippet of an [`Error::Decode`](crate::Error::Decode),
//! decoder messages quoting a value), and they are built after the runtime hands the answer
//! on (in generated code, the fronts' `finish`, the MM-API client), where the credentials
//! are unknown. So the runtime, which knows what it sent, scrubs the answer itself: every
//! occurrence of a secret in the body (and, in an error answer, in a header value) becomes
//! [`REDACTED`].
//!
//! The secrets are the runtime's credentials (a Basic password and its base64
//! `user:password`, an API key) and whatever the request carries in `Authorization` (a
//! bearer token, or Basic credentials set by the caller, like the MM-API's client secret
//! sent to its token endpoint). Each is looked for raw, percent-encoded (as in a query
//! string, `+` or `%20` for a space, either hex case), JSON-escaped and base64-encoded.
//!
//! Secrets sent in the `Authorization` header (Basic credentials, a bearer token) are scrubbed
//! from error answers, where gateways and servers quote request headers; success answers are
//! searched only for the API key, which travels in the query string and which Delivery Options
//! repeats in every answer. Searching every success body for every form of a Basic password
//! cost about 4% of a call's instructions, for an echo no Metapack API makes.
//!
//! A secret shorter than [`MIN_SCRUBBED_LEN`] bytes is scrubbed from error answers only:
//! replacing a short word in a success answer could change its data (a password `parcel`
//! would rename fields). One shorter than [`MIN_SCRUBBED_ERROR_LEN`] bytes, which guards
//! nothing, is not scrubbed at all (a password `p` would garble every error message).

use std::borrow::Cow;

use base64::Engine as _;
use bytes::Bytes;
use memchr::memmem::Finder;
use reqwest::header::{HeaderMap, HeaderValue};

use crate::Credentials;

/// What a secret is replaced with.
pub const REDACTED: &str = "[REDACTED]";

/// Secrets at least this long (in bytes) are scrubbed from success answers too; shorter ones
/// from error answers only.
pub const MIN_SCRUBBED_LEN: usize = 8;

/// Secrets (and encoded forms) shorter than this many bytes are not scrubbed at all.
pub const MIN_SCRUBBED_ERROR_LEN: usize = 4;

/// The encoded forms of a request's secrets.
#[derive(Clone, Default)]
pub(crate) struct Secrets {
    /// Each form, and whether success answers are searched for it too.
    finders: Vec<(Finder<'static>, bool)>,
}

impl Secrets {
    /// The secrets of the runtime's own credentials (a bearer token is taken from each
    /// request instead, as it changes).
    pub(crate) fn of_credentials(credentials: &Credentials) -> Self {
        let mut secrets = Self::default();
        match credentials {
            Credentials::Basic { username, password } => {
                secrets.add_basic(username, password.expose());
            }
            Credentials::ApiKey(key) => secrets.add(key.expose(), true),
            Credentials::Bearer(_) | Credentials::None => {}
        }
        secrets
    }

    /// The secrets of a request: these (the runtime's) plus what its `Authorization` header
    /// value holds, unless that is the runtime's own Basic value (`own`). Borrowed when nothing
    /// is added.
    pub(crate) fn with_authorization<'a>(
        &'a self,
        value: Option<&HeaderValue>,
        own: Option<&HeaderValue>,
    ) -> Cow<'a, Secrets> {
        let Some(value) = value.filter(|v| Some(*v) != own) else {
            return Cow::Borrowed(self);
        };
        let Ok(value) = value.to_str() else {
            return Cow::Borrowed(self);
        };
        let mut secrets = self.clone();
        let (scheme, credentials) = value.split_once(' ').unwrap_or(("", value));
        let credentials = credentials.trim();
        if scheme.eq_ignore_ascii_case("basic") {
            secrets.add(credentials, false);
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(credentials)
                .ok()
                .and_then(|raw| String::from_utf8(raw).ok());
            if let Some((_, password)) = decoded.as_deref().and_then(|d| d.split_once(':')) {
                secrets.add(password, false);
            }
        } else {
            secrets.add(credentials, false);
        }
        Cow::Owned(secrets)
    }

    fn add_basic(&mut self, username: &str, password: &str) {
        self.add(password, false);
        let pair = format!("{username}:{password}");
        self.add(
            &base64::engine::general_purpose::STANDARD.encode(pair),
            false,
        );
    }

    /// Adds `secret` in its encoded forms; `in_success`: success answers are searched too.
    fn add(&mut self, secret: &str, in_success: bool) {
        if secret.is_empty() {
            return;
        }
        let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        let percent = form.replace('+', "%20");
        let json = serde_json::to_string(secret).unwrap_or_default();
        let json = json.trim_matches('"').to_owned();
        let base64 = base64::engine::general_purpose::STANDARD.encode(secret);
        let forms = [
            secret.to_owned(),
            lower_hex(&form),
            lower_hex(&percent),
            json.replace('/', "\\/"),
            base64.trim_end_matches('=').to_owned(),
            form,
            percent,
            json,
        ];
        for form in forms {
            if !form.is_empty()
                && !self
                    .finders
                    .iter()
                    .any(|(f, _)| f.needle() == form.as_bytes())
            {
                self.finders
                    .push((Finder::new(form.as_bytes()).into_owned(), in_success));
            }
        }
    }

    /// `body` with every secret replaced by [`REDACTED`]; the same bytes, uncopied, when it
    /// holds none. Header secrets and secrets shorter than [`MIN_SCRUBBED_LEN`] are looked for
    /// only when `error` (the answer will only become an error), and none shorter than
    /// [`MIN_SCRUBBED_ERROR_LEN`].
    pub(crate) fn scrub(&self, body: Bytes, error: bool) -> Bytes {
        let mut scrubbed: Option<Vec<u8>> = None;
        for finder in self.applicable(error) {
            let text = scrubbed.as_deref().unwrap_or(&body);
            if finder.find(text).is_some() {
                scrubbed = Some(replace_all(text, finder));
            }
        }
        scrubbed.map_or(body, Bytes::from)
    }

    /// Scrubs the header values of an error answer (one of them may become its trace id).
    pub(crate) fn scrub_headers(&self, headers: &mut HeaderMap) {
        if self.finders.is_empty() {
            return;
        }
        for value in headers.values_mut() {
            let scrubbed = self.scrub(Bytes::copy_from_slice(value.as_bytes()), true);
            if scrubbed != value.as_bytes() {
                *value = HeaderValue::from_maybe_shared(scrubbed)
                    .unwrap_or_else(|_| HeaderValue::from_static(REDACTED));
            }
        }
    }

    fn applicable(&self, error: bool) -> impl Iterator<Item = &Finder<'static>> {
        let min = if error {
            MIN_SCRUBBED_ERROR_LEN
        } else {
            MIN_SCRUBBED_LEN
        };
        self.finders
            .iter()
            .filter(move |(f, in_success)| (error || *in_success) && f.needle().len() >= min)
            .map(|(f, _)| f)
    }
}

/// `text` with every `needle` of `finder` replaced by [`REDACTED`].
fn replace_all(text: &[u8], finder: &Finder<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = 0;
    for at in finder.find_iter(text) {
        if at < rest {
            continue;
        }
        out.extend_from_slice(&text[rest..at]);
        out.extend_from_slice(REDACTED.as_bytes());
        rest = at + finder.needle().len();
    }
    out.extend_from_slice(&text[rest..]);
    out
}

/// Percent-encoded text with lower-case hex digits.
fn lower_hex(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut hex = 0;
    for c in encoded.chars() {
        if c == '%' {
            hex = 2;
            out.push(c);
        } else if hex > 0 {
            hex -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secret;
    use reqwest::header::AUTHORIZATION;

    fn scrubbed(secrets: &Secrets, text: &str, error: bool) -> String {
        let body = secrets.scrub(Bytes::copy_from_slice(text.as_bytes()), error);
        String::from_utf8(body.to_vec()).expect("utf-8")
    }

    #[test]
    fn every_form_of_an_api_key_is_scrubbed() {
        let secrets = Secrets::of_credentials(&Credentials::ApiKey(Secret::new("k3y/with+ü é")));
        let body = r#"{"key":"k3y/with+ü é","q":"k3y%2Fwith%2B%C3%BC+%C3%A9","r":"k3y%2fwith%2b%c3%bc%20%c3%a9","j":"k3y\/with+ü é","b":"azN5L3dpdGgrw7wgw6k="}"#;
        let out = scrubbed(&secrets, body, false);
        assert_eq!(
            out,
            r#"{"key":"[REDACTED]","q":"[REDACTED]","r":"[REDACTED]","j":"[REDACTED]","b":"[REDACTED]="}"#
        );
    }

    #[test]
    fn a_body_without_secrets_is_not_copied() {
        let secrets = Secrets::of_credentials(&Credentials::basic("user", "long-password"));
        let body = Bytes::from_static(b"{\"ok\":true}");
        let out = secrets.scrub(body.clone(), false);
        assert_eq!(out.as_ptr(), body.as_ptr());
    }

    #[test]
    fn short_secrets_are_scrubbed_from_errors_only() {
        let secrets = Secrets::of_credentials(&Credentials::basic("u", "parcel"));
        assert_eq!(
            scrubbed(&secrets, r#"{"parcel":1}"#, false),
            r#"{"parcel":1}"#
        );
        assert_eq!(
            scrubbed(&secrets, "bad password parcel", true),
            "bad password [REDACTED]"
        );
    }

    #[test]
    fn authorization_headers_of_the_request_are_secrets() {
        let none = Secrets::default();
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_static("Bearer tok-123456789"),
        );
        let secrets = none.with_authorization(headers.get(AUTHORIZATION), None);
        assert_eq!(
            scrubbed(&secrets, "echo: Bearer tok-123456789", true),
            "echo: Bearer [REDACTED]"
        );
        // Header secrets are not looked for in success answers (see the module docs).
        assert_eq!(
            scrubbed(&secrets, "echo: Bearer tok-123456789", false),
            "echo: Bearer tok-123456789"
        );
        // Basic credentials set by the caller (the MM-API's client secret).
        let value = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode("client:the-client-secret")
        );
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(&value).expect("header"),
        );
        let secrets = none.with_authorization(headers.get(AUTHORIZATION), None);
        let echoed = format!("secret the-client-secret in {value}");
        assert_eq!(
            scrubbed(&secrets, &echoed, true),
            "secret [REDACTED] in Basic [REDACTED]"
        );
        // The runtime's own Basic value adds nothing.
        assert!(matches!(
            none.with_authorization(headers.get(AUTHORIZATION), headers.get(AUTHORIZATION)),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn header_values_of_errors_are_scrubbed() {
        let secrets = Secrets::of_credentials(&Credentials::ApiKey(Secret::new("abcdefgh123")));
        let mut headers = HeaderMap::new();
        headers.insert("x-trace-id", HeaderValue::from_static("abcdefgh123"));
        headers.insert("x-other", HeaderValue::from_static("fine"));
        secrets.scrub_headers(&mut headers);
        assert_eq!(headers["x-trace-id"], REDACTED);
        assert_eq!(headers["x-other"], "fine");
    }
}
