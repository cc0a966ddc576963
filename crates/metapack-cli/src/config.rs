//! Settings: flags, then environment variables, then a profile of the config file.
//!
//! The config file is TOML with one table per profile (`[default]`, `[warehouse-2]`), in the
//! platform's config directory (`metapack config path`), or at `$METAPACK_CONFIG`. It is
//! created readable by its owner only. Secrets (password, API key, client secret) are read
//! from the environment, the config file or standard input, never from a flag's value.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::exit::{Failure, Result};

/// The environment variable naming the config file, instead of the platform's default.
pub const CONFIG_ENV: &str = "METAPACK_CONFIG";
/// The profile used without `--profile`.
pub const DEFAULT_PROFILE: &str = "default";

/// One profile of the config file: every setting is optional. Its `Debug` redacts the
/// secrets.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// `production`, `metapack-sandbox` or `local`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
    /// HTTP Basic username (Shipping, Tracking).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// HTTP Basic password (secret).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Delivery Options API key (secret).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    /// MM-API OAuth2 client id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// MM-API OAuth2 client secret (secret).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// Base URL of a running `metapack sandbox`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sandbox_url: Option<String>,
    /// Shipping API base URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_url: Option<String>,
    /// Tracking API base URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_url: Option<String>,
    /// Delivery Options API base URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_options_url: Option<String>,
    /// MM-API host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mm_api_url: Option<String>,
    /// MM-API data host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mm_data_url: Option<String>,
}

/// Every key of a profile: (name, environment variable, secret).
pub const KEYS: &[(&str, &str, bool)] = &[
    ("env", "METAPACK_ENV", false),
    ("username", "METAPACK_USERNAME", false),
    ("password", "METAPACK_PASSWORD", true),
    ("api_key", "METAPACK_API_KEY", true),
    ("client_id", "METAPACK_CLIENT_ID", false),
    ("client_secret", "METAPACK_CLIENT_SECRET", true),
    ("sandbox_url", "METAPACK_SANDBOX_URL", false),
    ("shipping_url", "METAPACK_SHIPPING_URL", false),
    ("tracking_url", "METAPACK_TRACKING_URL", false),
    (
        "delivery_options_url",
        "METAPACK_DELIVERY_OPTIONS_URL",
        false,
    ),
    ("mm_api_url", "METAPACK_MM_API_URL", false),
    ("mm_data_url", "METAPACK_MM_DATA_URL", false),
];

/// What `Debug` shows of a setting: a secret's value redacted.
fn shown(key: &str, value: &str) -> String {
    if is_secret(key) {
        "<redacted>".to_owned()
    } else {
        value.to_owned()
    }
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Profile");
        for &(key, _, _) in KEYS {
            if let Some(value) = self.get(key) {
                out.field(key, &shown(key, value));
            }
        }
        out.finish_non_exhaustive()
    }
}

impl Profile {
    /// The setting named `key` (one of [`KEYS`]).
    pub fn get(&self, key: &str) -> Option<&String> {
        self.slot_ref(key).and_then(Option::as_ref)
    }

    /// Sets (or with `None` removes) the setting named `key`; `false` for an unknown key.
    pub fn set(&mut self, key: &str, value: Option<String>) -> bool {
        match self.slot(key) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    fn slot_ref(&self, key: &str) -> Option<&Option<String>> {
        Some(match key {
            "env" => &self.env,
            "username" => &self.username,
            "password" => &self.password,
            "api_key" => &self.api_key,
            "client_id" => &self.client_id,
            "client_secret" => &self.client_secret,
            "sandbox_url" => &self.sandbox_url,
            "shipping_url" => &self.shipping_url,
            "tracking_url" => &self.tracking_url,
            "delivery_options_url" => &self.delivery_options_url,
            "mm_api_url" => &self.mm_api_url,
            "mm_data_url" => &self.mm_data_url,
            _ => return None,
        })
    }

    fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        Some(match key {
            "env" => &mut self.env,
            "username" => &mut self.username,
            "password" => &mut self.password,
            "api_key" => &mut self.api_key,
            "client_id" => &mut self.client_id,
            "client_secret" => &mut self.client_secret,
            "sandbox_url" => &mut self.sandbox_url,
            "shipping_url" => &mut self.shipping_url,
            "tracking_url" => &mut self.tracking_url,
            "delivery_options_url" => &mut self.delivery_options_url,
            "mm_api_url" => &mut self.mm_api_url,
            "mm_data_url" => &mut self.mm_data_url,
            _ => return None,
        })
    }
}

/// The config file: profiles by name (`Debug` redacts the profiles' secrets).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConfigFile {
    /// The profiles, by name.
    pub profiles: BTreeMap<String, Profile>,
}

/// Where the config file is: `$METAPACK_CONFIG`, else `config.toml` in the platform's
/// config directory.
pub fn config_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(CONFIG_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    directories::ProjectDirs::from("com", "metapack-rs", "metapack")
        .map(|dirs| dirs.config_dir().join("config.toml"))
        .ok_or_else(|| {
            Failure::Usage(format!(
                "no home directory to keep the config file in; set {CONFIG_ENV} to a file path"
            ))
        })
}

impl ConfigFile {
    /// Reads the file at `path`; an absent file is an empty config.
    pub fn load(path: &Path) -> Result<Self> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Failure::io("read the config file", path, &e)),
        };
        // toml's messages quote the offending line, which may hold a secret: keep the
        // position only.
        toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|span| {
                    let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                    format!(" (line {line})")
                })
                .unwrap_or_default();
            Failure::Usage(format!(
                "the config file {} is not valid{at}: each profile is a [name] table of the keys {}",
                path.display(),
                KEYS.iter().map(|k| k.0).collect::<Vec<_>>().join(", ")
            ))
        })
    }

    /// Writes the file at `path`, readable and writable by its owner only (0600 on Unix).
    pub fn save(&self, path: &Path) -> Result<()> {
        let text = toml::to_string(self)
            .map_err(|e| Failure::Local(format!("cannot write the config: {e}")))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::io("create the directory", dir, &e))?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let write = |options: &std::fs::OpenOptions| -> std::io::Result<()> {
            use std::io::Write as _;
            let mut file = options.open(path)?;
            // An existing file keeps its mode on open: tighten it too.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
            }
            file.write_all(text.as_bytes())?;
            file.flush()
        };
        write(&options).map_err(|e| Failure::io("write the config file", path, &e))
    }
}

/// Where an effective setting comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A command-line flag (or standard input, for `--password-stdin`).
    Flag,
    /// An environment variable.
    Env,
    /// The profile of the config file.
    Profile,
    /// The embedded sandbox (`--local`) or a running sandbox's defaults.
    Sandbox,
}

impl Source {
    /// How strongly a setting from this source holds: a flag over the environment over the
    /// config file over the sandbox's defaults.
    pub fn rank(self) -> u8 {
        match self {
            Self::Flag => 3,
            Self::Env => 2,
            Self::Profile => 1,
            Self::Sandbox => 0,
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Flag => "flag",
            Self::Env => "environment",
            Self::Profile => "config file",
            Self::Sandbox => "sandbox",
        })
    }
}

/// One effective setting and where it came from (no `Debug`: its value may be a secret;
/// [`Settings`]' `Debug` redacts).
#[derive(Clone)]
pub struct Setting {
    /// The value.
    pub value: String,
    /// Where it came from.
    pub source: Source,
}

/// The effective settings: every key of [`KEYS`] that is set, by name. Its `Debug` redacts
/// the secrets.
#[derive(Clone, Default)]
pub struct Settings {
    /// The profile's name.
    pub profile: String,
    /// The config file's path.
    pub path: Option<PathBuf>,
    values: BTreeMap<&'static str, Setting>,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let values: BTreeMap<_, _> = self
            .values
            .iter()
            .map(|(key, s)| (*key, (shown(key, &s.value), s.source)))
            .collect();
        f.debug_struct("Settings")
            .field("profile", &self.profile)
            .field("path", &self.path)
            .field("values", &values)
            .finish()
    }
}

impl Settings {
    /// Resolves each key: `flags` (already holding the flag-or-environment value and its
    /// source, from clap), then the secrets' environment variables, then `profile`.
    pub fn resolve(
        profile_name: String,
        path: Option<PathBuf>,
        flags: &[(&'static str, Option<(String, Source)>)],
        profile: &Profile,
    ) -> Self {
        let mut values = BTreeMap::new();
        for &(key, variable, secret) in KEYS {
            let from_flags = flags
                .iter()
                .find(|(name, _)| *name == key)
                .and_then(|(_, v)| v.clone());
            let from_env = || {
                secret
                    .then(|| std::env::var(variable).ok())
                    .flatten()
                    .filter(|v| !v.is_empty())
                    .map(|v| (v, Source::Env))
            };
            let from_profile = || profile.get(key).map(|v| (v.clone(), Source::Profile));
            if let Some((value, source)) = from_flags.or_else(from_env).or_else(from_profile) {
                values.insert(key, Setting { value, source });
            }
        }
        Self {
            profile: profile_name,
            path,
            values,
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(|s| s.value.as_str())
    }

    /// Sets `key` (an override, e.g. from the embedded sandbox).
    pub fn set(&mut self, key: &'static str, value: impl Into<String>, source: Source) {
        self.values.insert(
            key,
            Setting {
                value: value.into(),
                source,
            },
        );
    }

    /// Sets `key` unless it is already set from a source ranking at or above `over` (e.g. a
    /// running sandbox's URLs replace the settings of sources below the `sandbox_url`'s own).
    pub fn set_over(
        &mut self,
        key: &'static str,
        value: impl Into<String>,
        source: Source,
        over: Source,
    ) {
        if self
            .values
            .get(key)
            .is_none_or(|s| s.source.rank() < over.rank())
        {
            self.set(key, value, source);
        }
    }

    /// The source of `key`'s value.
    pub fn source(&self, key: &str) -> Option<Source> {
        self.values.get(key).map(|s| s.source)
    }

    /// Every setting, secrets redacted: (key, shown value, source).
    pub fn redacted(&self) -> Vec<(&'static str, String, Source)> {
        KEYS.iter()
            .filter_map(|&(key, _, secret)| {
                let setting = self.values.get(key)?;
                let shown = if secret {
                    "<redacted>".to_owned()
                } else {
                    setting.value.clone()
                };
                Some((key, shown, setting.source))
            })
            .collect()
    }
}

/// Whether `key` names a secret.
pub fn is_secret(key: &str) -> bool {
    KEYS.iter().any(|&(k, _, secret)| k == key && secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_redaction() {
        let profile = Profile {
            username: Some("from-file".into()),
            password: Some("file-secret".into()),
            env: Some("production".into()),
            ..Profile::default()
        };
        let flags = [("username", Some(("from-flag".to_owned(), Source::Flag)))];
        let settings = Settings::resolve("default".into(), None, &flags, &profile);
        assert_eq!(settings.get("username"), Some("from-flag"));
        assert_eq!(settings.get("env"), Some("production"));
        let shown = settings.redacted();
        assert!(shown.iter().all(|(_, v, _)| v != "file-secret"));
        assert!(
            shown
                .iter()
                .any(|(k, v, s)| *k == "password" && v == "<redacted>" && *s == Source::Profile)
        );
    }

    #[test]
    fn debug_redacts_the_secrets() {
        let mut profile = Profile::default();
        for (key, value) in [
            ("username", "ann"),
            ("password", "pw-secret"),
            ("api_key", "key-secret"),
            ("client_secret", "client-secret"),
        ] {
            assert!(profile.set(key, Some(value.into())));
        }
        let mut file = ConfigFile::default();
        file.profiles.insert("default".into(), profile.clone());
        let settings = Settings::resolve("default".into(), None, &[], &profile);
        for shown in [
            format!("{profile:?}"),
            format!("{file:?}"),
            format!("{settings:?}"),
            format!("{settings:#?}"),
        ] {
            for secret in ["pw-secret", "key-secret", "client-secret"] {
                assert!(!shown.contains(secret), "{shown}");
            }
            assert!(
                shown.contains("ann") && shown.contains("<redacted>"),
                "{shown}"
            );
        }
    }

    #[test]
    fn saved_file_is_private_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        let mut file = ConfigFile::default();
        let mut profile = Profile::default();
        assert!(profile.set("username", Some("u".into())));
        assert!(!profile.set("nope", Some("x".into())));
        file.profiles.insert("default".into(), profile.clone());
        file.save(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let back = ConfigFile::load(&path).unwrap();
        assert_eq!(back.profiles.get("default"), Some(&profile));
    }

    #[test]
    fn invalid_file_names_the_line_not_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[default]\npassword = \"hunter2\"\nbogus = 1\n").unwrap();
        let Err(err) = ConfigFile::load(&path) else {
            panic!("an unknown key is refused");
        };
        let message = err.to_string();
        assert!(!message.contains("hunter2"), "{message}");
        assert!(message.contains("line 3"), "{message}");
    }
}
