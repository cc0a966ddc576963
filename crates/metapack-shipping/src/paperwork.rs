//! Labels, customs documents and manifests: from the API's base64 strings to files.
//!
//! Every paperwork string of the Shipping API is base64. Whatever format was asked for, one
//! string can hold a PDF, a PNG, ZPL text, or a ZIP archive with one document per parcel, so
//! [`decode`] recognises what it got by the bytes, never by the request, and expands archives
//! into their entries.
//!
//! ```
//! use metapack_shipping::paperwork::{self, DocumentKind};
//!
//! // "%PDF-1.4 ..." as the API would send it, wrapped over two lines.
//! let documents = paperwork::decode("JVBERi0xLjQK\nJSVFT0YK")?;
//! assert_eq!(documents.len(), 1);
//! assert_eq!(documents[0].kind, DocumentKind::Pdf);
//! assert_eq!(documents[0].kind.extension(), "pdf");
//!
//! let dir = std::env::temp_dir().join(format!("metapack-doc-{}", std::process::id()));
//! let files = paperwork::write_documents(&dir, "DMC4BY1V4HVY", &documents)?;
//! assert!(files[0].ends_with("DMC4BY1V4HVY_1.pdf"));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), paperwork::PaperworkError>(())
//! ```

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::types::{
    ConsignmentWithPaperwork, ManifestPaperwork, ManifestPaperworkResponse, Paperwork,
    PaperworkResponse,
};

/// An archive may expand to at most this many bytes in total (256 MiB), so a corrupt or hostile
/// archive cannot exhaust memory.
pub const MAX_EXPANDED_SIZE: u64 = 256 * 1024 * 1024;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// What a document is, recognised by its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentKind {
    /// A PDF (starts with `%PDF-`).
    Pdf,
    /// A PNG image (starts with the PNG signature).
    Png,
    /// ZPL printer commands: text whose first non-whitespace characters are `^XA` or `~`.
    Zpl,
    /// Anything else, including an archive nested in an archive (not expanded).
    Other,
}

impl DocumentKind {
    /// Recognises a document by its first bytes. A ZIP archive is [`DocumentKind::Other`]
    /// here; [`decode`] expands archives before it gets this far.
    ///
    /// ```
    /// use metapack_shipping::DocumentKind;
    ///
    /// assert_eq!(DocumentKind::detect(b"%PDF-1.7\n"), DocumentKind::Pdf);
    /// assert_eq!(DocumentKind::detect(b"\r\n ^XA^FO50,50^FDHi^FS^XZ"), DocumentKind::Zpl);
    /// assert_eq!(DocumentKind::detect(b"hello"), DocumentKind::Other);
    /// ```
    pub fn detect(bytes: &[u8]) -> DocumentKind {
        let text = bytes.trim_ascii_start();
        if bytes.starts_with(PNG_SIGNATURE) {
            DocumentKind::Png
        } else if text.starts_with(b"%PDF-") {
            DocumentKind::Pdf
        } else if text.starts_with(b"~")
            || text
                .get(..3)
                .is_some_and(|start| start.eq_ignore_ascii_case(b"^XA"))
        {
            DocumentKind::Zpl
        } else {
            DocumentKind::Other
        }
    }

    /// The usual file extension: `pdf`, `png`, `zpl`, or `bin` for anything else.
    pub fn extension(self) -> &'static str {
        match self {
            DocumentKind::Pdf => "pdf",
            DocumentKind::Png => "png",
            DocumentKind::Zpl => "zpl",
            DocumentKind::Other => "bin",
        }
    }
}

/// One decoded document: a label, a customs document, a manifest, or one entry of an archive.
#[derive(Clone, PartialEq, Eq)]
pub struct Document {
    /// What the bytes are.
    pub kind: DocumentKind,
    /// The document itself, ready for a file or a printer.
    pub bytes: Vec<u8>,
    /// The entry name as stored, for a document that came out of a ZIP archive. It is not a
    /// safe path (it may hold `..` or be absolute): [`write_documents`] does not use it.
    pub name: Option<String>,
}

impl Document {
    /// A document from raw bytes, its kind recognised by [`DocumentKind::detect`].
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self {
            kind: DocumentKind::detect(&bytes),
            bytes,
            name: None,
        }
    }

    /// The file extension of its kind.
    pub fn extension(&self) -> &'static str {
        self.kind.extension()
    }
}

impl std::fmt::Debug for Document {
    // Documents run to megabytes: show their size, not their bytes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("kind", &self.kind)
            .field("len", &self.bytes.len())
            .field("name", &self.name)
            .finish()
    }
}

/// Why paperwork could not be decoded or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PaperworkError {
    /// The string is not valid base64 (standard alphabet; whitespace and missing padding are
    /// accepted).
    #[error("invalid base64{}: {message}", position.map(|p| format!(" at byte {p}")).unwrap_or_default())]
    Base64 {
        /// Byte offset of the offending character in the string as given, when known.
        position: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// The bytes start like a ZIP archive but the archive cannot be read (truncated, corrupt,
    /// encrypted, or compressed with a method other than stored or deflate).
    #[error("invalid ZIP archive: {message}")]
    Zip {
        /// What is wrong.
        message: String,
    },
    /// There is nothing to decode: an empty string, or an archive without files.
    #[error("the paperwork is empty")]
    Empty,
    /// A file or directory could not be written.
    #[error("could not write {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The consignment code cannot be used in a file name (empty, or containing a path
    /// separator, `..`, `:` or NUL).
    #[error("consignment code {code:?} cannot be used in a file name: {reason}")]
    InvalidConsignmentCode {
        /// The code as given.
        code: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// Decodes one base64 paperwork string into its documents: one, or one per entry of a ZIP
/// archive (entries keep their names; archives inside the archive are not expanded).
///
/// Whitespace and line breaks anywhere in the string are ignored; the alphabet is the standard
/// one, with or without `=` padding.
pub fn decode(base64: &str) -> Result<Vec<Document>, PaperworkError> {
    documents_from_bytes(decode_base64(base64)?)
}

/// Splits already-decoded paperwork bytes into documents, like [`decode`] does after base64.
pub fn documents_from_bytes(bytes: Vec<u8>) -> Result<Vec<Document>, PaperworkError> {
    if bytes.is_empty() {
        return Err(PaperworkError::Empty);
    }
    if is_zip(&bytes) {
        expand_zip(&bytes)
    } else {
        Ok(vec![Document::from_bytes(bytes)])
    }
}

/// Writes documents to `dir` (created if needed) as `<consignmentCode>_<n>.<ext>`, `n`
/// counting from 1 in the order given, replacing files of the same name. Returns the paths
/// written.
///
/// The consignment code becomes part of the file names, so one that is empty or contains a
/// path separator, `..`, `:` or NUL is refused before anything is written.
pub fn write_documents(
    dir: impl AsRef<Path>,
    consignment_code: &str,
    documents: &[Document],
) -> Result<Vec<PathBuf>, PaperworkError> {
    check_file_stem(consignment_code)?;
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir).map_err(|source| PaperworkError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths = Vec::with_capacity(documents.len());
    for (index, document) in documents.iter().enumerate() {
        let path = dir.join(format!(
            "{consignment_code}_{}.{}",
            index + 1,
            document.extension()
        ));
        std::fs::write(&path, &document.bytes).map_err(|source| PaperworkError::Io {
            path: path.clone(),
            source,
        })?;
        paths.push(path);
    }
    Ok(paths)
}

fn check_file_stem(code: &str) -> Result<(), PaperworkError> {
    let refuse = |reason| {
        Err(PaperworkError::InvalidConsignmentCode {
            code: code.to_owned(),
            reason,
        })
    };
    if code.trim().is_empty() {
        refuse("it is blank")
    } else if code.contains(['/', '\\']) {
        refuse("it contains a path separator")
    } else if code.contains("..") {
        refuse("it contains `..`")
    } else if code.contains([':', '\0']) {
        refuse("it contains `:` or NUL")
    } else {
        Ok(())
    }
}

fn decode_base64(text: &str) -> Result<Vec<u8>, PaperworkError> {
    let compact: Vec<u8> = text
        .bytes()
        .filter(|byte| !byte.is_ascii_whitespace())
        .collect();
    if compact.is_empty() {
        return Err(PaperworkError::Empty);
    }
    let engine = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    // The position in `text` of the `offset`-th significant byte (only computed on failure).
    let at = |offset: usize| {
        text.bytes()
            .enumerate()
            .filter(|(_, byte)| !byte.is_ascii_whitespace())
            .nth(offset)
            .map(|(position, _)| position)
    };
    engine.decode(&compact).map_err(|error| {
        use base64::DecodeError as E;
        let (position, message) = match error {
            E::InvalidByte(offset, byte) => (
                at(offset),
                format!("{:?} is not a base64 character", char::from(byte)),
            ),
            E::InvalidLastSymbol(offset, byte) => (
                at(offset),
                format!(
                    "{:?} cannot end base64 data (trailing bits are set)",
                    char::from(byte)
                ),
            ),
            E::InvalidLength(length) => (
                None,
                format!("{length} base64 characters cannot encode whole bytes (truncated?)"),
            ),
            E::InvalidPadding => (None, "misplaced or excess `=` padding".to_owned()),
        };
        PaperworkError::Base64 { position, message }
    })
}

fn is_zip(bytes: &[u8]) -> bool {
    // A local file header, or the end record of an archive without entries.
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

fn expand_zip(bytes: &[u8]) -> Result<Vec<Document>, PaperworkError> {
    let zip_error = |message: String| PaperworkError::Zip { message };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(e.to_string()))?;
    let mut documents = Vec::with_capacity(archive.len());
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|e| zip_error(format!("entry {index}: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_or_else(
            |_| String::from_utf8_lossy(entry.name_raw()).into_owned(),
            std::borrow::Cow::into_owned,
        );
        let mut content = Vec::new();
        let budget = MAX_EXPANDED_SIZE - total;
        (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut content)
            .map_err(|e| zip_error(format!("entry {name:?}: {e}")))?;
        total += content.len() as u64;
        if total > MAX_EXPANDED_SIZE {
            return Err(zip_error(format!(
                "the archive expands beyond {MAX_EXPANDED_SIZE} bytes"
            )));
        }
        documents.push(Document {
            kind: DocumentKind::detect(&content),
            bytes: content,
            name: Some(name),
        });
    }
    if documents.is_empty() {
        return Err(PaperworkError::Empty);
    }
    Ok(documents)
}

/// Decodes each present, non-blank string in order and concatenates the documents.
fn decode_all<'a>(
    strings: impl IntoIterator<Item = Option<&'a String>>,
) -> Result<Vec<Document>, PaperworkError> {
    let mut documents = Vec::new();
    for text in strings.into_iter().flatten() {
        if !text.trim().is_empty() {
            documents.extend(decode(text)?);
        }
    }
    Ok(documents)
}

impl Paperwork {
    /// The labels, decoded (none when `labels` is absent or blank).
    pub fn label_documents(&self) -> Result<Vec<Document>, PaperworkError> {
        decode_all([self.labels.as_ref()])
    }

    /// The customs documents, decoded (none when `customs` is absent or blank).
    pub fn customs_documents(&self) -> Result<Vec<Document>, PaperworkError> {
        decode_all([self.customs.as_ref()])
    }

    /// Labels then customs documents, decoded; absent or blank strings are skipped.
    pub fn documents(&self) -> Result<Vec<Document>, PaperworkError> {
        decode_all([self.labels.as_ref(), self.customs.as_ref()])
    }
}

impl PaperworkResponse {
    /// Labels then customs documents, decoded (see [`Paperwork::documents`]).
    pub fn documents(&self) -> Result<Vec<Document>, PaperworkError> {
        self.paperwork
            .as_ref()
            .map_or_else(|| Ok(Vec::new()), Paperwork::documents)
    }

    /// The labels alone, decoded (see [`Paperwork::label_documents`]).
    pub fn label_documents(&self) -> Result<Vec<Document>, PaperworkError> {
        self.paperwork
            .as_ref()
            .map_or_else(|| Ok(Vec::new()), Paperwork::label_documents)
    }
}

impl ConsignmentWithPaperwork {
    /// Labels then customs documents of the new consignment, decoded (see
    /// [`Paperwork::documents`]).
    pub fn documents(&self) -> Result<Vec<Document>, PaperworkError> {
        self.paperwork
            .as_ref()
            .map_or_else(|| Ok(Vec::new()), Paperwork::documents)
    }

    /// The labels of the new consignment alone, decoded (see [`Paperwork::label_documents`]).
    pub fn label_documents(&self) -> Result<Vec<Document>, PaperworkError> {
        self.paperwork
            .as_ref()
            .map_or_else(|| Ok(Vec::new()), Paperwork::label_documents)
    }
}

impl ManifestPaperwork {
    /// The manifest, the consolidated clearance label and the commercial invoice, in that
    /// order, decoded; absent or blank strings are skipped.
    pub fn documents(&self) -> Result<Vec<Document>, PaperworkError> {
        decode_all([
            self.manifest.as_ref(),
            self.consolidated_clearance_label.as_ref(),
            self.commercial_invoice.as_ref(),
        ])
    }
}

impl ManifestPaperworkResponse {
    /// The manifest documents, decoded (see [`ManifestPaperwork::documents`]).
    pub fn documents(&self) -> Result<Vec<Document>, PaperworkError> {
        self.paperwork
            .as_ref()
            .map_or_else(|| Ok(Vec::new()), ManifestPaperwork::documents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_positions_point_into_the_original_string() {
        match decode_base64("QUJD\nR$FG") {
            Err(PaperworkError::Base64 { position, .. }) => assert_eq!(position, Some(6)),
            other => panic!("{other:?}"),
        }
        assert_eq!(decode_base64(" QUJD RA ").unwrap(), b"ABCD");
        assert_eq!(decode_base64("QUJDRA==").unwrap(), b"ABCD");
        assert!(matches!(decode_base64(" \n"), Err(PaperworkError::Empty)));
        assert!(matches!(
            decode_base64("QUJDR"),
            Err(PaperworkError::Base64 { position: None, .. })
        ));
    }

    #[test]
    fn file_stems() {
        for bad in ["", " ", "../x", "a/b", "a\\b", "..", "C:x", "a\0b"] {
            assert!(check_file_stem(bad).is_err(), "{bad:?}");
        }
        for good in ["DMC4BY1V4HVY", "a.b", "code-1_2"] {
            assert!(check_file_stem(good).is_ok(), "{good:?}");
        }
    }
}
