//! Section 1: Headline: responses (and per 1,000 adult residents), effective sample size, the shares
//! feeling safe and confident with their intervals, and their change since the previous wave.

use super::model::{ChangeRow, Headline, Share};
use crate::format::{count, fixed, percent, percent_interval, points};
use crate::results::comparison::Difference;
use crate::results::ResultsReport;

/// A compared headline share as a row.
pub fn change_row(measure: &str, d: &Difference) -> ChangeRow {
    ChangeRow {
        measure: measure.to_string(),
        this: d.this,
        other: d.other,
        difference: d.difference,
        p_adjusted: d.p_adjusted,
        significant: d.significant,
        suppressed: d.suppressed,
    }
}

/// Responses per 1,000 adults (16+); `None` when the population is 0.
pub fn per_thousand(responses: usize, adults: u64) -> Option<f64> {
    (adults > 0).then(|| responses as f64 * 1000.0 / adults as f64)
}

pub fn build_headline(report: &ResultsReport, place_name: &str, previous_title: Option<&str>) -> Headline {
    let adults = report.representativeness.adult_population;
    let wave = report.comparison.as_ref();
    let feel_safe_change = wave.map(|c| change_row("Feel safe", &c.feel_safe));
    let confidence_change = wave.map(|c| change_row("Confident in the local police", &c.confidence));
    let per_1000 = per_thousand(report.n, adults);
    let mut summary = format!(
        "{} residents of {place_name} responded{}.",
        count(report.n),
        per_1000
            .map(|r| format!(" ({} per 1,000 adults aged 16 and over)", fixed(r, 1)))
            .unwrap_or_default()
    );
    if report.suppressed {
        summary.push_str(&format!(
            " That is fewer than {} responses, so every figure for {place_name} is suppressed.",
            report.disclosure.suppression_threshold
        ));
    } else {
        let share = |label: &str, s: &Share| match (s.estimate, s.ci_low, s.ci_high) {
            (Some(e), Some(lo), Some(hi)) => format!(" {} {label} ({}).", percent(e), percent_interval(lo, hi)),
            _ => String::new(),
        };
        summary.push_str(&share("feel safe in their area", &Share::of(&report.feel_safe)));
        summary.push_str(&share(
            "are confident in their local police",
            &Share::of(&report.confidence),
        ));
        for change in [&feel_safe_change, &confidence_change].into_iter().flatten() {
            if let (true, Some(d), Some(title)) = (change.significant, change.difference, previous_title) {
                summary.push_str(&format!(
                    " \u{201c}{}\u{201d} changed significantly since {title}: {} percentage points.",
                    change.measure,
                    points(d)
                ));
            }
        }
    }
    Headline {
        responses: report.n,
        adult_population: adults,
        responses_per_1000_adults: per_1000,
        effective_sample_size: report.n_effective,
        design_effect: report.design_effect,
        suppressed: report.suppressed,
        low_base: report.low_base,
        feel_safe: Share::of(&report.feel_safe),
        confidence: Share::of(&report.confidence),
        feel_safe_change,
        confidence_change,
        summary,
    }
}
