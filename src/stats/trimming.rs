//! Weight trimming with re-raking, so that a few respondents from under-represented groups do not
//! carry an outsized share of an area's estimate.
//!
//! Bounds are ratios to the mean weight (default 0.2 to 5). The mean is `T / n`, which raking
//! keeps fixed, so the bounds are fixed numbers throughout. Each round clamps the weights that lie
//! outside the bounds and rakes again from the clamped weights (re-raking can push some weights
//! out again); rounds repeat until every weight is within bounds or `max_rounds` is reached.
//!
//! The result always ends on raked weights (margins met as far as raking converged); if the bounds
//! and the margins cannot both hold, `within_bounds` is false and the caller should widen the
//! bounds or collapse categories rather than publish weights that miss the margins. Weights that
//! are exactly 0 (respondents in a zero-target category) are left at 0.

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
        Ok(TrimmedRaking {
            raking: result,
            rounds,
            within_bounds,
            lower_bound,
            upper_bound,
        })
    }
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
        // The young category cannot reach 15 with four weights capped at 3 → bounds and margins conflict.
        assert!(!trimmed.within_bounds);
        assert!(trimmed.raking.converged, "it still ends on raked weights");
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
        assert!(trimmed.raking.converged);
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
        assert!(trimmed.rounds.is_empty() && trimmed.within_bounds);
    }
}
