//! The survey's questions, each built from the consultation's wording in the standard or easy-read
//! version, with the resident's answer and its error message: council area, feel safe, confidence,
//! the ranking, the comment and the optional "About you" questions.

use super::fields::{Field, RadioGroup, RankGroup};
use super::form::concern_field;
use super::text::{sentence_case, thousands};
use super::Version;
use crate::domain::ranking::ordinal;
use crate::domain::{AgeBand, Geography, QuestionWording, ResponseInput, SurveyDefinition, ValidationErrors};

/// Picks the wording for the version and the error message for each field.
pub struct Words<'a> {
    pub version: Version,
    pub errors: &'a ValidationErrors,
}

impl Words<'_> {
    pub fn pick<'s>(&self, standard: &'s str, easy: &'s str) -> &'s str {
        if self.version.is_easy_read() {
            easy
        } else {
            standard
        }
    }

    pub fn question(&self, w: &QuestionWording) -> (String, Option<String>) {
        match self.version {
            Version::Standard => (w.text.clone(), w.hint.clone()),
            Version::EasyRead => (w.easy_read_text.clone(), w.easy_read_hint.clone()),
        }
    }

    pub fn optional(&self, text: String) -> String {
        format!("{text} {}", self.pick("(optional)", "(you can skip this)"))
    }

    /// The domain's message for a field, as a sentence; in easy read, plainer words for the
    /// problems residents actually meet (the others come only from tampered forms).
    pub fn error(&self, field: &str) -> Option<String> {
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

pub const SAFE: [&str; 5] = [
    "Very unsafe",
    "Fairly unsafe",
    "Neither safe nor unsafe",
    "Fairly safe",
    "Very safe",
];
pub const SAFE_EASY: [&str; 5] = [
    "Very unsafe",
    "A bit unsafe",
    "In the middle",
    "Quite safe",
    "Very safe",
];
pub const CONFIDENT: [&str; 5] = [
    "Not at all confident",
    "Not very confident",
    "Neither confident nor unconfident",
    "Fairly confident",
    "Very confident",
];
pub const CONFIDENT_EASY: [&str; 5] = [
    "No, not at all",
    "Not really",
    "Not sure",
    "Yes, mostly",
    "Yes, definitely",
];
const VALUES: [&str; 5] = ["1", "2", "3", "4", "5"];
const PREFER_NOT: (&str, &str) = (crate::domain::answers::PREFER_NOT_TO_SAY, "Prefer not to say");

pub fn likert(
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

pub fn about_you(input: &ResponseInput, words: &Words) -> Vec<RadioGroup> {
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

pub fn ranking(definition: &SurveyDefinition, input: &ResponseInput, words: &Words) -> RankGroup {
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
pub fn comment(definition: &SurveyDefinition, input: &ResponseInput, words: &Words) -> Field {
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

pub fn council_area(
    definition: &SurveyDefinition,
    geography: &Geography,
    input: &ResponseInput,
    words: &Words,
) -> Field {
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
