//! `divisions.csv` (code,name) and `council-areas.csv` (GSS code, NRS name, police division,
//! all-ages population) → the reference `Geography`.

use super::csv_rows::{read_rows, Row};
use super::error::{Problems, SeedError};
use crate::domain::{CouncilArea, CouncilAreaCode, Division, DivisionCode};

/// Police Scotland's local policing divisions: one row per division, letters unique.
pub fn parse_divisions(file: &str, text: &str) -> Result<Vec<Division>, SeedError> {
    let mut problems = Problems::default();
    let rows = read_rows(file, text, &["code", "name"], &mut problems);
    let mut divisions: Vec<Division> = Vec::with_capacity(rows.len());
    for row in &rows {
        let code = match DivisionCode::parse(row.get(0)) {
            Ok(code) => code,
            Err(message) => {
                problems.push(file, Some(row.line), "code", message);
                continue;
            }
        };
        if divisions.iter().any(|d| d.code == code) {
            problems.push(file, Some(row.line), "code", format!("division {code} is listed twice"));
        }
        if row.get(1).is_empty() {
            problems.push(file, Some(row.line), "name", "must not be blank");
        }
        divisions.push(Division {
            code,
            name: row.get(1).to_string(),
        });
    }
    problems.into_result(divisions)
}

const AREA_COLUMNS: [&str; 5] = [
    "council_area_code",
    "council_area_name",
    "police_division_code",
    "police_division_name",
    "population_total",
];

/// Scotland's council areas, each in one known division, codes and names unique.
pub fn parse_council_areas(file: &str, text: &str, divisions: &[Division]) -> Result<Vec<CouncilArea>, SeedError> {
    let columns = AREA_COLUMNS;
    let mut problems = Problems::default();
    let rows = read_rows(file, text, &columns, &mut problems);
    let mut areas: Vec<CouncilArea> = Vec::with_capacity(rows.len());
    for row in &rows {
        let line = Some(row.line);
        let code = CouncilAreaCode::parse(row.get(0))
            .map_err(|m| problems.push(file, line, columns[0], m))
            .ok();
        if let Some(code) = &code {
            if areas.iter().any(|a| &a.code == code) {
                problems.push(file, line, columns[0], format!("{code} is listed twice"));
            }
        }
        let name = row.get(1).to_string();
        if name.is_empty() {
            problems.push(file, line, columns[1], "must not be blank");
        } else if areas.iter().any(|a| a.name == name) {
            problems.push(file, line, columns[1], format!("'{name}' is listed twice"));
        }
        let division = known_division(file, row, divisions, &mut problems);
        let population_total = match row.get(4).parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                problems.push(
                    file,
                    line,
                    columns[4],
                    format!("'{}' is not a positive whole number", row.get(4)),
                );
                None
            }
        };
        if let (Some(code), Some(division), Some(population_total)) = (code, division, population_total) {
            areas.push(CouncilArea {
                code,
                name,
                division,
                population_total,
            });
        }
    }
    problems.into_result(areas)
}

/// The row's division: a code in divisions.csv, with the same name there.
fn known_division(file: &str, row: &Row, divisions: &[Division], problems: &mut Problems) -> Option<DivisionCode> {
    let (line, columns) = (Some(row.line), AREA_COLUMNS);
    match DivisionCode::parse(row.get(2)) {
        Err(message) => {
            problems.push(file, line, columns[2], message);
            None
        }
        Ok(d) => match divisions.iter().find(|known| known.code == d) {
            None => {
                problems.push(
                    file,
                    line,
                    columns[2],
                    format!("{d} is not a division in divisions.csv"),
                );
                None
            }
            Some(known) if known.name != row.get(3) => {
                problems.push(
                    file,
                    line,
                    columns[3],
                    format!(
                        "'{}' differs from division {d}'s name in divisions.csv ('{}')",
                        row.get(3),
                        known.name
                    ),
                );
                None
            }
            Some(_) => Some(d),
        },
    }
}
