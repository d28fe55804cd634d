//! Section 6: Representativeness: respondents against adult residents by age band, sex and (for a division)
//! council area; the design effect; what the weighting did; and which groups are under-represented
//! (share of respondents below [`UNDER_REPRESENTED_RATIO`] of their share of adults), the "seldom
//! heard" groups the plans promise to reach. Small cells come withheld from the results'
//! disclosure control; a group whose share of respondents is withheld is listed as suppressed,
//! never judged.

use super::model::{CategoryRow, SampleSection, UNDER_REPRESENTED_RATIO};
use crate::format::{count, fixed, percent, whole};
use crate::results::representativeness::MarginShares;
use crate::results::weighting::AreaWeightingReport;
use crate::results::ResultsReport;

/// Whether the share of respondents is under the ratio of the share of adults; `None` when either
/// share is not shown.
fn under(sample: Option<f64>, population: Option<f64>) -> Option<bool> {
    match (sample, population) {
        (Some(s), Some(p)) => Some(p > 0.0 && s < UNDER_REPRESENTED_RATIO * p),
        _ => None,
    }
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
            suppressed: c.suppressed,
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
                suppressed: hidden,
            }
        })
        .collect()
}

/// How an area's weights came out: their spread, the largest share one respondent carries, and
/// what trimming did; or that they are withheld.
fn weights_of(a: &AreaWeightingReport, limit: f64) -> String {
    let over = if a.over_share_limit {
        format!(
            "; WARNING: one respondent carries more than {} of the area's weight, so its figures lean heavily on \
             a few people",
            percent(limit)
        )
    } else {
        String::new()
    };
    let trimmed = match &a.trimming {
        Some(t) if !t.margins_met => {
            "; extreme weights were trimmed, and the population totals could not all be met within the bounds"
        }
        Some(t) if t.rounds > 0 => "; extreme weights were trimmed",
        _ => "",
    };
    let mean = if a.n > 0 { a.adult_population / a.n as f64 } else { 0.0 };
    match (a.min_weight, a.max_weight, a.largest_weight_share) {
        (Some(low), Some(high), Some(share)) if mean > 0.0 => format!(
            "; each respondent stands for between {} and {} times the average ({} adults), the largest weight {} \
             times the smallest, and no respondent carries more than {} of the area's weight{trimmed}{over}",
            fixed(low / mean, 2),
            fixed(high / mean, 2),
            whole(mean),
            a.weight_ratio.map_or_else(|| "many".to_string(), |r| fixed(r, 1)),
            percent(share)
        ),
        _ if a.suppressed => format!("; its weights are not shown, as it has too few respondents{over}"),
        _ => format!("{trimmed}{over}"),
    }
}

fn weighting_sentences(report: &ResultsReport) -> Vec<String> {
    if report.suppressed {
        return vec!["Not shown: too few responses.".to_string()];
    }
    let limit = report.weighting.largest_share_limit;
    let mut out: Vec<String> = report
        .weighting
        .areas
        .iter()
        .map(|a| {
            let merged: Vec<&str> = a.margins.iter().flat_map(|m| m.collapsed.iter().copied()).collect();
            let merged = if merged.is_empty() {
                String::new()
            } else {
                format!(
                    "; bands merged with a neighbour for having too few respondents: {}",
                    merged.join(", ")
                )
            };
            let converged = if a.converged {
                "met every margin"
            } else {
                "did NOT meet every margin"
            };
            format!(
                "{}: {} respondents raked to {} adults by age band and sex in {} iterations ({converged}){}{merged}.",
                a.name,
                count(a.n),
                whole(a.adult_population),
                a.iterations,
                weights_of(a, limit)
            )
        })
        .collect();
    for missing in &report.weighting.areas_without_responses {
        out.push(format!(
            "{}: no responses, so its residents cannot be represented.",
            missing.name
        ));
    }
    out.push(match &report.weighting.trimming {
        Some(t) => format!(
            "Weights were trimmed to between {} and {} times each council area's mean weight and re-raked (see Method).",
            t.lower_ratio, t.upper_ratio
        ),
        None => "Weights were not trimmed.".to_string(),
    });
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
    let (shown, withheld): (Vec<_>, Vec<_>) = named.partition(|(_, c)| c.under_represented.is_some());
    let under_represented = shown
        .into_iter()
        .filter(|(_, c)| c.under_represented == Some(true))
        .filter_map(|(name, c)| {
            Some(format!(
                "{name}: {} of respondents against {} of adults",
                percent(c.sample_share?),
                percent(c.population_share?)
            ))
        })
        .collect();
    let suppressed_groups = withheld
        .into_iter()
        .filter(|(_, c)| c.suppressed)
        .map(|(name, _)| name)
        .collect();
    SampleSection {
        suppressed: report.suppressed,
        age_band,
        sex,
        council_areas,
        age_not_given: r.age_band.not_given,
        age_not_given_suppressed: r.age_band.not_given_suppressed,
        sex_not_given: r.sex.not_given,
        sex_not_given_suppressed: r.sex.not_given_suppressed,
        design_effect: report.design_effect,
        effective_sample_size: report.n_effective,
        under_represented,
        suppressed_groups,
        weighting: weighting_sentences(report),
    }
}
