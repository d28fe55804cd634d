//! Accepting one resident's response from the web form or the JSON API: the consultation must exist
//! and be open, the answers must parse, and the response is stored in one transaction.

use crate::db::responses::{insert_response, InsertOutcome};
use crate::domain::idempotency::IdempotencyKey;
use crate::domain::{Channel, ConsultationStatus, ResponseInput, SurveyDefinition, SurveyResponse, ValidationErrors};
use crate::error::ApiError;
use crate::state::{status_today, AppState};

/// The consultation, if it exists and is taking responses today.
pub fn open_consultation<'a>(state: &'a AppState, consultation_id: &str) -> Result<&'a SurveyDefinition, ApiError> {
    let definition = state
        .consultations
        .get(consultation_id)
        .ok_or_else(|| ApiError::NotFound(format!("there is no consultation called '{consultation_id}'")))?;
    match status_today(definition) {
        ConsultationStatus::Open => Ok(definition),
        ConsultationStatus::Upcoming => Err(ApiError::NotAccepting(format!(
            "'{}' opens on {}; responses cannot be taken before then",
            definition.title,
            definition.opens.format("%-d %B %Y")
        ))),
        ConsultationStatus::Closed => Err(ApiError::NotAccepting(format!(
            "'{}' closed on {}; it no longer takes responses",
            definition.title,
            definition.closes.format("%-d %B %Y")
        ))),
    }
}

/// Validates and stores a response. Nothing is written unless every answer is valid.
pub async fn submit(
    state: &AppState,
    consultation_id: &str,
    input: &ResponseInput,
    channel: Channel,
    idempotency: Option<IdempotencyKey>,
) -> Result<InsertOutcome, ApiError> {
    submit_checked(
        state,
        consultation_id,
        input,
        ValidationErrors::default(),
        channel,
        idempotency,
    )
    .await
}

/// Like [`submit`], for callers that found problems of their own while reading the request (a
/// wrong JSON type, say): those are reported together with the answers' problems, one per field.
pub async fn submit_checked(
    state: &AppState,
    consultation_id: &str,
    input: &ResponseInput,
    earlier: ValidationErrors,
    channel: Channel,
    idempotency: Option<IdempotencyKey>,
) -> Result<InsertOutcome, ApiError> {
    let definition = open_consultation(state, consultation_id)?;
    let parsed = SurveyResponse::parse(input, definition, &state.geography, channel, None);
    let response = match parsed {
        Ok(response) if earlier.is_empty() => response,
        Ok(_) => return Err(ApiError::Validation(earlier)),
        Err(found) => {
            let mut all = earlier;
            let later: Vec<_> = found
                .errors
                .into_iter()
                .filter(|e| all.for_field(&e.field).is_none())
                .collect();
            all.errors.extend(later);
            return Err(ApiError::Validation(all));
        }
    };
    let outcome = crate::db::run(&state.pool, move |conn| {
        insert_response(conn, &response, idempotency.as_ref())
    })
    .await?;
    Ok(outcome)
}
