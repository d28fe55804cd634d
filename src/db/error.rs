//! Errors of the SQL layer.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database cannot be reached (down, restarting, pool exhausted): callers answer 503.
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
            other => DbError::Query(other),
        }
    }
}

impl From<diesel::ConnectionError> for DbError {
    fn from(error: diesel::ConnectionError) -> Self {
        DbError::Unavailable(error.to_string())
    }
}
