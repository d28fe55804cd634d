//! One data row of an import file → a valid `SurveyResponse`, or every problem with it.

use super::header::ColumnMap;
use crate::domain::uk_time::{from_uk_local, uk_date, UkLocal};
use crate::domain::Geography;
use crate::domain::{Channel, FieldError, ResponseInput, SurveyDefinition, SurveyResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use csv::ByteRecord;
use std::borrow::Cow;

/// What a row is checked against; the same for every row of a file.
pub struct RowContext<'a> {
    pub columns: &'a ColumnMap,
    pub definition: &'a SurveyDefinition,
    pub geography: &'a Geography,
    /// When the import started: the `submitted_at` of rows that leave it blank.
    pub import_time: DateTime<Utc>,
}

/// Formats accepted for a UK local `submitted_at` (no offset given).
const LOCAL_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
];

/// Parses `submitted_at`: RFC 3339 with an offset (`2026-05-01T18:30:00+01:00`, `…Z`), or
/// `YYYY-MM-DD HH:MM[:SS]` read as UK local time (GMT or BST, whichever was in force). In the
/// hour repeated when the clocks go back the earlier (BST) reading is taken; a time in the hour
/// skipped when they go forward does not exist and is refused.
pub fn parse_submitted_at(raw: &str) -> Result<DateTime<Utc>, String> {
    let raw = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Ok(t.with_timezone(&Utc));
    }
    let local = LOCAL_FORMATS.iter().find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok()).ok_or_else(|| {
        format!("'{raw}' is not a date and time: use 2026-05-01 18:30 (UK time) or RFC 3339 like 2026-05-01T18:30:00+01:00")
    })?;
    match from_uk_local(local) {
        UkLocal::Single(t) | UkLocal::Ambiguous(t, _) => Ok(t),
        UkLocal::Skipped => Err(format!(
            "{raw} did not happen in the UK: the clocks went forward from 01:00 to 02:00 that night"
        )),
    }
}

fn decode<'r>(record: &'r ByteRecord, at: usize, name: &str, errors: &mut Vec<FieldError>) -> Option<Cow<'r, str>> {
    let bytes = record.get(at)?;
    match std::str::from_utf8(bytes) {
        Ok(s) if s.trim().is_empty() => None,
        Ok(s) => Some(Cow::Borrowed(s)),
        Err(e) => {
            errors.push(FieldError::new(
                name,
                format!(
                    "is not valid UTF-8 text (bad byte at position {} of the field): save the file as \"CSV UTF-8\"",
                    e.valid_up_to() + 1
                ),
            ));
            Some(String::from_utf8_lossy(bytes))
        }
    }
}

/// Checks one data row. `Err` carries every problem in the row, field by field.
pub fn parse_row(record: &ByteRecord, cx: &RowContext<'_>) -> Result<SurveyResponse, Vec<FieldError>> {
    let columns = cx.columns;
    if record.len() != columns.width {
        return Err(vec![FieldError::new(
            "row",
            format!(
                "has {} fields but the header has {} columns (check for a missing or extra comma or an unclosed quote)",
                record.len(),
                columns.width
            ),
        )]);
    }
    let mut errors = Vec::new();
    let text = RowText::read(record, columns, &mut errors);
    if text.input.postcode_district.is_some() && cx.definition.questions.postcode_district.is_none() {
        errors.push(FieldError::new(
            "postcode_district",
            "this consultation does not ask for a postcode district: leave it blank",
        ));
    }
    let channel = channel(text.channel.as_deref(), &mut errors);
    let submitted_at = submitted_at(text.submitted_at.as_deref(), cx, &mut errors);
    let parsed = SurveyResponse::parse(
        &text.input,
        cx.definition,
        cx.geography,
        channel.unwrap_or(Channel::Import),
        submitted_at,
    );
    match parsed {
        Ok(response) if errors.is_empty() => Ok(response),
        Ok(_) => Err(errors),
        Err(validation) => {
            errors.extend(validation.errors);
            Err(errors)
        }
    }
}

/// A row's cells as text (blank cells as `None`), before any is checked.
struct RowText {
    input: ResponseInput,
    channel: Option<String>,
    submitted_at: Option<String>,
}

impl RowText {
    /// Decodes every cell the header names; cells that are not UTF-8 add an error and are kept
    /// with replacement characters.
    fn read(record: &ByteRecord, columns: &ColumnMap, errors: &mut Vec<FieldError>) -> Self {
        let mut text = |at: Option<usize>, name: &str| -> Option<String> {
            at.and_then(|i| decode(record, i, name, errors)).map(Cow::into_owned)
        };
        let input = ResponseInput {
            council_area: text(Some(columns.council_area), "council_area"),
            postcode_district: text(columns.postcode_district, "postcode_district"),
            feel_safe: text(columns.feel_safe, "feel_safe"),
            confidence: text(columns.confidence, "confidence"),
            concerns: columns
                .concerns
                .iter()
                .enumerate()
                .map(|(k, &i)| text(Some(i), &format!("concern_{}", k + 1)))
                .collect(),
            comment: text(columns.comment, "comment"),
            age_band: text(columns.age_band, "age_band"),
            sex: text(columns.sex, "sex"),
            disability: text(columns.disability, "disability"),
        };
        RowText {
            input,
            channel: text(columns.channel, "channel"),
            submitted_at: text(columns.submitted_at, "submitted_at"),
        }
    }
}

/// The channel; blank means an import.
fn channel(raw: Option<&str>, errors: &mut Vec<FieldError>) -> Option<Channel> {
    match raw.map(Channel::parse) {
        None => Some(Channel::Import),
        Some(Ok(c)) => Some(c),
        Some(Err(m)) => {
            errors.push(FieldError::new("channel", m));
            None
        }
    }
}

/// When the response was given, on a UK date within the consultation period; blank means the
/// time of the import.
fn submitted_at(raw: Option<&str>, cx: &RowContext<'_>, errors: &mut Vec<FieldError>) -> Option<DateTime<Utc>> {
    match raw.map(parse_submitted_at) {
        None => Some(cx.import_time),
        Some(Ok(t)) => {
            let day = uk_date(t);
            if day < cx.definition.opens || day > cx.definition.closes {
                errors.push(FieldError::new(
                    "submitted_at",
                    format!(
                        "{} is outside the consultation period ({} to {})",
                        day.format("%-d %B %Y"),
                        cx.definition.opens.format("%-d %B %Y"),
                        cx.definition.closes.format("%-d %B %Y")
                    ),
                ));
            }
            Some(t)
        }
        Some(Err(m)) => {
            errors.push(FieldError::new("submitted_at", m));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn submitted_at_accepts_rfc3339_and_uk_local_times() {
        assert_eq!(
            parse_submitted_at("2026-05-01T18:30:00+01:00").unwrap(),
            utc("2026-05-01T17:30:00Z")
        );
        assert_eq!(
            parse_submitted_at("2026-05-01 18:30").unwrap(),
            utc("2026-05-01T17:30:00Z")
        );
        assert_eq!(
            parse_submitted_at("2026-12-01 18:30:15").unwrap(),
            utc("2026-12-01T18:30:15Z")
        );
        assert_eq!(
            parse_submitted_at("2026-10-25 01:30").unwrap(),
            utc("2026-10-25T00:30:00Z")
        );
    }

    #[test]
    fn submitted_at_refuses_nonsense_and_times_that_never_happened() {
        assert!(parse_submitted_at("01/05/2026")
            .unwrap_err()
            .contains("not a date and time"));
        assert!(parse_submitted_at("2026-03-29 01:15")
            .unwrap_err()
            .contains("clocks went forward"));
    }
}
