//! The inputs of the typed methods that are not request bodies of the spec: the consignment
//! search, the paperwork options and the typed consignment patch.

use std::collections::HashMap;
use std::fmt;

use metapack_core::Error;
use metapack_core::error::not_blank;

use crate::types::{ConsignmentPatch, PaperworkFormat, PaperworkRequest, PaperworkType};

/// Which consignments `GET /consignments` should find. At least one criterion is needed;
/// several narrow the search.
///
/// ```
/// use metapack_shipping::ConsignmentSearch;
///
/// let search = ConsignmentSearch::order("ORDER-1").parcel_code("P-1");
/// assert!(search.validate().is_ok());
/// assert!(ConsignmentSearch::default().validate().is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct ConsignmentSearch {
    /// Order reference of the consignments (`orderReference`).
    pub order_reference: Option<String>,
    /// Carrier tracking identifier of the consignment (`consignmentTrackingIdentifier`).
    pub consignment_tracking_identifier: Option<String>,
    /// Carrier tracking identifier of one of its parcels (`parcelTrackingIdentifier`).
    pub parcel_tracking_identifier: Option<String>,
    /// Metapack code of one of its parcels (`parcelCode`).
    pub parcel_code: Option<String>,
}

impl ConsignmentSearch {
    /// The consignments of an order.
    pub fn order(order_reference: impl Into<String>) -> Self {
        Self::default().order_reference(order_reference)
    }

    /// The consignment with this carrier tracking identifier.
    pub fn consignment_tracking(tracking_identifier: impl Into<String>) -> Self {
        Self::default().consignment_tracking_identifier(tracking_identifier)
    }

    /// The consignment holding a parcel with this carrier tracking identifier.
    pub fn parcel_tracking(tracking_identifier: impl Into<String>) -> Self {
        Self::default().parcel_tracking_identifier(tracking_identifier)
    }

    /// The consignment holding the parcel with this Metapack code.
    pub fn parcel(parcel_code: impl Into<String>) -> Self {
        Self::default().parcel_code(parcel_code)
    }

    /// Also match this order reference.
    pub fn order_reference(mut self, order_reference: impl Into<String>) -> Self {
        self.order_reference = Some(order_reference.into());
        self
    }

    /// Also match this consignment tracking identifier.
    pub fn consignment_tracking_identifier(
        mut self,
        tracking_identifier: impl Into<String>,
    ) -> Self {
        self.consignment_tracking_identifier = Some(tracking_identifier.into());
        self
    }

    /// Also match this parcel tracking identifier.
    pub fn parcel_tracking_identifier(mut self, tracking_identifier: impl Into<String>) -> Self {
        self.parcel_tracking_identifier = Some(tracking_identifier.into());
        self
    }

    /// Also match this parcel code.
    pub fn parcel_code(mut self, parcel_code: impl Into<String>) -> Self {
        self.parcel_code = Some(parcel_code.into());
        self
    }

    /// Checks the search before it is sent: at least one criterion, and none blank.
    pub fn validate(&self) -> Result<(), Error> {
        let criteria = [
            ("orderReference", &self.order_reference),
            (
                "consignmentTrackingIdentifier",
                &self.consignment_tracking_identifier,
            ),
            ("parcelTrackingIdentifier", &self.parcel_tracking_identifier),
            ("parcelCode", &self.parcel_code),
        ];
        for (name, value) in criteria {
            if let Some(value) = value {
                not_blank(name, value)?;
            }
        }
        if criteria.iter().all(|(_, v)| v.is_none()) {
            return Err(Error::invalid_request(
                "a consignment search needs at least one of orderReference, consignmentTrackingIdentifier, parcelTrackingIdentifier or parcelCode",
            ));
        }
        Ok(())
    }
}

/// What paperwork to produce, for `get_consignment_paperwork` and `get_parcel_paperwork` (the
/// query string) and, through [`PaperworkOptions::to_request`], for
/// `create_consignment_with_paperwork` (the body). Every option is optional; Metapack applies
/// the account's defaults to those left out.
///
/// The requested format is only a wish: whatever comes back is recognised by its bytes when
/// decoded with [`paperwork::decode`](crate::paperwork::decode).
///
/// ```
/// use metapack_shipping::PaperworkOptions;
/// use metapack_shipping::types::{PaperworkFormat, PaperworkType};
///
/// let options = PaperworkOptions::new()
///     .paperwork_type(PaperworkType::Label)
///     .format(PaperworkFormat::Zpl)
///     .dimension("6x4")
///     .resolution(203);
/// assert!(options.validate().is_ok());
/// assert!(PaperworkOptions::new().dimension("big").validate().is_err());
/// assert!(PaperworkOptions::new().resolution("200dpi").validate().is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct PaperworkOptions {
    /// Labels, customs documentation or both (`type`).
    pub type_: Option<PaperworkType>,
    /// File format (`format`).
    pub format: Option<PaperworkFormat>,
    /// Label size in inches, width by height, such as `6x4` (`dimension`).
    pub dimension: Option<String>,
    /// Print resolution in dots per inch, such as `200`, `203` or `300` (`resolution`).
    pub resolution: Option<String>,
}

impl PaperworkOptions {
    /// No options: Metapack's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Labels, customs documentation or both.
    pub fn paperwork_type(mut self, type_: PaperworkType) -> Self {
        self.type_ = Some(type_);
        self
    }

    /// The file format to ask for.
    pub fn format(mut self, format: PaperworkFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// The label size, `<width>x<height>` such as `6x4` (sent as given).
    pub fn dimension(mut self, dimension: impl Into<String>) -> Self {
        self.dimension = Some(dimension.into());
        self
    }

    /// The print resolution in dots per inch: `203` or `"203"`.
    pub fn resolution(mut self, dpi: impl fmt::Display) -> Self {
        self.resolution = Some(dpi.to_string());
        self
    }

    /// Checks the options' shape before they are sent. Metapack's docs give the dimension as a
    /// size such as `6x4` (its own sample sends `6X4`) and the resolution as dots per inch such
    /// as `200`, `203` or `300`: a dimension must be two positive numbers joined by `x` or `X`,
    /// and a resolution a positive whole number.
    pub fn validate(&self) -> Result<(), Error> {
        validate_paperwork_shape(self.dimension.as_deref(), self.resolution.as_deref())
    }

    /// The same options as the body part of `create_consignment_with_paperwork`.
    pub fn to_request(&self) -> PaperworkRequest {
        PaperworkRequest {
            dimension: self.dimension.clone(),
            format: self.format.clone(),
            resolution: self.resolution.clone(),
            type_: self.type_.clone(),
        }
    }
}

impl From<&PaperworkOptions> for PaperworkRequest {
    fn from(options: &PaperworkOptions) -> Self {
        options.to_request()
    }
}

impl From<PaperworkOptions> for PaperworkRequest {
    fn from(options: PaperworkOptions) -> Self {
        options.to_request()
    }
}

pub(crate) fn validate_paperwork_shape(
    dimension: Option<&str>,
    resolution: Option<&str>,
) -> Result<(), Error> {
    if let Some(dimension) = dimension
        && !is_dimension(dimension)
    {
        return Err(Error::invalid_field(
            "dimension",
            format!(
                "dimension must be a label size such as 6x4 (width x height), got {dimension:?}"
            ),
        ));
    }
    if let Some(resolution) = resolution
        && !is_resolution(resolution)
    {
        return Err(Error::invalid_field(
            "resolution",
            format!(
                "resolution must be dots per inch as a positive whole number such as 200, 203 or 300, got {resolution:?}"
            ),
        ));
    }
    Ok(())
}

/// `<number>x<number>` (either case of `x`), each a positive decimal such as `6` or `4.5`.
fn is_dimension(value: &str) -> bool {
    let Some((width, height)) = value.split_once(['x', 'X']) else {
        return false;
    };
    let positive = |n: &str| {
        let digits_and_dot = !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && n.bytes().filter(|b| *b == b'.').count() <= 1
            && n.bytes().any(|b| b.is_ascii_digit());
        digits_and_dot && n.parse::<f64>().is_ok_and(|v| v > 0.0)
    };
    positive(width) && positive(height)
}

/// A positive whole number of dots per inch.
fn is_resolution(value: &str) -> bool {
    !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit())
        && value.parse::<u32>().is_ok_and(|v| v > 0)
}

/// Properties to change with `patch_consignment`. Metapack accepts only `manifestGroupCode`
/// today; the request keeps the API's wire shape, a map of property names to string values.
///
/// ```
/// use metapack_shipping::ConsignmentChanges;
/// use metapack_shipping::types::ConsignmentPatch;
///
/// let changes = ConsignmentChanges::new().manifest_group_code("EVENING");
/// let patch = ConsignmentPatch::from(&changes);
/// assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"manifestGroupCode":"EVENING"}"#);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct ConsignmentChanges {
    /// The manifest group to manifest the consignment with (`manifestGroupCode`).
    pub manifest_group_code: Option<String>,
}

impl ConsignmentChanges {
    /// No changes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Changes the manifest group.
    pub fn manifest_group_code(mut self, manifest_group_code: impl Into<String>) -> Self {
        self.manifest_group_code = Some(manifest_group_code.into());
        self
    }

    /// Checks the changes before they are sent: at least one, and no blank value (the docs
    /// describe no way of clearing a property).
    pub fn validate(&self) -> Result<(), Error> {
        match &self.manifest_group_code {
            Some(code) => not_blank("manifestGroupCode", code),
            None => Err(Error::invalid_request(
                "a consignment patch needs at least one change: use ConsignmentChanges::manifest_group_code",
            )),
        }
    }

    /// The wire shape: property name to new value.
    pub fn to_patch(&self) -> ConsignmentPatch {
        let mut map = HashMap::new();
        if let Some(code) = &self.manifest_group_code {
            map.insert("manifestGroupCode".to_owned(), code.clone());
        }
        ConsignmentPatch(map)
    }
}

impl From<&ConsignmentChanges> for ConsignmentPatch {
    fn from(changes: &ConsignmentChanges) -> Self {
        changes.to_patch()
    }
}

impl From<ConsignmentChanges> for ConsignmentPatch {
    fn from(changes: ConsignmentChanges) -> Self {
        changes.to_patch()
    }
}
