//! The survey itself. `GET /consultations/{id}/survey` (standard) and `GET /consultations/{id}/easy-read`
//! show the form; a `POST` to the same address stores the answers and sends the resident (303) to
//! the confirmation page, or shows the form again with every answer kept: 422 with an error summary
//! when answers need correcting, 503 with a notice when the database is unavailable.

use super::csrf::check_same_origin;
use super::errors::{form_refused_page, not_accepting_page, not_found_page};
use super::form::{decode, response_input};
use super::html::{render, render_private};
use super::survey_view::{survey_page, Notice};
use super::thanks::thanks_path;
use super::Version;
use crate::config::BODY_LIMIT_BYTES;
use crate::db::responses::InsertOutcome;
use crate::domain::{Channel, ConsultationStatus, ResponseInput, ValidationErrors};
use crate::error::ApiError;
use crate::state::{status_today, AppState};
use crate::submission::submit;
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
            let page = survey_page(
                definition,
                &state.geography,
                version,
                &ResponseInput::default(),
                &ValidationErrors::default(),
                None,
            );
            render(StatusCode::OK, &page)
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
    if let Err(reason) = check_same_origin(&req) {
        tracing::warn!(consultation = %definition.id, reason, "refused a survey form sent from another site");
        return form_refused_page(
            StatusCode::FORBIDDEN,
            definition,
            "For your safety, we only take answers sent from the survey page on this website.",
        );
    }
    if !is_urlencoded_form(&req) {
        let reason = "What was sent was not the survey form, so we could not read it.";
        return form_refused_page(StatusCode::UNSUPPORTED_MEDIA_TYPE, definition, reason);
    }
    // Read here rather than with the `Bytes` extractor, so that a body over the limit gets this
    // HTML page instead of the framework's plain-text 413.
    let body = match body.to_bytes_limited(BODY_LIMIT_BYTES).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => {
            let reason = "The connection broke while your answers were being sent.";
            return form_refused_page(StatusCode::BAD_REQUEST, definition, reason);
        }
        Err(_) => {
            let reason = "What was sent was much larger than the survey form can be.";
            return form_refused_page(StatusCode::PAYLOAD_TOO_LARGE, definition, reason);
        }
    };
    let Some(fields) = decode(&body) else {
        let reason = "What was sent was not the survey form, so we could not read it.";
        return form_refused_page(StatusCode::BAD_REQUEST, definition, reason);
    };
    let input = response_input(&fields, definition.max_ranked);
    let again = |status: StatusCode, errors: &ValidationErrors, notice: Option<Notice>| {
        render_private(
            status,
            &survey_page(definition, &state.geography, version, &input, errors, notice),
        )
    };
    match submit(&state, definition.id.as_str(), &input, Channel::Web, None).await {
        Ok(InsertOutcome::Created(stored) | InsertOutcome::Replayed(stored)) => HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                thanks_path(definition.id.as_str(), &stored.public_id, version),
            ))
            .finish(),
        Err(ApiError::Validation(errors)) => again(StatusCode::UNPROCESSABLE_ENTITY, &errors, None),
        Err(ApiError::NotAccepting(_)) => not_accepting_page(definition, status_today(definition)),
        Err(ApiError::NotFound(_)) => not_found_page(),
        Err(ApiError::Unavailable(cause)) => {
            tracing::warn!(%cause, "survey answers not saved: database unavailable");
            let mut response = again(
                StatusCode::SERVICE_UNAVAILABLE,
                &ValidationErrors::default(),
                Some(not_saved(version)),
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("30"));
            response
        }
        Err(other) => {
            tracing::error!(error = %other, cause = ?other, "survey answers not saved");
            again(
                StatusCode::INTERNAL_SERVER_ERROR,
                &ValidationErrors::default(),
                Some(not_saved(version)),
            )
        }
    }
}

/// What the resident is told when their answers could not be stored: nothing was saved, their
/// answers are still on the page, and they can send them again.
fn not_saved(version: Version) -> Notice {
    match version {
        Version::Standard => Notice {
            heading: "Sorry, your answers have not been saved".into(),
            paragraphs: vec![
                "There is a problem with the service. Nothing you sent has been saved.".into(),
                "Your answers are still on this page. Please try sending them again in a few minutes.".into(),
            ],
        },
        Version::EasyRead => Notice {
            heading: "Sorry, we could not save your answers".into(),
            paragraphs: vec![
                "Something went wrong on our side.".into(),
                "Your answers are still on this page.".into(),
                "Please wait a few minutes. Then press Send my answers again.".into(),
            ],
        },
    }
}
