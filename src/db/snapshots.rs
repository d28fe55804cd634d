//! The `snapshots` table and `responses.released_in`: what the public may see (see the migration
//! `2026-12-04-000007_public_snapshots` for why). A snapshot releases, per council area, the
//! responses not yet released, but only where there are at least `threshold` of them, so that no
//! two public versions of an area's figures differ by fewer than `threshold` responses.

use super::error::DbError;
use super::results::{load_released, Refresh};
use super::schema::snapshots;
use crate::domain::dataset::{Codebook, DatasetVersion};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

/// One snapshot: when it was taken and how many responses it released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable, serde::Serialize)]
pub struct Snapshot {
    pub id: i64,
    pub taken_at: DateTime<Utc>,
    pub released: i64,
}

/// Takes a snapshot of `consultation_id` now. Instances taking one at the same moment queue on a
/// lock, so each response is released once.
pub fn take_snapshot(conn: &mut PgConnection, consultation_id: &str, threshold: u32) -> Result<Snapshot, DbError> {
    conn.transaction(|conn| {
        // Waiting for another instance's snapshot is expected: the pool's short lock timeout is for
        // requests, so here only the statement timeout bounds the wait.
        diesel::sql_query("SET LOCAL lock_timeout = 0").execute(conn)?;
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext('snapshot:' || $1))")
            .bind::<Text, _>(consultation_id)
            .execute(conn)?;
        let id: i64 = diesel::insert_into(snapshots::table)
            .values((
                snapshots::consultation_id.eq(consultation_id),
                snapshots::released.eq(0),
            ))
            .returning(snapshots::id)
            .get_result(conn)?;
        // A maintenance job, not a request: the first snapshot of a large consultation rewrites
        // every row, so the request timeout does not apply.
        diesel::sql_query("SET LOCAL statement_timeout = 0").execute(conn)?;
        // The areas ready for release are worked out first (a handful of rows), so the update is
        // an index lookup per area whatever the planner knows about the table.
        let released = diesel::sql_query(
            "WITH ready AS MATERIALIZED ( \
                 SELECT council_area_code FROM responses \
                 WHERE consultation_id = $2 AND released_in IS NULL \
                 GROUP BY council_area_code HAVING count(*) >= $3) \
             UPDATE responses AS r SET released_in = $1 FROM ready \
             WHERE r.consultation_id = $2 AND r.released_in IS NULL \
               AND r.council_area_code = ready.council_area_code",
        )
        .bind::<BigInt, _>(id)
        .bind::<Text, _>(consultation_id)
        .bind::<BigInt, _>(i64::from(threshold))
        .execute(conn)?;
        Ok(diesel::update(snapshots::table.find(id))
            .set(snapshots::released.eq(released as i64))
            .returning((snapshots::id, snapshots::taken_at, snapshots::released))
            .get_result(conn)?)
    })
}

/// The latest snapshot of a consultation, if any was taken.
pub fn latest_snapshot(conn: &mut PgConnection, consultation_id: &str) -> Result<Option<Snapshot>, DbError> {
    Ok(snapshots::table
        .filter(snapshots::consultation_id.eq(consultation_id))
        .order(snapshots::id.desc())
        .select((snapshots::id, snapshots::taken_at, snapshots::released))
        .first(conn)
        .optional()?)
}

/// The released responses as of the latest snapshot, unless `cached` is that snapshot already.
/// Versions of published data are the snapshot's id (`max_id`) and the released rows.
pub fn refresh_published(
    conn: &mut PgConnection,
    consultation_id: &str,
    cached: Option<DatasetVersion>,
    codebook: &Codebook,
) -> Result<(Refresh, Option<Snapshot>), DbError> {
    conn.build_transaction().repeatable_read().read_only().run(|conn| {
        let latest = latest_snapshot(conn, consultation_id)?;
        let snapshot_id = latest.map_or(0, |s| s.id);
        if cached.is_some_and(|c| c.max_id == snapshot_id) {
            return Ok((Refresh::Unchanged, latest));
        }
        let rows = load_released(conn, consultation_id, codebook)?;
        let version = DatasetVersion {
            rows: rows.rows.len() as u64 + rows.unknown_areas,
            max_id: snapshot_id,
            generation: 0,
        };
        Ok((Refresh::Replaced(rows, version), latest))
    })
}
