//! The `coverage` of a definition: Scotland, or lists of division or council area codes checked
//! against the reference geography when one is given.

use super::error::Problems;
use super::fields::span_of;
use super::raw::RawCoverage;
use crate::domain::{CouncilAreaCode, Coverage, DivisionCode, Geography};
use toml::Spanned;

/// Which residents the consultation is for: exactly one of Scotland, divisions or council areas.
pub(super) fn coverage(p: &mut Problems, raw: &Option<RawCoverage>, geography: Option<&Geography>) -> Option<Coverage> {
    const HOW: &str =
        "use coverage = { scotland = true }, { divisions = [\"J\"] } or { council_areas = [\"S12000026\"] }";
    let Some(c) = raw else {
        p.at(None, "coverage", format!("is missing: {HOW}"));
        return None;
    };
    let spans = [span_of(&c.scotland), span_of(&c.divisions), span_of(&c.council_areas)];
    if spans.iter().filter(|s| s.is_some()).count() != 1 {
        let first = spans.into_iter().flatten().min_by_key(|s| s.start);
        p.at(
            first,
            "coverage",
            format!("give exactly one of scotland, divisions or council_areas: {HOW}"),
        );
        return None;
    }
    if let Some(s) = &c.scotland {
        if !*s.get_ref() {
            p.at(
                Some(s.span()),
                "coverage.scotland",
                format!("must be true when given: {HOW}"),
            );
            return None;
        }
        return Some(Coverage::Scotland);
    }
    if let Some(list) = &c.divisions {
        let codes = codes(
            p,
            list,
            "coverage.divisions",
            DivisionCode::parse,
            |g, code| g.division(code).is_some(),
            geography,
        );
        return codes.map(Coverage::Divisions);
    }
    let list = c.council_areas.as_ref()?;
    let codes = codes(
        p,
        list,
        "coverage.council_areas",
        CouncilAreaCode::parse,
        |g, code| g.areas.iter().any(|a| &a.code == code),
        geography,
    );
    codes.map(Coverage::CouncilAreas)
}

/// A non-empty list of codes, each well-formed, not repeated and (with a geography) known.
fn codes<T: PartialEq + std::fmt::Display>(
    p: &mut Problems,
    list: &Spanned<Vec<Spanned<String>>>,
    field: &str,
    parse: fn(&str) -> Result<T, String>,
    known: fn(&Geography, &T) -> bool,
    geography: Option<&Geography>,
) -> Option<Vec<T>> {
    if list.get_ref().is_empty() {
        p.at(Some(list.span()), field, "must list at least one code");
        return None;
    }
    let before = p.errors.len();
    let mut out: Vec<T> = Vec::new();
    for raw in list.get_ref() {
        match parse(raw.get_ref()) {
            Err(message) => p.at(Some(raw.span()), field, message),
            Ok(code) if out.contains(&code) => p.at(Some(raw.span()), field, format!("{code} is listed twice")),
            Ok(code) => {
                if geography.is_some_and(|g| !known(g, &code)) {
                    p.at(
                        Some(raw.span()),
                        field,
                        format!("{code} is not in the reference geography (seeds/)"),
                    );
                }
                out.push(code);
            }
        }
    }
    (p.errors.len() == before).then_some(out)
}
