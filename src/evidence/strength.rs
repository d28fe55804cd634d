//! How strongly residents support each item (usually each concern), by an explicit rule on 95%
//! confidence intervals, never on point estimates alone.
//!
//! The rule, exactly as [`strength_from_intervals`] implements it:
//! 1. An item whose unweighted base is under the suppression threshold is [`Strength::Suppressed`]
//!    and takes no part in step 2. (Its interval is not looked at.)
//! 2. Over the other items, `M_lo` is the median of their lower bounds and `M_hi` the median of
//!    their upper bounds (for an even number of items, the mean of the two middle values).
//! 3. An item is [`Strength::Strong`] when its lower bound is strictly greater than `M_hi`: its whole
//!    interval lies above where the middle item's interval ends. It is [`Strength::Weak`] when its
//!    upper bound is strictly less than `M_lo`: its whole interval lies below where the middle
//!    item's interval starts. Otherwise (including a bound exactly equal to the median) it is
//!    [`Strength::Moderate`].
//!
//! So a single item, or items whose intervals all overlap the middle, are all Moderate: the
//! survey cannot tell them apart, and the labels say so.

use serde::Serialize;
use std::fmt;

/// Residents' support for one item: a point estimate (e.g. the weighted share ranking the concern
/// in their top three), its 95% interval and the number of respondents behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SupportMeasure {
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    pub unweighted_base: u32,
}

/// How strong support for an item is, compared with the middle of all items (rule in the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    Strong,
    Moderate,
    Weak,
    Suppressed,
}

impl Strength {
    /// The lower-case label used in the evidence pack: "strong", "moderate", "weak", "suppressed".
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Strong => "strong",
            Strength::Moderate => "moderate",
            Strength::Weak => "weak",
            Strength::Suppressed => "suppressed",
        }
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The middle the rule compares with, for showing beside the labels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MedianBounds {
    /// `M_lo`: the median of the unsuppressed items' lower bounds.
    pub median_lower: f64,
    /// `M_hi`: the median of the unsuppressed items' upper bounds.
    pub median_upper: f64,
    /// How many items were not suppressed.
    pub items: usize,
}

/// Every item's strength, in input order, and the middle they were compared with (`None` when
/// every item is suppressed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrengthAssessment {
    pub reference: Option<MedianBounds>,
    pub strengths: Vec<Strength>,
}

/// A support measure the rule cannot use.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StrengthError {
    #[error(
        "item {index}: the interval [{lower}, {upper}] with estimate {estimate} is not finite or not in order \
         (lower <= estimate <= upper)"
    )]
    BadInterval {
        index: usize,
        estimate: f64,
        lower: f64,
        upper: f64,
    },
}

/// Labels every item by the rule in the module doc. Items under `suppression_threshold` are
/// Suppressed whatever their numbers; every other item must have finite bounds with
/// `lower <= estimate <= upper`.
pub fn strength_from_intervals(
    items: &[SupportMeasure],
    suppression_threshold: u32,
) -> Result<StrengthAssessment, StrengthError> {
    let measured = |m: &SupportMeasure| m.unweighted_base >= suppression_threshold;
    for (index, m) in items.iter().enumerate().filter(|(_, m)| measured(m)) {
        let finite = m.estimate.is_finite() && m.lower.is_finite() && m.upper.is_finite();
        if !finite || m.lower > m.estimate || m.estimate > m.upper {
            return Err(StrengthError::BadInterval {
                index,
                estimate: m.estimate,
                lower: m.lower,
                upper: m.upper,
            });
        }
    }
    let lowers: Vec<f64> = items.iter().filter(|m| measured(m)).map(|m| m.lower).collect();
    let uppers: Vec<f64> = items.iter().filter(|m| measured(m)).map(|m| m.upper).collect();
    let reference = match (median(lowers), median(uppers)) {
        (Some(median_lower), Some(median_upper)) => Some(MedianBounds {
            median_lower,
            median_upper,
            items: items.iter().filter(|m| measured(m)).count(),
        }),
        _ => None,
    };
    let strengths = items
        .iter()
        .map(|m| match reference {
            Some(r) if measured(m) => {
                if m.lower > r.median_upper {
                    Strength::Strong
                } else if m.upper < r.median_lower {
                    Strength::Weak
                } else {
                    Strength::Moderate
                }
            }
            _ => Strength::Suppressed,
        })
        .collect();
    Ok(StrengthAssessment { reference, strengths })
}

/// The median (mean of the middle two for an even count); `None` for no values.
fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}
