//! The results page's view model, made from a `ResultsReport`: the headline figures, notices about
//! low bases and suppression in words, the ranked concerns (table and chart), who responded, the
//! comparison, and the download links.

use super::chart::concerns_chart;
use super::comparison_view::{comparison_view, ComparisonView};
use super::format::proportion;
use super::sample_view::{sample_view, SampleView};
use crate::chart::BarChart;
use crate::format::{count, fixed, percent, rank_interval, suppressed_because, whole};
use crate::results::report::{ConcernResult, ResultsReport};
use crate::results::selection::AreaType;
use askama::Template;

/// A row of the headline summary list.
pub struct SummaryRow {
    pub key: String,
    pub value: String,
}

/// One concern in the ranked table.
pub struct ConcernRow {
    pub rank: String,
    pub label: String,
    pub share_top_n: String,
    pub share_first: String,
    pub borda_mean: String,
    pub pl_worth: String,
    pub rank_interval: String,
    pub p_rank_first: String,
}

/// Where the page links to.
pub struct Links {
    pub csv: String,
    pub json: String,
    pub change: String,
    /// Possible duplicates and bursts in the same selection.
    pub screening: String,
}

/// What the page needs besides the report.
pub struct PageContext<'a> {
    pub consultation_title: &'a str,
    /// Title of the consultation compared with (for a comparison between waves).
    pub other_title: Option<&'a str>,
    pub links: Links,
}

#[derive(Template)]
#[template(path = "analyst/results.html")]
pub struct ResultsPage {
    pub title: String,
    pub easy_read: bool,
    pub consultation_title: String,
    pub area_name: String,
    pub area_kind: String,
    pub headline: Vec<SummaryRow>,
    pub notices: Vec<String>,
    pub top_n: usize,
    pub suppressed_text: String,
    pub concerns: Vec<ConcernRow>,
    pub ranking_notes: Vec<String>,
    pub chart: Option<BarChart>,
    pub sample: SampleView,
    pub comparison: Option<ComparisonView>,
    pub links: Links,
}

fn area_kind(kind: AreaType) -> &'static str {
    match kind {
        AreaType::CouncilArea => "Council area",
        AreaType::Division => "Police division",
        AreaType::Scotland => "All covered council areas",
        AreaType::RestOfDivision => "Rest of police division",
    }
}

fn headline(report: &ResultsReport) -> Vec<SummaryRow> {
    let threshold = report.disclosure.suppression_threshold;
    let hidden = || suppressed_because(threshold);
    let answered = |p: &crate::results::report::Proportion| {
        let figure = proportion(p, threshold);
        if p.suppressed || p.estimate.is_none() {
            figure
        } else {
            format!("{figure}, of {} who answered", count(p.base))
        }
    };
    let mut rows = vec![
        SummaryRow {
            key: "Responses".into(),
            value: count(report.n),
        },
        SummaryRow {
            key: "Effective sample size".into(),
            value: report.n_effective.map_or_else(hidden, whole),
        },
        SummaryRow {
            key: "Design effect".into(),
            value: report.design_effect.map_or_else(hidden, |d| fixed(d, 2)),
        },
        SummaryRow {
            key: "Feel fairly or very safe".into(),
            value: answered(&report.feel_safe),
        },
        SummaryRow {
            key: "Fairly or very confident in the local police".into(),
            value: answered(&report.confidence),
        },
    ];
    if let Some(refused) = &report.refused_as_automated {
        rows.push(SummaryRow {
            key: "Responses refused as automated".into(),
            value: refused_text(refused),
        });
    }
    rows
}

/// "3 (hidden field filled in: 1; sent too fast: 2), not counted in these results".
fn refused_text(refused: &crate::results::refusals::RefusedAsAutomated) -> String {
    if refused.total == 0 {
        return "None".into();
    }
    format!(
        "{} (hidden field filled in: {}; sent too soon after the form was opened: {}), not counted in these results",
        count(usize::try_from(refused.total).unwrap_or(usize::MAX)),
        count(usize::try_from(refused.honeypot).unwrap_or(usize::MAX)),
        count(usize::try_from(refused.too_fast).unwrap_or(usize::MAX)),
    )
}

fn notices(report: &ResultsReport) -> Vec<String> {
    let d = &report.disclosure;
    let area = &report.area.name;
    let mut out = Vec::new();
    if report.suppressed {
        out.push(format!(
            "Only {} people responded for {area}: fewer than {}. To protect their anonymity every figure is \
             suppressed, including the counts by age and sex.",
            report.n, d.suppression_threshold
        ));
    } else if report.low_base {
        out.push(format!(
            "Low base: {} people responded for {area}, fewer than {}. The figures are shown with their intervals, \
             which are wide; treat them with caution.",
            report.n, d.low_base_threshold
        ));
    }
    for (name, p) in [
        ("feeling safe", &report.feel_safe),
        ("confidence in the police", &report.confidence),
    ] {
        if p.suppressed && !report.suppressed {
            out.push(format!(
                "The question on {name} was answered by {} people, fewer than {}, so its figure is suppressed.",
                p.base, d.suppression_threshold
            ));
        } else if p.low_base && !report.low_base && !p.suppressed {
            out.push(format!(
                "Low base: the question on {name} was answered by {} people, fewer than {}.",
                p.base, d.low_base_threshold
            ));
        }
    }
    if !report.weighting.converged && !report.suppressed {
        out.push("The weighting did not converge in every council area: see “Who responded”.".into());
    }
    out
}

fn concern_row(rank: usize, c: &ConcernResult, threshold: u32) -> ConcernRow {
    let hidden = suppressed_because(threshold);
    let or_hidden = |v: Option<String>, missing: &str| match v {
        Some(v) => v,
        None if c.suppressed => hidden.clone(),
        None => missing.to_string(),
    };
    ConcernRow {
        rank: if c.suppressed { hidden.clone() } else { rank.to_string() },
        label: c.label.clone(),
        share_top_n: proportion(&c.share_top_n, threshold),
        share_first: proportion(&c.share_first, threshold),
        borda_mean: or_hidden(c.borda_mean.map(|b| fixed(b, 2)), "not available"),
        pl_worth: or_hidden(c.pl_worth.map(|w| fixed(w, 3)), "not estimated"),
        rank_interval: or_hidden(c.rank_interval.map(rank_interval), "not available"),
        p_rank_first: or_hidden(c.p_rank_first.map(percent), "not available"),
    }
}

fn ranking_notes(report: &ResultsReport) -> Vec<String> {
    if report.suppressed {
        return Vec::new();
    }
    let mut out = vec![match report.ranking.plackett_luce.as_ref().filter(|p| p.identified) {
        Some(_) => "Concerns are ranked by their Plackett–Luce worth: the modelled chance that each is a \
                    resident's first choice (the worths add up to 1)."
            .to_string(),
        None => format!(
            "Concerns are ranked by the share putting them in their top {}: the Plackett–Luce model could not be \
             fitted because some concerns were never ranked below the others.",
            report.ranking.top_n
        ),
    }];
    out.push(format!(
        "Borda mean: the weighted average of {n} points for a first choice down to 1 for choice number {n}, \
         and 0 when not ranked.",
        n = report.ranking.top_n
    ));
    out.push(match &report.ranking.bootstrap {
        Some(b) => format!(
            "Rank interval and chance of ranking first: from {} bootstrap resamples of the respondents, each \
             re-weighted (seed {}). The rank interval holds the middle 95% of the ranks.",
            count(b.replicates_used),
            b.seed
        ),
        None => "Rank intervals were not computed for this request.".to_string(),
    });
    out
}

/// Builds the results page for `report`.
pub fn results_page(report: &ResultsReport, context: PageContext<'_>) -> ResultsPage {
    let threshold = report.disclosure.suppression_threshold;
    let area_name = report.area.name.clone();
    let top_n = report.ranking.top_n;
    let concerns = report
        .concerns
        .iter()
        .enumerate()
        .map(|(i, c)| concern_row(i + 1, c, threshold))
        .collect();
    let chart = (!report.suppressed).then(|| concerns_chart(&report.concerns, top_n, threshold, &area_name));
    let comparison = report.comparison.as_ref().map(|c| {
        comparison_view(
            report,
            c,
            context.consultation_title,
            context.other_title.unwrap_or(&c.consultation),
        )
    });
    let title = match &comparison {
        Some(c) => format!(
            "{}: results for {area_name}, {}",
            context.consultation_title,
            lowercase_first(&c.heading)
        ),
        None => format!("{}: results for {area_name}", context.consultation_title),
    };
    ResultsPage {
        title,
        easy_read: false,
        consultation_title: context.consultation_title.to_string(),
        area_name,
        area_kind: area_kind(report.area.kind).to_string(),
        headline: headline(report),
        notices: notices(report),
        top_n,
        suppressed_text: suppressed_because(threshold),
        concerns,
        ranking_notes: ranking_notes(report),
        chart,
        sample: sample_view(report),
        comparison,
        links: context.links,
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
