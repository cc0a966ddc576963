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

use std::io::{Cursor, Write as _};

use flate2::Compression;
use flate2::write::ZlibEncoder;
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

fn pdf_label((width_in, height_in): (f64, f64), content: &LabelContent) -> Vec<u8> {
    let width = width_in * POINTS_PER_INCH;
    let height = height_in * POINTS_PER_INCH;
    let margin = 14.0;
    let mut page = PdfPage::new(width, height);
    page.frame(
        margin / 2.0,
        margin / 2.0,
        width - margin,
        height - margin,
        1.5,
    );
    let mut y = height - margin - 16.0;
    page.text(margin, y, 14.0, true, &content.carrier);
    y -= 16.0;
    page.text(margin, y, 10.0, false, &content.service);
    y -= 22.0;
    page.text(margin, y, 11.0, true, &content.consignment_code);
    y -= 14.0;
    let (position, count) = content.position;
    page.text(
        margin,
        y,
        9.0,
        false,
        &format!("Parcel {position} of {count}: {}", content.parcel_code),
    );
    if let Some(weight) = content.weight {
        y -= 12.0;
        page.text(margin, y, 9.0, false, &format!("Weight: {weight} kg"));
    }
    if let Some(date) = &content.delivery_date {
        y -= 12.0;
        page.text(margin, y, 9.0, false, &format!("Delivery: {date}"));
    }
    y -= 20.0;
    page.text(margin, y, 9.0, true, "FROM");
    for line in &content.sender {
        y -= 11.0;
        page.text(margin, y, 9.0, false, line);
    }
    y -= 20.0;
    page.text(margin, y, 11.0, true, "TO");
    for line in &content.recipient {
        y -= 14.0;
        page.text(margin, y, 12.0, false, line);
    }
    let bar_height = (height * 0.16).max(36.0);
    let bars_y = margin + 24.0;
    page.barcode(
        margin,
        bars_y,
        width - 2.0 * margin,
        bar_height,
        &content.tracking_identifier,
    );
    page.text(
        margin,
        margin + 8.0,
        10.0,
        true,
        &content.tracking_identifier,
    );
    pdf(&[page], &format!("Label {}", content.parcel_code))
}

fn png_label((width_in, height_in): (f64, f64), dpi: u32, content: &LabelContent) -> Vec<u8> {
    let width = ((width_in * f64::from(dpi)).round() as u32).max(64);
    let height = ((height_in * f64::from(dpi)).round() as u32).max(64);
    let mut bitmap = Bitmap::new(width, height);
    let inset = width / 40 + 2;
    let thickness = (dpi / 50).max(2);
    bitmap.frame(
        inset,
        inset,
        width - 2 * inset,
        height - 2 * inset,
        thickness,
    );
    // A thick band at the top, then the tracking barcode in the middle and the parcel code
    // barcode below it.
    let band = height / 12;
    bitmap.fill(inset, inset, width - 2 * inset, band);
    let quiet = inset * 2;
    let bars_width = width - 2 * quiet;
    bitmap.barcode(
        quiet,
        height * 5 / 12,
        bars_width,
        height / 5,
        &content.tracking_identifier,
    );
    bitmap.barcode(
        quiet,
        height * 3 / 4,
        bars_width,
        height / 10,
        &content.parcel_code,
    );
    png(&bitmap)
}

fn zpl_label((width_in, height_in): (f64, f64), dpi: u32, content: &LabelContent) -> String {
    let scale = |dots: u32| dots * dpi / 203;
    let clean = |text: &str| -> String {
        text.chars()
            .map(|c| {
                if c == '^' || c == '~' || c.is_control() {
                    ' '
                } else {
                    c
                }
            })
            .collect()
    };
    let width = (width_in * f64::from(dpi)).round() as u32;
    let height = (height_in * f64::from(dpi)).round() as u32;
    let mut zpl = String::new();
    let mut line = |text: &str| {
        zpl.push_str(text);
        zpl.push('\n');
    };
    line("^XA");
    line("^CI28");
    line(&format!("^PW{width}"));
    line(&format!("^LL{height}"));
    let x = scale(30);
    let mut y = scale(30);
    let mut field = |size: u32, text: &str, y: &mut u32| {
        line(&format!(
            "^FO{x},{y}^A0N,{size},{size}^FD{}^FS",
            clean(text),
            size = scale(size)
        ));
        *y += scale(size + 10);
    };
    field(
        40,
        &format!("{} {}", content.carrier, content.service),
        &mut y,
    );
    field(32, &content.consignment_code, &mut y);
    let (position, count) = content.position;
    field(
        26,
        &format!("Parcel {position} of {count}: {}", content.parcel_code),
        &mut y,
    );
    if let Some(weight) = content.weight {
        field(26, &format!("Weight: {weight} kg"), &mut y);
    }
    if let Some(date) = &content.delivery_date {
        field(26, &format!("Delivery: {date}"), &mut y);
    }
    field(22, "FROM", &mut y);
    for sender in &content.sender {
        field(22, sender, &mut y);
    }
    field(30, "TO", &mut y);
    for recipient in &content.recipient {
        field(30, recipient, &mut y);
    }
    y += scale(20);
    line(&format!(
        "^FO{x},{y}^BY3^BCN,{},Y,N,N^FD{}^FS",
        scale(180),
        clean(&content.tracking_identifier)
    ));
    line("^XZ");
    zpl
}

/// A commercial invoice for a consignment crossing a border: a PDF listing its items.
pub(crate) fn customs_invoice(
    consignment_code: &str,
    sender: &[String],
    recipient: &[String],
    items: &[CustomsLine],
) -> Vec<u8> {
    let mut lines = vec![
        Line::bold(16.0, "COMMERCIAL INVOICE"),
        Line::regular(11.0, &format!("Consignment {consignment_code}")),
        Line::gap(),
        Line::bold(10.0, "Exporter"),
    ];
    lines.extend(sender.iter().map(|l| Line::regular(10.0, l)));
    lines.push(Line::gap());
    lines.push(Line::bold(10.0, "Importer"));
    lines.extend(recipient.iter().map(|l| Line::regular(10.0, l)));
    lines.push(Line::gap());
    lines.push(Line::bold(
        10.0,
        "Parcel / item / description / HS code / origin / quantity / value",
    ));
    if items.is_empty() {
        lines.push(Line::regular(10.0, "No items declared."));
    }
    for item in items {
        lines.push(Line::regular(
            10.0,
            &format!(
                "{} / {} / {} / {} / {} / {} / {}",
                item.parcel_code,
                item.item_ref,
                item.description,
                item.harmonised_code,
                item.country_of_origin,
                item.quantity,
                item.value
            ),
        ));
    }
    document(&format!("Commercial invoice {consignment_code}"), &lines)
}

/// One item line of a commercial invoice.
#[derive(Clone, Debug, Default)]
pub(crate) struct CustomsLine {
    /// The parcel holding the item.
    pub(crate) parcel_code: String,
    /// The item's reference.
    pub(crate) item_ref: String,
    /// Its description.
    pub(crate) description: String,
    /// Its harmonised (tariff) code.
    pub(crate) harmonised_code: String,
    /// Where it was made.
    pub(crate) country_of_origin: String,
    /// How many units.
    pub(crate) quantity: i64,
    /// The value of one unit, as text.
    pub(crate) value: String,
}

/// A manifest: a PDF listing its consignments.
pub(crate) fn manifest(
    manifest_code: &str,
    header: &[String],
    consignments: &[ManifestLine],
) -> Vec<u8> {
    let mut lines = vec![
        Line::bold(16.0, "MANIFEST"),
        Line::bold(12.0, manifest_code),
    ];
    lines.extend(header.iter().map(|l| Line::regular(10.0, l)));
    lines.push(Line::gap());
    lines.push(Line::bold(
        10.0,
        "Consignment / carrier service / parcels / tracking identifiers / recipient",
    ));
    for consignment in consignments {
        lines.push(Line::regular(
            10.0,
            &format!(
                "{} / {} / {} / {} / {}",
                consignment.consignment_code,
                consignment.service,
                consignment.parcels,
                consignment.tracking_identifiers.join(" "),
                consignment.recipient
            ),
        ));
    }
    lines.push(Line::gap());
    lines.push(Line::bold(
        10.0,
        &format!("Total: {} consignments", consignments.len()),
    ));
    document(&format!("Manifest {manifest_code}"), &lines)
}

/// A consolidated clearance label: one page naming the manifest and its cross-border
/// consignments, with the manifest code as a barcode.
pub(crate) fn clearance_label(manifest_code: &str, consignment_codes: &[String]) -> Vec<u8> {
    let (width, height) = (
        DEFAULT_SIZE.0 * POINTS_PER_INCH,
        DEFAULT_SIZE.1 * POINTS_PER_INCH,
    );
    let mut page = PdfPage::new(width, height);
    page.frame(7.0, 7.0, width - 14.0, height - 14.0, 1.5);
    page.text(14.0, height - 30.0, 13.0, true, "CONSOLIDATED CLEARANCE");
    page.text(14.0, height - 48.0, 11.0, false, manifest_code);
    let mut y = height - 70.0;
    for code in consignment_codes {
        page.text(14.0, y, 9.0, false, code);
        y -= 11.0;
        if y < 130.0 {
            break;
        }
    }
    page.barcode(14.0, 40.0, width - 28.0, 70.0, manifest_code);
    pdf(&[page], &format!("Consolidated clearance {manifest_code}"))
}

/// One consignment line of a manifest.
#[derive(Clone, Debug, Default)]
pub(crate) struct ManifestLine {
    /// The consignment code.
    pub(crate) consignment_code: String,
    /// The carrier service code.
    pub(crate) service: String,
    /// How many parcels.
    pub(crate) parcels: usize,
    /// The parcels' tracking identifiers.
    pub(crate) tracking_identifiers: Vec<String>,
    /// The recipient, on one line.
    pub(crate) recipient: String,
}

/// A line of a text document.
struct Line {
    size: f64,
    bold: bool,
    text: String,
}

impl Line {
    fn bold(size: f64, text: &str) -> Self {
        Self {
            size,
            bold: true,
            text: text.to_owned(),
        }
    }

    fn regular(size: f64, text: &str) -> Self {
        Self {
            size,
            bold: false,
            text: text.to_owned(),
        }
    }

    fn gap() -> Self {
        Self::regular(6.0, "")
    }
}

/// An A4 PDF of these lines, on as many pages as they need.
fn document(title: &str, lines: &[Line]) -> Vec<u8> {
    let (width, height) = A4;
    let margin = 50.0;
    let mut pages = vec![PdfPage::new(width, height)];
    let mut y = height - margin;
    for line in lines {
        let advance = line.size * 1.4;
        if y - advance < margin {
            pages.push(PdfPage::new(width, height));
            y = height - margin;
        }
        y -= advance;
        if let Some(page) = pages.last_mut() {
            page.text(margin, y, line.size, line.bold, &line.text);
        }
    }
    pdf(&pages, title)
}

/// One PDF page being drawn: its size in points and its content stream.
struct PdfPage {
    width: f64,
    height: f64,
    content: String,
}

impl PdfPage {
    fn new(width: f64, height: f64) -> Self {
        Self {
            width,
            height,
            content: String::new(),
        }
    }

    /// Writes `text` with its baseline starting at (x, y).
    fn text(&mut self, x: f64, y: f64, size: f64, bold: bool, text: &str) {
        if text.is_empty() {
            return;
        }
        let font = if bold { "F2" } else { "F1" };
        self.content.push_str(&format!(
            "BT /{font} {size:.1} Tf 1 0 0 1 {x:.2} {y:.2} Tm ({}) Tj ET\n",
            pdf_string(text)
        ));
    }

    /// Fills a rectangle.
    fn fill(&mut self, x: f64, y: f64, width: f64, height: f64) {
        self.content
            .push_str(&format!("{x:.2} {y:.2} {width:.2} {height:.2} re f\n"));
    }

    /// Strokes a rectangle.
    fn frame(&mut self, x: f64, y: f64, width: f64, height: f64, line_width: f64) {
        self.content.push_str(&format!(
            "{line_width:.2} w {x:.2} {y:.2} {width:.2} {height:.2} re S\n"
        ));
    }

    /// Draws `text` as a Code 39 barcode filling the box, quiet zones included.
    fn barcode(&mut self, x: f64, y: f64, width: f64, height: f64, text: &str) {
        let modules = code39(text);
        let module = width / (modules.len() + 2 * QUIET_MODULES) as f64;
        let left = x + QUIET_MODULES as f64 * module;
        for (start, len) in runs(&modules) {
            self.fill(left + start as f64 * module, y, len as f64 * module, height);
        }
    }
}

/// `text` as the inside of a PDF literal string in WinAnsiEncoding: `\`, `(` and `)`
/// escaped, Latin-1 letters as octal escapes, anything else as `?`.
fn pdf_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            '\u{a0}'..='\u{ff}' => out.push_str(&format!("\\{:03o}", u32::from(c))),
            _ => out.push('?'),
        }
    }
    out
}

/// A PDF 1.4 file of these pages. Objects: 1 catalog, 2 page tree, 3 and 4 fonts, 5 info,
/// then a page and its content stream for each page.
fn pdf(pages: &[PdfPage], title: &str) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    let mut offsets: Vec<usize> = Vec::new();
    out.extend_from_slice(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    let mut object = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        let number = offsets.len();
        out.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 6 + 2 * i))
        .collect();
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(
        &mut out,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .as_bytes(),
    );
    object(
        &mut out,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    );
    object(
        &mut out,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    );
    object(
        &mut out,
        format!(
            "<< /Title ({}) /Producer (metapack-sandbox) >>",
            pdf_string(title)
        )
        .as_bytes(),
    );
    for (index, page) in pages.iter().enumerate() {
        let contents = 7 + 2 * index;
        object(
            &mut out,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {:.2} {:.2}] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {contents} 0 R >>",
                page.width, page.height
            )
            .as_bytes(),
        );
        let stream = page.content.as_bytes();
        let mut body = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
        body.extend_from_slice(stream);
        body.extend_from_slice(b"\nendstream");
        object(&mut out, &body);
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n", offsets.len() + 1).as_bytes());
    out.extend_from_slice(b"0000000000 65535 f \n");
    for offset in &offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A black-and-white picture, row by row (`true` is black).
struct Bitmap {
    width: u32,
    height: u32,
    black: Vec<bool>,
}

impl Bitmap {
    fn new(width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            black: vec![false; width as usize * height as usize],
        }
    }

    /// Blackens a rectangle (clipped to the picture).
    fn fill(&mut self, x: u32, y: u32, width: u32, height: u32) {
        let x_end = x.saturating_add(width).min(self.width);
        let y_end = y.saturating_add(height).min(self.height);
        for row in y.min(self.height)..y_end {
            let start = row as usize * self.width as usize;
            for column in x.min(self.width)..x_end {
                self.black[start + column as usize] = true;
            }
        }
    }

    /// Draws a rectangle's outline.
    fn frame(&mut self, x: u32, y: u32, width: u32, height: u32, thickness: u32) {
        self.fill(x, y, width, thickness);
        self.fill(x, (y + height).saturating_sub(thickness), width, thickness);
        self.fill(x, y, thickness, height);
        self.fill((x + width).saturating_sub(thickness), y, thickness, height);
    }

    /// Draws `text` as a Code 39 barcode, centred in the box with quiet zones, with
    /// whole-pixel modules.
    fn barcode(&mut self, x: u32, y: u32, width: u32, height: u32, text: &str) {
        let modules = code39(text);
        let count = modules.len() as u32;
        let module = (width / (count + 2 * QUIET_MODULES as u32)).max(1);
        let left = x + width.saturating_sub(module * count) / 2;
        for (start, len) in runs(&modules) {
            self.fill(left + start as u32 * module, y, len as u32 * module, height);
        }
    }
}

/// A 1-bit greyscale PNG of `bitmap`.
fn png(bitmap: &Bitmap) -> Vec<u8> {
    let row_bytes = (bitmap.width as usize).div_ceil(8);
    let mut raw = Vec::with_capacity((row_bytes + 1) * bitmap.height as usize);
    for row in bitmap.black.chunks(bitmap.width as usize) {
        raw.push(0); // filter type None
        let mut packed = vec![0u8; row_bytes];
        for (column, black) in row.iter().enumerate() {
            // In 1-bit greyscale, 1 is white.
            if !black {
                packed[column / 8] |= 0x80 >> (column % 8);
            }
        }
        raw.extend_from_slice(&packed);
    }
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(&raw);
    let idat = encoder.finish().unwrap_or_default();

    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&bitmap.width.to_be_bytes());
    ihdr.extend_from_slice(&bitmap.height.to_be_bytes());
    // Bit depth 1, colour type 0 (greyscale), deflate, adaptive filtering, no interlace.
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]);

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &idat);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// Appends one PNG chunk: length, type, data and the CRC of type and data.
fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let length = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

/// The blank modules a barcode needs on each side to be read.
const QUIET_MODULES: usize = 10;

/// Code 39 patterns: nine elements (bar, space, bar, ...), `1` for wide.
const CODE39: [(char, &str); 44] = [
    ('0', "000110100"),
    ('1', "100100001"),
    ('2', "001100001"),
    ('3', "101100000"),
    ('4', "000110001"),
    ('5', "100110000"),
    ('6', "001110000"),
    ('7', "000100101"),
    ('8', "100100100"),
    ('9', "001100100"),
    ('A', "100001001"),
    ('B', "001001001"),
    ('C', "101001000"),
    ('D', "000011001"),
    ('E', "100011000"),
    ('F', "001011000"),
    ('G', "000001101"),
    ('H', "100001100"),
    ('I', "001001100"),
    ('J', "000011100"),
    ('K', "100000011"),
    ('L', "001000011"),
    ('M', "101000010"),
    ('N', "000010011"),
    ('O', "100010010"),
    ('P', "001010010"),
    ('Q', "000000111"),
    ('R', "100000110"),
    ('S', "001000110"),
    ('T', "000010110"),
    ('U', "110000001"),
    ('V', "011000001"),
    ('W', "111000000"),
    ('X', "010010001"),
    ('Y', "110010000"),
    ('Z', "011010000"),
    ('-', "010000101"),
    ('.', "110000100"),
    (' ', "011000100"),
    ('$', "010101000"),
    ('/', "010100010"),
    ('+', "010001010"),
    ('%', "000101010"),
    ('*', "010010100"),
];

/// `text` as Code 39 modules (`true` is a black module): start `*`, the characters
/// (upper-cased; ones Code 39 lacks become `-`), stop `*`, a narrow space between
/// characters, wide elements three modules wide.
fn code39(text: &str) -> Vec<bool> {
    let pattern = |c: char| {
        CODE39
            .iter()
            .find(|(k, _)| *k == c)
            .or_else(|| CODE39.iter().find(|(k, _)| *k == '-'))
            .map_or("000000000", |(_, p)| *p)
    };
    let chars = std::iter::once('*')
        .chain(
            text.chars()
                .map(|c| c.to_ascii_uppercase())
                .map(|c| if c == '*' { '-' } else { c }),
        )
        .chain(std::iter::once('*'));
    let mut modules = Vec::new();
    for (index, c) in chars.enumerate() {
        if index > 0 {
            modules.push(false);
        }
        for (element, wide) in pattern(c).bytes().enumerate() {
            let black = element % 2 == 0;
            let width = if wide == b'1' { 3 } else { 1 };
            modules.extend(std::iter::repeat_n(black, width));
        }
    }
    modules
}

/// The black runs of `modules`: (start, length).
fn runs(modules: &[bool]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (index, black) in modules.iter().chain(std::iter::once(&false)).enumerate() {
        match (black, start) {
            (true, None) => start = Some(index),
            (false, Some(from)) => {
                runs.push((from, index - from));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
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
