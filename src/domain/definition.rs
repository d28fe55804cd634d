//! A consultation's definition, as an analyst writes it in `survey-defs/*.toml` (see `crate::defs`
//! for the loader and its checks). Built only by the loader, so every definition here is valid:
//! ids are unique, every mapped concern exists, dates are in order.

use super::geography::{CouncilArea, CouncilAreaCode, DivisionCode};
use super::ranking::ConcernId;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// A consultation id: lower-case letters, digits and `-` (e.g. `your-police-2026`); used in URLs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct ConsultationId(String);

impl ConsultationId {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.as_bytes()[0].is_ascii_lowercase()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(Self(s.to_string()))
        } else {
            Err(format!(
                "'{s}' is not a consultation id (lower-case letters, digits and -, like your-police-2026)"
            ))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl From<ConsultationId> for String {
    fn from(value: ConsultationId) -> Self {
        value.0
    }
}
impl fmt::Display for ConsultationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which residents a consultation is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "codes", rename_all = "snake_case")]
pub enum Coverage {
    Scotland,
    Divisions(Vec<DivisionCode>),
    CouncilAreas(Vec<CouncilAreaCode>),
}

impl Coverage {
    pub fn covers(&self, area: &CouncilArea) -> bool {
        match self {
            Coverage::Scotland => true,
            Coverage::Divisions(ds) => ds.contains(&area.division),
            Coverage::CouncilAreas(cs) => cs.contains(&area.code),
        }
    }
}

/// One concern residents can rank, with wording for the standard and the easy-read survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concern {
    pub id: ConcernId,
    pub label: String,
    pub easy_read_label: String,
    pub description: String,
}

/// A candidate Local Police Plan priority and the concerns that count as support for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Priority {
    pub id: String,
    pub label: String,
    pub concerns: Vec<ConcernId>,
}

/// A theme for coding free-text comments: matched by stemmed, case-insensitive keywords.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub keywords: Vec<String>,
}

/// How a question is worded in the standard and in the easy-read survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionWording {
    pub text: String,
    pub hint: Option<String>,
    pub easy_read_text: String,
    pub easy_read_hint: Option<String>,
}

/// The fixed question set of a LocalVoice consultation, with each question's wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Questions {
    pub council_area: QuestionWording,
    /// `None` when the consultation does not ask for a postcode district.
    pub postcode_district: Option<QuestionWording>,
    pub feel_safe: QuestionWording,
    pub confidence: QuestionWording,
    pub concerns: QuestionWording,
    pub comment: QuestionWording,
    /// Whether the optional age band, sex and disability questions are asked.
    pub demographics: bool,
}

/// Where a consultation is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationStatus {
    Upcoming,
    Open,
    Closed,
}

impl ConsultationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsultationStatus::Upcoming => "upcoming",
            ConsultationStatus::Open => "open",
            ConsultationStatus::Closed => "closed",
        }
    }
}

/// A whole consultation definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurveyDefinition {
    pub id: ConsultationId,
    pub title: String,
    pub easy_read_title: String,
    /// One or two paragraphs shown on the start page: who runs it and what the answers are for.
    pub summary: String,
    pub easy_read_summary: String,
    /// The division or team running it, e.g. "Lothians and Scottish Borders Division".
    pub organiser: String,
    /// First and last day responses are accepted (inclusive, UK dates).
    pub opens: NaiveDate,
    pub closes: NaiveDate,
    pub coverage: Coverage,
    /// The previous wave of this consultation, for "what changed" comparisons.
    pub previous: Option<ConsultationId>,
    pub questions: Questions,
    /// How many concerns a resident may rank (N in "top N").
    pub max_ranked: usize,
    pub comment_max_chars: usize,
    /// Figures with an unweighted base below this are suppressed in public output (default 10).
    pub suppression_threshold: u32,
    /// Figures with an unweighted base below this carry a "low base" flag (default 50).
    pub low_base_threshold: u32,
    pub concerns: Vec<Concern>,
    pub priorities: Vec<Priority>,
    pub themes: Vec<Theme>,
}

impl SurveyDefinition {
    pub fn status_on(&self, today: NaiveDate) -> ConsultationStatus {
        if today < self.opens {
            ConsultationStatus::Upcoming
        } else if today > self.closes {
            ConsultationStatus::Closed
        } else {
            ConsultationStatus::Open
        }
    }

    pub fn concern(&self, id: &ConcernId) -> Option<&Concern> {
        self.concerns.iter().find(|c| &c.id == id)
    }

    pub fn has_concern(&self, id: &ConcernId) -> bool {
        self.concern(id).is_some()
    }

    /// Index of a concern in `concerns` (the order used by the statistics).
    pub fn concern_index(&self, id: &str) -> Option<usize> {
        self.concerns.iter().position(|c| c.id.as_str() == id)
    }
}
