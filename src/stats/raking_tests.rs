#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use proptest::prelude::*;

fn weighted_totals(weights: &[f64], categories: &[Option<usize>], k: usize) -> Vec<f64> {
    let mut totals = vec![0.0; k];
    for (w, c) in weights.iter().zip(categories) {
        if let Some(c) = c {
            totals[*c] += w;
        }
    }
    totals
}

#[test]
fn raking_hits_both_margins_of_a_small_table() {
    // 2x2 table with counts 10, 20 / 30, 40; targets row 50/50, column 40/60.
    let mut rows = Vec::new();
    let mut cols = Vec::new();
    for (r, c, count) in [(0, 0, 10), (0, 1, 20), (1, 0, 30), (1, 1, 40)] {
        for _ in 0..count {
            rows.push(Some(r));
            cols.push(Some(c));
        }
    }
    let margins = [
        Margin {
            categories: &rows,
            targets: &[50.0, 50.0],
        },
        Margin {
            categories: &cols,
            targets: &[40.0, 60.0],
        },
    ];
    let result = rake_to_margins(&vec![1.0; 100], &margins, &RakingOptions::default()).unwrap();
    assert!(result.converged);
    assert!(result.max_error <= 1e-8);
    let row_totals = weighted_totals(&result.weights, &rows, 2);
    let col_totals = weighted_totals(&result.weights, &cols, 2);
    assert!((row_totals[0] - 50.0).abs() < 1e-6 && (row_totals[1] - 50.0).abs() < 1e-6);
    assert!((col_totals[0] - 40.0).abs() < 1e-6 && (col_totals[1] - 60.0).abs() < 1e-6);
}

#[test]
fn contradictory_margins_are_reported_as_not_converged() {
    // Every man lives in area 0 and every woman in area 1, so sex 50/50 and area 70/30 cannot both hold.
    let sex: Vec<Option<usize>> = (0..20).map(|i| Some(i % 2)).collect();
    let area = sex.clone();
    let margins = [
        Margin {
            categories: &sex,
            targets: &[10.0, 10.0],
        },
        Margin {
            categories: &area,
            targets: &[14.0, 6.0],
        },
    ];
    let options = RakingOptions {
        tolerance: 1e-8,
        max_iterations: 25,
    };
    let result = rake_to_margins(&[1.0; 20], &margins, &options).unwrap();
    assert!(!result.converged);
    assert_eq!(result.iterations, 25);
    assert!(result.max_error > 0.1, "error reached: {}", result.max_error);
}

#[test]
fn too_few_iterations_are_reported_as_not_converged() {
    let a: Vec<Option<usize>> = (0..30).map(|i| Some(i % 3)).collect();
    let b: Vec<Option<usize>> = (0..30).map(|i| Some(usize::from(i < 7 || i % 3 == 0))).collect();
    let margins = [
        Margin {
            categories: &a,
            targets: &[5.0, 10.0, 15.0],
        },
        Margin {
            categories: &b,
            targets: &[12.0, 18.0],
        },
    ];
    let one = rake_to_margins(
        &[1.0; 30],
        &margins,
        &RakingOptions {
            tolerance: 1e-8,
            max_iterations: 1,
        },
    )
    .unwrap();
    assert!(!one.converged);
    assert!(one.max_error > 1e-8);
    let full = rake_to_margins(&[1.0; 30], &margins, &RakingOptions::default()).unwrap();
    assert!(full.converged);
    assert!(full.iterations > 1);
}

#[test]
fn respondents_with_unknown_category_are_kept_and_known_ones_follow_the_target_shares() {
    // 12 respondents; age unknown for three of them; sex known for all.
    let age = [
        Some(0),
        Some(0),
        Some(1),
        Some(1),
        Some(1),
        None,
        Some(2),
        Some(2),
        None,
        Some(0),
        Some(1),
        None,
    ];
    let sex = [
        Some(0),
        Some(1),
        Some(0),
        Some(1),
        Some(0),
        Some(1),
        Some(0),
        Some(1),
        Some(0),
        Some(1),
        Some(0),
        Some(1),
    ];
    let age_targets = [300.0, 300.0, 400.0];
    let sex_targets = [480.0, 520.0];
    let margins = [
        Margin {
            categories: &age,
            targets: &age_targets,
        },
        Margin {
            categories: &sex,
            targets: &sex_targets,
        },
    ];
    let result = rake_to_margins(&[1.0; 12], &margins, &RakingOptions::default()).unwrap();
    assert!(result.converged);
    assert_eq!(result.weights.len(), 12);
    assert!(result.weights.iter().all(|w| *w > 0.0), "nobody is dropped");
    let total: f64 = result.weights.iter().sum();
    assert!((total - 1000.0).abs() < 1e-9, "total preserved: {total}");
    let sex_totals = weighted_totals(&result.weights, &sex, 2);
    assert!((sex_totals[0] - 480.0).abs() < 1e-5);
    let age_totals = weighted_totals(&result.weights, &age, 3);
    let known: f64 = age_totals.iter().sum();
    assert!(known < total, "unknown-age respondents keep some weight");
    for (got, target) in age_totals.iter().zip(age_targets) {
        assert!((got / known - target / 1000.0).abs() < 1e-8);
    }
}

#[test]
fn a_positive_target_with_no_respondents_is_an_error() {
    let age = [Some(0), Some(0), Some(2)];
    let margins = [Margin {
        categories: &age,
        targets: &[1.0, 1.0, 1.0],
    }];
    let error = rake_to_margins(&[1.0; 3], &margins, &RakingOptions::default()).unwrap_err();
    assert_eq!(error, StatsError::EmptyCategory { margin: 0, category: 1 });
}

#[test]
fn margins_with_different_totals_are_refused() {
    let a = [Some(0), Some(1)];
    let margins = [
        Margin {
            categories: &a,
            targets: &[1.0, 1.0],
        },
        Margin {
            categories: &a,
            targets: &[1.0, 2.0],
        },
    ];
    assert!(matches!(
        RakingDesign::new(&margins),
        Err(StatsError::MarginTotalsDisagree { margin: 1, .. })
    ));
}

#[test]
fn category_out_of_range_is_refused() {
    let a = [Some(0), Some(3)];
    let margins = [Margin {
        categories: &a,
        targets: &[1.0, 1.0],
    }];
    assert!(matches!(
        RakingDesign::new(&margins),
        Err(StatsError::CategoryOutOfRange {
            respondent: 1,
            category: 3,
            ..
        })
    ));
}

proptest! {
    #[test]
    fn raked_weights_hit_every_margin_when_every_cell_is_populated(
        cells in proptest::collection::vec(1usize..6, 12),
        age_targets in proptest::collection::vec(1.0f64..100.0, 4),
        sex_share in 0.2f64..0.8,
        initial in 0.5f64..2.0,
    ) {
        // A full 4x3 table with every cell populated is always feasible for positive targets.
        let mut age = Vec::new();
        let mut sex = Vec::new();
        let mut weights = Vec::new();
        for (cell, count) in cells.iter().enumerate() {
            for j in 0..*count {
                age.push(Some(cell / 3));
                sex.push(Some(cell % 3 % 2));
                weights.push(if j % 2 == 0 { initial } else { 1.0 });
            }
        }
        let total: f64 = age_targets.iter().sum();
        let sex_targets = [total * sex_share, total * (1.0 - sex_share)];
        let margins = [Margin { categories: &age, targets: &age_targets }, Margin { categories: &sex, targets: &sex_targets }];
        let result = rake_to_margins(&weights, &margins, &RakingOptions::default()).unwrap();
        prop_assert!(result.converged);
        let design = RakingDesign::new(&margins).unwrap();
        prop_assert!(design.max_relative_margin_error(&result.weights).unwrap() <= 1e-8);
        for (got, target) in weighted_totals(&result.weights, &age, 4).iter().zip(&age_targets) {
            prop_assert!((got - target).abs() <= 1e-7 * target);
        }
    }
}
