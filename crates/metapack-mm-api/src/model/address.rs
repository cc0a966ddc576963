//! [`Address`] (A.1).

use serde::{Deserialize, Serialize};

use crate::values::CountryCode;

/// A postal address (A.1). Its structure is checked against the country's required fields
/// (Appendix D, [`address_rules`](crate::validation::address_rules)): the API checks the
/// format, not that the address exists.
///
/// Every field is `[0.6.0,)`. Lengths are counted in UTF-16 code units, as the server does.
///
/// ```
/// use metapack_mm_api::model::Address;
/// let address = Address::new("GBR", "London", "Gray's Inn Road", "WC1X 8XZ");
/// assert_eq!(address.country.as_ref().map(|c| c.as_str()), Some("GBR"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// JSON-LD node id (`@id`) of the address in responses, a blank node such as `_:c8c6…`.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// JSON-LD type (`@type`), `Address` in responses.
    /// Not in Appendix A: seen in the reference's examples (JSON-LD, 1.5).
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// ISO 3166-1 alpha-3 code of the country (B.15); tells domestic from international
    /// addresses. Mandatory; exactly 3 characters. Needed for allocation, delivery options,
    /// documentation and manifesting.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// Town or city. At most 40 characters. Needed for allocation, delivery options,
    /// documentation and manifesting; required in most countries (Appendix D).
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Building name. At most 40 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
    /// Company name. At most 40 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    /// Department of the company. At most 40 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// District. At most 40 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Door (entry) code. At most 40 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub door_code: Option<String>,
    /// Floor of the building. At most 40 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<String>,
    /// House number. At most 16 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_no: Option<String>,
    /// Street. At most 100 characters; required in every country (Appendix D).
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// Block. At most 40 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    /// House number extension. At most 16 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_ext: Option<String>,
    /// Postal code, where the country has them. At most 16 characters. Needed for
    /// allocation, delivery options, documentation and manifesting.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Province, state or region. At most 50 characters, with at most 2 slashes.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Further details of the address. At most 100 characters.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

impl Address {
    /// An address with its country, city, street and postal code.
    pub fn new(
        country: impl Into<CountryCode>,
        city: impl Into<String>,
        street: impl Into<String>,
        postal_code: impl Into<String>,
    ) -> Self {
        Self {
            country: Some(country.into()),
            city: Some(city.into()),
            street: Some(street.into()),
            postal_code: Some(postal_code.into()),
            ..Self::default()
        }
    }
}
