//! Typed outcomes of the operations whose answers are more than one decoded body: allocation,
//! the allocation check, manifest creation and the rate list.

use std::ops::Deref;

use crate::types::{Consignment, ConsignmentResponse, Link, ManifestResponse, Rate, Service};

/// What `allocate_consignment` did.
#[derive(Clone, Debug, PartialEq)]
pub enum Allocation {
    /// `201`: the consignment was allocated and comes back with its carrier service.
    Allocated(Box<ConsignmentResponse>),
    /// `204`: no subscribed carrier service fits the consignment and its shipping rules; it
    /// stays unallocated.
    NoServiceAvailable,
}

impl Allocation {
    /// Whether the consignment was allocated.
    pub fn is_allocated(&self) -> bool {
        matches!(self, Allocation::Allocated(_))
    }

    /// The allocated consignment, if any.
    pub fn consignment(&self) -> Option<&Consignment> {
        match self {
            Allocation::Allocated(response) => response.consignment.as_ref(),
            Allocation::NoServiceAvailable => None,
        }
    }

    /// The response of an allocation, if there was one.
    pub fn into_response(self) -> Option<ConsignmentResponse> {
        match self {
            Allocation::Allocated(response) => Some(*response),
            Allocation::NoServiceAvailable => None,
        }
    }
}

/// What `validate_allocation` found, without allocating anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AllocationCheck {
    /// A subscribed carrier service is available for the consignment and its shipping rules.
    ServiceAvailable,
    /// No subscribed carrier service is available at this time (`204`).
    NoServiceAvailable,
}

impl AllocationCheck {
    /// Whether a carrier service is available.
    pub fn is_available(self) -> bool {
        self == AllocationCheck::ServiceAvailable
    }
}

/// A created manifest: its code, read from the `manifest` link, and the response itself.
#[derive(Clone, Debug, PartialEq)]
pub struct ManifestCreated {
    /// The manifest code, from the link with `rel` `manifest` and `href` `/manifests/{code}`
    /// (or, lacking that relation, the first link to `/manifests/{code}`). `None` when the
    /// response links to no manifest: the manifest may still have been created, so do not
    /// simply repeat the call.
    pub manifest_code: Option<String>,
    /// The response as received.
    pub response: ManifestResponse,
}

impl ManifestCreated {
    /// Reads the manifest code from a response's links.
    pub fn from_response(response: ManifestResponse) -> Self {
        let links = response.links.as_deref().unwrap_or_default();
        let is_manifest = |l: &&Link| {
            l.rel
                .as_deref()
                .is_some_and(|r| r.trim().eq_ignore_ascii_case("manifest"))
        };
        let manifest_code = links
            .iter()
            .filter(is_manifest)
            .find_map(|l| l.href.as_deref().and_then(manifest_code_from_href))
            .or_else(|| {
                links
                    .iter()
                    .find_map(|l| l.href.as_deref().and_then(manifest_code_from_href))
            });
        Self {
            manifest_code,
            response,
        }
    }

    /// The manifest code, if the response linked to a manifest.
    pub fn code(&self) -> Option<&str> {
        self.manifest_code.as_deref()
    }
}

/// The segment after `manifests` in a relative or absolute href (`/manifests/M-1`,
/// `https://host/shipping/v1/manifests/M-1/paperwork?x=y`), percent-decoded.
fn manifest_code_from_href(href: &str) -> Option<String> {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    let path = path.split_once("://").map_or(path, |(_, rest)| {
        rest.find('/').map_or("", |slash| &rest[slash..])
    });
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    segments.find(|s| *s == "manifests")?;
    let code = percent_decode(segments.next()?)?;
    (!code.trim().is_empty()).then_some(code)
}

fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            // Two hex digits exactly: from_str_radix alone would also take a sign (`%+1`).
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The rates of `get_rates`, in Metapack's order: cheapest first.
///
/// Dereferences to a slice of [`Rate`]s and iterates like a `Vec`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rates(Vec<Rate>);

impl Rates {
    /// Wraps rates, keeping their order.
    pub fn new(rates: Vec<Rate>) -> Self {
        Self(rates)
    }

    /// The cheapest rate: the first, since Metapack returns the carrier services that can
    /// deliver in order of shipping cost, cheapest first. `None` when no service can deliver.
    pub fn cheapest(&self) -> Option<&Rate> {
        self.0.first()
    }

    /// The rates, in Metapack's order.
    pub fn into_vec(self) -> Vec<Rate> {
        self.0
    }
}

impl Deref for Rates {
    type Target = [Rate];

    fn deref(&self) -> &[Rate] {
        &self.0
    }
}

impl From<Vec<Rate>> for Rates {
    fn from(rates: Vec<Rate>) -> Self {
        Self(rates)
    }
}

impl From<Rates> for Vec<Rate> {
    fn from(rates: Rates) -> Self {
        rates.0
    }
}

impl IntoIterator for Rates {
    type Item = Rate;
    type IntoIter = std::vec::IntoIter<Rate>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Rates {
    type Item = &'a Rate;
    type IntoIter = std::slice::Iter<'a, Rate>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Rate {
    /// The carrier service code of this rate (`service.carrierService.code`).
    pub fn carrier_service_code(&self) -> Option<&str> {
        self.service.as_ref()?.carrier_service_code()
    }
}

impl Service {
    /// The code of the carrier service (`carrierService.code`).
    pub fn carrier_service_code(&self) -> Option<&str> {
        self.carrier_service.as_ref()?.code.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_codes_from_hrefs() {
        for (href, code) in [
            ("/manifests/M-1", Some("M-1")),
            ("manifests/M-1", Some("M-1")),
            ("/manifests/M-1/", Some("M-1")),
            ("/manifests/M-1/paperwork", Some("M-1")),
            ("/shipping/v1/manifests/M%201?x=1", Some("M 1")),
            (
                "https://api.sbx.metapack.com/shipping/v1/manifests/ABC#top",
                Some("ABC"),
            ),
            ("https://manifests.example/other/x", None),
            ("/manifests/", None),
            ("/manifests/%zz", None),
            ("/manifests/%+1", None),
            ("/consignments/C-1", None),
            ("", None),
        ] {
            assert_eq!(manifest_code_from_href(href).as_deref(), code, "{href}");
        }
    }
}
