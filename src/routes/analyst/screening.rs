//! `GET /analyst/screening?consultation=ID&area=…|division=…|scotland=true`: possible duplicates and
//! bursts among the selection's online responses, per council area, and the headline figures with
//! and without the flagged responses ([`crate::results::ResultsService::screening`]). Nothing is
//! removed from any figure; this is for analysts to judge. Errors are the results pages' HTML error
//! pages.

use super::format::proportion;
use super::query;
use super::results::page_or_error;
use crate::error::ApiError;
use crate::format::count;
use crate::results::request::{DataView, DEFAULT_TRIM};
use crate::results::screening::{
    BURST_FACTOR, BURST_MIN_RESPONSES, DUPLICATE_WINDOW_MINUTES, MIN_IDENTICAL_WITHOUT_COMMENT, RARE_COMMENT_MIN_CHARS,
};
use crate::results::screening_service::{Headline, ScreeningReport};
use crate::results::{CompareWith, ResultsRequest, Selection};
use crate::routes::pages::html::render;
use crate::state::AppState;
use crate::stats::BootstrapOptions;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

/// One council area's row.
pub struct AreaRow {
    pub name: String,
    pub screened: String,
    pub flagged: String,
    pub identical: String,
    pub burst: String,
    pub repeated_comment: String,
}

/// A headline figure with every response and without the flagged ones.
pub struct SensitivityRow {
    pub key: String,
    pub with_all: String,
    pub without_flagged: String,
}

#[derive(Template)]
#[template(path = "analyst/screening.html")]
pub struct ScreeningPage {
    pub title: String,
    pub easy_read: bool,
    pub consultation_title: String,
    pub area_name: String,
    pub back: String,
    pub rules: Vec<String>,
    pub flagged: String,
    pub sensitivity: Vec<SensitivityRow>,
    pub areas: Vec<AreaRow>,
}

pub async fn show(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    page_or_error(respond(&state, &req).await, "screening")
}

async fn respond(state: &AppState, req: &HttpRequest) -> Result<HttpResponse, ApiError> {
    let q = query::parse(req.query_string())?;
    let Some(id) = q.consultation.as_deref().map(str::trim).filter(|c| !c.is_empty()) else {
        return Err(ApiError::BadRequest("choose a consultation".into()));
    };
    let definition = state.results.definition(id)?;
    let selection = Selection::from_request(
        q.area.as_deref(),
        q.division.as_deref(),
        q.scotland.unwrap_or(false),
        &state.geography,
    )?;
    let label = selection.resolve(&state.geography, definition)?.label;
    let request = ResultsRequest {
        consultation: definition.id.to_string(),
        selection,
        compare_with: CompareWith::None,
        bootstrap: 0,
        seed: BootstrapOptions::default().seed,
        trim: DEFAULT_TRIM,
        view: DataView::Live,
    };
    let report = state.results.screening(&request).await?;
    let back = format!("/analyst/results?{}", req.query_string());
    let page = screening_page(
        &report,
        &definition.title,
        &label.name,
        back,
        definition.suppression_threshold,
    );
    Ok(render(StatusCode::OK, &page))
}

fn screening_page(
    report: &ScreeningReport,
    consultation_title: &str,
    area_name: &str,
    back: String,
    threshold: u32,
) -> ScreeningPage {
    let without = report.without_flagged.as_ref();
    let figure = |h: Option<&Headline>, pick: fn(&Headline) -> String| h.map_or_else(|| "—".to_string(), pick);
    let sensitivity = vec![
        SensitivityRow {
            key: "Responses".into(),
            with_all: count(report.with_all.n),
            without_flagged: figure(without, |h| count(h.n)),
        },
        SensitivityRow {
            key: "Feel fairly or very safe".into(),
            with_all: proportion(&report.with_all.feel_safe, threshold),
            without_flagged: without.map_or_else(|| "—".into(), |h| proportion(&h.feel_safe, threshold)),
        },
        SensitivityRow {
            key: "Fairly or very confident in the local police".into(),
            with_all: proportion(&report.with_all.confidence, threshold),
            without_flagged: without.map_or_else(|| "—".into(), |h| proportion(&h.confidence, threshold)),
        },
    ];
    ScreeningPage {
        title: format!("Possible duplicates and bursts: {area_name}"),
        easy_read: false,
        consultation_title: consultation_title.to_string(),
        area_name: area_name.to_string(),
        back,
        rules: vec![
            format!(
                "Identical answers close together: responses from one council area with exactly the same answers, \
                 comment included, each within {DUPLICATE_WINDOW_MINUTES} minutes of another (2 or more with a \
                 comment, {MIN_IDENTICAL_WITHOUT_COMMENT} or more without one)."
            ),
            format!(
                "Bursts: every response in a clock hour in which an area received at least {BURST_FACTOR} times its \
                 usual number per hour, and at least {BURST_MIN_RESPONSES}."
            ),
            format!(
                "Repeated comments: the same comment of {RARE_COMMENT_MIN_CHARS} or more letters (ignoring case, \
                 spacing and punctuation) in two or more responses anywhere in the consultation."
            ),
        ],
        flagged: count(report.flagged),
        sensitivity,
        areas: report
            .areas
            .iter()
            .map(|a| AreaRow {
                name: a.name.clone(),
                screened: count(a.screened),
                flagged: count(a.flagged),
                identical: count(a.identical_answers),
                burst: count(a.burst),
                repeated_comment: count(a.repeated_comment),
            })
            .collect(),
    }
}
