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
pub fn delete_batches_with_prefix(conn: &mut PgConnection, consultation_id: &str, prefix: &str) -> Result<usize, DbError> {
    conn.transaction(|conn| {
        let ids: Vec<i64> = import_batches::table
            .filter(import_batches::consultation_id.eq(consultation_id))
            .filter(import_batches::source_file.like(format!("{}%", prefix.replace('%', "\\%").replace('_', "\\_"))))
            .select(import_batches::id)
            .load(conn)?;
        let removed =
            diesel::delete(responses::table.filter(responses::import_batch_id.eq_any(&ids))).execute(conn)?;
        diesel::delete(import_batches::table.filter(import_batches::id.eq_any(&ids))).execute(conn)?;
        Ok(removed)
    })
}
