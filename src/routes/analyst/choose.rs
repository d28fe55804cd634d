//! `GET /analyst`: choose a consultation, an area (Scotland, a police division or a council area, in
//! one grouped select) and, optionally, what to compare with. The form submits with GET to
//! `/analyst/results`. A query string fills it in (the "Change area" link on the results page); when
//! it names a consultation, only the areas that consultation covers are offered.

use super::query::{self, Place};
use crate::domain::{ConsultationStatus, CouncilArea, Geography, SurveyDefinition};
use crate::routes::pages::html::render;
use crate::state::{status_today, AppState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

/// One `<option>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "analyst/choose.html")]
pub struct ChoosePage {
    pub title: String,
    pub easy_read: bool,
    pub consultations: Vec<Choice>,
    pub scotland_selected: bool,
    pub divisions: Vec<Choice>,
    pub areas: Vec<Choice>,
    pub compare: Vec<Choice>,
    /// Says that the areas are those of one consultation, when they are.
    pub coverage_note: Option<String>,
    /// Divisions for the evidence pack form (value: the division letter).
    pub pack_divisions: Vec<Choice>,
}

fn status_word(status: ConsultationStatus) -> &'static str {
    match status {
        ConsultationStatus::Open => "open",
        ConsultationStatus::Upcoming => "not open yet",
        ConsultationStatus::Closed => "closed",
    }
}

/// The consultations, each with whether it is open.
fn consultation_choices(
    definitions: &[SurveyDefinition],
    status: impl Fn(&SurveyDefinition) -> ConsultationStatus,
    selected: Option<&SurveyDefinition>,
) -> Vec<Choice> {
    definitions
        .iter()
        .map(|d| Choice {
            value: d.id.to_string(),
            label: format!("{} ({})", d.title, status_word(status(d))),
            selected: selected.is_some_and(|s| s.id == d.id),
        })
        .collect()
}

/// The areas `covered` lets through, by name.
fn area_choices(geography: &Geography, covered: impl Fn(&CouncilArea) -> bool, place: Option<&Place>) -> Vec<Choice> {
    let mut areas: Vec<Choice> = geography
        .areas
        .iter()
        .filter(|a| covered(a))
        .map(|a| Choice {
            value: Place::Area(a.code.to_string()).form_value(),
            label: a.name.clone(),
            selected: place == Some(&Place::Area(a.code.to_string())),
        })
        .collect();
    areas.sort_by(|a, b| a.label.cmp(&b.label));
    areas
}

/// No comparison, the previous wave (named when the consultation has one) or the rest of the division.
fn compare_choices(
    definitions: &[SurveyDefinition],
    selected: Option<&SurveyDefinition>,
    compare: &str,
) -> Vec<Choice> {
    let previous_title = selected
        .and_then(|d| d.previous.as_ref())
        .and_then(|p| definitions.iter().find(|d| &d.id == p))
        .map(|d| d.title.clone());
    [
        ("", "No comparison".to_string()),
        (
            "previous",
            match previous_title {
                Some(title) => format!("The previous wave ({title})"),
                None => "The previous wave of the consultation".to_string(),
            },
        ),
        (
            "division",
            "The rest of the police division (for a council area)".to_string(),
        ),
    ]
    .into_iter()
    .map(|(value, label)| Choice {
        value: value.to_string(),
        label,
        selected: compare == value,
    })
    .collect()
}

/// The choice page, filled in from `chosen` (consultation, place, compare choice).
pub fn choose_page(
    definitions: &[SurveyDefinition],
    geography: &Geography,
    status: impl Fn(&SurveyDefinition) -> ConsultationStatus,
    chosen: (Option<&str>, Option<&Place>, Option<&str>),
) -> ChoosePage {
    let (consultation, place, compare) = chosen;
    let selected_definition = consultation.and_then(|id| definitions.iter().find(|d| d.id.as_str() == id));
    let covered = |area: &CouncilArea| selected_definition.is_none_or(|d| d.coverage.covers(area));
    // The divisions with a covered council area, once with the results form's values and once
    // with the evidence pack form's (the division letter).
    let division_choices = |value: &dyn Fn(&str) -> String| -> Vec<Choice> {
        geography
            .divisions
            .iter()
            .filter(|division| geography.areas_in(&division.code).any(covered))
            .map(|division| Choice {
                value: value(division.code.as_str()),
                label: format!("{} ({} Division)", division.name, division.code),
                selected: place == Some(&Place::Division(division.code.to_string())),
            })
            .collect()
    };
    ChoosePage {
        title: "Weighted consultation results".into(),
        easy_read: false,
        consultations: consultation_choices(definitions, status, selected_definition),
        scotland_selected: place.is_none_or(|p| *p == Place::Scotland),
        divisions: division_choices(&|code| Place::Division(code.to_string()).form_value()),
        areas: area_choices(geography, covered, place),
        compare: compare_choices(definitions, selected_definition, compare.unwrap_or("")),
        coverage_note: selected_definition.map(|d| format!("The areas listed are those {} covers.", d.title)),
        pack_divisions: division_choices(&|code| code.to_string()),
    }
}

/// The form; a query string it does not understand just leaves the form empty.
pub async fn show(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let chosen = query::parse(req.query_string()).unwrap_or_default();
    let place = chosen.place.as_deref().and_then(Place::parse);
    let page = choose_page(
        state.consultations.all(),
        &state.geography,
        status_today,
        (
            chosen.consultation.as_deref(),
            place.as_ref(),
            chosen.compare_with.as_ref().map(|c| c.as_str()),
        ),
    );
    render(StatusCode::OK, &page)
}
