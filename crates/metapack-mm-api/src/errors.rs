//! Error responses (1.7): the [`ErrorBody`] the server sends with every error status, its
//! [`ConstraintViolation`]s (A.11) and [`AllocationError`]s (A.12), and help for every error
//! code and status ([`help`], [`status_help`]).
//!
//! ```
//! use metapack_mm_api::errors::{ErrorBody, help};
//! use metapack_mm_api::values::ConstraintCode;
//!
//! let body: ErrorBody = serde_json::from_str(r#"{
//!   "httpStatus": "400", "code": "O-VAL-2000", "message": "General validation error",
//!   "constraintViolations": [{"rejectedValue": null, "message": "may not be null",
//!     "code": "NotNull", "objectName": "shipment", "field": "logisticsUnits",
//!     "bindingFailure": false}]
//! }"#)?;
//! assert_eq!(body.status(), Some(400));
//! assert_eq!(body.constraint_violations[0].code, ConstraintCode::NotNull);
//! assert_eq!(body.help().map(|h| h.title), Some("Constraint violation"));
//! # Ok::<(), serde_json::Error>(())
//! ```

mod help;

use chrono::{DateTime, Utc};
use metapack_core::ErrorCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use help::{ERROR_CODES, ErrorHelp, HTTP_STATUSES, StatusHelp, help, status_help};

use crate::values::{AllocationErrorCode, ConstraintCode};

/// About how long [`ErrorBody::summary`] lets its line grow before counting the rest.
pub const SUMMARY_LIMIT: usize = 240;

/// The body of every error response (1.7.2).
///
/// Serializes like the server's: absent parts are left out, except the two lists, which are
/// left out when empty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// When the error happened (ISO 8601).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "metapack_core::lenient::option_datetime"
    )]
    pub timestamp: Option<DateTime<Utc>>,
    /// The HTTP status as text (`"400"`; a number is read too); see [`ErrorBody::status`].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::text"
    )]
    pub http_status: Option<String>,
    /// The HTTP reason phrase (`Bad Request`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_reason_phrase: Option<String>,
    /// The constraints the request broke; only for constraint violations (`O-VAL-2000`).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "vec_or_null"
    )]
    pub constraint_violations: Vec<ConstraintViolation>,
    /// Why allocation failed; only for allocation errors (`O-ALE-4000`). Range `[0.11.0,)`.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "vec_or_null"
    )]
    pub allocation_errors: Vec<AllocationError>,
    /// The error code (Appendix C), e.g. `O-VAL-2001`; see [`help`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub code: Option<ErrorCode>,
    /// What went wrong, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The URL path where the error was raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Identifier of the request across Metapack's systems; quote it to support.
    #[serde(
        rename = "correlationID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub correlation_id: Option<String>,
}

impl ErrorBody {
    /// A body with a status, a code and a message, timestamped now (the reason phrase is
    /// filled in for the statuses of 1.7.1).
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        Self {
            timestamp: Some(Utc::now()),
            http_status: Some(status.to_string()),
            http_reason_phrase: status_help(status).map(|s| s.reason.to_owned()),
            constraint_violations: Vec::new(),
            allocation_errors: Vec::new(),
            code: Some(ErrorCode::parse(code)),
            message: Some(message.into()),
            path: Some(String::new()),
            correlation_id: None,
        }
    }

    /// `400 O-VAL-2000 General validation error` with these violations, as the server
    /// answers a request that breaks constraints.
    pub fn constraint_violations(violations: Vec<ConstraintViolation>) -> Self {
        Self {
            constraint_violations: violations,
            ..Self::new(400, "O-VAL-2000", "General validation error")
        }
    }

    /// `400 O-ALE-4000 General allocation error` with these errors.
    pub fn allocation_errors(errors: Vec<AllocationError>) -> Self {
        Self {
            allocation_errors: errors,
            ..Self::new(400, "O-ALE-4000", "General allocation error")
        }
    }

    /// `415 O-VAL-2001` for a content type that names no supported version.
    pub fn unsupported_media_type(content_type: &str) -> Self {
        Self::new(
            415,
            "O-VAL-2001",
            format!("The content-type header '{content_type}' is not supported"),
        )
    }

    /// The same body with a correlation ID.
    #[must_use]
    pub fn with_correlation_id(mut self, id: impl Into<String>) -> Self {
        self.correlation_id = Some(id.into());
        self
    }

    /// The HTTP status, read from `httpStatus`.
    pub fn status(&self) -> Option<u16> {
        self.http_status.as_deref()?.trim().parse().ok()
    }

    /// Help for the body's code, falling back to its code family.
    pub fn help(&self) -> Option<&'static ErrorHelp> {
        self.code.as_ref().and_then(help)
    }

    /// The constraint violations and allocation errors on one line (`; ` between them), as
    /// an error's `Display` shows them after the message; `None` when there are none.
    ///
    /// Whole entries are shown while the line stays within about [`SUMMARY_LIMIT`] bytes (the
    /// first one always); the rest are counted (`; and 3 more`), to be read with
    /// [`MmApiErrorExt::violations`](crate::MmApiErrorExt::violations) and
    /// [`MmApiErrorExt::allocation_errors`](crate::MmApiErrorExt::allocation_errors).
    ///
    /// ```
    /// use metapack_mm_api::errors::{AllocationError, ErrorBody};
    /// use metapack_mm_api::values::AllocationErrorCode;
    ///
    /// let body = ErrorBody::allocation_errors(vec![
    ///     AllocationError::new(AllocationErrorCode::TooHigh, None)
    ///         .on("shipment", "logisticsUnits.weight.value"),
    /// ]);
    /// assert_eq!(
    ///     body.summary().as_deref(),
    ///     Some("shipment.logisticsUnits.weight.value: Value is too high (TooHigh)"),
    /// );
    /// assert_eq!(ErrorBody::new(404, "O-NFD-3000", "Not found").summary(), None);
    /// ```
    pub fn summary(&self) -> Option<String> {
        let parts: Vec<String> = self
            .constraint_violations
            .iter()
            .map(ToString::to_string)
            .chain(self.allocation_errors.iter().map(ToString::to_string))
            .collect();
        let (first, rest) = parts.split_first()?;
        let mut line = first.clone();
        let mut shown = 1;
        for part in rest {
            if line.len() + 2 + part.len() > SUMMARY_LIMIT {
                break;
            }
            line.push_str("; ");
            line.push_str(part);
            shown += 1;
        }
        if shown < parts.len() {
            line.push_str(&format!("; and {} more", parts.len() - shown));
        }
        Some(line)
    }

    /// Reads the body from an [`ApiError`](metapack_core::ApiError)'s parsed JSON.
    pub fn from_api_error(error: &metapack_core::ApiError) -> Option<Self> {
        Self::from_json(&error.details)
    }

    /// Reads the body from JSON; `None` if it is not an object of this shape.
    pub fn from_json(value: &Value) -> Option<Self> {
        if !value.is_object() {
            return None;
        }
        Self::deserialize(value).ok()
    }
}

/// One broken constraint of a request (A.11), as the server reports it and as the
/// client-side [`validation`](crate::validation) produces it.
///
/// All six fields are always serialized (`rejectedValue` as `null` when there is none), like
/// the server's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConstraintViolation {
    /// The value that was rejected (`null` when it was missing). The reference types it as
    /// a string; it is kept as any JSON value.
    #[serde(default)]
    pub rejected_value: Option<Value>,
    /// What is wrong, in words (`may not be null`).
    #[serde(default, deserialize_with = "string_or_null")]
    pub message: String,
    /// Which constraint was broken (B.10).
    #[serde(
        default = "unknown_code::<ConstraintCode>",
        deserialize_with = "code_or_null"
    )]
    pub code: ConstraintCode,
    /// The object the field belongs to (`shipment`).
    #[serde(default, deserialize_with = "string_or_null")]
    pub object_name: String,
    /// The path of the field in the object (`logisticsUnits[0].weight.value`).
    #[serde(default)]
    pub field: Option<String>,
    /// Whether the value could not be bound at all (wrong JSON type) rather than failing a
    /// check.
    #[serde(default, deserialize_with = "bool_or_null")]
    pub binding_failure: bool,
}

impl ConstraintViolation {
    /// A violation of a check (not a binding failure).
    pub fn new(
        object_name: impl Into<String>,
        field: impl Into<String>,
        code: ConstraintCode,
        rejected_value: Option<Value>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rejected_value,
            message: message.into(),
            code,
            object_name: object_name.into(),
            field: Some(field.into()),
            binding_failure: false,
        }
    }

    /// A binding failure: the JSON value at `field` has the wrong type (`CompatibleType`).
    pub fn binding_failure(
        object_name: impl Into<String>,
        field: impl Into<String>,
        rejected_value: Option<Value>,
        expected: &str,
    ) -> Self {
        Self {
            binding_failure: true,
            ..Self::new(
                object_name,
                field,
                ConstraintCode::CompatibleType,
                rejected_value,
                format!("must be of a type compatible with {expected}"),
            )
        }
    }

    /// The field path, or `""`.
    pub fn field_path(&self) -> &str {
        self.field.as_deref().unwrap_or_default()
    }
}

impl std::fmt::Display for ConstraintViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}.{}: {} ({})",
            self.object_name,
            self.field_path(),
            self.message,
            self.code
        )
    }
}

/// Why a shipment could not be allocated (A.12). Every field is `[0.11.0,)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AllocationError {
    /// What went wrong, in words. Range `[0.11.0,)`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub message: String,
    /// The allocation error code (B.11). Range `[0.11.0,)`.
    #[serde(
        default = "unknown_code::<AllocationErrorCode>",
        deserialize_with = "code_or_null"
    )]
    pub code: AllocationErrorCode,
    /// The path of the rejected field (`logisticsUnits.weight.value`), when relevant. Range
    /// `[0.11.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The object the field belongs to (`shipment`), when relevant. Range `[0.11.0,)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
}

impl AllocationError {
    /// An allocation error with a code and message only; the message defaults to B.11's
    /// description when `None`.
    pub fn new(code: AllocationErrorCode, message: Option<String>) -> Self {
        let message = message.unwrap_or_else(|| allocation_message(&code).to_owned());
        Self {
            message,
            code,
            field: None,
            object: None,
        }
    }

    /// The same error about a field of an object.
    #[must_use]
    pub fn on(mut self, object: impl Into<String>, field: impl Into<String>) -> Self {
        self.object = Some(object.into());
        self.field = Some(field.into());
        self
    }
}

/// `object.field: message (code)`, or `message (code)` when no field is named.
impl std::fmt::Display for AllocationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.object, &self.field) {
            (Some(object), Some(field)) => write!(f, "{object}.{field}: ")?,
            (None, Some(field)) => write!(f, "{field}: ")?,
            _ => {}
        }
        write!(f, "{} ({})", self.message, self.code)
    }
}

/// B.11's description of an allocation error code (empty for unknown codes).
pub fn allocation_message(code: &AllocationErrorCode) -> &'static str {
    match code {
        AllocationErrorCode::UnknownError => "An unknown error occurred",
        AllocationErrorCode::DeliveryWindow => {
            "No logistics service available for the DeliveryWindow"
        }
        AllocationErrorCode::DeliveryWindowRejectedForCutOff => {
            "No logistics service available for the DeliveryWindow.The consignment cannot be \
             allocated because the cut off time is overdue for the start of the DeliveryWindow"
        }
        AllocationErrorCode::DeliveryWindowRejectedForTransitTimes => {
            "No logistics service available for the DeliveryWindow. Transit time exceeds the \
             size of the DeliveryWindow"
        }
        AllocationErrorCode::DeliveryWindowRejectedForWorkingDays => {
            "No logistics service available for the DeliveryWindow.Not enough working days in \
             the DeliveryWindow"
        }
        AllocationErrorCode::NoLogisticsServiceAvailable => {
            "The shipment could not be allocated to any logistics service"
        }
        AllocationErrorCode::TooHigh => "Value is too high",
        AllocationErrorCode::TooLow => "Value is too low",
        _ => "",
    }
}

fn unknown_code<T: From<String>>() -> T {
    T::from(String::new())
}

fn code_or_null<'de, D: serde::Deserializer<'de>, T: From<String>>(d: D) -> Result<T, D::Error> {
    Ok(T::from(
        Option::<String>::deserialize(d)?.unwrap_or_default(),
    ))
}

fn string_or_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

fn bool_or_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or_default())
}

fn vec_or_null<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(metapack_core::lenient::vec_without_nulls(d)?.unwrap_or_default())
}
