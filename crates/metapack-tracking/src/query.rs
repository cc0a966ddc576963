//! The query of `GET /parcel-journeys`.

use metapack_core::Error;

use crate::types::AcceptLanguage;

/// Which parcel journeys to read: by order reference, by tracking identifier, or both, with
/// optional filters. All values are case sensitive on Metapack's side.
///
/// ```
/// use metapack_tracking::{JourneyQuery, types::AcceptLanguage};
///
/// let query = JourneyQuery::order("ORDER-1")
///     .postcode("WC1X 8XZ")
///     .language(AcceptLanguage::EnGb);
/// assert!(query.validate().is_ok());
/// assert!(JourneyQuery::default().validate().is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use]
pub struct JourneyQuery {
    /// The order reference (`orderRef`).
    pub order_ref: Option<String>,
    /// The tracking identifier of one parcel (`trackingIdentifier`).
    pub tracking_identifier: Option<String>,
    /// Only journeys of this customer (`customerRef`), for sellers sharing order references
    /// across brands.
    pub customer_ref: Option<String>,
    /// Only journeys whose recipient has this postcode (`postcode`).
    pub postcode: Option<String>,
    /// The language of localised texts (`Accept-Language`); English when absent.
    pub language: Option<AcceptLanguage>,
}

impl JourneyQuery {
    /// The journeys of an order.
    pub fn order(order_ref: impl Into<String>) -> Self {
        Self {
            order_ref: Some(order_ref.into()),
            ..Self::default()
        }
    }

    /// The journey of one parcel.
    pub fn tracking(tracking_identifier: impl Into<String>) -> Self {
        Self {
            tracking_identifier: Some(tracking_identifier.into()),
            ..Self::default()
        }
    }

    /// Also require a delivery leg with this tracking identifier.
    pub fn tracking_identifier(mut self, tracking_identifier: impl Into<String>) -> Self {
        self.tracking_identifier = Some(tracking_identifier.into());
        self
    }

    /// Only journeys of this customer reference.
    pub fn customer_ref(mut self, customer_ref: impl Into<String>) -> Self {
        self.customer_ref = Some(customer_ref.into());
        self
    }

    /// Only journeys whose recipient has this postcode.
    pub fn postcode(mut self, postcode: impl Into<String>) -> Self {
        self.postcode = Some(postcode.into());
        self
    }

    /// Localise texts in this language.
    pub fn language(mut self, language: AcceptLanguage) -> Self {
        self.language = Some(language);
        self
    }

    /// Checks the query before it is sent: an order reference or a tracking identifier is
    /// needed (the other parameters only filter), and no value may be blank.
    pub fn validate(&self) -> Result<(), Error> {
        let fields = [
            ("orderRef", &self.order_ref),
            ("trackingIdentifier", &self.tracking_identifier),
            ("customerRef", &self.customer_ref),
            ("postcode", &self.postcode),
        ];
        if let Some((name, _)) = fields
            .iter()
            .find(|(_, v)| v.as_deref().is_some_and(|v| v.trim().is_empty()))
        {
            return Err(Error::invalid_field(
                *name,
                format!("{name} must not be blank"),
            ));
        }
        if self.order_ref.is_none() && self.tracking_identifier.is_none() {
            return Err(Error::invalid_request(
                "a parcel journey query needs orderRef or trackingIdentifier: use JourneyQuery::order or JourneyQuery::tracking",
            ));
        }
        Ok(())
    }
}
