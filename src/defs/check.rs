//! Turns one parsed file into a `SurveyDefinition`, checking everything that can be checked
//! within the file and recording every problem found.

use super::error::{DefsErrors, Problems};
use super::fields::{number_in, required_date, required_text, span_of};
use super::questions::{build_questions, Placeholders};
use super::raw::{Opt, RawCoverage, RawDefinition};
use super::taxonomy::{build_concerns, build_priorities, build_themes, check_mapping};
use crate::domain::{ConsultationId, CouncilAreaCode, Coverage, DivisionCode, Geography, SurveyDefinition};
use std::path::Path;
use toml::Spanned;

/// Most concerns a resident may be asked to rank.
pub const MAX_RANKED_LIMIT: usize = 10;
pub const DEFAULT_COMMENT_MAX_CHARS: usize = 2000;
pub const COMMENT_MAX_CHARS_LIMIT: usize = 10_000;
pub const DEFAULT_SUPPRESSION_THRESHOLD: u32 = 10;
pub const DEFAULT_LOW_BASE_THRESHOLD: u32 = 50;

pub(super) fn build_definition(
    file: &str,
    text: &str,
    raw: RawDefinition,
    geography: Option<&Geography>,
) -> Result<SurveyDefinition, DefsErrors> {
    let mut p = Problems::new(file, text);
    let top = None;

    let id = consultation_id(&mut p, &raw.id, "id");
    if let (Some(id), Some(span)) = (&id, span_of(&raw.id)) {
        check_file_name(&mut p, file, id, span);
    }
    let title = required_text(&mut p, &raw.title, &top, "title");
    let easy_read_title = required_text(&mut p, &raw.easy_read_title, &top, "easy_read_title");
    let summary = required_text(&mut p, &raw.summary, &top, "summary");
    let easy_read_summary = required_text(&mut p, &raw.easy_read_summary, &top, "easy_read_summary");
    let organiser = required_text(&mut p, &raw.organiser, &top, "organiser");

    let opens = required_date(&mut p, &raw.opens, "opens");
    let closes = required_date(&mut p, &raw.closes, "closes");
    if let (Some(o), Some(c)) = (opens, closes) {
        if o > c {
            p.at(
                span_of(&raw.closes),
                "closes",
                format!("{c} is before opens ({o}): a consultation cannot close before it opens"),
            );
        }
    }

    let previous = match &raw.previous {
        None => None,
        Some(_) => consultation_id(&mut p, &raw.previous, "previous"),
    };
    if let (Some(prev), Some(id)) = (&previous, &id) {
        if prev == id {
            p.at(
                span_of(&raw.previous),
                "previous",
                "a consultation cannot be its own previous wave",
            );
        }
    }

    let concerns = build_concerns(&mut p, &raw.concerns);
    let priorities = build_priorities(&mut p, &raw.priorities, &concerns);
    check_mapping(&mut p, &raw.unmapped, &raw.concerns, &concerns, &priorities);
    let themes = build_themes(&mut p, &raw.themes);

    let max_ranked = max_ranked(&mut p, &raw.max_ranked, raw.concerns.len());
    let comment_max_chars = number_in(
        &mut p,
        &raw.comment_max_chars,
        "comment_max_chars",
        1..=COMMENT_MAX_CHARS_LIMIT as i64,
        DEFAULT_COMMENT_MAX_CHARS as i64,
    ) as usize;
    let suppression_threshold = number_in(
        &mut p,
        &raw.suppression_threshold,
        "suppression_threshold",
        1..=i64::from(u32::MAX),
        i64::from(DEFAULT_SUPPRESSION_THRESHOLD),
    ) as u32;
    let low_base_threshold = number_in(
        &mut p,
        &raw.low_base_threshold,
        "low_base_threshold",
        1..=i64::from(u32::MAX),
        i64::from(DEFAULT_LOW_BASE_THRESHOLD),
    ) as u32;
    if low_base_threshold < suppression_threshold {
        let span = span_of(&raw.low_base_threshold).or(span_of(&raw.suppression_threshold));
        p.at(
            span,
            "low_base_threshold",
            format!(
                "{low_base_threshold} is below suppression_threshold ({suppression_threshold}): figures are flagged as low base before they are suppressed, so it must be at least as large"
            ),
        );
    }

    let coverage = coverage(&mut p, &raw.coverage, geography);
    let questions = build_questions(
        &mut p,
        &raw.questions,
        &Placeholders {
            max_ranked,
            comment_max_chars,
        },
    );

    let (Some(id), Some(opens), Some(closes), Some(coverage)) = (id, opens, closes, coverage) else {
        // Each missing part has recorded its problem.
        return Err(p.into_errors());
    };
    let definition = SurveyDefinition {
        id,
        title,
        easy_read_title,
        summary,
        easy_read_summary,
        organiser,
        opens,
        closes,
        coverage,
        previous,
        questions,
        max_ranked,
        comment_max_chars,
        suppression_threshold,
        low_base_threshold,
        concerns,
        priorities,
        themes,
    };
    p.into_result(definition)
}

fn consultation_id(p: &mut Problems, value: &Opt<String>, field: &str) -> Option<ConsultationId> {
    let Some(v) = value else {
        p.at(
            None,
            field,
            "is missing: add id = \"your-police-2026\" (the file name without .toml)",
        );
        return None;
    };
    match ConsultationId::parse(v.get_ref()) {
        Ok(id) => Some(id),
        Err(message) => {
            p.at(Some(v.span()), field, message);
            None
        }
    }
}

/// `your-police-2026.toml` must say `id = "your-police-2026"`, so that an id is easy to find.
fn check_file_name(p: &mut Problems, file: &str, id: &ConsultationId, span: std::ops::Range<usize>) {
    let stem = Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != id.as_str() {
        p.at(
            Some(span),
            "id",
            format!("'{id}' does not match the file name: name the file {id}.toml, or set id = \"{stem}\""),
        );
    }
}

fn max_ranked(p: &mut Problems, value: &Opt<i64>, concern_count: usize) -> usize {
    let Some(v) = value else {
        p.at(
            None,
            "max_ranked",
            "is missing: add max_ranked = 3 (how many concerns a resident may rank)",
        );
        return 1;
    };
    let limit = concern_count.clamp(1, MAX_RANKED_LIMIT);
    let n = *v.get_ref();
    if n < 1 || n > limit as i64 {
        let why = if concern_count < MAX_RANKED_LIMIT {
            format!("there are {concern_count} concerns")
        } else {
            format!("{MAX_RANKED_LIMIT} is the most a resident may rank")
        };
        p.at(
            Some(v.span()),
            "max_ranked",
            format!("must be from 1 to {limit} ({why}), not {n}"),
        );
        return 1;
    }
    n as usize
}

fn coverage(p: &mut Problems, raw: &Option<RawCoverage>, geography: Option<&Geography>) -> Option<Coverage> {
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
