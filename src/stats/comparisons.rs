//! Comparing proportions: a design-based Wald test for the difference of two independent
//! estimates, and Benjamini–Hochberg adjustment when many such comparisons are reported at once
//! (e.g. every area against Scotland, every concern against last year).

use super::error::StatsError;
use super::intervals::standard_normal;
use statrs::distribution::ContinuousCDF;

/// Result of a two-sided Wald (z) test of `p1 − p2 = 0`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct DifferenceTest {
    /// `p1 − p2`.
    pub difference: f64,
    /// `√(V1 + V2)`.
    pub standard_error: f64,
    /// `difference / standard_error`.
    pub z: f64,
    /// Two-sided p-value `2 Φ(−|z|)`.
    pub p_value: f64,
}

/// Wald test for the difference of two independent estimates with variances `variance1`, `variance2`
/// (design-based variances from [`crate::stats::variance`], or `p(1−p)/n` for simple random samples).
pub fn wald_difference_test(p1: f64, variance1: f64, p2: f64, variance2: f64) -> Result<DifferenceTest, StatsError> {
    for (value, what) in [(p1, "first estimate"), (p2, "second estimate")] {
        if !value.is_finite() {
            return Err(StatsError::InvalidValue {
                what,
                requirement: "finite",
                value,
            });
        }
    }
    for variance in [variance1, variance2] {
        if !(variance.is_finite() && variance >= 0.0) {
            return Err(StatsError::InvalidValue {
                what: "variance",
                requirement: "finite and >= 0",
                value: variance,
            });
        }
    }
    let standard_error = (variance1 + variance2).sqrt();
    if standard_error <= 0.0 {
        return Err(StatsError::ZeroStandardError);
    }
    let difference = p1 - p2;
    let z = difference / standard_error;
    let p_value = 2.0 * standard_normal()?.cdf(-z.abs());
    Ok(DifferenceTest {
        difference,
        standard_error,
        z,
        p_value,
    })
}

/// Variance `p(1−p)/n` of a proportion from a simple random sample of `n` (`count` successes).
pub fn binomial_variance(count: f64, n: f64) -> Result<f64, StatsError> {
    if !(n.is_finite() && n > 0.0) {
        return Err(StatsError::InvalidValue {
            what: "sample size",
            requirement: "positive",
            value: n,
        });
    }
    if !(0.0..=n).contains(&count) {
        return Err(StatsError::InvalidValue {
            what: "count",
            requirement: "between 0 and n",
            value: count,
        });
    }
    let p = count / n;
    Ok(p * (1.0 - p) / n)
}

/// Benjamini–Hochberg adjusted p-values, in the input order, exactly as R's
/// `p.adjust(p, method = "BH")`: sorted decreasingly, `min(1, cummin(m / i · p_(i)))`.
/// NaN p-values stay NaN and do not count in `m` (R's `NA` handling).
pub fn benjamini_hochberg(p_values: &[f64]) -> Result<Vec<f64>, StatsError> {
    if let Some(&bad) = p_values.iter().find(|p| !p.is_nan() && !(0.0..=1.0).contains(*p)) {
        return Err(StatsError::InvalidValue {
            what: "p-value",
            requirement: "between 0 and 1",
            value: bad,
        });
    }
    let mut order: Vec<usize> = (0..p_values.len()).filter(|&i| !p_values[i].is_nan()).collect();
    let m = order.len() as f64;
    // Decreasing p; ties keep input order, like R's `order(p, decreasing = TRUE)` (stable).
    order.sort_by(|&a, &b| p_values[b].total_cmp(&p_values[a]));
    let mut adjusted = vec![f64::NAN; p_values.len()];
    let mut running_min = f64::INFINITY;
    for (position, &index) in order.iter().enumerate() {
        let rank = m - position as f64;
        running_min = running_min.min(m / rank * p_values[index]);
        adjusted[index] = running_min.min(1.0);
    }
    Ok(adjusted)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn adjusted_p_values_are_capped_at_one_and_monotone() {
        let adjusted = benjamini_hochberg(&[0.9, 0.01, 0.95, 0.5]).unwrap();
        // m = 4: sorted 0.95, 0.9, 0.5, 0.01 → 0.95, min(0.95, 1.2)=0.95, min(0.95, 1.0)=0.95, 0.04.
        assert_eq!(adjusted, vec![0.95, 0.04, 0.95, 0.95]);
        let capped = benjamini_hochberg(&[0.8, 0.7]).unwrap();
        assert_eq!(capped, vec![0.8, 0.8]);
        assert!(benjamini_hochberg(&[1.0, 1.0, 1.0]).unwrap().iter().all(|p| *p == 1.0));
    }

    #[test]
    fn missing_p_values_stay_missing_and_do_not_count() {
        let adjusted = benjamini_hochberg(&[0.02, f64::NAN, 0.04]).unwrap();
        assert!(adjusted[1].is_nan());
        assert_eq!(adjusted[0], 0.04);
        assert_eq!(adjusted[2], 0.04);
        assert!(benjamini_hochberg(&[1.5]).is_err());
    }

    #[test]
    fn equal_estimates_give_z_zero_and_zero_variance_is_refused() {
        let same = wald_difference_test(0.3, 0.001, 0.3, 0.002).unwrap();
        assert_eq!(same.z, 0.0);
        assert!((same.p_value - 1.0).abs() < 1e-15);
        assert_eq!(
            wald_difference_test(0.0, 0.0, 0.0, 0.0),
            Err(StatsError::ZeroStandardError)
        );
    }
}
