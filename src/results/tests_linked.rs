//! Linked tables in whole reports: a division's report beside its areas' reports gives no withheld
//! cell away, checked by an attacker who turns everything published into linear equations.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::linked_cells::tests::solve;
use super::tests::{
    area, borders_with_two_young, dataset, division, options, random_respondents, report, respondent, BORDERS,
    EAST_LOTHIAN, MIDLOTHIAN,
};
use super::Respondent;
use serde_json::{json, Value};

/// A margin's cells as published: each category's count, then "not given" (`None`: withheld).
fn published_cells(report: &Value, name: &str) -> Vec<Option<u64>> {
    let m = &report["representativeness"][name];
    let mut cells: Vec<Option<u64>> = m["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64())
        .collect();
    cells.push(m["not_given"].as_u64());
    cells
}

/// Everything published about a division and its areas, as linear equations in the withheld
/// cells: each area's row adds up to its `n`, the division's row to its `n`, and each of the
/// division's cells is the sum of its areas' cells. Asserts that the only withheld cells these
/// determine are zeros (a zero identifies nobody) and that no published cell is small.
fn assert_no_cell_recoverable_across(division: &Value, areas: &[Value], threshold: u64) {
    for name in ["age_band", "sex"] {
        let rows: Vec<Vec<Option<u64>>> = areas.iter().map(|a| published_cells(a, name)).collect();
        let top = published_cells(division, name);
        let k = top.len();
        // Unknowns: withheld area cells (area index), then withheld division cells (None).
        let mut index: Vec<(Option<usize>, usize)> = Vec::new();
        for (a, row) in rows.iter().enumerate() {
            index.extend((0..k).filter(|&c| row[c].is_none()).map(|c| (Some(a), c)));
        }
        index.extend((0..k).filter(|&c| top[c].is_none()).map(|c| (None, c)));
        let unknowns = index.len();
        let at = |who: Option<usize>, c: usize| index.iter().position(|&x| x == (who, c));
        let known = |row: &[Option<u64>]| row.iter().flatten().sum::<u64>() as f64;
        let mut equations = Vec::new();
        let ns = areas.iter().map(|a| a["n"].as_u64().unwrap());
        for (a, (row, n)) in rows.iter().zip(ns).enumerate() {
            let mut e = vec![0.0; unknowns + 1];
            (0..k).filter_map(|c| at(Some(a), c)).for_each(|i| e[i] = 1.0);
            e[unknowns] = n as f64 - known(row);
            equations.push(e);
        }
        let mut e = vec![0.0; unknowns + 1];
        (0..k).filter_map(|c| at(None, c)).for_each(|i| e[i] = 1.0);
        e[unknowns] = division["n"].as_u64().unwrap() as f64 - known(&top);
        equations.push(e);
        for c in 0..k {
            let mut e = vec![0.0; unknowns + 1];
            if let Some(i) = at(None, c) {
                e[i] = 1.0;
            }
            (0..rows.len()).filter_map(|a| at(Some(a), c)).for_each(|i| e[i] = -1.0);
            let areas_known: u64 = rows.iter().filter_map(|row| row[c]).sum();
            e[unknowns] = areas_known as f64 - top[c].unwrap_or(0) as f64;
            equations.push(e);
        }
        for (i, value) in solve(equations, unknowns) {
            assert!(
                value.abs() < 1e-6,
                "{name}: cell {:?} can be worked out: {value}",
                index[i]
            );
        }
        for cell in rows.iter().chain([&top]).flatten().flatten() {
            assert!(
                *cell == 0 || *cell >= threshold,
                "{name}: a small count {cell} is published"
            );
        }
    }
}

#[test]
fn a_division_and_its_areas_together_give_no_withheld_cell_away() {
    let mut tiny: Vec<Respondent> = (0..4).map(|i| respondent(Some(6), 1, 90 + i)).collect();
    tiny[3].sex = None;
    let data = dataset(&[
        (BORDERS, borders_with_two_young()),
        (EAST_LOTHIAN, random_respondents(45, 5, 77)),
        (MIDLOTHIAN, tiny),
    ]);
    let division_report = serde_json::to_value(report("test-lothians", &data, &division("J"), &options(0))).unwrap();
    let areas: Vec<Value> = [BORDERS, EAST_LOTHIAN, MIDLOTHIAN]
        .iter()
        .map(|code| serde_json::to_value(report("test-lothians", &data, &area(code), &options(0))).unwrap())
        .collect();
    assert_eq!(
        areas[2]["representativeness"]["suppressed"], true,
        "four people: withheld whole"
    );
    assert_no_cell_recoverable_across(&division_report, &areas, 10);
    // The per-area "not given" counts in the division's weighting section are those of the areas'
    // own reports.
    let in_division = division_report["weighting"]["areas"].as_array().unwrap();
    for own in &areas[..2] {
        let mine = &own["weighting"]["areas"][0];
        let there = in_division.iter().find(|a| a["code"] == mine["code"]).unwrap();
        for m in 0..2 {
            assert_eq!(
                there["margins"][m]["unknown"], mine["margins"][m]["unknown"],
                "{}",
                mine["code"]
            );
        }
    }
}

#[test]
fn the_attacker_finds_a_cell_that_per_table_suppression_would_give_away() {
    // The check itself can fail: a division row published whole beside an area row withholding
    // 16-24 and 25-34 lets 25-34 (and so 16-24) be worked out from the other area.
    let area_row = |cells: &[Option<u64>]| {
        let categories: Vec<Value> = cells[..7].iter().map(|c| json!({ "count": c })).collect();
        json!({"representativeness": {
            "age_band": {"categories": categories, "not_given": cells[7]},
            "sex": {"categories": [{"count": 20}, {"count": 30}], "not_given": 0},
        }})
    };
    let first = area_row(&[None, None, Some(12), Some(10), Some(10), Some(10), Some(0), Some(0)]);
    let second = area_row(&[Some(0), Some(25), Some(0), Some(0), Some(0), Some(0), Some(25), Some(0)]);
    let division = area_row(&[
        Some(12),
        Some(41),
        Some(12),
        Some(10),
        Some(10),
        Some(10),
        Some(25),
        Some(0),
    ]);
    let caught = std::panic::catch_unwind(|| assert_no_cell_recoverable_across(&division, &[first, second], 10));
    assert!(caught.is_err());
}
