//! Scotland's council areas and Police Scotland's local policing divisions.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// A GSS council area code, `S12` followed by six digits (e.g. `S12000036`, City of Edinburgh).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CouncilAreaCode(String);

impl CouncilAreaCode {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim().to_ascii_uppercase();
        let ok = s.len() == 9 && s.starts_with("S12") && s[3..].bytes().all(|b| b.is_ascii_digit());
        if ok {
            Ok(Self(s))
        } else {
            Err(format!("'{}' is not a council area code like S12000036", raw.trim()))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CouncilAreaCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}
impl From<CouncilAreaCode> for String {
    fn from(value: CouncilAreaCode) -> Self {
        value.0
    }
}
impl fmt::Display for CouncilAreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Police Scotland local policing division letter (A North East … V Dumfries & Galloway).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DivisionCode(String);

impl DivisionCode {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim().to_ascii_uppercase();
        if s.len() == 1 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(s))
        } else {
            Err(format!("'{}' is not a police division letter like J", raw.trim()))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl TryFrom<String> for DivisionCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}
impl From<DivisionCode> for String {
    fn from(value: DivisionCode) -> Self {
        value.0
    }
}
impl fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Division {
    pub code: DivisionCode,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CouncilArea {
    pub code: CouncilAreaCode,
    pub name: String,
    pub division: DivisionCode,
    /// All-ages population at the reference year (for "responses per 1,000 residents" use adult margins).
    pub population_total: i64,
}

/// The reference geography, loaded from the seeded tables. Looks areas up by code or by name.
#[derive(Debug, Clone, Default)]
pub struct Geography {
    pub divisions: Vec<Division>,
    pub areas: Vec<CouncilArea>,
    by_key: HashMap<String, usize>,
}

/// Other names residents and older datasets use for some council areas.
const AREA_ALIASES: &[(&str, &str)] = &[
    ("western isles", "S12000013"),
    ("eilean siar", "S12000013"),
    ("na h-eileanan an iar", "S12000013"),
    ("edinburgh", "S12000036"),
    ("edinburgh city", "S12000036"),
    ("glasgow", "S12000049"),
    ("aberdeen", "S12000033"),
    ("dundee", "S12000042"),
    ("borders", "S12000026"),
    ("orkney", "S12000023"),
    ("shetland", "S12000027"),
    ("S12000015", "S12000047"),
    ("S12000024", "S12000048"),
    ("S12000046", "S12000049"),
    ("S12000044", "S12000050"),
];

fn normalise_key(raw: &str) -> String {
    raw.trim()
        .to_lowercase()
        .replace('&', "and")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Geography {
    pub fn new(divisions: Vec<Division>, areas: Vec<CouncilArea>) -> Self {
        let mut by_key = HashMap::new();
        for (i, area) in areas.iter().enumerate() {
            by_key.insert(normalise_key(area.code.as_str()), i);
            by_key.insert(normalise_key(&area.name), i);
        }
        for (alias, code) in AREA_ALIASES {
            if let Some(&i) = by_key.get(&normalise_key(code)) {
                by_key.entry(normalise_key(alias)).or_insert(i);
            }
        }
        Self {
            divisions,
            areas,
            by_key,
        }
    }

    /// Finds a council area by GSS code (current or pre-2019), NRS name or a common alias.
    pub fn find_area(&self, code_or_name: &str) -> Option<&CouncilArea> {
        self.by_key.get(&normalise_key(code_or_name)).map(|&i| &self.areas[i])
    }

    pub fn area(&self, code: &CouncilAreaCode) -> Option<&CouncilArea> {
        self.find_area(code.as_str())
    }

    pub fn division(&self, code: &DivisionCode) -> Option<&Division> {
        self.divisions.iter().find(|d| &d.code == code)
    }

    pub fn areas_in(&self, division: &DivisionCode) -> impl Iterator<Item = &CouncilArea> {
        let division = division.clone();
        self.areas.iter().filter(move |a| a.division == division)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Geography {
        let j = DivisionCode::parse("J").unwrap();
        Geography::new(
            vec![Division {
                code: j.clone(),
                name: "Lothians and Scottish Borders".into(),
            }],
            vec![CouncilArea {
                code: CouncilAreaCode::parse("S12000026").unwrap(),
                name: "Scottish Borders".into(),
                division: j,
                population_total: 116_020,
            }],
        )
    }

    #[test]
    fn council_area_codes_must_be_gss_s12_codes() {
        assert!(CouncilAreaCode::parse("s12000036").is_ok());
        assert!(CouncilAreaCode::parse("S1200003").is_err());
        assert!(CouncilAreaCode::parse("E06000001").is_err());
    }

    #[test]
    fn areas_are_found_by_code_name_or_alias() {
        let g = sample();
        assert_eq!(g.find_area("S12000026").unwrap().name, "Scottish Borders");
        assert_eq!(g.find_area("  scottish   BORDERS ").unwrap().code.as_str(), "S12000026");
        assert_eq!(g.find_area("Borders").unwrap().code.as_str(), "S12000026");
        assert!(g.find_area("Narnia").is_none());
    }
}
