//! Figures in words and numbers the way the analyst pages write them: whole percentages with their
//! interval ("62% (58% to 66%)"), differences in percentage points, ordinal ranks ("1st–3rd"), and
//! "suppressed (fewer than 10 responses)" where a figure is withheld, never 0.

use crate::domain::ranking::ordinal;

use crate::results::report::Proportion;
use crate::routes::pages::text::thousands;

/// "62%"; a share above 0 that would round to 0 is "less than 1%", so it never reads as nobody.
pub fn percent(p: f64) -> String {
    let pct = p * 100.0;
    if pct > 0.0 && pct < 0.5 {
        "less than 1%".to_string()
    } else if pct < 100.0 && pct > 99.5 {
        "more than 99%".to_string()
    } else {
        format!("{pct:.0}%")
    }
}

/// "62% (58% to 66%)".
pub fn percent_with_interval(estimate: f64, low: f64, high: f64) -> String {
    format!("{} ({} to {})", percent(estimate), percent(low), percent(high))
}

/// What a suppressed figure says instead of a number.
pub fn suppressed_text(threshold: u32) -> String {
    format!("suppressed (fewer than {threshold} responses)")
}

/// A share as the pages show it: with its interval, "suppressed (…)", or "no answers".
pub fn proportion(p: &Proportion, suppression_threshold: u32) -> String {
    if p.suppressed {
        return suppressed_text(suppression_threshold);
    }
    match (p.estimate, p.ci_low, p.ci_high) {
        (Some(e), Some(lo), Some(hi)) => percent_with_interval(e, lo, hi),
        (Some(e), _, _) => percent(e),
        _ => "no answers".to_string(),
    }
}

/// "1st" when the interval is one rank, else "1st–3rd".
pub fn rank_interval(interval: [usize; 2]) -> String {
    if interval[0] == interval[1] {
        ordinal(interval[0])
    } else {
        format!("{}–{}", ordinal(interval[0]), ordinal(interval[1]))
    }
}

/// A difference of shares in percentage points with its sign: "+5.2", "−3.0", "0.0".
pub fn points(d: f64) -> String {
    let v = d * 100.0;
    if v.abs() < 0.05 {
        "0.0".to_string()
    } else if v > 0.0 {
        format!("+{v:.1}")
    } else {
        format!("−{:.1}", v.abs())
    }
}

/// "0.004", or "less than 0.001".
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "less than 0.001".to_string()
    } else {
        format!("{p:.3}")
    }
}

/// A count with thousands separators ("1,234").
pub fn count(n: usize) -> String {
    thousands(n)
}

/// A weighted quantity rounded to a whole number with separators ("1,234").
pub fn whole(x: f64) -> String {
    if x.is_finite() && x >= 0.0 {
        thousands(x.round() as usize)
    } else {
        format!("{x:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_whole_percentages_with_their_interval_in_words() {
        assert_eq!(percent_with_interval(0.62, 0.584, 0.6649), "62% (58% to 66%)");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.003), "less than 1%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.997), "more than 99%");
    }

    #[test]
    fn suppressed_shares_say_so_and_never_show_zero() {
        let p = Proportion {
            estimate: None,
            ci_low: None,
            ci_high: None,
            base: 4,
            suppressed: true,
            low_base: true,
            unweighted: None,
        };
        assert_eq!(proportion(&p, 10), "suppressed (fewer than 10 responses)");
    }

    #[test]
    fn ranks_are_ordinals_and_intervals_use_an_en_dash() {
        assert_eq!(rank_interval([1, 1]), "1st");
        assert_eq!(rank_interval([1, 3]), "1st–3rd");
        assert_eq!(rank_interval([2, 12]), "2nd–12th");
        assert_eq!(ordinal(21), "21st");
        assert_eq!(ordinal(13), "13th");
    }

    #[test]
    fn differences_are_signed_percentage_points() {
        assert_eq!(points(0.052), "+5.2");
        assert_eq!(points(-0.03), "−3.0");
        assert_eq!(points(0.0001), "0.0");
        assert_eq!(p_value(0.0004), "less than 0.001");
        assert_eq!(p_value(0.0412), "0.041");
        assert_eq!(whole(1234.4), "1,234");
    }
}
