//! `ApiError`: every failure a request can meet, mapped honestly to an HTTP status. API errors are
//! RFC 9457 `application/problem+json`; unexpected causes are logged, never returned.

use crate::db::DbError;
use crate::domain::ValidationErrors;
use crate::results::ResultsError;
use crate::submission::SubmitError;

/// The field named in problems with the `Idempotency-Key` header.
pub const IDEMPOTENCY_KEY_FIELD: &str = "Idempotency-Key";
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Validation(ValidationErrors),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    /// The consultation is not accepting responses (not yet open, or closed).
    #[error("{0}")]
    NotAccepting(String),
    #[error("{0}")]
    Conflict(String),
    /// The resource exists but does not answer this method; holds the methods it answers.
    #[error("this resource answers only {0}")]
    MethodNotAllowed(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("the database is unavailable")]
    Unavailable(String),
    /// Too much expensive work in progress (results, packs): try again shortly.
    #[error("{0}")]
    Busy(String),
    /// This client sent more than its rate limit allows (see `crate::rate_limit`).
    #[error("{detail}")]
    TooManyRequests { detail: String, retry_after_seconds: u64 },
    #[error("internal error")]
    Internal(String),
}

impl From<DbError> for ApiError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::Unavailable(cause) => ApiError::Unavailable(cause),
            DbError::Conflict(message) => ApiError::Conflict(message),
            DbError::KeyReused(message) => {
                ApiError::Validation(ValidationErrors::single(IDEMPOTENCY_KEY_FIELD, message))
            }
            DbError::NotFound => ApiError::NotFound("not found".into()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<ResultsError> for ApiError {
    fn from(error: ResultsError) -> Self {
        match error {
            ResultsError::NotFound(m) => ApiError::NotFound(m),
            ResultsError::BadRequest(m) => ApiError::BadRequest(m),
            ResultsError::Db(e) => e.into(),
            ResultsError::Busy(m) => ApiError::Busy(m),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<SubmitError> for ApiError {
    fn from(error: SubmitError) -> Self {
        match error {
            SubmitError::NotFound(id) => ApiError::NotFound(format!("there is no consultation called '{id}'")),
            SubmitError::NotAccepting { message, .. } => ApiError::NotAccepting(message),
            SubmitError::Invalid(errors) => ApiError::Validation(errors),
            SubmitError::FormNotRecognised | SubmitError::Automated(_) => ApiError::BadRequest(error.to_string()),
            SubmitError::Db(e) => e.into(),
        }
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        ApiError::Validation(errors)
    }
}

/// RFC 9457 problem details (`application/problem+json`), with LocalVoice's per-field `errors`
/// extension.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem<'a> {
    /// A relative URI naming the kind of problem, e.g. `/problems/validation`.
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub title: &'a str,
    /// The HTTP status code.
    pub status: u16,
    pub detail: String,
    /// The fields that need correcting (validation problems only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<FieldProblem>)]
    pub errors: Vec<crate::domain::FieldError>,
}

/// One field's problem in [`Problem::errors`] (the schema of `crate::domain::FieldError`).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct FieldProblem {
    /// The field's name, e.g. `concerns`, or the header's, `Idempotency-Key`.
    field: String,
    /// What is wrong, in plain English.
    message: String,
}

impl ApiError {
    fn title(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "Your response has problems",
            ApiError::BadRequest(_) => "Bad request",
            ApiError::NotFound(_) => "Not found",
            ApiError::NotAccepting(_) => "Consultation not accepting responses",
            ApiError::Conflict(_) => "Conflict",
            ApiError::MethodNotAllowed(_) => "Method not allowed",
            ApiError::PayloadTooLarge(_) => "Request too large",
            ApiError::UnsupportedMediaType(_) => "Unsupported media type",
            ApiError::Unavailable(_) => "Service temporarily unavailable",
            ApiError::Busy(_) => "Service busy",
            ApiError::TooManyRequests { .. } => "Too many requests",
            ApiError::Internal(_) => "Internal error",
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "/problems/validation",
            ApiError::BadRequest(_) => "/problems/bad-request",
            ApiError::NotFound(_) => "/problems/not-found",
            ApiError::NotAccepting(_) => "/problems/consultation-not-open",
            ApiError::Conflict(_) => "/problems/conflict",
            ApiError::MethodNotAllowed(_) => "/problems/method-not-allowed",
            ApiError::PayloadTooLarge(_) => "/problems/too-large",
            ApiError::UnsupportedMediaType(_) => "/problems/unsupported-media-type",
            ApiError::Unavailable(_) => "/problems/unavailable",
            ApiError::Busy(_) => "/problems/busy",
            ApiError::TooManyRequests { .. } => "/problems/too-many-requests",
            ApiError::Internal(_) => "/problems/internal",
        }
    }

    /// What the client may be told: never the cause of an internal or database failure.
    pub fn public_detail(&self) -> String {
        match self {
            ApiError::Validation(errors) => {
                format!("{} field(s) need correcting: {}", errors.errors.len(), errors.summary())
            }
            ApiError::Unavailable(_) => {
                "The service's database is unavailable or too slow just now. Please try again in a minute.".into()
            }
            ApiError::Internal(_) => "Something went wrong on our side. Your request was not saved.".into(),
            other => other.to_string(),
        }
    }

    /// Seconds a client should wait before trying again, for the errors that pass.
    pub fn retry_after(&self) -> Option<String> {
        match self {
            ApiError::Unavailable(_) => Some("30".into()),
            ApiError::Busy(_) => Some("5".into()),
            ApiError::TooManyRequests {
                retry_after_seconds, ..
            } => Some(retry_after_seconds.to_string()),
            _ => None,
        }
    }

    pub fn problem(&self) -> Problem<'static> {
        Problem {
            kind: self.kind(),
            title: self.title(),
            status: self.status_code().as_u16(),
            detail: self.public_detail(),
            errors: match self {
                ApiError::Validation(errors) => errors.errors.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::NotAccepting(_) | ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unavailable(_) | ApiError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(%cause, "request failed"),
            ApiError::Unavailable(cause) => tracing::warn!(%cause, "database unavailable"),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("application/problem+json");
        if let Some(seconds) = self.retry_after() {
            response.insert_header((header::RETRY_AFTER, seconds));
        }
        if let ApiError::MethodNotAllowed(allowed) = self {
            response.insert_header((header::ALLOW, allowed.as_str()));
        }
        response.json(self.problem())
    }
}
