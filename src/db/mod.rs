//! The SQL layer: connection pool, embedded migrations, and one repository file per table group.
//! Nothing outside this module writes SQL. Diesel is synchronous, so async callers go through
//! [`run`], which moves the work onto actix's blocking thread pool.

pub mod automated_refusals;
pub mod comments;
pub mod consultations;
pub mod digests;
pub mod error;
pub mod import_batches;
pub mod outbox;
pub mod pool;
pub mod reference;
pub mod replication;
pub mod response_copy;
pub mod responses;
pub mod results;
pub mod schema;
pub mod screening;
pub mod signing_keys;
pub mod snapshots;

pub use error::DbError;
pub use pool::{DbConn, DbPool};

/// Runs `work` with a pooled connection on the blocking thread pool, so the actix runtime is never
/// blocked by a query. A pool that cannot hand out a connection in time gives `DbError::Unavailable`.
pub async fn run<T, F>(pool: &DbPool, work: F) -> Result<T, DbError>
where
    T: Send + 'static,
    F: FnOnce(&mut diesel::PgConnection) -> Result<T, DbError> + Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get().map_err(|e| DbError::Unavailable(e.to_string()))?;
        work(&mut conn)
    })
    .await
    .map_err(|e| DbError::Task(e.to_string()))?
}
