//! The results page's query string, and the form's way of naming a place.
//!
//! The canonical address is `/analyst/results?consultation=ID&area=…|division=…|scotland=true
//! [&compare_with=…]`, the same selection words as the JSON API. The choice form cannot submit
//! three exclusive selects, so it sends one `place` (`scotland`, `division:J`, `area:S12000036`)
//! and `compare_with=previous` for "the previous wave"; such a request is redirected to the
//! canonical address.

use crate::domain::SurveyDefinition;
use crate::error::ApiError;
use crate::results::selection::{AreaLabel, AreaType};
use crate::results::CompareWith;
use crate::routes::query_fields::blank_as_none;
use serde::Deserialize;

/// `GET /analyst/results` and `GET /analyst` query strings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalystQuery {
    pub consultation: Option<String>,
    /// From the choice form: `scotland`, `division:J` or `area:S12000036`.
    pub place: Option<String>,
    pub area: Option<String>,
    pub division: Option<String>,
    pub scotland: Option<bool>,
    /// Another consultation's id, `division` (the rest of the division), or `previous` (the
    /// previous wave of this consultation); empty or `none` means no comparison.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub compare_with: Option<CompareWith>,
}

/// Where results are for, as the choice form names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Scotland,
    Division(String),
    Area(String),
}

impl Place {
    /// `scotland`, `division:J`, `area:S12000036`; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Place> {
        match raw.trim().split_once(':') {
            None if raw.trim() == "scotland" => Some(Place::Scotland),
            Some(("division", d)) if !d.trim().is_empty() => Some(Place::Division(d.trim().to_string())),
            Some(("area", a)) if !a.trim().is_empty() => Some(Place::Area(a.trim().to_string())),
            _ => None,
        }
    }

    /// The choice form's value for this place.
    pub fn form_value(&self) -> String {
        match self {
            Place::Scotland => "scotland".to_string(),
            Place::Division(d) => format!("division:{d}"),
            Place::Area(a) => format!("area:{a}"),
        }
    }

    /// The place a report is about.
    pub fn of_label(label: &AreaLabel) -> Place {
        match label.kind {
            AreaType::CouncilArea => Place::Area(label.code.clone()),
            AreaType::Division | AreaType::RestOfDivision => Place::Division(label.code.clone()),
            AreaType::Scotland => Place::Scotland,
        }
    }

    /// The API's words for it: `area=…`, `division=…` or `scotland=true`.
    fn pair(&self) -> (&'static str, &str) {
        match self {
            Place::Scotland => ("scotland", "true"),
            Place::Division(d) => ("division", d),
            Place::Area(a) => ("area", a),
        }
    }
}

/// A query string from pairs, percent-encoded.
pub fn encode(pairs: &[(&str, &str)]) -> String {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(k, v);
    }
    out.finish()
}

/// The API query for `place` (and the comparison): what follows `?` in the CSV and JSON links.
pub fn api_query(place: &Place, compare_with: &CompareWith) -> String {
    let (key, value) = place.pair();
    let mut pairs = vec![(key, value)];
    if *compare_with != CompareWith::None {
        pairs.push(("compare_with", compare_with.as_str()));
    }
    encode(&pairs)
}

/// The canonical results address.
pub fn results_href(consultation: &str, place: &Place, compare_with: &CompareWith) -> String {
    format!(
        "/analyst/results?{}&{}",
        encode(&[("consultation", consultation)]),
        api_query(place, compare_with)
    )
}

/// The choice form, filled in with this request.
pub fn choose_href(consultation: &str, place: &Place, compare_choice: &str) -> String {
    let value = place.form_value();
    let mut pairs = vec![("consultation", consultation), ("place", value.as_str())];
    if !compare_choice.is_empty() {
        pairs.push(("compare_with", compare_choice));
    }
    format!("/analyst?{}", encode(&pairs))
}

/// The choice form's `compare_with` value for a resolved comparison: `previous`, `division` or
/// empty (another consultation cannot be chosen on the form).
pub fn compare_choice(definition: &SurveyDefinition, compare_with: &CompareWith) -> &'static str {
    match compare_with {
        CompareWith::RestOfDivision => "division",
        CompareWith::Wave(other) if definition.previous.as_ref() == Some(other) => "previous",
        _ => "",
    }
}

/// Parses a query string; a malformed one or an unknown parameter is a 400.
pub fn parse(query_string: &str) -> Result<AnalystQuery, ApiError> {
    serde_urlencoded::from_str(query_string)
        .map_err(|e| ApiError::BadRequest(format!("the address is not one this page understands: {e}")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    #[test]
    fn places_round_trip_through_the_form_value() {
        for place in [
            Place::Scotland,
            Place::Division("J".into()),
            Place::Area("S12000036".into()),
        ] {
            assert_eq!(Place::parse(&place.form_value()), Some(place));
        }
        assert_eq!(Place::parse("area:"), None);
        assert_eq!(Place::parse("narnia"), None);
    }

    #[test]
    fn links_use_the_api_words_and_encode_values() {
        let place = Place::Area("S12000036".into());
        assert_eq!(
            api_query(&place, &CompareWith::RestOfDivision),
            "area=S12000036&compare_with=division"
        );
        assert_eq!(api_query(&Place::Scotland, &CompareWith::None), "scotland=true");
        assert_eq!(
            results_href("your-police-2026", &Place::Division("J".into()), &CompareWith::None),
            "/analyst/results?consultation=your-police-2026&division=J"
        );
        assert_eq!(
            choose_href("a&b", &place, "previous"),
            "/analyst?consultation=a%26b&place=area%3AS12000036&compare_with=previous"
        );
    }

    #[test]
    fn unknown_parameters_are_refused() {
        assert!(parse("consultation=x&colour=blue").is_err());
        let q = parse("consultation=x&place=area%3AS12000036&compare_with=").unwrap();
        assert_eq!(q.place.as_deref(), Some("area:S12000036"));
        assert_eq!(q.compare_with, None);
        let q = parse("consultation=x&compare_with=previous").unwrap();
        assert_eq!(q.compare_with, Some(CompareWith::Previous));
        assert!(parse("consultation=x&compare_with=Not+An+Id").is_err());
    }
}
