//! The shipped seed files, and bad-input cases naming file, line and field.

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
    assert_eq!(
        in_j,
        [
            "East Lothian",
            "Midlothian",
            "Scottish Borders",
            "West Lothian"
        ]
    );
    assert_eq!(
        r.geography.division(&j).unwrap().name,
        "Lothians and Scottish Borders"
    );
}

#[test]
fn every_council_area_has_14_adult_population_cells() {
    let r = reference();
    assert_eq!(r.population.year, 2022);
    assert!(r
        .population
        .source
        .starts_with("https://www.nrscotland.gov.uk/"));
    let text =
        std::fs::read_to_string(repo_path("seeds/population-by-council-sex-ageband.csv")).unwrap();
    let mut rows_per_area: BTreeMap<&str, usize> = BTreeMap::new();
    for line in text.lines().skip(1) {
        *rows_per_area
            .entry(line.split(',').next().unwrap())
            .or_default() += 1;
    }
    assert_eq!(rows_per_area.len(), 32);
    assert!(
        rows_per_area.values().all(|&n| n == 14),
        "{rows_per_area:?}"
    );
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
    let text = std::fs::read_to_string(repo_path("seeds/source/population-by-council-sex-age.csv"))
        .unwrap();
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
    let by_area: u64 = codes
        .iter()
        .map(|c| r.population.area(c).unwrap().total())
        .sum();
    assert_eq!(j_adults.total(), by_area);
    let margin: f64 = j_adults.age_margin().iter().sum();
    assert_eq!(margin, j_adults.total() as f64);
    assert_eq!(
        j_adults.sex_margin().iter().sum::<f64>(),
        j_adults.total() as f64
    );
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
    let definition = crate::defs::load_file(
        &repo_path("survey-defs/your-police-2026.toml"),
        Some(&r.geography),
    )
    .unwrap();
    if let Err(e) = check_plan_concerns(&r.plans, &definition) {
        panic!("{e}");
    }
    let earlier =
        crate::defs::load_file(&repo_path("survey-defs/your-police-2025.toml"), None).unwrap();
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

fn problems_of<T: std::fmt::Debug>(result: Result<T, SeedError>) -> Vec<String> {
    result
        .unwrap_err()
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn bad_division_and_council_area_rows_name_their_line_and_column() {
    let p = problems_of(parse_divisions(
        "divisions.csv",
        "code,name\nJ,Lothians\nJJ,Nowhere\nJ,Again\n",
    ));
    assert_eq!(
        p,
        [
            "divisions.csv:3: code: 'JJ' is not a police division letter like J",
            "divisions.csv:4: code: division J is listed twice"
        ]
    );
    let divisions =
        parse_divisions("d.csv", "code,name\nJ,Lothians and Scottish Borders\n").unwrap();
    let text = "council_area_code,council_area_name,police_division_code,police_division_name,population_total\n\
                S12000026,Scottish Borders,J,Lothians and Scottish Borders,116020\n\
                S12000005,Clackmannanshire,C,Forth Valley,51540\n\
                S1200001,West Lothian,J,Lothians,-3\n";
    let p = problems_of(parse_council_areas("council-areas.csv", text, &divisions));
    assert!(
        p.contains(
            &"council-areas.csv:3: police_division_code: C is not a division in divisions.csv"
                .to_string()
        ),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.starts_with("council-areas.csv:4: council_area_code: 'S1200001'")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.starts_with("council-areas.csv:4: police_division_name:")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.starts_with("council-areas.csv:4: population_total:")),
        "{p:?}"
    );
    let p = problems_of(parse_divisions("divisions.csv", "letter,name\nJ,x\n"));
    assert_eq!(p, ["divisions.csv:1: code: column is missing from the header (expected columns: code,name)"]);
}

#[test]
fn bad_population_rows_name_their_line_and_column() {
    let head = "council_area_code,council_area_name,sex,age_band,population,year,source_url\n";
    let row = |sex: &str, band: &str, n: &str, year: &str| {
        format!("S12000005,Clackmannanshire,{sex},{band},{n},{year},https://example.org/nrs\n")
    };
    let mut text = head.to_string();
    for sex in ["M", "F"] {
        for band in AgeBand::ALL {
            text.push_str(&row(sex, band.as_str(), "100", "2022"));
        }
    }
    let good = parse_population("pop.csv", &text).unwrap();
    assert_eq!(good.adult_total(&code("S12000005")), Some(1400.0));
    let bad = format!(
        "{text}{}{}{}",
        row("M", "0-15", "5", "2022"),
        row("X", "16-24", "many", "2021"),
        row("F", "75+", "1", "2022")
    );
    let p = problems_of(parse_population("pop.csv", &bad));
    assert!(
        p.iter()
            .any(|m| m.starts_with("pop.csv:16: age_band: '0-15' is not an adult survey band")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|m| m == "pop.csv:17: sex: 'X' is not M or F"),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.starts_with("pop.csv:17: population: 'many'")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.starts_with("pop.csv:17: year: 2021 differs from 2022 on line 2")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m == "pop.csv:18: age_band: S12000005 F 75+ is already given on line 15"),
        "{p:?}"
    );
    let missing: String = text
        .lines()
        .filter(|l| !l.contains(",F,45-54,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let p = problems_of(parse_population("pop.csv", &missing));
    assert_eq!(
        p,
        ["pop.csv: council_area_code: S12000005 has no row for F 45-54"]
    );
}

#[test]
fn bad_plans_name_their_line_and_key() {
    let text = r#"id = "clackmannanshire-2020-23"
title = "Clackmannanshire Local Police Plan 2020-23"
division = "CC"
council_areas = ["S12000005", "S12000005"]
period_start = 2023
period_end = 2020
source_file = "clackmannanshire-2020-23.txt"

[[priorities]]
label = "Road safety and road crime"
summary = "Reduce casualties."
concerns = ["speeding", "Drink Driving"]
"#;
    let p = problems_of(parse_plan("plans/clackmannanshire-2020-23.toml", text));
    let expect = [
        "plans/clackmannanshire-2020-23.toml:3: division: 'CC' is not a police division letter like J",
        "plans/clackmannanshire-2020-23.toml:4: council_areas: S12000005 is listed twice",
        "plans/clackmannanshire-2020-23.toml:6: period_end: 2020 is before period_start (2023)",
    ];
    for e in expect {
        assert!(p.contains(&e.to_string()), "{e} not in {p:?}");
    }
    assert!(
        p.iter().any(|m| m.starts_with(
            "plans/clackmannanshire-2020-23.toml:12: priorities[1].concerns: 'Drink Driving'"
        )),
        "{p:?}"
    );
    let p = problems_of(parse_plan(
        "plans/x.toml",
        &text.replace("period_end", "period_ends"),
    ));
    assert!(
        p[0].starts_with("plans/x.toml:6: (toml): unknown field `period_ends`"),
        "{p:?}"
    );
}
