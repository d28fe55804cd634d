//! The survey itself. `GET /consultations/{id}/survey` (standard) and `GET /consultations/{id}/easy-read`
//! show the form; a `POST` to the same address stores the answers and sends the resident (303) to
//! the confirmation page, or shows the form again with every answer kept: 422 with an error summary
//! when answers need correcting, 503 with a notice when the database is unavailable, 429 with
//! `Retry-After` when the connection is over its rate limit (`super::super::throttle`), and 400
//! with a notice when the form looks automated (`crate::domain::automated`): a filled honeypot
//! field, or sent back sooner than `LOCALVOICE_FORM_MIN_SECONDS` after it was served.

use super::csrf::check_same_origin;
use super::errors::{form_refused_page, not_accepting_page, not_found_page};
use super::form::{decode, response_input, FORM_TOKEN_FIELD};
use super::html::render_private;
use super::notices::{form_not_recognised, not_confirmed, refused_as_automated, too_many_responses};
use super::survey_view::{survey_page, Notice};
use super::thanks::thanks_path;
use super::Version;
use crate::config::BODY_LIMIT_BYTES;
use crate::db::responses::{InsertOutcome, StoredResponse};
use crate::db::DbError;
use crate::domain::automated::HONEYPOT_FIELD;
use crate::domain::form_token::FormToken;
use crate::domain::{ConsultationStatus, ResponseInput, SurveyDefinition, ValidationErrors};
use crate::rate_limit::Throttled;
use crate::state::{status_today, AppState};
use crate::submission::SubmitError;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/consultations/{id}/survey")
            .route(web::get().to(show_standard))
            .route(web::post().to(receive_standard)),
    )
    .service(
        web::resource("/consultations/{id}/easy-read")
            .route(web::get().to(show_easy_read))
            .route(web::post().to(receive_easy_read)),
    );
}

async fn show_standard(state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    show(state, path, Version::Standard).await
}

async fn show_easy_read(state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    show(state, path, Version::EasyRead).await
}

async fn receive_standard(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Payload,
) -> HttpResponse {
    receive(req, state, path, body, Version::Standard).await
}

async fn receive_easy_read(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Payload,
) -> HttpResponse {
    receive(req, state, path, body, Version::EasyRead).await
}

async fn show(state: web::Data<AppState>, path: web::Path<String>, version: Version) -> HttpResponse {
    let Some(definition) = state.consultations.get(&path) else {
        return not_found_page();
    };
    match status_today(definition) {
        ConsultationStatus::Open => {
            let token = state.submissions.issue_form_token(definition.id.as_str());
            let page = survey_page(
                definition,
                &state.geography,
                version,
                &ResponseInput::default(),
                &ValidationErrors::default(),
                None,
                token.as_str(),
            );
            // The token is single-use: a shared cache must never hand one form to two residents.
            render_private(StatusCode::OK, &page)
        }
        other => not_accepting_page(definition, other),
    }
}

fn is_urlencoded_form(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
}

async fn receive(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Payload,
    version: Version,
) -> HttpResponse {
    let Some(definition) = state.consultations.get(&path) else {
        return not_found_page();
    };
    match read_form(&req, body, definition).await {
        Ok(fields) => {
            // Checked once the form is read, so that a person over the limit gets their answers back.
            let throttled = crate::routes::throttle::check_submission_rate(&state, &req).err();
            answer(&state, definition, version, &fields, throttled).await
        }
        Err(refused) => refused,
    }
}

/// The form's fields, or the page refusing what was sent: from another site, not a form, too large.
async fn read_form(
    req: &HttpRequest,
    body: web::Payload,
    definition: &SurveyDefinition,
) -> Result<Vec<(String, String)>, HttpResponse> {
    if let Err(reason) = check_same_origin(req) {
        tracing::warn!(consultation = %definition.id, reason, "refused a survey form sent from another site");
        return Err(form_refused_page(
            StatusCode::FORBIDDEN,
            definition,
            "For your safety, we only take answers sent from the survey page on this website.",
        ));
    }
    if !is_urlencoded_form(req) {
        let reason = "What was sent was not the survey form, so we could not read it.";
        return Err(form_refused_page(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            definition,
            reason,
        ));
    }
    // Read here rather than with the `Bytes` extractor, so that a body over the limit gets this
    // HTML page instead of the framework's plain-text 413.
    let body = match body.to_bytes_limited(BODY_LIMIT_BYTES).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => {
            let reason = "The connection broke while your answers were being sent.";
            return Err(form_refused_page(StatusCode::BAD_REQUEST, definition, reason));
        }
        Err(_) => {
            let reason = "What was sent was much larger than the survey form can be.";
            return Err(form_refused_page(StatusCode::PAYLOAD_TOO_LARGE, definition, reason));
        }
    };
    decode(&body).ok_or_else(|| {
        let reason = "What was sent was not the survey form, so we could not read it.";
        form_refused_page(StatusCode::BAD_REQUEST, definition, reason)
    })
}

/// Stores the answers, or shows the form again saying why not.
async fn answer(
    state: &AppState,
    definition: &SurveyDefinition,
    version: Version,
    fields: &[(String, String)],
    throttled: Option<Throttled>,
) -> HttpResponse {
    let input = response_input(fields, definition.max_ranked);
    let id = definition.id.as_str();
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let sent_token = field(FORM_TOKEN_FIELD);
    let token = state.submissions.verify_form_token(id, sent_token);
    // The form is shown again with the same token, so sending it again can never store it twice;
    // a form without a valid token gets a new one.
    let shown_token = token.clone().unwrap_or_else(|| state.submissions.issue_form_token(id));
    let again = |status: StatusCode, errors: &ValidationErrors, notice: Option<Notice>| {
        let page = survey_page(
            definition,
            &state.geography,
            version,
            &input,
            errors,
            notice,
            shown_token.as_str(),
        );
        render_private(status, &page)
    };
    let thanks = |stored: StoredResponse| {
        HttpResponse::SeeOther()
            .insert_header((header::LOCATION, thanks_path(id, &stored.public_id, version)))
            .finish()
    };
    if let Some(throttled) = throttled {
        let wait = throttled.retry_after_seconds();
        let notice = too_many_responses(version, wait);
        let mut response = again(
            StatusCode::TOO_MANY_REQUESTS,
            &ValidationErrors::default(),
            Some(notice),
        );
        response.headers_mut().insert(header::RETRY_AFTER, wait.into());
        return response;
    }
    let honeypot = field(HONEYPOT_FIELD);
    match state
        .submissions
        .submit_form(id, &input, token.as_ref(), honeypot)
        .await
    {
        Ok(InsertOutcome::Created(stored) | InsertOutcome::Replayed(stored)) => thanks(stored),
        Err(SubmitError::Invalid(errors)) => again(StatusCode::UNPROCESSABLE_ENTITY, &errors, None),
        Err(SubmitError::FormNotRecognised) => again(
            StatusCode::BAD_REQUEST,
            &ValidationErrors::default(),
            Some(form_not_recognised(version)),
        ),
        Err(SubmitError::Automated(reason)) => again(
            StatusCode::BAD_REQUEST,
            &ValidationErrors::default(),
            Some(refused_as_automated(version, reason)),
        ),
        Err(SubmitError::NotAccepting { status, .. }) => not_accepting_page(definition, status),
        Err(SubmitError::NotFound(_)) => not_found_page(),
        Err(SubmitError::Db(error)) => {
            // The reply may have been lost after the answers were committed: look before saying.
            if let Some(stored) = saved_already(state, id, token.as_ref()).await {
                return thanks(stored);
            }
            let status = match &error {
                DbError::Unavailable(cause) => {
                    tracing::warn!(%cause, "survey answers not confirmed: database unavailable");
                    StatusCode::SERVICE_UNAVAILABLE
                }
                other => {
                    tracing::error!(error = %other, cause = ?other, "survey answers not confirmed");
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            };
            let mut response = again(status, &ValidationErrors::default(), Some(not_confirmed(version)));
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("30"));
            response
        }
    }
}

/// The response this form was stored as, if the database can say.
async fn saved_already(state: &AppState, id: &str, token: Option<&FormToken>) -> Option<StoredResponse> {
    state.submissions.saved_form(id, token?).await.ok().flatten()
}
