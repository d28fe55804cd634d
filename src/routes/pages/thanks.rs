//! `GET /consultations/{id}/thanks?ref=1a2b3c4d`: the confirmation page after a response is saved.
//! The reference is the first 8 characters of the response's public id: enough to show the answers
//! were saved, nothing that identifies the resident.

use super::errors::not_found_page;
use super::html::render_private;
use super::text::uk_date;
use super::Version;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use uuid::Uuid;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/consultations/{id}/thanks", web::get().to(show));
}

/// Where the resident is sent after saving: the short reference only, and the version they used.
pub fn thanks_path(consultation_id: &str, public_id: &Uuid, version: Version) -> String {
    let reference: String = public_id.simple().to_string().chars().take(8).collect();
    match version {
        Version::Standard => format!("/consultations/{consultation_id}/thanks?ref={reference}"),
        Version::EasyRead => {
            format!("/consultations/{consultation_id}/thanks?ref={reference}&version=easy-read")
        }
    }
}

#[derive(Template)]
#[template(path = "pages/thanks.html")]
pub struct ThanksPage {
    pub title: String,
    pub easy_read: bool,
    pub reference: Option<String>,
    pub organiser: String,
    pub closes: String,
    pub start_href: String,
}

/// The reference if it looks like one (8 hex digits); anything else is not shown back.
fn reference(raw: Option<&str>) -> Option<String> {
    raw.filter(|r| r.len() == 8 && r.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .map(str::to_string)
}

async fn show(req: HttpRequest, state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let Some(definition) = state.consultations.get(&path) else {
        return not_found_page();
    };
    let query: Vec<(String, String)> = serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    let param = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let easy_read = param("version") == Some("easy-read");
    let page = ThanksPage {
        title: if easy_read {
            "Thank you. We have saved your answers".into()
        } else {
            "Thank you — your response has been saved".into()
        },
        easy_read,
        reference: reference(param("ref")),
        organiser: definition.organiser.clone(),
        closes: uk_date(definition.closes),
        start_href: format!("/consultations/{}", definition.id),
    };
    render_private(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_is_the_first_eight_characters_of_the_public_id() {
        let id = Uuid::parse_str("3f2a9c01-5b6d-4e7f-8a9b-0c1d2e3f4a5b").unwrap();
        assert_eq!(
            thanks_path("your-police-2026", &id, Version::Standard),
            "/consultations/your-police-2026/thanks?ref=3f2a9c01"
        );
        assert!(thanks_path("your-police-2026", &id, Version::EasyRead).ends_with("&version=easy-read"));
    }

    #[test]
    fn only_a_reference_shaped_value_is_shown_back() {
        assert_eq!(reference(Some("3f2a9c01")).as_deref(), Some("3f2a9c01"));
        assert_eq!(reference(Some("<script>")), None);
        assert_eq!(reference(Some("3f2a9c0")), None);
        assert_eq!(reference(None), None);
    }
}
