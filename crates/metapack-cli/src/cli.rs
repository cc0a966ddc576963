//! The command line: global options and commands (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The long text after `metapack --help`.
const AFTER_LONG_HELP: &str = "\
Configuration, first found wins: flags, then environment variables (METAPACK_USERNAME,
METAPACK_PASSWORD, METAPACK_API_KEY, METAPACK_CLIENT_ID, METAPACK_CLIENT_SECRET, METAPACK_ENV,
METAPACK_SANDBOX_URL, METAPACK_SHIPPING_URL, METAPACK_TRACKING_URL,
METAPACK_DELIVERY_OPTIONS_URL, METAPACK_MM_API_URL, METAPACK_MM_DATA_URL), then the profile in
the config file (metapack config path; METAPACK_CONFIG names another file). Secrets are never
taken from flags: use the environment, `metapack config set password` (prompts, or reads
standard input) or --password-stdin. `metapack config show` prints the effective settings with
secrets redacted.

Try any command without an account: --local (or METAPACK_ENV=local) runs the sandbox inside
the command; to chain commands, run `metapack sandbox` and point the others at it with
--sandbox-url http://127.0.0.1:8080 (or METAPACK_SANDBOX_URL).

Output: tables for people; --json prints the API's own objects for scripts. Progress and logs
go to standard error; -v, -vv, -vvv raise the log level.
";

/// `metapack`: Metapack's delivery-management APIs from the command line.
#[derive(Debug, Parser)]
#[command(
    name = "metapack",
    version,
    about = "Metapack's delivery-management APIs from the command line: track parcels, print labels, \
             batch labels from a CSV, delivery options, manifests",
    after_long_help = format!("{AFTER_LONG_HELP}\n{}", crate::exit::EXIT_CODES_HELP),
    propagate_version = true
)]
pub struct Cli {
    /// Global options.
    #[command(flatten)]
    pub global: Global,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Run against a sandbox started inside this command (no account needed; its state ends
    /// with the command)
    #[arg(long, global = true)]
    pub local: bool,
    /// Profile of the config file to read
    #[arg(
        long,
        global = true,
        env = "METAPACK_PROFILE",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,
    /// Environment: production, metapack-sandbox (Metapack's hosted test stack) or local
    #[arg(
        long = "env",
        global = true,
        env = "METAPACK_ENV",
        hide_env_values = true,
        value_name = "ENV"
    )]
    pub environment: Option<String>,
    /// HTTP Basic username (Shipping, Tracking); the password comes from METAPACK_PASSWORD,
    /// the config file or --password-stdin
    #[arg(
        long,
        global = true,
        env = "METAPACK_USERNAME",
        hide_env_values = true,
        value_name = "USER"
    )]
    pub username: Option<String>,
    /// Read the password from the first line of standard input
    #[arg(long, global = true)]
    pub password_stdin: bool,
    /// MM-API OAuth2 client id; the secret comes from METAPACK_CLIENT_SECRET or the config file
    #[arg(
        long,
        global = true,
        env = "METAPACK_CLIENT_ID",
        hide_env_values = true,
        value_name = "ID"
    )]
    pub client_id: Option<String>,
    /// Base URL of a running `metapack sandbox`: every API's URL and the sandbox's credentials,
    /// over those of a profile (and, given as a flag, over the environment's)
    #[arg(
        long,
        global = true,
        env = "METAPACK_SANDBOX_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub sandbox_url: Option<String>,
    /// Shipping API base URL
    #[arg(
        long,
        global = true,
        env = "METAPACK_SHIPPING_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub shipping_url: Option<String>,
    /// Tracking API base URL
    #[arg(
        long,
        global = true,
        env = "METAPACK_TRACKING_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub tracking_url: Option<String>,
    /// Delivery Options API base URL
    #[arg(
        long,
        global = true,
        env = "METAPACK_DELIVERY_OPTIONS_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub delivery_options_url: Option<String>,
    /// MM-API host (your account's Metapack Manager host)
    #[arg(
        long,
        global = true,
        env = "METAPACK_MM_API_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub mm_api_url: Option<String>,
    /// MM-API data host (logistics services)
    #[arg(
        long,
        global = true,
        env = "METAPACK_MM_DATA_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub mm_data_url: Option<String>,
    /// Print the API's JSON objects instead of tables
    #[arg(long, global = true)]
    pub json: bool,
    /// More logs on standard error (-v info, -vv debug, -vvv trace)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// A parcel's journey: events latest first, with the delivery promise
    Track(TrackArgs),
    /// Create, read, allocate and delete consignments (Shipping API)
    #[command(subcommand)]
    Consignment(ConsignmentCommand),
    /// Write a consignment's labels to files; `labels batch` prints the labels of a CSV of orders
    Labels(LabelsArgs),
    /// Delivery options for an address (Delivery Options API)
    Options(OptionsArgs),
    /// Create manifests and fetch their paperwork (Shipping API)
    #[command(subcommand)]
    Manifest(ManifestCommand),
    /// MetaPack Manager API: allocate shipments, read consignments, documents, close lists
    #[command(subcommand)]
    Mm(MmCommand),
    /// Serve the sandbox (the four APIs, in memory) on a local port until Ctrl-C
    Sandbox(SandboxArgs),
    /// Show or change the config file
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

/// `metapack track`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["order_ref", "tracking", "consignment"])))]
pub struct TrackArgs {
    /// The order reference
    pub order_ref: Option<String>,
    /// A parcel's carrier tracking number instead
    #[arg(long, value_name = "ID")]
    pub tracking: Option<String>,
    /// A consignment's code instead (its parcels are tracked)
    #[arg(long, value_name = "CODE")]
    pub consignment: Option<String>,
}

/// `metapack consignment ...`.
#[derive(Debug, Subcommand)]
pub enum ConsignmentCommand {
    /// Create a consignment from a JSON file (a ConsignmentRequest, or its `consignment`)
    Create {
        /// The JSON file (`-` for standard input)
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        /// Allocate it to a carrier service after creating it (unless already allocated)
        #[arg(long)]
        allocate: bool,
        /// Write its labels into this directory (implies --allocate)
        #[arg(long, value_name = "DIR")]
        labels: Option<PathBuf>,
    },
    /// Show a consignment
    Get {
        /// The consignment code
        code: String,
    },
    /// Find consignments by order reference or tracking number
    #[command(group(clap::ArgGroup::new("by").required(true).args(["order", "tracking", "parcel_tracking"])))]
    Search {
        /// The order reference
        #[arg(long, value_name = "REF")]
        order: Option<String>,
        /// The consignment's tracking identifier
        #[arg(long, value_name = "ID")]
        tracking: Option<String>,
        /// A parcel's tracking identifier
        #[arg(long, value_name = "ID")]
        parcel_tracking: Option<String>,
    },
    /// Allocate a consignment to a carrier service
    Allocate {
        /// The consignment code
        code: String,
        /// Carrier service or booking codes to choose from (default: the account's rules)
        #[arg(long, value_name = "CODE", value_delimiter = ',')]
        service: Vec<String>,
    },
    /// Take a consignment's allocation back
    Deallocate {
        /// The consignment code
        code: String,
    },
    /// Mark a consignment ready to manifest (or not, with --not)
    Ready {
        /// The consignment code
        code: String,
        /// Mark it not ready instead
        #[arg(long)]
        not: bool,
    },
    /// Delete a consignment
    Delete {
        /// The consignment code
        code: String,
    },
}

/// Paperwork file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// PDF
    Pdf,
    /// PNG
    Png,
    /// ZPL (thermal printers)
    Zpl,
}

/// `metapack labels`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct LabelsArgs {
    /// The consignment code
    #[arg(required = true)]
    pub code: Option<String>,
    /// File format
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: Format,
    /// Label size, such as 6x4
    #[arg(long, value_name = "WxH")]
    pub dimension: Option<String>,
    /// Directory to write the files into
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// `labels batch`
    #[command(subcommand)]
    pub batch: Option<LabelsCommand>,
}

/// `metapack labels batch`.
#[derive(Debug, Subcommand)]
pub enum LabelsCommand {
    /// One consignment per CSV row: created, allocated and printed; safe to run again
    #[command(after_long_help = crate::batch::rows::COLUMNS_HELP)]
    Batch(BatchArgs),
}

/// `metapack labels batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The CSV of orders (columns below)
    #[arg(long, value_name = "FILE")]
    pub csv: PathBuf,
    /// Directory for the labels, the journal (journal.jsonl) and the results (results.csv)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// How many rows are worked on at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// Label file format
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: Format,
    /// Label size, such as 6x4
    #[arg(long, value_name = "WxH")]
    pub dimension: Option<String>,
}

/// Delivery option types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OptionKind {
    /// Delivery to the address
    Home,
    /// Pick-up and drop-off points
    Pudo,
    /// The shop's own stores
    Store,
}

/// `metapack options`.
#[derive(Debug, Args)]
pub struct OptionsArgs {
    /// The warehouse (shipping location) code
    #[arg(long, value_name = "CODE")]
    pub warehouse: String,
    /// The destination's ISO 3166-1 alpha-3 country code, such as GBR
    #[arg(long, value_name = "ISO3")]
    pub country: String,
    /// The destination's postcode
    #[arg(long)]
    pub postcode: String,
    /// Option types (default: home)
    #[arg(long = "type", value_enum, value_delimiter = ',', value_name = "TYPE")]
    pub types: Vec<OptionKind>,
    /// At most this many options
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
}

/// `metapack manifest ...`.
#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Manifest a carrier's ready consignments at a warehouse
    Create {
        /// The carrier code, such as SBXPOST
        #[arg(long, value_name = "CODE")]
        carrier: String,
        /// The warehouse (shipping location) code
        #[arg(long, value_name = "CODE")]
        warehouse: String,
        /// Only this manifest group
        #[arg(long, value_name = "CODE")]
        group: Option<String>,
    },
    /// Write a manifest's paperwork to files
    Paperwork {
        /// The manifest code
        code: String,
        /// Directory to write the files into
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
}

/// `metapack mm ...`.
#[derive(Debug, Subcommand)]
pub enum MmCommand {
    /// Allocate a shipment (its UUID or URI) to a logistics service
    Allocate {
        /// The shipment's UUID or URI
        shipment: String,
        /// Write its labels into this directory
        #[arg(long, value_name = "DIR")]
        labels: Option<PathBuf>,
    },
    /// Show a consignment (its UUID or URI)
    Consignment {
        /// The consignment's UUID or URI
        consignment: String,
    },
    /// Write a consignment's documents (labels and paperwork) to files
    Documents {
        /// The consignment's UUID or URI
        consignment: String,
        /// Directory to write the files into
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
    /// Close a consignment list (a manifest) of these consignments
    CloseList {
        /// The consignments' UUIDs or URIs
        #[arg(required = true)]
        consignments: Vec<String>,
        /// Mark each ready to manifest first
        #[arg(long)]
        ready: bool,
    },
}

/// `metapack sandbox`.
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Faults to inject, such as 503:0.2,reset:0.05,delay=2s:0.1
    #[arg(long, value_name = "LIST")]
    pub faults: Option<String>,
    /// Seed of the fault draws
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// How many requests GET /_sandbox/requests keeps
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub request_log_size: usize,
    /// One line per request on standard error
    #[arg(long)]
    pub log: bool,
}

/// `metapack config ...`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective settings and where each comes from (secrets redacted)
    Show,
    /// Print the config file's path
    Path,
    /// Set a key of the profile; secrets (password, api_key, client_secret) are prompted for
    /// or read from standard input, never given as an argument
    Set {
        /// The key: env, username, password, api_key, client_id, client_secret, sandbox_url,
        /// shipping_url, tracking_url, delivery_options_url, mm_api_url, mm_data_url
        key: String,
        /// The value (not for secrets)
        value: Option<String>,
    },
    /// Remove a key from the profile
    Unset {
        /// The key
        key: String,
    },
}
