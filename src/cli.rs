//! The `localvoice` command line (clap). `main.rs` parses it and dispatches to `crate::commands`.

use crate::config::DEFAULT_BIND;
use crate::results::CompareWith;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// LocalVoice: public consultations for local policing in Scotland, turned into evidence for the
/// next Local Police Plan.
#[derive(Debug, Parser)]
#[command(name = "localvoice", version, propagate_version = true)]
pub struct Cli {
    /// PostgreSQL URL; the database is created if missing. Without it LocalVoice uses
    /// postgres://postgres@127.0.0.1:5432/localvoice, or starts a private cluster under
    /// ./.localvoice/pg if nothing answers there and initdb/pg_ctl are installed.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// PostgreSQL URL of a streaming replica (hot standby) of the database: results, comparisons
    /// and evidence packs read from it, everything else uses --database-url. Never migrated or
    /// written to.
    #[arg(long, env = "LOCALVOICE_REPLICA_URL", global = true)]
    pub replica_url: Option<String>,

    /// Folder of consultation definitions (one TOML file per consultation).
    #[arg(long = "defs", env = "LOCALVOICE_DEFS", default_value = "survey-defs", global = true)]
    pub defs: PathBuf,

    /// Folder of reference data (divisions, council areas, population, current plans).
    #[arg(long = "seeds", env = "LOCALVOICE_SEEDS", default_value = "seeds", global = true)]
    pub seeds: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate, seed reference data, load survey-defs/ and serve the web application and API.
    Serve(ServeArgs),
    /// Like serve, after loading a deterministic synthetic set of responses (for trying LocalVoice out).
    Demo(DemoArgs),
    /// Apply pending database migrations (or revert them all with --revert-all).
    Migrate(MigrateArgs),
    /// Load reference data from seeds/ into the database (idempotent).
    Seed,
    /// Work with consultation definitions.
    #[command(subcommand)]
    Defs(DefsCommand),
    /// Import responses from another channel (paper forms, events, other tools) from a CSV file.
    /// All or nothing: any bad row aborts the import and every bad row is reported with its line.
    ImportResponses(ImportArgs),
    /// Weighted results of a consultation for a council area, a division or Scotland, as JSON or CSV
    /// on standard output (raked to the adult population, with intervals and disclosure control).
    Results(ResultsArgs),
    /// The evidence pack for a police division and each of its council areas (candidate priorities
    /// ranked by community support, plan coverage, changes, differences, who responded, what people
    /// said, method) as one HTML file, one JSON document and CSV tables in --out.
    EvidencePack(EvidencePackArgs),
    /// Take a snapshot of what the public sees now (`serve` takes one at start-up and every
    /// LOCALVOICE_SNAPSHOT_HOURS): each council area's new responses are released when there are at
    /// least the consultation's suppression threshold of them.
    Snapshot(SnapshotArgs),
    /// Email digests for community councils: import their contacts, build and send what is due.
    /// Mail goes to LOCALVOICE_SMTP_URL, or as .eml files to ./.localvoice/mail without it.
    #[command(subcommand)]
    Digests(DigestsCommand),
}

#[derive(Debug, Subcommand)]
pub enum DigestsCommand {
    /// Import community councils and their contact addresses from a CSV file with the Improvement
    /// Service Spatial Hub columns (la_s_code, local_authority, cc_name, active, url) plus email.
    /// Each contact gets a confirmation email and no digest until they confirm. All or nothing.
    ImportContacts(ImportContactsArgs),
    /// Build the digests that are due, queue them in the outbox and send the outbox (`serve` does
    /// the same on a timer, every LOCALVOICE_DIGEST_INTERVAL_SECONDS).
    Run(DigestsRunArgs),
}

#[derive(Debug, Args)]
pub struct ImportContactsArgs {
    /// The CSV file.
    pub file: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub struct DigestsRunArgs {
    /// Build this period's digests now, even before the period's first morning (and for
    /// subscriptions confirmed during it).
    #[arg(long)]
    pub now: bool,
    /// Work out what is due and print it; queue and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// Only this consultation (its id); by default every consultation in survey-defs/.
    #[arg(long)]
    pub consultation: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvidencePackArgs {
    /// The consultation (its id, e.g. your-police-2026).
    #[arg(long)]
    pub consultation: String,
    /// The police division, by letter (J).
    #[arg(long)]
    pub division: String,
    /// The consultation to compare with in "What changed" (its id); by default the consultation's
    /// `previous`, if it has one. `none` for no comparison.
    #[arg(long)]
    pub compare_with: Option<CompareWith>,
    /// Bootstrap replicates for the rank intervals (0 to skip); 200, as the results API.
    #[arg(long, default_value_t = 200)]
    pub bootstrap: usize,
    /// Seed of the bootstrap: the same seed gives the same numbers.
    #[arg(long, default_value_t = 20_220_630)]
    pub seed: u64,
    /// Folder to write evidence-pack.html, evidence-pack.json and csv/ into (created if missing).
    #[arg(long)]
    pub out: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (use port 0 for any free port; the URL is printed).
    #[arg(long, env = "LOCALVOICE_BIND", default_value = DEFAULT_BIND)]
    pub bind: String,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Address to listen on (use port 0 for any free port; the URL is printed).
    #[arg(long, env = "LOCALVOICE_BIND", default_value = DEFAULT_BIND)]
    pub bind: String,
    /// How many synthetic responses to generate for the current consultation.
    #[arg(long, default_value_t = 20_000)]
    pub responses: usize,
    /// Random seed: the same seed gives the same responses.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Load the demo data and exit without serving.
    #[arg(long)]
    pub no_serve: bool,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Revert every migration (runs each down.sql) instead of applying them. Destroys all data.
    #[arg(long)]
    pub revert_all: bool,
}

#[derive(Debug, Subcommand)]
pub enum DefsCommand {
    /// Validate every definition in the defs folder; errors name file, line and field.
    Check,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The consultation the responses belong to (its id, e.g. your-police-2026).
    #[arg(long)]
    pub consultation: String,
    /// CSV file with columns council_area, feel_safe, confidence, concern_1 … concern_N, age_band,
    /// sex, disability, comment, submitted_at, channel (and optionally postcode_district).
    pub file: PathBuf,
    /// Do not show a progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// Output format of `localvoice results`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultsFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ResultsArgs {
    /// The consultation (its id, e.g. your-police-2026).
    #[arg(long)]
    pub consultation: String,
    /// A council area, by GSS code (S12000036) or name.
    #[arg(long, conflicts_with_all = ["division", "scotland"])]
    pub area: Option<String>,
    /// A police division, by letter (J).
    #[arg(long, conflicts_with = "scotland")]
    pub division: Option<String>,
    /// Scotland (every council area the consultation covers); the default.
    #[arg(long)]
    pub scotland: bool,
    /// json (the API's format) or csv (one row per figure).
    #[arg(long, value_enum, default_value = "json")]
    pub format: ResultsFormat,
    /// Compare with the same area in another consultation (its id, or `previous` for the previous
    /// wave), or with `division` to compare a council area with the rest of its division.
    #[arg(long)]
    pub compare_with: Option<CompareWith>,
    /// Bootstrap replicates for the stability of the concerns' ranks (0 to skip).
    #[arg(long, default_value_t = 500)]
    pub bootstrap: usize,
    /// Seed of the bootstrap: the same seed gives the same numbers.
    #[arg(long, default_value_t = 20_220_630)]
    pub seed: u64,
    /// Weight without trimming. By default weights are trimmed to 0.2-5 times each council area's
    /// mean weight and re-raked, as the API does unless asked `trim=false`.
    #[arg(long = "no-trim", action = clap::ArgAction::SetFalse)]
    pub trim: bool,
    /// Only the responses released by the latest snapshot, as the public API shows them (by
    /// default every stored response, as analysts see them).
    #[arg(long)]
    pub published: bool,
}
