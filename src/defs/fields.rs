//! Small readers shared by the checks: a required text, a whole number in a range, a date, an id.
//! Each records a located problem and returns a stand-in value, so checking can go on.

use super::error::Problems;
use super::raw::Opt;
use chrono::NaiveDate;
use std::ops::Range;
use toml::Spanned;

/// Where to point when a key is missing: the table that should hold it (or nowhere, at top level).
pub(super) type Parent = Option<Range<usize>>;

pub(super) fn span_of<T>(value: &Opt<T>) -> Option<Range<usize>> {
    value.as_ref().map(Spanned::span)
}

/// A required, non-blank text, trimmed.
pub(super) fn required_text(problems: &mut Problems, value: &Opt<String>, parent: &Parent, field: &str) -> String {
    match value {
        Some(v) if !v.get_ref().trim().is_empty() => v.get_ref().trim().to_string(),
        Some(v) => {
            problems.at(Some(v.span()), field, "must not be blank");
            String::new()
        }
        None => {
            let key = field.rsplit('.').next().unwrap_or(field);
            problems.at(parent.clone(), field, format!("is missing: add {key} = \"...\""));
            String::new()
        }
    }
}

/// An optional text: `None` when absent; blank is refused (leave the key out instead).
pub(super) fn optional_text(problems: &mut Problems, value: &Opt<String>, field: &str) -> Option<String> {
    let v = value.as_ref()?;
    let text = v.get_ref().trim();
    if text.is_empty() {
        problems.at(Some(v.span()), field, "must not be blank (leave the key out instead)");
        return None;
    }
    Some(text.to_string())
}

/// A whole number within `range`, or `default` when absent.
pub(super) fn number_in(
    problems: &mut Problems,
    value: &Opt<i64>,
    field: &str,
    range: std::ops::RangeInclusive<i64>,
    default: i64,
) -> i64 {
    match value {
        None => default,
        Some(v) if range.contains(v.get_ref()) => *v.get_ref(),
        Some(v) => {
            problems.at(
                Some(v.span()),
                field,
                format!("must be from {} to {}, not {}", range.start(), range.end(), v.get_ref()),
            );
            default
        }
    }
}

/// A required date, written as a TOML date (`2026-04-01`) or a quoted one (`"2026-04-01"`).
pub(super) fn required_date(problems: &mut Problems, value: &Opt<toml::Value>, field: &str) -> Option<NaiveDate> {
    let Some(v) = value else {
        problems.at(
            None,
            field,
            format!("is missing: add {field} = 2026-04-01 (a date, year-month-day)"),
        );
        return None;
    };
    let written = match v.get_ref() {
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        other => other.to_string(),
    };
    match NaiveDate::parse_from_str(&written, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            problems.at(
                Some(v.span()),
                field,
                format!("{written} is not a date: write it as year-month-day, like 2026-04-01"),
            );
            None
        }
    }
}

/// An id for a concern, priority or theme: lower-case letters, digits and `_`, starting with a letter.
pub(super) fn snake_id(
    problems: &mut Problems,
    value: &Opt<String>,
    parent: &Parent,
    field: &str,
    what: &str,
) -> Option<String> {
    let Some(v) = value else {
        problems.at(
            parent.clone(),
            field,
            format!("is missing: every {what} needs an id, like id = \"drug_dealing\""),
        );
        return None;
    };
    let raw = v.get_ref();
    if is_snake_id(raw) {
        Some(raw.clone())
    } else {
        problems.at(
            Some(v.span()),
            field,
            format!(
                "'{raw}' is not a {what} id (lower-case letters, digits and _, starting with a letter, at most 40 characters, like drug_dealing)"
            ),
        );
        None
    }
}

pub(super) fn is_snake_id(raw: &str) -> bool {
    !raw.is_empty()
        && raw.len() <= 40
        && raw.as_bytes()[0].is_ascii_lowercase()
        && raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
