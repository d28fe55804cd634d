//! Connection pool, database creation and embedded migrations.

use super::error::DbError;
use crate::config::DatabaseSettings;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

pub type DbPool = Pool<ConnectionManager<PgConnection>>;
pub type DbConn = PooledConnection<ConnectionManager<PgConnection>>;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// A pool of at most `max_size` connections, waiting up to `checkout_timeout` for one, with the
/// default statement and lock timeouts (see [`build_pool_with`]).
pub fn build_pool(database_url: &str, max_size: u32, checkout_timeout: Duration) -> DbPool {
    build_pool_with(
        database_url,
        &DatabaseSettings {
            pool_size: max_size,
            checkout_timeout,
            ..DatabaseSettings::default()
        },
    )
}

/// A pool that connects lazily: building it never fails, and a database that is down shows up as
/// `DbError::Unavailable` (HTTP 503) on use, after `checkout_timeout`.
///
/// Every checkout first checks the connection with a trivial query and replaces it if the server
/// has gone away, so the first requests after a database restart get a fresh connection instead
/// of failing on a dead one; that costs one round trip per checkout. Every connection gets
/// PostgreSQL's `statement_timeout` and `lock_timeout`, so no statement holds a connection
/// indefinitely, running or waiting for a lock: it is cancelled and its caller gets
/// `DbError::Unavailable` (503), with its transaction rolled back.
pub fn build_pool_with(database_url: &str, settings: &DatabaseSettings) -> DbPool {
    Pool::builder()
        .max_size(settings.pool_size)
        .min_idle(Some(0))
        .connection_timeout(settings.checkout_timeout)
        .test_on_check_out(true)
        .connection_customizer(Box::new(SessionTimeouts {
            statement: settings.statement_timeout,
            lock: settings.lock_timeout,
        }))
        .build_unchecked(ConnectionManager::new(database_url))
}

/// Sets `statement_timeout` and `lock_timeout` on every new pooled connection.
#[derive(Debug, Clone, Copy)]
struct SessionTimeouts {
    statement: Duration,
    lock: Duration,
}

impl CustomizeConnection<PgConnection, diesel::r2d2::Error> for SessionTimeouts {
    fn on_acquire(&self, conn: &mut PgConnection) -> Result<(), diesel::r2d2::Error> {
        // At least 1 ms: 0 would switch a timeout off.
        let statement = self.statement.as_millis().max(1);
        let lock = self.lock.as_millis().max(1);
        conn.batch_execute(&format!(
            "SET statement_timeout = {statement}; SET lock_timeout = {lock}"
        ))
        .map_err(diesel::r2d2::Error::QueryError)?;
        // `DbError` recognises a timeout by PostgreSQL's English message. Only a superuser may
        // change `lc_messages`; elsewhere the server's own setting stays (English by default).
        let _ = conn.batch_execute("SET lc_messages = 'C'");
        Ok(())
    }
}

/// The database name in a PostgreSQL URL, checked to be a plain identifier we can quote safely.
pub fn database_name(database_url: &str) -> Result<String, DbError> {
    let url = url::Url::parse(database_url).map_err(|e| DbError::Unavailable(format!("bad database URL: {e}")))?;
    let name = url.path().trim_start_matches('/').to_string();
    let plain = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain {
        Ok(name)
    } else {
        Err(DbError::Unavailable(format!(
            "the database URL must name a database like /localvoice, not '{name}'"
        )))
    }
}

/// The same server's maintenance database (`postgres`), for CREATE/DROP DATABASE.
pub fn maintenance_url(database_url: &str) -> Result<String, DbError> {
    let mut url = url::Url::parse(database_url).map_err(|e| DbError::Unavailable(format!("bad database URL: {e}")))?;
    url.set_path("/postgres");
    Ok(url.to_string())
}

/// Creates the database named in the URL if it does not exist yet.
pub fn ensure_database_exists(database_url: &str) -> Result<(), DbError> {
    let name = database_name(database_url)?;
    if PgConnection::establish(database_url).is_ok() {
        return Ok(());
    }
    let mut admin = PgConnection::establish(&maintenance_url(database_url)?)?;
    #[derive(QueryableByName)]
    struct Exists {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        exists: bool,
    }
    let found: Exists = diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
        .bind::<diesel::sql_types::Text, _>(&name)
        .get_result(&mut admin)?;
    if !found.exists {
        tracing::info!(database = %name, "creating database");
        diesel::sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut admin)?;
    }
    Ok(())
}

/// Applies every pending migration; returns the versions applied.
pub fn run_migrations(conn: &mut PgConnection) -> Result<Vec<String>, DbError> {
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(applied.iter().map(|v| v.to_string()).collect())
}

/// Reverts every migration (used by the test that checks each `down.sql` works).
pub fn revert_all_migrations(conn: &mut PgConnection) -> Result<usize, DbError> {
    let reverted = conn
        .revert_all_migrations(MIGRATIONS)
        .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(reverted.len())
}

/// Whether the database answers a trivial query.
pub fn ping(conn: &mut PgConnection) -> Result<(), DbError> {
    diesel::sql_query("SELECT 1").execute(conn)?;
    Ok(())
}
