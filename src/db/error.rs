//! Errors of the SQL layer.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database cannot be reached (down, restarting, pool exhausted) or did not answer in time
    /// (statement or lock timeout): callers answer 503.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// A uniqueness or idempotency rule was broken: callers answer 409/422.
    #[error("{0}")]
    Conflict(String),
    /// An Idempotency-Key already used for a different request: callers answer 422.
    #[error("{0}")]
    KeyReused(String),
    #[error("not found")]
    NotFound,
    #[error("database query failed: {0}")]
    Query(DieselError),
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("database task failed: {0}")]
    Task(String),
}

/// PostgreSQL's messages for a statement it cancelled because of `statement_timeout` (SQLSTATE
/// 57014) or `lock_timeout` (55P03). Diesel does not expose the SQLSTATE, so the message is
/// matched; the pool asks for English messages (`lc_messages`) where the server allows it.
const TIMEOUT_MESSAGES: [&str; 2] = [
    "canceling statement due to statement timeout",
    "canceling statement due to lock timeout",
];

impl From<DieselError> for DbError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => DbError::NotFound,
            DieselError::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => DbError::Unavailable(info.message().to_string()),
            DieselError::DatabaseError(DatabaseErrorKind::SerializationFailure, info) => {
                DbError::Unavailable(format!("please retry: {}", info.message()))
            }
            DieselError::DatabaseError(DatabaseErrorKind::Unknown, info)
                if TIMEOUT_MESSAGES.iter().any(|m| info.message().contains(m)) =>
            {
                DbError::Unavailable(format!("timed out: {}", info.message()))
            }
            // A COMMIT that failed because the connection broke: whether it committed is unknown,
            // which is what 503 (retry with the same Idempotency-Key) tells the client.
            DieselError::RollbackErrorOnCommit { commit_error, .. } => DbError::from(*commit_error),
            // The connection's transaction state is unknown after a failure mid-transaction.
            DieselError::BrokenTransactionManager => {
                DbError::Unavailable("the connection broke during a transaction".into())
            }
            other => DbError::Query(other),
        }
    }
}

impl From<diesel::ConnectionError> for DbError {
    fn from(error: diesel::ConnectionError) -> Self {
        DbError::Unavailable(error.to_string())
    }
}
