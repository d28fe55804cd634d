//! The survey page: every question of a consultation in its standard or easy-read wording, with the
//! resident's answers and any problems with them. Built from the definition, so it shows exactly
//! the questions the consultation asks.

use super::fields::{Field, RadioGroup, RankGroup};
use super::form::concern_field;
use super::text::{sentence_case, thousands};
use super::Version;
use crate::domain::ranking::ordinal;
use crate::domain::{AgeBand, Geography, QuestionWording, ResponseInput, SurveyDefinition, ValidationErrors};
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
    match field {
        "concerns" => format!("#{}", concern_field(1)),
        "council_area" | "postcode_district" | "feel_safe" | "confidence" | "comment" | "age_band" | "sex"
        | "disability" => format!("#{field}"),
        _ => "#survey-form".into(),
    }
}

/// The path the survey is shown at (and posts to) in each version.
pub fn survey_path(id: &str, version: Version) -> String {
    match version {
        Version::Standard => format!("/consultations/{id}/survey"),
        Version::EasyRead => format!("/consultations/{id}/easy-read"),
    }
}

struct Words<'a> {
    version: Version,
    errors: &'a ValidationErrors,
}

impl Words<'_> {
    fn pick<'s>(&self, standard: &'s str, easy: &'s str) -> &'s str {
        if self.version.is_easy_read() {
            easy
        } else {
            standard
        }
    }

    fn question(&self, w: &QuestionWording) -> (String, Option<String>) {
        match self.version {
            Version::Standard => (w.text.clone(), w.hint.clone()),
            Version::EasyRead => (w.easy_read_text.clone(), w.easy_read_hint.clone()),
        }
    }

    fn optional(&self, text: String) -> String {
        format!("{text} {}", self.pick("(optional)", "(you can skip this)"))
    }

    /// The domain's message for a field, as a sentence; in easy read, plainer words for the
    /// problems residents actually meet (the others come only from tampered forms).
    fn error(&self, field: &str) -> Option<String> {
        let message = self.errors.for_field(field)?;
        if self.version.is_easy_read() {
            if field == "council_area" && message == "Choose your council area" {
                return Some("Choose where you live.".into());
            }
            if field == "concerns" && message == "choose at least one concern" {
                return Some("Choose at least 1 thing that worries you.".into());
            }
        }
        Some(sentence_case(message))
    }
}

const SAFE: [&str; 5] = [
    "Very unsafe",
    "Fairly unsafe",
    "Neither safe nor unsafe",
    "Fairly safe",
    "Very safe",
];
const SAFE_EASY: [&str; 5] = [
    "Very unsafe",
    "A bit unsafe",
    "In the middle",
    "Quite safe",
    "Very safe",
];
const CONFIDENT: [&str; 5] = [
    "Not at all confident",
    "Not very confident",
    "Neither confident nor unconfident",
    "Fairly confident",
    "Very confident",
];
const CONFIDENT_EASY: [&str; 5] = [
    "No, not at all",
    "Not really",
    "Not sure",
    "Yes, mostly",
    "Yes, definitely",
];
const VALUES: [&str; 5] = ["1", "2", "3", "4", "5"];
const PREFER_NOT: (&str, &str) = (crate::domain::answers::PREFER_NOT_TO_SAY, "Prefer not to say");

fn likert(
    name: &str,
    wording: &QuestionWording,
    labels: [&str; 5],
    given: &Option<String>,
    words: &Words,
) -> RadioGroup {
    let (text, hint) = words.question(wording);
    let options: Vec<(&str, &str)> = VALUES.into_iter().zip(labels).collect();
    RadioGroup::new(
        name,
        words.optional(text),
        hint,
        words.error(name),
        &options,
        given.as_deref(),
    )
}

fn about_you(input: &ResponseInput, words: &Words) -> Vec<RadioGroup> {
    let ages: Vec<(&str, &str)> = AgeBand::ALL
        .iter()
        .map(|b| (b.as_str(), b.label()))
        .chain(std::iter::once(PREFER_NOT))
        .collect();
    let sexes = [("F", "Female"), ("M", "Male"), PREFER_NOT];
    let disability = [("yes", "Yes"), ("no", "No"), PREFER_NOT];
    let mut groups = vec![
        RadioGroup::new(
            "age_band",
            words.optional(words.pick("What is your age?", "How old are you?").into()),
            None,
            words.error("age_band"),
            &ages,
            input.age_band.as_deref(),
        ),
        RadioGroup::new(
            "sex",
            words.optional(words.pick("What is your sex?", "Are you male or female?").into()),
            None,
            words.error("sex"),
            &sexes,
            input.sex.as_deref(),
        ),
        RadioGroup::new(
            "disability",
            words.optional(words.pick("Do you consider yourself to be disabled?", "Do you have a disability?").into()),
            Some(
                words
                    .pick(
                        "For example, a physical or mental health condition or illness that has lasted, or is expected to last, 12 months or more.",
                        "This can be a health problem that lasts a long time.",
                    )
                    .into(),
            ),
            words.error("disability"),
            &disability,
            input.disability.as_deref(),
        ),
    ];
    for group in &mut groups {
        group.heading_level = 3;
    }
    groups
}

fn ranking(definition: &SurveyDefinition, input: &ResponseInput, words: &Words) -> RankGroup {
    let (legend, hint) = words.question(&definition.questions.concerns);
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), words.pick("Choose a concern", "Choose one").into()))
            .chain(definition.concerns.iter().map(|c| {
                let label = if words.version.is_easy_read() {
                    &c.easy_read_label
                } else {
                    &c.label
                };
                (c.id.to_string(), label.clone())
            }))
            .collect();
    let selects = (1..=definition.max_ranked)
        .map(|rank| {
            let label = match (words.version, rank) {
                (Version::Standard, 1) => "1st choice".to_string(),
                (Version::Standard, _) => format!("{} choice (optional)", ordinal(rank)),
                (Version::EasyRead, 1) => "Your biggest worry".to_string(),
                (Version::EasyRead, _) => {
                    format!("Your {} biggest worry (you can skip this)", ordinal(rank))
                }
            };
            let given = input.concerns.get(rank - 1).cloned().flatten();
            let given = given.as_deref().map(str::trim);
            Field::new(&concern_field(rank), label, None, None).with_options(options.clone(), |v| Some(v) == given)
        })
        .collect();
    RankGroup {
        legend,
        hint,
        error: words.error("concerns"),
        selects,
    }
}

/// The comment hint always states the limit: `maxlength` alone would cut a long answer off silently.
fn comment(definition: &SurveyDefinition, input: &ResponseInput, words: &Words) -> Field {
    let (text, hint) = words.question(&definition.questions.comment);
    let max = definition.comment_max_chars;
    let states_limit = hint
        .as_deref()
        .is_some_and(|h| h.contains(&max.to_string()) || h.contains(&thousands(max)));
    let hint = if states_limit {
        hint
    } else {
        let limit = match words.version {
            Version::Standard => format!("You can write up to {} characters.", thousands(max)),
            Version::EasyRead => format!("You can write up to {} letters, numbers and spaces.", thousands(max)),
        };
        Some(match hint {
            Some(h) => format!("{h} {limit}"),
            None => limit,
        })
    };
    Field::new("comment", words.optional(text), hint, words.error("comment")).with_value(input.comment.as_deref())
}

fn council_area(definition: &SurveyDefinition, geography: &Geography, input: &ResponseInput, words: &Words) -> Field {
    let (text, hint) = words.question(&definition.questions.council_area);
    let mut areas: Vec<_> = geography
        .areas
        .iter()
        .filter(|a| definition.coverage.covers(a))
        .collect();
    areas.sort_by(|a, b| a.name.cmp(&b.name));
    let options = std::iter::once((
        String::new(),
        words.pick("Choose your council area", "Choose one").to_string(),
    ))
    .chain(areas.iter().map(|a| (a.code.to_string(), a.name.clone())))
    .collect();
    let given = input
        .council_area
        .as_deref()
        .and_then(|raw| geography.find_area(raw))
        .map(|a| a.code.to_string());
    Field::new("council_area", text, hint, words.error("council_area"))
        .with_options(options, |code| given.as_deref() == Some(code))
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
) -> SurveyPage {
    let words = Words { version, errors };
    let id = definition.id.as_str();
    let (heading, intro) = match version {
        Version::Standard => (
            definition.title.clone(),
            vec!["Your answers are anonymous. You can skip any question marked (optional).".to_string()],
        ),
        Version::EasyRead => (
            definition.easy_read_title.clone(),
            sentences(&definition.easy_read_summary),
        ),
    };
    let title = if errors.is_empty() {
        heading.clone()
    } else {
        format!("Error: {heading}")
    };
    let (other_version_href, other_version_label) = match version {
        Version::Standard => (
            survey_path(id, Version::EasyRead),
            "Easy read version of this survey".to_string(),
        ),
        Version::EasyRead => (
            survey_path(id, Version::Standard),
            "Standard version of this survey".to_string(),
        ),
    };
    let questions = &definition.questions;
    SurveyPage {
        title,
        easy_read: version.is_easy_read(),
        heading,
        intro,
        action: survey_path(id, version),
        start_href: format!("/consultations/{id}"),
        other_version_href,
        other_version_label,
        errors: errors
            .errors
            .iter()
            .filter_map(|e| {
                words.error(&e.field).map(|message| ErrorLink {
                    href: error_href(&e.field),
                    message,
                })
            })
            .collect(),
        notice,
        council_area: council_area(definition, geography, input, &words),
        postcode_district: questions.postcode_district.as_ref().map(|w| {
            let (text, hint) = words.question(w);
            Field::new(
                "postcode_district",
                words.optional(text),
                hint,
                words.error("postcode_district"),
            )
            .with_value(input.postcode_district.as_deref())
        }),
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
        concern_help: match version {
            Version::Standard => definition
                .concerns
                .iter()
                .map(|c| ConcernHelp {
                    label: c.label.clone(),
                    description: c.description.clone(),
                })
                .collect(),
            Version::EasyRead => Vec::new(),
        },
        comment: comment(definition, input, &words),
        about_you: if questions.demographics {
            about_you(input, &words)
        } else {
            Vec::new()
        },
    }
}
