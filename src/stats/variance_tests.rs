#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::stats::raking::{Margin, RakingOptions};

#[test]
fn an_outcome_fully_explained_by_a_margin_has_no_variance_after_raking() {
    let area: Vec<Option<usize>> = (0..40).map(|i| Some(i % 3)).collect();
    let sex: Vec<Option<usize>> = (0..40).map(|i| Some(usize::from(i % 7 < 3))).collect();
    let margins = [
        Margin {
            categories: &area,
            targets: &[30.0, 50.0, 20.0],
        },
        Margin {
            categories: &sex,
            targets: &[45.0, 55.0],
        },
    ];
    let design = RakingDesign::new(&margins).unwrap();
    let raked = design.rake(&[1.0; 40], &RakingOptions::default()).unwrap();
    let in_area_0: Vec<Option<bool>> = area.iter().map(|a| Some(*a == Some(0))).collect();
    let calibrated = CalibrationVariance::new(&design, &[1.0; 40]).unwrap();
    let raked_estimate = calibrated
        .proportion_variance(&raked.weights, &in_area_0)
        .unwrap();
    assert!((raked_estimate.proportion - 0.3).abs() < 1e-9);
    assert!(
        raked_estimate.variance < 1e-20,
        "variance {}",
        raked_estimate.variance
    );
    let fixed = fixed_weights_proportion_variance(&raked.weights, &in_area_0).unwrap();
    assert!(
        fixed.variance > 1e-3,
        "fixed-weights variance {}",
        fixed.variance
    );
}

#[test]
fn fixed_weights_variance_with_equal_weights_is_the_binomial_formula_times_n_over_n_minus_1() {
    // p(1−p)/(n−1) for equal weights: 3 of 10 → 0.21/9.
    let outcome: Vec<Option<bool>> = (0..10).map(|i| Some(i < 3)).collect();
    let estimate = fixed_weights_proportion_variance(&[2.5; 10], &outcome).unwrap();
    assert!((estimate.proportion - 0.3).abs() < 1e-15);
    assert!((estimate.variance - 0.21 / 9.0).abs() < 1e-15);
}

#[test]
fn nested_margins_do_not_break_the_regression() {
    // Margin 2 (division) is a merge of margin 1's areas: its dummies are redundant.
    let area: Vec<Option<usize>> = (0..60).map(|i| Some(i % 4)).collect();
    let division: Vec<Option<usize>> = area.iter().map(|a| a.map(|a| a / 2)).collect();
    let margins = [
        Margin {
            categories: &area,
            targets: &[10.0, 20.0, 30.0, 40.0],
        },
        Margin {
            categories: &division,
            targets: &[30.0, 70.0],
        },
    ];
    let design = RakingDesign::new(&margins).unwrap();
    let raked = design.rake(&[1.0; 60], &RakingOptions::default()).unwrap();
    let outcome: Vec<Option<bool>> = (0..60).map(|i| Some(i % 5 < 2)).collect();
    let nested = CalibrationVariance::new(&design, &[1.0; 60])
        .unwrap()
        .proportion_variance(&raked.weights, &outcome)
        .unwrap();
    let area_only_design = RakingDesign::new(&margins[..1]).unwrap();
    let area_only = CalibrationVariance::new(&area_only_design, &[1.0; 60])
        .unwrap()
        .proportion_variance(&raked.weights, &outcome)
        .unwrap();
    assert!(nested.variance.is_finite() && nested.variance > 0.0);
    assert!((nested.variance - area_only.variance).abs() < 1e-12 * area_only.variance.max(1e-300));
}

#[test]
fn respondents_outside_the_domain_stay_in_the_design() {
    let area: Vec<Option<usize>> = (0..30).map(|i| Some(i % 2)).collect();
    let margins = [Margin {
        categories: &area,
        targets: &[15.0, 15.0],
    }];
    let design = RakingDesign::new(&margins).unwrap();
    let outcome: Vec<Option<bool>> = (0..30)
        .map(|i| if i % 3 == 0 { None } else { Some(i % 4 == 1) })
        .collect();
    let estimate = CalibrationVariance::new(&design, &[1.0; 30])
        .unwrap()
        .proportion_variance(&[1.0; 30], &outcome)
        .unwrap();
    assert!(estimate.variance > 0.0);
    let wrong_length = CalibrationVariance::new(&design, &[1.0; 30])
        .unwrap()
        .proportion_variance(&[1.0; 29], &outcome[..29]);
    assert!(matches!(
        wrong_length,
        Err(StatsError::LengthMismatch { .. })
    ));
}
