//! [`ResourceRef`]: a shipment or consignment given by its UUID or its URI.

use metapack_core::Error;
use url::Url;
use uuid::Uuid;

use crate::transport::on_host;
use crate::uri::{ConsignmentUri, ShipmentUri};

/// A shipment or consignment given by its UUID (a [`Uuid`] or a `&str`/`String` holding
/// one) or by its URI (typed, or as text starting with `http`).
///
/// The request always goes to the client's host with the identifier: a URI of another host
/// is refused with [`Error::InvalidRequest`] (the bearer token is never sent elsewhere, and a
/// foreign resource would only answer a misleading 404), and so is text that is neither a
/// UUID nor a URI of the resource.
///
/// ```
/// # async fn run(client: metapack_mm_api::MmApiClient) -> Result<(), metapack_mm_api::Error> {
/// let shipment = client.get_shipment("a21d3b08-8e5c-4a5e-9a5e-0d4f2b7c1e11").await?;
/// # Ok(()) }
/// ```
pub trait ResourceRef<U> {
    /// The identifier (path after the resource's segment), checked against `host`, the
    /// client's host.
    fn resource_id(&self, host: &Url) -> Result<String, Error>;
}

macro_rules! resource_ref {
    ($uri:ty, $name:literal) => {
        impl ResourceRef<$uri> for Uuid {
            fn resource_id(&self, _host: &Url) -> Result<String, Error> {
                Ok(self.hyphenated().to_string())
            }
        }
        impl ResourceRef<$uri> for $uri {
            fn resource_id(&self, host: &Url) -> Result<String, Error> {
                on_host($name, self.as_str(), host)?;
                self.id().map(str::to_owned).ok_or_else(|| {
                    Error::invalid_field($name, format!("not a {} URI: {}", $name, self.as_str()))
                })
            }
        }
        impl ResourceRef<$uri> for &$uri {
            fn resource_id(&self, host: &Url) -> Result<String, Error> {
                (*self).resource_id(host)
            }
        }
        impl ResourceRef<$uri> for &str {
            fn resource_id(&self, host: &Url) -> Result<String, Error> {
                let text = self.trim();
                if text.starts_with("http://") || text.starts_with("https://") {
                    return ResourceRef::<$uri>::resource_id(&<$uri>::new(text), host);
                }
                Uuid::parse_str(text)
                    .map(|id| id.hyphenated().to_string())
                    .map_err(|_| {
                        Error::invalid_field(
                            $name,
                            format!(
                                "{text:?} is neither a {} id (a UUID such as \
                                 7464dc6a-631d-47dc-8ac8-97726815204c) nor a {} URI",
                                $name, $name
                            ),
                        )
                    })
            }
        }
        impl ResourceRef<$uri> for String {
            fn resource_id(&self, host: &Url) -> Result<String, Error> {
                ResourceRef::<$uri>::resource_id(&self.as_str(), host)
            }
        }
        impl ResourceRef<$uri> for &String {
            fn resource_id(&self, host: &Url) -> Result<String, Error> {
                ResourceRef::<$uri>::resource_id(&self.as_str(), host)
            }
        }
    };
}
resource_ref!(ShipmentUri, "shipment");
resource_ref!(ConsignmentUri, "consignment");
