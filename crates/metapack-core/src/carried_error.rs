//! An [`Error`] carried inside a `reqwest::Error`, from the runtime to the conversion
//! `Error::from(reqwest::Error)`: how a failure to authorize a request (a refused or failed
//! token fetch, or one that took the whole overall timeout) and an answer larger than the
//! limit ([`Error::BodyTooLarge`]) reach callers of generated clients typed, through code
//! that only passes `reqwest` results on.
//!
//! The error rides as the cause of a body error, taken out again when the `reqwest::Error`
//! is converted. Only the runtime makes one; nothing a server sends can.

use std::fmt;
use std::pin::Pin;
use std::sync::{Mutex, PoisonError};
use std::task::{Context, Poll};

use bytes::Bytes;

use crate::Error;

/// The cause that holds the carried error until it is taken.
struct Carried(Mutex<Option<Error>>);

impl fmt::Debug for Carried {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0.lock().unwrap_or_else(PoisonError::into_inner) {
            Some(error) => fmt::Debug::fmt(error, f),
            None => f.write_str("Carried"),
        }
    }
}

impl fmt::Display for Carried {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0.lock().unwrap_or_else(PoisonError::into_inner) {
            Some(error) => fmt::Display::fmt(error, f),
            None => f.write_str("carried error (taken)"),
        }
    }
}

impl std::error::Error for Carried {}

/// A body whose only frame is the carried error: reading it is the one public way to get a
/// `reqwest::Error` with our cause.
struct FailingBody(Option<Carried>);

impl http_body::Body for FailingBody {
    type Data = Bytes;
    type Error = Carried;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Carried>>> {
        Poll::Ready(self.0.take().map(Err))
    }
}

/// `error` as a `reqwest::Error`.
pub(crate) async fn reqwest_error(error: Error) -> reqwest::Error {
    let body = reqwest::Body::wrap(FailingBody(Some(Carried(Mutex::new(Some(error))))));
    match reqwest::Response::from(http::Response::new(body))
        .bytes()
        .await
    {
        Err(e) => e,
        Ok(_) => unreachable_ok(),
    }
}

#[cold]
fn unreachable_ok() -> reqwest::Error {
    unreachable!("a FailingBody's only frame is an error")
}

/// `error` as the failed result of sending a request.
pub(crate) async fn into_reqwest(error: Error) -> reqwest::Result<reqwest::Response> {
    Err(reqwest_error(error).await)
}

/// The carried error, if `error` carries one (left in place).
fn find(error: &reqwest::Error) -> Option<&Carried> {
    let mut cause = std::error::Error::source(error);
    while let Some(current) = cause {
        if let Some(carried) = current.downcast_ref::<Carried>() {
            return Some(carried);
        }
        cause = current.source();
    }
    None
}

/// Whether `error` carries an error that `test` accepts.
pub(crate) fn carries(error: &reqwest::Error, test: impl Fn(&Error) -> bool) -> bool {
    find(error).is_some_and(|carried| {
        carried
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .is_some_and(test)
    })
}

/// Takes the error carried by `error`, if it carries one.
pub(crate) fn take(error: &reqwest::Error) -> Option<Error> {
    find(error)?
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApiError;

    #[tokio::test]
    async fn an_api_error_comes_back_whole() {
        let body = br#"{"errorCode":"AUTH-1","message":"invalid_client"}"#;
        let original = Error::from(ApiError::from_parts(401, &Default::default(), body));
        let e = into_reqwest(original).await.expect_err("a reqwest error");
        let back = Error::from(e);
        assert_eq!(back.status(), Some(401));
        assert_eq!(
            back.code().map(ToString::to_string).as_deref(),
            Some("AUTH-1")
        );
        assert!(!back.is_retryable());
    }
}
