//! The public form of one share: its weighted estimate and Korn–Graubard interval, or suppressed
//! when its unweighted base is below the consultation's threshold; with the unweighted count and
//! share and their binomial intervals, themselves withheld when the count of those answering yes
//! (or no) is a small cell ([`super::small_cells::is_small`]). Reads no environment variables.

use super::estimates::Estimate;
use super::small_cells::is_small;
use crate::domain::SurveyDefinition;
use crate::stats::{clopper_pearson_interval, korn_graubard_interval, wilson_interval, StatsError};
use serde::Serialize;

/// A share with its interval, or suppressed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proportion {
    /// Weighted share; `null` when suppressed.
    pub estimate: Option<f64>,
    /// Korn–Graubard interval using the linearised variance of the raked estimator.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Unweighted base: respondents who answered.
    pub base: usize,
    pub suppressed: bool,
    pub low_base: bool,
    /// The unweighted share with Wilson and Clopper–Pearson intervals; `null` when suppressed.
    pub unweighted: Option<UnweightedProportion>,
}

/// An unweighted count and share with its binomial intervals; all `null` with `suppressed: true`
/// when the count of those answering yes, or of those answering no, is from 1 to below the
/// suppression threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnweightedProportion {
    pub count: Option<usize>,
    pub estimate: Option<f64>,
    pub wilson: Option<IntervalOut>,
    pub clopper_pearson: Option<IntervalOut>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IntervalOut {
    pub ci_low: f64,
    pub ci_high: f64,
}

/// Disclosure thresholds of a consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub suppression: usize,
    pub low_base: usize,
}

impl Thresholds {
    pub fn of(definition: &SurveyDefinition) -> Self {
        Self {
            suppression: definition.suppression_threshold as usize,
            low_base: definition.low_base_threshold as usize,
        }
    }
    pub fn suppressed(&self, base: usize) -> bool {
        base < self.suppression
    }
    pub fn low_base(&self, base: usize) -> bool {
        base < self.low_base
    }
}

/// The public form of an estimate with base `base` (nobody answered → base 0, suppressed).
pub fn proportion(estimate: Option<&Estimate>, thresholds: Thresholds, level: f64) -> Result<Proportion, StatsError> {
    let base = estimate.map_or(0, |e| e.base);
    let suppressed = thresholds.suppressed(base);
    let mut out = Proportion {
        estimate: None,
        ci_low: None,
        ci_high: None,
        base,
        suppressed,
        low_base: thresholds.low_base(base),
        unweighted: None,
    };
    let Some(e) = estimate.filter(|_| !suppressed) else {
        return Ok(out);
    };
    let p = e.proportion.clamp(0.0, 1.0);
    let ci = korn_graubard_interval(p, e.variance, (e.base as f64).max(2.0), level)?;
    let (count, n) = (e.count as f64, e.base as f64);
    let wilson = wilson_interval(count, n, level)?;
    let exact = clopper_pearson_interval(count, n, level)?;
    out.estimate = Some(p);
    out.ci_low = Some(ci.lower);
    out.ci_high = Some(ci.upper);
    let small = [e.count, e.base.saturating_sub(e.count)]
        .iter()
        .any(|&cell| is_small(cell, thresholds.suppression));
    out.unweighted = Some(if small {
        UnweightedProportion {
            count: None,
            estimate: None,
            wilson: None,
            clopper_pearson: None,
            suppressed: true,
        }
    } else {
        UnweightedProportion {
            count: Some(e.count),
            estimate: Some(count / n),
            wilson: Some(IntervalOut {
                ci_low: wilson.lower,
                ci_high: wilson.upper,
            }),
            clopper_pearson: Some(IntervalOut {
                ci_low: exact.lower,
                ci_high: exact.upper,
            }),
            suppressed: false,
        }
    });
    Ok(out)
}
