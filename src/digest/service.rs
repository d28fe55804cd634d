//! `DigestService`: the digest use cases that the pages, the CLI and `serve`'s timer call.
//! Subscribing, confirming and unsubscribing are here; building digests is in [`super::build`],
//! sending the outbox in [`super::sender`], importing contacts in [`super::contacts`].

use super::mailer::{new_message_id, Mailer};
use super::render;
use super::settings::MailSettings;
use super::sign_up::{FieldError, SignUp};
use super::tokens::{hash_token, ConfirmToken, DigestKeys};
use crate::db::digests::{self, ConfirmOutcome, NewSubscription, SignUpOutcome};
use crate::db::outbox::NewEmail;
use crate::db::{DbError, DbPool};
use crate::domain::population::PopulationMargins;
use crate::domain::{Consultations, Geography};
use crate::results::ResultsService;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// How long a confirmation link works.
pub const CONFIRM_HOURS: i64 = 48;

#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("the form has problems")]
    Invalid(Vec<FieldError>),
    #[error("could not write the email: {0}")]
    Render(#[from] askama::Error),
    #[error("results: {0}")]
    Results(#[from] crate::results::ResultsError),
    #[error("{0}")]
    Task(String),
}

pub struct DigestService {
    pub(super) pool: DbPool,
    pub(super) results: Arc<ResultsService>,
    pub(super) consultations: Arc<Consultations>,
    pub(super) geography: Arc<Geography>,
    pub(super) population: Arc<PopulationMargins>,
    pub(super) keys: DigestKeys,
    pub(super) settings: MailSettings,
    pub(super) mailer: Arc<Mailer>,
    pub(super) pacing: super::sender::Pacing,
    /// Wakes the background sender (`serve`) when an email is queued, so a confirmation goes at
    /// once rather than at the next timer tick. Sending stays on the sender's own task and
    /// runtime: the SMTP connection pool is never shared between the server's worker runtimes.
    wake: tokio::sync::Notify,
}

/// What an unsubscribe link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsubscribed {
    /// The subscription and its address were deleted now.
    Now,
    /// There was nothing to delete (unsubscribed before).
    Already,
}

impl DigestService {
    pub fn new(
        pool: DbPool,
        results: Arc<ResultsService>,
        consultations: Arc<Consultations>,
        geography: Arc<Geography>,
        population: Arc<PopulationMargins>,
        keys: DigestKeys,
        settings: MailSettings,
    ) -> Result<Self, String> {
        let mailer = Arc::new(Mailer::new(&settings)?);
        let pacing = super::sender::Pacing::new(settings.per_domain_per_second);
        Ok(Self {
            pacing,
            wake: tokio::sync::Notify::new(),
            pool,
            results,
            consultations,
            geography,
            population,
            keys,
            settings,
            mailer,
        })
    }

    pub fn settings(&self) -> &MailSettings {
        &self.settings
    }

    /// Stores a pending subscription and queues its confirmation email, in one transaction.
    /// Asking again for an address and area that are already confirmed changes and sends nothing
    /// (and the page says the same either way, so the form does not reveal who subscribed).
    pub async fn sign_up(&self, sign_up: SignUp, source: &'static str) -> Result<SignUpOutcome, DigestError> {
        let (subscription, token, email) = self.pending(&sign_up, source)?;
        let expires = Utc::now() + chrono::Duration::hours(CONFIRM_HOURS);
        let outcome = crate::db::run(&self.pool, move |conn| {
            digests::sign_up(conn, &subscription, &token.hash, expires, &email)
        })
        .await?;
        Ok(outcome)
    }

    /// The subscription row, a fresh token and the confirmation email of `sign_up`.
    pub(super) fn pending(
        &self,
        sign_up: &SignUp,
        source: &'static str,
    ) -> Result<(NewSubscription, ConfirmToken, NewEmail), DigestError> {
        let token = ConfirmToken::generate();
        let confirm_url = format!("{}/digests/confirm/{}", self.settings.public_url, token.text);
        let rendered = render::confirmation(
            &sign_up.area.name,
            sign_up.community_council.as_deref(),
            sign_up.frequency.describe(),
            &confirm_url,
        )?;
        let subscription = NewSubscription {
            email: sign_up.email.as_str().to_string(),
            email_hash: self.keys.email_hash(&sign_up.email.normalised()),
            council_area_code: sign_up.area.code.as_str().to_string(),
            community_council: sign_up.community_council.clone(),
            postcode_districts: sign_up.districts.iter().map(|d| d.as_str().to_string()).collect(),
            frequency: sign_up.frequency.as_str(),
            source,
        };
        let email = NewEmail {
            kind: "confirmation",
            digest_of: None,
            recipient: sign_up.email.as_str().to_string(),
            message_id: new_message_id("confirm", &self.settings.sender_domain()),
            subject: rendered.subject,
            body_text: rendered.text,
            body_html: rendered.html,
            unsubscribe_url: None,
        };
        Ok((subscription, token, email))
    }

    /// Asks the background sender to send the outbox now (a wake-up is kept if it is busy).
    pub fn wake_sender(&self) {
        self.wake.notify_one();
    }

    /// Resolves when [`Self::wake_sender`] was called.
    pub async fn woken(&self) {
        self.wake.notified().await;
    }

    /// Follows a confirmation link.
    pub async fn confirm(&self, token: &str, now: DateTime<Utc>) -> Result<ConfirmOutcome, DigestError> {
        if token.len() > 100 {
            return Ok(ConfirmOutcome::Unknown);
        }
        let hash = hash_token(token);
        Ok(crate::db::run(&self.pool, move |conn| digests::confirm(conn, &hash, now)).await?)
    }

    /// Whether `token` is one of our unsubscribe links (checked before showing its page).
    pub fn unsubscribe_link_is_ours(&self, token: &str) -> bool {
        self.keys.verify_unsubscribe(token).is_some()
    }

    /// Follows an unsubscribe link: deletes the subscription and its address at once. `None` for
    /// a link that is not ours.
    pub async fn unsubscribe(&self, token: &str) -> Result<Option<Unsubscribed>, DigestError> {
        let Some(id) = self.keys.verify_unsubscribe(token) else {
            return Ok(None);
        };
        let deleted = crate::db::run(&self.pool, move |conn| digests::unsubscribe(conn, id)).await?;
        Ok(Some(if deleted {
            Unsubscribed::Now
        } else {
            Unsubscribed::Already
        }))
    }

    /// The imported community councils (area code, name), for the sign-up page's suggestions.
    pub async fn community_councils(&self) -> Result<Vec<(String, String)>, DigestError> {
        Ok(crate::db::run(&self.pool, digests::community_councils).await?)
    }

    /// The link to a subscription's unsubscribe page.
    pub fn unsubscribe_url(&self, subscription_id: i64) -> String {
        format!(
            "{}/digests/unsubscribe/{}",
            self.settings.public_url,
            self.keys.unsubscribe_token(subscription_id)
        )
    }
}
