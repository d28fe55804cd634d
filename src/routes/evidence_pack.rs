//! `GET /analyst/evidence-pack?consultation=ID&division=CODE[&compare_with=ID|none]`: the evidence
//! pack of a division as its self-contained HTML page; `&download=html|json` returns the same pack
//! as an attachment, and `&download=csv&table=NAME` one of its tables (names in
//! `crate::evidence::pack::render::TABLES`). The figures come from the results cache's datasets and
//! are computed on the blocking pool (`web::block`), never on the runtime. Anything wrong with the
//! request is an HTML error page with its honest status (400, 404, 503), never a 500 for bad input.
//! Reads no environment variables.

use crate::error::ApiError;
use crate::evidence::pack::render::{render_html, render_json, table_csv, PackTable, UnknownTable, PACK_CSS, TABLES};
use crate::evidence::pack::{assemble_pack, AssembleError, EvidencePack, PackRequest};
use crate::results::{EngineOptions, Inputs, ResultsError};
use crate::routes::api_results::API_BOOTSTRAP_REPLICATES;
use crate::state::AppState;
use crate::stats::BootstrapOptions;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/analyst/evidence-pack", web::get().to(show));
}

/// The query string.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackQuery {
    consultation: Option<String>,
    division: Option<String>,
    /// Another consultation's id; `none` for no comparison; by default the consultation's `previous`.
    compare_with: Option<String>,
    /// `html`, `json` or `csv` (with `table`).
    download: Option<String>,
    table: Option<String>,
}

/// The page allows exactly its own inline style sheet (by hash) and nothing else.
static CONTENT_SECURITY_POLICY: LazyLock<String> = LazyLock::new(|| {
    let hash = base64(&Sha256::digest(PACK_CSS.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         base-uri 'none'"
    )
});

/// Standard base64 with padding, as CSP hash sources are written.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn error_page(error: &ApiError) -> HttpResponse {
    let status = error.status_code();
    let title = match status {
        StatusCode::NOT_FOUND => "Evidence pack not found",
        StatusCode::BAD_REQUEST => "This evidence pack cannot be made",
        StatusCode::SERVICE_UNAVAILABLE => "The evidence pack is not available just now",
        _ => "Sorry, there is a problem with the service",
    };
    crate::routes::analyst::error_response(
        error,
        title,
        "Check the web address: it needs a consultation (for example consultation=your-police-2026) and a \
         police division letter (for example division=J).",
    )
}

async fn show(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    match respond(&state, &req).await {
        Ok(response) => response,
        Err(error) => {
            if let ApiError::Internal(cause) = &error {
                tracing::error!(%cause, "evidence pack failed");
            }
            error_page(&error)
        }
    }
}

fn required<'q>(value: &'q Option<String>, name: &str, example: &str) -> Result<&'q str, ApiError> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::BadRequest(format!("{name} is missing: give it, for example {name}={example}")))
}

fn attachment(content_type: &str, filename: String, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(filename)],
        })
        .body(body)
}

async fn respond(state: &AppState, req: &HttpRequest) -> Result<HttpResponse, ApiError> {
    let q: PackQuery = serde_urlencoded::from_str(req.query_string())
        .map_err(|e| ApiError::BadRequest(format!("the web address has a problem: {e}")))?;
    let id = required(&q.consultation, "consultation", "your-police-2026")?;
    let division_raw = required(&q.division, "division", "J")?;
    let download = q.download.as_deref().map(str::trim).filter(|d| !d.is_empty());
    if let Some(d) = download.filter(|d| !["html", "json", "csv"].contains(d)) {
        return Err(ApiError::BadRequest(format!(
            "download must be html, json or csv, not '{d}'"
        )));
    }
    let table = match (download, q.table.as_deref()) {
        (Some("csv"), Some(t)) if TABLES.contains(&t) => Some(t.to_string()),
        (Some("csv"), other) => {
            return Err(ApiError::BadRequest(format!(
                "the CSV download needs table= one of {} (got '{}')",
                TABLES.join(", "),
                other.unwrap_or("")
            )))
        }
        (_, Some(_)) => return Err(ApiError::BadRequest("table= only goes with download=csv".into())),
        _ => None,
    };
    let definition = state
        .consultations
        .get(id)
        .cloned()
        .ok_or_else(|| ApiError::NotFound(format!("there is no consultation called '{id}'")))?;
    let division = crate::domain::DivisionCode::parse(division_raw)
        .ok()
        .filter(|code| state.geography.division(code).is_some())
        .ok_or_else(|| ApiError::NotFound(format!("there is no police division '{division_raw}'")))?;
    crate::results::Selection::Division(division.clone()).resolve(&state.geography, &definition)?;
    let previous =
        match q.compare_with.as_deref().map(str::trim) {
            Some("none") => None,
            Some(other) if !other.is_empty() => Some(state.consultations.get(other).cloned().ok_or_else(|| {
                ApiError::NotFound(format!("there is no consultation called '{other}' to compare with"))
            })?),
            _ => definition
                .previous
                .as_ref()
                .and_then(|p| state.consultations.get(p.as_str()))
                .cloned(),
        };
    let dataset = state
        .results
        .dataset(&state.pool, &state.geography, &definition)
        .await?;
    let previous_dataset = match &previous {
        Some(p) => Some(state.results.dataset(&state.pool, &state.geography, p).await?),
        None => None,
    };
    let (geography, population, plans, pool) = (
        state.geography.clone(),
        state.population.clone(),
        state.plans.clone(),
        state.pool.clone(),
    );
    let options = EngineOptions::with_bootstrap(API_BOOTSTRAP_REPLICATES, BootstrapOptions::default().seed);
    let generated_on = crate::state::today().to_string();
    let division_code = division.clone();
    let pack: EvidencePack = web::block(move || -> Result<EvidencePack, ApiError> {
        let mut conn = pool
            .get()
            .map_err(|e| ApiError::from(crate::db::DbError::Unavailable(e.to_string())))?;
        let request = PackRequest {
            current: Inputs {
                definition: &definition,
                geography: &geography,
                population: &population,
                dataset: &dataset,
            },
            previous: previous
                .as_ref()
                .zip(previous_dataset.as_deref())
                .map(|(d, data)| Inputs {
                    definition: d,
                    geography: &geography,
                    population: &population,
                    dataset: data,
                }),
            division: &division_code,
            plans: &plans,
            options: &options,
            generated_on: &generated_on,
        };
        let consultation = definition.id.as_str();
        let (pack, _) = assemble_pack(&request, |area| {
            crate::db::comments::area_comments(&mut conn, consultation, area)
        })
        .map_err(|e| match e {
            AssembleError::Results(e) => ApiError::from(e),
            AssembleError::Comments(e) => ApiError::from(e),
            AssembleError::Pack(e) => ApiError::from(ResultsError::Internal(e.to_string())),
        })?;
        Ok(pack)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("evidence pack task failed: {e}")))??;
    let stem = format!("evidence-pack-{}-{}", pack.consultation.id, pack.division.code);
    let internal = |what: &str, e: &dyn std::fmt::Display| ApiError::Internal(format!("{what}: {e}"));
    match (download, table) {
        (Some("json"), _) => {
            let body = render_json(&pack).map_err(|e| internal("JSON", &e))?;
            Ok(attachment("application/json", format!("{stem}.json"), body))
        }
        (Some("csv"), Some(t)) => {
            let table: PackTable = t
                .parse()
                .map_err(|e: UnknownTable| ApiError::BadRequest(e.to_string()))?;
            let body = table_csv(&pack, table).map_err(|e| internal("CSV", &e))?;
            Ok(attachment("text/csv; charset=utf-8", format!("{stem}-{t}.csv"), body))
        }
        (download, _) => {
            let body = render_html(&pack).map_err(|e| internal("HTML", &e))?;
            let mut builder = HttpResponse::Ok();
            builder
                .content_type("text/html; charset=utf-8")
                .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY.as_str()))
                .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .insert_header((header::REFERRER_POLICY, "same-origin"));
            if download == Some("html") {
                builder.insert_header(ContentDisposition {
                    disposition: DispositionType::Attachment,
                    parameters: vec![DispositionParam::Filename(format!("{stem}.html"))],
                });
            }
            Ok(builder.body(body))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_the_standard_alphabet_with_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
