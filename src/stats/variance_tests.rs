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
    let raked_estimate = calibrated.proportion_variance(&raked.weights, &in_area_0).unwrap();
    assert!((raked_estimate.proportion - 0.3).abs() < 1e-9);
    assert!(raked_estimate.variance < 1e-20, "variance {}", raked_estimate.variance);
    let fixed = fixed_weights_proportion_variance(&raked.weights, &in_area_0).unwrap();
    assert!(fixed.variance > 1e-3, "fixed-weights variance {}", fixed.variance);
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
    assert!(matches!(wrong_length, Err(StatsError::LengthMismatch { .. })));
}

#[test]
fn linearised_variance_with_unknown_categories_matches_the_monte_carlo_variance() {
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    // Respondents over-represent the oldest band, 15% do not give their age, and the outcome depends
    // strongly on age: raking removes much of the variance, and the linearisation must say how much.
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let (n, replicates) = (400, 1000);
    let age_targets = [40.0, 35.0, 25.0];
    let sex_targets = [50.0, 50.0];
    let (mut estimates, mut calibrated, mut fixed) = (Vec::new(), 0.0, 0.0);
    for _ in 0..replicates {
        let mut age = Vec::with_capacity(n);
        let mut sex = Vec::with_capacity(n);
        let mut outcome = Vec::with_capacity(n);
        for _ in 0..n {
            let band = [0.2, 0.5].iter().filter(|cut| rng.gen::<f64>() > **cut).count();
            let known = rng.gen_bool(0.85);
            let male = rng.gen_bool(0.45);
            let p = [0.15, 0.45, 0.8][band] + if male { 0.05 } else { 0.0 };
            age.push(known.then_some(band));
            sex.push(Some(usize::from(male)));
            outcome.push(Some(rng.gen_bool(p)));
        }
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
        let design = RakingDesign::new(&margins).unwrap();
        let ones = vec![1.0; n];
        let raked = design.rake(&ones, &RakingOptions::default()).unwrap();
        let estimate = CalibrationVariance::new(&design, &ones)
            .unwrap()
            .proportion_variance(&raked.weights, &outcome)
            .unwrap();
        estimates.push(estimate.proportion);
        calibrated += estimate.variance / replicates as f64;
        fixed += fixed_weights_proportion_variance(&raked.weights, &outcome)
            .unwrap()
            .variance
            / replicates as f64;
    }
    let mean = estimates.iter().sum::<f64>() / replicates as f64;
    let empirical = estimates.iter().map(|p| (p - mean).powi(2)).sum::<f64>() / (replicates as f64 - 1.0);
    let ratio = calibrated / empirical;
    eprintln!("ratio {ratio:.4}, fixed ratio {:.4}", fixed / empirical);
    assert!(
        (0.85..1.15).contains(&ratio),
        "linearised {calibrated:.3e} vs Monte Carlo {empirical:.3e}"
    );
    assert!(
        fixed / empirical > 1.2,
        "fixed weights overstate: {fixed:.3e} vs {empirical:.3e}"
    );
}
