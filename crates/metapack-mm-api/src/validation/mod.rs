//! Client-side validation: the constraints of Appendix A, checked before a request is sent
//! (client) or when one arrives (sandbox), reported as the server reports them.
//!
//! [`Validate::validate`] returns the [`ConstraintViolation`]s the server would put in a
//! `400 O-VAL-2000` answer: same `objectName` (`shipment`), same field paths
//! (`logisticsUnits[0].weight.value`, `receiver.address.city`), same B.10 codes.
//!
//! ```
//! use metapack_mm_api::model::Shipment;
//! use metapack_mm_api::validation::Validate;
//! use metapack_mm_api::values::ConstraintCode;
//! use metapack_mm_api::ApiVersion;
//!
//! let violations = Shipment::default().validate(ApiVersion::V0);
//! let units = violations.iter().find(|v| v.field_path() == "logisticsUnits").unwrap();
//! assert_eq!(units.code, ConstraintCode::NotNull);
//! assert_eq!(units.object_name, "shipment");
//! ```
//!
//! Which code each rule reports:
//!
//! | code | checked on |
//! |---|---|
//! | `NotNull` | every field Appendix A marks mandatory |
//! | `NotNullDependsOn` | a contact's `firstname` and `lastname` (one of them) |
//! | `ValueDependsOn` | `codes`, `materialAttributes` of a `HazardousTradeItem` |
//! | `Size` | text lengths (UTF-16 units), list and map sizes |
//! | `Min` | weights and dimensions (at least 0) |
//! | `DecimalMin` | trade item `quantity` (more than 0) |
//! | `Digits` | dimensions, weights, amounts, quantities |
//! | `Email` | a contact's `email`; a notification's `value` when its type is `EMAIL` |
//! | `Enum` | enumeration-typed fields: `notificationType`, `incoterms`, `proofOfDeliveryType`, `materialAttributes`, `status` |
//! | `SupportedValue` | text fields with a documented list (shipment `type`, units, list `type`, countries, time zones, languages, trade item `@type`, `format`, `dpi`) and anything the requested [`ApiVersion`] lacks |
//! | `ValidAddressFormat` | Appendix D's required fields per country ([`address_rules`]); at most 2 slashes in `province` |
//! | `MapStringSize` | keys (30) and values (100) of property maps |
//! | `ValidTypeAndReceiverCombination` | the shipment's `receiver` against its `type` |
//! | `ValidTypeAndDestinationCombination` | the shipment's `destination` against its `type` |
//! | `ValidURI` | agent, receiver and `logisticsServiceURI` URIs |
//! | `ValidDestinationURI` | a destination's `uri` |
//! | `ValidConsignmentURI` | the consignments of lists and status batches |
//! | `ISODateTimeFormat` | an order's `date`, `latestDeliveryDate` |
//! | `Past` | an order's `date` |
//!
//! `Max`, `DecimalMax` and `Future` are attached to no field by the reference, and
//! `CompatibleType` is a binding failure that a typed value cannot have; [`rules`] offers
//! them for custom checks, and [`ConstraintViolation::binding_failure`] builds the latter.

pub mod address_rules;
mod lists;
mod parties;
pub mod rules;
mod shipment;
mod units;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::errors::{ConstraintViolation, ErrorBody};
use crate::values::ConstraintCode;
use crate::version::ApiVersion;

/// A request object that can be checked against the API's constraints.
pub trait Validate {
    /// The `objectName` the server reports for this object when it is the request body
    /// (`shipment`).
    const OBJECT_NAME: &'static str;

    /// Checks the object, reporting into `checker` at its current path.
    fn validate_in(&self, checker: &mut Checker);

    /// Every constraint the object breaks for `version`, in field order; empty if it is
    /// valid.
    fn validate(&self, version: ApiVersion) -> Vec<ConstraintViolation> {
        let mut checker = Checker::new(Self::OBJECT_NAME, version);
        self.validate_in(&mut checker);
        checker.into_violations()
    }

    /// `Ok` if the object breaks no constraint for `version`.
    fn ensure_valid(&self, version: ApiVersion) -> Result<(), ValidationError> {
        let violations = self.validate(version);
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations })
        }
    }
}

/// A request that breaks constraints.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{} constraint violation(s): {}", violations.len(), summary(violations))]
pub struct ValidationError {
    /// The broken constraints, in field order.
    pub violations: Vec<ConstraintViolation>,
}

impl ValidationError {
    /// The refusal of client-side validation that `err` carries, if it is one: the typed
    /// refusal of an [`Error::InvalidRequest`](metapack_core::Error::InvalidRequest) made from a
    /// [`ValidationError`].
    pub fn from_error(err: &metapack_core::Error) -> Option<&ValidationError> {
        err.refusal()
    }

    /// The `400 O-VAL-2000` body the server would answer with.
    pub fn to_error_body(&self) -> ErrorBody {
        ErrorBody::constraint_violations(self.violations.clone())
    }
}

/// An [`Error::InvalidRequest`](metapack_core::Error::InvalidRequest) naming the first broken
/// field, that keeps the [`ValidationError`] as its typed refusal (read it back with
/// [`ValidationError::from_error`] or [`MmApiErrorExt::violations`](crate::MmApiErrorExt)),
/// and the violations in the server's shape as its `details`.
impl From<ValidationError> for metapack_core::Error {
    fn from(error: ValidationError) -> Self {
        let field = error.violations.first().map(|v| v.field_path().to_owned());
        metapack_core::Error::InvalidRequest {
            message: error.to_string(),
            field,
            details: serde_json::to_value(&error.violations).unwrap_or_default(),
            refusal: Some(Box::new(error)),
        }
    }
}

fn summary(violations: &[ConstraintViolation]) -> String {
    violations
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Collects the violations of one request object while walking its fields.
///
/// It keeps the object name, the requested version, the current field path and the clock
/// (for `Past`/`Future`), so that nested objects report paths such as
/// `receiver.address.city`.
#[derive(Clone, Debug)]
pub struct Checker {
    object_name: String,
    version: ApiVersion,
    now: DateTime<Utc>,
    prefix: String,
    violations: Vec<ConstraintViolation>,
}

impl Checker {
    /// A checker for an object reported as `object_name`, for `version`, with the current
    /// time as clock.
    pub fn new(object_name: impl Into<String>, version: ApiVersion) -> Self {
        Self {
            object_name: object_name.into(),
            version,
            now: Utc::now(),
            prefix: String::new(),
            violations: Vec::new(),
        }
    }

    /// The same checker with a fixed clock.
    #[must_use]
    pub fn at(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    /// The version checked against.
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// The clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The full path of `field` under the current path (`field` may be `""` for the current
    /// object itself, or start with `[` for an index or key).
    pub fn path(&self, field: &str) -> String {
        match (self.prefix.is_empty(), field.is_empty()) {
            (true, _) => field.to_owned(),
            (false, true) => self.prefix.clone(),
            (false, false) if field.starts_with('[') => format!("{}{field}", self.prefix),
            (false, false) => format!("{}.{field}", self.prefix),
        }
    }

    /// Reports a violation of `code` on `field` (relative to the current path).
    pub fn report(
        &mut self,
        field: &str,
        code: ConstraintCode,
        rejected_value: Option<Value>,
        message: impl Into<String>,
    ) {
        let field = self.path(field);
        self.violations.push(ConstraintViolation::new(
            self.object_name.clone(),
            field,
            code,
            rejected_value,
            message,
        ));
    }

    /// Runs `f` with `segment` appended to the current path (`receiver`, `[0]`).
    pub fn nested(&mut self, segment: &str, f: impl FnOnce(&mut Self)) {
        let saved = self.prefix.len();
        self.prefix = self.path(segment);
        f(self);
        self.prefix.truncate(saved);
    }

    /// Validates a nested object at `field`, if present.
    pub fn check<T: Validate>(&mut self, field: &str, value: Option<&T>) {
        if let Some(value) = value {
            self.nested(field, |c| value.validate_in(c));
        }
    }

    /// Reports `NotNull` on `field` if the nested object is absent, else validates it.
    pub fn check_required<T: Validate>(&mut self, field: &str, value: Option<&T>) {
        if rules::not_null(self, field, value).is_some() {
            self.check(field, value);
        }
    }

    /// Validates every element of a nested list at `field[i]`.
    pub fn check_each<T: Validate>(&mut self, field: &str, values: Option<&[T]>) {
        for (i, value) in values.unwrap_or_default().iter().enumerate() {
            self.nested(&format!("{field}[{i}]"), |c| value.validate_in(c));
        }
    }

    /// The violations so far.
    pub fn violations(&self) -> &[ConstraintViolation] {
        &self.violations
    }

    /// The violations found.
    pub fn into_violations(self) -> Vec<ConstraintViolation> {
        self.violations
    }
}
