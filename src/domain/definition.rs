//! A consultation's definition, as an analyst writes it in `survey-defs/*.toml` (see `crate::defs`
//! for the loader and its checks). Built only by the loader, so every definition here is valid:
//! ids are unique, every mapped concern exists, dates are in order.

use super::geography::{CouncilArea, CouncilAreaCode, DivisionCode};
use super::ranking::ConcernId;
use super::uk_time::uk_date;
use chrono::{DateTime, NaiveDate, Utc};
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
    /// First and last day responses are accepted, inclusive, as UK dates: open from 00:00 UK time
    /// on `opens` to midnight UK time at the end of `closes` (see [`SurveyDefinition::status_at`]).
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
    /// The status at an instant, by the UK date then (GMT or BST, whichever was in force).
    pub fn status_at(&self, instant: DateTime<Utc>) -> ConsultationStatus {
        self.status_on(uk_date(instant))
    }

    /// The status on a UK date.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn wording() -> QuestionWording {
        QuestionWording {
            text: "Question?".into(),
            hint: None,
            easy_read_text: "Question?".into(),
            easy_read_hint: None,
        }
    }

    /// Open from 1 April 2026 to 31 March 2027 (both days in British Summer Time).
    fn april_to_march() -> SurveyDefinition {
        SurveyDefinition {
            id: ConsultationId::parse("your-police-2026").unwrap(),
            title: "Your Police 2026".into(),
            easy_read_title: "Your Police 2026".into(),
            summary: String::new(),
            easy_read_summary: String::new(),
            organiser: "Police Scotland".into(),
            opens: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            closes: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
            coverage: Coverage::Scotland,
            previous: None,
            questions: Questions {
                council_area: wording(),
                postcode_district: None,
                feel_safe: wording(),
                confidence: wording(),
                concerns: wording(),
                comment: wording(),
                demographics: false,
            },
            max_ranked: 3,
            comment_max_chars: 2000,
            suppression_threshold: 10,
            low_base_threshold: 50,
            concerns: Vec::new(),
            priorities: Vec::new(),
            themes: Vec::new(),
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_consultation_closing_on_31_march_takes_answers_until_midnight_uk_time() {
        let definition = april_to_march();
        // 23:30 BST on 31 March 2027.
        assert_eq!(
            definition.status_at(utc("2027-03-31T22:30:00Z")),
            ConsultationStatus::Open
        );
        // 00:30 BST on 1 April 2027, still 31 March in UTC.
        assert_eq!(
            definition.status_at(utc("2027-03-31T23:30:00Z")),
            ConsultationStatus::Closed
        );
    }

    #[test]
    fn a_consultation_opening_on_1_april_opens_at_midnight_uk_time() {
        let definition = april_to_march();
        // 23:59 BST on 31 March 2026.
        assert_eq!(
            definition.status_at(utc("2026-03-31T22:59:00Z")),
            ConsultationStatus::Upcoming
        );
        // 00:30 BST on 1 April 2026, still 31 March in UTC.
        assert_eq!(
            definition.status_at(utc("2026-03-31T23:30:00Z")),
            ConsultationStatus::Open
        );
    }

    #[test]
    fn in_winter_the_uk_date_and_the_utc_date_agree() {
        let mut definition = april_to_march();
        definition.closes = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(
            definition.status_at(utc("2026-12-31T23:59:00Z")),
            ConsultationStatus::Open
        );
        assert_eq!(
            definition.status_at(utc("2027-01-01T00:00:00Z")),
            ConsultationStatus::Closed
        );
    }
}
