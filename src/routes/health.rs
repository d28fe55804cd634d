//! `/livez` (the process is up) and `/readyz` (the database answers within 2 seconds: a checkout
//! from the pool, which waits at most `LOCALVOICE_DB_CHECKOUT_TIMEOUT_MS`, and `SELECT 1`).

use crate::state::AppState;
use actix_web::{web, HttpResponse};
use serde::Serialize;
use std::time::Duration;
use utoipa::ToSchema;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/livez", web::get().to(livez))
        .route("/readyz", web::get().to(readyz));
}

/// `/livez`: always `ok` while the process serves requests.
#[derive(Debug, Serialize, ToSchema)]
pub struct Liveness {
    #[schema(example = "ok")]
    status: &'static str,
}

/// `/readyz`: `ready` with `database: ok`, or `unavailable` with why.
#[derive(Debug, Serialize, ToSchema)]
pub struct Readiness {
    /// `ready` or `unavailable`.
    status: &'static str,
    /// `ok`, `unreachable` or `timed out`.
    database: &'static str,
}

/// The process is up (says nothing about the database).
#[utoipa::path(get, path = "/livez", tag = "health", responses((status = 200, body = Liveness)))]
pub(crate) async fn livez() -> HttpResponse {
    HttpResponse::Ok().json(Liveness { status: "ok" })
}

/// The service can take requests: its database answers.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "health",
    responses(
        (status = 200, body = Readiness),
        (status = 503, body = Readiness, description = "The database is down or too slow",
            headers(("Retry-After" = String, description = "Seconds to wait")))
    )
)]
pub(crate) async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let check = crate::db::run(&state.pool, crate::db::pool::ping);
    let unavailable = |database| {
        HttpResponse::ServiceUnavailable()
            .insert_header(("Retry-After", "10"))
            .json(Readiness {
                status: "unavailable",
                database,
            })
    };
    match tokio::time::timeout(Duration::from_secs(2), check).await {
        Ok(Ok(())) => HttpResponse::Ok().json(Readiness {
            status: "ready",
            database: "ok",
        }),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness check failed");
            unavailable("unreachable")
        }
        Err(_) => unavailable("timed out"),
    }
}
