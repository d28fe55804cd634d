//! Turns one parsed file into a `SurveyDefinition`, checking everything that can be checked
//! within the file and recording every problem found.

use super::coverage::coverage;
use super::error::{DefsErrors, Problems};
use super::fields::{number_in, required_date, required_text, span_of};
use super::questions::{build_questions, Placeholders};
use super::raw::{Opt, RawDefinition};
use super::taxonomy::{build_concerns, build_priorities, build_themes, check_mapping};
use crate::domain::{ConsultationId, Geography, SurveyDefinition};
use chrono::NaiveDate;
use std::path::Path;

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
    let (opens, closes) = period(&mut p, &raw);
    let previous = previous_wave(&mut p, &raw.previous, id.as_ref());

    let concerns = build_concerns(&mut p, &raw.concerns);
    let priorities = build_priorities(&mut p, &raw.priorities, &concerns);
    check_mapping(&mut p, &raw.unmapped, &raw.concerns, &concerns, &priorities);
    let themes = build_themes(&mut p, &raw.themes);

    let max_ranked = max_ranked(&mut p, &raw.max_ranked, raw.concerns.len());
    let limits = limits(&mut p, &raw);
    let coverage = coverage(&mut p, &raw.coverage, geography);
    let questions = build_questions(
        &mut p,
        &raw.questions,
        &Placeholders {
            max_ranked,
            comment_max_chars: limits.comment_max_chars,
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
        comment_max_chars: limits.comment_max_chars,
        suppression_threshold: limits.suppression_threshold,
        low_base_threshold: limits.low_base_threshold,
        concerns,
        priorities,
        themes,
    };
    p.into_result(definition)
}

/// `opens` and `closes`, the first not after the second.
fn period(p: &mut Problems, raw: &RawDefinition) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let opens = required_date(p, &raw.opens, "opens");
    let closes = required_date(p, &raw.closes, "closes");
    if let (Some(o), Some(c)) = (opens, closes) {
        if o > c {
            p.at(
                span_of(&raw.closes),
                "closes",
                format!("{c} is before opens ({o}): a consultation cannot close before it opens"),
            );
        }
    }
    (opens, closes)
}

/// The optional previous wave, which cannot be the consultation itself.
fn previous_wave(p: &mut Problems, raw: &Opt<String>, id: Option<&ConsultationId>) -> Option<ConsultationId> {
    let previous = match raw {
        None => None,
        Some(_) => consultation_id(p, raw, "previous"),
    };
    if previous.is_some() && previous.as_ref() == id {
        p.at(
            span_of(raw),
            "previous",
            "a consultation cannot be its own previous wave",
        );
    }
    previous
}

/// The comment length limit and the disclosure-control thresholds.
struct Limits {
    comment_max_chars: usize,
    suppression_threshold: u32,
    low_base_threshold: u32,
}

fn limits(p: &mut Problems, raw: &RawDefinition) -> Limits {
    let comment_max_chars = number_in(
        p,
        &raw.comment_max_chars,
        "comment_max_chars",
        1..=COMMENT_MAX_CHARS_LIMIT as i64,
        DEFAULT_COMMENT_MAX_CHARS as i64,
    ) as usize;
    let suppression_threshold = number_in(
        p,
        &raw.suppression_threshold,
        "suppression_threshold",
        1..=i64::from(u32::MAX),
        i64::from(DEFAULT_SUPPRESSION_THRESHOLD),
    ) as u32;
    let low_base_threshold = number_in(
        p,
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
    Limits {
        comment_max_chars,
        suppression_threshold,
        low_base_threshold,
    }
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
