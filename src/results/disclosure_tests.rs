//! Tests of the public form of the representativeness tables and the weighting diagnostics, on
//! hand-made tables and on whole reports, with an attacker that works out whatever the published
//! numbers allow.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::results::linked_cells::area_pattern;
use crate::results::representativeness::{AreaCells, CategoryShares};
use crate::results::tests::{
    area, borders_with_two_young, dataset, division, options, random_respondents, report, BORDERS, EAST_LOTHIAN,
};
use crate::results::weighting::MarginReport;
use serde_json::Value;

const AGES: [&str; 7] = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"];

fn margin(counts: &[usize], not_given: usize) -> MarginShares {
    let answered: usize = counts.iter().sum();
    MarginShares {
        answered: Some(answered),
        not_given: Some(not_given),
        not_given_suppressed: false,
        categories: counts
            .iter()
            .zip(AGES)
            .map(|(&c, code)| CategoryShares {
                category: code,
                label: code,
                count: Some(c),
                sample_share: Some(c as f64 / answered as f64),
                weighted_share: Some(1.0 / counts.len() as f64),
                population_share: Some(1.0 / counts.len() as f64),
                suppressed: false,
            })
            .collect(),
    }
}

/// A one-area table: `age` and 40 men and 45 women, with as many not saying their sex as their age.
fn table(age: MarginShares) -> Representativeness {
    let sex = margin(&[40, 45], age.not_given.unwrap());
    let cells = |m: &MarginShares| {
        let mut cells: Vec<usize> = m.categories.iter().map(|c| c.count.unwrap()).collect();
        cells.push(m.not_given.unwrap());
        cells
    };
    Representativeness {
        suppressed: false,
        adult_population: 1_000,
        area_cells: vec![AreaCells {
            division: "J".into(),
            cells: [cells(&age), cells(&sex)],
        }],
        sex,
        age_band: age,
        note: "",
    }
}

/// The counts a reader can work out for each category and "not given" of a margin from what is
/// published there and the selection's `n`: published counts, `n − answered`, and each published
/// unweighted share times `answered`. Returns those cells (`None`: not worked out) and the number
/// of respondents left for the cells not worked out.
fn worked_out(m: &Value, n: u64) -> (Vec<Option<u64>>, u64) {
    let answered = m["answered"].as_u64();
    let mut cells: Vec<Option<u64>> = m["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["count"].as_u64().or_else(|| {
                let share = c["sample_share"].as_f64()?;
                Some((share * answered? as f64).round() as u64)
            })
        })
        .collect();
    cells.push(m["not_given"].as_u64().or(answered.map(|a| n - a)));
    let left = n - cells.iter().flatten().sum::<u64>();
    (cells, left)
}

/// Asserts that no withheld cell of either margin can be worked out, and that the withheld cells
/// of a margin add up to at least `threshold` (so no small group of them can be either).
fn assert_nothing_recoverable(json: &Value, n: u64, threshold: u64) {
    for name in ["age_band", "sex"] {
        let m = &json[name];
        let (cells, left) = worked_out(m, n);
        let hidden = cells.iter().filter(|c| c.is_none()).count();
        assert!(hidden != 1, "{name}: a lone withheld cell is {left}: {m}");
        assert!(
            hidden == 0 || left >= threshold,
            "{name}: withheld cells add up to {left}: {m}"
        );
        for (c, cell) in m["categories"].as_array().unwrap().iter().enumerate() {
            let small = cell["count"].as_u64().is_some_and(|x| x > 0 && x < threshold);
            assert!(!small, "{name}: a small count is published: {cell}");
            if cells[c].is_none() {
                assert_eq!(cell["suppressed"], true, "{cell}");
                assert!(
                    cell["sample_share"].is_null() && cell["weighted_share"].is_null(),
                    "{cell}"
                );
            }
        }
    }
}

#[test]
fn one_small_age_band_is_withheld_with_the_next_smallest_and_their_shares() {
    // 16-24 has 2 respondents; 75+ (12) is the next smallest; 5 did not say.
    let r = table(margin(&[2, 30, 25, 20, 18, 15, 12], 15)).disclosed(false, 10, &[]);
    let ages = &r.age_band.categories;
    for (c, band) in ages.iter().enumerate() {
        let withheld = c == 0 || c == 6;
        assert_eq!(band.suppressed, withheld, "{}", band.category);
        assert_eq!(band.count.is_none(), withheld);
        assert_eq!(band.sample_share.is_none(), withheld);
        assert_eq!(band.weighted_share.is_none(), withheld);
        assert!(band.population_share.is_some(), "population figures are public");
    }
    assert_eq!((r.age_band.answered, r.age_band.not_given), (Some(122), Some(15)));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["age_band"]["categories"][0]["count"], Value::Null);
    assert_eq!(json["age_band"]["categories"][0]["suppressed"], true);
    assert_nothing_recoverable(&json, 137, 10);
    assert_eq!(r.sex, table(margin(&[2], 15)).sex, "the sexes had no small cell");
}

#[test]
fn a_small_not_given_takes_answered_and_every_unweighted_share_with_it() {
    let r = table(margin(&[30, 25, 20, 18, 15, 12, 11], 3)).disclosed(false, 10, &[]);
    let m = &r.age_band;
    assert!(m.not_given_suppressed && m.not_given.is_none() && m.answered.is_none());
    // The smallest band (75+, 11) is withheld with it.
    assert!(m.categories[6].suppressed && m.categories[6].count.is_none());
    assert!(m.categories.iter().all(|c| c.sample_share.is_none()));
    assert_eq!(m.categories[0].count, Some(30));
    assert!(m.categories[0].weighted_share.is_some());
    assert_nothing_recoverable(&serde_json::to_value(&r).unwrap(), 134, 10);
}

#[test]
fn a_band_weighted_together_with_a_withheld_band_loses_its_weighted_share() {
    let mut borders = weighting_report(40, [Some(3), Some(2)]);
    borders.margins[0].groups = vec![
        vec!["16-24", "25-34"],
        vec!["35-44"],
        vec!["45-54", "55-64", "65-74", "75+"],
    ];
    let r = table(margin(&[3, 30, 25, 20, 18, 15, 12], 15)).disclosed(false, 10, &[borders]);
    let bands = &r.age_band.categories;
    assert!(bands[0].suppressed && bands[6].suppressed);
    assert!(!bands[1].suppressed && bands[1].count == Some(30));
    assert!(
        bands[1].weighted_share.is_none(),
        "25-34 was raked with 16-24: its weight would give 16-24's away"
    );
    assert!(bands[2].weighted_share.is_some());
}

#[test]
fn a_suppressed_selection_hides_every_count_and_share_but_keeps_the_population() {
    let r = table(margin(&[1, 2, 0, 0, 3, 0, 1], 1)).disclosed(true, 10, &[]);
    assert!(r.suppressed);
    for m in [&r.age_band, &r.sex] {
        assert_eq!((m.answered, m.not_given, m.not_given_suppressed), (None, None, true));
        for c in &m.categories {
            assert_eq!((c.count, c.sample_share, c.weighted_share), (None, None, None));
            assert!(c.suppressed && c.population_share.is_some());
        }
    }
}

fn weighting_report(n: usize, unknown: [Option<usize>; 2]) -> AreaWeightingReport {
    let margin = |variable, unknown| MarginReport {
        variable,
        used: true,
        groups: Vec::new(),
        collapsed: Vec::new(),
        unknown,
        unknown_suppressed: false,
    };
    AreaWeightingReport {
        code: "S12000026".into(),
        name: "Scottish Borders".into(),
        n,
        adult_population: 100_000.0,
        iterations: 5,
        converged: true,
        max_relative_error: 0.0,
        suppressed: false,
        min_weight: Some(500.0),
        max_weight: Some(5_000.0),
        weight_ratio: Some(10.0),
        largest_weight_share: Some(0.05),
        over_share_limit: false,
        margins: vec![margin(Variable::AgeBand, unknown[0]), margin(Variable::Sex, unknown[1])],
        trimming: None,
    }
}

#[test]
fn an_area_s_not_given_is_withheld_in_the_weighting_section_wherever_its_own_table_withholds_it() {
    let areas = [
        weighting_report(200, [Some(12), Some(20)]),
        weighting_report(150, [Some(3), Some(15)]),
        weighting_report(6, [Some(1), Some(0)]),
    ];
    let cells = [
        [vec![30, 40, 38, 30, 20, 18, 12, 12], vec![90, 90, 20]],
        [vec![20, 25, 22, 30, 20, 15, 15, 3], vec![60, 75, 15]],
        [vec![0, 0, 0, 0, 2, 3, 0, 1], vec![3, 3, 0]],
    ]
    .map(|cells| AreaCells {
        division: "J".into(),
        cells,
    });
    let shown = disclosed_areas(&areas, 10, &cells);
    let unknown = |a: usize, m: usize| shown[a].margins.get(m).and_then(|x| x.unknown);
    assert_eq!(
        (unknown(0, 0), unknown(0, 1)),
        (Some(12), Some(20)),
        "nothing small in the first"
    );
    assert_eq!(unknown(1, 0), None, "3 did not give their age");
    assert!(shown[1].margins[0].unknown_suppressed && !shown[1].margins[1].unknown_suppressed);
    let small = &shown[2];
    assert!(small.suppressed && small.margins.is_empty());
    assert_eq!(
        (small.min_weight, small.max_weight, small.weight_ratio),
        (None, None, None)
    );
    assert_eq!(small.n, 6, "the number of respondents is published anyway");
    assert_eq!(shown[0].max_weight, Some(5_000.0));
}

#[test]
fn an_area_too_small_to_show_makes_a_selection_withhold_at_least_two_columns() {
    assert_eq!(
        area_pattern(&[0, 0, 0, 0, 0, 0, 4, 0], 10),
        [true, false, false, false, false, false, true, false]
    );
    assert_eq!(
        area_pattern(&[0, 1, 0, 2, 0, 0, 0, 3], 10),
        [false, true, false, true, false, false, false, true]
    );
    // At least the threshold: the row's own rules.
    assert_eq!(
        area_pattern(&[2, 30, 11, 0, 25, 40, 18, 14], 10)[..3],
        [true, false, true]
    );
}

#[test]
fn in_a_report_a_small_age_band_is_withheld_and_nothing_published_recovers_it() {
    let data = dataset(&[(BORDERS, borders_with_two_young())]);
    let report = report("test-lothians", &data, &area(BORDERS), &options(0));
    let json = serde_json::to_value(&report).unwrap();
    let rep = &json["representativeness"];
    let young = &rep["age_band"]["categories"][0];
    assert_eq!(
        (young["count"].clone(), young["suppressed"].clone()),
        (Value::Null, Value::Bool(true))
    );
    let withheld = rep["age_band"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["suppressed"] == true)
        .count()
        + usize::from(rep["age_band"]["not_given_suppressed"] == true);
    assert!(withheld >= 2, "a sibling is withheld with it: {rep}");
    assert_nothing_recoverable(rep, 100, 10);
    // The weighting diagnostics do not give the "not given" count away either.
    let unknown = &json["weighting"]["areas"][0]["margins"][0];
    assert_eq!(unknown["unknown"], Value::Null, "{unknown}");
    assert_eq!(unknown["unknown_suppressed"], true);
}

#[test]
fn in_a_division_report_every_margin_passes_the_sum_check() {
    let data = dataset(&[
        (BORDERS, borders_with_two_young()),
        (EAST_LOTHIAN, random_respondents(45, 5, 77)),
    ]);
    let report = report("test-lothians", &data, &division("J"), &options(0));
    let json = serde_json::to_value(&report).unwrap();
    assert_nothing_recoverable(&json["representativeness"], 145, 10);
    // Per-area "not given" counts: where one is withheld, so is the division's, which is their sum.
    for (m, name) in ["age_band", "sex"].into_iter().enumerate() {
        let withheld = json["weighting"]["areas"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["margins"][m]["unknown"].is_null());
        if withheld {
            assert!(json["representativeness"][name]["not_given"].is_null(), "{name}");
        }
    }
}

#[test]
fn a_small_yes_or_no_count_withholds_the_unweighted_share_but_not_the_weighted_one() {
    let mut respondents = random_respondents(80, 5, 41);
    for (i, r) in respondents.iter_mut().enumerate() {
        r.feel_safe = Some(if i < 3 { 1 } else { 5 });
    }
    let data = dataset(&[(BORDERS, respondents)]);
    let report = report("test-lothians", &data, &area(BORDERS), &options(0));
    let unweighted = report.feel_safe.unweighted.as_ref().unwrap();
    assert!(unweighted.suppressed && unweighted.count.is_none() && unweighted.wilson.is_none());
    assert!(report.feel_safe.estimate.is_some() && !report.feel_safe.suppressed);
    let confidence = report.confidence.unweighted.as_ref().unwrap();
    assert!(!confidence.suppressed && confidence.count.is_some());
}
