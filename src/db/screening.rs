//! Reading stored responses for duplicate and burst screening (`crate::results::screening`): every
//! answer of each online response (web form and API; imported paper and event responses carry their
//! import time, so bursts and closeness mean nothing for them), with its area and time.

use super::error::DbError;
use super::schema::responses;
use crate::domain::screening::ScreeningRow;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

type Row = (
    i64,
    String,
    DateTime<Utc>,
    Option<i16>,
    Option<i16>,
    Vec<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The online responses of a consultation in the council areas `area_codes`.
pub fn load_screening_rows(
    conn: &mut PgConnection,
    consultation_id: &str,
    area_codes: &[String],
) -> Result<Vec<ScreeningRow>, DbError> {
    let rows: Vec<Row> = responses::table
        .filter(responses::consultation_id.eq(consultation_id))
        .filter(responses::council_area_code.eq_any(area_codes))
        .filter(responses::channel.eq_any(["web", "api"]))
        .order(responses::id)
        .select((
            responses::id,
            responses::council_area_code,
            responses::submitted_at,
            responses::feel_safe,
            responses::confidence,
            responses::concerns,
            responses::postcode_district,
            responses::age_band,
            responses::sex,
            responses::disability,
            responses::comment,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, area, submitted_at, safe, confident, concerns, postcode, age, sex, disability, comment)| {
                ScreeningRow {
                    id,
                    area,
                    submitted_at,
                    answers: format!("{safe:?}|{confident:?}|{concerns:?}|{postcode:?}|{age:?}|{sex:?}|{disability:?}"),
                    comment,
                }
            },
        )
        .collect())
}
