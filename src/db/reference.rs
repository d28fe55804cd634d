//! The reference tables: divisions, council areas and population margins.

use super::error::DbError;
use super::schema::{council_areas, divisions, population_margins};
use crate::domain::{CouncilArea, CouncilAreaCode, Division, DivisionCode, Geography};
use diesel::prelude::*;
use diesel::upsert::excluded;

/// One population cell: adult residents of a council area by sex and survey age band.
#[derive(Debug, Clone, PartialEq, Queryable, Insertable)]
#[diesel(table_name = population_margins)]
pub struct PopulationRow {
    pub council_area_code: String,
    pub sex: String,
    pub age_band: String,
    pub population: i64,
    pub year: i32,
    pub source_url: String,
}

impl From<&crate::seeds::PopulationCell> for PopulationRow {
    fn from(cell: &crate::seeds::PopulationCell) -> Self {
        Self {
            council_area_code: cell.council_area_code.clone(),
            sex: cell.sex.clone(),
            age_band: cell.age_band.clone(),
            population: cell.population,
            year: cell.year,
            source_url: cell.source_url.clone(),
        }
    }
}

/// Loads (or refreshes) the reference data in one transaction; running it twice changes nothing.
pub fn upsert_reference(
    conn: &mut PgConnection,
    division_list: &[Division],
    area_list: &[CouncilArea],
    population: &[PopulationRow],
) -> Result<(), DbError> {
    conn.transaction(|conn| {
        let rows: Vec<_> = division_list
            .iter()
            .map(|d| (divisions::code.eq(d.code.as_str()), divisions::name.eq(&d.name)))
            .collect();
        diesel::insert_into(divisions::table)
            .values(&rows)
            .on_conflict(divisions::code)
            .do_update()
            .set(divisions::name.eq(excluded(divisions::name)))
            .execute(conn)?;
        let rows: Vec<_> = area_list
            .iter()
            .map(|a| {
                (
                    council_areas::code.eq(a.code.as_str()),
                    council_areas::name.eq(&a.name),
                    council_areas::division_code.eq(a.division.as_str()),
                    council_areas::population_total.eq(a.population_total),
                )
            })
            .collect();
        diesel::insert_into(council_areas::table)
            .values(&rows)
            .on_conflict(council_areas::code)
            .do_update()
            .set((
                council_areas::name.eq(excluded(council_areas::name)),
                council_areas::division_code.eq(excluded(council_areas::division_code)),
                council_areas::population_total.eq(excluded(council_areas::population_total)),
            ))
            .execute(conn)?;
        diesel::insert_into(population_margins::table)
            .values(population)
            .on_conflict((
                population_margins::council_area_code,
                population_margins::sex,
                population_margins::age_band,
            ))
            .do_update()
            .set((
                population_margins::population.eq(excluded(population_margins::population)),
                population_margins::year.eq(excluded(population_margins::year)),
                population_margins::source_url.eq(excluded(population_margins::source_url)),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// The geography as seeded. Empty when `seed` has not been run.
pub fn load_geography(conn: &mut PgConnection) -> Result<Geography, DbError> {
    let division_rows: Vec<(String, String)> = divisions::table
        .select((divisions::code, divisions::name))
        .order(divisions::code)
        .load(conn)?;
    let area_rows: Vec<(String, String, String, i64)> = council_areas::table
        .select((
            council_areas::code,
            council_areas::name,
            council_areas::division_code,
            council_areas::population_total,
        ))
        .order(council_areas::name)
        .load(conn)?;
    let corrupt = |e: String| DbError::Task(format!("reference data in the database is invalid: {e}"));
    let division_list = division_rows
        .into_iter()
        .map(|(code, name)| {
            Ok(Division {
                code: DivisionCode::parse(&code).map_err(corrupt)?,
                name,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let area_list = area_rows
        .into_iter()
        .map(|(code, name, division, population_total)| {
            Ok(CouncilArea {
                code: CouncilAreaCode::parse(&code).map_err(corrupt)?,
                name,
                division: DivisionCode::parse(&division).map_err(corrupt)?,
                population_total,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(Geography::new(division_list, area_list))
}

/// Every population cell as seeded.
pub fn load_population_rows(conn: &mut PgConnection) -> Result<Vec<PopulationRow>, DbError> {
    Ok(population_margins::table
        .select((
            population_margins::council_area_code,
            population_margins::sex,
            population_margins::age_band,
            population_margins::population,
            population_margins::year,
            population_margins::source_url,
        ))
        .load(conn)?)
}
