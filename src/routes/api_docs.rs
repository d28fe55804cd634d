//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of the JSON API and the health checks,
//! generated with utoipa from the handlers' `#[utoipa::path]` attributes and the request and
//! response types' `ToSchema` derives, so it changes with the code. `tests/api/openapi.rs` checks
//! that it lists every registered API route and that real answers match it.

use crate::error::{FieldProblem, Problem};
use crate::routes::{api_consultations, api_responses, api_results, health};
use actix_web::{web, HttpResponse};
use std::sync::OnceLock;
use utoipa::OpenApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/openapi.json", web::get().to(openapi_json));
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "LocalVoice API",
        description = "Public consultations for local policing in Scotland: consultations, \
                       residents' responses and published results. Errors are RFC 9457 \
                       application/problem+json."
    ),
    paths(
        health::livez,
        health::readyz,
        api_consultations::list,
        api_consultations::show,
        api_responses::create,
        api_results::results_json,
        api_results::results_csv,
        openapi_json,
    ),
    components(schemas(Problem, FieldProblem))
)]
pub struct ApiDoc;

/// The document as served (also used by the tests).
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The methods the document lists for `path` (a `{…}` in a documented path matches any one
/// segment), like `GET, POST`; None when no documented path matches.
pub fn methods_at(path: &str) -> Option<String> {
    static ROUTES: OnceLock<Vec<(Vec<String>, String)>> = OnceLock::new();
    let routes = ROUTES.get_or_init(|| {
        let doc = serde_json::to_value(document()).unwrap_or_default();
        let paths = doc["paths"].as_object().cloned().unwrap_or_default();
        paths
            .into_iter()
            .map(|(template, item)| {
                let methods: Vec<String> = item
                    .as_object()
                    .map(|ops| ops.keys().map(|m| m.to_uppercase()).collect())
                    .unwrap_or_default();
                (template.split('/').map(str::to_string).collect(), methods.join(", "))
            })
            .collect()
    });
    let segments: Vec<&str> = path.split('/').collect();
    routes
        .iter()
        .find(|(template, _)| {
            template.len() == segments.len()
                && template
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()))
        })
        .map(|(_, methods)| methods.clone())
}

/// This document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = serde_json::Value))
)]
pub(crate) async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(document())
}
