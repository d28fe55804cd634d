//! `GET /api/v1/consultations` and `GET /api/v1/consultations/{id}`: what is running, and the
//! definition a client needs to build its own form.

use crate::db::consultations::{response_count, response_counts};
use crate::domain::{Coverage, SurveyDefinition};
use crate::error::{ApiError, Problem};
use crate::state::{status_today, AppState};
use actix_web::{web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/consultations", web::get().to(list))
        .route("/api/v1/consultations/{id}", web::get().to(show));
}

/// A consultation and how many responses it has.
#[derive(Serialize, ToSchema)]
pub struct ConsultationSummary<'a> {
    id: &'a str,
    title: &'a str,
    /// `upcoming`, `open` or `closed`, by the UK date.
    status: &'static str,
    opens: chrono::NaiveDate,
    closes: chrono::NaiveDate,
    responses: i64,
}

fn summary<'a>(d: &'a SurveyDefinition, responses: i64) -> ConsultationSummary<'a> {
    ConsultationSummary {
        id: d.id.as_str(),
        title: &d.title,
        status: status_today(d).as_str(),
        opens: d.opens,
        closes: d.closes,
        responses,
    }
}

/// `GET /api/v1/consultations`.
#[derive(Serialize, ToSchema)]
pub struct ConsultationList<'a> {
    consultations: Vec<ConsultationSummary<'a>>,
}

/// Every consultation, with its status and response count.
#[utoipa::path(
    get,
    path = "/api/v1/consultations",
    tag = "consultations",
    responses(
        (status = 200, body = ConsultationList),
        (status = 503, body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = String)))
    )
)]
pub(crate) async fn list(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let counts = crate::db::run(&state.pool, response_counts).await?;
    let items: Vec<_> = state
        .consultations
        .all()
        .iter()
        .map(|d| summary(d, counts.get(d.id.as_str()).copied().unwrap_or(0)))
        .collect();
    Ok(HttpResponse::Ok().json(ConsultationList { consultations: items }))
}

#[derive(Serialize, ToSchema)]
pub struct AreaOut<'a> {
    code: &'a str,
    name: &'a str,
    division: &'a str,
}

#[derive(Serialize, ToSchema)]
pub struct ConcernOut<'a> {
    id: &'a str,
    label: &'a str,
    easy_read_label: &'a str,
    description: &'a str,
}

/// What a client needs to build its own form for a consultation.
#[derive(Serialize, ToSchema)]
pub struct ConsultationDetail<'a> {
    #[serde(flatten)]
    summary: ConsultationSummary<'a>,
    organiser: &'a str,
    /// Which council areas the consultation covers.
    #[schema(value_type = Object)]
    coverage: &'a Coverage,
    areas: Vec<AreaOut<'a>>,
    /// The questions and their answer options.
    #[schema(value_type = Object)]
    questions: &'a crate::domain::Questions,
    max_ranked: usize,
    comment_max_chars: usize,
    concerns: Vec<ConcernOut<'a>>,
    #[schema(value_type = Vec<Object>)]
    candidate_priorities: &'a [crate::domain::Priority],
    previous: Option<&'a str>,
}

/// One consultation's definition.
#[utoipa::path(
    get,
    path = "/api/v1/consultations/{id}",
    tag = "consultations",
    params(("id" = String, Path, description = "The consultation's id", example = "your-police-2026")),
    responses(
        (status = 200, body = ConsultationDetail),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = String)))
    )
)]
pub(crate) async fn show(state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let definition = state
        .consultations
        .get(&id)
        .ok_or_else(|| ApiError::NotFound(format!("there is no consultation called '{id}'")))?;
    let count_id = id.clone();
    let responses = crate::db::run(&state.pool, move |conn| response_count(conn, &count_id)).await?;
    let detail = ConsultationDetail {
        summary: summary(definition, responses),
        organiser: &definition.organiser,
        coverage: &definition.coverage,
        areas: state
            .geography
            .areas
            .iter()
            .filter(|a| definition.coverage.covers(a))
            .map(|a| AreaOut {
                code: a.code.as_str(),
                name: &a.name,
                division: a.division.as_str(),
            })
            .collect(),
        questions: &definition.questions,
        max_ranked: definition.max_ranked,
        comment_max_chars: definition.comment_max_chars,
        concerns: definition
            .concerns
            .iter()
            .map(|c| ConcernOut {
                id: c.id.as_str(),
                label: &c.label,
                easy_read_label: &c.easy_read_label,
                description: &c.description,
            })
            .collect(),
        candidate_priorities: &definition.priorities,
        previous: definition.previous.as_ref().map(|p| p.as_str()),
    };
    Ok(HttpResponse::Ok().json(detail))
}
