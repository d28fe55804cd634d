//! HTML error pages for residents: page not found, consultation closed or not open yet, and forms
//! that could not be accepted. Each says what happened and what to do next, with the honest status.

use super::html::render;
use super::text::uk_date;
use crate::domain::{ConsultationStatus, SurveyDefinition};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

/// A link offered on an error page.
pub struct Link {
    pub href: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "pages/error.html")]
pub struct ErrorPage {
    pub title: String,
    pub easy_read: bool,
    pub paragraphs: Vec<String>,
    pub links: Vec<Link>,
}

fn home_link() -> Link {
    Link {
        href: "/".into(),
        label: "See all consultations".into(),
    }
}

/// 404 for any page path that does not exist (the API keeps its problem+json 404).
pub fn not_found_page() -> HttpResponse {
    render(
        StatusCode::NOT_FOUND,
        &ErrorPage {
            title: "Page not found".into(),
            easy_read: false,
            paragraphs: vec![
                "If you typed the web address, check it is correct.".into(),
                "If you pasted the web address, check you copied the entire address.".into(),
            ],
            links: vec![home_link()],
        },
    )
}

/// 409 for a consultation that is closed or has not opened yet: no form is offered.
pub fn not_accepting_page(definition: &SurveyDefinition, status: ConsultationStatus) -> HttpResponse {
    let (title, paragraphs) = match status {
        ConsultationStatus::Upcoming => (
            format!("{} is not open yet", definition.title),
            vec![
                format!("You can answer it from {}.", uk_date(definition.opens)),
                "Nothing you sent has been saved.".to_string(),
            ],
        ),
        _ => (
            format!("{} is closed", definition.title),
            vec![
                format!(
                    "It closed on {}. It no longer takes answers.",
                    uk_date(definition.closes)
                ),
                "Nothing you sent has been saved.".to_string(),
            ],
        ),
    };
    render(
        StatusCode::CONFLICT,
        &ErrorPage {
            title,
            easy_read: false,
            paragraphs,
            links: vec![
                Link {
                    href: format!("/consultations/{}", definition.id),
                    label: format!("About {}", definition.title),
                },
                home_link(),
            ],
        },
    )
}

/// A form we refused before reading the answers (sent from another website, or not a form at all).
pub fn form_refused_page(status: StatusCode, definition: &SurveyDefinition, reason: &str) -> HttpResponse {
    render(
        status,
        &ErrorPage {
            title: "Your answers could not be sent".into(),
            easy_read: false,
            paragraphs: vec![
                reason.to_string(),
                "Nothing has been saved. Please open the survey on this website and try again.".into(),
            ],
            links: vec![
                Link {
                    href: format!("/consultations/{}/survey", definition.id),
                    label: "Go to the survey".into(),
                },
                home_link(),
            ],
        },
    )
}
