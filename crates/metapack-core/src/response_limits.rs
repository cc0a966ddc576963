//! [`ResponseLimits`]: how many bytes of an answer a client reads, and the reading itself.
//!
//! Nothing from the network is held without a bound. The runtime reads every answer inside
//! the attempt (so that a body that stalls counts as a failed attempt), in chunks, and stops:
//!
//! - at a success body larger than its limit: the call fails with [`Error::BodyTooLarge`]
//!   (a `Content-Length` above the limit fails before any of the body is read); it is not
//!   retried, since the same answer would come again;
//! - at [`MAX_ERROR_READ`] bytes of an error body (non-2xx): that is all an [`Error::Api`]
//!   keeps, so a huge error page costs at most that much per attempt.
//!
//! Either way the rest of the body is not read, and the connection is not reused: dropping
//! a response whose body was not read to its end makes hyper close an HTTP/1 connection
//! instead of returning it to the pool (HTTP/2 resets the one stream). The next request
//! opens a new connection.
//!
//! Documents can be streamed to a writer without holding them whole (see [`copy_bounded`]
//! and the MM-API's `download_document_to`), bounded by [`ResponseLimits::document`].

use bytes::Bytes;
use tokio::io::{AsyncWrite, AsyncWriteExt as _};

use crate::Error;
use crate::response::MAX_ERROR_READ;

/// Default limit of a JSON answer: 32 MiB.
///
/// Metapack's JSON answers are small (a consignment is a few KiB; a page of tracking
/// journeys some tens of KiB) except Shipping's paperwork, whose labels, customs documents and
/// manifests arrive as base64 strings inside the JSON (a third larger than the documents).
/// The documentation gives no size for them; a thermal or A6 PDF label is typically
/// 10–150 KiB, so a consignment of 99 parcels with its labels and customs documents is about
/// 20 MiB of base64 at the top of that range, and a day's manifest PDF a few MiB. 32 MiB
/// leaves headroom above both while bounding what one call can hold.
pub const DEFAULT_JSON_LIMIT: u64 = 32 * 1024 * 1024;

/// Default limit of a binary document (the MM-API's `GET /documents/**`: a label or
/// manifest as PDF, PNG or ZPL): 64 MiB, above the largest label or manifest one call should
/// fetch, whether it is read into memory or streamed to a file.
pub const DEFAULT_DOCUMENT_LIMIT: u64 = 64 * 1024 * 1024;

/// The largest answer a client accepts, per kind of answer.
///
/// ```
/// use metapack_core::ResponseLimits;
///
/// let limits = ResponseLimits::default().with_json(4 * 1024 * 1024);
/// assert_eq!(limits.json(), 4 * 1024 * 1024);
/// assert_eq!(limits.document(), metapack_core::response_limits::DEFAULT_DOCUMENT_LIMIT);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResponseLimits {
    json: u64,
    document: u64,
}

impl Default for ResponseLimits {
    /// [`DEFAULT_JSON_LIMIT`] and [`DEFAULT_DOCUMENT_LIMIT`].
    fn default() -> Self {
        Self {
            json: DEFAULT_JSON_LIMIT,
            document: DEFAULT_DOCUMENT_LIMIT,
        }
    }
}

impl ResponseLimits {
    /// Limit of JSON answers (every operation not listed as a document operation), in bytes.
    #[must_use]
    pub fn with_json(mut self, bytes: u64) -> Self {
        self.json = bytes;
        self
    }

    /// Limit of binary documents, in bytes (read into memory or streamed to a writer).
    #[must_use]
    pub fn with_document(mut self, bytes: u64) -> Self {
        self.document = bytes;
        self
    }

    /// Limit of JSON answers, in bytes.
    pub fn json(&self) -> u64 {
        self.json
    }

    /// Limit of binary documents, in bytes.
    pub fn document(&self) -> u64 {
        self.document
    }
}

/// The `reqwest::Error` of an oversized body (generated code hands the runtime's outcome on
/// as one), turned back into [`Error::BodyTooLarge`] by the conversion.
pub(crate) async fn too_large_error(limit: u64, content_length: Option<u64>) -> reqwest::Error {
    crate::carried_error::reqwest_error(Error::BodyTooLarge {
        limit,
        content_length,
        request: None,
    })
    .await
}

/// Whether `e` is the error of an oversized body.
pub(crate) fn is_too_large(e: &reqwest::Error) -> bool {
    crate::carried_error::carries(e, |carried| matches!(carried, Error::BodyTooLarge { .. }))
}

/// Reads `response`'s body: a success body up to `limit` bytes (more is an error carrying
/// [`Error::BodyTooLarge`]), any other body up to [`MAX_ERROR_READ`] bytes (the rest is left unread).
pub(crate) async fn read_body(
    response: &mut reqwest::Response,
    limit: u64,
) -> reqwest::Result<Bytes> {
    let success = response.status().is_success();
    let keep = if success {
        limit
    } else {
        MAX_ERROR_READ as u64
    };
    let declared = response.content_length();
    if success && declared.is_some_and(|length| length > limit) {
        return Err(too_large_error(limit, declared).await);
    }
    // The usual case, the whole body in one chunk, is kept without a copy.
    let mut first: Option<Bytes> = None;
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.is_empty() && first.is_none() && chunk.len() as u64 <= keep {
            first = Some(chunk);
            continue;
        }
        if let Some(first) = first.take() {
            let capacity = usize::try_from(declared.unwrap_or(0).min(keep)).unwrap_or(0);
            body.reserve_exact(capacity.max(first.len() + chunk.len()));
            body.extend_from_slice(&first);
        }
        if !append(&mut body, chunk, keep) {
            return over(success, limit, declared, body).await;
        }
    }
    Ok(first.unwrap_or_else(|| body.into()))
}

/// Appends `chunk` to `body` up to `keep` bytes in all; false when that cut it. The buffer
/// grows by doubling but never past `keep`, so a body cut at the limit holds at most the
/// limit (and, while growing, half of it besides).
fn append(body: &mut Vec<u8>, chunk: Bytes, keep: u64) -> bool {
    let keep = usize::try_from(keep).unwrap_or(usize::MAX);
    let room = keep.saturating_sub(body.len());
    let take = chunk.len().min(room);
    let needed = body.len() + take;
    if needed > body.capacity() {
        let target = needed.max(body.capacity().saturating_mul(2)).min(keep);
        body.reserve_exact(target - body.len());
    }
    body.extend_from_slice(&chunk[..take]);
    take == chunk.len()
}

/// A body that passed what is kept: an error for a success body, the kept beginning of an
/// error body. The caller drops the response unread (see the module documentation).
async fn over(
    success: bool,
    limit: u64,
    declared: Option<u64>,
    mut body: Vec<u8>,
) -> reqwest::Result<Bytes> {
    if success {
        return Err(too_large_error(limit, declared).await);
    }
    body.truncate(MAX_ERROR_READ);
    Ok(body.into())
}

/// Copies a success `response`'s body to `writer` chunk by chunk, at most `limit` bytes
/// (a `Content-Length` above it fails before anything is written), and flushes it. Returns
/// the number of bytes written. Beyond the limit the copy stops with
/// [`Error::BodyTooLarge`]; what was written stays written (remove a partial file yourself).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use metapack_core::{Error, response_limits::copy_bounded};
///
/// let response = reqwest::Response::from(http::Response::new("%PDF-1.7 ..."));
/// let mut file = Vec::new();
/// assert_eq!(copy_bounded(response, &mut file, 1024).await.ok(), Some(12));
///
/// let response = reqwest::Response::from(http::Response::new("%PDF-1.7 ..."));
/// let err = copy_bounded(response, &mut Vec::new(), 4).await.unwrap_err();
/// assert!(matches!(err, Error::BodyTooLarge { limit: 4, .. }));
/// # }
/// ```
pub async fn copy_bounded<W>(
    mut response: reqwest::Response,
    writer: &mut W,
    limit: u64,
) -> Result<u64, Error>
where
    W: AsyncWrite + Unpin + ?Sized,
{
    let declared = response.content_length();
    let too_large = || Error::BodyTooLarge {
        limit,
        content_length: declared,
        request: None,
    };
    if declared.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    let mut written = 0u64;
    while let Some(chunk) = response.chunk().await.map_err(Error::from_reqwest)? {
        written += chunk.len() as u64;
        if written > limit {
            return Err(too_large());
        }
        writer.write_all(&chunk).await.map_err(write_error)?;
    }
    writer.flush().await.map_err(write_error)?;
    Ok(written)
}

/// A failed write to the caller's writer: nothing to do with the request, which was answered.
fn write_error(e: std::io::Error) -> Error {
    Error::Transport {
        message: format!("could not write the document: {e}"),
        source: Some(Box::new(e)),
        delivery: crate::Delivery::MayHaveReached,
        request: None,
    }
}
