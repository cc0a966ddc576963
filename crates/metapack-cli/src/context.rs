//! The effective settings and the API clients built from them, with the embedded sandbox
//! of `--local`.

use clap::ArgMatches;
use clap::parser::ValueSource;
use metapack_core::{Credentials, Environment};
use metapack_delivery_options::DeliveryOptionsClient;
use metapack_mm_api::{ClientCredentials, MmApiClient};
use metapack_sandbox::Sandbox;
use metapack_shipping::ShippingClient;
use metapack_tracking::TrackingClient;

use crate::cli::Global;
use crate::config::{ConfigFile, DEFAULT_PROFILE, Settings, Source, config_path};
use crate::exit::{Failure, Result};

/// The User-Agent suffix of every request.
const USER_AGENT: &str = concat!("metapack-cli/", env!("CARGO_PKG_VERSION"));

/// What a command runs with: settings, output mode, and the embedded sandbox if any.
pub struct Context {
    /// The effective settings.
    pub settings: Settings,
    /// `--json`.
    pub json: bool,
    /// The sandbox of `--local`, alive as long as the command.
    _sandbox: Option<Sandbox>,
}

/// The flags that are settings: (key, clap argument id, value).
fn flag_values(global: &Global) -> [(&'static str, &'static str, Option<&String>); 10] {
    [
        ("env", "environment", global.environment.as_ref()),
        ("username", "username", global.username.as_ref()),
        ("client_id", "client_id", global.client_id.as_ref()),
        ("sandbox_url", "sandbox_url", global.sandbox_url.as_ref()),
        ("shipping_url", "shipping_url", global.shipping_url.as_ref()),
        ("tracking_url", "tracking_url", global.tracking_url.as_ref()),
        (
            "delivery_options_url",
            "delivery_options_url",
            global.delivery_options_url.as_ref(),
        ),
        ("mm_api_url", "mm_api_url", global.mm_api_url.as_ref()),
        ("mm_data_url", "mm_data_url", global.mm_data_url.as_ref()),
        ("password", "password_stdin", None),
    ]
}

/// Where clap found argument `id`: the command line or the environment (global arguments
/// are propagated to the top-level matches with their source).
fn source_of(matches: &ArgMatches, id: &str) -> Source {
    match matches.value_source(id) {
        Some(ValueSource::CommandLine) => Source::Flag,
        _ => Source::Env,
    }
}

/// Reads the password from standard input's first line.
fn read_password_stdin() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| {
        Failure::Usage(format!("--password-stdin: cannot read standard input: {e}"))
    })?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        return Err(Failure::Usage(
            "--password-stdin: standard input holds no password".into(),
        ));
    }
    Ok(password)
}

/// The settings of `global` (flags and environment, as parsed into `matches`), the
/// secrets' environment variables and the profile. A named profile missing from the file is
/// refused unless `missing_profile_ok` (for `config`, which creates it), where it is empty.
pub fn settings(
    global: &Global,
    matches: &ArgMatches,
    missing_profile_ok: bool,
) -> Result<Settings> {
    let profile_name = global
        .profile
        .clone()
        .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
    let path = config_path()?;
    let file = ConfigFile::load(&path)?;
    let profile = match file.profiles.get(&profile_name) {
        Some(profile) => profile.clone(),
        None if global.profile.is_none() || missing_profile_ok => Default::default(),
        None => {
            return Err(Failure::Usage(format!(
                "no profile {profile_name:?} in {}: create it with `metapack --profile {profile_name} config set username USER`",
                path.display()
            )));
        }
    };
    let mut flags = Vec::new();
    for (key, id, value) in flag_values(global) {
        let value = value.map(|v| (v.clone(), source_of(matches, id)));
        flags.push((key, value));
    }
    if global.password_stdin {
        flags.retain(|(key, _)| *key != "password");
        flags.push(("password", Some((read_password_stdin()?, Source::Flag))));
    }
    let mut settings = Settings::resolve(profile_name, Some(path), &flags, &profile);
    if global.local {
        settings.set("env", "local", Source::Flag);
    }
    Ok(settings)
}

impl Context {
    /// Starts the embedded sandbox when the environment is `local`, and points every API at
    /// it; fills a running sandbox's URLs and default credentials from `sandbox_url`.
    pub async fn new(mut settings: Settings, json: bool) -> Result<Self> {
        let env = settings.get("env").map(str::to_ascii_lowercase);
        let sandbox = match env.as_deref() {
            Some("local") => {
                let sandbox = Sandbox::start().await.map_err(|e| {
                    Failure::Local(format!("cannot start the embedded sandbox: {e}"))
                })?;
                let (user, password) = sandbox.shipping().credentials();
                let (id, secret) = sandbox.mm_api().client_credentials();
                for (key, value) in [
                    ("shipping_url", sandbox.shipping().url()),
                    ("tracking_url", sandbox.tracking().url()),
                    ("delivery_options_url", sandbox.delivery_options().url()),
                    ("mm_api_url", sandbox.mm_api().url()),
                    ("mm_data_url", sandbox.mm_api().data_url()),
                    ("username", user),
                    ("password", password),
                    ("api_key", sandbox.delivery_options().key()),
                    ("client_id", id),
                    ("client_secret", secret),
                ] {
                    settings.set(key, value, Source::Sandbox);
                }
                Some(sandbox)
            }
            Some("production" | "metapack-sandbox") | None => None,
            Some(other) => {
                return Err(Failure::Usage(format!(
                    "unknown environment {other:?}: use production, metapack-sandbox or local"
                )));
            }
        };
        // A running sandbox's URLs and default credentials replace every setting from a
        // source below the `sandbox_url`'s own: `--sandbox-url` wins over a profile's
        // production URLs and credentials (which must never be sent to the sandbox).
        if sandbox.is_none()
            && let (Some(base), Some(over)) = (
                settings
                    .get("sandbox_url")
                    .map(|u| u.trim_end_matches('/').to_owned()),
                settings.source("sandbox_url"),
            )
        {
            for (key, path) in [
                ("shipping_url", "/shipping/v1"),
                ("tracking_url", "/tracking/v1"),
                ("delivery_options_url", "/dmoptions"),
                ("mm_api_url", "/mm-api"),
                ("mm_data_url", "/mm-data"),
            ] {
                settings.set_over(key, format!("{base}{path}"), Source::Sandbox, over);
            }
            for (key, value) in [
                ("username", metapack_sandbox::DEFAULT_USERNAME),
                ("password", metapack_sandbox::DEFAULT_PASSWORD),
                ("client_id", metapack_sandbox::DEFAULT_USERNAME),
                ("client_secret", metapack_sandbox::DEFAULT_PASSWORD),
                ("api_key", metapack_sandbox::DEFAULT_DELIVERY_OPTIONS_KEY),
            ] {
                settings.set_over(key, value, Source::Sandbox, over);
            }
        }
        Ok(Self {
            settings,
            json,
            _sandbox: sandbox,
        })
    }

    /// The environment of an API whose base URL setting is `url_key`.
    fn environment(&self, url_key: &str, api: &str) -> Result<Environment> {
        if let Some(url) = self.settings.get(url_key) {
            return Environment::custom(url).map_err(|e| {
                Failure::Usage(format!(
                    "{url_key}: {}",
                    crate::exit::one_line(&e.to_string())
                ))
            });
        }
        match self
            .settings
            .get("env")
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("production") => Ok(Environment::Production),
            Some("metapack-sandbox") => Ok(Environment::MetapackSandbox),
            _ => Err(Failure::Usage(format!(
                "no environment for the {api} API: pass --env production (or metapack-sandbox), \
                 --{} URL, --sandbox-url URL, or --local to try the embedded sandbox",
                url_key.replace('_', "-")
            ))),
        }
    }

    /// HTTP Basic credentials for `api`.
    fn basic(&self, api: &str) -> Result<Credentials> {
        match (self.settings.get("username"), self.settings.get("password")) {
            (Some(user), Some(password)) => Ok(Credentials::basic(user, password)),
            (None, _) => Err(Failure::Usage(format!(
                "no username for the {api} API: set METAPACK_USERNAME, pass --username, \
                 or `metapack config set username USER`"
            ))),
            (Some(_), None) => Err(Failure::Usage(format!(
                "no password for the {api} API: set METAPACK_PASSWORD, pass --password-stdin, \
                 or `metapack config set password` (never as a flag)"
            ))),
        }
    }

    /// A Shipping client.
    pub fn shipping(&self) -> Result<ShippingClient> {
        let environment = self.environment("shipping_url", "Shipping")?;
        ShippingClient::builder()
            .credentials(self.basic("Shipping")?)
            .environment(environment)
            .user_agent_suffix(USER_AGENT)
            .build()
            .map_err(|e| Failure::api("configure the Shipping client", e))
    }

    /// A Tracking client.
    pub fn tracking(&self) -> Result<TrackingClient> {
        let environment = self.environment("tracking_url", "Tracking")?;
        TrackingClient::builder()
            .credentials(self.basic("Tracking")?)
            .environment(environment)
            .user_agent_suffix(USER_AGENT)
            .build()
            .map_err(|e| Failure::api("configure the Tracking client", e))
    }

    /// A Delivery Options client.
    pub fn delivery_options(&self) -> Result<DeliveryOptionsClient> {
        let environment = self.environment("delivery_options_url", "Delivery Options")?;
        let key = self.settings.get("api_key").ok_or_else(|| {
            Failure::Usage(
                "no API key for the Delivery Options API: set METAPACK_API_KEY or \
                 `metapack config set api_key`"
                    .into(),
            )
        })?;
        DeliveryOptionsClient::builder()
            .credentials(Credentials::api_key(key))
            .environment(environment)
            .user_agent_suffix(USER_AGENT)
            .build()
            .map_err(|e| Failure::api("configure the Delivery Options client", e))
    }

    /// An MM-API client.
    pub fn mm(&self) -> Result<MmApiClient> {
        let host = self.settings.get("mm_api_url").ok_or_else(|| {
            Failure::Usage(
                "no MM-API host: pass --mm-api-url (your account's Metapack Manager host), \
                 --sandbox-url URL or --local"
                    .into(),
            )
        })?;
        let (Some(id), Some(secret)) = (
            self.settings.get("client_id"),
            self.settings.get("client_secret"),
        ) else {
            return Err(Failure::Usage(
                "no MM-API client credentials: set METAPACK_CLIENT_ID and METAPACK_CLIENT_SECRET, \
                 or `metapack config set client_id ID` and `metapack config set client_secret`"
                    .into(),
            ));
        };
        let mut builder = MmApiClient::builder()
            .host(host)
            .client_credentials(ClientCredentials::new(id, secret))
            .user_agent_suffix(USER_AGENT);
        builder = match self.settings.get("mm_data_url") {
            Some(data) => builder.data_host(data),
            None => builder.data_host_default(),
        };
        builder
            .build()
            .map_err(|e| Failure::api("configure the MM-API client", e))
    }
}
