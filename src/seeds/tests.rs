//! The shipped seed files (bad-input cases are in `tests_bad_input`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::*;
use crate::domain::{AgeBand, CouncilAreaCode, DivisionCode, Sex};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn reference() -> ReferenceData {
    match load_all(&repo_path("seeds")) {
        Ok(r) => r,
        Err(e) => panic!("seeds/ does not load:\n{e}"),
    }
}

fn code(s: &str) -> CouncilAreaCode {
    CouncilAreaCode::parse(s).unwrap()
}

#[test]
fn the_seeds_hold_13_divisions_and_32_council_areas() {
    let r = reference();
    assert_eq!(r.geography.divisions.len(), 13);
    assert_eq!(r.geography.areas.len(), 32);
    let j = DivisionCode::parse("J").unwrap();
    let mut in_j: Vec<&str> = r.geography.areas_in(&j).map(|a| a.name.as_str()).collect();
    in_j.sort();
    assert_eq!(in_j, ["East Lothian", "Midlothian", "Scottish Borders", "West Lothian"]);
    assert_eq!(r.geography.division(&j).unwrap().name, "Lothians and Scottish Borders");
}

#[test]
fn every_council_area_has_14_adult_population_cells() {
    let r = reference();
    assert_eq!(r.population.year, 2022);
    assert!(r.population.source.starts_with("https://www.nrscotland.gov.uk/"));
    let text = std::fs::read_to_string(repo_path("seeds/population-by-council-sex-ageband.csv")).unwrap();
    let mut rows_per_area: BTreeMap<&str, usize> = BTreeMap::new();
    for line in text.lines().skip(1) {
        *rows_per_area.entry(line.split(',').next().unwrap()).or_default() += 1;
    }
    assert_eq!(rows_per_area.len(), 32);
    assert!(rows_per_area.values().all(|&n| n == 14), "{rows_per_area:?}");
    for area in &r.geography.areas {
        let cells = r.population.area(&area.code).unwrap().cells();
        assert!(cells.iter().flatten().all(|&n| n > 0), "{}", area.name);
    }
}

/// Independent check of the derived file: sum the single-year NRS rows (kept in seeds/source/)
/// for ages 16 and over, per area, sex and band, and compare with what the loader read.
#[test]
fn adult_population_equals_the_single_year_estimates_summed_from_age_16() {
    let r = reference();
    let text = std::fs::read_to_string(repo_path("seeds/source/population-by-council-sex-age.csv")).unwrap();
    let mut adults_by_cell: BTreeMap<(String, String, AgeBand), u64> = BTreeMap::new();
    let mut all_ages_by_area: BTreeMap<String, i64> = BTreeMap::new();
    let mut scotland_adults = 0u64;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let age: u32 = f[3].trim_end_matches('+').parse().unwrap();
        let people: u64 = f[4].parse().unwrap();
        *all_ages_by_area.entry(f[0].to_string()).or_default() += people as i64;
        if age < 16 {
            continue;
        }
        scotland_adults += people;
        let band = AgeBand::ALL[match age {
            16..=24 => 0,
            25..=34 => 1,
            35..=44 => 2,
            45..=54 => 3,
            55..=64 => 4,
            65..=74 => 5,
            _ => 6,
        }];
        *adults_by_cell
            .entry((f[0].to_string(), f[2].to_string(), band))
            .or_default() += people;
    }
    assert_eq!(r.population.all_areas().total(), scotland_adults);
    for ((area, sex, band), people) in &adults_by_cell {
        let sex = if sex == "M" { Sex::Male } else { Sex::Female };
        assert_eq!(
            r.population.area(&code(area)).unwrap().count(sex, *band),
            *people,
            "{area} {sex:?} {band:?}"
        );
    }
    for area in &r.geography.areas {
        assert_eq!(
            all_ages_by_area[area.code.as_str()],
            area.population_total,
            "{}",
            area.name
        );
    }
}

#[test]
fn division_totals_are_sums_of_their_council_areas() {
    let r = reference();
    let j = DivisionCode::parse("J").unwrap();
    let codes: Vec<CouncilAreaCode> = r.geography.areas_in(&j).map(|a| a.code.clone()).collect();
    let j_adults = r.population.sum_areas(&codes).unwrap();
    let by_area: u64 = codes.iter().map(|c| r.population.area(c).unwrap().total()).sum();
    assert_eq!(j_adults.total(), by_area);
    let margin: f64 = j_adults.age_margin().iter().sum();
    assert_eq!(margin, j_adults.total() as f64);
    assert_eq!(j_adults.sex_margin().iter().sum::<f64>(), j_adults.total() as f64);
}

#[test]
fn the_plans_are_loaded_with_their_divisions_and_areas() {
    let r = reference();
    let ids: Vec<&str> = r.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "clackmannanshire-2020-23",
            "lanarkshire-2023-26",
            "lothians-and-scottish-borders-2023-26",
            "south-lanarkshire-2017-20"
        ]
    );
    let j = r.plans.iter().find(|p| p.division.as_str() == "J").unwrap();
    assert_eq!(j.council_areas.len(), 4);
    assert_eq!(j.priorities.len(), 5);
    assert_eq!(j.period.to_string(), "2023–26");
    let clacks = &r.plans[0];
    assert_eq!(
        (clacks.division.as_str(), clacks.council_areas.clone()),
        ("C", vec![code("S12000005")])
    );
}

#[test]
fn plans_reference_only_concerns_of_your_police_2026() {
    let r = reference();
    let definition =
        crate::defs::load_file(&repo_path("survey-defs/your-police-2026.toml"), Some(&r.geography)).unwrap();
    if let Err(e) = check_plan_concerns(&r.plans, &definition) {
        panic!("{e}");
    }
    let earlier = crate::defs::load_file(&repo_path("survey-defs/your-police-2025.toml"), None).unwrap();
    let e = check_plan_concerns(&r.plans, &earlier).unwrap_err();
    assert!(
        e.problems()
            .iter()
            .all(|p| p.message.contains("online_fraud") || p.message.contains("shoplifting")),
        "{e}"
    );
}

#[test]
fn the_shipped_definitions_fit_the_reference_geography() {
    let r = reference();
    let defs = crate::defs::load_dir(&repo_path("survey-defs"), Some(&r.geography));
    assert!(
        defs.is_ok(),
        "{}",
        defs.err().map(|e| e.to_string()).unwrap_or_default()
    );
}

#[test]
fn population_rows_flatten_the_margins_like_the_seed_file() {
    let r = reference();
    let rows = population_rows(&r.population);
    assert_eq!(rows.len(), 32 * 14);
    let text = std::fs::read_to_string(repo_path("seeds/population-by-council-sex-ageband.csv")).unwrap();
    let mut from_file: Vec<String> = text
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            format!("{},{},{},{},{},{}", f[0], f[2], f[3], f[4], f[5], f[6])
        })
        .collect();
    let mut flattened: Vec<String> = rows
        .iter()
        .map(|c| {
            format!(
                "{},{},{},{},{},{}",
                c.council_area_code, c.sex, c.age_band, c.population, c.year, c.source_url
            )
        })
        .collect();
    from_file.sort();
    flattened.sort();
    assert_eq!(flattened, from_file);
}
