//! Section 6: Representativeness: respondents against adult residents by age band, sex and (for a division)
//! council area; the design effect; what the weighting did; and which groups are under-represented
//! (share of respondents below [`UNDER_REPRESENTED_RATIO`] of their share of adults), the "seldom
//! heard" groups the plans promise to reach.

use super::model::{CategoryRow, SampleSection, UNDER_REPRESENTED_RATIO};
use crate::format::{count, fixed, percent, whole};
use crate::results::representativeness::MarginShares;
use crate::results::ResultsReport;

fn under(sample: Option<f64>, population: Option<f64>) -> bool {
    matches!((sample, population), (Some(s), Some(p)) if p > 0.0 && s < UNDER_REPRESENTED_RATIO * p)
}

fn rows(margin: &MarginShares) -> Vec<CategoryRow> {
    margin
        .categories
        .iter()
        .map(|c| CategoryRow {
            label: c.label.to_string(),
            count: c.count,
            sample_share: c.sample_share,
            weighted_share: c.weighted_share,
            population_share: c.population_share,
            under_represented: under(c.sample_share, c.population_share),
        })
        .collect()
}

/// Respondents per council area against adults per council area, for a division.
pub fn council_area_rows(division: &ResultsReport, areas: &[&ResultsReport]) -> Vec<CategoryRow> {
    let n: usize = areas.iter().map(|a| a.n).sum();
    let adults: u64 = areas.iter().map(|a| a.representativeness.adult_population).sum();
    let hidden = division.suppressed;
    areas
        .iter()
        .map(|a| {
            let sample_share = (!hidden && n > 0).then(|| a.n as f64 / n as f64);
            let population_share = (adults > 0).then(|| a.representativeness.adult_population as f64 / adults as f64);
            // Each area's weights sum to its adults, so weighting restores the population shares
            // (areas with no responses cannot be restored: their weighted share is 0).
            let weighted_share =
                (!hidden && n > 0).then(|| if a.n > 0 { population_share.unwrap_or(0.0) } else { 0.0 });
            CategoryRow {
                label: a.area.name.clone(),
                count: (!hidden).then_some(a.n),
                sample_share,
                weighted_share,
                population_share,
                under_represented: under(sample_share, population_share),
            }
        })
        .collect()
}

fn weighting_sentences(report: &ResultsReport) -> Vec<String> {
    if report.suppressed {
        return vec!["Not shown: too few responses.".to_string()];
    }
    let mut out: Vec<String> = report
        .weighting
        .areas
        .iter()
        .map(|a| {
            let mean = if a.n > 0 { a.adult_population / a.n as f64 } else { 0.0 };
            let spread = if mean > 0.0 {
                format!(
                    "; each respondent stands for between {} and {} times the average ({} adults)",
                    fixed(a.min_weight / mean, 2),
                    fixed(a.max_weight / mean, 2),
                    whole(mean)
                )
            } else {
                String::new()
            };
            let merged: Vec<&str> = a.margins.iter().flat_map(|m| m.collapsed.iter().copied()).collect();
            let merged = if merged.is_empty() {
                String::new()
            } else {
                format!("; bands merged with a neighbour for having too few respondents: {}", merged.join(", "))
            };
            let converged = if a.converged { "met every margin" } else { "did NOT meet every margin" };
            format!(
                "{}: {} respondents raked to {} adults by age band and sex in {} iterations ({converged}){spread}{merged}.",
                a.name,
                count(a.n),
                whole(a.adult_population),
                a.iterations
            )
        })
        .collect();
    for missing in &report.weighting.areas_without_responses {
        out.push(format!(
            "{}: no responses, so its residents cannot be represented.",
            missing.name
        ));
    }
    out
}

pub fn build_sample(report: &ResultsReport, council_areas: Vec<CategoryRow>) -> SampleSection {
    let r = &report.representativeness;
    let age_band = rows(&r.age_band);
    let sex = rows(&r.sex);
    let sex_word = |label: &str| match label {
        "Male" => "Men".to_string(),
        "Female" => "Women".to_string(),
        other => other.to_string(),
    };
    let named = age_band
        .iter()
        .map(|c| (format!("People aged {}", c.label), c))
        .chain(sex.iter().map(|c| (sex_word(&c.label), c)))
        .chain(
            council_areas
                .iter()
                .map(|c| (format!("People living in {}", c.label), c)),
        );
    let under_represented = named
        .filter(|(_, c)| c.under_represented)
        .filter_map(|(name, c)| {
            Some(format!(
                "{name}: {} of respondents against {} of adults",
                percent(c.sample_share?),
                percent(c.population_share?)
            ))
        })
        .collect();
    SampleSection {
        suppressed: report.suppressed,
        age_band,
        sex,
        council_areas,
        age_not_given: r.age_band.not_given,
        sex_not_given: r.sex.not_given,
        design_effect: report.design_effect,
        effective_sample_size: report.n_effective,
        under_represented,
        weighting: weighting_sentences(report),
    }
}
