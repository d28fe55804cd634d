//! Hand-built consultation, geography and state for the page tests (no files, no database).

use crate::domain::{
    Concern, ConcernId, ConsultationId, CouncilArea, CouncilAreaCode, Coverage, Division, DivisionCode, Geography,
    QuestionWording, Questions, SurveyDefinition,
};
use crate::state::{AppState, Consultations};
use chrono::NaiveDate;
use std::time::Duration;

fn wording(text: &str, hint: Option<&str>, easy: &str, easy_hint: Option<&str>) -> QuestionWording {
    QuestionWording {
        text: text.into(),
        hint: hint.map(Into::into),
        easy_read_text: easy.into(),
        easy_read_hint: easy_hint.map(Into::into),
    }
}

fn concern(id: &str, label: &str, easy: &str) -> Concern {
    Concern {
        id: ConcernId::parse(id).unwrap(),
        label: label.into(),
        easy_read_label: easy.into(),
        description: format!("About {label}."),
    }
}

/// An open-all-year consultation covering Division J (Lothians and Scottish Borders).
pub fn definition() -> SurveyDefinition {
    SurveyDefinition {
        id: ConsultationId::parse("your-police-2026").unwrap(),
        title: "Your Police 2026".into(),
        easy_read_title: "Your Police 2026: tell us about the police where you live".into(),
        summary:
            "Your Police is Police Scotland's survey about policing where you live.\n\nIt takes about five minutes."
                .into(),
        easy_read_summary: "This survey asks what you think about the police where you live.".into(),
        organiser: "Police Scotland".into(),
        opens: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        closes: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
        coverage: Coverage::Divisions(vec![DivisionCode::parse("J").unwrap()]),
        previous: None,
        questions: questions(),
        max_ranked: 3,
        comment_max_chars: 2000,
        suppression_threshold: 10,
        low_base_threshold: 50,
        concerns: concerns(),
        priorities: Vec::new(),
        themes: Vec::new(),
    }
}

/// The standard question set, asking for the postcode district and the demographics.
fn questions() -> Questions {
    Questions {
        council_area: wording(
            "Which council area do you live in?",
            Some("This is the council you pay council tax to."),
            "Where do you live?",
            Some("Choose your council area."),
        ),
        postcode_district: Some(wording(
            "What is the first part of your postcode?",
            Some("For example, EH12 or G2."),
            "What is the first part of your postcode?",
            Some("For example, EH12 or G2. Only write the first part."),
        )),
        feel_safe: wording(
            "How safe do you feel in your local area?",
            Some("Think about where you live, during the day and after dark."),
            "Do you feel safe where you live?",
            Some("Choose one answer."),
        ),
        confidence: wording(
            "How confident are you that the police in your local area can deal with the things that matter to you?",
            None,
            "Do you think the police where you live can sort out the things that worry you?",
            Some("Choose one answer."),
        ),
        concerns: wording(
            "Which of these matter most to you in your local area?",
            Some("Choose up to 3, starting with the one that matters most to you."),
            "What worries you most where you live?",
            Some("Pick up to 3 things. Put the one that worries you most first."),
        ),
        comment: wording(
            "Is there anything else you would like to tell us about policing in your local area?",
            Some("Please do not include names. You can write up to 2000 characters."),
            "Is there anything else you want to tell us?",
            Some("Please do not write anyone's name. You can leave this empty."),
        ),
        demographics: true,
    }
}

/// Four concerns, in the order the form lists them.
fn concerns() -> Vec<Concern> {
    vec![
        concern(
            "drug_dealing",
            "Drug dealing and drug misuse",
            "People selling or taking drugs",
        ),
        concern(
            "antisocial_behaviour",
            "Antisocial behaviour",
            "People causing trouble, noise or upset",
        ),
        concern(
            "speeding",
            "Speeding and dangerous driving",
            "Cars going too fast or driving badly",
        ),
        concern(
            "online_fraud",
            "Online fraud, scams and cyber crime",
            "Tricks and scams on the internet, phone or text",
        ),
    ]
}

fn area(code: &str, name: &str, division: &str) -> CouncilArea {
    CouncilArea {
        code: CouncilAreaCode::parse(code).unwrap(),
        name: name.into(),
        division: DivisionCode::parse(division).unwrap(),
        population_total: 100_000,
    }
}

/// Four Division J areas (deliberately not in name order) and one outside it.
pub fn geography() -> Geography {
    Geography::new(
        vec![
            Division {
                code: DivisionCode::parse("J").unwrap(),
                name: "Lothians and Scottish Borders".into(),
            },
            Division {
                code: DivisionCode::parse("G").unwrap(),
                name: "Greater Glasgow".into(),
            },
        ],
        vec![
            area("S12000036", "City of Edinburgh", "J"),
            area("S12000026", "Scottish Borders", "J"),
            area("S12000019", "Midlothian", "J"),
            area("S12000010", "East Lothian", "J"),
            area("S12000049", "Glasgow City", "G"),
        ],
    )
}

/// State whose database never answers (nothing listens on port 1): a submission that passes
/// validation meets `ApiError::Unavailable`.
pub fn state_without_database(definitions: Vec<SurveyDefinition>) -> AppState {
    AppState::new(
        crate::db::pool::build_pool("postgres://nobody@127.0.0.1:1/none", 1, Duration::from_millis(300)),
        geography(),
        crate::domain::population::PopulationMargins::new(2022, "test", Default::default()),
        Consultations::new(definitions),
        Vec::new(),
        // Handler tests post forms straight after serving them, and repeatedly.
        crate::state::AppSettings {
            protection: crate::config::ProtectionSettings::off(),
            ..crate::state::AppSettings::for_one_instance()
        },
    )
    .unwrap_or_else(|e| panic!("test state: {e}"))
}
