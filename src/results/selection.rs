//! Which part of Scotland a results request is about, checked against the geography and the
//! consultation's coverage.

use super::ResultsError;
use crate::domain::{CouncilAreaCode, DivisionCode, Geography, SurveyDefinition};
use serde::Serialize;

/// GSS code of Scotland as a whole.
pub const SCOTLAND_CODE: &str = "S92000003";

/// The area a request asks for, as given.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Selection {
    CouncilArea(CouncilAreaCode),
    Division(DivisionCode),
    /// Every council area the consultation covers.
    Scotland,
}

/// What kind of area a figure is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaType {
    CouncilArea,
    Division,
    Scotland,
    /// A division without one of its council areas (for comparing the area with the rest).
    RestOfDivision,
}

impl AreaType {
    /// The word in JSON and CSV (`council_area`, `division`, `scotland`, `rest_of_division`).
    pub fn as_str(self) -> &'static str {
        match self {
            AreaType::CouncilArea => "council_area",
            AreaType::Division => "division",
            AreaType::Scotland => "scotland",
            AreaType::RestOfDivision => "rest_of_division",
        }
    }
}

/// The `area` object of the results: what it is, its code and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaLabel {
    #[serde(rename = "type")]
    pub kind: AreaType,
    pub code: String,
    pub name: String,
}

/// A selection resolved to the council areas (indices into `Geography::areas`) it pools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedSelection {
    pub label: AreaLabel,
    pub areas: Vec<usize>,
}

impl Selection {
    /// Resolves the selection to the covered council areas; an unknown area or division, or one the
    /// consultation does not cover, is `NotFound`.
    pub fn resolve(
        &self,
        geography: &Geography,
        definition: &SurveyDefinition,
    ) -> Result<ResolvedSelection, ResultsError> {
        let covered = |i: &usize| definition.coverage.covers(&geography.areas[*i]);
        let (label, areas): (AreaLabel, Vec<usize>) = match self {
            Selection::CouncilArea(code) => {
                let index = geography
                    .areas
                    .iter()
                    .position(|a| &a.code == code)
                    .ok_or_else(|| ResultsError::NotFound(format!("there is no council area {code}")))?;
                let area = &geography.areas[index];
                let label = AreaLabel {
                    kind: AreaType::CouncilArea,
                    code: code.to_string(),
                    name: area.name.clone(),
                };
                (label, vec![index])
            }
            Selection::Division(code) => {
                let division = geography
                    .division(code)
                    .ok_or_else(|| ResultsError::NotFound(format!("there is no police division {code}")))?;
                let label = AreaLabel {
                    kind: AreaType::Division,
                    code: code.to_string(),
                    name: division.name.clone(),
                };
                let areas = (0..geography.areas.len())
                    .filter(|&i| &geography.areas[i].division == code)
                    .collect();
                (label, areas)
            }
            Selection::Scotland => {
                let label = AreaLabel {
                    kind: AreaType::Scotland,
                    code: SCOTLAND_CODE.to_string(),
                    name: "Scotland".to_string(),
                };
                (label, (0..geography.areas.len()).collect())
            }
        };
        let areas: Vec<usize> = areas.into_iter().filter(covered).collect();
        if areas.is_empty() {
            return Err(ResultsError::NotFound(format!(
                "consultation '{}' does not cover {} ({})",
                definition.id, label.name, label.code
            )));
        }
        Ok(ResolvedSelection { label, areas })
    }
}

impl ResolvedSelection {
    /// The rest of council area `area`'s division: the division's covered areas without it.
    pub fn rest_of_division(
        geography: &Geography,
        definition: &SurveyDefinition,
        area: usize,
    ) -> Result<ResolvedSelection, ResultsError> {
        let council_area = geography
            .areas
            .get(area)
            .ok_or_else(|| ResultsError::NotFound("there is no such council area".to_string()))?;
        let division = Selection::Division(council_area.division.clone()).resolve(geography, definition)?;
        let areas: Vec<usize> = division.areas.into_iter().filter(|&i| i != area).collect();
        if areas.is_empty() {
            return Err(ResultsError::BadRequest(format!(
                "{} is the only council area of its division covered by this consultation, so there is no rest \
                 of the division to compare it with",
                council_area.name
            )));
        }
        let label = AreaLabel {
            kind: AreaType::RestOfDivision,
            code: division.label.code,
            name: format!("{} excluding {}", division.label.name, council_area.name),
        };
        Ok(ResolvedSelection { label, areas })
    }
}

impl Selection {
    /// The selection asked for by `area` (council area code or name), `division` (letter) or
    /// `scotland`; none of them means Scotland. Asking for more than one is `BadRequest`, an unknown
    /// area or division `NotFound`.
    pub fn from_request(
        area: Option<&str>,
        division: Option<&str>,
        scotland: bool,
        geography: &Geography,
    ) -> Result<Selection, ResultsError> {
        match (area, division, scotland) {
            (Some(area), None, false) => geography
                .find_area(area)
                .map(|a| Selection::CouncilArea(a.code.clone()))
                .ok_or_else(|| ResultsError::NotFound(format!("there is no council area '{area}'"))),
            (None, Some(division), false) => {
                let code = DivisionCode::parse(division)
                    .map_err(|_| ResultsError::NotFound(format!("there is no police division '{division}'")))?;
                Ok(Selection::Division(code))
            }
            (None, None, _) => Ok(Selection::Scotland),
            _ => Err(ResultsError::BadRequest(
                "ask for one of area, division or scotland, not several at once".to_string(),
            )),
        }
    }
}
