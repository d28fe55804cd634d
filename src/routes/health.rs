//! `/livez` (the process is up) and `/readyz` (the database answers within 2 seconds).

use crate::state::AppState;
use actix_web::{web, HttpResponse};
use std::time::Duration;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/livez", web::get().to(livez))
        .route("/readyz", web::get().to(readyz));
}

async fn livez() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let check = crate::db::run(&state.pool, crate::db::pool::ping);
    match tokio::time::timeout(Duration::from_secs(2), check).await {
        Ok(Ok(())) => HttpResponse::Ok().json(serde_json::json!({ "status": "ready", "database": "ok" })),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness check failed");
            HttpResponse::ServiceUnavailable()
                .insert_header(("Retry-After", "10"))
                .json(serde_json::json!({ "status": "unavailable", "database": "unreachable" }))
        }
        Err(_) => HttpResponse::ServiceUnavailable()
            .insert_header(("Retry-After", "10"))
            .json(serde_json::json!({ "status": "unavailable", "database": "timed out" })),
    }
}
