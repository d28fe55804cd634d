//! The pack's tables as CSV files, one per [`PackTable`]. Numbers are written as numbers (full
//! precision, `-` for negative), so that Excel and R read a negative difference as a number; only
//! text cells are neutralised against formula injection ([`crate::format::neutralise_formula`]).
//! Suppressed figures are empty cells with `suppressed` = true, never 0.

mod division;
mod places;

use super::super::model::{EvidencePack, PlaceSection, Share};
use super::pack_table::PackTable;
use crate::format::neutralise_formula;
use division::{plan_coverage, themes};
use places::{changes, headline, priorities, priority_concerns, representativeness};

/// A cell: text, guarded against formula injection, or a value written as it is.
enum Cell {
    Text(String),
    /// A number, empty when missing (suppressed or not computed).
    Number(Option<f64>),
    Count(Option<usize>),
    Flag(bool),
    /// A flag that is not given (empty), e.g. for a suppressed figure.
    MaybeFlag(Option<bool>),
}

impl Cell {
    fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    fn count(n: usize) -> Self {
        Cell::Count(Some(n))
    }

    fn written(&self) -> String {
        match self {
            Cell::Text(s) => neutralise_formula(s),
            Cell::Number(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            Cell::Flag(b) => b.to_string(),
            Cell::MaybeFlag(b) => b.map(|b| b.to_string()).unwrap_or_default(),
        }
    }
}

struct Table {
    writer: csv::Writer<Vec<u8>>,
}

impl Table {
    fn new(header: &[&str]) -> Result<Self, csv::Error> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(header)?;
        Ok(Self { writer })
    }

    fn row(&mut self, cells: Vec<Cell>) -> Result<(), csv::Error> {
        self.writer.write_record(cells.iter().map(Cell::written))
    }

    fn finish(self) -> Result<String, csv::Error> {
        let bytes = self.writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

fn share_cells(s: &Share) -> Vec<Cell> {
    vec![
        Cell::Number(s.estimate),
        Cell::Number(s.ci_low),
        Cell::Number(s.ci_high),
        Cell::count(s.base),
        Cell::Flag(s.suppressed),
    ]
}

fn sections(pack: &EvidencePack) -> impl Iterator<Item = &PlaceSection> {
    std::iter::once(&pack.division_section).chain(pack.council_areas.iter())
}

fn place_cells(s: &PlaceSection) -> Vec<Cell> {
    vec![
        Cell::text(s.place.kind.as_str()),
        Cell::text(&s.place.code),
        Cell::text(&s.place.name),
    ]
}

/// One table as CSV text.
pub fn table_csv(pack: &EvidencePack, table: PackTable) -> Result<String, csv::Error> {
    match table {
        PackTable::Headline => headline(pack),
        PackTable::Priorities => priorities(pack),
        PackTable::PriorityConcerns => priority_concerns(pack),
        PackTable::PlanCoverage => plan_coverage(pack),
        PackTable::Changes => changes(pack),
        PackTable::Representativeness => representativeness(pack),
        PackTable::Themes => themes(pack),
    }
}

#[cfg(test)]
mod tests;
