//! Successful responses ([`Response`]) and JSON decoding with the path of a failure
//! ([`decode_json`]).
#![cfg_attr(
    feature = "progenitor",
    doc = "\nWith the `progenitor` feature, [`finish`] and its variants turn a generated call's \
           result into a [`Response`] or an [`Error`]."
)]

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::Error;
use crate::error::truncate;

#[cfg(feature = "progenitor")]
mod progenitor;
#[cfg(feature = "progenitor")]
pub use progenitor::{
    IntoErrorBody, finish, finish_bytes, finish_empty, finish_status, finish_value,
    value_from_response,
};

/// At most this many bytes of an error body are read.
pub const MAX_ERROR_READ: usize = 64 * 1024;

/// Length of [`Error::Decode`]'s `body_snippet`, in bytes.
pub const DECODE_SNIPPET: usize = 1024;

/// A successful response: the decoded value plus status and headers.
#[derive(Clone, Debug)]
pub struct Response<T> {
    /// The decoded body.
    pub value: T,
    /// HTTP status.
    pub status: u16,
    /// Response headers.
    pub headers: HeaderMap,
}

impl<T> Response<T> {
    /// Returns the decoded body.
    pub fn into_inner(self) -> T {
        self.value
    }
}

/// Decodes a JSON body, naming the JSON path of a failure in [`Error::Decode`].
///
/// The body is decoded with plain `serde_json` first; only a body that fails is decoded again,
/// tracking the path, to build the error (path tracking doubles the cost of a decode).
///
/// ```
/// let err = metapack_core::decode_json::<Vec<u32>>(br#"[1, "two"]"#).unwrap_err();
/// assert!(matches!(err, metapack_core::Error::Decode { ref path, .. } if path == "[1]"));
/// ```
pub fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(bytes).map_err(|original| decode_error::<T>(bytes, &original))
}

/// The [`Error::Decode`] of a body that plain `serde_json` refused: the JSON path of the
/// failure, found by decoding again with path tracking.
pub(crate) fn decode_error<T: DeserializeOwned>(
    bytes: &[u8],
    original: &serde_json::Error,
) -> Error {
    match decode_json_tracking_path::<T>(bytes) {
        Err(e) => e,
        // The path-tracking decoder accepted what serde_json refused: report serde_json's error.
        Ok(_) => Error::Decode {
            path: ".".to_owned(),
            message: original.to_string(),
            body_snippet: truncate(&String::from_utf8_lossy(bytes), DECODE_SNIPPET),
        },
    }
}

/// Decodes with `serde_path_to_error`, for the path of a failure.
fn decode_json_tracking_path<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let decode_error = |path: String, message: String| Error::Decode {
        path,
        message,
        body_snippet: truncate(&String::from_utf8_lossy(bytes), DECODE_SNIPPET),
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de)
        .map_err(|e| decode_error(e.path().to_string(), e.inner().to_string()))?;
    de.end()
        .map_err(|e| decode_error(".".to_owned(), e.to_string()))?;
    Ok(value)
}
