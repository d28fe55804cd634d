//! Digest subscriptions, the community councils analysts imported, and the keyed hashes of
//! addresses that unsubscribed (see the migration `2026-12-04-000009_digests`).

use super::error::DbError;
use super::outbox::{insert_email, NewEmail};
use super::schema::{community_councils, digest_subscriptions, digest_unsubscribed, responses};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// A subscription as asked for (on the sign-up page or by import), before confirmation.
#[derive(Debug, Clone)]
pub struct NewSubscription {
    pub email: String,
    pub email_hash: Vec<u8>,
    pub council_area_code: String,
    pub community_council: Option<String>,
    pub postcode_districts: Vec<String>,
    pub frequency: &'static str,
    pub source: &'static str,
}

/// A row of `digest_subscriptions` as inserted.
#[derive(Insertable)]
#[diesel(table_name = digest_subscriptions)]
struct SubscriptionRow<'a> {
    email: &'a str,
    email_hash: &'a [u8],
    council_area_code: &'a str,
    community_council: Option<&'a str>,
    postcode_districts: &'a [String],
    frequency: &'a str,
    source: &'a str,
    confirm_token_hash: Option<&'a [u8]>,
    confirm_expires_at: Option<DateTime<Utc>>,
    confirmed_at: Option<DateTime<Utc>>,
}

impl NewSubscription {
    fn row<'a>(
        &'a self,
        token: Option<(&'a [u8], DateTime<Utc>)>,
        confirmed_at: Option<DateTime<Utc>>,
    ) -> SubscriptionRow<'a> {
        SubscriptionRow {
            email: &self.email,
            email_hash: &self.email_hash,
            council_area_code: &self.council_area_code,
            community_council: self.community_council.as_deref(),
            postcode_districts: &self.postcode_districts,
            frequency: self.frequency,
            source: self.source,
            confirm_token_hash: token.map(|(hash, _)| hash),
            confirm_expires_at: token.map(|(_, expires)| expires),
            confirmed_at,
        }
    }
}

/// What became of a sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUpOutcome {
    /// Stored (or refreshed) as pending, and its confirmation email queued.
    ConfirmationQueued,
    /// The address already has a confirmed subscription for the area: nothing changed or sent.
    AlreadyConfirmed,
}

/// Stores `subscription` as pending with a fresh confirmation token and queues `email` (the
/// confirmation message) in the same transaction. Signing up again while pending replaces the
/// token, so only the newest link works.
pub fn sign_up(
    conn: &mut PgConnection,
    subscription: &NewSubscription,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
    email: &NewEmail,
) -> Result<SignUpOutcome, DbError> {
    conn.transaction(|conn| {
        let existing: Option<(i64, Option<DateTime<Utc>>)> = digest_subscriptions::table
            .filter(digest_subscriptions::email_hash.eq(&subscription.email_hash))
            .filter(digest_subscriptions::council_area_code.eq(&subscription.council_area_code))
            .select((digest_subscriptions::id, digest_subscriptions::confirmed_at))
            .for_update()
            .first(conn)
            .optional()?;
        let id = match existing {
            Some((_, Some(_))) => return Ok(SignUpOutcome::AlreadyConfirmed),
            Some((id, None)) => diesel::update(digest_subscriptions::table.find(id))
                .set((
                    digest_subscriptions::email.eq(&subscription.email),
                    digest_subscriptions::community_council.eq(&subscription.community_council),
                    digest_subscriptions::postcode_districts.eq(&subscription.postcode_districts),
                    digest_subscriptions::frequency.eq(subscription.frequency),
                    digest_subscriptions::confirm_token_hash.eq(token_hash),
                    digest_subscriptions::confirm_expires_at.eq(expires_at),
                ))
                .returning(digest_subscriptions::id)
                .get_result(conn)?,
            None => diesel::insert_into(digest_subscriptions::table)
                .values(subscription.row(Some((token_hash, expires_at)), None))
                .returning(digest_subscriptions::id)
                .get_result(conn)?,
        };
        insert_email(conn, id, email)?;
        Ok(SignUpOutcome::ConfirmationQueued)
    })
}

/// What following a confirmation link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmOutcome {
    Confirmed {
        council_area_code: String,
        frequency: String,
    },
    /// The token was right but more than 48 hours old.
    Expired,
    /// No pending subscription has this token (never issued, or used already).
    Unknown,
}

/// Confirms the pending subscription whose token hashes to `token_hash`, if it has not expired.
/// The token is cleared, so the link works once. Confirming lifts an earlier unsubscription of the
/// same address: the person has asked again, in person.
pub fn confirm(conn: &mut PgConnection, token_hash: &[u8], now: DateTime<Utc>) -> Result<ConfirmOutcome, DbError> {
    conn.transaction(|conn| {
        let confirmed: Option<(String, String, Vec<u8>)> = diesel::update(
            digest_subscriptions::table
                .filter(digest_subscriptions::confirm_token_hash.eq(token_hash))
                .filter(digest_subscriptions::confirm_expires_at.gt(now)),
        )
        .set((
            digest_subscriptions::confirmed_at.eq(now),
            digest_subscriptions::confirm_token_hash.eq(None::<Vec<u8>>),
            digest_subscriptions::confirm_expires_at.eq(None::<DateTime<Utc>>),
        ))
        .returning((
            digest_subscriptions::council_area_code,
            digest_subscriptions::frequency,
            digest_subscriptions::email_hash,
        ))
        .get_result(conn)
        .optional()?;
        if let Some((council_area_code, frequency, email_hash)) = confirmed {
            diesel::delete(digest_unsubscribed::table.find(email_hash)).execute(conn)?;
            return Ok(ConfirmOutcome::Confirmed {
                council_area_code,
                frequency,
            });
        }
        let expired = diesel::select(diesel::dsl::exists(
            digest_subscriptions::table.filter(digest_subscriptions::confirm_token_hash.eq(token_hash)),
        ))
        .get_result::<bool>(conn)?;
        Ok(if expired {
            ConfirmOutcome::Expired
        } else {
            ConfirmOutcome::Unknown
        })
    })
}

/// Deletes subscription `id` (its address and, by cascade, every email to it) and remembers the
/// address's keyed hash. `false` when there was no such subscription (already unsubscribed).
pub fn unsubscribe(conn: &mut PgConnection, id: i64) -> Result<bool, DbError> {
    conn.transaction(|conn| {
        let hash: Option<Vec<u8>> = diesel::delete(digest_subscriptions::table.find(id))
            .returning(digest_subscriptions::email_hash)
            .get_result(conn)
            .optional()?;
        let Some(hash) = hash else { return Ok(false) };
        diesel::insert_into(digest_unsubscribed::table)
            .values(digest_unsubscribed::email_hash.eq(hash))
            .on_conflict_do_nothing()
            .execute(conn)?;
        Ok(true)
    })
}

/// Whether the address with this keyed hash unsubscribed.
pub fn is_unsubscribed(conn: &mut PgConnection, email_hash: &[u8]) -> Result<bool, DbError> {
    Ok(diesel::select(diesel::dsl::exists(digest_unsubscribed::table.find(email_hash))).get_result(conn)?)
}

/// Deletes subscriptions never confirmed whose link expired: an address is not kept for a
/// subscription that never began.
pub fn purge_unconfirmed(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<usize, DbError> {
    Ok(diesel::delete(
        digest_subscriptions::table
            .filter(digest_subscriptions::confirmed_at.is_null())
            .filter(digest_subscriptions::confirm_expires_at.lt(now)),
    )
    .execute(conn)?)
}

/// Records a community council from an import (or leaves it as it is).
pub fn upsert_community_council(
    conn: &mut PgConnection,
    council_area_code: &str,
    name: &str,
    url: Option<&str>,
) -> Result<(), DbError> {
    diesel::insert_into(community_councils::table)
        .values((
            community_councils::council_area_code.eq(council_area_code),
            community_councils::name.eq(name),
            community_councils::url.eq(url),
        ))
        .on_conflict((community_councils::council_area_code, community_councils::name))
        .do_update()
        .set(community_councils::url.eq(url))
        .execute(conn)?;
    Ok(())
}

/// Every imported community council: (council area code, name), by area and name.
pub fn community_councils(conn: &mut PgConnection) -> Result<Vec<(String, String)>, DbError> {
    Ok(community_councils::table
        .select((community_councils::council_area_code, community_councils::name))
        .order((community_councils::council_area_code, community_councils::name))
        .load(conn)?)
}

/// A confirmed subscription, as the digest builder needs it.
#[derive(Debug, Clone, Queryable)]
pub struct ConfirmedSubscription {
    pub id: i64,
    pub email: String,
    pub council_area_code: String,
    pub community_council: Option<String>,
    pub postcode_districts: Vec<String>,
    pub frequency: String,
    pub confirmed_at: Option<DateTime<Utc>>,
}

pub fn confirmed_subscriptions(conn: &mut PgConnection) -> Result<Vec<ConfirmedSubscription>, DbError> {
    Ok(digest_subscriptions::table
        .filter(digest_subscriptions::confirmed_at.is_not_null())
        .select((
            digest_subscriptions::id,
            digest_subscriptions::email,
            digest_subscriptions::council_area_code,
            digest_subscriptions::community_council,
            digest_subscriptions::postcode_districts,
            digest_subscriptions::frequency,
            digest_subscriptions::confirmed_at,
        ))
        .order(digest_subscriptions::id)
        .load(conn)?)
}

/// Responses to `consultation_id` from `council_area_code` in the given postcode districts (only
/// those released to the public with `released_only`).
pub fn responses_in_districts(
    conn: &mut PgConnection,
    consultation_id: &str,
    council_area_code: &str,
    districts: &[String],
    released_only: bool,
) -> Result<i64, DbError> {
    let mut query = responses::table
        .filter(responses::consultation_id.eq(consultation_id))
        .filter(responses::council_area_code.eq(council_area_code))
        .filter(responses::postcode_district.eq_any(districts))
        .into_boxed();
    if released_only {
        query = query.filter(responses::released_in.is_not_null());
    }
    Ok(query.count().get_result(conn)?)
}

/// Responses to `consultation_id` per council area that the public may see (released by a
/// snapshot): what the digests count, as the public results do.
pub fn released_counts(conn: &mut PgConnection, consultation_id: &str) -> Result<Vec<(String, i64)>, DbError> {
    Ok(responses::table
        .filter(responses::consultation_id.eq(consultation_id))
        .filter(responses::released_in.is_not_null())
        .group_by(responses::council_area_code)
        .select((responses::council_area_code, diesel::dsl::count_star()))
        .load(conn)?)
}

/// Stores `subscription` as already confirmed (the demo's example community councils, whose
/// addresses are at example.org and never receive anything). Nothing changes if it exists.
pub fn insert_confirmed(conn: &mut PgConnection, subscription: &NewSubscription) -> Result<(), DbError> {
    diesel::insert_into(digest_subscriptions::table)
        .values(subscription.row(None, Some(Utc::now())))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(())
}
