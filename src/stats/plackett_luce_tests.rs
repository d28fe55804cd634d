#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn ballots<'a>(rankings: &'a [Vec<usize>], weights: &[f64]) -> Vec<WeightedBallot<'a>> {
    rankings
        .iter()
        .zip(weights)
        .map(|(r, w)| WeightedBallot { ranking: r, weight: *w })
        .collect()
}

#[test]
fn a_never_chosen_item_gets_worth_zero_and_the_others_are_fitted_as_without_it() {
    let with_unused = vec![vec![0, 1], vec![1, 2], vec![2, 0], vec![0, 2], vec![1, 0]];
    let fit = fit_plackett_luce(4, &ballots(&with_unused, &[1.0; 5]), &PlackettLuceOptions::default()).unwrap();
    assert!(fit.converged && fit.identified);
    assert_eq!(fit.never_chosen, vec![3]);
    assert_eq!(fit.worth[3], 0.0);
    assert_eq!(fit.log_worth[3], f64::NEG_INFINITY);
    assert!((fit.worth.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    let three = fit_plackett_luce(3, &ballots(&with_unused, &[1.0; 5]), &PlackettLuceOptions::default()).unwrap();
    for i in 0..3 {
        assert!(
            (fit.log_worth[i] - three.log_worth[i]).abs() < 1e-6,
            "{:?} vs {:?}",
            fit.log_worth,
            three.log_worth
        );
    }
}

#[test]
fn weights_act_as_replicated_ballots() {
    let rankings = vec![vec![0, 1], vec![1, 2], vec![2, 0], vec![0, 2]];
    let weighted = fit_plackett_luce(
        3,
        &ballots(&rankings, &[3.0, 1.0, 2.0, 1.0]),
        &PlackettLuceOptions::default(),
    )
    .unwrap();
    let replicated_rankings = vec![
        vec![0, 1],
        vec![0, 1],
        vec![0, 1],
        vec![1, 2],
        vec![2, 0],
        vec![2, 0],
        vec![0, 2],
    ];
    let replicated = fit_plackett_luce(
        3,
        &ballots(&replicated_rankings, &[1.0; 7]),
        &PlackettLuceOptions::default(),
    )
    .unwrap();
    for (a, b) in weighted.log_worth.iter().zip(&replicated.log_worth) {
        assert!((a - b).abs() < 1e-12);
    }
}

#[test]
fn an_item_never_ranked_below_another_is_flagged_as_not_identified() {
    // Item 0 is first on every ballot it appears on: its worth has no finite maximum-likelihood value.
    let rankings = vec![vec![0, 1], vec![0, 2], vec![0, 2, 1], vec![0]];
    let options = PlackettLuceOptions {
        max_iterations: 200,
        ..PlackettLuceOptions::default()
    };
    let fit = fit_plackett_luce(3, &ballots(&rankings, &[1.0; 4]), &options).unwrap();
    assert!(!fit.identified);
    let regularised = PlackettLuceOptions {
        regularisation: 0.5,
        ..PlackettLuceOptions::default()
    };
    let fit = fit_plackett_luce(3, &ballots(&rankings, &[1.0; 4]), &regularised).unwrap();
    assert!(fit.identified && fit.converged);
    assert!(fit.log_worth.iter().all(|v| v.is_finite()));
}

#[test]
fn iteration_limit_is_reported_as_not_converged() {
    let rankings = vec![vec![0, 1], vec![1, 2], vec![2, 0], vec![0, 2]];
    let options = PlackettLuceOptions {
        max_iterations: 2,
        ..PlackettLuceOptions::default()
    };
    let fit = fit_plackett_luce(3, &ballots(&rankings, &[3.0, 1.0, 2.0, 1.0]), &options).unwrap();
    assert!(!fit.converged);
    assert_eq!(fit.iterations, 2);
}
