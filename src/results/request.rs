//! What a caller asks the results and evidence-pack services for, parsed once at the edge (query
//! string, form, command line) and carried as types from there on.

use super::selection::Selection;
use super::ResultsError;
use crate::domain::{ConsultationId, DivisionCode, Geography, SurveyDefinition};
use std::fmt;
use std::str::FromStr;

/// What a set of results is compared with, as the API (`compare_with=`), the analyst pages and the
/// command line (`--compare-with`) write it: `none`, `previous` (the consultation's previous wave),
/// `division` (a council area against the rest of its division) or another consultation's id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CompareWith {
    None,
    Previous,
    RestOfDivision,
    Wave(ConsultationId),
}

impl CompareWith {
    /// The words that are not consultation ids.
    pub const KEYWORDS: [&'static str; 3] = ["none", "previous", "division"];

    /// The consultation this resolves to for `definition`: `Previous` becomes the previous wave's
    /// id, `None`/`RestOfDivision` stay as they are.
    pub fn resolve(&self, definition: &SurveyDefinition) -> Result<CompareWith, ResultsError> {
        match self {
            CompareWith::Previous => match &definition.previous {
                Some(previous) => Ok(CompareWith::Wave(previous.clone())),
                None => Err(ResultsError::BadRequest(format!(
                    "{} has no previous wave to compare with",
                    definition.title
                ))),
            },
            other => Ok(other.clone()),
        }
    }

    /// The word for this comparison (the inverse of `parse`).
    pub fn as_str(&self) -> &str {
        match self {
            CompareWith::None => "none",
            CompareWith::Previous => "previous",
            CompareWith::RestOfDivision => "division",
            CompareWith::Wave(id) => id.as_str(),
        }
    }
}

impl FromStr for CompareWith {
    type Err = String;

    /// Blank means no comparison.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw.trim() {
            "" | "none" => Ok(CompareWith::None),
            "previous" => Ok(CompareWith::Previous),
            "division" => Ok(CompareWith::RestOfDivision),
            other => ConsultationId::parse(other)
                .map(CompareWith::Wave)
                .map_err(|_| format!("'{other}' is not none, previous, division or a consultation id")),
        }
    }
}

impl fmt::Display for CompareWith {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for CompareWith {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        raw.parse().map_err(serde::de::Error::custom)
    }
}

/// Which responses results are computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DataView {
    /// Every stored response, as it arrives: for analysts.
    #[default]
    Live,
    /// Only responses released by a scheduled snapshot (`crate::db::snapshots`): for everyone
    /// else, so that nobody can read a neighbour's answers off the difference between two requests.
    Published,
}

/// Bootstrap replicates of the web pages and the API when the request does not say: the bootstrap
/// runs only for the requested selection and costs a pass over its respondents per replicate, so
/// 200 keeps a cold Scotland-wide request to a few seconds.
pub const DEFAULT_WEB_REPLICATES: usize = 200;
/// The most replicates a request may ask for.
pub const MAX_REPLICATES: usize = 2000;
/// Whether weights are trimmed when the request does not say (`trim=false` on the API,
/// `--no-trim` on the command line switch it off, for comparisons with untrimmed figures).
pub const DEFAULT_TRIM: bool = true;

/// A request for one results report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResultsRequest {
    pub consultation: String,
    pub selection: Selection,
    pub compare_with: CompareWith,
    /// Rank-stability bootstrap replicates (0 to skip).
    pub bootstrap: usize,
    pub seed: u64,
    /// Trim extreme weights (and re-rake) before estimating; [`DEFAULT_TRIM`] unless asked.
    pub trim: bool,
    pub view: DataView,
}

/// The division `raw` names, if the geography has it.
pub fn find_division(geography: &Geography, raw: &str) -> Result<DivisionCode, ResultsError> {
    DivisionCode::parse(raw.trim())
        .ok()
        .filter(|code| geography.division(code).is_some())
        .ok_or_else(|| {
            let known: Vec<&str> = geography.divisions.iter().map(|d| d.code.as_str()).collect();
            ResultsError::NotFound(format!(
                "there is no police division '{}' (divisions: {})",
                raw.trim(),
                known.join(", ")
            ))
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    #[test]
    fn comparisons_parse_from_their_words_and_print_back() {
        for word in ["none", "previous", "division", "your-police-2025"] {
            let parsed: CompareWith = word.parse().unwrap();
            assert_eq!(parsed.to_string(), word);
        }
        assert_eq!(" ".parse::<CompareWith>().unwrap(), CompareWith::None);
        assert_eq!(
            "your-police-2025".parse::<CompareWith>().unwrap(),
            CompareWith::Wave(ConsultationId::parse("your-police-2025").unwrap())
        );
        let error = "Your Police!".parse::<CompareWith>().unwrap_err();
        assert!(error.contains("'Your Police!'"), "{error}");
    }

    #[test]
    fn a_comparison_deserialises_from_a_query_string() {
        #[derive(serde::Deserialize)]
        struct Q {
            compare_with: CompareWith,
        }
        let q: Q = serde_urlencoded::from_str("compare_with=division").unwrap();
        assert_eq!(q.compare_with, CompareWith::RestOfDivision);
        assert!(serde_urlencoded::from_str::<Q>("compare_with=%3D1%2B1").is_err());
    }
}
