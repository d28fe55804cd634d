//! Weight trimming with re-raking, so that a few respondents from under-represented groups do not
//! carry an outsized share of an area's estimate.
//!
//! Bounds are ratios to the mean weight (default 0.2 to 5, so no weight is more than 25 times
//! another: the upper bound is the American National Election Studies' cap of 5 times the mean,
//! and the Scottish Climate Survey trims its weights at 0.13 and 4). The mean is `T / n`, which
//! raking keeps fixed, so the bounds are fixed numbers throughout. Each round clamps the weights
//! that lie outside the bounds and rakes again from the clamped weights (re-raking can push some
//! weights out again); rounds repeat until every weight is within bounds or `max_rounds` is reached.
//!
//! When the bounds and the margins cannot both hold (a raking group too thinly filled to reach its
//! population total without a weight over the bound), the bounds win: the last raked weights are
//! clamped and the excess shared out among the weights within bounds, in proportion, until all
//! are within bounds and the total is still `T` ([`clamp_keeping_total`], as R `survey`'s
//! `trimWeights(strict = TRUE)`). The margins are then met only approximately; `margins_met` says
//! so and `raking.max_error` says how far. The point of trimming is that a few respondents cannot
//! carry an area's figures, which matters more than meeting a thin group's total exactly. Weights
//! that are exactly 0 (respondents in a zero-target category) are left at 0.

use super::error::StatsError;
use super::raking::{RakingDesign, RakingOptions, RakingResult};

/// Relative slack when checking bounds, so rounding does not trigger another round.
const BOUND_SLACK: f64 = 1e-9;

/// Trimming bounds and the number of trim-and-re-rake rounds allowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrimOptions {
    /// Lowest weight allowed, as a ratio to the mean weight.
    pub lower_ratio: f64,
    /// Highest weight allowed, as a ratio to the mean weight.
    pub upper_ratio: f64,
    /// Largest number of trim-and-re-rake rounds.
    pub max_rounds: usize,
}

impl Default for TrimOptions {
    fn default() -> Self {
        Self {
            lower_ratio: 0.2,
            upper_ratio: 5.0,
            max_rounds: 20,
        }
    }
}

/// What one round of trimming changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct TrimRound {
    /// Weights raised to the lower bound.
    pub raised_to_lower: usize,
    /// Weights capped at the upper bound.
    pub capped_at_upper: usize,
}

/// Raked weights after trimming, and what trimming did.
#[derive(Debug, Clone, PartialEq)]
pub struct TrimmedRaking {
    /// The final raking (its weights are the ones to use).
    pub raking: RakingResult,
    /// One entry per round that had to clamp weights, in order.
    pub rounds: Vec<TrimRound>,
    /// Whether every final weight lies within the bounds.
    pub within_bounds: bool,
    /// Whether the final weights meet every margin within the raking tolerance (false when the
    /// bounds could not be kept otherwise).
    pub margins_met: bool,
    /// Lower bound as a weight (ratio × mean weight).
    pub lower_bound: f64,
    /// Upper bound as a weight (ratio × mean weight).
    pub upper_bound: f64,
}

impl RakingDesign {
    /// Rakes `initial_weights`, then trims and re-rakes until the weights are within the bounds.
    pub fn rake_with_trimming(
        &self,
        initial_weights: &[f64],
        raking: &RakingOptions,
        trim: &TrimOptions,
    ) -> Result<TrimmedRaking, StatsError> {
        if !(trim.lower_ratio >= 0.0
            && trim.lower_ratio <= 1.0
            && trim.upper_ratio >= 1.0
            && trim.upper_ratio.is_finite())
        {
            return Err(StatsError::InvalidValue {
                what: "trimming bounds",
                requirement: "0 <= lower ratio <= 1 <= upper ratio",
                value: if trim.lower_ratio > 1.0 {
                    trim.lower_ratio
                } else {
                    trim.upper_ratio
                },
            });
        }
        let mean = self.total() / self.respondents() as f64;
        let lower_bound = trim.lower_ratio * mean;
        let upper_bound = trim.upper_ratio * mean;
        let mut result = self.rake(initial_weights, raking)?;
        let mut rounds = Vec::new();
        let mut within_bounds = outside(&result.weights, lower_bound, upper_bound) == (0, 0);
        while !within_bounds && rounds.len() < trim.max_rounds {
            let mut clamped = result.weights;
            let mut round = TrimRound {
                raised_to_lower: 0,
                capped_at_upper: 0,
            };
            for w in clamped.iter_mut().filter(|w| **w > 0.0) {
                if *w < lower_bound {
                    *w = lower_bound;
                    round.raised_to_lower += 1;
                } else if *w > upper_bound {
                    *w = upper_bound;
                    round.capped_at_upper += 1;
                }
            }
            rounds.push(round);
            result = self.rake(&clamped, raking)?;
            within_bounds = outside(&result.weights, lower_bound, upper_bound) == (0, 0);
        }
        if !within_bounds {
            let weights = clamp_keeping_total(&result.weights, lower_bound, upper_bound);
            result.max_error = self.max_relative_margin_error(&weights)?;
            result.weights = weights;
            within_bounds = outside(&result.weights, lower_bound, upper_bound) == (0, 0);
        }
        Ok(TrimmedRaking {
            margins_met: result.converged && result.max_error <= raking.tolerance,
            raking: result,
            rounds,
            within_bounds,
            lower_bound,
            upper_bound,
        })
    }
}

/// Positive weights clamped to `[lower, upper]` with the same total: each pass clamps the weights
/// outside the bounds and scales the others so that the total is kept, until none is outside
/// (each pass fixes at least one more weight, so there are at most `n` passes). Needs
/// `lower × n ≤ total ≤ upper × n` over the positive weights, which bounds around the mean meet.
pub fn clamp_keeping_total(weights: &[f64], lower: f64, upper: f64) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    let mut out = weights.to_vec();
    let mut fixed: Vec<bool> = weights.iter().map(|w| *w <= 0.0).collect();
    for _ in 0..=weights.len() {
        let mut clamped_any = false;
        for (w, done) in out.iter_mut().zip(fixed.iter_mut()).filter(|(_, done)| !**done) {
            if *w < lower || *w > upper {
                *w = w.clamp(lower, upper);
                *done = true;
                clamped_any = true;
            }
        }
        let fixed_total: f64 = out.iter().zip(&fixed).filter(|(_, d)| **d).map(|(w, _)| w).sum();
        let free_total: f64 = out.iter().zip(&fixed).filter(|(_, d)| !**d).map(|(w, _)| w).sum();
        if !clamped_any || free_total <= 0.0 {
            break;
        }
        let scale = (total - fixed_total) / free_total;
        for (w, _) in out.iter_mut().zip(&fixed).filter(|(_, d)| !**d) {
            *w *= scale;
        }
    }
    out
}

/// Number of positive weights below and above the bounds (with a little slack for rounding).
fn outside(weights: &[f64], lower: f64, upper: f64) -> (usize, usize) {
    let low = weights
        .iter()
        .filter(|w| **w > 0.0 && **w < lower * (1.0 - BOUND_SLACK))
        .count();
    let high = weights.iter().filter(|w| **w > upper * (1.0 + BOUND_SLACK)).count();
    (low, high)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::stats::raking::Margin;

    /// 100 respondents: only 4 young people, but the young are 30% of the population.
    fn skewed() -> (Vec<Option<usize>>, Vec<Option<usize>>) {
        let age = (0..100).map(|i| Some(usize::from(i < 4))).collect();
        let sex = (0..100).map(|i| Some(i % 2)).collect();
        (age, sex)
    }

    #[test]
    fn trimming_keeps_weights_within_bounds_and_the_margins_still_hold() {
        let (age, sex) = skewed();
        let sex_targets = [50.0, 50.0];
        let age_targets = [85.0, 15.0];
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
        let untrimmed = design.rake(&[1.0; 100], &RakingOptions::default()).unwrap();
        assert!(
            untrimmed.weights.iter().any(|w| *w > 3.0),
            "young weights are large before trimming"
        );
        let trim = TrimOptions {
            lower_ratio: 0.2,
            upper_ratio: 3.0,
            max_rounds: 50,
        };
        let trimmed = design
            .rake_with_trimming(&[1.0; 100], &RakingOptions::default(), &trim)
            .unwrap();
        assert!(!trimmed.rounds.is_empty());
        assert!(trimmed.rounds[0].capped_at_upper == 4);
        // The young category cannot reach 15 with four weights capped at 3 → bounds and margins
        // conflict, and the bounds win: every weight within them, the total kept, a margin missed.
        assert!(trimmed.within_bounds && !trimmed.margins_met);
        let slack = 1e-9 * trimmed.upper_bound;
        assert!(trimmed.raking.weights.iter().all(|w| *w <= trimmed.upper_bound + slack));
        let total: f64 = trimmed.raking.weights.iter().sum();
        assert!((total - 100.0).abs() < 1e-9, "{total}");
        let young: f64 = trimmed.raking.weights[..4].iter().sum();
        assert!((young - 12.0).abs() < 1e-9, "four weights at the cap of 3: {young}");
        let error = design.max_relative_margin_error(&trimmed.raking.weights).unwrap();
        assert!((trimmed.raking.max_error - error).abs() < 1e-15 && error > 0.1);
    }

    #[test]
    fn clamping_keeps_the_total_and_shares_the_excess_in_proportion() {
        let clamped = clamp_keeping_total(&[10.0, 1.0, 1.0, 2.0, 0.0], 0.5, 5.0);
        // 10 → 5; the other 5 is shared 1:1:2 among the rest; the zero stays zero.
        let expected = [5.0, 2.25, 2.25, 4.5, 0.0];
        for (got, want) in clamped.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{clamped:?}");
        }
        // Sharing can push another weight over the bound: it is clamped in the next pass.
        let clamped = clamp_keeping_total(&[9.0, 4.0, 1.0, 1.0], 0.1, 5.0);
        assert!((clamped.iter().sum::<f64>() - 15.0).abs() < 1e-12);
        assert!(clamped.iter().all(|w| *w <= 5.0 + 1e-12), "{clamped:?}");
        assert_eq!(&clamped[..2], &[5.0, 5.0]);
    }

    #[test]
    fn feasible_bounds_are_reached_after_re_raking() {
        let (age, sex) = skewed();
        let age_targets = [90.0, 10.0];
        let sex_targets = [50.0, 50.0];
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
        let initial: Vec<f64> = (0..100).map(|i| if i % 10 == 5 { 4.0 } else { 1.0 }).collect();
        let trim = TrimOptions {
            lower_ratio: 0.5,
            upper_ratio: 2.6,
            max_rounds: 50,
        };
        let trimmed = design
            .rake_with_trimming(&initial, &RakingOptions::default(), &trim)
            .unwrap();
        assert!(!trimmed.rounds.is_empty(), "some weight had to be trimmed");
        assert!(trimmed.within_bounds, "{:?}", trimmed.rounds);
        assert!(trimmed.raking.converged && trimmed.margins_met);
        let slack = 1e-9 * trimmed.upper_bound;
        assert!(trimmed
            .raking
            .weights
            .iter()
            .all(|w| *w >= trimmed.lower_bound - slack && *w <= trimmed.upper_bound + slack));
        assert!(design.max_relative_margin_error(&trimmed.raking.weights).unwrap() <= 1e-8);
    }

    #[test]
    fn weights_already_within_bounds_are_not_trimmed() {
        let (_, sex) = skewed();
        let margins = [Margin {
            categories: &sex,
            targets: &[50.0, 50.0],
        }];
        let design = RakingDesign::new(&margins).unwrap();
        let trimmed = design
            .rake_with_trimming(&[1.0; 100], &RakingOptions::default(), &TrimOptions::default())
            .unwrap();
        assert!(trimmed.rounds.is_empty() && trimmed.within_bounds && trimmed.margins_met);
    }
}
