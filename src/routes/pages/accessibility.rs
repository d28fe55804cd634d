//! `GET /accessibility`: the accessibility statement for the resident-facing pages.

use super::html::render;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/accessibility", web::get().to(show));
}

#[derive(Template)]
#[template(path = "pages/accessibility.html")]
pub struct AccessibilityPage {
    pub title: String,
    pub easy_read: bool,
}

async fn show() -> HttpResponse {
    render(
        StatusCode::OK,
        &AccessibilityPage {
            title: "Accessibility statement for LocalVoice".into(),
            easy_read: false,
        },
    )
}
