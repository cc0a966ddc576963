//! The CSV of `labels batch`: its columns, and each row as a consignment request.

use std::collections::HashMap;
use std::path::Path;

use metapack_shipping::types::ConsignmentRequest;
use metapack_shipping::{AddressBuilder, ConsignmentBuilder, ItemBuilder, ParcelBuilder};
use serde::Deserialize;

/// The column set, as `labels batch --help` prints it.
pub const COLUMNS_HELP: &str = "\
CSV columns (a header row names them; order does not matter; extra columns are ignored):
  order_ref    required  the order reference, unique in the file: how a row is recognised
                         when the batch runs again
  warehouse    required  the sender's shipping location code, such as WH-LONDON
  name         required  the recipient's name
  line1        required  first address line
  line2                  second address line
  city         required  town or city
  postcode     required  postcode
  country      required  ISO 3166-1 alpha-3 country code, such as GBR
  email, phone           the recipient's contact details
  weight_kg    required  the parcel's weight in kilograms
  height_cm, width_cm, depth_cm
                         the parcel's dimensions (all three, or none)
  value                  the parcel's value
  currency               the value's currency (default GBP)
  description            what the parcel holds (one item)
  service                carrier service or booking code; empty: the account's allocation rules

Every row is checked before anything is sent: a malformed row or an order reference that
appears twice stops the batch with exit code 2 and a list of what to fix.

Safe to run again after a crash or Ctrl-C: DIR/journal.jsonl records each row before and after
its consignment is created (never a secret). Rows done are skipped; a row whose create may have
reached Metapack is looked up by its order reference and never created twice. At the end,
DIR/results.csv lists each row's consignment code, tracking number, label files or error.
Example: crates/metapack-cli/examples/orders.csv in the repository.";

/// One row as read from the CSV.
#[derive(Clone, Debug, Deserialize)]
struct Record {
    order_ref: String,
    warehouse: String,
    name: String,
    line1: String,
    #[serde(default)]
    line2: Option<String>,
    city: String,
    postcode: String,
    country: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    weight_kg: f64,
    #[serde(default)]
    height_cm: Option<f64>,
    #[serde(default)]
    width_cm: Option<f64>,
    #[serde(default)]
    depth_cm: Option<f64>,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    service: Option<String>,
}

/// A checked row: its line in the file, order reference and consignment request.
#[derive(Clone, Debug)]
pub struct Row {
    /// The line of the file (the header is line 1).
    pub line: u64,
    /// The order reference.
    pub order_ref: String,
    /// The consignment to create.
    pub request: ConsignmentRequest,
}

/// Reads and checks every row of `path`; `Err` lists what to fix, one line per problem.
pub fn read(path: &Path) -> Result<Vec<Row>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| vec![format!("cannot read {}: {e}", path.display())])?;
    let headers = reader
        .headers()
        .map_err(|e| vec![format!("{}: {}", path.display(), describe(&e))])?
        .clone();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(e) => {
                problems.push((e.position().map_or(0, csv::Position::line), describe(&e)));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let parsed: Record = match record.deserialize(Some(&headers)) {
            Ok(parsed) => parsed,
            Err(e) => {
                problems.push((line, describe(&e)));
                continue;
            }
        };
        match to_request(&parsed) {
            Ok(request) => rows.push(Row {
                line,
                order_ref: parsed.order_ref,
                request,
            }),
            Err(problem) => problems.push((line, problem)),
        }
    }
    // Repeated order references: reported, never merged.
    let mut seen: HashMap<&str, Vec<u64>> = HashMap::new();
    for row in &rows {
        seen.entry(&row.order_ref).or_default().push(row.line);
    }
    let mut repeated: Vec<(&str, &Vec<u64>)> = seen
        .iter()
        .filter(|(_, lines)| lines.len() > 1)
        .map(|(r, l)| (*r, l))
        .collect();
    repeated.sort_by_key(|(_, lines)| lines[0]);
    for (order_ref, lines) in repeated {
        let first = lines[0];
        let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
        problems.push((
            first,
            format!(
                "order_ref {order_ref:?} appears on lines {}: give each consignment its own order reference",
                lines.join(", ")
            ),
        ));
    }
    if problems.is_empty() {
        if rows.is_empty() {
            return Err(vec![format!("{} has no row", path.display())]);
        }
        return Ok(rows);
    }
    problems.sort_by_key(|(line, _)| *line);
    Err(problems
        .into_iter()
        .map(|(line, problem)| format!("{}:{line}: {problem}", path.display()))
        .collect())
}

/// A CSV error as what to fix.
fn describe(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(field) => format!("column {}: {}", field + 1, err.kind()),
            None => err.kind().to_string(),
        },
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => error.to_string(),
    }
}

/// The consignment request of a record.
fn to_request(record: &Record) -> Result<ConsignmentRequest, String> {
    if record.order_ref.is_empty() {
        return Err("order_ref is empty: every row needs its own order reference".into());
    }
    if record.weight_kg.is_nan() || record.weight_kg <= 0.0 {
        return Err(format!(
            "weight_kg must be above 0, got {}",
            record.weight_kg
        ));
    }
    let mut address = AddressBuilder::new()
        .name(&record.name)
        .line1(&record.line1)
        .city(&record.city)
        .post_code(&record.postcode)
        .country(&record.country);
    for (value, set) in [
        (
            &record.line2,
            AddressBuilder::line2 as fn(AddressBuilder, String) -> AddressBuilder,
        ),
        (&record.email, AddressBuilder::email),
        (&record.phone, AddressBuilder::phone),
    ] {
        if let Some(value) = value.as_ref().filter(|v| !v.is_empty()) {
            address = set(address, value.clone());
        }
    }
    let mut parcel = ParcelBuilder::new().weight_kg(record.weight_kg);
    match (record.height_cm, record.width_cm, record.depth_cm) {
        (Some(h), Some(w), Some(d)) => parcel = parcel.dimensions_cm(h, w, d),
        (None, None, None) => {}
        _ => return Err("give height_cm, width_cm and depth_cm together, or none".into()),
    }
    let currency = record
        .currency
        .as_deref()
        .filter(|c| !c.is_empty())
        .unwrap_or("GBP");
    if let Some(value) = record.value {
        parcel = parcel.value(value, currency);
    }
    if let Some(description) = record.description.as_deref().filter(|d| !d.is_empty()) {
        let mut item = ItemBuilder::new().description(description);
        if let Some(value) = record.value {
            item = item.value(value, currency);
        }
        parcel = parcel.item(item);
    }
    let mut builder = ConsignmentBuilder::new()
        .sender_location(&record.warehouse)
        .recipient(address)
        .parcel(parcel)
        .order_ref(&record.order_ref);
    if let Some(service) = record.service.as_deref().filter(|s| !s.is_empty()) {
        builder = builder.carrier_service(service);
    }
    builder.build().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("orders.csv");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    const HEADER: &str = "order_ref,warehouse,name,line1,city,postcode,country,weight_kg\n";

    #[test]
    fn rows_become_requests() {
        let (_dir, path) = write(&format!(
            "{HEADER}A-1,WH-LONDON,Ann,1 High St,Leeds,LS1 1AA,GBR,1.5\nA-2,WH-LONDON,Bo,2 High St,Leeds,LS1 1AA,GBR,2\n"
        ));
        let rows = read(&path).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[1].line), (2, 3));
        assert_eq!(rows[1].order_ref, "A-2");
    }

    #[test]
    fn malformed_rows_and_repeats_are_listed() {
        let (_dir, path) = write(&format!(
            "{HEADER}A-1,WH-LONDON,Ann,1 High St,Leeds,LS1 1AA,GBR,heavy\nA-2,WH-LONDON,Bo,2 High St,Leeds,LS1 1AA,GBR,2\nA-2,WH-LONDON,Cy,3 High St,Leeds,LS1 1AA,GBR,2\n"
        ));
        let problems = read(&path).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains(":2: column 8"), "{}", problems[0]);
        assert!(
            problems[1].contains("\"A-2\" appears on lines 3, 4"),
            "{}",
            problems[1]
        );
    }
}
