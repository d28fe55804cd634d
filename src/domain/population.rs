//! Adult population margins: residents aged 16 and over per council area, by sex and survey age
//! band, for weighting responses (raking) and for "responses per 1,000 adults". Read from
//! `seeds/population-by-council-sex-ageband.csv` by `crate::seeds`.

use super::answers::{AgeBand, Sex};
use super::geography::CouncilAreaCode;
use serde::Serialize;
use std::collections::BTreeMap;

/// Adult residents of one council area (or of several, summed), by sex and age band.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AdultPopulation {
    /// `cells[sex.index()][band.index()]`: whole people, as published.
    cells: [[u64; 7]; 2],
}

impl AdultPopulation {
    pub fn new(cells: [[u64; 7]; 2]) -> Self {
        Self { cells }
    }

    pub fn count(&self, sex: Sex, band: AgeBand) -> u64 {
        self.cells[sex.index()][band.index()]
    }

    /// People in each age band, both sexes together, in `AgeBand::ALL` order.
    pub fn age_margin(&self) -> [f64; 7] {
        let mut margin = [0.0; 7];
        for (i, m) in margin.iter_mut().enumerate() {
            *m = (self.cells[0][i] + self.cells[1][i]) as f64;
        }
        margin
    }

    /// People of each sex, all adult ages together, in `Sex::ALL` order (male, female).
    pub fn sex_margin(&self) -> [f64; 2] {
        [
            self.cells[0].iter().sum::<u64>() as f64,
            self.cells[1].iter().sum::<u64>() as f64,
        ]
    }

    /// All adults (16 and over).
    pub fn total(&self) -> u64 {
        self.cells.iter().flatten().sum()
    }

    pub fn cells(&self) -> &[[u64; 7]; 2] {
        &self.cells
    }

    fn add(&mut self, other: &AdultPopulation) {
        for (row, other_row) in self.cells.iter_mut().zip(other.cells.iter()) {
            for (cell, other_cell) in row.iter_mut().zip(other_row.iter()) {
                *cell += other_cell;
            }
        }
    }
}

/// The adult population of every council area, with the reference year and source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PopulationMargins {
    /// Reference year of the estimates (mid-year, e.g. 2022 for 30 June 2022).
    pub year: i32,
    /// Where the figures come from (the publisher's data file URL).
    pub source: String,
    by_area: BTreeMap<CouncilAreaCode, AdultPopulation>,
}

impl PopulationMargins {
    pub fn new(year: i32, source: impl Into<String>, by_area: BTreeMap<CouncilAreaCode, AdultPopulation>) -> Self {
        Self {
            year,
            source: source.into(),
            by_area,
        }
    }

    pub fn area(&self, code: &CouncilAreaCode) -> Option<&AdultPopulation> {
        self.by_area.get(code)
    }

    /// The areas, in code order.
    pub fn areas(&self) -> impl Iterator<Item = (&CouncilAreaCode, &AdultPopulation)> {
        self.by_area.iter()
    }

    pub fn age_margin(&self, code: &CouncilAreaCode) -> Option<[f64; 7]> {
        self.area(code).map(AdultPopulation::age_margin)
    }

    pub fn sex_margin(&self, code: &CouncilAreaCode) -> Option<[f64; 2]> {
        self.area(code).map(AdultPopulation::sex_margin)
    }

    /// All adults in the area, as a float for weighting arithmetic.
    pub fn adult_total(&self, code: &CouncilAreaCode) -> Option<f64> {
        self.area(code).map(|a| a.total() as f64)
    }

    /// The areas summed (a division, a consultation's coverage). Fails with the first code that
    /// has no figures, rather than quietly leaving it out of the total.
    pub fn sum_areas<'a>(
        &self,
        codes: impl IntoIterator<Item = &'a CouncilAreaCode>,
    ) -> Result<AdultPopulation, CouncilAreaCode> {
        let mut sum = AdultPopulation::default();
        for code in codes {
            sum.add(self.area(code).ok_or_else(|| code.clone())?);
        }
        Ok(sum)
    }

    /// Every area summed.
    pub fn all_areas(&self) -> AdultPopulation {
        let mut sum = AdultPopulation::default();
        for a in self.by_area.values() {
            sum.add(a);
        }
        sum
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    fn margins() -> PopulationMargins {
        let a = CouncilAreaCode::parse("S12000005").unwrap();
        let b = CouncilAreaCode::parse("S12000026").unwrap();
        let mut cells = [[0u64; 7]; 2];
        for (band, n) in cells[0].iter_mut().zip(1u64..) {
            *band = n;
        }
        cells[1] = [10, 20, 30, 40, 50, 60, 70];
        PopulationMargins::new(
            2022,
            "test",
            BTreeMap::from([(a, AdultPopulation::new(cells)), (b, AdultPopulation::new(cells))]),
        )
    }

    #[test]
    fn margins_sum_cells_by_sex_and_by_band() {
        let m = margins();
        let a = CouncilAreaCode::parse("S12000005").unwrap();
        assert_eq!(m.age_margin(&a).unwrap(), [11.0, 22.0, 33.0, 44.0, 55.0, 66.0, 77.0]);
        assert_eq!(m.sex_margin(&a).unwrap(), [28.0, 280.0]);
        assert_eq!(m.adult_total(&a), Some(308.0));
        assert_eq!(m.area(&a).unwrap().count(Sex::Female, AgeBand::A75Plus), 70);
    }

    #[test]
    fn summing_areas_adds_every_cell_and_refuses_unknown_areas() {
        let m = margins();
        let codes: Vec<CouncilAreaCode> = m.areas().map(|(c, _)| c.clone()).collect();
        let sum = m.sum_areas(&codes).unwrap();
        assert_eq!(sum.total(), 616);
        assert_eq!(sum, m.all_areas());
        let unknown = CouncilAreaCode::parse("S12000036").unwrap();
        assert_eq!(m.sum_areas([&codes[0], &unknown]), Err(unknown));
    }
}
