//! Accepting one resident's response from the web form or the JSON API: the consultation must exist
//! and be open (by the UK date), the answers must parse, and the response is stored in one
//! transaction. The web form's single-use token (`crate::domain::form_token`) makes every resend
//! of one form store one response, and lets the service say truthfully whether a form whose reply
//! was lost had been saved. A web form that looks automated (`crate::domain::automated`) is
//! refused, counted by consultation, area, reason and day, and never stored.

use crate::db::automated_refusals::record_refusal;
use crate::db::responses::{insert_response, stored_with_key, InsertOutcome, StoredResponse};
use crate::db::{DbError, DbPool};
use crate::domain::automated::{automated_reason, AutomatedReason};
use crate::domain::form_token::{FormKey, FormToken};
use crate::domain::idempotency::IdempotencyKey;
use crate::domain::{
    Channel, ConsultationStatus, Consultations, Geography, ResponseInput, SurveyDefinition, SurveyResponse,
    ValidationErrors,
};
use chrono::Utc;
use std::sync::Arc;
use std::time::Duration;

/// Why a response was not stored.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("there is no consultation called '{0}'")]
    NotFound(String),
    /// Not yet open, or closed.
    #[error("{message}")]
    NotAccepting {
        message: String,
        status: ConsultationStatus,
    },
    /// Answers that need correcting, by field.
    #[error("{0}")]
    Invalid(ValidationErrors),
    /// A survey form without a token this service signed for the consultation.
    #[error("the form was not one this service served for this consultation")]
    FormNotRecognised,
    /// A survey form that looks sent by a script (see `crate::domain::automated`); nothing stored.
    #[error("the form looked automated ({})", .0.as_str())]
    Automated(AutomatedReason),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The consultations, the geography answers are checked against, and the pool responses go to.
#[derive(Debug)]
pub struct SubmissionService {
    pool: DbPool,
    geography: Arc<Geography>,
    consultations: Arc<Consultations>,
    form_key: FormKey,
    /// Fewest seconds between serving a survey form and its being sent (zero: no minimum).
    form_min_time: Duration,
}

impl SubmissionService {
    pub fn new(
        pool: DbPool,
        geography: Arc<Geography>,
        consultations: Arc<Consultations>,
        form_key: FormKey,
        form_min_time: Duration,
    ) -> Self {
        Self {
            pool,
            geography,
            consultations,
            form_key,
            form_min_time,
        }
    }

    /// The consultation, if it exists and is taking responses now.
    pub fn open_consultation(&self, consultation_id: &str) -> Result<&SurveyDefinition, SubmitError> {
        let definition = self
            .consultations
            .get(consultation_id)
            .ok_or_else(|| SubmitError::NotFound(consultation_id.to_string()))?;
        let uk = |d: chrono::NaiveDate| d.format("%-d %B %Y").to_string();
        match definition.status_at(Utc::now()) {
            ConsultationStatus::Open => Ok(definition),
            status @ ConsultationStatus::Upcoming => Err(SubmitError::NotAccepting {
                message: format!(
                    "'{}' opens on {}; responses cannot be taken before then",
                    definition.title,
                    uk(definition.opens)
                ),
                status,
            }),
            status @ ConsultationStatus::Closed => Err(SubmitError::NotAccepting {
                message: format!(
                    "'{}' closed on {}; it no longer takes responses",
                    definition.title,
                    uk(definition.closes)
                ),
                status,
            }),
        }
    }

    /// A new token for a survey form of `consultation_id`.
    pub fn issue_form_token(&self, consultation_id: &str) -> FormToken {
        self.form_key.issue(consultation_id, Utc::now())
    }

    /// The token of a submitted survey form, if this service signed it for the consultation.
    pub fn verify_form_token(&self, consultation_id: &str, raw: Option<&str>) -> Option<FormToken> {
        raw.and_then(|raw| self.form_key.verify(consultation_id, raw))
    }

    /// Validates and stores a response. `earlier` are problems the caller found while reading the
    /// request (a wrong JSON type, say), reported together with the answers' own, one per field.
    /// Nothing is written unless every answer is valid.
    pub async fn submit(
        &self,
        consultation_id: &str,
        input: &ResponseInput,
        earlier: ValidationErrors,
        channel: Channel,
        idempotency: Option<IdempotencyKey>,
    ) -> Result<InsertOutcome, SubmitError> {
        let response = self.check(consultation_id, input, earlier, channel)?;
        self.store(response, idempotency).await
    }

    /// Stores the answers of a survey form sent with `token` (see [`Self::verify_form_token`]):
    /// every resend of the same form gives the first stored response. Answers are checked first,
    /// so a form without a valid token still gets its answers' problems; a valid form without a
    /// valid token is `FormNotRecognised` and nothing is stored. A valid form whose `honeypot`
    /// field was filled, or sent back too soon, is `Automated`, counted and not stored.
    pub async fn submit_form(
        &self,
        consultation_id: &str,
        input: &ResponseInput,
        token: Option<&FormToken>,
        honeypot: Option<&str>,
    ) -> Result<InsertOutcome, SubmitError> {
        let response = self.check(consultation_id, input, ValidationErrors::default(), Channel::Web)?;
        let token = token.ok_or(SubmitError::FormNotRecognised)?;
        let now = Utc::now();
        if let Some(reason) = automated_reason(honeypot, token, now, self.form_min_time) {
            self.count_refusal(&response, reason, now.date_naive()).await;
            return Err(SubmitError::Automated(reason));
        }
        self.store(response, Some(IdempotencyKey::for_form(token.nonce())))
            .await
    }

    fn check(
        &self,
        consultation_id: &str,
        input: &ResponseInput,
        earlier: ValidationErrors,
        channel: Channel,
    ) -> Result<SurveyResponse, SubmitError> {
        let definition = self.open_consultation(consultation_id)?;
        match SurveyResponse::parse(input, definition, &self.geography, channel, None) {
            Ok(response) if earlier.is_empty() => Ok(response),
            Ok(_) => Err(SubmitError::Invalid(earlier)),
            Err(found) => {
                let mut all = earlier;
                let later: Vec<_> = found
                    .errors
                    .into_iter()
                    .filter(|e| all.for_field(&e.field).is_none())
                    .collect();
                all.errors.extend(later);
                Err(SubmitError::Invalid(all))
            }
        }
    }

    /// Counts a refused form; a count that cannot be written is logged, and the form still refused.
    async fn count_refusal(&self, response: &SurveyResponse, reason: AutomatedReason, day: chrono::NaiveDate) {
        let id = response.consultation_id.as_str().to_string();
        let area = response.council_area.as_str().to_string();
        let counted = crate::db::run(&self.pool, move |conn| record_refusal(conn, &id, &area, reason, day)).await;
        match counted {
            Ok(()) => tracing::info!(reason = reason.as_str(), "survey form refused as automated"),
            Err(error) => {
                tracing::warn!(%error, reason = reason.as_str(), "survey form refused as automated; not counted")
            }
        }
    }

    async fn store(
        &self,
        response: SurveyResponse,
        idempotency: Option<IdempotencyKey>,
    ) -> Result<InsertOutcome, SubmitError> {
        let outcome = crate::db::run(&self.pool, move |conn| {
            insert_response(conn, &response, idempotency.as_ref())
        })
        .await?;
        Ok(outcome)
    }

    /// The response a survey form with `token` was stored as, if it was.
    pub async fn saved_form(
        &self,
        consultation_id: &str,
        token: &FormToken,
    ) -> Result<Option<StoredResponse>, SubmitError> {
        let (id, key) = (consultation_id.to_string(), IdempotencyKey::for_form(token.nonce()));
        Ok(crate::db::run(&self.pool, move |conn| stored_with_key(conn, &id, &key)).await?)
    }
}
