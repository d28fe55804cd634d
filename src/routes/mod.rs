//! HTTP routes, one file per resource. Handlers extract the request, parse it into domain or
//! request types, call one service function (`crate::results::ResultsService`,
//! `crate::evidence::service`, `crate::submission`) and render the answer or map the error.

pub mod analyst;
pub mod api_consultations;
pub mod api_docs;
pub mod api_responses;
pub mod api_results;
pub mod evidence_pack;
pub mod health;
pub mod pages;
pub mod query_fields;
pub mod throttle;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    health::configure(cfg);
    api_consultations::configure(cfg);
    api_responses::configure(cfg);
    api_results::configure(cfg);
    api_docs::configure(cfg);
    pages::configure(cfg);
    analyst::configure(cfg);
    evidence_pack::configure(cfg);
    cfg.default_service(web::to(not_found));
}

/// Nothing matched: 405 with `Allow` for a documented API path asked with another method,
/// problem+json under `/api/`, an HTML "Page not found" everywhere else.
async fn not_found(req: actix_web::HttpRequest) -> Result<actix_web::HttpResponse, crate::error::ApiError> {
    if let Some(allowed) = api_docs::methods_at(req.path()) {
        return Err(crate::error::ApiError::MethodNotAllowed(allowed));
    }
    if !req.path().starts_with("/api/") {
        return Ok(pages::not_found_page());
    }
    Err(crate::error::ApiError::NotFound(format!(
        "there is nothing at {}",
        req.path()
    )))
}
