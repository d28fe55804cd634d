//! `GET /static/localvoice.css`: the one stylesheet, compiled into the binary so the service has no
//! files to find at run time. A separate file (not inline styles) lets the Content-Security-Policy
//! refuse every inline style and script.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

const STYLESHEET: &str = include_str!("../../../static/localvoice.css");

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/static/localvoice.css", web::get().to(stylesheet));
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(STYLESHEET)
}
