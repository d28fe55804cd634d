//! The pack's CSV tables by name: `headline`, `priorities`, … as a [`PackTable`], parsed once from a
//! query string, a CLI flag or serde, and written as `csv/<name>.csv`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One CSV table of the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackTable {
    Headline,
    Priorities,
    PriorityConcerns,
    PlanCoverage,
    Changes,
    Representativeness,
    Themes,
}

impl PackTable {
    /// Every table, in the order they are written.
    pub const ALL: [PackTable; 7] = [
        PackTable::Headline,
        PackTable::Priorities,
        PackTable::PriorityConcerns,
        PackTable::PlanCoverage,
        PackTable::Changes,
        PackTable::Representativeness,
        PackTable::Themes,
    ];

    /// The table's name: its file stem and its value in `table=` (as serde writes it).
    pub const fn as_str(self) -> &'static str {
        match self {
            PackTable::Headline => "headline",
            PackTable::Priorities => "priorities",
            PackTable::PriorityConcerns => "priority_concerns",
            PackTable::PlanCoverage => "plan_coverage",
            PackTable::Changes => "changes",
            PackTable::Representativeness => "representativeness",
            PackTable::Themes => "themes",
        }
    }
}

/// The tables' names, in [`PackTable::ALL`]'s order.
pub const TABLES: [&str; PackTable::ALL.len()] = {
    let mut names = [""; PackTable::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = PackTable::ALL[i].as_str();
        i += 1;
    }
    names
};

impl fmt::Display for PackTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of the pack's tables.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no table '{name}': the tables are {tables}", name = .0, tables = TABLES.join(", "))]
pub struct UnknownTable(pub String);

impl FromStr for PackTable {
    type Err = UnknownTable;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        PackTable::ALL
            .into_iter()
            .find(|t| t.as_str() == name)
            .ok_or_else(|| UnknownTable(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses_from_its_name_and_serde_agrees() {
        for table in PackTable::ALL {
            assert_eq!(table.as_str().parse::<PackTable>(), Ok(table));
            assert_eq!(table.to_string(), table.as_str());
            assert_eq!(serde_json::to_value(table).unwrap(), table.as_str());
            let back: PackTable = serde_json::from_value(serde_json::json!(table.as_str())).unwrap();
            assert_eq!(back, table);
        }
        assert_eq!(TABLES[2], "priority_concerns");
        assert_eq!(TABLES.len(), PackTable::ALL.len());
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_list_of_tables() {
        let err = "nope".parse::<PackTable>().unwrap_err();
        assert_eq!(err, UnknownTable("nope".into()));
        assert!(err.to_string().contains("headline, priorities, priority_concerns"));
        assert!("Headline".parse::<PackTable>().is_err(), "names are exact");
    }
}
