//! `GET /api/v1/consultations/{id}/results` (JSON) and `…/results.csv` (CSV download): weighted
//! results for a council area (`area=S12000036`), a division (`division=J`) or Scotland
//! (`scotland=true`, the default), optionally with `compare_with=<consultation id>` (the same area
//! in another wave), `compare_with=previous` (the consultation's previous wave) or
//! `compare_with=division` (a council area against the rest of its division). The handlers parse
//! the request and call [`crate::results::ResultsService::report`], as `localvoice results` does.
//!
//! The rank-stability bootstrap uses 200 replicates here by default (`bootstrap=N`, 0 to skip, at
//! most 2,000; seed `seed=S`), against 500 for `localvoice results`: it runs only for the requested
//! selection and costs a pass over the selection's respondents per replicate, so 200 keeps a cold
//! Scotland-wide request to a few seconds; reports are cached (see `crate::results::cache`), so only
//! the first request after new responses pays for it. Same request and data ⇒ same numbers.
//!
//! Weights are trimmed (0.2 to 5 times each council area's mean weight, re-raked) unless the query
//! says `trim=false`, for comparisons with untrimmed reference figures.
//!
//! With a read replica (`--replica-url`) the figures come from the replica, and each response
//! states how far it trailed the primary just after the figures were read:
//! `LocalVoice-Replica-Lag-Ms` (0 when caught up, else the age of the last replayed transaction),
//! `LocalVoice-Replica-Lag-Bytes` (WAL not yet replayed) and `LocalVoice-Replica-Replay-Lsn`.

use crate::error::{ApiError, Problem};
use crate::results::csv::to_csv;
use crate::results::request::{DataView, DEFAULT_TRIM, DEFAULT_WEB_REPLICATES, MAX_REPLICATES};
use crate::results::{CompareWith, ResultsReport, ResultsRequest, Selection};
use crate::state::AppState;
use crate::stats::BootstrapOptions;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpRequest, HttpResponse, HttpResponseBuilder};
use serde::Deserialize;
use std::sync::Arc;
use utoipa::IntoParams;
use validator::Validate;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/consultations/{id}/results", web::get().to(results_json))
        .route("/api/v1/consultations/{id}/results.csv", web::get().to(results_csv));
}

/// The query string.
#[derive(Debug, Default, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ResultsQuery {
    /// A council area, by GSS code (S12000036) or name.
    #[validate(length(min = 1, max = 64, message = "must be a council area code or name"))]
    pub area: Option<String>,
    /// A police division, by letter (J).
    #[validate(length(equal = 1, message = "must be a police division letter like J"))]
    pub division: Option<String>,
    /// Scotland (every council area the consultation covers): the default.
    pub scotland: Option<bool>,
    /// `previous`, `division`, `none` or another consultation's id.
    #[param(value_type = Option<String>)]
    pub compare_with: Option<CompareWith>,
    /// Bootstrap replicates for the rank intervals, 0 to 2000 (default 200).
    #[validate(range(max = MAX_REPLICATES, message = "must be between 0 and 2000"))]
    #[param(minimum = 0, maximum = 2000)]
    pub bootstrap: Option<usize>,
    /// The bootstrap's seed: the same seed gives the same figures.
    pub seed: Option<u64>,
    /// `false` to weight without trimming.
    pub trim: Option<bool>,
}

impl ResultsQuery {
    /// The request this query string makes for consultation `consultation`.
    pub fn into_request(self, consultation: String, state: &AppState) -> Result<ResultsRequest, ApiError> {
        let selection = Selection::from_request(
            self.area.as_deref(),
            self.division.as_deref(),
            self.scotland.unwrap_or(false),
            &state.geography,
        )?;
        Ok(ResultsRequest {
            consultation,
            selection,
            compare_with: self.compare_with.unwrap_or(CompareWith::None),
            bootstrap: self.bootstrap.unwrap_or(DEFAULT_WEB_REPLICATES),
            seed: self.seed.unwrap_or(BootstrapOptions::default().seed),
            trim: self.trim.unwrap_or(DEFAULT_TRIM),
            // The public API shows what snapshots released, never live figures.
            view: DataView::Published,
        })
    }
}

/// The query string, checked.
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

/// The report a request for consultation `id` asks for.
async fn report_for(state: &AppState, id: String, req: &HttpRequest) -> Result<Arc<ResultsReport>, ApiError> {
    let request = parse_query(req)?.into_request(id, state)?;
    Ok(state.results.report(&request).await?)
}

/// Weighted results for a council area, a division or Scotland, as released by the latest snapshot.
#[utoipa::path(
    get,
    path = "/api/v1/consultations/{id}/results",
    tag = "results",
    params(("id" = String, Path, description = "The consultation's id", example = "your-police-2026"), ResultsQuery),
    responses(
        (status = 200, body = ResultsReport),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = String)))
    )
)]
pub(crate) async fn results_json(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let report = report_for(&state, path.into_inner(), &req).await?;
    let body =
        crate::results::json::to_json(&report).map_err(|e| ApiError::Internal(format!("JSON export failed: {e}")))?;
    Ok(with_replica_lag(&state, HttpResponse::Ok())
        .await
        .content_type("application/json")
        .body(body))
}

/// The same results as a CSV download, one row per figure.
#[utoipa::path(
    get,
    path = "/api/v1/consultations/{id}/results.csv",
    tag = "results",
    params(("id" = String, Path, description = "The consultation's id", example = "your-police-2026"), ResultsQuery),
    responses(
        (status = 200, body = String, content_type = "text/csv"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = String)))
    )
)]
pub(crate) async fn results_csv(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let report = report_for(&state, path.into_inner(), &req).await?;
    let body = to_csv(&report).map_err(|e| ApiError::Internal(format!("CSV export failed: {e}")))?;
    let filename = format!("{}-{}-results.csv", report.consultation, report.area.code);
    Ok(with_replica_lag(&state, HttpResponse::Ok())
        .await
        .content_type("text/csv; charset=utf-8")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(filename)],
        })
        .body(body))
}

/// The response with the replica's lag in its headers when results come from a replica. A lag
/// that cannot be measured is logged and left out rather than failing results already computed.
async fn with_replica_lag(state: &AppState, mut response: HttpResponseBuilder) -> HttpResponseBuilder {
    match state.results.replica_lag().await {
        Ok(Some(lag)) => {
            response
                .insert_header(("LocalVoice-Replica-Lag-Ms", lag.lag_ms.to_string()))
                .insert_header(("LocalVoice-Replica-Lag-Bytes", lag.behind_bytes.to_string()))
                .insert_header(("LocalVoice-Replica-Replay-Lsn", lag.replay_lsn));
        }
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "could not measure the replica's lag"),
    }
    response
}
