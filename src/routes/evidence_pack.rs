//! `GET /analyst/evidence-pack?consultation=ID&division=CODE[&compare_with=ID|none]`: the evidence
//! pack of a division as its self-contained HTML page; `&download=html|json` returns the same pack
//! as an attachment, and `&download=csv&table=NAME` one of its tables (names in
//! `crate::evidence::pack::render::TABLES`). The pack comes from
//! [`crate::evidence::service::EvidenceService::pack`], as `localvoice evidence-pack`'s does. Anything wrong with the
//! request is an HTML error page with its honest status (400, 404, 503), never a 500 for bad input.
//! Reads no environment variables.

use crate::error::ApiError;
use crate::evidence::pack::render::{render_html, render_json, table_csv, PackTable, PACK_CSS, TABLES};
use crate::evidence::pack::EvidencePack;
use crate::evidence::service::PackRequest;
use crate::results::request::DEFAULT_WEB_REPLICATES;
use crate::results::CompareWith;
use crate::routes::query_fields::blank_as_none;
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

/// What the page is asked to return (`download=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Download {
    Html,
    Json,
    Csv,
}

impl std::str::FromStr for Download {
    type Err = String;
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw {
            "html" => Ok(Download::Html),
            "json" => Ok(Download::Json),
            "csv" => Ok(Download::Csv),
            other => Err(format!("download must be html, json or csv, not '{other}'")),
        }
    }
}

/// The query string.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackQuery {
    consultation: Option<String>,
    division: Option<String>,
    /// Another consultation's id, `previous` or `none`; by default the consultation's `previous`.
    #[serde(default, deserialize_with = "blank_as_none")]
    compare_with: Option<CompareWith>,
    #[serde(default, deserialize_with = "blank_as_none")]
    download: Option<Download>,
    #[serde(default, deserialize_with = "blank_as_none")]
    table: Option<PackTable>,
}

/// The page allows exactly its own inline style sheet (by hash) and nothing else.
static CONTENT_SECURITY_POLICY: LazyLock<String> = LazyLock::new(|| {
    use base64::Engine;
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(PACK_CSS.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         base-uri 'none'"
    )
});

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

/// The pack the query asks for, and which rendering of it.
fn parse(query_string: &str) -> Result<(PackRequest, Option<Download>, Option<PackTable>), ApiError> {
    let q: PackQuery = serde_urlencoded::from_str(query_string)
        .map_err(|e| ApiError::BadRequest(format!("the web address has a problem: {e}")))?;
    let table = match (q.download, q.table) {
        (Some(Download::Csv), Some(t)) => Some(t),
        (Some(Download::Csv), None) => {
            return Err(ApiError::BadRequest(format!(
                "the CSV download needs table= one of {}",
                TABLES.join(", ")
            )))
        }
        (_, Some(_)) => return Err(ApiError::BadRequest("table= only goes with download=csv".into())),
        _ => None,
    };
    let request = PackRequest {
        consultation: required(&q.consultation, "consultation", "your-police-2026")?.to_string(),
        division: required(&q.division, "division", "J")?.to_string(),
        compare_with: q.compare_with,
        bootstrap: DEFAULT_WEB_REPLICATES,
        seed: BootstrapOptions::default().seed,
        generated_on: crate::state::today(),
    };
    Ok((request, q.download, table))
}

async fn respond(state: &AppState, req: &HttpRequest) -> Result<HttpResponse, ApiError> {
    let (request, download, table) = parse(req.query_string())?;
    let pack = state.evidence.pack(&request).await?.pack.clone();
    render(&pack, download, table)
}

/// The pack as its page, or as the download asked for.
fn render(pack: &EvidencePack, download: Option<Download>, table: Option<PackTable>) -> Result<HttpResponse, ApiError> {
    let stem = format!("evidence-pack-{}-{}", pack.consultation.id, pack.division.code);
    let internal = |what: &str, e: &dyn std::fmt::Display| ApiError::Internal(format!("{what}: {e}"));
    match (download, table) {
        (Some(Download::Json), _) => {
            let body = render_json(pack).map_err(|e| internal("JSON", &e))?;
            Ok(attachment("application/json", format!("{stem}.json"), body))
        }
        (Some(Download::Csv), Some(t)) => {
            let body = table_csv(pack, t).map_err(|e| internal("CSV", &e))?;
            Ok(attachment(
                "text/csv; charset=utf-8",
                format!("{stem}-{}.csv", t.as_str()),
                body,
            ))
        }
        (download, _) => {
            let body = render_html(pack).map_err(|e| internal("HTML", &e))?;
            let mut builder = HttpResponse::Ok();
            builder
                .content_type("text/html; charset=utf-8")
                .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY.as_str()))
                .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .insert_header((header::REFERRER_POLICY, "same-origin"));
            if download == Some(Download::Html) {
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
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    #[test]
    fn a_blank_comparison_means_the_default_and_none_means_none() {
        let (request, download, table) = parse("consultation=c&division=J&compare_with=").unwrap();
        assert_eq!((request.compare_with, download, table), (None, None, None));
        let (request, ..) = parse("consultation=c&division=J&compare_with=none").unwrap();
        assert_eq!(request.compare_with, Some(CompareWith::None));
        let (request, ..) = parse("consultation=c&division=J&compare_with=your-police-2025").unwrap();
        assert_eq!(request.compare_with.unwrap().as_str(), "your-police-2025");
    }

    #[test]
    fn downloads_are_checked_before_any_work_is_done() {
        let (_, download, table) = parse("consultation=c&division=J&download=csv&table=priorities").unwrap();
        assert_eq!((download, table), (Some(Download::Csv), Some(PackTable::Priorities)));
        for (query, says) in [
            (
                "consultation=c&division=J&download=pdf",
                "download must be html, json or csv, not 'pdf'",
            ),
            (
                "consultation=c&division=J&download=csv",
                "the CSV download needs table=",
            ),
            (
                "consultation=c&division=J&table=priorities",
                "table= only goes with download=csv",
            ),
            ("division=J", "consultation is missing"),
            ("consultation=c&division=+", "division is missing"),
        ] {
            let error = parse(query).unwrap_err().to_string();
            assert!(error.contains(says), "{query}: {error}");
        }
    }
}
