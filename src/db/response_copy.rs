//! Writing responses with PostgreSQL's binary `COPY … FROM STDIN`, encoded here straight into a
//! reusable byte buffer: no per-row structs, boxed values or text the server must parse again
//! (arrays and timestamps are the costly ones to parse). Reads no environment variables.
//!
//! The format is PostgreSQL's documented binary COPY format ("Binary Format" under `COPY`): a
//! signature and two zero words, then per row a 16-bit field count and each field as a 32-bit
//! length (−1 for NULL) followed by the value in its type's binary send format, then −1 as a
//! 16-bit trailer.

use super::error::DbError;
use super::schema::responses;
use crate::domain::SurveyResponse;
use chrono::{DateTime, Utc};
use diesel::pg::CopyFormat;
use diesel::prelude::*;
use std::io::Write;
use uuid::Uuid;

/// The columns written, in the order each row's fields are encoded.
type CopiedColumns = (
    responses::public_id,
    responses::consultation_id,
    responses::council_area_code,
    responses::postcode_district,
    responses::feel_safe,
    responses::confidence,
    responses::concerns,
    responses::comment,
    responses::age_band,
    responses::sex,
    responses::disability,
    responses::channel,
    responses::submitted_at,
    responses::import_batch_id,
);
const COLUMNS: CopiedColumns = (
    responses::public_id,
    responses::consultation_id,
    responses::council_area_code,
    responses::postcode_district,
    responses::feel_safe,
    responses::confidence,
    responses::concerns,
    responses::comment,
    responses::age_band,
    responses::sex,
    responses::disability,
    responses::channel,
    responses::submitted_at,
    responses::import_batch_id,
);
const FIELDS_PER_ROW: i16 = 14;

/// The binary COPY signature, flags word and header-extension length.
const HEADER: &[u8] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";
/// The end-of-data marker.
const TRAILER: &[u8] = &(-1i16).to_be_bytes();
/// PostgreSQL's `text` type oid, named in each array's header.
const TEXT_OID: u32 = 25;
/// Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 00:00 UTC).
const PG_EPOCH_UNIX_MICROS: i64 = 946_684_800_000_000;

/// Encodes responses as binary COPY rows for the columns [`copy_rows`] names.
#[derive(Debug, Clone, Copy)]
pub struct ResponseCopyEncoder {
    pub import_batch_id: Option<i64>,
    /// The `submitted_at` of responses that have none (COPY cannot ask for a column's DEFAULT).
    pub submitted_at_if_unset: DateTime<Utc>,
}

impl ResponseCopyEncoder {
    /// Appends one row per response to `out`, each with a new random `public_id`.
    pub fn encode(&self, rows: &[SurveyResponse], out: &mut Vec<u8>) {
        for r in rows {
            self.encode_one(r, Uuid::new_v4(), out);
        }
    }

    fn encode_one(&self, r: &SurveyResponse, public_id: Uuid, out: &mut Vec<u8>) {
        out.extend_from_slice(&FIELDS_PER_ROW.to_be_bytes());
        field(out, public_id.as_bytes());
        text(out, Some(r.consultation_id.as_str()));
        text(out, Some(r.council_area.as_str()));
        text(out, r.postcode_district.as_ref().map(|p| p.as_str()));
        smallint(out, r.feel_safe.map(|v| i16::from(v.get())));
        smallint(out, r.confidence.map(|v| i16::from(v.get())));
        text_array(out, r.ranking.concerns().iter().map(|c| c.as_str()));
        text(out, r.comment.as_ref().map(|c| c.as_str()));
        text(out, r.age.map(|a| a.as_str()));
        text(out, r.sex.map(|s| s.as_str()));
        text(out, r.disability.map(|d| d.as_str()));
        text(out, Some(r.channel.as_str()));
        let at = r.submitted_at.unwrap_or(self.submitted_at_if_unset);
        field(out, &(at.timestamp_micros() - PG_EPOCH_UNIX_MICROS).to_be_bytes());
        match self.import_batch_id {
            Some(id) => field(out, &id.to_be_bytes()),
            None => null(out),
        }
    }
}

fn length(out: &mut Vec<u8>, len: usize) {
    // Values are far below 1 GB (PostgreSQL's own limit for a field), so this cannot truncate.
    out.extend_from_slice(&i32::try_from(len).unwrap_or(i32::MAX).to_be_bytes());
}

fn field(out: &mut Vec<u8>, bytes: &[u8]) {
    length(out, bytes.len());
    out.extend_from_slice(bytes);
}

fn null(out: &mut Vec<u8>) {
    out.extend_from_slice(&(-1i32).to_be_bytes());
}

fn text(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(s) => field(out, s.as_bytes()),
        None => null(out),
    }
}

fn smallint(out: &mut Vec<u8>, value: Option<i16>) {
    match value {
        Some(v) => field(out, &v.to_be_bytes()),
        None => null(out),
    }
}

/// A one-dimensional `text[]` without NULLs (an empty one has no dimensions, as PostgreSQL sends it).
fn text_array<'a>(out: &mut Vec<u8>, items: impl ExactSizeIterator<Item = &'a str> + Clone) {
    let count = items.len();
    let dims: i32 = if count == 0 { 0 } else { 1 };
    let body: usize = 12 + if count == 0 { 0 } else { 8 } + items.clone().map(|s| 4 + s.len()).sum::<usize>();
    length(out, body);
    out.extend_from_slice(&dims.to_be_bytes());
    out.extend_from_slice(&0i32.to_be_bytes()); // no NULL elements
    out.extend_from_slice(&TEXT_OID.to_be_bytes());
    if count > 0 {
        length(out, count);
        out.extend_from_slice(&1i32.to_be_bytes()); // lower bound
    }
    for item in items {
        field(out, item.as_bytes());
    }
}

/// The open COPY stream [`copy_rows`] hands its caller.
pub struct CopyStream<'a>(&'a mut dyn Write);

impl CopyStream<'_> {
    /// Sends encoded rows to the server.
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), diesel::result::Error> {
        self.0.write_all(bytes).map_err(sending_failed)
    }
}

fn sending_failed(error: std::io::Error) -> diesel::result::Error {
    diesel::result::Error::SerializationError(Box::new(error))
}

/// Runs one binary `COPY responses (…) FROM STDIN` on the caller's connection (the caller owns the
/// transaction). `write_rows` sends the rows, encoded by [`ResponseCopyEncoder`]; if it fails, the
/// COPY is abandoned (the server stores none of it) and the error returned. Returns the rows written.
pub fn copy_rows<E>(
    conn: &mut PgConnection,
    write_rows: impl Fn(&mut CopyStream<'_>) -> Result<(), E>,
) -> Result<usize, E>
where
    E: From<diesel::result::Error> + std::error::Error,
{
    diesel::copy_from(responses::table)
        .from_raw_data(COLUMNS, |copy: &mut dyn Write| -> Result<(), E> {
            let mut stream = CopyStream(copy);
            stream.send(HEADER)?;
            write_rows(&mut stream)?;
            stream.send(TRAILER)?;
            Ok(())
        })
        .with_format(CopyFormat::Binary)
        .execute(conn)
}

/// Writes many responses with one binary COPY on the caller's connection (the caller owns the
/// transaction). Returns the number of rows written.
pub fn copy_many(
    conn: &mut PgConnection,
    rows: &[SurveyResponse],
    import_batch_id: Option<i64>,
    submitted_at_if_unset: DateTime<Utc>,
) -> Result<usize, DbError> {
    if rows.is_empty() {
        return Ok(0);
    }
    let encoder = ResponseCopyEncoder {
        import_batch_id,
        submitted_at_if_unset,
    };
    let mut encoded = Vec::with_capacity(rows.len() * 160);
    encoder.encode(rows, &mut encoded);
    copy_rows(conn, |copy| copy.send(&encoded).map_err(DbError::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_array_has_one_dimension_its_length_a_lower_bound_of_one_and_each_element() {
        let mut out = Vec::new();
        text_array(&mut out, ["ab", "c"].into_iter());
        let expected = [
            &31i32.to_be_bytes()[..], // 12 header bytes + 8 for the dimension + (4 + 2) + (4 + 1)
            &1i32.to_be_bytes(),
            &0i32.to_be_bytes(),
            &25u32.to_be_bytes(),
            &2i32.to_be_bytes(),
            &1i32.to_be_bytes(),
            &2i32.to_be_bytes(),
            b"ab",
            &1i32.to_be_bytes(),
            b"c",
        ]
        .concat();
        assert_eq!(out, expected);
    }

    #[test]
    fn an_empty_text_array_has_no_dimensions_and_nulls_are_length_minus_one() {
        let mut out = Vec::new();
        text_array(&mut out, std::iter::empty::<&str>());
        text(&mut out, None);
        smallint(&mut out, Some(5));
        let expected = [
            &12i32.to_be_bytes()[..],
            &0i32.to_be_bytes(),
            &0i32.to_be_bytes(),
            &25u32.to_be_bytes(),
            &(-1i32).to_be_bytes(),
            &2i32.to_be_bytes(),
            &5i16.to_be_bytes(),
        ]
        .concat();
        assert_eq!(out, expected);
    }
}
