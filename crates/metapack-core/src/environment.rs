//! [`Environment`]: which Metapack deployment a client talks to.
//!
//! Custom base URLs must use `https`, except that plain `http` is accepted
//! for loopback hosts (`127.0.0.0/8`, `::1`, `localhost`) so tests and local
//! mocks work. Trailing slashes are removed: base URLs are joined with
//! operation paths that start with `/`.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use url::{Host, Url};

use crate::Error;

/// The deployment to send requests to. Every client builder requires one: there is no default,
/// so a client never talks to a deployment its author did not name.
///
/// - [`Environment::Production`]: Metapack's production.
/// - [`Environment::MetapackSandbox`]: Metapack's *hosted* sandbox (e.g. `api.sbx.metapack.com`),
///   with your Metapack test account.
/// - [`Environment::custom`]: any other base URL, such as a platform-stack host or the local
///   emulator of the `metapack-sandbox` crate (`Environment::custom(sandbox.shipping().url())?`,
///   which runs offline, in your process).
///
/// ```
/// use metapack_core::Environment;
///
/// let env = Environment::custom("http://127.0.0.1:8080/api/")?;
/// let url = env.base_url_str("https://sandbox.example", "https://api.example")?;
/// assert_eq!(url, "http://127.0.0.1:8080/api");
/// assert!(Environment::custom("http://example.com").is_err());
/// # Ok::<(), metapack_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Environment {
    /// Metapack's hosted sandbox (test) deployment, reached over the internet with a Metapack
    /// test account. Not the local emulator of the `metapack-sandbox` crate: pass that one's
    /// URL to [`Environment::custom`].
    MetapackSandbox,
    /// Metapack's production deployment.
    Production,
    /// Any other base URL (e.g. a local mock); validated when used.
    Custom(Url),
}

impl Environment {
    /// Parses and validates a custom base URL.
    pub fn custom(url: &str) -> Result<Self, Error> {
        let parsed = Url::parse(url.trim()).map_err(|e| {
            Error::invalid_request(format!(
                "invalid base URL: {e}; expected an absolute URL such as https://host/path"
            ))
        })?;
        validate(&parsed)?;
        Ok(Self::Custom(parsed))
    }

    /// Resolves the base URL, given the API's hosted-sandbox and production URLs.
    ///
    /// The path never ends with `/` unless it is the root path (which
    /// [`Url`] always serializes as `/`); see [`base_url_str`](Self::base_url_str)
    /// for the string form used as progenitor's `baseurl`.
    pub fn base_url(&self, sandbox: &str, production: &str) -> Result<Url, Error> {
        let mut url = match self {
            Self::MetapackSandbox => parse_builtin(sandbox)?,
            Self::Production => parse_builtin(production)?,
            Self::Custom(url) => url.clone(),
        };
        validate(&url)?;
        let trimmed = url.path().trim_end_matches('/').to_owned();
        url.set_path(&trimmed);
        Ok(url)
    }

    /// Like [`base_url`](Self::base_url), as a string that never ends with `/`.
    pub fn base_url_str(&self, sandbox: &str, production: &str) -> Result<String, Error> {
        let url = self.base_url(sandbox, production)?;
        Ok(url.as_str().trim_end_matches('/').to_owned())
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MetapackSandbox => f.write_str("metapack-hosted-sandbox"),
            Self::Production => f.write_str("production"),
            Self::Custom(url) => f.write_str(url.as_str()),
        }
    }
}

impl FromStr for Environment {
    type Err = Error;

    /// Accepts `production`, `metapack-hosted-sandbox` (case-insensitive; what `Display`
    /// writes) or a custom URL. A bare `sandbox` is refused as ambiguous: Metapack's hosted
    /// sandbox and the local `metapack-sandbox` emulator are both sandboxes.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "metapack-hosted-sandbox" => Ok(Self::MetapackSandbox),
            "production" => Ok(Self::Production),
            "sandbox" | "metapack-sandbox" => Err(Error::invalid_request(format!(
                "environment {s:?} is ambiguous: use \"metapack-hosted-sandbox\" for Metapack's hosted \
                 sandbox, or the URL of the local metapack-sandbox emulator (e.g. \
                 http://127.0.0.1:8080/shipping/v1)"
            ))),
            _ => Self::custom(s),
        }
    }
}

fn parse_builtin(url: &str) -> Result<Url, Error> {
    Url::parse(url)
        .map_err(|e| Error::invalid_request(format!("invalid built-in base URL {url:?}: {e}")))
}

/// Checks a base URL the way [`Environment::custom`] does: an absolute `https` URL (plain
/// `http` only on loopback) without user info, query string or fragment. For hand-written
/// clients that take hosts of their own.
pub fn validate(url: &Url) -> Result<(), Error> {
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(Error::invalid_request(format!(
            "base URL {url} has no host; use https://host[:port]/path"
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid_request(
            "base URL must not contain user info; pass credentials through Credentials instead",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::invalid_request(
            "base URL must not contain a query string or fragment; remove everything after '?' or '#'",
        ));
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(Error::invalid_request(format!(
            "base URL {url} uses plain http; use https (http is only allowed for loopback hosts such as 127.0.0.1 or localhost)"
        ))),
        other => Err(Error::invalid_request(format!(
            "base URL scheme {other:?} is not supported; use https"
        ))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SB: &str = "https://sandbox.example.com/api/";
    const PR: &str = "https://api.example.com";

    #[test]
    fn builtin_urls_are_normalized() {
        let sb = Environment::MetapackSandbox
            .base_url_str(SB, PR)
            .expect("sandbox");
        assert_eq!(sb, "https://sandbox.example.com/api");
        let pr = Environment::Production.base_url_str(SB, PR).expect("prod");
        assert_eq!(pr, "https://api.example.com");
        let url = Environment::MetapackSandbox.base_url(SB, PR).expect("url");
        assert_eq!(url.path(), "/api");
    }

    #[test]
    fn custom_url_rules() {
        for ok in [
            "https://mock.example.com/",
            "http://127.0.0.1:9000",
            "http://127.8.9.10/x",
            "http://[::1]:8080/base//",
            "http://LOCALHOST:3000",
        ] {
            let env = Environment::custom(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            let s = env.base_url_str(SB, PR).expect("resolves");
            assert!(!s.ends_with('/'), "{s}");
        }
        for bad in [
            "http://example.com",
            "http://10.0.0.1",
            "ftp://127.0.0.1",
            "not a url",
            "https://user:pw@example.com",
            "https://example.com/?key=1",
            "http://localhost.example.com",
        ] {
            let err = Environment::custom(bad).expect_err(bad);
            assert!(
                matches!(err, Error::InvalidRequest { .. }),
                "{bad}: {err:?}"
            );
        }
        let err = Environment::custom("http://example.com").expect_err("http");
        assert!(err.to_string().contains("use https"), "{err}");
        // A Custom built directly is validated on use, too.
        let raw = Environment::Custom(Url::parse("http://example.com").expect("url"));
        assert!(raw.base_url(SB, PR).is_err());
    }

    #[test]
    fn from_str() {
        assert_eq!(
            "Metapack-Hosted-Sandbox"
                .parse::<Environment>()
                .expect("sb"),
            Environment::MetapackSandbox
        );
        for env in [Environment::MetapackSandbox, Environment::Production] {
            assert_eq!(
                env.to_string().parse::<Environment>().expect("round trip"),
                env
            );
        }
        for ambiguous in ["sandbox", "Metapack-Sandbox"] {
            let err = ambiguous.parse::<Environment>().expect_err(ambiguous);
            assert!(err.to_string().contains("ambiguous"), "{err}");
        }
        assert_eq!(
            "production".parse::<Environment>().expect("pr"),
            Environment::Production
        );
        assert!(matches!(
            "https://x.example".parse::<Environment>(),
            Ok(Environment::Custom(_))
        ));
    }
}
