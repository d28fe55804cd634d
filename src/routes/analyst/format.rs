//! The results report's shares in the one style of [`crate::format`]: "62% (58% to 66%)", "no
//! answers", or, since the analyst pages have no sentence stating the threshold beside every
//! table, "suppressed (fewer than 10 responses)", never 0.

use crate::format::{suppressed_because, ShareFigure};
use crate::results::report::Proportion;

/// The figure of a report's share.
pub fn share(p: &Proportion) -> ShareFigure {
    ShareFigure {
        estimate: p.estimate,
        ci_low: p.ci_low,
        ci_high: p.ci_high,
        suppressed: p.suppressed,
    }
}

/// A share as the pages show it: with its interval, "suppressed (…)", or "no answers".
pub fn proportion(p: &Proportion, suppression_threshold: u32) -> String {
    share(p).with_interval(&suppressed_because(suppression_threshold))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proportion_of(estimate: Option<f64>, suppressed: bool) -> Proportion {
        Proportion {
            estimate,
            ci_low: estimate.map(|e| e - 0.04),
            ci_high: estimate.map(|e| e + 0.04),
            base: 40,
            suppressed,
            low_base: false,
            unweighted: None,
        }
    }

    #[test]
    fn report_shares_read_in_the_one_style_and_say_why_they_are_withheld() {
        assert_eq!(proportion(&proportion_of(Some(0.62), false), 10), "62% (58% to 66%)");
        assert_eq!(
            proportion(&proportion_of(None, true), 10),
            "suppressed (fewer than 10 responses)"
        );
        assert_eq!(proportion(&proportion_of(None, false), 10), "no answers");
    }
}
