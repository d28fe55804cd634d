//! Streaming replication: how far a read replica (a hot standby fed by PostgreSQL's own streaming
//! replication) is behind its primary. Results read from the replica when there is one (see
//! `crate::results::service`), so every results API response states this lag.

use super::error::DbError;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, Text};

/// How far the replica's data is behind the primary's at the moment of measuring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaLag {
    /// The last WAL position the replica has replayed (what its queries see), e.g. `0/3000148`.
    pub replay_lsn: String,
    /// WAL bytes the primary has written that the replica has not replayed yet (0: caught up).
    pub behind_bytes: u64,
    /// 0 when caught up; otherwise the age of the last transaction the replica replayed
    /// (`now() - pg_last_xact_replay_timestamp()`), which is how stale its data may be.
    pub lag_ms: u64,
}

#[derive(QueryableByName)]
struct StandbyRow {
    #[diesel(sql_type = Bool)]
    in_recovery: bool,
    #[diesel(sql_type = Nullable<Text>)]
    replay_lsn: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    replay_offset: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    replay_age_ms: Option<i64>,
}

#[derive(QueryableByName)]
struct PrimaryRow {
    #[diesel(sql_type = BigInt)]
    offset: i64,
}

/// Where a standby is: `None` when the server is not a standby (not in recovery).
fn standby_position(replica: &mut PgConnection) -> Result<Option<StandbyRow>, DbError> {
    let row: StandbyRow = diesel::sql_query(
        "SELECT pg_is_in_recovery() AS in_recovery, \
                pg_last_wal_replay_lsn()::text AS replay_lsn, \
                (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint AS replay_offset, \
                (extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::bigint AS replay_age_ms",
    )
    .get_result(replica)?;
    Ok(row.in_recovery.then_some(row))
}

/// The primary's current WAL write position, as a byte offset.
fn primary_position(primary: &mut PgConnection) -> Result<i64, DbError> {
    let row: PrimaryRow =
        diesel::sql_query("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint AS offset").get_result(primary)?;
    Ok(row.offset)
}

/// Measures the replica against the primary: the replica first, so that a write landing between
/// the two reads can only make the lag look larger, never smaller. `None` when `replica` is not a
/// standby.
pub fn replica_lag(replica: &mut PgConnection, primary: &mut PgConnection) -> Result<Option<ReplicaLag>, DbError> {
    let Some(standby) = standby_position(replica)? else {
        return Ok(None);
    };
    let primary_offset = primary_position(primary)?;
    let replayed = standby.replay_offset.unwrap_or(0);
    let behind_bytes = u64::try_from(primary_offset.saturating_sub(replayed)).unwrap_or(0);
    let lag_ms = if behind_bytes == 0 {
        0
    } else {
        u64::try_from(standby.replay_age_ms.unwrap_or(0)).unwrap_or(0)
    };
    Ok(Some(ReplicaLag {
        replay_lsn: standby.replay_lsn.unwrap_or_else(|| "0/0".into()),
        behind_bytes,
        lag_ms,
    }))
}

/// Whether the server behind `conn` is a standby (in recovery).
pub fn is_standby(conn: &mut PgConnection) -> Result<bool, DbError> {
    Ok(standby_position(conn)?.is_some())
}
