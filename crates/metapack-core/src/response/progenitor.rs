//! Glue between progenitor-generated methods and [`Error`] (feature `progenitor`): [`finish`]
//! turns a generated call's result into a [`Response`] or an [`Error`].

use std::future::Future;

use progenitor_client::{ByteStream, ResponseValue};
use serde::de::DeserializeOwned;

use super::{MAX_ERROR_READ, Response, decode_error, decode_json};
use crate::{ApiError, Delivery, Error};

/// Error body types the generated code may hand back in
/// `progenitor_client::Error::ErrorResponse`.
pub trait IntoErrorBody {
    /// Reads at most `limit` bytes of the body. Read failures end the body
    /// early rather than failing: the status is the important part.
    fn into_error_body(self, limit: usize) -> impl Future<Output = Vec<u8>> + Send;
}

impl IntoErrorBody for ByteStream {
    async fn into_error_body(self, limit: usize) -> Vec<u8> {
        let mut stream = self.into_inner();
        let mut body = Vec::new();
        while body.len() < limit {
            match std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
                Some(Ok(chunk)) => {
                    let take = chunk.len().min(limit - body.len());
                    body.extend_from_slice(&chunk[..take]);
                }
                Some(Err(_)) | None => break,
            }
        }
        body
    }
}

impl IntoErrorBody for () {
    async fn into_error_body(self, _limit: usize) -> Vec<u8> {
        Vec::new()
    }
}

/// Converts the result of a generated client method.
///
/// Error responses become [`Error::Api`]; success bodies that fail to
/// decode become [`Error::Decode`] with the JSON path of the failure;
/// transport failures become [`Error::Transport`] or [`Error::Timeout`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use metapack_core::{Error, finish};
/// use progenitor_client::{ByteStream, ResponseValue};
/// use reqwest::{StatusCode, header::HeaderMap};
///
/// let ok: Result<ResponseValue<u32>, progenitor_client::Error<ByteStream>> =
///     Ok(ResponseValue::new(7, StatusCode::OK, HeaderMap::new()));
/// assert_eq!(finish(ok).await.map(|r| r.value).ok(), Some(7));
///
/// let bad: Result<ResponseValue<u32>, progenitor_client::Error<()>> =
///     Err(progenitor_client::Error::InvalidRequest("missing id".into()));
/// assert!(matches!(finish(bad).await, Err(Error::InvalidRequest { .. })));
/// # }
/// ```
pub async fn finish<T, E>(
    result: Result<ResponseValue<T>, progenitor_client::Error<E>>,
) -> Result<Response<T>, Error>
where
    T: DeserializeOwned,
    E: IntoErrorBody,
{
    match result {
        Ok(rv) => {
            let status = rv.status().as_u16();
            let headers = rv.headers().clone();
            Ok(Response {
                value: rv.into_inner(),
                status,
                headers,
            })
        }
        // A success status the spec does not list is still a success: decode its body (an
        // empty body reads as JSON `null`, which suits `()` and `Option`).
        Err(progenitor_client::Error::UnexpectedResponse(response))
            if response.status().is_success() =>
        {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let bytes = response.bytes().await.map_err(Error::from_reqwest)?;
            let json: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
                b"null"
            } else {
                &bytes
            };
            Ok(Response {
                value: decode_json(json)?,
                status,
                headers,
            })
        }
        Err(e) => Err(convert_error::<T, E>(e).await),
    }
}

/// Decodes a success response for the generated code, which calls it where progenitor's
/// `ResponseValue::from_response` would be: the same result, with the headers moved into the
/// value instead of copied.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let response = reqwest::Response::from(http::Response::new("[1, 2]"));
/// let value = metapack_core::value_from_response::<Vec<u8>, ()>(response).await;
/// assert_eq!(value.map(|v| v.into_inner()).ok(), Some(vec![1, 2]));
/// # }
/// ```
pub async fn value_from_response<T: DeserializeOwned, E>(
    mut response: reqwest::Response,
) -> Result<ResponseValue<T>, progenitor_client::Error<E>> {
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let body = response
        .bytes()
        .await
        .map_err(progenitor_client::Error::ResponseBodyError)?;
    match serde_json::from_slice(&body) {
        Ok(value) => Ok(ResponseValue::new(value, status, headers)),
        Err(e) => Err(progenitor_client::Error::InvalidResponsePayload(body, e)),
    }
}

/// [`finish`], keeping only the decoded value.
pub async fn finish_value<T, E>(
    result: Result<ResponseValue<T>, progenitor_client::Error<E>>,
) -> Result<T, Error>
where
    T: DeserializeOwned,
    E: IntoErrorBody,
{
    finish(result).await.map(Response::into_inner)
}

/// [`finish`] for operations whose success bodies arrive undecoded (`ByteStream`): those
/// whose success statuses differ in shape, like an allocation answering 201 with a
/// consignment or 204 with nothing. The caller decodes by status, e.g. with [`decode_json`].
pub async fn finish_bytes<E>(
    result: Result<ResponseValue<ByteStream>, progenitor_client::Error<E>>,
) -> Result<Response<Vec<u8>>, Error>
where
    E: IntoErrorBody,
{
    match result {
        Ok(rv) => {
            let status = rv.status().as_u16();
            let headers = rv.headers().clone();
            let mut stream = rv.into_inner().into_inner();
            let mut body = Vec::new();
            while let Some(chunk) = std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
                body.extend_from_slice(&chunk.map_err(Error::from_reqwest)?);
            }
            Ok(Response {
                value: body,
                status,
                headers,
            })
        }
        // A success status the spec does not list is still a success: keep its body.
        Err(progenitor_client::Error::UnexpectedResponse(mut response))
            if response.status().is_success() =>
        {
            let status = response.status().as_u16();
            let headers = std::mem::take(response.headers_mut());
            let body = response.bytes().await.map_err(Error::from_reqwest)?;
            Ok(Response {
                value: body.into(),
                status,
                headers,
            })
        }
        Err(e) => Err(convert_error::<serde_json::Value, E>(e).await),
    }
}

/// [`finish`] for operations without a response body.
pub async fn finish_empty<E>(
    result: Result<ResponseValue<()>, progenitor_client::Error<E>>,
) -> Result<(), Error>
where
    E: IntoErrorBody,
{
    finish_status(result).await.map(|_| ())
}

/// [`finish_empty`], keeping the success status (for operations whose success statuses
/// mean different things, like 200 "available" and 204 "none available").
pub async fn finish_status<E>(
    result: Result<ResponseValue<()>, progenitor_client::Error<E>>,
) -> Result<u16, Error>
where
    E: IntoErrorBody,
{
    match result {
        // The body of an unlisted success status is of no interest here.
        Err(progenitor_client::Error::UnexpectedResponse(response))
            if response.status().is_success() =>
        {
            Ok(response.status().as_u16())
        }
        result => finish(result).await.map(|response| response.status),
    }
}

async fn convert_error<T: DeserializeOwned, E: IntoErrorBody>(
    error: progenitor_client::Error<E>,
) -> Error {
    use progenitor_client::Error as P;
    match error {
        P::ErrorResponse(rv) => {
            let status = rv.status().as_u16();
            let headers = rv.headers().clone();
            let body = rv.into_inner().into_error_body(MAX_ERROR_READ).await;
            ApiError::from_parts(status, &headers, &body).into()
        }
        P::UnexpectedResponse(mut response) => {
            let status = response.status().as_u16();
            let headers = std::mem::take(response.headers_mut());
            let mut body = Vec::new();
            while body.len() < MAX_ERROR_READ {
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        let take = chunk.len().min(MAX_ERROR_READ - body.len());
                        body.extend_from_slice(&chunk[..take]);
                    }
                    Ok(None) | Err(_) => break,
                }
            }
            ApiError::from_parts(status, &headers, &body).into()
        }
        P::InvalidResponsePayload(bytes, original) => decode_error::<T>(&bytes, &original),
        P::CommunicationError(e) | P::ResponseBodyError(e) => Error::from_reqwest(e),
        P::InvalidUpgrade(e) => Error::Transport {
            message: crate::error::describe_reqwest(&e),
            source: Some(Box::new(e.without_url())),
            delivery: Delivery::MayHaveReached,
            request: None,
        },
        P::InvalidRequest(message) => Error::invalid_request(message),
        // Only client hooks make these, before sending (ours report authorization failures
        // from `exec`, typed).
        P::Custom(message) => Error::Transport {
            message,
            source: None,
            delivery: Delivery::NotSent,
            request: None,
        },
    }
}
