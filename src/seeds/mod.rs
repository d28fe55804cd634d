//! Reading the reference data in `seeds/` (the folder is given by `--seeds` or `LOCALVOICE_SEEDS`,
//! read by the command line in `crate::cli` and listed in `crate::config`; this module reads no
//! environment variables). Pure: files in, domain values out, no database. `crate::db` writes the
//! result to the reference tables.
//!
//! | file | becomes |
//! |---|---|
//! | `divisions.csv` | `Vec<Division>` (13 Police Scotland local policing divisions) |
//! | `council-areas.csv` | `Vec<CouncilArea>` → `Geography` (32 council areas, each in one division) |
//! | `population-by-council-sex-ageband.csv` | `PopulationMargins` (adults 16+, 14 cells per area) |
//! | `plans/*.toml` | `Vec<CurrentPlan>` (current Local Police Plans, priorities → concern ids) |
//!
//! Every problem names the file, the line and the column or key; all problems in a file are
//! reported together.

mod csv_rows;
mod error;
mod geography;
mod plans;
mod population;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_bad_input;

pub use error::{SeedError, SeedProblem};
pub use geography::{parse_council_areas, parse_divisions};
pub use plans::{check_plan_concerns, parse_plan, read_plans, CurrentPlan, PlanPeriod, PlanPriority};
pub use population::{parse_population, population_rows, PopulationCell};

use crate::domain::population::PopulationMargins;
use crate::domain::{CouncilArea, Division, Geography};
use error::{read_text, Problems};
use std::path::Path;

pub const DIVISIONS_FILE: &str = "divisions.csv";
pub const COUNCIL_AREAS_FILE: &str = "council-areas.csv";
pub const POPULATION_FILE: &str = "population-by-council-sex-ageband.csv";
pub const PLANS_DIR: &str = "plans";

/// Everything in `seeds/`, checked against itself.
#[derive(Debug, Clone)]
pub struct ReferenceData {
    pub geography: Geography,
    pub population: PopulationMargins,
    pub plans: Vec<CurrentPlan>,
}

pub fn read_divisions(path: &Path) -> Result<Vec<Division>, SeedError> {
    parse_divisions(&path.display().to_string(), &read_text(path)?)
}

pub fn read_council_areas(path: &Path, divisions: &[Division]) -> Result<Vec<CouncilArea>, SeedError> {
    parse_council_areas(&path.display().to_string(), &read_text(path)?, divisions)
}

pub fn read_population(path: &Path) -> Result<PopulationMargins, SeedError> {
    parse_population(&path.display().to_string(), &read_text(path)?)
}

/// Reads every seed file and checks them together: the population covers exactly the council
/// areas, and each plan's division and council areas exist and agree.
pub fn load_all(seeds_dir: &Path) -> Result<ReferenceData, SeedError> {
    let divisions = read_divisions(&seeds_dir.join(DIVISIONS_FILE))?;
    let areas = read_council_areas(&seeds_dir.join(COUNCIL_AREAS_FILE), &divisions)?;
    let population_path = seeds_dir.join(POPULATION_FILE);
    let population = read_population(&population_path)?;
    let plans = read_plans(&seeds_dir.join(PLANS_DIR))?;
    let geography = Geography::new(divisions, areas);

    let mut problems = Problems::default();
    let population_file = population_path.display().to_string();
    for area in &geography.areas {
        if population.area(&area.code).is_none() {
            problems.push(
                &population_file,
                None,
                "council_area_code",
                format!("{} ({}) has no population rows", area.code, area.name),
            );
        }
    }
    for (code, _) in population.areas() {
        if geography.area(code).is_none() {
            problems.push(
                &population_file,
                None,
                "council_area_code",
                format!("{code} is not in {COUNCIL_AREAS_FILE}"),
            );
        }
    }
    for plan in &plans {
        if geography.division(&plan.division).is_none() {
            problems.push(
                &plan.seed_file,
                None,
                "division",
                format!("{} is not in {DIVISIONS_FILE}", plan.division),
            );
        }
        for code in &plan.council_areas {
            match geography.area(code) {
                None => problems.push(
                    &plan.seed_file,
                    None,
                    "council_areas",
                    format!("{code} is not in {COUNCIL_AREAS_FILE}"),
                ),
                Some(area) if area.division != plan.division => problems.push(
                    &plan.seed_file,
                    None,
                    "council_areas",
                    format!(
                        "{code} ({}) is in division {}, not {}",
                        area.name, area.division, plan.division
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    problems.into_result(ReferenceData {
        geography,
        population,
        plans,
    })
}
