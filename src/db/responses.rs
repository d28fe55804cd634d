//! The `responses` and `idempotency_keys` tables: storing residents' answers.

use super::error::DbError;
use super::schema::{idempotency_keys, import_batches, responses};
use crate::domain::idempotency::{IdempotencyKey, KEY_LIFETIME_HOURS};
use crate::domain::SurveyResponse;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

/// What the resident (or client) is told about a stored response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub public_id: Uuid,
    pub consultation_id: String,
    pub council_area_code: String,
    pub submitted_at: DateTime<Utc>,
}

/// A new response, or the first result of an earlier submission with the same Idempotency-Key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InsertOutcome {
    Created(StoredResponse),
    Replayed(StoredResponse),
}

#[derive(Insertable)]
#[diesel(table_name = responses)]
struct NewResponse<'a> {
    public_id: Uuid,
    consultation_id: &'a str,
    council_area_code: &'a str,
    postcode_district: Option<&'a str>,
    feel_safe: Option<i16>,
    confidence: Option<i16>,
    concerns: Vec<&'a str>,
    comment: Option<&'a str>,
    age_band: Option<&'a str>,
    sex: Option<&'a str>,
    disability: Option<&'a str>,
    channel: &'a str,
    // `None` lets the database's DEFAULT now() stamp it at insert.
    submitted_at: Option<DateTime<Utc>>,
    import_batch_id: Option<i64>,
}

impl<'a> NewResponse<'a> {
    fn from_domain(r: &'a SurveyResponse, public_id: Uuid, import_batch_id: Option<i64>) -> Self {
        Self {
            public_id,
            consultation_id: r.consultation_id.as_str(),
            council_area_code: r.council_area.as_str(),
            postcode_district: r.postcode_district.as_ref().map(|p| p.as_str()),
            feel_safe: r.feel_safe.map(|v| i16::from(v.get())),
            confidence: r.confidence.map(|v| i16::from(v.get())),
            concerns: r.ranking.concerns().iter().map(|c| c.as_str()).collect(),
            comment: r.comment.as_ref().map(|c| c.as_str()),
            age_band: r.age.map(|a| a.as_str()),
            sex: r.sex.map(|s| s.as_str()),
            disability: r.disability.map(|d| d.as_str()),
            channel: r.channel.as_str(),
            submitted_at: r.submitted_at,
            import_batch_id,
        }
    }
}

fn stored(conn: &mut PgConnection, public_id: Uuid) -> Result<StoredResponse, DbError> {
    let (consultation_id, council_area_code, submitted_at) = responses::table
        .filter(responses::public_id.eq(public_id))
        .select((
            responses::consultation_id,
            responses::council_area_code,
            responses::submitted_at,
        ))
        .first::<(String, String, DateTime<Utc>)>(conn)?;
    Ok(StoredResponse {
        public_id,
        consultation_id,
        council_area_code,
        submitted_at,
    })
}

/// The response first stored with idempotency key `key` in the last [`KEY_LIFETIME_HOURS`], if any.
pub fn stored_with_key(
    conn: &mut PgConnection,
    consultation_id: &str,
    key: &IdempotencyKey,
) -> Result<Option<StoredResponse>, DbError> {
    let expired_before = Utc::now() - chrono::Duration::hours(KEY_LIFETIME_HOURS);
    let found: Option<Uuid> = idempotency_keys::table
        .find((consultation_id, key.key()))
        .filter(idempotency_keys::created_at.ge(expired_before))
        .select(idempotency_keys::response_public_id)
        .first(conn)
        .optional()?;
    found.map(|public_id| stored(conn, public_id)).transpose()
}

/// Stores one response in a single transaction; returns only after commit. With an idempotency key,
/// a second submission with the same key and the same request within [`KEY_LIFETIME_HOURS`]
/// returns the first result, and one with the same key but a different request is
/// `DbError::KeyReused`; an older key is claimed afresh. Concurrent retries are serialised by the
/// key's primary key: the second waits for the first to commit, then replays it.
pub fn insert_response(
    conn: &mut PgConnection,
    response: &SurveyResponse,
    idempotency: Option<&IdempotencyKey>,
) -> Result<InsertOutcome, DbError> {
    let public_id = Uuid::new_v4();
    let Some(key) = idempotency else {
        // One INSERT is atomic on its own: no BEGIN/COMMIT round trips on the hot path.
        return insert_one(conn, response, public_id).map(InsertOutcome::Created);
    };
    conn.transaction(|conn| {
        if !claim_key(conn, response.consultation_id.as_str(), key, public_id)? {
            let (hash, first_id): (String, Uuid) = idempotency_keys::table
                .find((response.consultation_id.as_str(), key.key()))
                .select((idempotency_keys::request_sha256, idempotency_keys::response_public_id))
                .first(conn)?;
            if hash != key.request_sha256() {
                return Err(DbError::KeyReused(format!(
                    "this Idempotency-Key was already used in the last {KEY_LIFETIME_HOURS} hours for a different \
                     response: send each new response with a new key"
                )));
            }
            return Ok(InsertOutcome::Replayed(stored(conn, first_id)?));
        }
        insert_one(conn, response, public_id).map(InsertOutcome::Created)
    })
}

/// Claims `key` for a new response: true when it was free or its earlier use has expired.
fn claim_key(
    conn: &mut PgConnection,
    consultation_id: &str,
    key: &IdempotencyKey,
    public_id: Uuid,
) -> Result<bool, DbError> {
    use diesel::query_dsl::methods::FilterDsl;
    use diesel::upsert::excluded;
    let expired_before = Utc::now() - chrono::Duration::hours(KEY_LIFETIME_HOURS);
    let claimed = diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::consultation_id.eq(consultation_id),
            idempotency_keys::key.eq(key.key()),
            idempotency_keys::request_sha256.eq(key.request_sha256()),
            idempotency_keys::response_public_id.eq(public_id),
        ))
        .on_conflict((idempotency_keys::consultation_id, idempotency_keys::key))
        .do_update()
        .set((
            idempotency_keys::request_sha256.eq(excluded(idempotency_keys::request_sha256)),
            idempotency_keys::response_public_id.eq(excluded(idempotency_keys::response_public_id)),
            idempotency_keys::created_at.eq(diesel::dsl::now),
        ));
    let claimed = FilterDsl::filter(claimed, idempotency_keys::created_at.lt(expired_before)).execute(conn)?;
    Ok(claimed == 1)
}

fn insert_one(conn: &mut PgConnection, response: &SurveyResponse, public_id: Uuid) -> Result<StoredResponse, DbError> {
    let row = NewResponse::from_domain(response, public_id, None);
    let submitted_at: DateTime<Utc> = diesel::insert_into(responses::table)
        .values(&row)
        .returning(responses::submitted_at)
        .get_result(conn)?;
    Ok(StoredResponse {
        public_id,
        consultation_id: response.consultation_id.as_str().to_string(),
        council_area_code: response.council_area.as_str().to_string(),
        submitted_at,
    })
}

/// Rows per multi-row INSERT: 14 columns × 2,000 rows stays well under PostgreSQL's 65,535 parameters.
pub const INSERT_BATCH_ROWS: usize = 2_000;

/// Inserts many responses with multi-row INSERTs on the caller's connection (the caller owns the
/// transaction, so a whole file is all or nothing). Returns the number of rows written.
pub fn insert_many(
    conn: &mut PgConnection,
    rows: &[SurveyResponse],
    import_batch_id: Option<i64>,
) -> Result<usize, DbError> {
    let mut written = 0;
    for chunk in rows.chunks(INSERT_BATCH_ROWS) {
        let new_rows: Vec<NewResponse<'_>> = chunk
            .iter()
            .map(|r| NewResponse::from_domain(r, Uuid::new_v4(), import_batch_id))
            .collect();
        written += diesel::insert_into(responses::table).values(&new_rows).execute(conn)?;
    }
    Ok(written)
}

/// Opens an import batch record; returns its id.
pub fn create_import_batch(conn: &mut PgConnection, consultation_id: &str, source_file: &str) -> Result<i64, DbError> {
    Ok(diesel::insert_into(import_batches::table)
        .values((
            import_batches::consultation_id.eq(consultation_id),
            import_batches::source_file.eq(source_file),
            import_batches::row_count.eq(0i64),
        ))
        .returning(import_batches::id)
        .get_result(conn)?)
}

/// Records how many rows an import batch wrote.
pub fn finish_import_batch(conn: &mut PgConnection, batch_id: i64, row_count: i64) -> Result<(), DbError> {
    diesel::update(import_batches::table.find(batch_id))
        .set(import_batches::row_count.eq(row_count))
        .execute(conn)?;
    Ok(())
}
