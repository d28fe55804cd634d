//! The comparison part of the results page: each difference with its 95% interval, z and
//! Benjamini–Hochberg adjusted p-value, and a verdict in words ("Significant change"), from the
//! report's `comparison` section.

use super::format::{p_value, percent, points, suppressed_text};
use crate::results::comparison::{ComparisonKind, ComparisonReport, Difference, SIGNIFICANCE};
use crate::results::report::ResultsReport;

/// Two-sided 95% normal quantile, for the interval of a difference from its standard error.
const Z_95: f64 = 1.959_963_984_540_054;

pub struct DifferenceRow {
    pub label: String,
    pub this: String,
    pub other: String,
    pub difference: String,
    pub z: String,
    pub p_adjusted: String,
    pub verdict: String,
    pub significant: bool,
}

/// One table of differences.
pub struct DifferenceTable {
    pub id: &'static str,
    pub caption: String,
    pub rows: Vec<DifferenceRow>,
}

pub struct ComparisonView {
    pub heading: String,
    pub intro: String,
    pub this_header: String,
    pub other_header: String,
    /// The headline shares, then the concerns.
    pub tables: Vec<DifferenceTable>,
    pub summary: String,
    pub not_comparable: Vec<String>,
    pub method: &'static str,
}

fn row(label: &str, d: &Difference, threshold: u32, words: (&str, &str)) -> DifferenceRow {
    let shown = |p: Option<f64>| p.map_or_else(|| suppressed_text(threshold), percent);
    if d.suppressed {
        return DifferenceRow {
            label: label.to_string(),
            this: shown(d.this),
            other: shown(d.other),
            difference: format!("not compared: {} on one side", suppressed_text(threshold)),
            z: "not compared".into(),
            p_adjusted: "not compared".into(),
            verdict: "Not compared".into(),
            significant: false,
        };
    }
    let difference = match (d.difference, d.standard_error) {
        (Some(diff), Some(se)) => {
            format!(
                "{} points ({} to {})",
                points(diff),
                points(diff - Z_95 * se),
                points(diff + Z_95 * se)
            )
        }
        (Some(diff), None) => format!("{} points (no interval: no variation)", points(diff)),
        _ => "no answers on one side".to_string(),
    };
    DifferenceRow {
        label: label.to_string(),
        this: d.this.map_or_else(|| "no answers".into(), percent),
        other: d.other.map_or_else(|| "no answers".into(), percent),
        difference,
        z: d.z.map_or_else(|| "not available".into(), |z| format!("{z:.2}")),
        p_adjusted: d.p_adjusted.map_or_else(|| "not available".into(), p_value),
        verdict: if d.significant {
            words.0.to_string()
        } else {
            words.1.to_string()
        },
        significant: d.significant,
    }
}

/// The view of `comparison`; `this_title` and `other_title` are the consultations' titles.
pub fn comparison_view(
    report: &ResultsReport,
    comparison: &ComparisonReport,
    this_title: &str,
    other_title: &str,
) -> ComparisonView {
    let threshold = report.disclosure.suppression_threshold;
    let (heading, intro, this_header, other_header, words) = match comparison.kind {
        ComparisonKind::Waves => (
            format!("Compared with {other_title}"),
            format!(
                "{} in this consultation against {} in {other_title} ({} responses). A positive difference means a \
                 higher share now.",
                report.area.name, comparison.area.name, comparison.n
            ),
            this_title.to_string(),
            other_title.to_string(),
            ("Significant change", "No significant change"),
        ),
        ComparisonKind::AreaVsRestOfDivision => (
            format!("Compared with the rest of the division: {}", comparison.area.name),
            format!(
                "{} against {} ({} responses). The rest of the division leaves {} out, so the two groups of \
                 respondents are independent. A positive difference means a higher share in {}.",
                report.area.name, comparison.area.name, comparison.n, report.area.name, report.area.name
            ),
            report.area.name.clone(),
            "Rest of division".to_string(),
            ("Significant difference", "No significant difference"),
        ),
    };
    let headline = vec![
        row("Feel fairly or very safe", &comparison.feel_safe, threshold, words),
        row(
            "Fairly or very confident in the local police",
            &comparison.confidence,
            threshold,
            words,
        ),
    ];
    // In the order of this report's ranking.
    let position = |id: &str| {
        report
            .concerns
            .iter()
            .position(|c| c.concern_id == id)
            .unwrap_or(usize::MAX)
    };
    let mut ordered: Vec<_> = comparison.concerns.iter().collect();
    ordered.sort_by_key(|c| position(&c.concern_id));
    let concerns: Vec<DifferenceRow> = ordered
        .iter()
        .map(|c| row(&c.label, &c.difference, threshold, words))
        .collect();
    let flagged: Vec<&str> = concerns
        .iter()
        .filter(|r| r.significant)
        .map(|r| r.label.as_str())
        .collect();
    let summary = if flagged.is_empty() {
        format!(
            "No concern shows a {} (adjusted p-value below {SIGNIFICANCE}).",
            words.0.to_lowercase()
        )
    } else {
        format!(
            "{} of {} concerns show a {} (adjusted p-value below {SIGNIFICANCE}): {}.",
            flagged.len(),
            concerns.len(),
            words.0.to_lowercase(),
            flagged.join(", ")
        )
    };
    let not_comparable = comparison
        .not_comparable
        .iter()
        .map(|c| {
            let place = if c.only_in == report.consultation {
                "this consultation"
            } else {
                other_title
            };
            format!("{} (only in {place})", c.label)
        })
        .collect();
    ComparisonView {
        heading,
        intro,
        this_header,
        other_header,
        tables: vec![
            DifferenceTable {
                id: "compare-headline",
                caption: "Headline figures compared".into(),
                rows: headline,
            },
            DifferenceTable {
                id: "compare-concerns",
                caption: format!(
                    "Concerns compared: share ranking each in their top {}",
                    report.ranking.top_n
                ),
                rows: concerns,
            },
        ],
        summary,
        not_comparable,
        method: crate::results::comparison::COMPARISON_METHOD,
    }
}
