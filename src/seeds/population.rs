//! `population-by-council-sex-ageband.csv` → `PopulationMargins`: 14 cells (2 sexes × 7 adult
//! bands) per council area, one reference year and one source for the whole file.

use super::csv_rows::{read_rows, Row};
use super::error::{Problems, SeedError};
use crate::domain::population::{AdultPopulation, PopulationMargins};
use crate::domain::{AgeBand, CouncilAreaCode, Sex};
use std::collections::BTreeMap;

/// One area's cells as read: the count and the line it came from (to report repeats).
type CellsRead = [[Option<(u64, usize)>; 7]; 2];

const COLUMNS: [&str; 6] = [
    "council_area_code",
    "sex",
    "age_band",
    "population",
    "year",
    "source_url",
];

pub fn parse_population(file: &str, text: &str) -> Result<PopulationMargins, SeedError> {
    let mut problems = Problems::default();
    let rows = read_rows(file, text, &COLUMNS, &mut problems);
    let mut cells: BTreeMap<CouncilAreaCode, CellsRead> = BTreeMap::new();
    let mut whole_file = WholeFile::default();
    for row in &rows {
        let cell = parse_cell(file, row, &mut problems);
        whole_file.check(file, row, &mut problems);
        let Some((code, sex, band, count)) = cell else {
            continue;
        };
        let cell = &mut cells.entry(code.clone()).or_default()[sex.index()][band.index()];
        if let Some((_, first_line)) = cell {
            problems.push(
                file,
                Some(row.line),
                COLUMNS[2],
                format!(
                    "{code} {} {} is already given on line {first_line}",
                    sex.as_str(),
                    band.as_str()
                ),
            );
        }
        *cell = Some((count, row.line));
    }
    let by_area = complete_areas(file, cells, &mut problems);
    let year = whole_file.year.map_or(0, |(y, _)| y);
    let source = whole_file.source.map(|(s, _)| s).unwrap_or_default();
    problems.into_result(PopulationMargins::new(year, source, by_area))
}

/// A row's council area, sex, age band and count, or `None` after recording what is wrong.
fn parse_cell(file: &str, row: &Row, problems: &mut Problems) -> Option<(CouncilAreaCode, Sex, AgeBand, u64)> {
    let line = Some(row.line);
    let code = CouncilAreaCode::parse(row.get(0))
        .map_err(|m| problems.push(file, line, COLUMNS[0], m))
        .ok();
    let sex = match row.get(1) {
        "M" => Some(Sex::Male),
        "F" => Some(Sex::Female),
        other => {
            problems.push(file, line, COLUMNS[1], format!("'{other}' is not M or F"));
            None
        }
    };
    let band = AgeBand::ALL.into_iter().find(|b| b.as_str() == row.get(2));
    if band.is_none() {
        problems.push(
            file,
            line,
            COLUMNS[2],
            format!(
                "'{}' is not an adult survey band (16-24, 25-34, 35-44, 45-54, 55-64, 65-74, 75+)",
                row.get(2)
            ),
        );
    }
    let count = row.get(3).parse::<u64>().map_err(|_| {
        problems.push(
            file,
            line,
            COLUMNS[3],
            format!("'{}' is not a whole number of people", row.get(3)),
        )
    });
    Some((code?, sex?, band?, count.ok()?))
}

/// The reference year and source, which every row must repeat: the first seen, and its line.
#[derive(Default)]
struct WholeFile {
    year: Option<(i32, usize)>,
    source: Option<(String, usize)>,
}

impl WholeFile {
    fn check(&mut self, file: &str, row: &Row, problems: &mut Problems) {
        let line = Some(row.line);
        match (row.get(4).parse::<i32>(), &self.year) {
            (Err(_), _) => problems.push(file, line, COLUMNS[4], format!("'{}' is not a year", row.get(4))),
            (Ok(y), Some((first, first_line))) if y != *first => problems.push(
                file,
                line,
                COLUMNS[4],
                format!("{y} differs from {first} on line {first_line}: one file holds one reference year"),
            ),
            (Ok(y), _) => self.year = self.year.or(Some((y, row.line))),
        }
        match (row.get(5), &self.source) {
            ("", _) => problems.push(file, line, COLUMNS[5], "must not be blank"),
            (s, Some((first, first_line))) if s != first => problems.push(
                file,
                line,
                COLUMNS[5],
                format!("differs from the source on line {first_line}: one file holds one source"),
            ),
            (s, None) => self.source = Some((s.to_string(), row.line)),
            _ => {}
        }
    }
}

/// Each area's counts, recording every area that lacks a cell.
fn complete_areas(
    file: &str,
    cells: BTreeMap<CouncilAreaCode, CellsRead>,
    problems: &mut Problems,
) -> BTreeMap<CouncilAreaCode, AdultPopulation> {
    let mut by_area = BTreeMap::new();
    for (code, area) in cells {
        let mut counts = [[0u64; 7]; 2];
        let mut missing = Vec::new();
        for sex in Sex::ALL {
            for band in AgeBand::ALL {
                match area[sex.index()][band.index()] {
                    Some((n, _)) => counts[sex.index()][band.index()] = n,
                    None => missing.push(format!("{} {}", sex.as_str(), band.as_str())),
                }
            }
        }
        if !missing.is_empty() {
            problems.push(
                file,
                None,
                COLUMNS[0],
                format!("{code} has no row for {}", missing.join(", ")),
            );
        }
        by_area.insert(code, AdultPopulation::new(counts));
    }
    by_area
}

/// One population cell as a flat record: the shape of the seed file's rows and of the database's
/// `population_margins` table (`crate::db` turns these into its own rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopulationCell {
    pub council_area_code: String,
    /// `M` or `F`.
    pub sex: String,
    /// `16-24` … `75+`.
    pub age_band: String,
    pub population: i64,
    pub year: i32,
    pub source_url: String,
}

/// Every cell of the margins, areas in code order, then sex (M, F), then age band.
pub fn population_rows(margins: &PopulationMargins) -> Vec<PopulationCell> {
    let mut rows = Vec::new();
    for (code, area) in margins.areas() {
        for sex in Sex::ALL {
            for band in AgeBand::ALL {
                rows.push(PopulationCell {
                    council_area_code: code.to_string(),
                    sex: sex.as_str().to_string(),
                    age_band: band.as_str().to_string(),
                    population: i64::try_from(area.count(sex, band)).unwrap_or(i64::MAX),
                    year: margins.year,
                    source_url: margins.source.clone(),
                });
            }
        }
    }
    rows
}
