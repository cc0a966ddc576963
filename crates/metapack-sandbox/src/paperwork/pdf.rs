//! PDF: labels, and the A4 text documents (commercial invoices, manifests).

use super::barcode::{QUIET_MODULES, code39, runs};
use super::{A4, LabelContent, POINTS_PER_INCH};

pub(super) fn pdf_label((width_in, height_in): (f64, f64), content: &LabelContent) -> Vec<u8> {
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

/// A line of a text document.
pub(super) struct Line {
    size: f64,
    bold: bool,
    text: String,
}

impl Line {
    pub(super) fn bold(size: f64, text: &str) -> Self {
        Self {
            size,
            bold: true,
            text: text.to_owned(),
        }
    }

    pub(super) fn regular(size: f64, text: &str) -> Self {
        Self {
            size,
            bold: false,
            text: text.to_owned(),
        }
    }

    pub(super) fn gap() -> Self {
        Self::regular(6.0, "")
    }
}

/// An A4 PDF of these lines, on as many pages as they need.
pub(super) fn document(title: &str, lines: &[Line]) -> Vec<u8> {
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
pub(super) struct PdfPage {
    width: f64,
    height: f64,
    content: String,
}

impl PdfPage {
    pub(super) fn new(width: f64, height: f64) -> Self {
        Self {
            width,
            height,
            content: String::new(),
        }
    }

    /// Writes `text` with its baseline starting at (x, y).
    pub(super) fn text(&mut self, x: f64, y: f64, size: f64, bold: bool, text: &str) {
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
    pub(super) fn fill(&mut self, x: f64, y: f64, width: f64, height: f64) {
        self.content
            .push_str(&format!("{x:.2} {y:.2} {width:.2} {height:.2} re f\n"));
    }

    /// Strokes a rectangle.
    pub(super) fn frame(&mut self, x: f64, y: f64, width: f64, height: f64, line_width: f64) {
        self.content.push_str(&format!(
            "{line_width:.2} w {x:.2} {y:.2} {width:.2} {height:.2} re S\n"
        ));
    }

    /// Draws `text` as a Code 39 barcode filling the box, quiet zones included.
    pub(super) fn barcode(&mut self, x: f64, y: f64, width: f64, height: f64, text: &str) {
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
pub(super) fn pdf_string(text: &str) -> String {
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
pub(super) fn pdf(pages: &[PdfPage], title: &str) -> Vec<u8> {
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
