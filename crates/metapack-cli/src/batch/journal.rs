//! The batch journal: one JSON line per step of a row, so a later run knows what was done.
//!
//! A row's lines are `creating` (written, and synced to disk, before the create is sent),
//! `created` (with the consignment code), `done` (labels written) or `failed`. It holds order
//! references, codes, tracking numbers, file paths and error messages: never a secret.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::exit::{Failure, Result};

/// The journal's file name in the output directory.
pub const FILE_NAME: &str = "journal.jsonl";

/// What happened to a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The create is about to be sent.
    Creating,
    /// The consignment exists (created, or found by order reference).
    Created,
    /// Its labels are written.
    Done,
    /// The row failed (see `error`).
    Failed,
}

/// One journal line.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Entry {
    /// The order reference (the row's identity across runs).
    pub order_ref: String,
    /// The step.
    pub step: Option<Step>,
    /// The consignment code, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The first parcel's tracking number, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<String>,
    /// The label files written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<PathBuf>,
    /// What failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What earlier runs left of one order reference.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Known {
    /// A create was sent (or about to be) and no code was recorded after it: the consignment
    /// may exist.
    pub uncertain: bool,
    /// The consignment code.
    pub code: Option<String>,
    /// Its tracking number.
    pub tracking: Option<String>,
    /// Labels written: the row is done.
    pub labels: Option<Vec<PathBuf>>,
}

/// The journal file, appended to by the row tasks.
pub struct Journal {
    file: Mutex<File>,
    /// A second handle on the same file, to sync it without holding the lock.
    sync: File,
    path: PathBuf,
}

impl Journal {
    /// Opens (or creates) the journal in `dir` and reads what earlier runs recorded, by
    /// order reference. A torn last line (a killed run) is cut off; any other line that
    /// cannot be read is refused, naming it: a lost `creating` line could make this run
    /// create its row a second time.
    pub fn open(dir: &Path) -> Result<(Self, HashMap<String, Known>)> {
        let path = dir.join(FILE_NAME);
        let mut known: HashMap<String, Known> = HashMap::new();
        // The length of the whole lines: a torn last line after them is cut off.
        let mut whole = None;
        match std::fs::read(&path) {
            Ok(bytes) => {
                let end = bytes
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |last| last + 1);
                if end < bytes.len() {
                    whole = Some(end as u64);
                }
                for (index, line) in BufReader::new(&bytes[..end]).lines().enumerate() {
                    let line = line.map_err(|e| Failure::io("read the journal", &path, &e))?;
                    if line.trim().is_empty() {
                        continue;
                    }
                    let entry = serde_json::from_str::<Entry>(&line).map_err(|e| {
                        Failure::Local(format!(
                            "{}:{}: the journal line cannot be read ({e}); without it a row \
                             could be created twice: repair or remove the line, then run again",
                            path.display(),
                            index + 1
                        ))
                    })?;
                    fold(&mut known, entry);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Failure::io("read the journal", &path, &e)),
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| Failure::io("open the journal", &path, &e))?;
        if let Some(len) = whole {
            // Cut the torn line off, so that the next entry starts on its own line and a
            // later run does not find it in the middle.
            file.set_len(len)
                .map_err(|e| Failure::io("write the journal", &path, &e))?;
        }
        let sync = file
            .try_clone()
            .map_err(|e| Failure::io("open the journal", &path, &e))?;
        Ok((
            Self {
                file: Mutex::new(file),
                sync,
                path,
            },
            known,
        ))
    }

    /// Appends `entry`; with `sync`, waits until it is on disk (other rows keep writing
    /// meanwhile: the lock covers the append only).
    pub fn write(&self, entry: &Entry, sync: bool) -> Result<()> {
        let mut line = serde_json::to_string(entry)
            .map_err(|e| Failure::Local(format!("cannot write the journal: {e}")))?;
        line.push('\n');
        {
            let mut file = self
                .file
                .lock()
                .map_err(|_| Failure::Local("the journal's lock is poisoned".into()))?;
            file.write_all(line.as_bytes())
                .and_then(|()| file.flush())
                .map_err(|e| Failure::io("write the journal", &self.path, &e))?;
        }
        if sync {
            self.sync
                .sync_data()
                .map_err(|e| Failure::io("sync the journal", &self.path, &e))?;
        }
        Ok(())
    }
}

/// Folds one journal line into what is known of its order reference.
fn fold(known: &mut HashMap<String, Known>, entry: Entry) {
    let state = known.entry(entry.order_ref.clone()).or_default();
    match entry.step {
        Some(Step::Creating) => state.uncertain = state.code.is_none(),
        Some(Step::Created) => {
            state.uncertain = false;
            state.code = entry.code.or(state.code.take());
            state.tracking = entry.tracking.or(state.tracking.take());
        }
        Some(Step::Done) => {
            state.uncertain = false;
            state.code = entry.code.or(state.code.take());
            state.tracking = entry.tracking.or(state.tracking.take());
            state.labels = Some(entry.labels);
        }
        Some(Step::Failed) | None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(order_ref: &str, step: Step, code: Option<&str>) -> Entry {
        Entry {
            order_ref: order_ref.into(),
            step: Some(step),
            code: code.map(Into::into),
            ..Entry::default()
        }
    }

    #[test]
    fn earlier_runs_are_folded_by_order_reference() {
        let dir = tempfile::tempdir().unwrap();
        {
            let (journal, known) = Journal::open(dir.path()).unwrap();
            assert!(known.is_empty());
            journal
                .write(&entry("A", Step::Creating, None), true)
                .unwrap();
            journal
                .write(&entry("A", Step::Created, Some("DMC1")), false)
                .unwrap();
            journal
                .write(&entry("B", Step::Creating, None), true)
                .unwrap();
            journal
                .write(&entry("C", Step::Creating, None), true)
                .unwrap();
            journal
                .write(&entry("C", Step::Created, Some("DMC3")), false)
                .unwrap();
            let mut done = entry("C", Step::Done, Some("DMC3"));
            done.labels = vec!["DMC3_1.pdf".into()];
            journal.write(&done, false).unwrap();
        }
        // A killed run may leave half a line.
        let path = dir.path().join(FILE_NAME);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("{\"order_ref\":\"D\",\"st");
        std::fs::write(&path, text).unwrap();

        let (journal, known) = Journal::open(dir.path()).unwrap();
        assert_eq!(known["A"].code.as_deref(), Some("DMC1"));
        assert!(!known["A"].uncertain && known["A"].labels.is_none());
        assert!(known["B"].uncertain && known["B"].code.is_none());
        assert_eq!(
            known["C"].labels.as_deref(),
            Some(&[PathBuf::from("DMC3_1.pdf")][..])
        );
        assert!(!known.contains_key("D"));
        drop(journal);
        // The torn line was cut off: a later run reads the journal too.
        let (_journal, again) = Journal::open(dir.path()).unwrap();
        assert_eq!(again, known);
    }

    #[test]
    fn an_unreadable_line_before_the_last_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "{\"order_ref\":\"A\",\"step\":\"created\",\"code\":\"DMC1\"}\n\
             {\"order_ref\":\"B\",\"st\n\
             {\"order_ref\":\"C\",\"step\":\"creating\"}\n",
        )
        .unwrap();
        let Err(failure) = Journal::open(dir.path()) else {
            panic!("a lost line is refused");
        };
        assert_eq!(failure.exit_code(), crate::exit::FAILURE);
        assert!(
            failure
                .to_string()
                .contains(&format!("{}:2:", path.display())),
            "{failure}"
        );
    }
}
