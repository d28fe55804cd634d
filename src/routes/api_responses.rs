//! `POST /api/v1/consultations/{id}/responses`: one response as JSON. `201` only after commit;
//! an `Idempotency-Key` header makes retries safe. A client over its rate limit gets `429` with
//! `Retry-After` (see `super::throttle`).

use crate::db::responses::{InsertOutcome, StoredResponse};
use crate::domain::idempotency::IdempotencyKey;
use crate::domain::{AnswerField, Channel, ResponseInput, ValidationErrors};
use crate::error::{ApiError, Problem, IDEMPOTENCY_KEY_FIELD};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

#[cfg(test)]
#[path = "api_responses_props.rs"]
mod props;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/consultations/{id}/responses", web::post().to(create));
}

/// The JSON body. Answers are taken as any JSON value so that a wrong type is reported against its
/// field ("feel_safe: must be a whole number from 1 to 5") rather than as a parse failure. The
/// schema states what a valid answer looks like; the consultation's definition
/// (`GET /api/v1/consultations/{id}`) lists the options.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = Response)]
pub struct ResponseDto {
    /// GSS code (S12000036) or name of the council area the resident lives in. Required.
    #[serde(default)]
    #[schema(value_type = String, example = "S12000036")]
    council_area: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "EH12")]
    postcode_district: Value,
    /// How safe the resident feels, 1 (very unsafe) to 5 (very safe).
    #[serde(default)]
    #[schema(value_type = Option<u8>, minimum = 1, maximum = 5)]
    feel_safe: Value,
    /// Confidence in the police locally, 1 to 5.
    #[serde(default)]
    #[schema(value_type = Option<u8>, minimum = 1, maximum = 5)]
    confidence: Value,
    /// Concern ids in rank order, most important first; no repeats, at most the consultation's
    /// `max_ranked`. At least one is required.
    #[serde(default)]
    #[schema(value_type = Vec<String>, example = json!(["drug_dealing", "speeding"]))]
    concerns: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    comment: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "35-44")]
    age_band: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "F")]
    sex: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "no")]
    disability: Value,
}

fn scalar(field: AnswerField, value: &Value, errors: &mut ValidationErrors) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(_) | Value::Array(_) | Value::Object(_) => {
            errors.push(field.as_str(), "must be a string or a number");
            None
        }
    }
}

impl ResponseDto {
    /// The answers as text, and any answers of a JSON type no question takes.
    fn to_input(&self) -> (ResponseInput, ValidationErrors) {
        let mut errors = ValidationErrors::default();
        let concerns = match &self.concerns {
            Value::Null => Vec::new(),
            Value::Array(items) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Some(s.clone()),
                    Value::Null => None,
                    _ => {
                        errors.push(
                            AnswerField::Concerns.as_str(),
                            "must be a list of concern ids (strings) in rank order",
                        );
                        None
                    }
                })
                .collect(),
            _ => {
                errors.push(
                    AnswerField::Concerns.as_str(),
                    "must be a list of concern ids in rank order, like [\"drug_dealing\", \"speeding\"]",
                );
                Vec::new()
            }
        };
        let input = ResponseInput {
            council_area: scalar(AnswerField::CouncilArea, &self.council_area, &mut errors),
            postcode_district: scalar(AnswerField::PostcodeDistrict, &self.postcode_district, &mut errors),
            feel_safe: scalar(AnswerField::FeelSafe, &self.feel_safe, &mut errors),
            confidence: scalar(AnswerField::Confidence, &self.confidence, &mut errors),
            concerns,
            comment: scalar(AnswerField::Comment, &self.comment, &mut errors),
            age_band: scalar(AnswerField::AgeBand, &self.age_band, &mut errors),
            sex: scalar(AnswerField::Sex, &self.sex, &mut errors),
            disability: scalar(AnswerField::Disability, &self.disability, &mut errors),
        };
        (input, errors)
    }
}

fn idempotency_key(req: &HttpRequest, body: &ResponseDto) -> Result<Option<IdempotencyKey>, ApiError> {
    let Some(raw) = req.headers().get(IDEMPOTENCY_KEY_FIELD) else {
        return Ok(None);
    };
    let canonical = serde_json::to_vec(body).map_err(|e| ApiError::Internal(e.to_string()))?;
    let raw = raw.to_str().unwrap_or("\u{fffd}");
    IdempotencyKey::parse(raw, hex::encode(Sha256::digest(canonical)))
        .map(Some)
        .map_err(ApiError::BadRequest)
}

/// A stored response.
#[derive(Serialize, ToSchema)]
pub struct Created<'a> {
    id: uuid::Uuid,
    consultation: &'a str,
    council_area: &'a str,
    submitted_at: chrono::DateTime<chrono::Utc>,
}

/// Submit one resident's response. `201` only after it is committed. With an `Idempotency-Key`
/// a retry of the same request (e.g. after a timeout or a 503) returns the first result instead
/// of storing it twice.
#[utoipa::path(
    post,
    path = "/api/v1/consultations/{id}/responses",
    tag = "responses",
    params(
        ("id" = String, Path, description = "The consultation's id", example = "your-police-2026"),
        ("Idempotency-Key" = Option<String>, Header, pattern = "^[A-Za-z0-9_-]{22,255}$",
            description = "A random UUID, or a random string of 22 to 255 letters, digits, - and _ (not mostly \
                one character); a new one for each new response")
    ),
    request_body = ResponseDto,
    responses(
        (status = 201, body = Created, headers(
            ("Idempotent-Replayed" = String, description = "`true` when this repeats an earlier result"))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json",
            description = "The consultation is not taking responses"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json",
            description = "Too many responses from this client (LOCALVOICE_SUBMIT_RATE_PER_MINUTE)",
            headers(("Retry-After" = String))),
        (status = 503, body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = String)))
    )
)]
pub(crate) async fn create(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Json<ResponseDto>,
) -> Result<HttpResponse, ApiError> {
    super::throttle::check_submission_rate(&state, &req).map_err(|throttled| ApiError::TooManyRequests {
        detail: format!(
            "too many responses have been sent from this connection in a short time; please wait {} seconds",
            throttled.retry_after_seconds()
        ),
        retry_after_seconds: throttled.retry_after_seconds(),
    })?;
    let consultation_id = path.into_inner();
    let (input, type_errors) = body.to_input();
    let idempotency = idempotency_key(&req, &body)?;
    let outcome = state
        .submissions
        .submit(&consultation_id, &input, type_errors, Channel::Api, idempotency)
        .await?;
    let (stored, replayed): (StoredResponse, bool) = match outcome {
        InsertOutcome::Created(s) => (s, false),
        InsertOutcome::Replayed(s) => (s, true),
    };
    let mut response = HttpResponse::Created();
    if replayed {
        response.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(response.json(Created {
        id: stored.public_id,
        consultation: &stored.consultation_id,
        council_area: &stored.council_area_code,
        submitted_at: stored.submitted_at,
    }))
}
