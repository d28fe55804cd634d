//! The `import_batches` table as a whole: finding and removing earlier batches (demo data).

use super::error::DbError;
use super::schema::{import_batches, responses};
use diesel::prelude::*;

/// Rows recorded for the batch of `consultation_id` named `source_file`, if there is one.
pub fn batch_rows(conn: &mut PgConnection, consultation_id: &str, source_file: &str) -> Result<Option<i64>, DbError> {
    Ok(import_batches::table
        .filter(import_batches::consultation_id.eq(consultation_id))
        .filter(import_batches::source_file.eq(source_file))
        .select(import_batches::row_count)
        .first(conn)
        .optional()?)
}

/// Deletes every batch of `consultation_id` whose source starts with `prefix`, and its responses,
/// in one transaction. Returns the number of responses removed.
pub fn delete_batches_with_prefix(
    conn: &mut PgConnection,
    consultation_id: &str,
    prefix: &str,
) -> Result<usize, DbError> {
    conn.transaction(|conn| {
        let ids: Vec<i64> = import_batches::table
            .filter(import_batches::consultation_id.eq(consultation_id))
            .filter(import_batches::source_file.like(format!("{}%", prefix.replace('%', "\\%").replace('_', "\\_"))))
            .select(import_batches::id)
            .load(conn)?;
        let removed = diesel::delete(responses::table.filter(responses::import_batch_id.eq_any(&ids))).execute(conn)?;
        diesel::delete(import_batches::table.filter(import_batches::id.eq_any(&ids))).execute(conn)?;
        Ok(removed)
    })
}

/// An earlier import of the same file (same SHA-256) into the consultation: its id, source and time.
pub fn batch_with_hash(
    conn: &mut PgConnection,
    consultation_id: &str,
    file_sha256: &str,
) -> Result<Option<(i64, String, chrono::DateTime<chrono::Utc>)>, DbError> {
    Ok(import_batches::table
        .filter(import_batches::consultation_id.eq(consultation_id))
        .filter(import_batches::file_sha256.eq(file_sha256))
        .select((
            import_batches::id,
            import_batches::source_file,
            import_batches::imported_at,
        ))
        .first(conn)
        .optional()?)
}

/// Records the SHA-256 of the file a batch was imported from.
pub fn set_batch_hash(conn: &mut PgConnection, batch_id: i64, file_sha256: &str) -> Result<(), DbError> {
    diesel::update(import_batches::table.find(batch_id))
        .set(import_batches::file_sha256.eq(file_sha256))
        .execute(conn)?;
    Ok(())
}
