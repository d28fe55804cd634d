//! `POST /api/v1/consultations/{id}/responses`: one response as JSON. `201` only after commit;
//! an `Idempotency-Key` header makes retries safe. A client over its rate limit gets `429` with
//! `Retry-After` (see `super::throttle`).

use crate::db::responses::{InsertOutcome, StoredResponse};
use crate::domain::idempotency::IdempotencyKey;
use crate::domain::{AnswerField, Channel, ResponseInput, ValidationErrors};
use crate::error::ApiError;
use crate::error::IDEMPOTENCY_KEY_FIELD;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/consultations/{id}/responses", web::post().to(create));
}

/// The JSON body. Answers are taken as any JSON value so that a wrong type is reported against its
/// field ("feel_safe: must be a whole number from 1 to 5") rather than as a parse failure.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseDto {
    #[serde(default)]
    council_area: Value,
    #[serde(default)]
    postcode_district: Value,
    #[serde(default)]
    feel_safe: Value,
    #[serde(default)]
    confidence: Value,
    #[serde(default)]
    concerns: Value,
    #[serde(default)]
    comment: Value,
    #[serde(default)]
    age_band: Value,
    #[serde(default)]
    sex: Value,
    #[serde(default)]
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

#[derive(Serialize)]
struct Created<'a> {
    id: uuid::Uuid,
    consultation: &'a str,
    council_area: &'a str,
    submitted_at: chrono::DateTime<chrono::Utc>,
}

async fn create(
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
