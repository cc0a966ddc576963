//! The operations on documents: `GET /documents/**`, into memory or streamed.

use std::fmt;

use metapack_core::Error;
use metapack_core::response_limits::copy_bounded;
use reqwest::Method;
use url::Url;

use super::mm_api_client::MmApiClient;
use super::operations;
use crate::model::DocumentParams;
use crate::transport::{Body, api_error, media_type, ok_empty, on_host};
use crate::uri::DocumentUri;
use crate::version::Feature;

/// A fetched document (label, paperwork).
#[derive(Clone, PartialEq, Eq)]
pub struct DocumentContent {
    /// The document's bytes.
    pub bytes: Vec<u8>,
    /// The response's `Content-Type`, if any.
    pub media_type: Option<String>,
}

impl fmt::Debug for DocumentContent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentContent")
            .field("len", &self.bytes.len())
            .field("media_type", &self.media_type)
            .finish()
    }
}

/// A document streamed by [`MmApiClient::download_document_to`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocumentDownload {
    /// Bytes written.
    pub len: u64,
    /// The response's `Content-Type`, if any.
    pub media_type: Option<String>,
}

impl MmApiClient {
    /// `GET /documents/**`: a label or other document, read into memory (up to
    /// [`ResponseLimits::document`](metapack_core::ResponseLimits::document); [`download_document_to`](Self::download_document_to)
    /// streams it instead). Formats and resolutions the API does not support yet (`PCL`,
    /// `600` dpi) are refused before sending, whatever the validation setting.
    pub async fn get_document(
        &self,
        document: &DocumentUri,
        params: &DocumentParams,
    ) -> Result<DocumentContent, Error> {
        let url = self.document_url(document, params)?;
        let (status, headers, body) = self
            .send(Method::GET, url, Body::None, operations::GET_DOCUMENT)
            .await?;
        ok_empty(status, &headers, &body)?;
        Ok(DocumentContent {
            bytes: body,
            media_type: media_type(&headers),
        })
    }

    /// `GET /documents/**`, streamed to `writer` chunk by chunk without holding the document
    /// in memory, at most [`ResponseLimits::document`](metapack_core::ResponseLimits::document) bytes (beyond it the download stops
    /// with [`Error::BodyTooLarge`]; what was written stays written). The request is retried
    /// like [`get_document`](Self::get_document)'s until an answer arrives; a body that breaks
    /// off while streaming fails the call and is not retried (the writer already holds part
    /// of it).
    ///
    /// ```
    /// # async fn run(client: metapack_mm_api::MmApiClient, uri: metapack_mm_api::uri::DocumentUri)
    /// # -> Result<(), metapack_mm_api::Error> {
    /// use metapack_mm_api::model::DocumentParams;
    ///
    /// let mut label = Vec::new();
    /// let download = client
    ///     .download_document_to(&uri, &DocumentParams::default(), &mut label)
    ///     .await?;
    /// assert_eq!(download.len, label.len() as u64);
    /// # Ok(()) }
    /// ```
    pub async fn download_document_to<W>(
        &self,
        document: &DocumentUri,
        params: &DocumentParams,
        writer: &mut W,
    ) -> Result<DocumentDownload, Error>
    where
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
    {
        let url = self.document_url(document, params)?;
        self.stream_document(url, writer).await
    }

    /// [`download_document_to`](Self::download_document_to) a file at `path` (created, or
    /// replaced). The document and its parameters are checked before the file is touched; a
    /// download that fails after that, or whose future is dropped, removes the partial file.
    pub async fn download_document_to_path(
        &self,
        document: &DocumentUri,
        params: &DocumentParams,
        path: impl AsRef<std::path::Path>,
    ) -> Result<DocumentDownload, Error> {
        let url = self.document_url(document, params)?;
        let path = path.as_ref();
        let mut file = tokio::fs::File::create(path).await.map_err(|e| {
            Error::invalid_field("path", format!("cannot create {}: {e}", path.display()))
        })?;
        let mut partial = PartialFile(Some(path));
        let download = self.stream_document(url, &mut file).await?;
        partial.0 = None;
        Ok(download)
    }

    /// `GET` of a checked document URL, streamed to `writer`.
    async fn stream_document<W>(&self, url: Url, writer: &mut W) -> Result<DocumentDownload, Error>
    where
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
    {
        // The runtime authorizes the request itself, within the call's overall timeout.
        let request = self.request(Method::GET, url, Body::None)?;
        let mut response = self
            .runtime
            .execute_streamed(&self.http, request, operations::GET_DOCUMENT)
            .await?;
        let status = response.status();
        if !status.is_success() {
            let headers = std::mem::take(response.headers_mut());
            let body = response.bytes().await?;
            return Err(api_error(status, &headers, &body));
        }
        let media_type = media_type(response.headers());
        let limit = self.runtime.response_limits().document();
        let len = copy_bounded(response, writer, limit).await?;
        Ok(DocumentDownload { len, media_type })
    }

    /// The URL of `document` with `params`, checked.
    fn document_url(&self, document: &DocumentUri, params: &DocumentParams) -> Result<Url, Error> {
        self.require(Feature::GetDocument)?;
        self.check_params(params)?;
        on_host("document", document.as_str(), &self.host)?;
        let id = document.id().ok_or_else(|| {
            Error::invalid_field(
                "document",
                format!("not a document URI: {}", document.as_str()),
            )
        })?;
        let mut url = self.url(&[DocumentUri::SEGMENT])?;
        {
            let mut segments = url
                .path_segments_mut()
                .map_err(|()| Error::invalid_field("host", "host cannot be a base URL"))?;
            segments.extend(id.split('/'));
        }
        let pairs = params.query_pairs();
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        Ok(url)
    }
}

/// The file of a download in progress: removed when dropped unless the download finished
/// (`None`), so an error or a dropped future leaves no partial document behind.
struct PartialFile<'a>(Option<&'a std::path::Path>);

impl Drop for PartialFile<'_> {
    fn drop(&mut self) {
        if let Some(path) = self.0 {
            // Best effort: the download's error is what the caller needs to see.
            let _ = std::fs::remove_file(path);
        }
    }
}
