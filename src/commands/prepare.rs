//! Start-up steps shared by the subcommands: find the database, migrate, seed, load definitions.

use crate::cli::Cli;
use crate::config::ProtectionSettings;
use crate::db::{self, DbPool};
use crate::domain::form_token::FormKey;
use crate::domain::{Geography, SurveyDefinition};
use crate::evidence::service::EvidenceService;
use crate::local_postgres::{resolve_database, PrivateCluster};
use crate::results::service::ComputeLimit;
use crate::results::{DataMode, ResultsService};
use crate::state::{AppSettings, AppState, Consultations};
use anyhow::Context;
use diesel::{Connection, PgConnection};
use std::path::Path;
use std::sync::Arc;

/// A migrated database, and the private cluster serving it when one had to be started.
pub struct Database {
    pub url: String,
    pub pool: DbPool,
    /// The read replica's pool (`--replica-url`), if one is configured.
    pub replica: Option<DbPool>,
    /// Keeps the private cluster running for as long as this lives.
    pub cluster: Option<PrivateCluster>,
}

impl Database {
    pub fn connect(&self) -> anyhow::Result<PgConnection> {
        PgConnection::establish(&self.url).with_context(|| format!("could not connect to {}", redact(&self.url)))
    }
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// Finds (or starts) PostgreSQL, creates the database if missing and applies pending migrations.
pub fn database(cli: &Cli) -> anyhow::Result<Database> {
    let (url, cluster) = resolve_database(cli.database_url.as_deref())?;
    let hint = "is PostgreSQL running? Start it (e.g. `pg_ctlcluster 15 main start`) or pass --database-url";
    db::pool::ensure_database_exists(&url).with_context(|| format!("could not reach {} ({hint})", redact(&url)))?;
    let mut conn = PgConnection::establish(&url).with_context(|| format!("could not connect to {}", redact(&url)))?;
    let applied = db::pool::run_migrations(&mut conn)?;
    if !applied.is_empty() {
        tracing::info!(?applied, "applied migrations");
    }
    let settings = crate::config::DatabaseSettings::from_env()?;
    let pool = db::pool::build_pool_with(&url, &settings);
    let replica = match cli.replica_url.as_deref() {
        Some(replica_url) => Some(replica_pool(replica_url, &settings)?),
        None => None,
    };
    Ok(Database {
        url,
        pool,
        replica,
        cluster,
    })
}

/// The replica's pool, after checking it answers; a server that is not a standby is accepted
/// with a warning (its results may not be the primary's).
fn replica_pool(replica_url: &str, settings: &crate::config::DatabaseSettings) -> anyhow::Result<DbPool> {
    let mut conn = PgConnection::establish(replica_url)
        .with_context(|| format!("could not connect to the replica {}", redact(replica_url)))?;
    if db::replication::is_standby(&mut conn)? {
        tracing::info!(replica = %redact(replica_url), "results read from the replica");
    } else {
        tracing::warn!(replica = %redact(replica_url), "the replica URL names a server that is not a standby");
    }
    Ok(db::pool::build_pool_with(replica_url, settings))
}

/// Loads seeds/ into the database (idempotent) and returns the reference data.
pub fn seed_reference(conn: &mut PgConnection, seeds_dir: &Path) -> anyhow::Result<crate::seeds::ReferenceData> {
    let reference = crate::seeds::load_all(seeds_dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let rows: Vec<db::reference::PopulationRow> = crate::seeds::population_rows(&reference.population)
        .iter()
        .map(Into::into)
        .collect();
    db::reference::upsert_reference(conn, &reference.geography.divisions, &reference.geography.areas, &rows)?;
    Ok(reference)
}

/// Loads and checks every definition in `defs_dir` against the geography.
pub fn definitions(defs_dir: &Path, geography: &Geography) -> anyhow::Result<Vec<SurveyDefinition>> {
    crate::defs::load_dir(defs_dir, Some(geography)).map_err(|e| anyhow::anyhow!("{e}"))
}

/// The results and evidence-pack services of a one-off command: reference data from seeds/ (loaded
/// into the database too), the definitions, and data read straight from the database per request.
pub struct DirectServices {
    pub results: Arc<ResultsService>,
    pub evidence: EvidenceService,
}

pub fn direct_services(database: &Database, cli: &Cli) -> anyhow::Result<DirectServices> {
    let mut conn = database.connect()?;
    let reference = seed_reference(&mut conn, &cli.seeds)?;
    let defs = definitions(&cli.defs, &reference.geography)?;
    db::consultations::sync_definitions(&mut conn, &defs)?;
    let results = ResultsService::new(
        database.pool.clone(),
        Arc::new(reference.geography),
        Arc::new(reference.population),
        Arc::new(Consultations::new(defs)),
        DataMode::Direct,
    );
    let results = Arc::new(match database.replica.clone() {
        Some(replica) => results.with_replica(replica),
        None => results,
    });
    let evidence = EvidenceService::new(results.clone(), Arc::new(reference.plans));
    Ok(DirectServices { results, evidence })
}

/// Everything the web application needs: seeded, definitions synced to the database.
pub fn app_state(database: &Database, seeds_dir: &Path, defs_dir: &Path) -> anyhow::Result<AppState> {
    let mut conn = database.connect()?;
    let reference = seed_reference(&mut conn, seeds_dir)?;
    let defs = definitions(defs_dir, &reference.geography)?;
    db::consultations::sync_definitions(&mut conn, &defs)?;
    tracing::info!(consultations = defs.len(), "loaded consultation definitions");
    AppState::new(
        database.pool.clone(),
        reference.geography,
        reference.population,
        Consultations::new(defs),
        reference.plans,
        AppSettings {
            compute_limit: compute_limit_from_env()?,
            form_key: form_key(&mut conn)?,
            replica: database.replica.clone(),
            mail: crate::digest::MailSettings::from_env().map_err(|e| anyhow::anyhow!(e))?,
            digest_keys: digest_keys(&mut conn)?,
            protection: ProtectionSettings::from_env()?,
        },
    )
    .map_err(|e| anyhow::anyhow!(e))
}

/// The digest service's keys (unsubscribe links, address hashes), shared like the form key.
pub fn digest_keys(conn: &mut PgConnection) -> anyhow::Result<crate::digest::tokens::DigestKeys> {
    use crate::digest::tokens::{random_key, DigestKeys};
    let links = db::signing_keys::get_or_create(conn, "digest_links", &random_key())?;
    let email = db::signing_keys::get_or_create(conn, "email_hash", &random_key())?;
    DigestKeys::new(&links, &email).map_err(|e| anyhow::anyhow!("the stored digest keys are not usable: {e}"))
}

/// The survey form's signing key, created at random by the first instance and read by the rest.
fn form_key(conn: &mut PgConnection) -> anyhow::Result<FormKey> {
    let (_, fresh) = FormKey::random();
    let stored = db::signing_keys::get_or_create(conn, "survey_form", &fresh)?;
    FormKey::new(&stored).map_err(|e| anyhow::anyhow!("the stored survey form key is not usable: {e}"))
}

/// `LOCALVOICE_COMPUTE_LIMIT` (results and packs computed at once; default one per core) and
/// `LOCALVOICE_COMPUTE_WAIT_MS` (how long a request waits for a turn before a 503; default 10000).
fn compute_limit_from_env() -> anyhow::Result<ComputeLimit> {
    let mut limit = ComputeLimit::default();
    if let Ok(raw) = std::env::var("LOCALVOICE_COMPUTE_LIMIT") {
        limit.at_once = raw
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .with_context(|| format!("LOCALVOICE_COMPUTE_LIMIT must be a whole number above 0, not '{raw}'"))?;
    }
    if let Ok(raw) = std::env::var("LOCALVOICE_COMPUTE_WAIT_MS") {
        let ms: u64 = raw.trim().parse().with_context(|| {
            format!("LOCALVOICE_COMPUTE_WAIT_MS must be a whole number of milliseconds, not '{raw}'")
        })?;
        limit.wait = std::time::Duration::from_millis(ms);
    }
    Ok(limit)
}
