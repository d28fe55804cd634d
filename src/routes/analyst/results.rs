//! `GET /analyst/results?consultation=ID&area=…|division=…|scotland=true[&compare_with=…]`: the
//! weighted results of one consultation for one area as a page, from the same cached report as the
//! JSON API ([`crate::results::ResultsService::report`]). A request from the choice form (`place=`,
//! `compare_with=previous`) is redirected to that canonical address. Anything wrong with the
//! request is an HTML error page with the honest status (400, 404), never JSON.

use super::query::{self, api_query, choose_href, compare_choice, results_href, AnalystQuery, Place};
use super::view::{results_page, Links, PageContext};
use crate::error::ApiError;
use crate::results::request::{DataView, DEFAULT_TRIM, DEFAULT_WEB_REPLICATES};
use crate::results::{CompareWith, ResultsRequest, Selection};
use crate::routes::pages::html::render;
use crate::state::AppState;
use crate::stats::BootstrapOptions;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};

/// What to do with a request: redirect it to its canonical address, or show these results.
enum Plan {
    Redirect(String),
    Show(ResultsRequest),
}

fn plan(state: &AppState, q: AnalystQuery) -> Result<Plan, ApiError> {
    let Some(id) = q.consultation.as_deref().map(str::trim).filter(|c| !c.is_empty()) else {
        return Err(ApiError::BadRequest("choose a consultation".into()));
    };
    let definition = state.results.definition(id)?;
    // `previous` and `none` are redirected to the address naming what is compared.
    let needs_naming = matches!(q.compare_with, Some(CompareWith::Previous | CompareWith::None));
    let compare_with = q.compare_with.unwrap_or(CompareWith::None).resolve(definition)?;
    if let Some(raw) = q.place.as_deref() {
        if q.area.is_some() || q.division.is_some() || q.scotland.is_some() {
            return Err(ApiError::BadRequest(
                "ask for a place or an area, division or Scotland, not both".into(),
            ));
        }
        let place = Place::parse(raw)
            .ok_or_else(|| ApiError::BadRequest(format!("'{raw}' is not an area to show results for")))?;
        return Ok(Plan::Redirect(results_href(id, &place, &compare_with)));
    }
    if needs_naming {
        let place = match (&q.area, &q.division, q.scotland) {
            (Some(area), None, None | Some(false)) => Some(Place::Area(area.clone())),
            (None, Some(division), None | Some(false)) => Some(Place::Division(division.clone())),
            (None, None, _) => Some(Place::Scotland),
            _ => None,
        };
        if let Some(place) = place {
            return Ok(Plan::Redirect(results_href(id, &place, &compare_with)));
        }
    }
    let selection = Selection::from_request(
        q.area.as_deref(),
        q.division.as_deref(),
        q.scotland.unwrap_or(false),
        &state.geography,
    )?;
    Ok(Plan::Show(ResultsRequest {
        consultation: id.to_string(),
        selection,
        compare_with,
        bootstrap: DEFAULT_WEB_REPLICATES,
        seed: BootstrapOptions::default().seed,
        trim: DEFAULT_TRIM,
        // The analyst pages are for the division's analysts (behind its network or proxy sign-in).
        view: DataView::Live,
    }))
}

/// The HTML page for a request that cannot be answered, with its honest status.
pub fn error_page(error: &ApiError) -> HttpResponse {
    let status = error.status_code();
    let (title, advice) = match status {
        StatusCode::NOT_FOUND => (
            "Results not found",
            "Check the web address, or choose the consultation and area again.",
        ),
        StatusCode::BAD_REQUEST => (
            "These results cannot be shown",
            "Check the web address, or choose the consultation and area again.",
        ),
        StatusCode::SERVICE_UNAVAILABLE => ("Results are not available just now", "Please try again in a minute."),
        _ => ("Sorry, there is a problem with the service", "Please try again later."),
    };
    super::error_response(error, title, advice)
}

/// An analyst page's response, or its error page (an unexpected failure logged with `page`).
pub fn page_or_error(outcome: Result<HttpResponse, ApiError>, page: &str) -> HttpResponse {
    outcome.unwrap_or_else(|error| {
        if let ApiError::Internal(cause) = &error {
            tracing::error!(%cause, page, "analyst page failed");
        }
        error_page(&error)
    })
}

pub async fn show(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    page_or_error(respond(&state, &req).await, "results")
}

async fn respond(state: &AppState, req: &HttpRequest) -> Result<HttpResponse, ApiError> {
    let request = match plan(state, query::parse(req.query_string())?)? {
        Plan::Redirect(location) => {
            return Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish());
        }
        Plan::Show(request) => request,
    };
    let report = state.results.report(&request).await?;
    let definition = state.results.definition(&request.consultation)?;
    let other_title = report
        .comparison
        .as_ref()
        .and_then(|c| state.consultations.get(&c.consultation))
        .filter(|d| d.id != definition.id)
        .map(|d| d.title.as_str());
    let place = Place::of_label(&report.area);
    let api = api_query(&place, &request.compare_with);
    let consultation = &request.consultation;
    let links = Links {
        csv: format!("/api/v1/consultations/{consultation}/results.csv?{api}"),
        json: format!("/api/v1/consultations/{consultation}/results?{api}"),
        screening: format!(
            "/analyst/screening?consultation={consultation}&{}",
            api_query(&place, &CompareWith::None)
        ),
        change: choose_href(consultation, &place, compare_choice(definition, &request.compare_with)),
    };
    let page = results_page(
        &report,
        PageContext {
            consultation_title: &definition.title,
            other_title,
            links,
        },
    );
    Ok(render(StatusCode::OK, &page))
}
