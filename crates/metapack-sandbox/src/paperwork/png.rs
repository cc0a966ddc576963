//! PNG: 1-bit greyscale labels.

use flate2::Compression;
use flate2::write::ZlibEncoder;
use std::io::Write as _;

use super::LabelContent;
use super::barcode::{QUIET_MODULES, code39, runs};

pub(super) fn png_label(
    (width_in, height_in): (f64, f64),
    dpi: u32,
    content: &LabelContent,
) -> Vec<u8> {
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

/// A black-and-white picture, row by row (`true` is black).
pub(super) struct Bitmap {
    width: u32,
    height: u32,
    black: Vec<bool>,
}

impl Bitmap {
    pub(super) fn new(width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            black: vec![false; width as usize * height as usize],
        }
    }

    /// Blackens a rectangle (clipped to the picture).
    pub(super) fn fill(&mut self, x: u32, y: u32, width: u32, height: u32) {
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
    pub(super) fn frame(&mut self, x: u32, y: u32, width: u32, height: u32, thickness: u32) {
        self.fill(x, y, width, thickness);
        self.fill(x, (y + height).saturating_sub(thickness), width, thickness);
        self.fill(x, y, thickness, height);
        self.fill((x + width).saturating_sub(thickness), y, thickness, height);
    }

    /// Draws `text` as a Code 39 barcode, centred in the box with quiet zones, with
    /// whole-pixel modules.
    pub(super) fn barcode(&mut self, x: u32, y: u32, width: u32, height: u32, text: &str) {
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
pub(super) fn png(bitmap: &Bitmap) -> Vec<u8> {
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
pub(super) fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let length = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}
