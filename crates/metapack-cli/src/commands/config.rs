//! `metapack config show|path|set|unset`.

use std::io::IsTerminal as _;

use crate::cli::ConfigCommand;
use crate::config::{ConfigFile, KEYS, Settings, is_secret};
use crate::exit::{Failure, Result};
use crate::output;

/// Runs a `config` command.
pub fn run(command: ConfigCommand, settings: Settings, json: bool) -> Result<()> {
    let path = settings
        .path
        .clone()
        .ok_or_else(|| Failure::Local("no config file path".into()))?;
    match command {
        ConfigCommand::Path => output::line(&path.display().to_string()),
        ConfigCommand::Show => {
            let shown = settings.redacted();
            if json {
                let values: serde_json::Map<String, serde_json::Value> = shown
                    .iter()
                    .map(|(key, value, source)| {
                        (
                            (*key).to_owned(),
                            serde_json::json!({ "value": value, "source": source }),
                        )
                    })
                    .collect();
                return output::json(&serde_json::json!({
                    "profile": settings.profile,
                    "file": path,
                    "settings": values,
                }));
            }
            output::line(&format!(
                "profile {} (file {})",
                settings.profile,
                path.display()
            ))?;
            let mut table = output::table(&["key", "value", "from"]);
            for (key, value, source) in shown {
                table.add_row([key.to_owned(), value, source.to_string()]);
            }
            output::print_table(&table)
        }
        ConfigCommand::Set { key, value } => {
            if !KEYS.iter().any(|k| k.0 == key) {
                return Err(unknown_key(&key));
            }
            let value = match (is_secret(&key), value) {
                (true, Some(_)) => {
                    return Err(Failure::Usage(format!(
                        "{key} is a secret and is not taken as an argument (shell history and ps \
                         would keep it): run `metapack config set {key}` and type it, or pipe it \
                         on standard input"
                    )));
                }
                (true, None) => read_secret(&key)?,
                (false, Some(value)) => value,
                (false, None) => {
                    return Err(Failure::Usage(format!(
                        "metapack config set {key} needs a value"
                    )));
                }
            };
            let mut file = ConfigFile::load(&path)?;
            let profile = file.profiles.entry(settings.profile.clone()).or_default();
            profile.set(&key, Some(value));
            file.save(&path)?;
            eprintln!(
                "{key} set in profile {} ({})",
                settings.profile,
                path.display()
            );
            Ok(())
        }
        ConfigCommand::Unset { key } => {
            if !KEYS.iter().any(|k| k.0 == key) {
                return Err(unknown_key(&key));
            }
            let mut file = ConfigFile::load(&path)?;
            if let Some(profile) = file.profiles.get_mut(&settings.profile) {
                profile.set(&key, None);
                file.save(&path)?;
            }
            Ok(())
        }
    }
}

fn unknown_key(key: &str) -> Failure {
    Failure::Usage(format!(
        "unknown key {key:?}: use one of {}",
        KEYS.iter().map(|k| k.0).collect::<Vec<_>>().join(", ")
    ))
}

/// A secret: prompted for without echo on a terminal, else standard input's first line.
fn read_secret(key: &str) -> Result<String> {
    let secret = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("{key}: "))
            .map_err(|e| Failure::Usage(format!("cannot read {key}: {e}")))?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| Failure::Usage(format!("cannot read {key} from standard input: {e}")))?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if secret.is_empty() {
        return Err(Failure::Usage(format!("{key}: nothing was given")));
    }
    Ok(secret)
}
