//! Figures in words as the pack writes them: percentages to one decimal place, intervals,
//! differences in percentage points, ranks, and "suppressed" where a figure is withheld (never 0).

use crate::domain::ranking::ordinal;

use super::model::Share;

/// The word shown instead of a withheld figure.
pub const SUPPRESSED: &str = "suppressed";

/// "41.2%".
pub fn percent(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

/// "38.0% to 44.5%".
pub fn percent_interval(low: f64, high: f64) -> String {
    format!("{} to {}", percent(low), percent(high))
}

/// "+5.2", "−3.0".
pub fn points(d: f64) -> String {
    let v = d * 100.0;
    if v >= 0.0 {
        format!("+{v:.1}")
    } else {
        format!("\u{2212}{:.1}", v.abs())
    }
}

/// "1st" or "1st to 3rd".
pub fn rank_interval(interval: [usize; 2]) -> String {
    if interval[0] == interval[1] {
        ordinal(interval[0])
    } else {
        format!("{} to {}", ordinal(interval[0]), ordinal(interval[1]))
    }
}

impl Share {
    /// "41.2%", "suppressed", or "no answers".
    pub fn estimate_text(&self) -> String {
        match (self.suppressed, self.estimate) {
            (true, _) => SUPPRESSED.to_string(),
            (false, Some(e)) => percent(e),
            (false, None) => "no answers".to_string(),
        }
    }

    /// "38.0% to 44.5%", "suppressed", or "no answers".
    pub fn interval_text(&self) -> String {
        match (self.suppressed, self.ci_low, self.ci_high) {
            (true, ..) => SUPPRESSED.to_string(),
            (false, Some(lo), Some(hi)) => percent_interval(lo, hi),
            _ => "no answers".to_string(),
        }
    }

    /// "41.2% (38.0% to 44.5%)" or "suppressed".
    pub fn with_interval(&self) -> String {
        match (self.suppressed, self.estimate, self.ci_low, self.ci_high) {
            (true, ..) => SUPPRESSED.to_string(),
            (false, Some(e), Some(lo), Some(hi)) => format!("{} ({})", percent(e), percent_interval(lo, hi)),
            _ => self.estimate_text(),
        }
    }
}

/// An optional share for tables: "41.2%" or the given word.
pub fn optional_percent(p: Option<f64>, missing: &str) -> String {
    p.map(percent).unwrap_or_else(|| missing.to_string())
}
