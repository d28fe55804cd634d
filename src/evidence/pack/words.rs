//! The pack's shares in the one style of [`crate::format`]: "41% (38% to 45%)", or "suppressed"
//! (the pack states the threshold beside its tables), never 0.

use super::model::Share;
use crate::format::{ShareFigure, SUPPRESSED};

impl Share {
    /// The figure, for [`crate::format`] and [`crate::chart`].
    pub fn figure(&self) -> ShareFigure {
        ShareFigure {
            estimate: self.estimate,
            ci_low: self.ci_low,
            ci_high: self.ci_high,
            suppressed: self.suppressed,
        }
    }

    /// "41%", "suppressed", or "no answers".
    pub fn estimate_text(&self) -> String {
        self.figure().estimate_text(SUPPRESSED)
    }

    /// "38% to 45%", "suppressed", or "no answers".
    pub fn interval_text(&self) -> String {
        self.figure().interval_text(SUPPRESSED)
    }

    /// "41% (38% to 45%)" or "suppressed".
    pub fn with_interval(&self) -> String {
        self.figure().with_interval(SUPPRESSED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_shares_read_as_on_the_analyst_pages_with_the_short_withheld_word() {
        let shown = Share {
            estimate: Some(0.412),
            ci_low: Some(0.38),
            ci_high: Some(0.445),
            base: 300,
            suppressed: false,
            low_base: false,
        };
        assert_eq!(shown.estimate_text(), "41%");
        assert_eq!(shown.interval_text(), "38% to 45%");
        assert_eq!(shown.with_interval(), "41% (38% to 45%)");
        let missing = Share::missing();
        assert_eq!(missing.estimate_text(), "suppressed");
        assert_eq!(missing.with_interval(), "suppressed");
    }
}
