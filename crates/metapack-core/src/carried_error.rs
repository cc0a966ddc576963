//! An [`Error`] carried inside a `reqwest::Error`, from the runtime to the conversion
//! `Error::from(reqwest::Error)`: how a failure to authorize a request
//! (a refused or failed token fetch, or one that took the whole overall timeout) reaches
//! callers of generated clients typed, through code that only passes `reqwest` results on.
//!
//! The error rides as the cause of a body error, taken out again when the `reqwest::Error`
//! is converted. Only the runtime makes one; nothing a server sends can.

use std::fmt;
use std::sync::{Mutex, PoisonError};

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
            Some(error) => write!(f, "request not sent: {error}"),
            None => f.write_str("request not sent"),
        }
    }
}

impl std::error::Error for Carried {}

/// `error` as a `reqwest::Error` (or, should reqwest ever read an erroring body as a
/// success, a 500 answer saying what failed).
pub(crate) async fn into_reqwest(error: Error) -> reqwest::Result<reqwest::Response> {
    let carried = Carried(Mutex::new(Some(error)));
    let chunk = futures_util::future::ready(Err::<Vec<u8>, _>(carried));
    let body = reqwest::Body::wrap_stream(futures_util::stream::once(chunk));
    match reqwest::Response::from(http::Response::new(body))
        .bytes()
        .await
    {
        Err(e) => Err(e),
        Ok(_) => {
            let mut answer = http::Response::new(reqwest::Body::from("authorization failed"));
            *answer.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
            Ok(reqwest::Response::from(answer))
        }
    }
}

/// Takes the error carried by `error`, if it carries one.
pub(crate) fn take(error: &reqwest::Error) -> Option<Error> {
    let mut cause = std::error::Error::source(error);
    while let Some(current) = cause {
        if let Some(carried) = current.downcast_ref::<Carried>() {
            return carried
                .0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
        }
        cause = current.source();
    }
    None
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
