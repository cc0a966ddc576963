//! [`MmApiErrorExt`]: the MM-API's error body read out of an [`Error`], whether the server
//! answered it or client-side validation refused the request before sending.

use metapack_core::Error;
use serde::Deserialize;

use crate::errors::{AllocationError, ConstraintViolation, ErrorBody};
use crate::validation::ValidationError;

mod sealed {
    /// Keeps [`MmApiErrorExt`](super::MmApiErrorExt) implemented for `metapack_core::Error`
    /// only, so that methods can be added to it.
    pub trait Sealed {}

    impl Sealed for metapack_core::Error {}
}

/// Reads the MM-API error body out of an [`Error`].
///
/// Server answers ([`Error::Api`]) carry it in [`ApiError::details`](metapack_core::ApiError);
/// requests refused by client-side validation ([`Error::InvalidRequest`]) carry the
/// [`ValidationError`] they come from as their typed refusal (see
/// [`ValidationError::from_error`]).
///
/// ```
/// use metapack_mm_api::client::validation_error;
/// use metapack_mm_api::values::ConstraintCode;
/// use metapack_mm_api::{ConstraintViolation, MmApiErrorExt};
///
/// let violation = ConstraintViolation::new(
///     "shipment",
///     "parcelCount",
///     ConstraintCode::NotNull,
///     None,
///     "may not be null",
/// );
/// let err = validation_error(&[violation.clone()]);
/// assert_eq!(err.violations(), vec![violation]);
/// assert!(err.body().is_none(), "no server answer");
/// assert!(err.allocation_errors().is_empty());
/// ```
pub trait MmApiErrorExt: sealed::Sealed {
    /// The error body of an API error, if it has the MM-API shape.
    fn body(&self) -> Option<ErrorBody>;

    /// The constraint violations: from the server's body, or from client-side validation.
    fn violations(&self) -> Vec<ConstraintViolation>;

    /// The allocation errors of the server's body.
    fn allocation_errors(&self) -> Vec<AllocationError>;
}

impl MmApiErrorExt for Error {
    fn body(&self) -> Option<ErrorBody> {
        self.api().and_then(ErrorBody::from_api_error)
    }

    fn violations(&self) -> Vec<ConstraintViolation> {
        match self {
            Error::Api(api) => ErrorBody::from_api_error(api)
                .map(|b| b.constraint_violations)
                .unwrap_or_default(),
            Error::InvalidRequest { details, .. } => match ValidationError::from_error(self) {
                Some(refusal) => refusal.violations.clone(),
                // An `InvalidRequest` built elsewhere, with the violations in the server's
                // shape as its only record of them.
                None => Vec::deserialize(details).unwrap_or_default(),
            },
            _ => Vec::new(),
        }
    }

    fn allocation_errors(&self) -> Vec<AllocationError> {
        self.body().map(|b| b.allocation_errors).unwrap_or_default()
    }
}

/// Reads the MM-API error body out of an [`Error`]: a namespace of functions, kept for
/// compatibility; the methods of [`MmApiErrorExt`] replace it.
#[deprecated(note = "use the methods of `metapack_mm_api::MmApiErrorExt` on the error instead")]
pub struct MmApiError;

#[allow(deprecated)]
impl MmApiError {
    /// The error body of an API error, if it has the MM-API shape.
    #[deprecated(note = "use `MmApiErrorExt::body`: `err.body()`")]
    pub fn body(err: &Error) -> Option<ErrorBody> {
        MmApiErrorExt::body(err)
    }

    /// The constraint violations: from the server's body, or from client-side validation.
    #[deprecated(note = "use `MmApiErrorExt::violations`: `err.violations()`")]
    pub fn violations(err: &Error) -> Vec<ConstraintViolation> {
        MmApiErrorExt::violations(err)
    }

    /// The allocation errors of the server's body.
    #[deprecated(note = "use `MmApiErrorExt::allocation_errors`: `err.allocation_errors()`")]
    pub fn allocation_errors(err: &Error) -> Vec<AllocationError> {
        MmApiErrorExt::allocation_errors(err)
    }
}

/// An [`Error::InvalidRequest`] carrying `violations` as its typed refusal, a
/// [`ValidationError`] (read them back with [`MmApiErrorExt::violations`]).
pub fn validation_error(violations: &[ConstraintViolation]) -> Error {
    ValidationError {
        violations: violations.to_vec(),
    }
    .into()
}
