//! The versions a request may ask for through its `Content-Type` (1.2.1) and the version
//! ranges (Appendix E) that gate fields, values, parameters and resources.
//!
//! The reference lists four content types: `v0` (preferred), `v0.7.5`, `v0.7.1` and `v0.7`
//! (deprecated); its example of an allocation with a return label names `v1.0`, which the
//! sandbox accepts too. `v0` names no release number: the sandbox reads it as the newest 0.x
//! release, so it has everything of a `[0.x,)` range (up to 0.14.0, the newest the
//! reference mentions) but nothing of `[1.0,)` and nothing that existed in one old release
//! only (`[0.7.0]`, `[0.7.1]`).

use std::fmt;

/// The prefix of every versioned MM-API media type (1.2).
const MEDIA_PREFIX: &str = "application/vnd.metapack.mm.v";

/// A version named by a request's `Content-Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Version {
    /// `v0.7` (release 0.7.0). Deprecated.
    V0_7,
    /// `v0.7.1`. Deprecated.
    V0_7_1,
    /// `v0.7.5`. Deprecated.
    V0_7_5,
    /// `v0`: preferred; the newest 0.x release.
    V0,
    /// `v1.0`: the version of the return-label example.
    V1_0,
}

impl Version {
    /// Every version, with its spelling in the content type.
    pub(crate) const ALL: [(Version, &'static str); 5] = [
        (Version::V0_7, "0.7"),
        (Version::V0_7_1, "0.7.1"),
        (Version::V0_7_5, "0.7.5"),
        (Version::V0, "0"),
        (Version::V1_0, "1.0"),
    ];

    /// The version a `Content-Type` names (media type matched in any letter case, parameters
    /// such as `charset` ignored), if it is one of [`Version::ALL`].
    pub(crate) fn from_content_type(content_type: &str) -> Option<Version> {
        let media = content_type.split(';').next()?.trim().to_ascii_lowercase();
        let spelled = media.strip_prefix(MEDIA_PREFIX)?.strip_suffix("+json")?;
        Self::ALL
            .iter()
            .find(|(_, spelling)| *spelling == spelled)
            .map(|(version, _)| *version)
    }

    /// How the version is written after the `v` (`0.7.5`).
    pub(crate) fn spelling(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(version, _)| *version == self)
            .map_or("0", |(_, spelling)| spelling)
    }

    /// The release number ranges are compared with; `v0` is above every 0.x release.
    fn release(self) -> (u32, u32, u32) {
        match self {
            Version::V0_7 => (0, 7, 0),
            Version::V0_7_1 => (0, 7, 1),
            Version::V0_7_5 => (0, 7, 5),
            Version::V0 => (0, u32::MAX, u32::MAX),
            Version::V1_0 => (1, 0, 0),
        }
    }

    /// Whether the version is in `range`.
    pub(crate) fn has(self, range: Range) -> bool {
        let release = self.release();
        release >= range.from && range.to.is_none_or(|to| release <= to)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.spelling())
    }
}

/// A closed version range of Appendix E: `[from,)` or `[from,to]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Range {
    from: (u32, u32, u32),
    to: Option<(u32, u32, u32)>,
    /// The range as the reference writes it.
    pub(crate) notation: &'static str,
}

impl Range {
    /// `[major.minor.patch,)`.
    const fn since(major: u32, minor: u32, patch: u32, notation: &'static str) -> Self {
        Self {
            from: (major, minor, patch),
            to: None,
            notation,
        }
    }

    /// `[major.minor.patch]`.
    const fn only(major: u32, minor: u32, patch: u32, notation: &'static str) -> Self {
        Self {
            from: (major, minor, patch),
            to: Some((major, minor, patch)),
            notation,
        }
    }
}

/// A.26.1: `uri` of a collection receiver.
pub(crate) const RECEIVER_URI: Range = Range::only(0, 7, 1, "[0.7.1]");
/// A.15.1: `uri` of a collection destination.
pub(crate) const DESTINATION_URI: Range = Range::since(0, 7, 2, "[0.7.2,)");
/// A.15.1: `collectionPointID` and `collectionPointProviderID`.
pub(crate) const COLLECTION_POINT: Range = Range::since(0, 7, 5, "[0.7.5,)");
/// A.3: `uri` of an Agent URI (`origin`, `sender`).
pub(crate) const AGENT_URI: Range = Range::since(0, 7, 5, "[0.7.5,)");
/// B.5: shipment type `COLLECTION`.
pub(crate) const COLLECTION: Range = Range::since(0, 7, 5, "[0.7.5,)");
/// A.28: `twoMan`.
pub(crate) const TWO_MAN: Range = Range::since(0, 7, 0, "[0.7.0,)");
/// A.7 and 3.3: consignment lists.
pub(crate) const CONSIGNMENT_LISTS: Range = Range::since(0, 13, 0, "[0.13.0,)");
/// A.9, A.10 and 3.2: consignment status updates.
pub(crate) const STATUS_UPDATES: Range = Range::since(0, 14, 0, "[0.14.0,)");
/// 3.2.1: query parameter `logisticsServiceCode`.
pub(crate) const SERVICE_CODE_PARAMETER: Range = Range::only(0, 7, 0, "[0.7.0]");
/// 3.2.1: query parameter `logisticsServiceURI`.
pub(crate) const SERVICE_URI_PARAMETER: Range = Range::since(0, 7, 1, "[0.7.1,)");
/// 3.2.1: query parameters `logisticsServiceGroup` and `latestDeliveryDate`.
pub(crate) const SINCE_0_7: Range = Range::since(0, 7, 0, "[0.7.0,)");
/// B.2 and B.3: the DPI values and the PNG and ZPL label formats.
pub(crate) const LABEL_VALUES: Range = SINCE_0_7;
/// A.6: `returnLogisticsUnitDocuments` (return labels).
pub(crate) const RETURN_LABELS: Range = Range::since(1, 0, 0, "[1.0,)");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_name_the_documented_versions_only() {
        let read = Version::from_content_type;
        assert_eq!(
            read("application/vnd.metapack.mm.v0+json"),
            Some(Version::V0)
        );
        assert_eq!(
            read("Application/VND.metapack.mm.v0.7.5+json; charset=UTF-8"),
            Some(Version::V0_7_5)
        );
        assert_eq!(
            read("application/vnd.metapack.mm.v1.0+json"),
            Some(Version::V1_0)
        );
        assert_eq!(read("application/vnd.metapack.mm.v0.7.0+json"), None);
        assert_eq!(read("application/vnd.metapack.mm.v2+json"), None);
        assert_eq!(read("application/json"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn ranges_follow_appendix_e() {
        assert!(Version::V0_7_1.has(RECEIVER_URI));
        assert!(!Version::V0_7_5.has(RECEIVER_URI));
        assert!(!Version::V0.has(RECEIVER_URI));
        assert!(Version::V0_7_5.has(COLLECTION));
        assert!(!Version::V0_7_1.has(COLLECTION));
        assert!(Version::V0.has(STATUS_UPDATES));
        assert!(!Version::V0_7_5.has(CONSIGNMENT_LISTS));
        assert!(!Version::V0.has(RETURN_LABELS));
        assert!(Version::V1_0.has(RETURN_LABELS));
        assert!(Version::V0_7.has(SERVICE_CODE_PARAMETER));
        assert!(!Version::V0.has(SERVICE_CODE_PARAMETER));
        assert_eq!(Version::V0_7_5.to_string(), "v0.7.5");
    }
}
