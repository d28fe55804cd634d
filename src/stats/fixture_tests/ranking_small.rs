//! `ranking-small-expected.json`: 8 weighted top-3 ballots over 5 concerns (choix 0.4.1).

use super::*;
use crate::stats::plackett_luce::{fit_plackett_luce, PlackettLuceOptions};
use crate::stats::ranking_summary::{borda_mean, share_first, share_top_n, WeightedBallot};

struct Small {
    expected: Value,
    rankings: Vec<Vec<usize>>,
    weights: Vec<f64>,
    items: usize,
    top_n: usize,
}

fn small() -> Small {
    let expected = fixture_json("ranking-small-expected.json");
    let rankings: Vec<Vec<usize>> = expected["ballots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b.as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_u64().unwrap() as usize)
                .collect()
        })
        .collect();
    let weights = numbers(&expected["weights"]);
    let items = expected["concerns"].as_array().unwrap().len();
    let top_n = expected["top_n"].as_u64().unwrap() as usize;
    Small {
        expected,
        rankings,
        weights,
        items,
        top_n,
    }
}

impl Small {
    fn ballots(&self) -> Vec<WeightedBallot<'_>> {
        self.rankings
            .iter()
            .zip(&self.weights)
            .map(|(r, w)| WeightedBallot { ranking: r, weight: *w })
            .collect()
    }
}

fn assert_all_close(what: &str, got: &[f64], want: &[f64], tolerance: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert_close(&format!("{what}[{i}]"), *g, *w, tolerance);
    }
}

#[test]
fn plackett_luce_log_worths_and_worth_shares_match_choix_mm_top1() {
    let s = small();
    let fit = fit_plackett_luce(s.items, &s.ballots(), &PlackettLuceOptions::default()).unwrap();
    assert!(fit.converged && fit.identified && fit.never_chosen.is_empty());
    let want_log = numbers(&s.expected["plackett_luce"]["log_worth"]);
    let want_share = numbers(&s.expected["plackett_luce"]["worth_share"]);
    assert_all_close("log-worth", &fit.log_worth, &want_log, 1e-6);
    assert_all_close("worth share", &fit.worth, &want_share, 1e-6);
    let worst = fit
        .log_worth
        .iter()
        .zip(&want_log)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    eprintln!(
        "largest log-worth difference from choix: {worst:.3e} after {} iterations",
        fit.iterations
    );
}

#[test]
fn plackett_luce_with_choix_default_tolerance_is_still_within_1e_6() {
    let s = small();
    let options = PlackettLuceOptions {
        tolerance: 1e-8,
        ..PlackettLuceOptions::default()
    };
    let fit = fit_plackett_luce(s.items, &s.ballots(), &options).unwrap();
    assert!(fit.converged);
    let want_log = numbers(&s.expected["plackett_luce"]["log_worth"]);
    assert_all_close("log-worth", &fit.log_worth, &want_log, 1e-6);
    let worst = fit
        .log_worth
        .iter()
        .zip(&want_log)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    eprintln!(
        "tolerance 1e-8: largest log-worth difference from choix {worst:.3e} after {} iterations",
        fit.iterations
    );
}

#[test]
fn shares_and_borda_points_match_the_reference() {
    let s = small();
    let ballots = s.ballots();
    assert_all_close(
        "share first",
        &share_first(s.items, &ballots).unwrap(),
        &numbers(&s.expected["weighted_share_ranked_first"]),
        1e-9,
    );
    assert_all_close(
        "share in top N",
        &share_top_n(s.items, s.top_n, &ballots).unwrap(),
        &numbers(&s.expected["weighted_share_mentioned_in_top_n"]),
        1e-9,
    );
    assert_all_close(
        "Borda points",
        &borda_mean(s.items, s.top_n, &ballots).unwrap(),
        &numbers(&s.expected["weighted_mean_borda_points"]),
        1e-9,
    );
}
