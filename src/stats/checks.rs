//! Input checks shared by the statistics modules, so every function refuses bad weights and
//! targets with the same error.

use super::error::StatsError;

/// Checks a margin's targets and returns their total.
pub(crate) fn check_targets(targets: &[f64]) -> Result<f64, StatsError> {
    if targets.is_empty() {
        return Err(StatsError::Empty { what: "margin targets" });
    }
    if let Some(&bad) = targets.iter().find(|t| !(t.is_finite() && **t >= 0.0)) {
        return Err(StatsError::InvalidValue {
            what: "raking target",
            requirement: "finite and >= 0",
            value: bad,
        });
    }
    let total: f64 = targets.iter().sum();
    if total <= 0.0 {
        return Err(StatsError::InvalidValue {
            what: "margin total",
            requirement: "positive",
            value: total,
        });
    }
    Ok(total)
}

/// Checks weights (right length, finite, non-negative, positive total) and returns their total.
pub(crate) fn check_weights(weights: &[f64], respondents: usize) -> Result<f64, StatsError> {
    if weights.len() != respondents {
        return Err(StatsError::LengthMismatch {
            what: "weights",
            expected: respondents,
            found: weights.len(),
        });
    }
    if let Some(&bad) = weights.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
        return Err(StatsError::InvalidValue {
            what: "weight",
            requirement: "finite and >= 0",
            value: bad,
        });
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return Err(StatsError::InvalidValue {
            what: "total weight",
            requirement: "positive",
            value: total,
        });
    }
    Ok(total)
}
