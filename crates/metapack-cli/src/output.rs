//! Output for people (tables, short lines) and for scripts (`--json`).

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::exit::{Failure, Result};

/// Prints `value` as pretty JSON on standard output.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Local(format!("cannot print JSON: {e}")))?;
    line(&text)
}

/// Prints one line on standard output; a closed pipe (`| head`) is not an error.
pub fn line(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Local(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

/// A table with `header`: borders on a terminal, plain aligned columns otherwise.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    if std::io::stdout().is_terminal() {
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.load_preset(presets::NOTHING);
    }
    table.set_header(header.iter().copied());
    table
}

/// Prints `table` on standard output.
pub fn print_table(table: &Table) -> Result<()> {
    line(&table.to_string())
}

/// `value` or `-`.
pub fn or_dash(value: Option<&str>) -> String {
    value.unwrap_or("-").to_owned()
}

/// Writes decoded documents as `<name>_<n>.<ext>` in `dir` and returns their paths.
pub fn write_documents(
    dir: &Path,
    name: &str,
    documents: &[metapack_shipping::Document],
) -> Result<Vec<PathBuf>> {
    metapack_shipping::paperwork::write_documents(dir, name, documents).map_err(|e| {
        Failure::Local(format!(
            "cannot write the documents of {name} into {}: {e}",
            dir.display()
        ))
    })
}

/// Prints written files: their paths, or `{"files": [...]}` with `--json`.
pub fn files(json_mode: bool, code: &str, files: &[PathBuf]) -> Result<()> {
    if json_mode {
        return json(&serde_json::json!({ "code": code, "files": files }));
    }
    for file in files {
        line(&file.display().to_string())?;
    }
    Ok(())
}
