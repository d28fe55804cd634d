//! The names of a response's answers: one set of words for the survey form's fields, the JSON
//! API's properties, the import file's columns and the field named in every validation error.

use std::fmt;
use std::str::FromStr;

/// One answer of a response. The ranking is `Concerns` (the form and the import file spread it over
/// `concern_1` … `concern_N`, see [`concern_field`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnswerField {
    CouncilArea,
    PostcodeDistrict,
    FeelSafe,
    Confidence,
    Concerns,
    Comment,
    AgeBand,
    Sex,
    Disability,
}

impl AnswerField {
    /// Every answer, in the order the survey asks them.
    pub const ALL: [AnswerField; 9] = [
        AnswerField::CouncilArea,
        AnswerField::PostcodeDistrict,
        AnswerField::FeelSafe,
        AnswerField::Confidence,
        AnswerField::Concerns,
        AnswerField::Comment,
        AnswerField::AgeBand,
        AnswerField::Sex,
        AnswerField::Disability,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AnswerField::CouncilArea => "council_area",
            AnswerField::PostcodeDistrict => "postcode_district",
            AnswerField::FeelSafe => "feel_safe",
            AnswerField::Confidence => "confidence",
            AnswerField::Concerns => "concerns",
            AnswerField::Comment => "comment",
            AnswerField::AgeBand => "age_band",
            AnswerField::Sex => "sex",
            AnswerField::Disability => "disability",
        }
    }
}

/// The form field or import column of the `rank`th choice (1-based): `concern_1`, `concern_2`, …
pub fn concern_field(rank: usize) -> String {
    format!("concern_{rank}")
}

impl fmt::Display for AnswerField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AnswerField {
    type Err = String;
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        AnswerField::ALL
            .into_iter()
            .find(|f| f.as_str() == raw)
            .ok_or_else(|| format!("'{raw}' is not an answer of a response"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    #[test]
    fn every_answer_name_parses_back_and_nothing_else_does() {
        for field in AnswerField::ALL {
            assert_eq!(field.as_str().parse::<AnswerField>().unwrap(), field);
        }
        assert!("concern_1".parse::<AnswerField>().is_err());
        assert_eq!(concern_field(3), "concern_3");
    }
}
