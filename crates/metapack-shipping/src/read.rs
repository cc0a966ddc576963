//! One-call accessors for what programs read from Shipping responses: the code of a created
//! consignment ([`CreatedConsignment`], never optional), the parcels' tracking numbers, the
//! allocated carrier and carrier service.

use std::ops::Deref;

use metapack_core::Error;

use crate::outcome::Allocation;
use crate::types::{
    Carrier, CarrierService, Consignment, ConsignmentResponse, ConsignmentWithPaperwork, Service,
};

/// The answer of `create_consignment`: a consignment Metapack created, with its code.
///
/// Metapack assigns every consignment it creates a code, so [`CreatedConsignment::code`] is a
/// `&str`: a success response without one is refused by `create_consignment` as an
/// [`Error::Decode`] at `consignment.consignmentCode` (the consignment may still have been
/// created: search by order reference before creating it again).
///
/// Dereferences to the [`ConsignmentResponse`] as received.
#[derive(Clone, Debug, PartialEq)]
pub struct CreatedConsignment {
    code: String,
    response: ConsignmentResponse,
}

impl CreatedConsignment {
    /// Reads the code of a created consignment's response; [`Error::Decode`] when it has none
    /// (or a blank one).
    pub fn from_response(response: ConsignmentResponse) -> Result<Self, Error> {
        let code = response
            .consignment
            .as_ref()
            .and_then(|c| c.consignment_code.as_deref())
            .filter(|code| !code.trim().is_empty())
            .map(str::to_owned);
        match code {
            Some(code) => Ok(Self { code, response }),
            None => Err(Error::Decode {
                path: "consignment.consignmentCode".into(),
                message: "a created consignment has a Metapack code, and this response has none; the consignment may exist: search by order reference before creating it again".into(),
                body_snippet: snippet(&response),
            }),
        }
    }

    /// The consignment's Metapack code (`DMC...`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The response as received.
    pub fn response(&self) -> &ConsignmentResponse {
        &self.response
    }

    /// The response as received.
    pub fn into_response(self) -> ConsignmentResponse {
        self.response
    }
}

impl Deref for CreatedConsignment {
    type Target = ConsignmentResponse;

    fn deref(&self) -> &ConsignmentResponse {
        &self.response
    }
}

/// The beginning of a response re-encoded as JSON, for a decode error.
fn snippet(response: &ConsignmentResponse) -> String {
    let json = serde_json::to_string(response).unwrap_or_default();
    json.chars().take(200).collect()
}

impl Consignment {
    /// The allocated carrier service (`service.carrierService`, else
    /// `deliveryInformation.service.carrierService`).
    pub fn carrier_service(&self) -> Option<&CarrierService> {
        fn of(service: Option<&Service>) -> Option<&CarrierService> {
            service?.carrier_service.as_ref()
        }
        of(self.service.as_ref()).or_else(|| {
            of(self
                .delivery_information
                .as_ref()
                .and_then(|d| d.service.as_ref()))
        })
    }

    /// The allocated carrier (the carrier of [`Consignment::carrier_service`]).
    pub fn carrier(&self) -> Option<&Carrier> {
        self.carrier_service()?.carrier.as_ref()
    }

    /// The code of the allocated carrier, such as `SBXPOST`.
    pub fn carrier_code(&self) -> Option<&str> {
        self.carrier()?.code.as_deref()
    }

    /// The tracking number of the first parcel: its first carrier tracking identifier. With
    /// several parcels or legs, see [`Consignment::parcel_tracking_identifiers`].
    pub fn tracking_number(&self) -> Option<&str> {
        self.parcel_tracking_identifiers().into_iter().next()
    }
}

/// The one-call accessors of a response that holds a [`Consignment`], delegating to it:
/// `$what` describes when there is one, `$get` is `fn(&Self) -> Option<&Consignment>`.
macro_rules! consignment_accessors {
    ($($ty:ty, $what:literal, $get:expr;)*) => {$(
        impl $ty {
            #[doc = concat!("The allocated carrier service (see [`Consignment::carrier_service`]); none ", $what, ".")]
            pub fn carrier_service(&self) -> Option<&CarrierService> {
                $get(self)?.carrier_service()
            }

            #[doc = concat!("The code of the allocated carrier service, such as `SBXPOST48`; none ", $what, ".")]
            pub fn carrier_service_code(&self) -> Option<&str> {
                $get(self)?.carrier_service_code()
            }

            #[doc = concat!("The allocated carrier; none ", $what, ".")]
            pub fn carrier(&self) -> Option<&Carrier> {
                $get(self)?.carrier()
            }

            #[doc = concat!("The code of the allocated carrier, such as `SBXPOST`; none ", $what, ".")]
            pub fn carrier_code(&self) -> Option<&str> {
                $get(self)?.carrier_code()
            }

            #[doc = concat!("The carrier tracking identifiers of the parcels, in parcel order; empty ", $what, ".")]
            pub fn parcel_tracking_identifiers(&self) -> Vec<&str> {
                $get(self)
                    .map(Consignment::parcel_tracking_identifiers)
                    .unwrap_or_default()
            }

            #[doc = concat!("The tracking number of the first parcel (see [`Consignment::tracking_number`]); none ", $what, ".")]
            pub fn tracking_number(&self) -> Option<&str> {
                $get(self)?.tracking_number()
            }
        }
    )*};
}

fn of_response(response: &ConsignmentResponse) -> Option<&Consignment> {
    response.consignment.as_ref()
}

fn of_paperwork(response: &ConsignmentWithPaperwork) -> Option<&Consignment> {
    response.consignment.as_ref()
}

consignment_accessors! {
    ConsignmentResponse, "until the consignment is allocated", of_response;
    ConsignmentWithPaperwork, "when no carrier service fitted", of_paperwork;
    Allocation, "when no carrier service fitted (`NoServiceAvailable`)", Allocation::consignment;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(json: &str) -> ConsignmentResponse {
        serde_json::from_str(json).expect("a consignment response")
    }

    #[test]
    fn a_created_consignment_without_a_code_is_a_decode_error() {
        for body in [
            "{}",
            r#"{"consignment":{}}"#,
            r#"{"consignment":{"consignmentCode":"  "}}"#,
        ] {
            match CreatedConsignment::from_response(response(body)) {
                Err(Error::Decode { path, .. }) => {
                    assert_eq!(path, "consignment.consignmentCode", "{body}");
                }
                other => panic!("{body}: expected a decode error, got {other:?}"),
            }
        }
        let created = CreatedConsignment::from_response(response(
            r#"{"consignment":{"consignmentCode":"DMC1"}}"#,
        ))
        .expect("a code");
        assert_eq!(created.code(), "DMC1");
        assert_eq!(created.consignment_code(), Some("DMC1"));
    }

    #[test]
    fn carrier_service_and_tracking_numbers_in_one_call() {
        let allocated = response(
            r#"{"consignment":{"consignmentCode":"DMC1",
                "deliveryInformation":{"service":{"carrierService":{"code":"SBXPOST48","carrier":{"code":"SBXPOST"}}}},
                "parcels":[{"deliveryLegs":[{"trackingIdentifier":"SP1"}]},{"deliveryLegs":[{"trackingIdentifier":"SP2"}]}]}}"#,
        );
        assert_eq!(allocated.carrier_service_code(), Some("SBXPOST48"));
        assert_eq!(allocated.carrier_code(), Some("SBXPOST"));
        assert_eq!(allocated.tracking_number(), Some("SP1"));
        assert_eq!(allocated.parcel_tracking_identifiers(), ["SP1", "SP2"]);

        let allocation = Allocation::Allocated(Box::new(allocated));
        assert_eq!(allocation.carrier_service_code(), Some("SBXPOST48"));
        assert_eq!(allocation.carrier_code(), Some("SBXPOST"));
        assert_eq!(allocation.tracking_number(), Some("SP1"));

        let none = Allocation::NoServiceAvailable;
        assert_eq!(none.carrier_service_code(), None);
        assert_eq!(none.tracking_number(), None);
        assert!(none.parcel_tracking_identifiers().is_empty());
        assert_eq!(response("{}").carrier_code(), None);

        let printed: ConsignmentWithPaperwork = serde_json::from_str(
            r#"{"consignment":{"service":{"carrierService":{"code":"SBXEXPNDAY","carrier":{"code":"SBXEXPRESS"}}},
                "parcels":[{"deliveryLegs":[{"trackingIdentifier":"SE1"}]}]}}"#,
        )
        .expect("a consignment with paperwork");
        assert_eq!(printed.carrier_service_code(), Some("SBXEXPNDAY"));
        assert_eq!(printed.carrier_code(), Some("SBXEXPRESS"));
        assert_eq!(printed.tracking_number(), Some("SE1"));
        assert_eq!(printed.parcel_tracking_identifiers(), ["SE1"]);
    }
}
