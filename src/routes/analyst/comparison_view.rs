//! The comparison part of the results page: each difference with its 95% interval, z and
//! Benjamini–Hochberg adjusted p-value, and a verdict in words ("Significant change"), from the
//! report's `comparison` section.

use crate::format::{
    count, fixed, p_value, percent, points, points_with_interval, suppressed_because, NOT_AVAILABLE, NO_ANSWERS,
};
use crate::results::comparison::{ComparisonKind, ComparisonReport, Difference, NotComparable, SIGNIFICANCE};
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
    let shown = |p: Option<f64>| p.map_or_else(|| suppressed_because(threshold), percent);
    if d.suppressed {
        return DifferenceRow {
            label: label.to_string(),
            this: shown(d.this),
            other: shown(d.other),
            difference: format!("not compared: {} on one side", suppressed_because(threshold)),
            z: "not compared".into(),
            p_adjusted: "not compared".into(),
            verdict: "Not compared".into(),
            significant: false,
        };
    }
    let difference = match (d.difference, d.standard_error) {
        (Some(diff), Some(se)) => points_with_interval(diff, diff - Z_95 * se, diff + Z_95 * se),
        (Some(diff), None) => format!("{} points (no interval: no variation)", points(diff)),
        _ => "no answers on one side".to_string(),
    };
    DifferenceRow {
        label: label.to_string(),
        this: d.this.map_or_else(|| NO_ANSWERS.into(), percent),
        other: d.other.map_or_else(|| NO_ANSWERS.into(), percent),
        difference,
        z: d.z.map_or_else(|| NOT_AVAILABLE.into(), |z| fixed(z, 2)),
        p_adjusted: d.p_adjusted.map_or_else(|| NOT_AVAILABLE.into(), p_value),
        verdict: if d.significant {
            words.0.to_string()
        } else {
            words.1.to_string()
        },
        significant: d.significant,
    }
}

/// What the comparison is called, and the words for its verdicts.
struct Framing {
    heading: String,
    intro: String,
    this_header: String,
    other_header: String,
    /// The verdict for a significant difference, and for one that is not.
    verdicts: (&'static str, &'static str),
}

fn framing(report: &ResultsReport, comparison: &ComparisonReport, this_title: &str, other_title: &str) -> Framing {
    let (this, other) = (&report.area.name, &comparison.area.name);
    match comparison.kind {
        ComparisonKind::Waves => Framing {
            heading: format!("Compared with {other_title}"),
            intro: format!(
                "{this} in this consultation against {other} in {other_title} ({} responses). A positive difference \
                 means a higher share now.",
                count(comparison.n)
            ),
            this_header: this_title.to_string(),
            other_header: other_title.to_string(),
            verdicts: ("Significant change", "No significant change"),
        },
        ComparisonKind::AreaVsRestOfDivision => Framing {
            heading: format!("Compared with the rest of the division: {other}"),
            intro: format!(
                "{this} against {other} ({} responses). The rest of the division leaves {this} out, so the two \
                 groups of respondents are independent. A positive difference means a higher share in {this}.",
                count(comparison.n)
            ),
            this_header: this.clone(),
            other_header: "Rest of division".to_string(),
            verdicts: ("Significant difference", "No significant difference"),
        },
    }
}

/// The concerns' rows, in the order of this report's ranking.
fn concern_rows(
    report: &ResultsReport,
    comparison: &ComparisonReport,
    threshold: u32,
    verdicts: (&str, &str),
) -> Vec<DifferenceRow> {
    let position = |id: &str| {
        report
            .concerns
            .iter()
            .position(|c| c.concern_id == id)
            .unwrap_or(usize::MAX)
    };
    let mut ordered: Vec<_> = comparison.concerns.iter().collect();
    ordered.sort_by_key(|c| position(&c.concern_id));
    ordered
        .iter()
        .map(|c| row(&c.label, &c.difference, threshold, verdicts))
        .collect()
}

/// "2 of 5 concerns show a significant change (…): Speeding, Vandalism."
fn summary(concerns: &[DifferenceRow], significant: &str) -> String {
    let flagged: Vec<&str> = concerns
        .iter()
        .filter(|r| r.significant)
        .map(|r| r.label.as_str())
        .collect();
    let significant = significant.to_lowercase();
    if flagged.is_empty() {
        format!("No concern shows a {significant} (adjusted p-value below {SIGNIFICANCE}).")
    } else {
        format!(
            "{} of {} concerns show a {significant} (adjusted p-value below {SIGNIFICANCE}): {}.",
            flagged.len(),
            concerns.len(),
            flagged.join(", ")
        )
    }
}

/// "Terrorism (only in this consultation)".
fn not_comparable(report: &ResultsReport, concerns: &[NotComparable], other_title: &str) -> Vec<String> {
    concerns
        .iter()
        .map(|c| {
            let place = if c.only_in == report.consultation {
                "this consultation"
            } else {
                other_title
            };
            format!("{} (only in {place})", c.label)
        })
        .collect()
}

/// The view of `comparison`; `this_title` and `other_title` are the consultations' titles.
pub fn comparison_view(
    report: &ResultsReport,
    comparison: &ComparisonReport,
    this_title: &str,
    other_title: &str,
) -> ComparisonView {
    let threshold = report.disclosure.suppression_threshold;
    let framing = framing(report, comparison, this_title, other_title);
    let verdicts = framing.verdicts;
    let headline = vec![
        row("Feel fairly or very safe", &comparison.feel_safe, threshold, verdicts),
        row(
            "Fairly or very confident in the local police",
            &comparison.confidence,
            threshold,
            verdicts,
        ),
    ];
    let concerns = concern_rows(report, comparison, threshold, verdicts);
    ComparisonView {
        heading: framing.heading,
        intro: framing.intro,
        this_header: framing.this_header,
        other_header: framing.other_header,
        summary: summary(&concerns, verdicts.0),
        not_comparable: not_comparable(report, &comparison.not_comparable, other_title),
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
        method: crate::results::comparison::COMPARISON_METHOD,
    }
}
