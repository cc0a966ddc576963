//! Paperwork decoding: base64 to documents recognised by their bytes (PDF, PNG, ZPL, ZIP
//! archives expanded into their entries), its errors, and writing documents to files.

use std::io::Write as _;
use std::path::PathBuf;

use base64::Engine as _;
use metapack_shipping::paperwork::{self, Document, DocumentKind, PaperworkError};
use metapack_shipping::types::{ManifestPaperwork, Paperwork, PaperworkResponse};
use zip::write::SimpleFileOptions;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A complete one-page PDF with a correct cross-reference table.
fn minimal_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] >>",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// A valid 1×1 greyscale PNG: signature, IHDR, one stored-deflate IDAT, IEND, real CRCs.
fn minimal_png() -> Vec<u8> {
    fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        png.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut typed = kind.to_vec();
        typed.extend_from_slice(data);
        png.extend_from_slice(&typed);
        png.extend_from_slice(&crc32(&typed).to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    // 1x1, bit depth 8, colour type 0 (grey), deflate, adaptive filtering, no interlace.
    chunk(&mut png, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    let scanline = [0u8, 0xFF]; // filter byte, one white pixel
    let mut zlib = vec![0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF];
    zlib.extend_from_slice(&scanline);
    zlib.extend_from_slice(&adler32(&scanline).to_be_bytes());
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

const ZPL: &[u8] = b"^XA\n^CF0,60\n^FO50,50^FDDMC4BY1V4HVY^FS\n^XZ\n";

/// A ZIP with a deflated PDF and a stored ZPL label, written with the zip crate.
fn two_entry_zip() -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("parcel-1.pdf", deflated).unwrap();
    writer.write_all(&minimal_pdf()).unwrap();
    writer.start_file("labels/parcel-2.zpl", stored).unwrap();
    writer.write_all(ZPL).unwrap();
    writer.finish().unwrap().into_inner()
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer
            .start_file(*name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "metapack-shipping-{name}-{}-{nanos}",
            std::process::id()
        ));
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------------
// Kinds
// ---------------------------------------------------------------------------------------------

#[test]
fn a_pdf_is_one_pdf_document() {
    let pdf = minimal_pdf();
    let documents = paperwork::decode(&b64(&pdf)).unwrap();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].kind, DocumentKind::Pdf);
    assert_eq!(documents[0].bytes, pdf);
    assert_eq!(documents[0].name, None);
    assert_eq!(documents[0].extension(), "pdf");
}

#[test]
fn a_png_is_one_png_document() {
    let png = minimal_png();
    let documents = paperwork::decode(&b64(&png)).unwrap();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].kind, DocumentKind::Png);
    assert_eq!(documents[0].bytes, png);
    assert_eq!(documents[0].extension(), "png");
}

#[test]
fn zpl_text_is_a_zpl_document() {
    for zpl in [
        ZPL.to_vec(),
        b"\r\n\t ^XA^FO20,20^FDx^FS^XZ".to_vec(),
        b"^xa^fo20,20^fdlower case^fs^xz".to_vec(),
        b"~JA\n^XA^XZ".to_vec(),
        b"~DGR:LOGO.GRF,00080,010,FFFF".to_vec(),
    ] {
        let documents = paperwork::decode(&b64(&zpl)).unwrap();
        assert_eq!(documents.len(), 1);
        assert_eq!(documents[0].kind, DocumentKind::Zpl, "{zpl:?}");
        assert_eq!(documents[0].bytes, zpl);
        assert_eq!(documents[0].extension(), "zpl");
    }
}

#[test]
fn anything_else_is_other() {
    for bytes in [
        b"Hello, label".to_vec(),
        b"XA^FO".to_vec(),
        b"<html><body>label</body></html>".to_vec(),
        b"PDF-1.4".to_vec(),
        vec![0x89, b'P', b'N', b'G'],
    ] {
        let documents = paperwork::decode(&b64(&bytes)).unwrap();
        assert_eq!(documents[0].kind, DocumentKind::Other, "{bytes:?}");
        assert_eq!(documents[0].extension(), "bin");
    }
}

#[test]
fn a_zip_is_expanded_into_its_entries() {
    let documents = paperwork::decode(&b64(&two_entry_zip())).unwrap();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[0].kind, DocumentKind::Pdf);
    assert_eq!(documents[0].name.as_deref(), Some("parcel-1.pdf"));
    assert_eq!(documents[0].bytes, minimal_pdf());
    assert_eq!(documents[1].kind, DocumentKind::Zpl);
    assert_eq!(documents[1].name.as_deref(), Some("labels/parcel-2.zpl"));
    assert_eq!(documents[1].bytes, ZPL);
}

#[test]
fn zip_entries_are_detected_by_their_bytes_not_their_names() {
    let png = minimal_png();
    let archive = zip_of(&[("label.pdf", &png), ("label.png", ZPL)]);
    let documents = paperwork::decode(&b64(&archive)).unwrap();
    let kinds: Vec<_> = documents.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, [DocumentKind::Png, DocumentKind::Zpl]);
}

#[test]
fn nested_zips_are_not_expanded() {
    let inner = two_entry_zip();
    let archive = zip_of(&[("inner.zip", &inner), ("label.zpl", ZPL)]);
    let documents = paperwork::decode(&b64(&archive)).unwrap();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[0].kind, DocumentKind::Other);
    assert_eq!(documents[0].name.as_deref(), Some("inner.zip"));
    assert_eq!(documents[0].bytes, inner);
    assert_eq!(documents[1].kind, DocumentKind::Zpl);
}

#[test]
fn zip_directories_are_skipped() {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer
        .add_directory("labels/", SimpleFileOptions::default())
        .unwrap();
    writer
        .start_file("labels/1.zpl", SimpleFileOptions::default())
        .unwrap();
    writer.write_all(ZPL).unwrap();
    let archive = writer.finish().unwrap().into_inner();
    let documents = paperwork::decode(&b64(&archive)).unwrap();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].name.as_deref(), Some("labels/1.zpl"));
}

#[test]
fn detection_ignores_a_misleading_requested_format() {
    // Asked for ZPL, got a PDF; asked for PDF, got a ZIP of PNGs: the bytes decide.
    let paperwork = Paperwork {
        labels: Some(b64(&minimal_pdf())),
        customs: Some(b64(&zip_of(&[
            ("customs-1.pdf", &minimal_png()),
            ("customs-2.pdf", &minimal_png()),
        ]))),
    };
    let kinds: Vec<_> = paperwork
        .documents()
        .unwrap()
        .iter()
        .map(|d| d.kind)
        .collect();
    assert_eq!(
        kinds,
        [DocumentKind::Pdf, DocumentKind::Png, DocumentKind::Png]
    );
    assert_eq!(paperwork.label_documents().unwrap().len(), 1);
    assert_eq!(paperwork.customs_documents().unwrap().len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Base64
// ---------------------------------------------------------------------------------------------

#[test]
fn whitespace_and_line_breaks_in_base64_are_ignored() {
    let pdf = minimal_pdf();
    let encoded = b64(&pdf);
    // MIME-style 76-column lines with CRLF, plus stray spaces and tabs.
    let wrapped: String = encoded
        .as_bytes()
        .chunks(76)
        .map(|line| std::str::from_utf8(line).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n");
    let messy = format!("  \n{}\t \n", wrapped.replacen('A', "A ", 3));
    let documents = paperwork::decode(&messy).unwrap();
    assert_eq!(documents[0].bytes, pdf);
}

#[test]
fn padding_is_optional() {
    let zpl = b"^XA^XZ!!"; // 8 bytes: one `=` of padding
    let padded = b64(zpl);
    assert!(padded.ends_with('='));
    let unpadded = padded.trim_end_matches('=');
    assert_eq!(paperwork::decode(unpadded).unwrap()[0].bytes, zpl);
    assert_eq!(paperwork::decode(&padded).unwrap()[0].bytes, zpl);
}

#[test]
fn malformed_base64_is_a_base64_error() {
    match paperwork::decode("JVBERi0x\nLj$Q=") {
        Err(PaperworkError::Base64 { position, message }) => {
            assert_eq!(position, Some(11), "{message}");
            assert!(message.contains('$'), "{message}");
        }
        other => panic!("expected Base64, got {other:?}"),
    }
    // The URL-safe alphabet is not Metapack's.
    assert!(matches!(
        paperwork::decode("JVBERi0xLjQK_-__"),
        Err(PaperworkError::Base64 { .. })
    ));
    // Truncated: a length no base64 encoder produces.
    assert!(matches!(
        paperwork::decode("JVBERi0xL"),
        Err(PaperworkError::Base64 { .. })
    ));
    // Padding in the middle.
    assert!(matches!(
        paperwork::decode("JV==Ri0x"),
        Err(PaperworkError::Base64 { .. })
    ));
    let err = paperwork::decode("ab$c").unwrap_err();
    assert!(
        err.to_string().starts_with("invalid base64 at byte 2"),
        "{err}"
    );
}

#[test]
fn empty_paperwork_is_empty() {
    for text in ["", "   ", "\r\n\t"] {
        assert!(
            matches!(paperwork::decode(text), Err(PaperworkError::Empty)),
            "{text:?}"
        );
    }
    // An archive without files.
    let empty_zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()))
        .finish()
        .unwrap()
        .into_inner();
    assert!(matches!(
        paperwork::decode(&b64(&empty_zip)),
        Err(PaperworkError::Empty)
    ));
    assert!(matches!(
        paperwork::documents_from_bytes(Vec::new()),
        Err(PaperworkError::Empty)
    ));
}

// ---------------------------------------------------------------------------------------------
// Corrupt archives
// ---------------------------------------------------------------------------------------------

#[test]
fn a_truncated_zip_is_a_zip_error() {
    let archive = two_entry_zip();
    for cut in [archive.len() / 2, archive.len() - 10, 30] {
        match paperwork::decode(&b64(&archive[..cut])) {
            Err(PaperworkError::Zip { message }) => assert!(!message.is_empty()),
            other => panic!("cut at {cut}: expected Zip, got {other:?}"),
        }
    }
}

#[test]
fn a_corrupt_zip_entry_is_a_zip_error() {
    let mut archive = two_entry_zip();
    // Flip bytes inside the first (deflated) entry's data: it no longer inflates or its CRC
    // no longer matches.
    let data_start = 30 + "parcel-1.pdf".len();
    for byte in &mut archive[data_start + 5..data_start + 40] {
        *byte ^= 0x5A;
    }
    assert!(matches!(
        paperwork::decode(&b64(&archive)),
        Err(PaperworkError::Zip { .. })
    ));
}

#[test]
fn zip_garbage_after_the_signature_is_a_zip_error() {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(&[0xAB; 64]);
    assert!(matches!(
        paperwork::decode(&b64(&bytes)),
        Err(PaperworkError::Zip { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// Response helpers
// ---------------------------------------------------------------------------------------------

#[test]
fn response_helpers_skip_absent_paperwork() {
    assert!(PaperworkResponse::default().documents().unwrap().is_empty());
    let response = PaperworkResponse {
        paperwork: Some(Paperwork {
            labels: Some(b64(ZPL)),
            customs: Some("  ".into()),
        }),
        links: None,
    };
    assert_eq!(response.documents().unwrap().len(), 1);

    let manifest = ManifestPaperwork {
        manifest: Some(b64(&minimal_pdf())),
        consolidated_clearance_label: None,
        commercial_invoice: Some(b64(&minimal_png())),
    };
    let kinds: Vec<_> = manifest
        .documents()
        .unwrap()
        .iter()
        .map(|d| d.kind)
        .collect();
    assert_eq!(kinds, [DocumentKind::Pdf, DocumentKind::Png]);

    let broken = Paperwork {
        labels: Some(b64(ZPL)),
        customs: Some("not base64!".into()),
    };
    assert!(matches!(
        broken.documents(),
        Err(PaperworkError::Base64 { .. })
    ));
}

#[test]
fn document_debug_shows_the_size_not_the_bytes() {
    let document = Document::from_bytes(minimal_pdf());
    let debug = format!("{document:?}");
    assert!(debug.contains("Pdf") && debug.contains("len"), "{debug}");
    assert!(!debug.contains("37, 80, 68, 70"), "{debug}");
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

#[test]
fn write_documents_names_files_after_the_consignment() {
    let tmp = TempDir::new("write");
    let dir = tmp.0.join("nested").join("labels");
    let mut documents = paperwork::decode(&b64(&two_entry_zip())).unwrap();
    documents.push(Document::from_bytes(minimal_png()));
    documents.push(Document::from_bytes(b"plain".to_vec()));

    let paths = paperwork::write_documents(&dir, "DMC4BY1V4HVY", &documents).unwrap();

    let names: Vec<_> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "DMC4BY1V4HVY_1.pdf",
            "DMC4BY1V4HVY_2.zpl",
            "DMC4BY1V4HVY_3.png",
            "DMC4BY1V4HVY_4.bin",
        ]
    );
    for (path, document) in paths.iter().zip(&documents) {
        assert_eq!(path.parent(), Some(dir.as_path()));
        assert_eq!(std::fs::read(path).unwrap(), document.bytes);
    }

    // Writing again replaces the files.
    let again = paperwork::write_documents(&dir, "DMC4BY1V4HVY", &documents[..1]).unwrap();
    assert_eq!(again, paths[..1]);
    assert!(
        paperwork::write_documents(&dir, "C-2", &[])
            .unwrap()
            .is_empty()
    );
}

#[test]
fn write_documents_refuses_codes_that_escape_the_directory() {
    let tmp = TempDir::new("refuse");
    let documents = vec![Document::from_bytes(ZPL.to_vec())];
    for code in ["../x", "..", "a/b", "a\\b", "/etc/x", "", "  ", "C:x"] {
        match paperwork::write_documents(&tmp.0, code, &documents) {
            Err(PaperworkError::InvalidConsignmentCode { code: refused, .. }) => {
                assert_eq!(refused, code);
            }
            other => panic!("{code:?}: expected InvalidConsignmentCode, got {other:?}"),
        }
    }
    assert!(!tmp.0.exists(), "nothing is created for a refused code");
}

#[test]
fn write_documents_reports_the_path_of_an_io_error() {
    let tmp = TempDir::new("io");
    std::fs::create_dir_all(&tmp.0).unwrap();
    let file = tmp.0.join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let documents = vec![Document::from_bytes(ZPL.to_vec())];
    match paperwork::write_documents(file.join("sub"), "C-1", &documents) {
        Err(PaperworkError::Io { path, source }) => {
            assert_eq!(path, file.join("sub"));
            assert!(!source.to_string().is_empty());
        }
        other => panic!("expected Io, got {other:?}"),
    }
}
