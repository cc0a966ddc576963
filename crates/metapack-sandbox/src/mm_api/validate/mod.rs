//! The sandbox's own validation of MM-API requests: a second reading of the reference
//! (`004_*.txt`), independent of the client crate's `validation` module, so that a mistake
//! in one shows up as a disagreement (see `agreement_tests`).
//!
//! Requests are judged as JSON, before they are decoded into the model types that hold the
//! sandbox's state. Each check reports the B.10 code the reference gives its constraint, on
//! the field path its examples show (`logisticsUnits[0].weight.value`), with the object name
//! of the request body (`shipment`); the route answers them as `400 O-VAL-2000` with
//! `constraintViolations` (1.7.2).
//!
//! | module | what it holds |
//! |---|---|
//! | [`constraints`] | the checks behind each B.10 code, and the report they fill |
//! | [`shipment`] | Appendix A for a shipment and everything in it |
//! | [`requests`] | Appendix A for the other bodies; the query parameters |
//! | [`values`] | Appendix B's closed lists, countries (B.15), time zones (B.14), languages |
//! | [`address_rules`] | Appendix D: required address fields per country |
//! | [`versions`] | the content-type versions and Appendix E's ranges |
//!
//! | code | checked on |
//! |---|---|
//! | `NotNull` | fields A.x marks "Mandatory" |
//! | `NotNullDependsOn` | a contact's `firstname` and `lastname` (one is needed) |
//! | `ValueDependsOn` | `codes` and `materialAttributes` of a `HazardousTradeItem` |
//! | `Size` | texts (UTF-16 units), lists, maps |
//! | `Min` | weights and dimensions: at least 0 |
//! | `DecimalMin` | a trade item's `quantity`: more than zero |
//! | `Digits` | weights (12.3), dimensions (3.0), amounts (12.2), quantities (12.0) |
//! | `Email` | a contact's `email`; an `EMAIL` notification's `value` |
//! | `Enum` | `incoterms`, `proofOfDeliveryType`, `notificationType`, `materialAttributes`, `status` |
//! | `SupportedValue` | `String` fields with a list (shipment and list `type`, units, trade item `@type`, `format`, `dpi`), countries, time zones, languages, and what the request's version lacks |
//! | `ValidAddressFormat` | Appendix D; more than 2 slashes in `province` |
//! | `MapStringSize` | property maps: keys up to 30, values up to 100 |
//! | `ValidTypeAndReceiverCombination`, `ValidTypeAndDestinationCombination` | receiver and destination against the shipment `type` |
//! | `ValidURI`, `ValidDestinationURI`, `ValidConsignmentURI` | URIs (glossary: HTTP(S), a host, a path) |
//! | `ISODateTimeFormat`, `Past` | an order's `date`; `latestDeliveryDate` |
//! | `CompatibleType` | a value of the wrong JSON type (a binding failure, reported alone) |
//!
//! `Max`, `DecimalMax` and `Future` are attached to no field by the reference.
//!
//! ## What the agreement test found
//!
//! The same cases run through the client crate's `Validate` and through this module; where
//! they disagreed, the reference decided:
//!
//! | finding | wrong side | settled by |
//! |---|---|---|
//! | `https://example.com\x` and `https:/x/y` passed `ValidURI` (the URL parser repairs them) | client | glossary "URI" (a host) and RFC 3986's characters |
//! | `2016-1-4` and ` 2016-01-14` passed `ISODateTimeFormat`; `2016-01-14T10:00Z` failed | client | B.1: ISO 8601, every digit; seconds optional |
//! | `gbr` passed as a country, with the `GBR` row of Appendix D | client | B.15 and Appendix D list upper-case codes |
//! | IPv6 hosts failed, ports over 65535 and `%` in host names passed | sandbox | RFC 3986 |
//! | `in`, `iw`, `ji` failed as languages | sandbox | the reference's tables are Java 8's (B.14's footnote), whose ISO languages keep these codes |
//!
//! One difference stays, by design: the client's model reads list values in any letter case
//! (`kg`) and sends them as documented (`KG`), so its `Validate` never sees `kg`; the sandbox
//! judges the JSON as sent and refuses it, as the reference lists upper-case values only.

pub(crate) mod address_rules;
pub(crate) mod constraints;
pub(crate) mod requests;
pub(crate) mod shipment;
pub(crate) mod values;
pub(crate) mod versions;

#[cfg(test)]
mod agreement_tests;

use chrono::{DateTime, Utc};
use metapack_mm_api::errors::ConstraintViolation;
use serde_json::Value;

use constraints::{Object, Report};
pub(crate) use versions::Version;

/// Judges request bodies and parameters sent as one version, at one time.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Validator {
    version: Version,
    now: DateTime<Utc>,
}

impl Validator {
    /// A validator for `version`, judging dates against the current time.
    pub(crate) fn new(version: Version) -> Self {
        Self {
            version,
            now: Utc::now(),
        }
    }

    /// The same validator with a fixed clock.
    #[cfg(test)]
    pub(crate) fn at(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    /// Checks a JSON body named `object` with `check`; a body that is not a JSON object is a
    /// binding failure.
    fn body(
        &self,
        object: &'static str,
        body: &Value,
        check: fn(&mut Report, &Object),
    ) -> Vec<ConstraintViolation> {
        match body.as_object() {
            Some(fields) => {
                let mut report = Report::new(object, self.version, self.now);
                check(&mut report, fields);
                report.finish()
            }
            None => vec![ConstraintViolation::binding_failure(
                object,
                "",
                Some(body.clone()),
                "a JSON object",
            )],
        }
    }

    /// A.27: a shipment (`POST /consignments`).
    pub(crate) fn shipment(&self, body: &Value) -> Vec<ConstraintViolation> {
        self.body("shipment", body, shipment::shipment)
    }

    /// A.9: a consignment status (`PATCH /consignments/{uuid}`).
    pub(crate) fn consignment_status(&self, body: &Value) -> Vec<ConstraintViolation> {
        self.body("consignmentStatus", body, requests::consignment_status)
    }

    /// A.10: a consignment status batch (`PATCH /consignments`).
    pub(crate) fn consignment_status_batch(&self, body: &Value) -> Vec<ConstraintViolation> {
        self.body(
            "consignmentStatusBatch",
            body,
            requests::consignment_status_batch,
        )
    }

    /// A.7: a consignment list (`POST /consignment-lists`).
    pub(crate) fn consignment_list(&self, body: &Value) -> Vec<ConstraintViolation> {
        self.body("consignmentList", body, requests::consignment_list)
    }

    /// The query parameters of `POST /consignments`.
    pub(crate) fn allocation_params(&self, pairs: &[(String, String)]) -> Vec<ConstraintViolation> {
        let mut report = Report::new("allocationParams", self.version, self.now);
        requests::allocation_params(&mut report, pairs);
        report.finish()
    }

    /// The query parameters of `GET /documents/**`.
    pub(crate) fn document_params(&self, pairs: &[(String, String)]) -> Vec<ConstraintViolation> {
        let mut report = Report::new("documentParams", self.version, self.now);
        requests::document_params(&mut report, pairs);
        report.finish()
    }
}
