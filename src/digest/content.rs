//! What a digest says, worked out from the results engine's report for the area: a plain model
//! with every figure already in words ([`crate::format`]), so that the HTML and the plain-text
//! versions (templates/email/) print exactly the same figures. Pure: no database, no mail.
//!
//! No comment or quote is ever in a digest; a figure below the consultation's suppression
//! threshold is said to be suppressed, never shown as 0.

use crate::format::{percent, percent_with_interval, points, rank_interval, suppressed_because};
use crate::results::report::ResultsReport;
use crate::results::representativeness::CategoryShares;

/// Concerns listed in a digest.
pub const TOP_CONCERNS: usize = 5;
/// A group is "missing" when its share of respondents is below this fraction of its share of
/// the adult population.
pub const UNDER_REPRESENTED: f64 = 0.8;

/// Responses per 1,000 adults, one decimal place ("2.4").
pub fn per_thousand(n: u64, adults: u64) -> String {
    if adults == 0 {
        return crate::format::NOT_AVAILABLE.to_string();
    }
    format!("{:.1}", n as f64 * 1000.0 / adults as f64)
}

/// The counts a digest compares: the area, its division and Scotland.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseCounts {
    pub area: (u64, u64),
    pub division: (u64, u64),
    pub scotland: (u64, u64),
}

/// One line of the "responses so far" table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLine {
    pub place: String,
    pub responses: String,
    pub per_thousand: String,
}

/// An under-represented group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGroup {
    pub group: String,
    pub of_responses: String,
    pub of_adults: String,
}

/// One of the area's top concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernLine {
    pub label: String,
    /// Share ranking it in their top N, with its 95% interval.
    pub share: String,
    /// "1st to 3rd".
    pub rank: String,
}

/// A significant change since the previous wave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    pub label: String,
    /// "+5.2 points" or "−3.0 points".
    pub change: String,
    pub direction: &'static str,
}

/// Everything one digest says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestContent {
    pub consultation_title: String,
    pub area_name: String,
    pub community_council: Option<String>,
    pub is_final: bool,
    /// "Closes on 31 March 2027: 117 days left." or "Closed on …".
    pub timing: String,
    pub rates: Vec<RateLine>,
    /// Responses from the community council's postcode districts, in words.
    pub districts: Option<String>,
    /// Why the area's figures are withheld, when they are.
    pub area_suppressed: Option<String>,
    pub missing: Vec<MissingGroup>,
    /// Why there is no "who is missing" list, when there is none.
    pub missing_note: Option<String>,
    pub top_n: usize,
    pub concerns: Vec<ConcernLine>,
    pub compared_with: Option<String>,
    pub changes: Vec<ChangeLine>,
    pub survey_url: String,
    pub results_url: Option<String>,
    pub unsubscribe_url: String,
    pub frequency: &'static str,
    pub threshold: u32,
}

/// What the digest is built from.
pub struct DigestInputs<'a> {
    pub consultation_title: &'a str,
    pub previous_title: Option<&'a str>,
    pub report: &'a ResultsReport,
    pub counts: &'a ResponseCounts,
    pub division_name: &'a str,
    pub community_council: Option<&'a str>,
    /// Postcode districts and the responses from them, if the subscription gave any.
    pub districts: Option<(Vec<String>, u64)>,
    pub timing: String,
    pub is_final: bool,
    pub survey_url: String,
    pub results_url: Option<String>,
    pub unsubscribe_url: String,
    pub frequency: &'static str,
    pub threshold: u32,
}

pub fn compose(inputs: DigestInputs<'_>) -> DigestContent {
    let report = inputs.report;
    let threshold = inputs.threshold;
    let area_name = report.area.name.clone();
    let counts = inputs.counts;
    // A count below the threshold (0 included: it may hide responses not yet released) is withheld,
    // and so is the rate made from it.
    let line = |place: String, (n, adults): (u64, u64)| {
        if n < u64::from(threshold) {
            RateLine {
                place,
                responses: format!("fewer than {threshold}"),
                per_thousand: crate::format::SUPPRESSED.to_string(),
            }
        } else {
            RateLine {
                place,
                responses: crate::format::count(usize::try_from(n).unwrap_or(usize::MAX)),
                per_thousand: per_thousand(n, adults),
            }
        }
    };
    let rates = vec![
        line(area_name.clone(), counts.area),
        line(format!("{} Division", inputs.division_name), counts.division),
        line("Scotland".into(), counts.scotland),
    ];
    let districts = inputs.districts.map(|(list, n)| {
        let names = list.join(", ");
        if n < u64::from(threshold) {
            format!("Responses from {names}: {}.", suppressed_because(threshold))
        } else {
            format!(
                "Responses from {names}: {}.",
                crate::format::count(usize::try_from(n).unwrap_or(0))
            )
        }
    });
    let area_suppressed = report.suppressed.then(|| {
        format!(
            "Fewer than {threshold} people in {area_name} have answered so far, so we do not show any figures for \
             the area yet: they could identify people."
        )
    });
    let (missing, missing_note) = who_is_missing(report);
    let concerns = if report.suppressed {
        Vec::new()
    } else {
        report
            .concerns
            .iter()
            .take(TOP_CONCERNS)
            .map(|c| ConcernLine {
                label: c.label.clone(),
                share: if c.suppressed {
                    suppressed_because(threshold)
                } else {
                    match (c.share_top_n.estimate, c.share_top_n.ci_low, c.share_top_n.ci_high) {
                        (Some(e), Some(lo), Some(hi)) => percent_with_interval(e, lo, hi),
                        (Some(e), ..) => percent(e),
                        _ => suppressed_because(threshold),
                    }
                },
                rank: c
                    .rank_interval
                    .map(rank_interval)
                    .unwrap_or_else(|| crate::format::NOT_AVAILABLE.to_string()),
            })
            .collect()
    };
    let (compared_with, changes) = changes(report, inputs.previous_title);
    DigestContent {
        consultation_title: inputs.consultation_title.to_string(),
        area_name,
        community_council: inputs.community_council.map(str::to_string),
        is_final: inputs.is_final,
        timing: inputs.timing,
        rates,
        districts,
        area_suppressed,
        missing,
        missing_note,
        top_n: report.ranking.top_n,
        concerns,
        compared_with,
        changes,
        survey_url: inputs.survey_url,
        results_url: inputs.results_url,
        unsubscribe_url: inputs.unsubscribe_url,
        frequency: inputs.frequency,
        threshold,
    }
}

/// The age bands and sexes whose share of respondents is furthest below their share of adults.
fn who_is_missing(report: &ResultsReport) -> (Vec<MissingGroup>, Option<String>) {
    let rep = &report.representativeness;
    if report.suppressed || rep.suppressed {
        return (
            Vec::new(),
            Some("We cannot yet say who is missing: there are too few responses from the area.".into()),
        );
    }
    let mut groups: Vec<(f64, &CategoryShares, &str)> = rep
        .age_band
        .categories
        .iter()
        .map(|c| (c, "Aged "))
        .chain(rep.sex.categories.iter().map(|c| (c, "")))
        .filter_map(|(c, prefix)| {
            let (Some(sample), Some(population)) = (c.sample_share, c.population_share) else {
                return None;
            };
            (!c.suppressed && population > 0.0 && sample / population < UNDER_REPRESENTED).then_some((
                sample / population,
                c,
                prefix,
            ))
        })
        .collect();
    groups.sort_by(|a, b| a.0.total_cmp(&b.0));
    let missing: Vec<MissingGroup> = groups
        .into_iter()
        .take(3)
        .map(|(_, c, prefix)| MissingGroup {
            group: format!("{prefix}{}", c.label),
            of_responses: c.sample_share.map(percent).unwrap_or_default(),
            of_adults: c.population_share.map(percent).unwrap_or_default(),
        })
        .collect();
    let note = missing
        .is_empty()
        .then(|| "Every age band and sex is answering in line with its share of adults in the area.".to_string());
    (missing, note)
}

/// The significant changes (BH-adjusted, as in the results) against the previous wave.
fn changes(report: &ResultsReport, previous_title: Option<&str>) -> (Option<String>, Vec<ChangeLine>) {
    let Some(comparison) = &report.comparison else {
        return (None, Vec::new());
    };
    let lines = comparison
        .concerns
        .iter()
        .filter(|c| c.difference.significant && !c.difference.suppressed)
        .filter_map(|c| {
            let d = c.difference.difference?;
            Some(ChangeLine {
                label: c.label.clone(),
                change: format!("{} points", points(d)),
                direction: if d > 0.0 { "more" } else { "fewer" },
            })
        })
        .collect();
    (
        Some(previous_title.unwrap_or(&comparison.consultation).to_string()),
        lines,
    )
}
