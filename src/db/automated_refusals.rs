//! The `automated_refusals` table: survey forms refused as automated, counted per consultation,
//! council area, reason and UTC day (see `crate::domain::automated`). Counts only.

use super::error::DbError;
use super::schema::automated_refusals;
use crate::domain::automated::AutomatedReason;
use chrono::NaiveDate;
use diesel::prelude::*;

/// Counts one refused form.
pub fn record_refusal(
    conn: &mut PgConnection,
    consultation_id: &str,
    council_area_code: &str,
    reason: AutomatedReason,
    day: NaiveDate,
) -> Result<(), DbError> {
    use automated_refusals::dsl as r;
    diesel::insert_into(r::automated_refusals)
        .values((
            r::consultation_id.eq(consultation_id),
            r::council_area_code.eq(council_area_code),
            r::reason.eq(reason.as_str()),
            r::day.eq(day),
            r::refused.eq(1_i64),
        ))
        .on_conflict((r::consultation_id, r::council_area_code, r::reason, r::day))
        .do_update()
        .set(r::refused.eq(r::refused + 1))
        .execute(conn)?;
    Ok(())
}

/// Forms refused as automated for a consultation, by reason, over every day, in the council areas
/// `areas` (all areas when `None`).
pub fn refusals_by_reason(
    conn: &mut PgConnection,
    consultation_id: &str,
    areas: Option<&[String]>,
) -> Result<Vec<(AutomatedReason, i64)>, DbError> {
    use automated_refusals::dsl as r;
    // At most areas × reasons × days of a consultation: summed here rather than as SQL NUMERIC.
    let mut query = r::automated_refusals
        .filter(r::consultation_id.eq(consultation_id))
        .select((r::reason, r::refused))
        .into_boxed();
    if let Some(areas) = areas {
        query = query.filter(r::council_area_code.eq_any(areas));
    }
    let rows: Vec<(String, i64)> = query.load(conn)?;
    let mut totals: std::collections::BTreeMap<AutomatedReason, i64> = Default::default();
    for (reason, refused) in rows {
        if let Some(reason) = AutomatedReason::parse(&reason) {
            *totals.entry(reason).or_default() += refused;
        }
    }
    Ok(totals.into_iter().collect())
}
