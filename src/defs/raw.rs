//! The file as written, before any check: every field optional and spanned, so that missing
//! fields and bad values are all reported together with their lines. Unknown keys are refused
//! here (`deny_unknown_fields`), since a misspelt optional key would otherwise be silently ignored.

use serde::Deserialize;
use toml::Spanned;

/// An optional value that remembers where it was written.
pub(super) type Opt<T> = Option<Spanned<T>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDefinition {
    pub id: Opt<String>,
    pub title: Opt<String>,
    pub easy_read_title: Opt<String>,
    pub summary: Opt<String>,
    pub easy_read_summary: Opt<String>,
    pub organiser: Opt<String>,
    /// A TOML date (`2026-04-01`) or, forgivingly, a quoted one.
    pub opens: Opt<toml::Value>,
    pub closes: Opt<toml::Value>,
    pub previous: Opt<String>,
    pub max_ranked: Opt<i64>,
    pub comment_max_chars: Opt<i64>,
    pub suppression_threshold: Opt<i64>,
    pub low_base_threshold: Opt<i64>,
    pub coverage: Option<RawCoverage>,
    // Tables are not spanned: `[questions.feel_safe]` alone creates `questions` implicitly, and
    // an implicit table has no span to give (toml then fails with a baffling message).
    pub questions: Option<RawQuestions>,
    /// Concerns deliberately mapped to no priority.
    pub unmapped: Opt<Vec<Spanned<String>>>,
    #[serde(default)]
    pub concerns: Vec<Spanned<RawConcern>>,
    #[serde(default)]
    pub priorities: Vec<Spanned<RawPriority>>,
    #[serde(default)]
    pub themes: Vec<Spanned<RawTheme>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCoverage {
    pub scotland: Opt<bool>,
    pub divisions: Opt<Vec<Spanned<String>>>,
    pub council_areas: Opt<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestions {
    pub ask_postcode_district: Opt<bool>,
    pub ask_demographics: Opt<bool>,
    pub council_area: Option<RawWording>,
    pub postcode_district: Option<RawWording>,
    pub feel_safe: Option<RawWording>,
    pub confidence: Option<RawWording>,
    pub concerns: Option<RawWording>,
    pub comment: Option<RawWording>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWording {
    pub text: Opt<String>,
    pub hint: Opt<String>,
    pub easy_read_text: Opt<String>,
    pub easy_read_hint: Opt<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConcern {
    pub id: Opt<String>,
    pub label: Opt<String>,
    pub easy_read_label: Opt<String>,
    pub description: Opt<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPriority {
    pub id: Opt<String>,
    pub label: Opt<String>,
    pub concerns: Opt<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTheme {
    pub id: Opt<String>,
    pub label: Opt<String>,
    pub keywords: Opt<Vec<Spanned<String>>>,
}
