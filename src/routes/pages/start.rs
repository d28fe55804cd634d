//! `GET /consultations/{id}`: the start page. What the consultation is, who runs it, when it is
//! open, how long it takes, that it is anonymous and what happens to the answers; a start button
//! and the easy-read version while it is open, a plain "closed" or "not open yet" otherwise.

use super::errors::not_found_page;
use super::html::render;
use super::text::{paragraphs, uk_date};
use crate::domain::{ConsultationStatus, SurveyDefinition};
use crate::state::{status_today, AppState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/consultations/{id}", web::get().to(show));
}

#[derive(Template)]
#[template(path = "pages/start.html")]
pub struct StartPage {
    pub title: String,
    pub easy_read: bool,
    pub id: String,
    pub organiser: String,
    pub summary: Vec<String>,
    pub is_open: bool,
    pub is_upcoming: bool,
    pub opens: String,
    pub closes: String,
    pub asks_postcode: bool,
    pub asks_demographics: bool,
}

pub fn start_page(definition: &SurveyDefinition, status: ConsultationStatus) -> StartPage {
    StartPage {
        title: definition.title.clone(),
        easy_read: false,
        id: definition.id.to_string(),
        organiser: definition.organiser.clone(),
        summary: paragraphs(&definition.summary),
        is_open: status == ConsultationStatus::Open,
        is_upcoming: status == ConsultationStatus::Upcoming,
        opens: uk_date(definition.opens),
        closes: uk_date(definition.closes),
        asks_postcode: definition.questions.postcode_district.is_some(),
        asks_demographics: definition.questions.demographics,
    }
}

async fn show(state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    match state.consultations.get(&path) {
        Some(definition) => render(StatusCode::OK, &start_page(definition, status_today(definition))),
        None => not_found_page(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::pages::test_support::definition;

    #[test]
    fn an_open_consultation_offers_the_survey_and_the_easy_read_version() {
        let html = start_page(&definition(), ConsultationStatus::Open).render().unwrap();
        assert!(html.contains("href=\"/consultations/your-police-2026/survey\""));
        assert!(html.contains("href=\"/consultations/your-police-2026/easy-read\""));
        assert!(html.contains("31 March 2027"));
        assert!(html.contains("anonymous"));
        assert!(
            html.contains("we do not keep your IP address"),
            "the start page says so"
        );
        assert!(
            html.contains("We do not keep your IP address") && html.contains("replaced every day"),
            "and so does every page's privacy note"
        );
    }

    #[test]
    fn a_closed_consultation_says_so_and_offers_no_survey() {
        let html = start_page(&definition(), ConsultationStatus::Closed).render().unwrap();
        assert!(html.contains("This consultation closed on 31 March 2027"), "{html}");
        assert!(!html.contains("/survey\""));
        let html = start_page(&definition(), ConsultationStatus::Upcoming)
            .render()
            .unwrap();
        assert!(html.contains("This consultation opens on 1 April 2026"), "{html}");
        assert!(!html.contains("/survey\""));
    }
}
