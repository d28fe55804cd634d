//! `GET /`: what LocalVoice is, and every consultation: open ones to start, upcoming ones with their
//! opening date, closed ones marked closed.

use super::html::render;
use super::text::{paragraphs, uk_date};
use crate::domain::{ConsultationStatus, SurveyDefinition};
use crate::state::{status_today, AppState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(show));
}

/// One consultation in a list on the landing page.
pub struct ConsultationCard {
    pub id: String,
    pub title: String,
    pub organiser: String,
    pub summary: String,
    /// Follows the status tag: "(Open) until 31 March 2027", "(Not open yet) Opens on 1 April 2027",
    /// "(Closed) on 31 March 2026".
    pub when: String,
}

#[derive(Template)]
#[template(path = "pages/home.html")]
pub struct HomePage {
    pub title: String,
    pub easy_read: bool,
    pub open: Vec<ConsultationCard>,
    pub upcoming: Vec<ConsultationCard>,
    pub closed: Vec<ConsultationCard>,
}

fn card(definition: &SurveyDefinition, status: ConsultationStatus) -> ConsultationCard {
    let when = match status {
        ConsultationStatus::Open => format!("until {}", uk_date(definition.closes)),
        ConsultationStatus::Upcoming => format!("Opens on {}", uk_date(definition.opens)),
        ConsultationStatus::Closed => format!("on {}", uk_date(definition.closes)),
    };
    ConsultationCard {
        id: definition.id.to_string(),
        title: definition.title.clone(),
        organiser: definition.organiser.clone(),
        summary: paragraphs(&definition.summary).into_iter().next().unwrap_or_default(),
        when,
    }
}

/// Groups the consultations (newest first within each group) for the landing page.
pub fn home_page(
    definitions: &[SurveyDefinition],
    status: impl Fn(&SurveyDefinition) -> ConsultationStatus,
) -> HomePage {
    let mut page = HomePage {
        title: "Tell Police Scotland what matters where you live".into(),
        easy_read: false,
        open: Vec::new(),
        upcoming: Vec::new(),
        closed: Vec::new(),
    };
    for definition in definitions {
        let s = status(definition);
        let list = match s {
            ConsultationStatus::Open => &mut page.open,
            ConsultationStatus::Upcoming => &mut page.upcoming,
            ConsultationStatus::Closed => &mut page.closed,
        };
        list.push(card(definition, s));
    }
    page
}

async fn show(state: web::Data<AppState>) -> HttpResponse {
    render(StatusCode::OK, &home_page(state.consultations.all(), status_today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::pages::test_support::definition;
    use askama::Template;

    #[test]
    fn the_landing_page_sorts_consultations_by_status_with_uk_dates() {
        let mut closed = definition();
        closed.id = crate::domain::ConsultationId::parse("your-police-2025").unwrap();
        closed.title = "Your Police 2025".into();
        closed.closes = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let open = definition();
        let page = home_page(&[open.clone(), closed], |d| {
            if d.id == open.id {
                ConsultationStatus::Open
            } else {
                ConsultationStatus::Closed
            }
        });
        let html = page.render().unwrap();
        assert!(html.contains("<html lang=\"en-GB\">"));
        assert!(html.contains("Open</strong> until 31 March 2027"), "{html}");
        assert!(html.contains("Closed</strong> on 31 March 2026."));
        assert!(html.contains("href=\"/consultations/your-police-2026\""));
        assert!(html.contains("No consultations are coming up"), "{html}");
    }
}
