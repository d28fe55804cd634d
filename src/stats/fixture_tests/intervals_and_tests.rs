//! `intervals-expected.json`: statsmodels' binomial intervals, two-proportion Wald tests and
//! Benjamini–Hochberg adjustment.

use super::*;
use crate::stats::comparisons::{benjamini_hochberg, binomial_variance, wald_difference_test};
use crate::stats::intervals::{clopper_pearson_interval, jeffreys_interval, wilson_interval, Interval};

const TOLERANCE: f64 = 1e-9;

type IntervalFn = fn(f64, f64, f64) -> Result<Interval, crate::stats::StatsError>;

#[test]
fn wilson_clopper_pearson_and_jeffreys_intervals_match_statsmodels() {
    let expected = fixture_json("intervals-expected.json");
    let cases = expected["proportion_confint"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    let methods: [(&str, IntervalFn); 3] = [
        ("wilson", wilson_interval),
        ("beta", clopper_pearson_interval),
        ("jeffreys", jeffreys_interval),
    ];
    let mut worst: f64 = 0.0;
    for case in cases {
        let (count, nobs) = (number(&case["count"]), number(&case["nobs"]));
        for (name, interval) in methods {
            let got = interval(count, nobs, 0.95).unwrap();
            let want = numbers(&case[name]);
            assert_close(&format!("{name} {count}/{nobs} lower"), got.lower, want[0], TOLERANCE);
            assert_close(&format!("{name} {count}/{nobs} upper"), got.upper, want[1], TOLERANCE);
            worst = worst.max((got.lower - want[0]).abs()).max((got.upper - want[1]).abs());
        }
    }
    eprintln!("largest binomial interval difference from statsmodels: {worst:.3e}");
}

#[test]
fn two_proportion_wald_tests_match_statsmodels() {
    let expected = fixture_json("intervals-expected.json");
    for case in expected["two_proportions"].as_array().unwrap() {
        let (c1, n1) = (number(&case["count1"]), number(&case["nobs1"]));
        let (c2, n2) = (number(&case["count2"]), number(&case["nobs2"]));
        let test = wald_difference_test(
            c1 / n1,
            binomial_variance(c1, n1).unwrap(),
            c2 / n2,
            binomial_variance(c2, n2).unwrap(),
        )
        .unwrap();
        assert_close(
            &format!("z for {c1}/{n1} vs {c2}/{n2}"),
            test.z,
            number(&case["wald_statistic"]),
            TOLERANCE,
        );
        assert_close(
            &format!("p for {c1}/{n1} vs {c2}/{n2}"),
            test.p_value,
            number(&case["wald_pvalue"]),
            TOLERANCE,
        );
    }
}

#[test]
fn benjamini_hochberg_matches_statsmodels_and_r() {
    let expected = fixture_json("intervals-expected.json");
    let p = numbers(&expected["benjamini_hochberg"]["pvalues"]);
    let want = numbers(&expected["benjamini_hochberg"]["adjusted"]);
    let got = benjamini_hochberg(&p).unwrap();
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_close(&format!("BH adjusted p[{i}]"), *g, *w, TOLERANCE);
    }
    // The same adjustment must not depend on the order the p-values are given in.
    let reversed: Vec<f64> = p.iter().rev().copied().collect();
    let got_reversed = benjamini_hochberg(&reversed).unwrap();
    for (g, w) in got_reversed.iter().rev().zip(&want) {
        assert_close("BH adjusted, reversed input", *g, *w, TOLERANCE);
    }
}
