//! [`Agent`] (A.2) and [`AgentUri`] (A.3): the parties of a shipment.

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::contact::Contact;
use crate::uri::LocationUri;

/// A party given by address and contact (A.2); recipients, shipping locations and sellers are
/// agents. A shipment's `undeliverable` is one. Every field is `[0.6.0,)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Agent {
    /// The agent's reference, given by the seller or shipper. At most 20 characters.
    /// Range `[0.6.0,)`.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Who to contact. Mandatory.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Where the agent is. Mandatory.
    /// Range `[0.6.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

impl Agent {
    /// An agent with its address and contact.
    pub fn new(address: Address, contact: Contact) -> Self {
        Self {
            reference: None,
            contact: Some(contact),
            address: Some(address),
        }
    }
}

/// A party given by the URI of a location the server knows (A.3): a shipment's `origin` and
/// `sender`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AgentUri {
    /// Where the agent's address and contact are kept. At most 2000 characters; a valid URI.
    /// Range `[0.7.5,)` ([`Feature::AgentUri`](crate::version::Feature::AgentUri)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<LocationUri>,
}

impl AgentUri {
    /// An agent given by its location URI.
    pub fn new(uri: impl Into<LocationUri>) -> Self {
        Self {
            uri: Some(uri.into()),
        }
    }
}
