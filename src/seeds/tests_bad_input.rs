//! Bad seed files: every problem names the file, the line and the column or key.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::*;
use crate::domain::{AgeBand, CouncilAreaCode};

fn code(s: &str) -> CouncilAreaCode {
    CouncilAreaCode::parse(s).unwrap()
}

fn problems_of<T: std::fmt::Debug>(result: Result<T, SeedError>) -> Vec<String> {
    result.unwrap_err().problems().iter().map(ToString::to_string).collect()
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
    let divisions = parse_divisions("d.csv", "code,name\nJ,Lothians and Scottish Borders\n").unwrap();
    let text = "council_area_code,council_area_name,police_division_code,police_division_name,population_total\n\
                S12000026,Scottish Borders,J,Lothians and Scottish Borders,116020\n\
                S12000005,Clackmannanshire,C,Forth Valley,51540\n\
                S1200001,West Lothian,J,Lothians,-3\n";
    let p = problems_of(parse_council_areas("council-areas.csv", text, &divisions));
    assert!(
        p.contains(&"council-areas.csv:3: police_division_code: C is not a division in divisions.csv".to_string()),
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
    assert_eq!(
        p,
        ["divisions.csv:1: code: column is missing from the header (expected columns: code,name)"]
    );
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
    assert!(p.iter().any(|m| m == "pop.csv:17: sex: 'X' is not M or F"), "{p:?}");
    assert!(
        p.iter().any(|m| m.starts_with("pop.csv:17: population: 'many'")),
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
    assert_eq!(p, ["pop.csv: council_area_code: S12000005 has no row for F 45-54"]);
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
        p.iter()
            .any(|m| m.starts_with("plans/clackmannanshire-2020-23.toml:12: priorities[1].concerns: 'Drink Driving'")),
        "{p:?}"
    );
    let p = problems_of(parse_plan("plans/x.toml", &text.replace("period_end", "period_ends")));
    assert!(
        p[0].starts_with("plans/x.toml:6: (toml): unknown field `period_ends`"),
        "{p:?}"
    );
}
