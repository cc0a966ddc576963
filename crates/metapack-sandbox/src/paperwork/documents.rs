//! Commercial invoices, manifests and consolidated clearance labels.

use super::pdf::{Line, PdfPage, document, pdf};
use super::{DEFAULT_SIZE, POINTS_PER_INCH};

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
