//! The bytes of paperwork, shared by the emulated APIs: labels (Shipping API paperwork, MM-API
//! documents), customs documents and manifests.
//!
//! * **PDF** (`format=pdf`, the default): a PDF 1.4 file with uncompressed content streams,
//!   the standard Helvetica fonts, a cross-reference table with exact offsets and `%%EOF`. A
//!   label is one page of the asked size (6x4 inches by default, portrait) with the carrier
//!   service, the consignment and parcel codes, the addresses and the tracking identifier as
//!   text and as a Code 39 barcode.
//! * **PNG** (`format=png`): a 1-bit greyscale image at the asked resolution (200 dpi by
//!   default) with a frame and the tracking identifier and parcel code as Code 39 barcodes;
//!   signature, `IHDR`, zlib-compressed `IDAT`, `IEND`, each chunk with its CRC.
//! * **ZPL** (`format=zpl`): `^XA ... ^XZ` text for Zebra printers, with the tracking
//!   identifier as a Code 128 barcode field (`^BC`).
//!
//! Labels for several parcels come as a ZIP archive (deflate) holding one document per
//! parcel, named `<parcelCode>.<format>`. Commercial invoices (for consignments crossing a
//! border) and manifests are always PDFs; the MM-API's CN23 declaration is label-shaped and
//! comes in the label's format.

mod barcode;
mod documents;
mod pdf;
mod png;
mod zpl;

pub(crate) use documents::{CustomsLine, ManifestLine, clearance_label, customs_invoice, manifest};
use pdf::pdf_label;
use png::png_label;
use std::io::{Cursor, Write as _};
use zpl::zpl_label;

use metapack_shipping::types::{PaperworkFormat, PaperworkType};

use crate::server::{FieldError, given_trimmed};

/// Points per inch, PDF's unit.
const POINTS_PER_INCH: f64 = 72.0;
/// The label size when none is asked: 6x4 inches.
const DEFAULT_SIZE: (f64, f64) = (4.0, 6.0);
/// The resolution when none is asked, as in the docs' example.
const DEFAULT_DPI: u32 = 200;
/// The highest resolution accepted.
const MAX_DPI: u32 = 600;
/// The longest label side accepted, in inches.
const MAX_INCHES: f64 = 12.0;
/// A4 in points, for customs documents and manifests.
const A4: (f64, f64) = (595.0, 842.0);

/// What to produce and how, from the `type`, `format`, `dimension` and `resolution`
/// parameters.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PaperworkOptions {
    /// Whether labels are wanted.
    pub(crate) labels: bool,
    /// Whether customs documents are wanted.
    pub(crate) customs: bool,
    /// The label format.
    pub(crate) format: Format,
    /// Label width and height in inches (portrait: width ≤ height).
    pub(crate) size: (f64, f64),
    /// Dots per inch of PNG and ZPL labels.
    pub(crate) dpi: u32,
}

/// A label file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// PDF.
    Pdf,
    /// PNG.
    Png,
    /// ZPL text.
    Zpl,
}

impl Format {
    /// The media type of a document in this format (`text/zpl` for ZPL, as the MM-API
    /// reference answers).
    pub(crate) fn media_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Png => "image/png",
            Format::Zpl => "text/zpl",
        }
    }

    /// The file name extension.
    fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Zpl => "zpl",
        }
    }
}

impl PaperworkOptions {
    /// Labels only (no customs documents), in `format` at `dpi`, of the default size (6x4
    /// inches).
    pub(crate) fn labels_only(format: Format, dpi: u32) -> Self {
        Self {
            labels: true,
            customs: false,
            format,
            size: DEFAULT_SIZE,
            dpi,
        }
    }

    /// Reads the four parameters; `prefix` is put before the field names of errors
    /// (`paperwork.` in a body, nothing in a query).
    pub(crate) fn parse(
        prefix: &str,
        kind: Option<&str>,
        format: Option<&str>,
        dimension: Option<&str>,
        resolution: Option<&str>,
    ) -> Result<Self, FieldError> {
        let (labels, customs) = match given_trimmed(kind).map(PaperworkType::parse) {
            None | Some(PaperworkType::All) => (true, true),
            Some(PaperworkType::Label) => (true, false),
            Some(PaperworkType::Documentation) => (false, true),
            Some(_) => {
                return Err(FieldError::new(
                    format!("{prefix}type"),
                    "must be one of label, documentation, all",
                ));
            }
        };
        let format = match given_trimmed(format).map(PaperworkFormat::parse) {
            None | Some(PaperworkFormat::Pdf) => Format::Pdf,
            Some(PaperworkFormat::Png) => Format::Png,
            Some(PaperworkFormat::Zpl) => Format::Zpl,
            Some(_) => {
                return Err(FieldError::new(
                    format!("{prefix}format"),
                    "must be one of pdf, png, zpl",
                ));
            }
        };
        let size = match given_trimmed(dimension) {
            None => DEFAULT_SIZE,
            Some(dimension) => parse_dimension(dimension).ok_or_else(|| {
                FieldError::new(
                    format!("{prefix}dimension"),
                    format!(
                        "must be a label size in inches such as 6x4 (at most {MAX_INCHES}), got {dimension:?}"
                    ),
                )
            })?,
        };
        let dpi = match given_trimmed(resolution) {
            None => DEFAULT_DPI,
            Some(resolution) => resolution
                .parse::<u32>()
                .ok()
                .filter(|dpi| (72..=MAX_DPI).contains(dpi))
                .ok_or_else(|| {
                    FieldError::new(
                        format!("{prefix}resolution"),
                        format!(
                            "must be dots per inch from 72 to {MAX_DPI}, such as 203, got {resolution:?}"
                        ),
                    )
                })?,
        };
        Ok(Self {
            labels,
            customs,
            format,
            size,
            dpi,
        })
    }
}

/// Reads `6x4` (or `6X4`, `4x6`, `4 x 6.5`): portrait width and height in inches.
fn parse_dimension(dimension: &str) -> Option<(f64, f64)> {
    let lower = dimension.to_ascii_lowercase();
    let (a, b) = lower.split_once('x')?;
    let a: f64 = a.trim().parse().ok()?;
    let b: f64 = b.trim().parse().ok()?;
    let valid = |v: f64| (1.0..=MAX_INCHES).contains(&v);
    (valid(a) && valid(b)).then(|| (a.min(b), a.max(b)))
}

/// What a label shows.
#[derive(Clone, Debug, Default)]
pub(crate) struct LabelContent {
    /// The consignment code.
    pub(crate) consignment_code: String,
    /// The parcel code.
    pub(crate) parcel_code: String,
    /// The parcel's position (1-based) and the consignment's parcel count.
    pub(crate) position: (usize, usize),
    /// The parcel's tracking identifier.
    pub(crate) tracking_identifier: String,
    /// The carrier's name.
    pub(crate) carrier: String,
    /// The carrier service's name.
    pub(crate) service: String,
    /// The sender's address lines.
    pub(crate) sender: Vec<String>,
    /// The recipient's address lines.
    pub(crate) recipient: Vec<String>,
    /// The parcel's weight in kg, when known.
    pub(crate) weight: Option<f64>,
    /// The delivery date (`YYYY-MM-DD`), when known.
    pub(crate) delivery_date: Option<String>,
}

/// The labels of these parcels: one document, or a ZIP of one document per parcel.
pub(crate) fn labels(options: &PaperworkOptions, parcels: &[LabelContent]) -> Vec<u8> {
    match parcels {
        [single] => label(options, single),
        _ => {
            let documents: Vec<(String, Vec<u8>)> = parcels
                .iter()
                .map(|parcel| {
                    let name = format!("{}.{}", parcel.parcel_code, options.format.extension());
                    (name, label(options, parcel))
                })
                .collect();
            zip_archive(&documents)
        }
    }
}

/// One parcel's label in the asked format.
pub(crate) fn label(options: &PaperworkOptions, content: &LabelContent) -> Vec<u8> {
    match options.format {
        Format::Pdf => pdf_label(options.size, content),
        Format::Png => png_label(options.size, options.dpi, content),
        Format::Zpl => zpl_label(options.size, options.dpi, content).into_bytes(),
    }
}

/// A ZIP archive (deflate) of these named documents.
fn zip_archive(documents: &[(String, Vec<u8>)]) -> Vec<u8> {
    let write = || -> zip::result::ZipResult<Vec<u8>> {
        let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in documents {
            archive.start_file(name.as_str(), options)?;
            archive.write_all(bytes)?;
        }
        Ok(archive.finish()?.into_inner())
    };
    // Writing to memory only fails on a bug; an empty archive is the least bad answer.
    write().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::barcode::{CODE39, code39};
    use super::pdf::pdf_string;
    use super::*;

    fn content() -> LabelContent {
        LabelContent {
            consignment_code: "DMC4BY1V4HVY".into(),
            parcel_code: "DMC4BY1V4HVYP1".into(),
            position: (1, 1),
            tracking_identifier: "SB1234567890".into(),
            carrier: "Sandbox Post".into(),
            service: "Sandbox Post 24".into(),
            sender: vec!["London Warehouse".into()],
            recipient: vec!["Ann (Smith)".into(), "1 High St".into()],
            weight: Some(1.5),
            delivery_date: Some("2030-01-10".into()),
        }
    }

    fn options(format: &str) -> PaperworkOptions {
        PaperworkOptions::parse("", None, Some(format), None, None).unwrap_or_else(|e| {
            panic!("{e:?}");
        })
    }

    #[test]
    fn code39_patterns_have_three_wide_elements() {
        for (c, pattern) in CODE39 {
            let wide: Vec<usize> = pattern
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'1')
                .map(|(i, _)| i)
                .collect();
            assert_eq!(wide.len(), 3, "{c}");
            let wide_bars = wide.iter().filter(|i| *i % 2 == 0).count();
            let expected = if "$/+%".contains(c) { 0 } else { 2 };
            assert_eq!(wide_bars, expected, "{c}");
        }
        // Each character is 6 narrow and 3 wide (3-module) elements, plus a 1-module gap.
        assert_eq!(code39("AB").len(), 4 * 15 + 3);
    }

    #[test]
    fn pdf_offsets_point_at_objects() {
        let bytes = label(&options("pdf"), &content());
        assert!(bytes.starts_with(b"%PDF-1.4"));
        assert!(bytes.ends_with(b"%%EOF\n"));
        // One char per byte, so that string offsets are byte offsets.
        let text: String = bytes
            .iter()
            .map(|&b| if b.is_ascii() { char::from(b) } else { '?' })
            .collect();
        assert!(text.contains("(DMC4BY1V4HVY) Tj"));
        assert!(text.contains("(Ann \\(Smith\\)) Tj"));
        assert_eq!(pdf_string("Zoë → A"), "Zo\\353 ? A");
        let startxref: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|rest| rest.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_default();
        assert!(text[startxref..].starts_with("xref\n0 8\n"));
        let entries: Vec<&str> = text[startxref..].lines().skip(3).take(7).collect();
        for (index, entry) in entries.iter().enumerate() {
            let offset: usize = entry[..10].parse().unwrap_or_default();
            assert!(
                text[offset..].starts_with(&format!("{} 0 obj", index + 1)),
                "{entry}"
            );
        }
        // The stream length is exact.
        let content_start = text.find("stream\n").map(|i| i + 7).unwrap_or_default();
        let content_end = text.find("\nendstream").unwrap_or_default();
        assert!(text.contains(&format!("/Length {}", content_end - content_start)));
    }

    #[test]
    fn png_is_well_formed() {
        let bytes = label(&options("png"), &content());
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(&bytes[12..16], b"IHDR");
        let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
        let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
        assert_eq!((width, height), (800, 1200));
        assert!(bytes.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]));
    }

    #[test]
    fn zpl_has_a_barcode_field() {
        let bytes = label(&options("zpl"), &content());
        let text = String::from_utf8(bytes).unwrap_or_default();
        assert!(text.starts_with("^XA\n"));
        assert!(text.trim_end().ends_with("^XZ"));
        assert!(text.contains("^BCN,177,Y,N,N^FDSB1234567890^FS"));
    }

    #[test]
    fn options_are_checked() {
        let parsed =
            PaperworkOptions::parse("", Some("label"), Some("ZPL"), Some("6X4"), Some("300"));
        assert_eq!(
            parsed.ok(),
            Some(PaperworkOptions {
                labels: true,
                customs: false,
                format: Format::Zpl,
                size: (4.0, 6.0),
                dpi: 300
            })
        );
        assert!(PaperworkOptions::parse("", None, Some("gif"), None, None).is_err());
        assert!(PaperworkOptions::parse("", Some("x"), None, None, None).is_err());
        assert!(PaperworkOptions::parse("", None, None, Some("big"), None).is_err());
        assert!(PaperworkOptions::parse("", None, None, None, Some("0")).is_err());
    }
}
