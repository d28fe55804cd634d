//! The figures in words (the style is set out in the [module doc](super)).

use crate::domain::ranking::ordinal;
use chrono::NaiveDate;

/// The word shown instead of a withheld figure where the threshold is stated nearby.
pub const SUPPRESSED: &str = "suppressed";
/// A share nobody answered the question for.
pub const NO_ANSWERS: &str = "no answers";
/// A figure that was not worked out (no bootstrap, a model that could not be fitted, …).
pub const NOT_AVAILABLE: &str = "not available";

/// "suppressed (fewer than 10 responses)": a withheld figure with its reason.
pub fn suppressed_because(threshold: u32) -> String {
    format!("{SUPPRESSED} (fewer than {threshold} responses)")
}

/// "62%"; "less than 1%" and "more than 99%" for shares that would round to 0% or 100%.
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    let pct = share * 100.0;
    let whole = pct.round();
    if pct > 0.0 && whole == 0.0 {
        "less than 1%".to_string()
    } else if pct < 100.0 && whole == 100.0 {
        "more than 99%".to_string()
    } else {
        format!("{whole:.0}%")
    }
}

/// "58% to 66%".
pub fn percent_interval(low: f64, high: f64) -> String {
    format!("{} to {}", percent(low), percent(high))
}

/// "62% (58% to 66%)".
pub fn percent_with_interval(estimate: f64, low: f64, high: f64) -> String {
    format!("{} ({})", percent(estimate), percent_interval(low, high))
}

/// A difference of two shares in percentage points, one decimal, signed: "+5.2", "−3.0", "0.0".
pub fn points(difference: f64) -> String {
    if !difference.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    let tenths = (difference * 1000.0).round();
    let magnitude = tenths.abs() / 10.0;
    if tenths == 0.0 {
        "0.0".to_string()
    } else if tenths > 0.0 {
        format!("+{magnitude:.1}")
    } else {
        format!("\u{2212}{magnitude:.1}")
    }
}

/// "+5.2 points (+1.0 to +9.4)".
pub fn points_with_interval(difference: f64, low: f64, high: f64) -> String {
    format!("{} points ({} to {})", points(difference), points(low), points(high))
}

/// "0.041", or "less than 0.001".
pub fn p_value(p: f64) -> String {
    if !p.is_finite() {
        NOT_AVAILABLE.to_string()
    } else if p < 0.001 {
        "less than 0.001".to_string()
    } else {
        format!("{p:.3}")
    }
}

/// "1st" when the interval is one rank, else "1st to 3rd".
pub fn rank_interval(interval: [usize; 2]) -> String {
    if interval[0] == interval[1] {
        ordinal(interval[0])
    } else {
        format!("{} to {}", ordinal(interval[0]), ordinal(interval[1]))
    }
}

/// "2,000": a count with thousands separators, as GOV.UK writes numbers.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A weighted quantity rounded to a whole number with separators: "1,234".
pub fn whole(x: f64) -> String {
    if x.is_finite() && x >= 0.0 {
        // Saturates beyond usize::MAX, which no weighted count reaches.
        count(x.round() as usize)
    } else if x.is_finite() {
        format!("\u{2212}{}", count((-x).round() as usize))
    } else {
        NOT_AVAILABLE.to_string()
    }
}

/// A statistic that is not a share (design effect, rate per 1,000, Borda mean) to `places`
/// decimals: "1.23".
pub fn fixed(x: f64, places: usize) -> String {
    if x.is_finite() {
        format!("{x:.places$}")
    } else {
        NOT_AVAILABLE.to_string()
    }
}

/// "31 March 2027": the GOV.UK style for dates.
pub fn uk_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// An ISO date ("2027-03-31") as a UK date ("31 March 2027"); other text is returned unchanged.
pub fn uk_date_from_iso(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_or_else(|_| iso.to_string(), uk_date)
}

/// A share with its 95% interval, as the results engine gives it: withheld (`suppressed`), not
/// answered (no estimate), or a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShareFigure {
    pub estimate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub suppressed: bool,
}

impl ShareFigure {
    /// "62%", `withheld` ([`SUPPRESSED`] or [`suppressed_because`]), or "no answers".
    pub fn estimate_text(&self, withheld: &str) -> String {
        match (self.suppressed, self.estimate) {
            (true, _) => withheld.to_string(),
            (false, Some(e)) => percent(e),
            (false, None) => NO_ANSWERS.to_string(),
        }
    }

    /// "58% to 66%", `withheld`, "no answers", or "not available" for a figure without interval.
    pub fn interval_text(&self, withheld: &str) -> String {
        match (self.suppressed, self.estimate, self.ci_low, self.ci_high) {
            (true, ..) => withheld.to_string(),
            (false, None, ..) => NO_ANSWERS.to_string(),
            (false, Some(_), Some(lo), Some(hi)) => percent_interval(lo, hi),
            (false, Some(_), ..) => NOT_AVAILABLE.to_string(),
        }
    }

    /// "62% (58% to 66%)"; "62%" when there is no interval; `withheld`; or "no answers".
    pub fn with_interval(&self, withheld: &str) -> String {
        match (self.suppressed, self.estimate, self.ci_low, self.ci_high) {
            (false, Some(e), Some(lo), Some(hi)) => percent_with_interval(e, lo, hi),
            _ => self.estimate_text(withheld),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_whole_percentages_that_never_read_as_nobody_or_everybody() {
        assert_eq!(percent(0.62), "62%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.003), "less than 1%");
        assert_eq!(percent(0.0049), "less than 1%");
        assert_eq!(percent(0.005), "1%", "halves round up");
        assert_eq!(percent(0.125), "13%", "halves round away from zero, not to even");
        assert_eq!(percent(0.994), "99%");
        assert_eq!(percent(0.997), "more than 99%");
        assert_eq!(percent(f64::NAN), "not available");
    }

    #[test]
    fn intervals_follow_their_share_in_brackets_with_to() {
        assert_eq!(percent_with_interval(0.62, 0.584, 0.6649), "62% (58% to 66%)");
        assert_eq!(percent_interval(0.002, 0.031), "less than 1% to 3%");
    }

    #[test]
    fn differences_are_signed_points_with_one_decimal_and_a_true_minus() {
        assert_eq!(points(0.052), "+5.2");
        assert_eq!(points(-0.03), "\u{2212}3.0");
        assert_eq!(points(0.0), "0.0");
        assert_eq!(points(0.0004), "0.0", "rounds to zero: no sign");
        assert_eq!(points(-0.0004), "0.0", "never \u{2212}0.0");
        assert_eq!(points(0.0005), "+0.1");
        assert_eq!(points(-0.1234), "\u{2212}12.3");
        assert_eq!(points_with_interval(0.052, 0.01, 0.094), "+5.2 points (+1.0 to +9.4)");
        assert_eq!(
            points_with_interval(-0.02, -0.05, 0.01),
            "\u{2212}2.0 points (\u{2212}5.0 to +1.0)"
        );
    }

    #[test]
    fn p_values_have_three_decimals_or_say_less_than_one_in_a_thousand() {
        assert_eq!(p_value(0.0004), "less than 0.001");
        assert_eq!(p_value(0.001), "0.001");
        assert_eq!(p_value(0.0412), "0.041");
        assert_eq!(p_value(1.0), "1.000");
    }

    #[test]
    fn rank_intervals_are_ordinals_joined_by_to() {
        assert_eq!(rank_interval([1, 1]), "1st");
        assert_eq!(rank_interval([1, 3]), "1st to 3rd");
        assert_eq!(rank_interval([2, 12]), "2nd to 12th");
        assert_eq!(rank_interval([11, 22]), "11th to 22nd");
    }

    #[test]
    fn counts_and_weighted_quantities_have_thousands_separators() {
        assert_eq!(count(7), "7");
        assert_eq!(count(999), "999");
        assert_eq!(count(2000), "2,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(whole(1234.4), "1,234");
        assert_eq!(whole(1234.5), "1,235");
        assert_eq!(whole(-1500.0), "\u{2212}1,500");
        assert_eq!(whole(f64::INFINITY), "not available");
        assert_eq!(fixed(1.234_5, 2), "1.23");
        assert_eq!(fixed(12.06, 1), "12.1");
    }

    #[test]
    fn dates_are_written_the_uk_way() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
        assert_eq!(uk_date(d), "31 March 2027");
        assert_eq!(uk_date(NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()), "1 April 2026");
        assert_eq!(uk_date_from_iso("2026-12-02"), "2 December 2026");
        assert_eq!(uk_date_from_iso("next week"), "next week");
    }

    #[test]
    fn withheld_shares_are_words_never_zero() {
        let hidden = ShareFigure {
            estimate: None,
            ci_low: None,
            ci_high: None,
            suppressed: true,
        };
        let because = suppressed_because(10);
        assert_eq!(because, "suppressed (fewer than 10 responses)");
        for text in [
            hidden.estimate_text(SUPPRESSED),
            hidden.interval_text(SUPPRESSED),
            hidden.with_interval(SUPPRESSED),
        ] {
            assert_eq!(text, "suppressed");
        }
        assert_eq!(hidden.with_interval(&because), because);
        // Suppressed wins even when a number is (wrongly) present.
        let leaky = ShareFigure {
            estimate: Some(0.4),
            ..hidden
        };
        assert_eq!(leaky.with_interval(SUPPRESSED), "suppressed");
    }

    #[test]
    fn shown_shares_read_with_their_interval_and_unanswered_ones_say_so() {
        let shown = ShareFigure {
            estimate: Some(0.412),
            ci_low: Some(0.38),
            ci_high: Some(0.445),
            suppressed: false,
        };
        assert_eq!(shown.estimate_text(SUPPRESSED), "41%");
        assert_eq!(shown.interval_text(SUPPRESSED), "38% to 45%");
        assert_eq!(shown.with_interval(SUPPRESSED), "41% (38% to 45%)");
        let no_interval = ShareFigure {
            ci_low: None,
            ci_high: None,
            ..shown
        };
        assert_eq!(no_interval.with_interval(SUPPRESSED), "41%");
        assert_eq!(no_interval.interval_text(SUPPRESSED), "not available");
        let unanswered = ShareFigure {
            estimate: None,
            ci_low: None,
            ci_high: None,
            suppressed: false,
        };
        assert_eq!(unanswered.with_interval(SUPPRESSED), "no answers");
        assert_eq!(unanswered.interval_text(SUPPRESSED), "no answers");
    }
}
