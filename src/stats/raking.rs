//! Raking (iterative proportional fitting) of respondent weights to several categorical margins.
//!
//! Each margin gives every respondent a category (`Some(index)`) or says it is unknown (`None`,
//! e.g. the respondent did not give their age), and gives a population target per category.
//! Raking adjusts the weights one margin at a time so that the weighted count in each category
//! equals its target, and sweeps over the margins until every margin holds at once.
//!
//! **Unknown categories.** A respondent whose category is unknown on a margin is never dropped and
//! is left alone by that margin's adjustment. The respondents whose category is known are raked so
//! that category `c` reaches `share_c × W_known`, where `share_c` is the target's share of the
//! margin total and `W_known` the current weight of those with a known category. In words: the
//! margin applies proportionally to those who answered the question. This is the same as adding an
//! "unknown" category whose target is always its current weighted share. Total weight is preserved
//! by every step, so respondents who skipped a question keep their share of the total.
//!
//! **Totals.** All margins must describe the same population total `T` (checked to 1e-6 relative);
//! weights are first scaled to sum to `T` and keep that sum. To get weights with mean 1, give the
//! targets scaled to the number of respondents.
//!
//! **Convergence** is declared when the largest relative error of any category of any margin,
//! measured on the final weights, is at most the tolerance (default 1e-8). Otherwise the loop stops
//! after `max_iterations` sweeps and the result says it did not converge, with the error reached.
//!
//! The sweep is allocation-free: categories are compiled once into `u32` code arrays (the unknown
//! category gets the extra code `k`, whose factor is always 1), and each pass over the respondents
//! applies one margin's factors while accumulating the next margin's category sums.

use super::checks::{check_targets, check_weights};
use super::error::StatsError;
use super::raking_sweep::{accumulate, apply_and_accumulate, margin_factors};

/// Default largest relative margin error accepted as converged.
pub const DEFAULT_RAKING_TOLERANCE: f64 = 1e-8;
/// Default largest number of sweeps over all margins.
pub const DEFAULT_MAX_RAKING_ITERATIONS: usize = 1000;
/// Margin totals may differ by this much (relative) and still be taken as the same population.
const MARGIN_TOTAL_AGREEMENT: f64 = 1e-6;

/// One raking margin: each respondent's category, and the population target for each category.
#[derive(Debug, Clone, Copy)]
pub struct Margin<'a> {
    /// Category index per respondent; `None` when unknown for that respondent.
    pub categories: &'a [Option<usize>],
    /// Population target total per category (non-negative, finite).
    pub targets: &'a [f64],
}

/// When raking stops.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RakingOptions {
    /// Largest relative margin error accepted as converged.
    pub tolerance: f64,
    /// Largest number of sweeps over all margins.
    pub max_iterations: usize,
}

impl Default for RakingOptions {
    fn default() -> Self {
        Self {
            tolerance: DEFAULT_RAKING_TOLERANCE,
            max_iterations: DEFAULT_MAX_RAKING_ITERATIONS,
        }
    }
}

/// Raked weights and how raking went.
#[derive(Debug, Clone, PartialEq)]
pub struct RakingResult {
    /// Final weight per respondent, in input order; they sum to the margins' common total.
    pub weights: Vec<f64>,
    /// Number of sweeps over all margins that were made (0 if the initial weights, scaled to the
    /// total, already met every margin).
    pub iterations: usize,
    /// Whether every margin was met within the tolerance.
    pub converged: bool,
    /// Largest relative margin error of the final weights.
    pub max_error: f64,
}

/// A margin compiled for fast sweeps: `codes[i]` is the category, or `shares.len()` when unknown.
#[derive(Debug, Clone)]
pub(crate) struct CompiledMargin {
    pub(crate) codes: Vec<u32>,
    pub(crate) shares: Vec<f64>,
}

impl CompiledMargin {
    pub(crate) fn categories(&self) -> usize {
        self.shares.len()
    }
}

/// Margins checked and compiled once, ready to rake any number of initial weight vectors (for
/// example bootstrap resamples, given as multiplicities).
#[derive(Debug, Clone)]
pub struct RakingDesign {
    margins: Vec<CompiledMargin>,
    total: f64,
    respondents: usize,
}

impl RakingDesign {
    /// Checks the margins (same respondents, valid categories, non-negative targets, equal totals)
    /// and compiles them.
    pub fn new(margins: &[Margin<'_>]) -> Result<Self, StatsError> {
        let first = margins.first().ok_or(StatsError::Empty { what: "raking margins" })?;
        let respondents = first.categories.len();
        if respondents == 0 {
            return Err(StatsError::Empty { what: "respondents" });
        }
        let mut compiled = Vec::with_capacity(margins.len());
        let mut first_total = None;
        for (index, margin) in margins.iter().enumerate() {
            if margin.categories.len() != respondents {
                return Err(StatsError::LengthMismatch {
                    what: "margin categories",
                    expected: respondents,
                    found: margin.categories.len(),
                });
            }
            let total = check_targets(margin.targets)?;
            let expected = *first_total.get_or_insert(total);
            if (total - expected).abs() > MARGIN_TOTAL_AGREEMENT * expected {
                return Err(StatsError::MarginTotalsDisagree {
                    margin: index,
                    total,
                    expected,
                });
            }
            let k = margin.targets.len();
            let unknown = u32::try_from(k).map_err(|_| StatsError::InvalidValue {
                what: "number of categories",
                requirement: "below 2^32",
                value: k as f64,
            })?;
            let mut codes = Vec::with_capacity(respondents);
            for (respondent, category) in margin.categories.iter().enumerate() {
                codes.push(match *category {
                    None => unknown,
                    Some(c) if c < k => c as u32,
                    Some(c) => {
                        return Err(StatsError::CategoryOutOfRange {
                            margin: index,
                            respondent,
                            category: c,
                            categories: k,
                        })
                    }
                });
            }
            let shares = margin.targets.iter().map(|t| t / total).collect();
            compiled.push(CompiledMargin { codes, shares });
        }
        Ok(Self {
            margins: compiled,
            total: first_total.unwrap_or(0.0),
            respondents,
        })
    }

    /// Number of respondents the margins describe.
    pub fn respondents(&self) -> usize {
        self.respondents
    }

    /// The common population total of the margins; raked weights sum to it.
    pub fn total(&self) -> f64 {
        self.total
    }

    pub(crate) fn compiled_margins(&self) -> &[CompiledMargin] {
        &self.margins
    }

    /// Rakes `initial_weights` (one per respondent, non-negative, not all zero) to the margins.
    pub fn rake(&self, initial_weights: &[f64], options: &RakingOptions) -> Result<RakingResult, StatsError> {
        let initial_total = check_weights(initial_weights, self.respondents)?;
        let scale = self.total / initial_total;
        let mut weights: Vec<f64> = initial_weights.iter().map(|w| w * scale).collect();
        let mut sums: Vec<Vec<f64>> = self.margins.iter().map(|m| vec![0.0; m.categories() + 1]).collect();
        let mut factors = sums.clone();
        for (index, (margin, margin_sums)) in self.margins.iter().zip(sums.iter_mut()).enumerate() {
            accumulate(&margin.codes, &weights, margin_sums);
            let empty = margin
                .shares
                .iter()
                .zip(margin_sums.iter())
                .position(|(s, w)| *s > 0.0 && *w <= 0.0);
            if let Some(category) = empty {
                return Err(StatsError::EmptyCategory {
                    margin: index,
                    category,
                });
            }
        }
        let count = self.margins.len();
        let mut iterations = 0;
        let mut max_error = self.max_error_into(&weights, &mut sums);
        let mut converged = max_error <= options.tolerance;
        while !converged && iterations < options.max_iterations {
            iterations += 1;
            let mut sweep_error: f64 = 0.0;
            for m in 0..count {
                let error = margin_factors(&self.margins[m].shares, &sums[m], &mut factors[m]);
                sweep_error = sweep_error.max(error);
                let next = (m + 1) % count;
                apply_and_accumulate(
                    &self.margins[m].codes,
                    &factors[m],
                    &mut weights,
                    &self.margins[next].codes,
                    &mut sums[next],
                );
            }
            // The sweep error was measured before each margin's own adjustment; confirm on the
            // final weights (this also refreshes every margin's sums, including margin 0's).
            if sweep_error <= options.tolerance || iterations == options.max_iterations {
                max_error = self.max_error_into(&weights, &mut sums);
                converged = max_error <= options.tolerance;
            }
        }
        Ok(RakingResult {
            weights,
            iterations,
            converged,
            max_error,
        })
    }

    /// Largest relative error, over all categories of all margins, of `weights` against the targets
    /// (for a margin with unknown categories, against `share × W_known`).
    pub fn max_relative_margin_error(&self, weights: &[f64]) -> Result<f64, StatsError> {
        if weights.len() != self.respondents {
            return Err(StatsError::LengthMismatch {
                what: "weights",
                expected: self.respondents,
                found: weights.len(),
            });
        }
        let mut sums: Vec<Vec<f64>> = self.margins.iter().map(|m| vec![0.0; m.categories() + 1]).collect();
        Ok(self.max_error_into(weights, &mut sums))
    }

    fn max_error_into(&self, weights: &[f64], sums: &mut [Vec<f64>]) -> f64 {
        let mut scratch = Vec::new();
        let mut max_error: f64 = 0.0;
        for (margin, margin_sums) in self.margins.iter().zip(sums.iter_mut()) {
            accumulate(&margin.codes, weights, margin_sums);
            scratch.resize(margin_sums.len(), 0.0);
            max_error = max_error.max(margin_factors(&margin.shares, margin_sums, &mut scratch));
        }
        max_error
    }
}

/// Convenience: compile `margins` and rake `initial_weights` to them once.
pub fn rake_to_margins(
    initial_weights: &[f64],
    margins: &[Margin<'_>],
    options: &RakingOptions,
) -> Result<RakingResult, StatsError> {
    RakingDesign::new(margins)?.rake(initial_weights, options)
}

#[cfg(test)]
#[path = "raking_tests.rs"]
mod tests;
