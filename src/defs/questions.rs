//! The `[questions]` table: which optional questions are asked, and each question's wording in the
//! standard and the easy-read survey. A question whose wording is left out gets the default below;
//! a question whose wording is given must give both `text` and `easy_read_text`.
//!
//! Wording may use `{max_ranked}` and `{comment_max_chars}`, replaced by the consultation's numbers.

use super::error::Problems;
use super::fields::{optional_text, required_text, span_of};
use super::raw::{RawQuestions, RawWording};
use crate::domain::{AnswerField, QuestionWording, Questions};

/// A question's built-in wording, used when the file gives none.
struct DefaultWording {
    key: AnswerField,
    text: &'static str,
    hint: Option<&'static str>,
    easy_read_text: &'static str,
    easy_read_hint: Option<&'static str>,
}

/// The built-in wording of every question. Easy read follows the style of Police Scotland's
/// easy-read plans: short sentences, everyday words, one idea per sentence.
const DEFAULT_WORDING: [DefaultWording; 6] = [
    DefaultWording {
        key: AnswerField::CouncilArea,
        text: "Which council area do you live in?",
        hint: Some("This is the council you pay council tax to."),
        easy_read_text: "Where do you live?",
        easy_read_hint: Some("Choose your council area. This is the council you pay council tax to."),
    },
    DefaultWording {
        key: AnswerField::PostcodeDistrict,
        text: "What is the first part of your postcode?",
        hint: Some("For example, EH12 or G2. Do not give your full postcode: we only need the first part, so that your answers stay anonymous."),
        easy_read_text: "What is the first part of your postcode?",
        easy_read_hint: Some("For example, EH12 or G2. Only write the first part. This keeps your answers private."),
    },
    DefaultWording {
        key: AnswerField::FeelSafe,
        text: "How safe do you feel in your local area?",
        hint: Some("Think about where you live, during the day and after dark."),
        easy_read_text: "Do you feel safe where you live?",
        easy_read_hint: Some("Think about the streets near your home. Choose one answer."),
    },
    DefaultWording {
        key: AnswerField::Confidence,
        text: "How confident are you that the police in your local area can deal with the things that matter to you?",
        hint: None,
        easy_read_text: "Do you think the police where you live can sort out the things that worry you?",
        easy_read_hint: Some("Choose one answer."),
    },
    DefaultWording {
        key: AnswerField::Concerns,
        text: "Which of these matter most to you in your local area?",
        hint: Some("Choose up to {max_ranked}, starting with the one that matters most to you."),
        easy_read_text: "What worries you most where you live?",
        easy_read_hint: Some("Pick up to {max_ranked} things. Put the one that worries you most first."),
    },
    DefaultWording {
        key: AnswerField::Comment,
        text: "Is there anything else you would like to tell us about policing in your local area?",
        hint: Some("Please do not include names, addresses or anything else that could identify you or someone else. You can write up to {comment_max_chars} characters."),
        easy_read_text: "Is there anything else you want to tell us?",
        easy_read_hint: Some("Please do not write anyone's name. You can leave this empty."),
    },
];

/// Numbers the wording may mention.
pub(super) struct Placeholders {
    pub max_ranked: usize,
    pub comment_max_chars: usize,
}

impl Placeholders {
    fn fill(&self, text: &str) -> String {
        text.replace("{max_ranked}", &self.max_ranked.to_string())
            .replace("{comment_max_chars}", &self.comment_max_chars.to_string())
    }
}

/// The question set, with defaults for anything left out.
pub(super) fn build_questions(
    problems: &mut Problems,
    raw: &Option<RawQuestions>,
    numbers: &Placeholders,
) -> Questions {
    let empty = RawQuestions {
        ask_postcode_district: None,
        ask_demographics: None,
        council_area: None,
        postcode_district: None,
        feel_safe: None,
        confidence: None,
        concerns: None,
        comment: None,
    };
    let q = raw.as_ref().unwrap_or(&empty);
    let ask_postcode = q.ask_postcode_district.as_ref().is_none_or(|b| *b.get_ref());
    if !ask_postcode {
        if let Some(w) = &q.postcode_district {
            let span = problems
                .header_span("questions.postcode_district")
                .or_else(|| first_span(w));
            problems.at(
                span,
                "questions.postcode_district",
                "gives wording for a question that is not asked (ask_postcode_district = false): remove one or the other",
            );
        }
    }
    let mut wording = |key: AnswerField, raw: &Option<RawWording>| build_wording(problems, key, raw, numbers);
    Questions {
        council_area: wording(AnswerField::CouncilArea, &q.council_area),
        postcode_district: ask_postcode.then(|| wording(AnswerField::PostcodeDistrict, &q.postcode_district)),
        feel_safe: wording(AnswerField::FeelSafe, &q.feel_safe),
        confidence: wording(AnswerField::Confidence, &q.confidence),
        concerns: wording(AnswerField::Concerns, &q.concerns),
        comment: wording(AnswerField::Comment, &q.comment),
        demographics: q.ask_demographics.as_ref().is_none_or(|b| *b.get_ref()),
    }
}

fn build_wording(
    problems: &mut Problems,
    key: AnswerField,
    raw: &Option<RawWording>,
    numbers: &Placeholders,
) -> QuestionWording {
    let Some(w) = raw else {
        let d = DEFAULT_WORDING
            .iter()
            .find(|d| d.key == key)
            .unwrap_or(&DEFAULT_WORDING[0]);
        return QuestionWording {
            text: numbers.fill(d.text),
            hint: d.hint.map(|h| numbers.fill(h)),
            easy_read_text: numbers.fill(d.easy_read_text),
            easy_read_hint: d.easy_read_hint.map(|h| numbers.fill(h)),
        };
    };
    let parent = problems
        .header_span(&format!("questions.{key}"))
        .or_else(|| first_span(w));
    let path = |name: &str| format!("questions.{key}.{name}");
    let text = required_text(problems, &w.text, &parent, &path("text"));
    let easy_read_text = required_text(problems, &w.easy_read_text, &parent, &path("easy_read_text"));
    let hint = optional_text(problems, &w.hint, &path("hint"));
    let easy_read_hint = optional_text(problems, &w.easy_read_hint, &path("easy_read_hint"));
    for (value, name) in [
        (&w.text, "text"),
        (&w.hint, "hint"),
        (&w.easy_read_text, "easy_read_text"),
        (&w.easy_read_hint, "easy_read_hint"),
    ] {
        if let Some(unknown) = value.as_ref().and_then(|v| unknown_placeholder(v.get_ref())) {
            problems.at(
                span_of(value),
                path(name),
                format!("{{{unknown}}} is not a placeholder: use {{max_ranked}} or {{comment_max_chars}}"),
            );
        }
    }
    QuestionWording {
        text: numbers.fill(&text),
        hint: hint.map(|h| numbers.fill(&h)),
        easy_read_text: numbers.fill(&easy_read_text),
        easy_read_hint: easy_read_hint.map(|h| numbers.fill(&h)),
    }
}

/// Where a wording table is: its first key (tables themselves carry no span, see `raw`).
fn first_span(w: &RawWording) -> Option<std::ops::Range<usize>> {
    [&w.text, &w.hint, &w.easy_read_text, &w.easy_read_hint]
        .into_iter()
        .filter_map(span_of)
        .min_by_key(|s| s.start)
}

/// The first `{word}` in a text that is not one of the known placeholders.
fn unknown_placeholder(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after.find('}')?;
        let name = &after[..end];
        let looks_like_one = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if looks_like_one && name != "max_ranked" && name != "comment_max_chars" {
            return Some(name);
        }
        rest = &after[end + 1..];
    }
    None
}

/// The default question set, for code that builds a definition without a file (tests, demos).
pub fn default_questions(max_ranked: usize, comment_max_chars: usize) -> Questions {
    let mut problems = Problems::new("", "");
    build_questions(
        &mut problems,
        &None,
        &Placeholders {
            max_ranked,
            comment_max_chars,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_has_default_wording_with_its_numbers_filled_in() {
        let q = default_questions(3, 2000);
        let keys: Vec<&str> = DEFAULT_WORDING.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "council_area",
                "postcode_district",
                "feel_safe",
                "confidence",
                "concerns",
                "comment"
            ]
        );
        assert_eq!(q.council_area.text, "Which council area do you live in?");
        assert_eq!(q.feel_safe.easy_read_text, "Do you feel safe where you live?");
        assert_eq!(
            q.concerns.easy_read_hint.as_deref(),
            Some("Pick up to 3 things. Put the one that worries you most first.")
        );
        assert!(q
            .comment
            .hint
            .as_deref()
            .is_some_and(|h| h.ends_with("up to 2000 characters.")));
        assert!(q.postcode_district.is_some() && q.demographics);
    }
}
