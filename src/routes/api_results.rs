//! `GET /api/v1/consultations/{id}/results` (JSON) and `…/results.csv` (CSV download): weighted
//! results for a council area (`area=S12000036`), a division (`division=J`) or Scotland
//! (`scotland=true`, the default), optionally with `compare_with=<consultation id>` (the same area
//! in another wave) or `compare_with=division` (a council area against the rest of its division).
//!
//! The rank-stability bootstrap uses 200 replicates here by default (`bootstrap=N`, 0 to skip, at
//! most 2,000; seed `seed=S`), against 500 for `localvoice results`: it runs only for the requested
//! selection and costs a pass over the selection's respondents per replicate, so 200 keeps a cold
//! Scotland-wide request to a few seconds; reports are cached (see `crate::results::cache`), so only
//! the first request after new responses pays for it. Same request and data ⇒ same numbers.

use crate::domain::SurveyDefinition;
use crate::error::ApiError;
use crate::results::cache::ReportKey;
use crate::results::csv::to_csv;
use crate::results::{results_report, CompareWith, EngineOptions, Inputs, ResultsReport, Selection};
use crate::state::AppState;
use crate::stats::BootstrapOptions;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use std::sync::Arc;
use validator::Validate;

/// Bootstrap replicates when the request does not say.
pub const API_BOOTSTRAP_REPLICATES: usize = 200;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/consultations/{id}/results", web::get().to(results_json))
        .route("/api/v1/consultations/{id}/results.csv", web::get().to(results_csv));
}

/// The query string.
#[derive(Debug, Default, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct ResultsQuery {
    #[validate(length(min = 1, max = 64, message = "must be a council area code or name"))]
    pub area: Option<String>,
    #[validate(length(equal = 1, message = "must be a police division letter like J"))]
    pub division: Option<String>,
    pub scotland: Option<bool>,
    #[validate(length(min = 1, max = 64, message = "must be a consultation id or 'division'"))]
    pub compare_with: Option<String>,
    #[validate(range(max = 2000, message = "must be between 0 and 2000"))]
    pub bootstrap: Option<usize>,
    pub seed: Option<u64>,
}

fn parse_query(req: &HttpRequest) -> Result<ResultsQuery, ApiError> {
    let query: ResultsQuery = serde_urlencoded::from_str(req.query_string())
        .map_err(|e| ApiError::BadRequest(format!("the query string is not valid: {e}")))?;
    query.validate().map_err(|errors| {
        let mut problems: Vec<String> = errors
            .field_errors()
            .iter()
            .flat_map(|(field, list)| {
                list.iter()
                    .map(move |e| format!("{field} {}", e.message.as_deref().unwrap_or("is not valid")))
            })
            .collect();
        problems.sort();
        ApiError::BadRequest(problems.join("; "))
    })?;
    Ok(query)
}

async fn results_json(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let report = results_for(&state, &path.into_inner(), &parse_query(&req)?).await?;
    Ok(HttpResponse::Ok().json(&*report))
}

async fn results_csv(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let report = results_for(&state, &path.into_inner(), &parse_query(&req)?).await?;
    let body = to_csv(&report).map_err(|e| ApiError::Internal(format!("CSV export failed: {e}")))?;
    let filename = format!("{}-{}-results.csv", report.consultation, report.area.code);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(filename)],
        })
        .body(body))
}

fn find_definition(state: &AppState, id: &str) -> Result<SurveyDefinition, ApiError> {
    state
        .consultations
        .get(id)
        .cloned()
        .ok_or_else(|| ApiError::NotFound(format!("there is no consultation called '{id}'")))
}

/// The report for a request, from the cache when the data has not changed since it was computed.
pub async fn results_for(state: &AppState, id: &str, query: &ResultsQuery) -> Result<Arc<ResultsReport>, ApiError> {
    let definition = find_definition(state, id)?;
    let selection = Selection::from_request(
        query.area.as_deref(),
        query.division.as_deref(),
        query.scotland.unwrap_or(false),
        &state.geography,
    )?;
    // Check the selection before touching the database, so a bad area is a quick 404.
    selection.resolve(&state.geography, &definition)?;
    let other = match query.compare_with.as_deref() {
        None => None,
        Some(other) if state.consultations.get(other).is_some() => Some(find_definition(state, other)?),
        Some("division") => None,
        Some(other) => {
            return Err(ApiError::NotFound(format!(
                "there is no consultation called '{other}' to compare with"
            )))
        }
    };
    let dataset = state
        .results
        .dataset(&state.pool, &state.geography, &definition)
        .await?;
    let other_dataset = match &other {
        Some(d) => Some(state.results.dataset(&state.pool, &state.geography, d).await?),
        None => None,
    };
    let bootstrap = query.bootstrap.unwrap_or(API_BOOTSTRAP_REPLICATES);
    let seed = query.seed.unwrap_or(BootstrapOptions::default().seed);
    let key = ReportKey {
        consultation: definition.id.as_str().to_string(),
        request: format!(
            "{};compare={};bootstrap={bootstrap};seed={seed}",
            selection.key(),
            query.compare_with.as_deref().unwrap_or("")
        ),
        versions: std::iter::once(dataset.version)
            .chain(other_dataset.as_ref().map(|d| d.version))
            .collect(),
    };
    if let Some(report) = state.results.report(&key) {
        return Ok(report);
    }
    let options = EngineOptions::with_bootstrap(bootstrap, seed);
    let compare_division = query.compare_with.as_deref() == Some("division") && other.is_none();
    let (geography, population) = (state.geography.clone(), state.population.clone());
    let report = web::block(move || {
        let inputs = Inputs {
            definition: &definition,
            geography: &geography,
            population: &population,
            dataset: &dataset,
        };
        let compare = match (&other, &other_dataset) {
            (Some(d), Some(data)) => CompareWith::Wave(Inputs {
                definition: d,
                geography: &geography,
                population: &population,
                dataset: data,
            }),
            _ if compare_division => CompareWith::RestOfDivision,
            _ => CompareWith::Nothing,
        };
        results_report(&inputs, &selection, compare, &options)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("results task failed: {e}")))??;
    let report = Arc::new(report);
    state.results.store_report(key, report.clone());
    Ok(report)
}
