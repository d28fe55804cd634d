//! Duplicate and burst screening for analysts: stored responses that look like one person (or one
//! script) answering many times. Nothing is removed: flagged responses stay in every figure, and the
//! analyst page shows how many there are per area and what the headline figures would be without
//! them (a sensitivity line). Pure: the rows come from `crate::db::screening`. Reads no environment
//! variables.
//!
//! Rules (a response may meet more than one; it is counted once):
//! - **Identical answers close together**: in one council area, responses with exactly the same
//!   answers to every question, comment included, within [`DUPLICATE_WINDOW_MINUTES`] of another
//!   of them: two or more when the comment is not empty, [`MIN_IDENTICAL_WITHOUT_COMMENT`] or more
//!   without one (short identical rankings are common by chance).
//! - **Bursts**: a clock hour in which an area received at least [`BURST_FACTOR`] times its usual
//!   hourly number (the median over the hours in which it received any) and at least
//!   [`BURST_MIN_RESPONSES`]: every response of that hour.
//! - **Identical rare comments**: the same comment text (case, spacing and punctuation ignored) of at
//!   least [`RARE_COMMENT_MIN_CHARS`] letters in two or more responses anywhere in the consultation.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const DUPLICATE_WINDOW_MINUTES: i64 = 10;
pub const MIN_IDENTICAL_WITHOUT_COMMENT: usize = 3;
pub const BURST_FACTOR: usize = 10;
pub const BURST_MIN_RESPONSES: usize = 10;
pub const RARE_COMMENT_MIN_CHARS: usize = 20;

pub use crate::domain::screening::ScreeningRow;

/// Which rule flagged a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScreeningRule {
    IdenticalAnswers,
    Burst,
    RepeatedComment,
}

/// The flagged responses' ids, with the rules each met.
pub fn flag_responses(rows: &[ScreeningRow]) -> BTreeMap<i64, BTreeSet<ScreeningRule>> {
    let mut flagged: BTreeMap<i64, BTreeSet<ScreeningRule>> = BTreeMap::new();
    let mut flag = |ids: &[i64], rule| {
        for id in ids {
            flagged.entry(*id).or_default().insert(rule);
        }
    };
    for ids in identical_close_together(rows) {
        flag(&ids, ScreeningRule::IdenticalAnswers);
    }
    flag(&bursts(rows), ScreeningRule::Burst);
    for ids in repeated_comments(rows) {
        flag(&ids, ScreeningRule::RepeatedComment);
    }
    flagged
}

fn comment_text(row: &ScreeningRow) -> &str {
    row.comment.as_deref().map(str::trim).unwrap_or("")
}

/// Groups of identical responses in one area, each response within the window of the next.
fn identical_close_together(rows: &[ScreeningRow]) -> Vec<Vec<i64>> {
    let mut groups: HashMap<(&str, &str, &str), Vec<&ScreeningRow>> = HashMap::new();
    for row in rows {
        groups
            .entry((row.area.as_str(), row.answers.as_str(), comment_text(row)))
            .or_default()
            .push(row);
    }
    let window = Duration::minutes(DUPLICATE_WINDOW_MINUTES);
    let mut out = Vec::new();
    for ((_, _, comment), mut members) in groups {
        let needed = if comment.is_empty() {
            MIN_IDENTICAL_WITHOUT_COMMENT
        } else {
            2
        };
        members.sort_by_key(|r| (r.submitted_at, r.id));
        let mut run: Vec<i64> = Vec::new();
        let mut last: Option<DateTime<Utc>> = None;
        for row in members {
            if last.is_some_and(|t| row.submitted_at - t > window) {
                if run.len() >= needed {
                    out.push(std::mem::take(&mut run));
                }
                run.clear();
            }
            run.push(row.id);
            last = Some(row.submitted_at);
        }
        if run.len() >= needed {
            out.push(run);
        }
    }
    out
}

/// Every response in an hour far above its area's usual hourly number.
fn bursts(rows: &[ScreeningRow]) -> Vec<i64> {
    let mut hours: BTreeMap<(&str, NaiveDate, u32), Vec<i64>> = BTreeMap::new();
    for row in rows {
        let t = row.submitted_at;
        hours
            .entry((row.area.as_str(), t.date_naive(), t.hour()))
            .or_default()
            .push(row.id);
    }
    let mut per_area: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for ((area, _, _), ids) in &hours {
        per_area.entry(area).or_default().push(ids.len());
    }
    let usual: BTreeMap<&str, usize> = per_area
        .into_iter()
        .map(|(area, mut counts)| {
            counts.sort_unstable();
            (area, counts[counts.len() / 2])
        })
        .collect();
    hours
        .into_iter()
        .filter(|((area, _, _), ids)| {
            let usual = usual.get(area).copied().unwrap_or(1).max(1);
            ids.len() >= BURST_MIN_RESPONSES && ids.len() >= BURST_FACTOR * usual
        })
        .flat_map(|(_, ids)| ids)
        .collect()
}

/// A comment reduced to its letters and digits, lower case, single-spaced.
fn normalised(comment: &str) -> String {
    comment
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Groups of responses sharing one long comment.
fn repeated_comments(rows: &[ScreeningRow]) -> Vec<Vec<i64>> {
    let mut by_text: HashMap<String, Vec<i64>> = HashMap::new();
    for row in rows {
        let text = normalised(comment_text(row));
        if text.chars().filter(|c| c.is_alphanumeric()).count() >= RARE_COMMENT_MIN_CHARS {
            by_text.entry(text).or_default().push(row.id);
        }
    }
    by_text.into_values().filter(|ids| ids.len() >= 2).collect()
}

#[cfg(test)]
#[path = "screening_tests.rs"]
mod tests;
