//! The outbox: emails waiting to be sent, written in the same transaction as what caused them, and
//! claimed by senders with `FOR UPDATE SKIP LOCKED` and a lease, so that several instances can
//! send without two of them sending the same row at once.

use super::error::DbError;
use super::schema::outbox;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text, Timestamptz};
use std::time::Duration;

/// An email to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    pub kind: &'static str,
    /// For digests: the consultation and period (at most one digest per subscription for each).
    pub digest_of: Option<(String, String)>,
    pub recipient: String,
    pub message_id: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub unsubscribe_url: Option<String>,
}

/// Queues `email` for subscription `subscription_id`. `false` when a digest for the same
/// consultation and period was queued already (nothing is written).
pub fn insert_email(conn: &mut PgConnection, subscription_id: i64, email: &NewEmail) -> Result<bool, DbError> {
    let (consultation, period) = match &email.digest_of {
        Some((c, p)) => (Some(c.as_str()), Some(p.as_str())),
        None => (None, None),
    };
    let inserted = diesel::insert_into(outbox::table)
        .values((
            outbox::kind.eq(email.kind),
            outbox::subscription_id.eq(subscription_id),
            outbox::consultation_id.eq(consultation),
            outbox::period.eq(period),
            outbox::recipient.eq(&email.recipient),
            outbox::message_id.eq(&email.message_id),
            outbox::subject.eq(&email.subject),
            outbox::body_text.eq(&email.body_text),
            outbox::body_html.eq(&email.body_html),
            outbox::unsubscribe_url.eq(&email.unsubscribe_url),
        ))
        .on_conflict((outbox::subscription_id, outbox::consultation_id, outbox::period))
        .do_nothing()
        .execute(conn)?;
    Ok(inserted == 1)
}

/// Queues many emails in one transaction; how many were new (the rest were queued already).
pub fn insert_emails(conn: &mut PgConnection, emails: &[(i64, NewEmail)]) -> Result<usize, DbError> {
    conn.transaction(|conn| {
        let mut inserted = 0;
        for (subscription_id, email) in emails {
            inserted += usize::from(insert_email(conn, *subscription_id, email)?);
        }
        Ok(inserted)
    })
}

/// A digest queued or sent: its subscription, consultation and period.
pub type DigestKey = (i64, String, String);

/// The key of every digest queued or sent for one of `periods` (the periods due now: the table
/// keeps every digest ever sent, and only these matter).
pub fn digest_keys(conn: &mut PgConnection, periods: &[String]) -> Result<Vec<DigestKey>, DbError> {
    let rows: Vec<(i64, Option<String>, Option<String>)> = outbox::table
        .filter(outbox::kind.eq("digest"))
        .filter(outbox::period.eq_any(periods))
        .select((outbox::subscription_id, outbox::consultation_id, outbox::period))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(s, c, p)| Some((s, c?, p?))).collect())
}

/// A claimed email, ready to send.
#[derive(Debug, Clone, QueryableByName)]
pub struct ClaimedEmail {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub recipient: String,
    #[diesel(sql_type = Text)]
    pub message_id: String,
    #[diesel(sql_type = Text)]
    pub subject: String,
    #[diesel(sql_type = Text)]
    pub body_text: String,
    #[diesel(sql_type = Text)]
    pub body_html: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub unsubscribe_url: Option<String>,
    #[diesel(sql_type = Integer)]
    pub attempts: i32,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
}

/// Claims up to `limit` due emails for `lease`: nobody else claims them until it ends, and each
/// claim counts as an attempt. Rows another sender is claiming at this moment are skipped.
pub fn claim(conn: &mut PgConnection, limit: i64, lease: Duration) -> Result<Vec<ClaimedEmail>, DbError> {
    let lease_ms = i64::try_from(lease.as_millis()).unwrap_or(i64::MAX);
    Ok(diesel::sql_query(
        "UPDATE outbox SET locked_until = now() + $2 * interval '1 millisecond', attempts = attempts + 1 \
         WHERE id IN ( \
           SELECT id FROM outbox \
           WHERE status = 'pending' AND next_attempt_at <= now() \
             AND (locked_until IS NULL OR locked_until < now()) \
           ORDER BY next_attempt_at, id LIMIT $1 \
           FOR UPDATE SKIP LOCKED) \
         RETURNING id, recipient, message_id, subject, body_text, body_html, unsubscribe_url, attempts, created_at",
    )
    .bind::<BigInt, _>(limit)
    .bind::<BigInt, _>(lease_ms)
    .load(conn)?)
}

/// The server took these messages (250).
pub fn mark_sent(conn: &mut PgConnection, ids: &[i64]) -> Result<(), DbError> {
    diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
        .set((
            outbox::status.eq("sent"),
            outbox::sent_at.eq(diesel::dsl::now),
            outbox::locked_until.eq(None::<DateTime<Utc>>),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// A transient failure: try again after `delay`.
pub fn mark_retry(conn: &mut PgConnection, id: i64, delay: Duration, error: &str) -> Result<(), DbError> {
    let at = Utc::now() + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(6));
    diesel::update(outbox::table.find(id))
        .set((
            outbox::next_attempt_at.eq(at),
            outbox::locked_until.eq(None::<DateTime<Utc>>),
            outbox::last_error.eq(truncate(error)),
        ))
        .execute(conn)?;
    Ok(())
}

/// A permanent failure (5xx, or too many attempts): never tried again.
pub fn mark_failed(conn: &mut PgConnection, id: i64, error: &str) -> Result<(), DbError> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq("failed"),
            outbox::locked_until.eq(None::<DateTime<Utc>>),
            outbox::last_error.eq(truncate(error)),
        ))
        .execute(conn)?;
    Ok(())
}

fn truncate(error: &str) -> String {
    error.chars().take(1000).collect()
}
