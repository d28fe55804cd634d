//! `GET /analyst/results?consultation=ID&area=…|division=…|scotland=true[&compare_with=…]`: the
//! weighted results of one consultation for one area as a page, from the same cached report as the
//! JSON API (`crate::routes::api_results::results_for`). A request from the choice form (`place=`,
//! `compare_with=previous`) is redirected to that canonical address. Anything wrong with the
//! request is an HTML error page with the honest status (400, 404), never JSON.

use super::query::{self, api_query, choose_href, compare_choice, resolve_compare, results_href, AnalystQuery, Place};
use super::view::{results_page, Links, PageContext};
use crate::error::ApiError;
use crate::routes::api_results::{results_for, ResultsQuery};
use crate::routes::pages::html::render;
use crate::state::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use validator::Validate;

/// What to do with a request: redirect it to its canonical address, or show these results.
enum Plan {
    Redirect(String),
    Show { consultation: String, query: ResultsQuery },
}

fn plan(state: &AppState, q: AnalystQuery) -> Result<Plan, ApiError> {
    let Some(id) = q.consultation.as_deref().map(str::trim).filter(|c| !c.is_empty()) else {
        return Err(ApiError::BadRequest("choose a consultation".into()));
    };
    let definition = state
        .consultations
        .get(id)
        .ok_or_else(|| ApiError::NotFound(format!("there is no consultation called '{id}'")))?;
    let compare_with = resolve_compare(definition, q.compare_with.as_deref())?;
    if let Some(raw) = q.place.as_deref() {
        if q.area.is_some() || q.division.is_some() || q.scotland.is_some() {
            return Err(ApiError::BadRequest(
                "ask for a place or an area, division or Scotland, not both".into(),
            ));
        }
        let place = Place::parse(raw)
            .ok_or_else(|| ApiError::BadRequest(format!("'{raw}' is not an area to show results for")))?;
        return Ok(Plan::Redirect(results_href(id, &place, compare_with.as_deref())));
    }
    if compare_with.as_deref() != q.compare_with.as_deref() {
        // `previous` or an empty comparison: redirect to the address naming what is compared.
        let place = match (&q.area, &q.division, q.scotland) {
            (Some(area), None, None | Some(false)) => Some(Place::Area(area.clone())),
            (None, Some(division), None | Some(false)) => Some(Place::Division(division.clone())),
            (None, None, _) => Some(Place::Scotland),
            _ => None,
        };
        if let Some(place) = place {
            return Ok(Plan::Redirect(results_href(id, &place, compare_with.as_deref())));
        }
    }
    let query = ResultsQuery {
        area: q.area,
        division: q.division,
        scotland: q.scotland,
        compare_with,
        bootstrap: None,
        seed: None,
    };
    query
        .validate()
        .map_err(|e| ApiError::BadRequest(format!("the address has a problem: {e}")))?;
    Ok(Plan::Show {
        consultation: id.to_string(),
        query,
    })
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

pub async fn show(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    match respond(&state, &req).await {
        Ok(response) => response,
        Err(error) => {
            if let ApiError::Internal(cause) = &error {
                tracing::error!(%cause, "analyst results page failed");
            }
            error_page(&error)
        }
    }
}

async fn respond(state: &AppState, req: &HttpRequest) -> Result<HttpResponse, ApiError> {
    let (consultation, query) = match plan(state, query::parse(req.query_string())?)? {
        Plan::Redirect(location) => {
            return Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish());
        }
        Plan::Show { consultation, query } => (consultation, query),
    };
    let report = results_for(state, &consultation, &query).await?;
    let definition = state
        .consultations
        .get(&consultation)
        .ok_or_else(|| ApiError::NotFound(format!("there is no consultation called '{consultation}'")))?;
    let compare_with = query.compare_with.as_deref();
    let other_title = report
        .comparison
        .as_ref()
        .and_then(|c| state.consultations.get(&c.consultation))
        .filter(|d| d.id != definition.id)
        .map(|d| d.title.as_str());
    let place = Place::of_label(&report.area);
    let api = api_query(&place, compare_with);
    let links = Links {
        csv: format!("/api/v1/consultations/{consultation}/results.csv?{api}"),
        json: format!("/api/v1/consultations/{consultation}/results?{api}"),
        change: choose_href(&consultation, &place, compare_choice(definition, compare_with)),
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
