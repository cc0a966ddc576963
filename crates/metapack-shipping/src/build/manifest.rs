//! [`ManifestBuilder`]: the body of `create_manifest`.

use chrono::{DateTime, Utc};

use super::checks::required;
use crate::types::{ManifestRequest, TransactionType};
use metapack_core::BuildError;

/// Builds a [`ManifestRequest`]: the ready-to-manifest consignments of one carrier shipping
/// from one location (optionally one manifest group) go on a manifest despatched on a future
/// date.
///
/// `build()` needs the carrier and the shipping location (the manifest gathers their
/// consignments); the transaction type is `delivery` unless set.
///
/// ```
/// use metapack_shipping::{BuildError, ManifestBuilder};
///
/// let request = ManifestBuilder::new()
///     .carrier("SBXPOST")
///     .shipping_location("WH-LONDON")
///     .manifest_group("EVENING")
///     .build()?;
/// assert_eq!(request.carrier_code.as_deref(), Some("SBXPOST"));
///
/// let error = ManifestBuilder::new().carrier("SBXPOST").build().unwrap_err();
/// assert_eq!(error, BuildError::Missing("shippingLocationCode".into()));
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct ManifestBuilder(ManifestRequest);

impl ManifestBuilder {
    /// An empty manifest request.
    pub fn new() -> Self {
        Self::default()
    }

    /// The Metapack code of the carrier whose consignments are manifested (`carrierCode`).
    pub fn carrier(mut self, carrier_code: impl Into<String>) -> Self {
        self.0.carrier_code = Some(carrier_code.into());
        self
    }

    /// The code of the warehouse the consignments ship from (`shippingLocationCode`).
    pub fn shipping_location(mut self, code: impl Into<String>) -> Self {
        self.0.shipping_location_code = Some(code.into());
        self
    }

    /// Only the consignments of this manifest group (`manifestGroupCode`).
    pub fn manifest_group(mut self, code: impl Into<String>) -> Self {
        self.0.manifest_group_code = Some(code.into());
        self
    }

    /// The future date and time the consignments are despatched (`despatchDate`).
    pub fn despatch_date(mut self, despatch: DateTime<Utc>) -> Self {
        self.0.despatch_date = Some(despatch);
        self
    }

    /// Whether only consignments for exactly the despatch date are included
    /// (`specificDateOnly`).
    pub fn specific_date_only(mut self, specific: bool) -> Self {
        self.0.specific_date_only = Some(specific);
        self
    }

    /// The transaction type (`delivery` unless set).
    pub fn transaction_type(mut self, transaction_type: TransactionType) -> Self {
        self.0.transaction_type = Some(transaction_type);
        self
    }

    /// Checks the request and builds it.
    pub fn build(self) -> Result<ManifestRequest, BuildError> {
        let mut request = self.0;
        required("carrierCode", request.carrier_code.as_deref())?;
        required(
            "shippingLocationCode",
            request.shipping_location_code.as_deref(),
        )?;
        if let Some(group) = request.manifest_group_code.as_deref() {
            super::checks::not_blank("manifestGroupCode", Some(group))?;
        }
        request
            .transaction_type
            .get_or_insert(TransactionType::Delivery);
        Ok(request)
    }
}

impl From<ManifestRequest> for ManifestBuilder {
    fn from(request: ManifestRequest) -> Self {
        Self(request)
    }
}
