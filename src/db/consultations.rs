//! The `consultations` table: a mirror of the loaded survey definitions.

use super::error::DbError;
use super::schema::{consultations, responses};
use crate::domain::SurveyDefinition;
use diesel::prelude::*;
use diesel::upsert::excluded;
use std::collections::HashMap;

#[derive(Insertable)]
#[diesel(table_name = consultations)]
struct ConsultationRow<'a> {
    id: &'a str,
    title: &'a str,
    opens: chrono::NaiveDate,
    closes: chrono::NaiveDate,
    definition: serde_json::Value,
}

/// Upserts every definition, so responses can reference it and its text is kept as it was used.
/// Consultations that disappeared from survey-defs/ are kept: their responses still need them.
pub fn sync_definitions(conn: &mut PgConnection, definitions: &[SurveyDefinition]) -> Result<usize, DbError> {
    let rows = definitions
        .iter()
        .map(|d| {
            Ok(ConsultationRow {
                id: d.id.as_str(),
                title: &d.title,
                opens: d.opens,
                closes: d.closes,
                definition: serde_json::to_value(d).map_err(|e| DbError::Task(e.to_string()))?,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let n = diesel::insert_into(consultations::table)
        .values(&rows)
        .on_conflict(consultations::id)
        .do_update()
        .set((
            consultations::title.eq(excluded(consultations::title)),
            consultations::opens.eq(excluded(consultations::opens)),
            consultations::closes.eq(excluded(consultations::closes)),
            consultations::definition.eq(excluded(consultations::definition)),
            consultations::synced_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    Ok(n)
}

/// Number of stored responses per consultation id.
pub fn response_counts(conn: &mut PgConnection) -> Result<HashMap<String, i64>, DbError> {
    let rows: Vec<(String, i64)> = responses::table
        .group_by(responses::consultation_id)
        .select((responses::consultation_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Number of stored responses to one consultation.
pub fn response_count(conn: &mut PgConnection, consultation_id: &str) -> Result<i64, DbError> {
    Ok(responses::table
        .filter(responses::consultation_id.eq(consultation_id))
        .count()
        .get_result(conn)?)
}
