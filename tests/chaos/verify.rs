//! The database after a fault run, checked against what the load generator was told: every
//! acknowledged response stored exactly once under its Idempotency-Key, no response stored that
//! nobody was told about, no key pointing at a missing response (nothing half-written).

use super::load::Ledger;
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

/// What the database holds, compared with the ledger.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    pub acknowledged: usize,
    pub first_try: usize,
    pub retried_successes: usize,
    pub stored: usize,
    /// Acknowledged ids missing from `responses`.
    pub lost: usize,
    /// Rows beyond one per acknowledged submission (a key stored twice, or a row nobody was told about).
    pub duplicates: usize,
    /// Keys whose stored response is not the one the client was told.
    pub mismatched_keys: usize,
    /// Idempotency keys pointing at no response (a half-written submission).
    pub orphan_keys: usize,
    pub rejected: usize,
    pub unresolved: usize,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        self.lost == 0
            && self.duplicates == 0
            && self.mismatched_keys == 0
            && self.orphan_keys == 0
            && self.rejected == 0
            && self.unresolved == 0
            && self.stored == self.first_try + self.retried_successes
    }

    pub fn summary(&self) -> String {
        format!(
            "acknowledged {} (first try {}, retried successes {}); stored {}; lost {}; duplicates {}; \
             keys pointing elsewhere {}; half-written {}; rejected {}; unresolved {}",
            self.acknowledged,
            self.first_try,
            self.retried_successes,
            self.stored,
            self.lost,
            self.duplicates,
            self.mismatched_keys,
            self.orphan_keys,
            self.rejected,
            self.unresolved
        )
    }
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    public_id: uuid::Uuid,
}

#[derive(QueryableByName)]
struct KeyRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    key: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    response_public_id: uuid::Uuid,
}

/// Compares `ledger` with consultation `consultation` in the database at `database_url` (which
/// must hold only the run's responses).
pub fn verify(database_url: &str, consultation: &str, ledger: &Ledger) -> anyhow::Result<Verdict> {
    let mut conn = PgConnection::establish(database_url)?;
    let rows: Vec<Row> = diesel::sql_query("SELECT public_id FROM responses WHERE consultation_id = $1")
        .bind::<diesel::sql_types::Text, _>(consultation)
        .load(&mut conn)?;
    let keys: Vec<KeyRow> =
        diesel::sql_query("SELECT key, response_public_id FROM idempotency_keys WHERE consultation_id = $1")
            .bind::<diesel::sql_types::Text, _>(consultation)
            .load(&mut conn)?;
    let stored: HashSet<uuid::Uuid> = rows.iter().map(|r| r.public_id).collect();
    let by_key: HashMap<&str, uuid::Uuid> = keys.iter().map(|k| (k.key.as_str(), k.response_public_id)).collect();
    let acked_ids: HashSet<uuid::Uuid> = ledger.acknowledged.iter().map(|a| a.id).collect();
    let acked_keys: HashSet<&str> = ledger.acknowledged.iter().map(|a| a.key.as_str()).collect();
    Ok(Verdict {
        acknowledged: ledger.acknowledged.len(),
        first_try: ledger.first_try(),
        retried_successes: ledger.retried_successes(),
        stored: rows.len(),
        lost: acked_ids.iter().filter(|id| !stored.contains(id)).count(),
        // Rows nobody was told about, plus acknowledgements sharing an id or a key.
        duplicates: rows.iter().filter(|r| !acked_ids.contains(&r.public_id)).count()
            + (ledger.acknowledged.len() - acked_ids.len())
            + (ledger.acknowledged.len() - acked_keys.len()),
        mismatched_keys: ledger
            .acknowledged
            .iter()
            .filter(|a| by_key.get(a.key.as_str()) != Some(&a.id))
            .count(),
        orphan_keys: keys.iter().filter(|k| !stored.contains(&k.response_public_id)).count(),
        rejected: ledger.rejected.len(),
        unresolved: ledger.unresolved.len(),
    })
}
