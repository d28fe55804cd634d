//! Weight diagnostics (Kish design effect, effective sample size) and weighted proportions.
//!
//! Outcomes are `Option<bool>` per respondent: `Some(true)`/`Some(false)` for respondents in the
//! domain of the estimate (e.g. those who answered the question), `None` for those outside it.
//! Respondents outside the domain stay in the design (they matter for variances) but not in the
//! proportion, as R's `survey` does for estimates on a `subset()` of a design.

use super::checks::check_weights;
use super::error::StatsError;

/// Kish's design effect due to unequal weights, `n Σw² / (Σw)²` over all `n` weights given.
pub fn kish_design_effect(weights: &[f64]) -> Result<f64, StatsError> {
    let (sum, sum_sq) = sums(weights)?;
    Ok(weights.len() as f64 * sum_sq / (sum * sum))
}

/// Kish's effective sample size, `(Σw)² / Σw²`.
pub fn effective_sample_size(weights: &[f64]) -> Result<f64, StatsError> {
    let (sum, sum_sq) = sums(weights)?;
    Ok(sum * sum / sum_sq)
}

/// Summary of a weight vector, as printed beside an estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightSummary {
    /// Smallest weight.
    pub min: f64,
    /// Largest weight.
    pub max: f64,
    /// Sum of weights.
    pub sum: f64,
    /// Kish design effect `n Σw² / (Σw)²`.
    pub kish_design_effect: f64,
    /// Kish effective sample size `(Σw)² / Σw²`.
    pub effective_sample_size: f64,
}

/// Min, max, sum, Kish design effect and effective sample size of `weights`.
pub fn summarise_weights(weights: &[f64]) -> Result<WeightSummary, StatsError> {
    let (sum, sum_sq) = sums(weights)?;
    let min = weights.iter().copied().fold(f64::INFINITY, f64::min);
    let max = weights.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Ok(WeightSummary {
        min,
        max,
        sum,
        kish_design_effect: weights.len() as f64 * sum_sq / (sum * sum),
        effective_sample_size: sum * sum / sum_sq,
    })
}

/// Weighted share of the domain (`Some(_)`) whose outcome is `Some(true)`.
pub fn weighted_proportion(weights: &[f64], outcome: &[Option<bool>]) -> Result<f64, StatsError> {
    check_weights(weights, outcome.len())?;
    let (yes, domain) = domain_totals(weights, outcome);
    if domain > 0.0 {
        Ok(yes / domain)
    } else {
        Err(StatsError::NoWeightInDomain)
    }
}

/// Weight with outcome `Some(true)` and weight in the domain.
pub(crate) fn domain_totals(weights: &[f64], outcome: &[Option<bool>]) -> (f64, f64) {
    let mut yes = 0.0;
    let mut domain = 0.0;
    for (w, y) in weights.iter().zip(outcome) {
        match y {
            Some(true) => {
                yes += w;
                domain += w;
            }
            Some(false) => domain += w,
            None => {}
        }
    }
    (yes, domain)
}

fn sums(weights: &[f64]) -> Result<(f64, f64), StatsError> {
    if weights.is_empty() {
        return Err(StatsError::Empty { what: "weights" });
    }
    let sum = check_weights(weights, weights.len())?;
    Ok((sum, weights.iter().map(|w| w * w).sum()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn equal_weights_have_no_design_effect() {
        let w = [2.0; 10];
        assert!((kish_design_effect(&w).unwrap() - 1.0).abs() < 1e-15);
        assert!((effective_sample_size(&w).unwrap() - 10.0).abs() < 1e-12);
    }

    #[test]
    fn design_effect_of_two_weights_by_hand() {
        // n Σw² / (Σw)² = 2 × (1 + 9) / 16 = 1.25; n_eff = 16 / 10.
        let w = [1.0, 3.0];
        assert!((kish_design_effect(&w).unwrap() - 1.25).abs() < 1e-15);
        assert!((effective_sample_size(&w).unwrap() - 1.6).abs() < 1e-15);
    }

    #[test]
    fn respondents_outside_the_domain_do_not_count_in_the_proportion() {
        let w = [1.0, 2.0, 3.0, 4.0];
        let y = [Some(true), Some(false), None, Some(true)];
        assert!((weighted_proportion(&w, &y).unwrap() - 5.0 / 7.0).abs() < 1e-15);
        assert_eq!(weighted_proportion(&w, &[None; 4]), Err(StatsError::NoWeightInDomain));
    }
}
