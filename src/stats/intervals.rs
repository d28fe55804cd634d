//! Confidence intervals for proportions.
//!
//! * From a design-based estimate `p`, its variance `V` and the number of respondents `n`:
//!   [`korn_graubard_interval`] (R `svyciprop(method = "beta")`, recommended: it stays inside
//!   [0, 1] and behaves near 0 and 1) and [`logit_interval`] (R `svyciprop(method = "logit")`).
//!   Degrees of freedom are `n − 1`, as for R's `svydesign(ids = ~1)`.
//! * From a (possibly non-integer, e.g. effective) count and sample size: [`wilson_interval`],
//!   [`clopper_pearson_interval`] and [`jeffreys_interval`], as `statsmodels`' `proportion_confint`.
//!
//! Quantiles come from statrs (`Beta`, `Normal`, `StudentsT` inverse CDFs). A beta quantile with a
//! zero shape parameter is the point mass at 0 (or 1), which is how 0/n and n/n are handled.

use super::error::StatsError;
use statrs::distribution::{Beta, ContinuousCDF, Normal, StudentsT};

/// The usual 95% confidence level.
pub const DEFAULT_CONFIDENCE_LEVEL: f64 = 0.95;

/// A two-sided confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Interval {
    /// Lower limit.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
}

/// Largest effective sample size [`korn_graubard_interval`] uses. statrs's beta quantile does not
/// return for very large shape parameters (seen from an effective n of 1e7 at p = 1e-6, and of 1e16
/// at p = 0.5), which a variance that is zero but for rounding produces (an outcome the calibration
/// variables explain exactly). Capping can only widen the interval; at a million it is at most
/// ±0.1 percentage points wide, and no real survey here has a larger effective sample.
pub const MAX_EFFECTIVE_N: f64 = 1e6;

/// Korn–Graubard interval: Clopper–Pearson on the effective sample size `n* = p(1−p)/V`.
///
/// When `V` is 0 (which happens at p = 0 or 1) the effective sample size is undefined and `n` is
/// used instead, so 0 of n gives the Clopper–Pearson interval [0, upper].
/// Either way it is capped at [`MAX_EFFECTIVE_N`].
pub fn korn_graubard_interval(p: f64, variance: f64, n: f64, level: f64) -> Result<Interval, StatsError> {
    check_design_inputs(p, variance, n, level)?;
    let effective_n = if variance > 0.0 && p > 0.0 && p < 1.0 {
        p * (1.0 - p) / variance
    } else {
        n
    }
    .min(MAX_EFFECTIVE_N);
    let alpha = 1.0 - level;
    Ok(Interval {
        lower: beta_quantile(alpha / 2.0, effective_n * p, effective_n * (1.0 - p) + 1.0)?,
        upper: beta_upper_quantile(alpha / 2.0, effective_n * p + 1.0, effective_n * (1.0 - p))?,
    })
}

/// Logit (Wald on the log-odds scale) interval with a t quantile on `n − 1` degrees of freedom:
/// `expit(logit p ± t · √V / (p(1−p)))`. At p = 0 or 1 the log-odds are infinite and the interval
/// collapses to `[p, p]`; use [`korn_graubard_interval`] there.
pub fn logit_interval(p: f64, variance: f64, n: f64, level: f64) -> Result<Interval, StatsError> {
    check_design_inputs(p, variance, n, level)?;
    if p <= 0.0 || p >= 1.0 {
        return Ok(Interval { lower: p, upper: p });
    }
    let quantile = students_t_quantile(1.0 - (1.0 - level) / 2.0, n - 1.0)?;
    let half_width = quantile * variance.sqrt() / (p * (1.0 - p));
    let centre = (p / (1.0 - p)).ln();
    Ok(Interval {
        lower: expit(centre - half_width),
        upper: expit(centre + half_width),
    })
}

/// Wilson score interval for `count` successes in `n` trials.
pub fn wilson_interval(count: f64, n: f64, level: f64) -> Result<Interval, StatsError> {
    check_count_inputs(count, n, level)?;
    let z = normal_quantile(1.0 - (1.0 - level) / 2.0)?;
    let p = count / n;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half_width = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Ok(Interval {
        lower: (centre - half_width).max(0.0),
        upper: (centre + half_width).min(1.0),
    })
}

/// Clopper–Pearson ("exact") interval: beta quantiles `B(α/2; x, n−x+1)` and `B(1−α/2; x+1, n−x)`,
/// with 0 as the lower limit at x = 0 and 1 as the upper limit at x = n.
pub fn clopper_pearson_interval(count: f64, n: f64, level: f64) -> Result<Interval, StatsError> {
    check_count_inputs(count, n, level)?;
    let alpha = 1.0 - level;
    Ok(Interval {
        lower: beta_quantile(alpha / 2.0, count, n - count + 1.0)?,
        upper: beta_upper_quantile(alpha / 2.0, count + 1.0, n - count)?,
    })
}

/// Jeffreys interval: equal-tailed quantiles of the Beta(x + ½, n − x + ½) posterior (no special
/// case at 0 or n, as in statsmodels).
pub fn jeffreys_interval(count: f64, n: f64, level: f64) -> Result<Interval, StatsError> {
    check_count_inputs(count, n, level)?;
    let alpha = 1.0 - level;
    Ok(Interval {
        lower: beta_quantile(alpha / 2.0, count + 0.5, n - count + 0.5)?,
        upper: beta_upper_quantile(alpha / 2.0, count + 0.5, n - count + 0.5)?,
    })
}

/// Quantile of the standard normal distribution.
pub(crate) fn normal_quantile(probability: f64) -> Result<f64, StatsError> {
    Ok(standard_normal()?.inverse_cdf(probability))
}

/// The standard normal distribution.
pub(crate) fn standard_normal() -> Result<Normal, StatsError> {
    Normal::new(0.0, 1.0).map_err(|_| invalid("normal distribution", "valid", f64::NAN))
}

fn students_t_quantile(probability: f64, df: f64) -> Result<f64, StatsError> {
    let t = StudentsT::new(0.0, 1.0, df).map_err(|_| invalid("degrees of freedom", "positive", df))?;
    Ok(t.inverse_cdf(probability))
}

/// `probability`-quantile of Beta(a, b); a point mass at 0 when `a` is 0 and at 1 when `b` is 0.
fn beta_quantile(probability: f64, a: f64, b: f64) -> Result<f64, StatsError> {
    if a <= 0.0 {
        return Ok(0.0);
    }
    if b <= 0.0 {
        return Ok(1.0);
    }
    let beta = Beta::new(a, b).map_err(|_| invalid("beta shape", "positive and finite", a.min(b)))?;
    Ok(beta.inverse_cdf(probability))
}

/// Quantile with `upper_tail` probability above it, computed as `1 − B(upper_tail; b, a)` so the
/// upper limit keeps its precision near 1.
fn beta_upper_quantile(upper_tail: f64, a: f64, b: f64) -> Result<f64, StatsError> {
    Ok(1.0 - beta_quantile(upper_tail, b, a)?)
}

fn expit(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn check_level(level: f64) -> Result<(), StatsError> {
    if level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(invalid("confidence level", "strictly between 0 and 1", level))
    }
}

fn check_design_inputs(p: f64, variance: f64, n: f64, level: f64) -> Result<(), StatsError> {
    check_level(level)?;
    if !(0.0..=1.0).contains(&p) {
        return Err(invalid("proportion", "between 0 and 1", p));
    }
    if !(variance.is_finite() && variance >= 0.0) {
        return Err(invalid("variance", "finite and >= 0", variance));
    }
    if !(n.is_finite() && n > 1.0) {
        return Err(invalid("number of respondents", "finite and > 1", n));
    }
    Ok(())
}

fn check_count_inputs(count: f64, n: f64, level: f64) -> Result<(), StatsError> {
    check_level(level)?;
    if !(n.is_finite() && n > 0.0) {
        return Err(invalid("number of trials", "finite and positive", n));
    }
    if !(0.0..=n).contains(&count) {
        return Err(invalid("count", "between 0 and the number of trials", count));
    }
    Ok(())
}

fn invalid(what: &'static str, requirement: &'static str, value: f64) -> StatsError {
    StatsError::InvalidValue {
        what,
        requirement,
        value,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn zero_of_n_has_lower_limit_zero_and_n_of_n_upper_limit_one() {
        let none = clopper_pearson_interval(0.0, 10.0, 0.95).unwrap();
        assert_eq!(none.lower, 0.0);
        // Upper limit for 0/10 is 1 − (α/2)^(1/10).
        assert!((none.upper - (1.0 - 0.025f64.powf(0.1))).abs() < 1e-12);
        let all = korn_graubard_interval(1.0, 0.0, 10.0, 0.95).unwrap();
        assert_eq!(all.upper, 1.0);
        assert!((all.lower - 0.025f64.powf(0.1)).abs() < 1e-12);
    }

    #[test]
    fn invalid_inputs_are_refused() {
        assert!(wilson_interval(11.0, 10.0, 0.95).is_err());
        assert!(wilson_interval(1.0, 10.0, 1.0).is_err());
        assert!(korn_graubard_interval(0.5, -1.0, 10.0, 0.95).is_err());
        assert!(logit_interval(1.5, 0.01, 10.0, 0.95).is_err());
    }

    #[test]
    fn logit_interval_contains_the_estimate_and_is_asymmetric_towards_the_middle() {
        let ci = logit_interval(0.1, 0.0004, 500.0, 0.95).unwrap();
        assert!(ci.lower < 0.1 && ci.upper > 0.1);
        assert!(ci.upper - 0.1 > 0.1 - ci.lower);
    }
}
#[cfg(test)]
mod huge_effective_sizes {
    #![allow(clippy::unwrap_used)]
    use super::{korn_graubard_interval, MAX_EFFECTIVE_N};
    use std::sync::mpsc;
    use std::time::Duration;

    /// A variance that is zero but for rounding (an outcome the calibration variables explain
    /// exactly) gives an astronomically large effective sample size; statrs's beta quantile never
    /// returns for such shapes, so the interval must cap it and still come back, containing `p`.
    #[test]
    fn a_vanishing_variance_gives_a_narrow_interval_promptly_for_any_proportion() {
        let mut ps = vec![0.5, 0.25, 1.0 / 7.0, 0.7];
        for e in 1..=15 {
            ps.extend([10f64.powi(-e), 3.0 * 10f64.powi(-e), 1.0 - 10f64.powi(-e)]);
        }
        for exponent in [5, 6, 7, 9, 12, 16, 20, 30] {
            for &p in &ps {
                let variance = p * (1.0 - p) / 10f64.powi(exponent);
                let (tx, rx) = mpsc::channel();
                std::thread::spawn(move || {
                    let _ = tx.send(korn_graubard_interval(p, variance, 60.0, 0.95));
                });
                let interval = rx
                    .recv_timeout(Duration::from_secs(10))
                    .unwrap_or_else(|_| panic!("no interval within 10 s for p = {p}, effective n = 1e{exponent}"))
                    .unwrap();
                assert!(interval.lower <= p && p <= interval.upper, "{interval:?} for p = {p}");
                let capped = korn_graubard_interval(p, p * (1.0 - p) / MAX_EFFECTIVE_N, 60.0, 0.95).unwrap();
                if 10f64.powi(exponent) >= MAX_EFFECTIVE_N {
                    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 + 1e-6 * b.abs();
                    assert!(
                        close(interval.lower, capped.lower) && close(interval.upper, capped.upper),
                        "beyond the cap the interval is the capped one: {interval:?} vs {capped:?}"
                    );
                }
            }
        }
    }
}
