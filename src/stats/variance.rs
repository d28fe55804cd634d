//! Linearised (Taylor-series) variance of a weighted proportion, with the weights either treated as
//! fixed or as the result of raking (calibration), for a single-stage design without clusters or
//! strata — what R's `survey` computes for `svydesign(ids = ~1, weights = ~d)` followed by `rake()`.
//!
//! With final weights `w`, domain indicator `δ`, outcome `y` and weighted share `p`, the influence
//! of respondent `i` is `u_i = δ_i (y_i − p) / W_domain`.
//!
//! * **Weights fixed:** `z_i = w_i u_i`.
//! * **Raked:** regress `u` on the calibration variables with the design weights `d`, and use the
//!   residuals: `z_i = w_i e_i`. Raking has less variance than fixed weights because the part of `y`
//!   explained by the margins is known exactly from the population.
//!
//! In both cases `V = n/(n−1) Σ (z_i − z̄)²` over all `n` respondents of the design.
//!
//! The calibration variables of a margin with shares `s_c` are `x_c = 1[cat = c] − s_c·1[cat known]`
//! (one reference category dropped), plus an intercept for the fixed total. When everyone's
//! category is known they span the same space as the margin's dummies, which is R's regression
//! exactly; with unknown categories they express the constraint raking actually imposes (the known
//! respondents' distribution, not their total). The normal equations are built from category
//! cross-tabulations (one pass per pair of margins) and solved by pivoted Cholesky, which drops
//! the columns made redundant by nested margins.

use super::checks::check_weights;
use super::design::domain_totals;
use super::error::StatsError;
use super::linear_algebra::PivotedCholesky;
use super::raking::{CompiledMargin, RakingDesign};

/// A weighted proportion and its linearised variance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearisedProportion {
    /// Weighted share of the domain with outcome `true`.
    pub proportion: f64,
    /// Linearised variance of that share.
    pub variance: f64,
}

impl LinearisedProportion {
    /// Square root of the variance.
    pub fn standard_error(&self) -> f64 {
        self.variance.sqrt()
    }
}

/// Variance of a weighted proportion with the weights treated as fixed (no calibration step).
pub fn fixed_weights_proportion_variance(
    weights: &[f64],
    outcome: &[Option<bool>],
) -> Result<LinearisedProportion, StatsError> {
    let (proportion, domain) = proportion_and_domain(weights, outcome)?;
    let z = weights
        .iter()
        .zip(outcome)
        .map(|(w, y)| w * influence(*y, proportion, domain));
    Ok(LinearisedProportion {
        proportion,
        variance: with_replacement_variance(z, weights.len()),
    })
}

/// The calibration regression of a raking design, factored once and reused for any outcome.
#[derive(Debug, Clone)]
pub struct CalibrationVariance<'a> {
    design: &'a RakingDesign,
    design_weights: Vec<f64>,
    /// Column of category 1 of each margin; category `c ≥ 1` is column `offset + c − 1`.
    offsets: Vec<usize>,
    columns: usize,
    normal_equations: PivotedCholesky,
}

impl<'a> CalibrationVariance<'a> {
    /// Prepares the regression on `design`'s margins with design (pre-raking) weights `design_weights`.
    pub fn new(design: &'a RakingDesign, design_weights: &[f64]) -> Result<Self, StatsError> {
        check_weights(design_weights, design.respondents())?;
        let margins = design.compiled_margins();
        let mut offsets = Vec::with_capacity(margins.len());
        let mut columns = 1;
        for margin in margins {
            offsets.push(columns);
            columns += margin.categories().saturating_sub(1);
        }
        let mut matrix = vec![0.0; columns * columns];
        matrix[0] = design_weights.iter().sum();
        for (m, margin) in margins.iter().enumerate() {
            let counts = category_sums(&margin.codes, design_weights.iter().copied(), margin.categories());
            for (a, count) in counts.iter().enumerate() {
                for c in 1..margin.categories() {
                    let xc = calibration_value(margin, c, a) * count;
                    add_symmetric(&mut matrix, columns, 0, offsets[m] + c - 1, xc);
                    for c2 in 1..margin.categories() {
                        matrix[(offsets[m] + c - 1) * columns + offsets[m] + c2 - 1] +=
                            xc * calibration_value(margin, c2, a);
                    }
                }
            }
            for (m2, other) in margins.iter().enumerate().skip(m + 1) {
                let table = cross_tabulate(margin, other, design_weights);
                let width = other.categories() + 1;
                for a in 0..=margin.categories() {
                    for b in 0..width {
                        let count = table[a * width + b];
                        if count == 0.0 {
                            continue;
                        }
                        for c in 1..margin.categories() {
                            let xc = calibration_value(margin, c, a) * count;
                            for c2 in 1..other.categories() {
                                let value = xc * calibration_value(other, c2, b);
                                add_symmetric(&mut matrix, columns, offsets[m] + c - 1, offsets[m2] + c2 - 1, value);
                            }
                        }
                    }
                }
            }
        }
        let normal_equations = PivotedCholesky::factor(&matrix, columns);
        Ok(Self {
            design,
            design_weights: design_weights.to_vec(),
            offsets,
            columns,
            normal_equations,
        })
    }

    /// Proportion and its variance with the raking taken into account; `weights` are the raked weights.
    pub fn proportion_variance(
        &self,
        weights: &[f64],
        outcome: &[Option<bool>],
    ) -> Result<LinearisedProportion, StatsError> {
        let n = self.design.respondents();
        if outcome.len() != n {
            return Err(StatsError::LengthMismatch {
                what: "outcome",
                expected: n,
                found: outcome.len(),
            });
        }
        let (proportion, domain) = proportion_and_domain(weights, outcome)?;
        let u: Vec<f64> = outcome.iter().map(|y| influence(*y, proportion, domain)).collect();
        let margins = self.design.compiled_margins();
        let mut rhs = vec![0.0; self.columns];
        rhs[0] = u.iter().zip(&self.design_weights).map(|(u, d)| u * d).sum();
        for (margin, offset) in margins.iter().zip(&self.offsets) {
            let weighted_u = u.iter().zip(&self.design_weights).map(|(u, d)| u * d);
            let sums = category_sums(&margin.codes, weighted_u, margin.categories());
            for (a, sum) in sums.iter().enumerate() {
                for c in 1..margin.categories() {
                    rhs[offset + c - 1] += calibration_value(margin, c, a) * sum;
                }
            }
        }
        let beta = self.normal_equations.solve(&rhs);
        // Fitted value of the margin's part of the regression, per category code.
        let fitted: Vec<Vec<f64>> = margins
            .iter()
            .zip(&self.offsets)
            .map(|(margin, offset)| {
                (0..=margin.categories())
                    .map(|a| {
                        (1..margin.categories())
                            .map(|c| beta[offset + c - 1] * calibration_value(margin, c, a))
                            .sum()
                    })
                    .collect()
            })
            .collect();
        let z = (0..n).map(|i| {
            let explained: f64 = margins.iter().zip(&fitted).map(|(m, f)| f[m.codes[i] as usize]).sum();
            weights[i] * (u[i] - beta[0] - explained)
        });
        Ok(LinearisedProportion {
            proportion,
            variance: with_replacement_variance(z, n),
        })
    }
}

/// Value of margin `margin`'s calibration variable for category `c` at category code `a`.
fn calibration_value(margin: &CompiledMargin, c: usize, a: usize) -> f64 {
    let known = a < margin.categories();
    f64::from(u8::from(a == c)) - if known { margin.shares[c] } else { 0.0 }
}

fn add_symmetric(matrix: &mut [f64], size: usize, i: usize, j: usize, value: f64) {
    matrix[i * size + j] += value;
    matrix[j * size + i] += value;
}

/// Sum of `values` per category code (the last slot is the unknown category).
fn category_sums(codes: &[u32], values: impl Iterator<Item = f64>, categories: usize) -> Vec<f64> {
    let mut sums = vec![0.0; categories + 1];
    for (code, value) in codes.iter().zip(values) {
        sums[*code as usize] += value;
    }
    sums
}

/// Weighted two-way table of two margins' codes, row-major with the second margin varying fastest.
fn cross_tabulate(first: &CompiledMargin, second: &CompiledMargin, weights: &[f64]) -> Vec<f64> {
    let width = second.categories() + 1;
    let mut table = vec![0.0; (first.categories() + 1) * width];
    for ((a, b), w) in first.codes.iter().zip(&second.codes).zip(weights) {
        table[*a as usize * width + *b as usize] += w;
    }
    table
}

fn proportion_and_domain(weights: &[f64], outcome: &[Option<bool>]) -> Result<(f64, f64), StatsError> {
    check_weights(weights, outcome.len())?;
    if outcome.len() < 2 {
        return Err(StatsError::InvalidValue {
            what: "number of respondents",
            requirement: "at least 2 for a variance",
            value: outcome.len() as f64,
        });
    }
    let (yes, domain) = domain_totals(weights, outcome);
    if domain > 0.0 {
        Ok((yes / domain, domain))
    } else {
        Err(StatsError::NoWeightInDomain)
    }
}

/// Unweighted influence `δ (y − p) / W_domain`.
fn influence(outcome: Option<bool>, proportion: f64, domain: f64) -> f64 {
    match outcome {
        Some(y) => (f64::from(u8::from(y)) - proportion) / domain,
        None => 0.0,
    }
}

/// `n/(n−1) Σ (z − z̄)²`, the with-replacement variance of a total of `z`.
fn with_replacement_variance(z: impl Iterator<Item = f64> + Clone, n: usize) -> f64 {
    let mean = z.clone().sum::<f64>() / n as f64;
    let sum_sq: f64 = z.map(|v| (v - mean) * (v - mean)).sum();
    n as f64 / (n as f64 - 1.0) * sum_sq
}

#[path = "variance_grouped.rs"]
pub mod grouped;

#[cfg(test)]
#[path = "variance_tests.rs"]
mod tests;
