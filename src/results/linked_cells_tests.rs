//! Tests of the linked tables' patterns against an attacker who holds every published table (each
//! area's, each division's and Scotland's) and solves the equations they give.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const T: usize = 10;

/// The unknowns a system of equations (coefficients, then the right-hand side) determines, with
/// their values: Gauss–Jordan elimination; an unknown is determined when its pivot row has no
/// other unknown left in it. The one attacker of the linked-table tests (`super::super::tests_linked`
/// uses it on whole reports), written apart from the production check it tests.
pub(in crate::results) fn solve(mut rows: Vec<Vec<f64>>, unknowns: usize) -> Vec<(usize, f64)> {
    let mut pivots = Vec::new();
    let mut rank = 0;
    for c in 0..unknowns {
        let Some(p) = (rank..rows.len()).find(|&r| rows[r][c].abs() > 1e-9) else {
            continue;
        };
        rows.swap(rank, p);
        let lead = rows[rank][c];
        for x in rows[rank].iter_mut() {
            *x /= lead;
        }
        let pivot_row = rows[rank].clone();
        for (r, row) in rows.iter_mut().enumerate() {
            let f = row[c];
            if r != rank {
                row.iter_mut().zip(&pivot_row).for_each(|(x, p)| *x -= f * p);
            }
        }
        pivots.push((rank, c));
        rank += 1;
    }
    pivots
        .into_iter()
        .filter(|&(r, c)| (0..unknowns).all(|k| k == c || rows[r][k].abs() < 1e-9))
        .map(|(r, c)| (c, rows[r][unknowns]))
        .collect()
}

/// A published table: its cells (`None` withheld) and its true cells.
struct Table {
    shown: Vec<Option<usize>>,
    truth: Vec<usize>,
}

fn publish(truth: Vec<usize>, withheld: &[bool], whole: bool) -> Table {
    let shown = truth
        .iter()
        .zip(withheld)
        .map(|(&x, &w)| (!w && !whole).then_some(x))
        .collect();
    Table { shown, truth }
}

fn sum_rows(rows: &[&[usize]]) -> Vec<usize> {
    (0..rows[0].len()).map(|c| rows.iter().map(|r| r[c]).sum()).collect()
}

/// Every area's table (withheld whole below the threshold), every division's and Scotland's, as
/// the reports publish them, and for each the table that adds it up.
fn publish_all(divisions: &[Vec<Vec<usize>>]) -> (Vec<Table>, Vec<Option<usize>>) {
    let rows_of = |d: &str, areas: &[Vec<usize>]| -> Vec<(String, Vec<usize>)> {
        areas.iter().map(|a| (d.to_string(), a.clone())).collect()
    };
    let all: Vec<(String, Vec<usize>)> = divisions
        .iter()
        .enumerate()
        .flat_map(|(d, areas)| rows_of(&d.to_string(), areas))
        .collect();
    let pattern = |rows: &[(String, Vec<usize>)]| {
        let view: Vec<AreaRow<'_>> = rows.iter().map(|(d, c)| AreaRow { division: d, cells: c }).collect();
        selection_pattern(&view, T)
    };
    // Tables: areas, then divisions, then Scotland; `parent[i]` is the table that adds table i up.
    // A table of fewer respondents than the threshold is withheld whole, as its report is.
    let whole = |cells: &[usize]| cells.iter().sum::<usize>() < T;
    let area_count: usize = divisions.iter().map(Vec::len).sum();
    let scotland = area_count + divisions.len();
    let mut tables = Vec::new();
    let mut parent = Vec::new();
    for (d, areas) in divisions.iter().enumerate() {
        for a in areas {
            tables.push(publish(
                a.clone(),
                &pattern(&rows_of("x", std::slice::from_ref(a))),
                whole(a),
            ));
            parent.push(Some(area_count + d));
        }
    }
    for areas in divisions {
        let rows: Vec<&[usize]> = areas.iter().map(Vec::as_slice).collect();
        let cells = sum_rows(&rows);
        let hide = whole(&cells);
        tables.push(publish(cells, &pattern(&rows_of("x", areas)), hide));
        parent.push(Some(scotland));
    }
    let every: Vec<&[usize]> = divisions.iter().flatten().map(Vec::as_slice).collect();
    let cells = sum_rows(&every);
    let hide = whole(&cells);
    tables.push(publish(cells, &pattern(&all), hide));
    parent.push(None);
    (tables, parent)
}

/// The withheld cells (table, cell) an attacker holding every table works out from the
/// equations they give (rows adding up to their totals, tables adding up to their parents), with
/// the values worked out.
fn attack(tables: &[Table], parent: &[Option<usize>]) -> Vec<(usize, usize, f64)> {
    let mut index = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        index.extend(
            (0..table.shown.len())
                .filter(|&c| table.shown[c].is_none())
                .map(|c| (t, c)),
        );
    }
    let n = index.len();
    let at = |t: usize, c: usize| index.iter().position(|&x| x == (t, c));
    let mut equations = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        let mut e = vec![0.0; n + 1];
        (0..table.shown.len()).filter_map(|c| at(t, c)).for_each(|i| e[i] = 1.0);
        let total: usize = table.truth.iter().sum();
        e[n] = total as f64 - table.shown.iter().flatten().sum::<usize>() as f64;
        equations.push(e);
    }
    for (p, table) in tables.iter().enumerate() {
        let children: Vec<usize> = (0..tables.len()).filter(|&t| parent[t] == Some(p)).collect();
        if children.is_empty() {
            continue;
        }
        for c in 0..table.shown.len() {
            let mut e = vec![0.0; n + 1];
            let mut rhs = -(table.shown[c].unwrap_or(0) as f64);
            if let Some(i) = at(p, c) {
                e[i] = 1.0;
            }
            for &t in &children {
                match at(t, c) {
                    Some(i) => e[i] = -1.0,
                    None => rhs += tables[t].shown[c].unwrap() as f64,
                }
            }
            e[n] = rhs;
            equations.push(e);
        }
    }
    solve(equations, n)
        .into_iter()
        .map(|(i, value)| (index[i].0, index[i].1, value))
        .collect()
}

/// Publishes everything (see [`publish_all`]), then asserts: no published cell is small, and every
/// withheld cell the attacker can work out is 0.
fn check(divisions: &[Vec<Vec<usize>>]) {
    let (tables, parent) = publish_all(divisions);
    for (t, c, value) in attack(&tables, &parent) {
        assert!(
            value.abs() < 1e-6 && tables[t].truth[c] == 0,
            "table {t} cell {c} = {} worked out as {value}: {divisions:?}",
            tables[t].truth[c]
        );
    }
    for table in &tables {
        for x in table.shown.iter().flatten() {
            assert!(!is_small(*x, T), "a small count {x} is published: {divisions:?}");
        }
    }
}

#[test]
fn a_division_publishes_a_column_two_areas_protect_and_keeps_the_others() {
    // Both areas withhold 16-24; the first 25-34 with it, the second 35-44.
    let first = [4, 11, 30, 20, 20, 20, 20, 12];
    let second = [6, 25, 15, 30, 30, 30, 30, 16];
    let rows = [
        AreaRow {
            division: "L",
            cells: &first,
        },
        AreaRow {
            division: "L",
            cells: &second,
        },
    ];
    assert_eq!(area_pattern(&first, T)[..3], [true, true, false]);
    assert_eq!(area_pattern(&second, T)[..3], [true, false, true]);
    // 16-24 is 10, made up of two areas' withheld cells: published. 25-34 and 35-44 each have one
    // area's withheld cell in them: kept back.
    let withheld = selection_pattern(&rows, T);
    assert_eq!(withheld, [false, true, true, false, false, false, false, false]);
    check(&[vec![first.to_vec(), second.to_vec()]]);
}

#[test]
fn one_area_or_one_division_is_withheld_as_itself() {
    let area = [2, 30, 11, 0, 25, 40, 18, 14];
    let alone = [AreaRow {
        division: "J",
        cells: &area,
    }];
    assert_eq!(selection_pattern(&alone, T), area_pattern(&area, T));
    // Scotland with one division is that division.
    let other = [0, 12, 15, 20, 20, 20, 20, 0];
    let division = [
        alone[0],
        AreaRow {
            division: "J",
            cells: &other,
        },
    ];
    let union = [true, false, true, false, false, false, false, false];
    assert_eq!(
        selection_pattern(&division, T),
        union,
        "neither withheld column can be shown"
    );
    check(&[vec![area.to_vec(), other.to_vec()]]);
}

#[test]
fn random_hierarchies_give_no_withheld_cell_away() {
    let mut rng = ChaCha8Rng::seed_from_u64(13);
    for _ in 0..400 {
        let divisions: Vec<Vec<Vec<usize>>> = (0..rng.gen_range(1..=3))
            .map(|_| {
                (0..rng.gen_range(1..=3))
                    .map(|_| {
                        let size = [3, 8, 20, 60][rng.gen_range(0..4)];
                        (0..8)
                            .map(|_| if rng.gen_bool(0.3) { 0 } else { rng.gen_range(0..size) })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        check(&divisions);
    }
}
