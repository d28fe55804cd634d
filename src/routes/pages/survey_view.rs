//! The survey page: every question of a consultation in its standard or easy-read wording, with the
//! resident's answers and any problems with them. Built from the definition, so it shows exactly
//! the questions the consultation asks.

use super::fields::{Field, RadioGroup, RankGroup};
use super::form::concern_field;
use super::questions::{
    about_you, comment, council_area, likert, ranking, Words, CONFIDENT, CONFIDENT_EASY, SAFE, SAFE_EASY,
};
use super::Version;
use crate::domain::{AnswerField, Geography, ResponseInput, SurveyDefinition, ValidationErrors};
use askama::Template;

/// A link in the error summary.
pub struct ErrorLink {
    pub href: String,
    pub message: String,
}

/// A problem on our side (database unavailable): nothing was saved, the answers are kept.
pub struct Notice {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// A concern's label and what it covers, for the "What these mean" list.
pub struct ConcernHelp {
    pub label: String,
    pub description: String,
}

#[derive(Template)]
#[template(path = "pages/survey.html")]
pub struct SurveyPage {
    pub title: String,
    pub easy_read: bool,
    pub heading: String,
    pub intro: Vec<String>,
    pub action: String,
    pub start_href: String,
    pub other_version_href: String,
    pub other_version_label: String,
    pub errors: Vec<ErrorLink>,
    pub notice: Option<Notice>,
    /// The form's single-use token, in a hidden field.
    pub form_token: String,
    pub council_area: Field,
    pub postcode_district: Option<Field>,
    pub feel_safe: RadioGroup,
    pub confidence: RadioGroup,
    pub concerns: RankGroup,
    pub concern_help: Vec<ConcernHelp>,
    pub comment: Field,
    pub about_you: Vec<RadioGroup>,
}

/// Where the error summary sends the resident for each field: the control itself (for radios and
/// the ranking, the first one), so that following the link puts focus where the answer goes.
pub fn error_href(field: &str) -> String {
    match field.parse::<AnswerField>() {
        Ok(AnswerField::Concerns) => format!("#{}", concern_field(1)),
        Ok(answer) => format!("#{answer}"),
        Err(_) => "#survey-form".into(),
    }
}

/// The path the survey is shown at (and posts to) in each version.
pub fn survey_path(id: &str, version: Version) -> String {
    match version {
        Version::Standard => format!("/consultations/{id}/survey"),
        Version::EasyRead => format!("/consultations/{id}/easy-read"),
    }
}

/// Splits easy-read text into one sentence per line, as the easy-read plans lay it out.
fn sentences(text: &str) -> Vec<String> {
    text.split_inclusive(". ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Builds the whole page. `errors` empty means a fresh form (or one re-shown after `notice`).
pub fn survey_page(
    definition: &SurveyDefinition,
    geography: &Geography,
    version: Version,
    input: &ResponseInput,
    errors: &ValidationErrors,
    notice: Option<Notice>,
    form_token: &str,
) -> SurveyPage {
    let words = Words { version, errors };
    let id = definition.id.as_str();
    let (heading, intro) = heading_and_intro(definition, version);
    let (other_version_href, other_version_label) = other_version_link(id, version);
    let questions = &definition.questions;
    SurveyPage {
        title: page_title(definition, version, !errors.is_empty()),
        easy_read: version.is_easy_read(),
        heading,
        intro,
        action: survey_path(id, version),
        start_href: format!("/consultations/{id}"),
        other_version_href,
        other_version_label,
        errors: error_links(&words),
        notice,
        form_token: form_token.to_string(),
        council_area: council_area(definition, geography, input, &words),
        postcode_district: postcode_district(definition, input, &words),
        feel_safe: likert(
            "feel_safe",
            &questions.feel_safe,
            if words.version.is_easy_read() { SAFE_EASY } else { SAFE },
            &input.feel_safe,
            &words,
        ),
        confidence: likert(
            "confidence",
            &questions.confidence,
            if words.version.is_easy_read() {
                CONFIDENT_EASY
            } else {
                CONFIDENT
            },
            &input.confidence,
            &words,
        ),
        concerns: ranking(definition, input, &words),
        concern_help: concern_help(definition, version),
        comment: comment(definition, input, &words),
        about_you: if questions.demographics {
            about_you(input, &words)
        } else {
            Vec::new()
        },
    }
}

/// The heading, and the paragraphs under it: a reminder in the standard version, the summary
/// sentence by sentence in the easy-read one.
fn heading_and_intro(definition: &SurveyDefinition, version: Version) -> (String, Vec<String>) {
    match version {
        Version::Standard => (
            definition.title.clone(),
            vec!["Your answers are anonymous. You can skip any question marked (optional).".to_string()],
        ),
        Version::EasyRead => (
            definition.easy_read_title.clone(),
            sentences(&definition.easy_read_summary),
        ),
    }
}

/// The page's `<title>`, starting "Error: " when the answers have problems.
fn page_title(definition: &SurveyDefinition, version: Version, has_errors: bool) -> String {
    // Not the start page's title: the two pages need different names in tabs and history.
    let page_name = match version {
        Version::Standard => format!("{}: the survey", definition.title),
        Version::EasyRead => format!("{}: easy read survey", definition.title),
    };
    if has_errors {
        format!("Error: {page_name}")
    } else {
        page_name
    }
}

/// The link to the same survey in the other version, and its text.
fn other_version_link(id: &str, version: Version) -> (String, String) {
    match version {
        Version::Standard => (
            survey_path(id, Version::EasyRead),
            "Easy read version of this survey".to_string(),
        ),
        Version::EasyRead => (
            survey_path(id, Version::Standard),
            "Standard version of this survey".to_string(),
        ),
    }
}

/// The error summary: one link per problem, in the wording of the page's version.
fn error_links(words: &Words<'_>) -> Vec<ErrorLink> {
    words
        .errors
        .errors
        .iter()
        .filter_map(|e| {
            words.error(&e.field).map(|message| ErrorLink {
                href: error_href(&e.field),
                message,
            })
        })
        .collect()
}

/// The optional postcode district question, when the consultation asks it.
fn postcode_district(definition: &SurveyDefinition, input: &ResponseInput, words: &Words<'_>) -> Option<Field> {
    definition.questions.postcode_district.as_ref().map(|w| {
        let (text, hint) = words.question(w);
        Field::new(
            "postcode_district",
            words.optional(text),
            hint,
            words.error("postcode_district"),
        )
        .with_value(input.postcode_district.as_deref())
    })
}

/// What each concern covers, listed under the standard version's ranking question.
fn concern_help(definition: &SurveyDefinition, version: Version) -> Vec<ConcernHelp> {
    match version {
        Version::Standard => definition
            .concerns
            .iter()
            .map(|c| ConcernHelp {
                label: c.label.clone(),
                description: c.description.clone(),
            })
            .collect(),
        Version::EasyRead => Vec::new(),
    }
}
