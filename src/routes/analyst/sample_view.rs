//! The "Who responded" part of the results page: sample against population by age band and by sex
//! (from the report's `representativeness`), and what the weighting did, in words and per council
//! area (from its `weighting`).

use crate::format::{count, percent, suppressed_because, whole, NOT_AVAILABLE, NO_ANSWERS};
use crate::results::report::ResultsReport;
use crate::results::representativeness::MarginShares;
use crate::results::weighting::{AreaWeightingReport, Variable};

/// One age band or sex.
pub struct SampleRow {
    pub label: String,
    pub count: String,
    pub sample: String,
    pub weighted: String,
    pub population: String,
}

/// The table for one margin.
pub struct SampleTable {
    pub id: &'static str,
    pub caption: String,
    pub first_header: &'static str,
    pub rows: Vec<SampleRow>,
    /// "Not given or preferred not to say" count (or the suppressed text).
    pub not_given: String,
}

/// One council area's weighting, for the per-area table.
pub struct AreaWeightingRow {
    pub name: String,
    pub n: String,
    pub iterations: String,
    pub converged: String,
    pub merged: String,
    pub weights: String,
}

pub struct SampleView {
    pub suppressed: bool,
    pub tables: Vec<SampleTable>,
    pub population_note: String,
    /// What the weighting did, sentence by sentence.
    pub weighting: Vec<String>,
    pub areas: Vec<AreaWeightingRow>,
}

fn share(p: Option<f64>, hidden: &str) -> String {
    p.map_or_else(|| hidden.to_string(), percent)
}

fn table(
    id: &'static str,
    caption: String,
    first_header: &'static str,
    m: &MarginShares,
    threshold: u32,
) -> SampleTable {
    let hidden = suppressed_because(threshold);
    let rows = m
        .categories
        .iter()
        .map(|c| SampleRow {
            label: c.label.to_string(),
            count: c.count.map_or_else(|| hidden.clone(), count),
            sample: share(c.sample_share, if c.count.is_some() { NO_ANSWERS } else { &hidden }),
            weighted: share(c.weighted_share, if c.count.is_some() { NO_ANSWERS } else { &hidden }),
            population: share(c.population_share, NOT_AVAILABLE),
        })
        .collect();
    SampleTable {
        id,
        caption,
        first_header,
        rows,
        not_given: m.not_given.map_or(hidden, count),
    }
}

/// "65-74 and 75+" style description of the raking groups that merged several bands.
fn merged_groups(area: &AreaWeightingReport) -> Vec<String> {
    let mut out = Vec::new();
    for margin in &area.margins {
        let what = match margin.variable {
            Variable::AgeBand => "age",
            Variable::Sex => "sex",
            Variable::Total => continue,
        };
        if !margin.used {
            out.push(format!("{what} not used (nobody gave it)"));
            continue;
        }
        for group in margin.groups.iter().filter(|g| g.len() > 1) {
            out.push(format!("{} weighted together", group.join(", ")));
        }
    }
    out
}

fn weighting_sentences(report: &ResultsReport) -> Vec<String> {
    let w = &report.weighting;
    let mut out = vec![format!(
        "Each council area's respondents were weighted (raked) to that area's adults aged 16 and over by age band \
         and by sex, using National Records of Scotland mid-year population estimates for {}.",
        w.population.year
    )];
    let areas = &w.areas;
    if let (Some(least), Some(most)) = (
        areas.iter().map(|a| a.iterations).min(),
        areas.iter().map(|a| a.iterations).max(),
    ) {
        let iterations = if least == most {
            format!("{least}")
        } else {
            format!("{least} to {most}")
        };
        let failed: Vec<&str> = areas.iter().filter(|a| !a.converged).map(|a| a.name.as_str()).collect();
        out.push(if failed.is_empty() && areas.len() == 1 {
            format!(
                "The weighting converged after {iterations} iterations: every population total is met to within {:e} \
                 of its size.",
                w.tolerance
            )
        } else if failed.is_empty() {
            format!(
                "The weighting converged in all {} council areas with responses, after {iterations} iterations.",
                areas.len()
            )
        } else {
            format!(
                "Warning: the weighting did not converge within {} iterations in {}. Its figures match the \
                 population less closely than intended.",
                w.max_iterations,
                failed.join(", ")
            )
        });
        let merged = areas.iter().filter(|a| !merged_groups(a).is_empty()).count();
        out.push(if merged == 0 {
            format!(
                "No age bands or sexes were merged: each had at least {} respondents in every council area.",
                w.minimum_cell
            )
        } else {
            format!(
                "In {merged} of {} council areas some age bands (or the sexes) had fewer than {} respondents and were \
                 weighted together with a neighbouring band; the table below says which.",
                areas.len(),
                w.minimum_cell
            )
        });
        let low = areas.iter().map(|a| a.min_weight).fold(f64::INFINITY, f64::min);
        let high = areas.iter().map(|a| a.max_weight).fold(0.0, f64::max);
        out.push(format!(
            "Each respondent stands for between {} and {} adults.",
            whole(low),
            whole(high)
        ));
    }
    out.push(match &w.trimming {
        None => "Weights were not trimmed.".to_string(),
        Some(t) => format!(
            "Weights were trimmed to between {} and {} times the mean weight and re-weighted, for up to {} rounds.",
            t.lower_ratio, t.upper_ratio, t.max_rounds
        ),
    });
    if !w.areas_without_responses.is_empty() {
        let names: Vec<&str> = w.areas_without_responses.iter().map(|a| a.name.as_str()).collect();
        out.push(format!(
            "No one has responded in {} covered council area{} ({}), so {} not represented.",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            names.join(", "),
            if names.len() == 1 { "it is" } else { "they are" }
        ));
    }
    out
}

pub fn sample_view(report: &ResultsReport) -> SampleView {
    let r = &report.representativeness;
    let threshold = report.disclosure.suppression_threshold;
    let area = &report.area.name;
    let areas = report
        .weighting
        .areas
        .iter()
        .map(|a| {
            let merged = merged_groups(a);
            AreaWeightingRow {
                name: a.name.clone(),
                n: count(a.n),
                iterations: a.iterations.to_string(),
                converged: if a.converged { "Yes".into() } else { "No".into() },
                merged: if merged.is_empty() {
                    "None".into()
                } else {
                    merged.join("; ")
                },
                weights: format!("{} to {}", whole(a.min_weight), whole(a.max_weight)),
            }
        })
        .collect();
    SampleView {
        suppressed: r.suppressed,
        tables: vec![
            table(
                "sample-age",
                format!("Respondents in {area} by age band"),
                "Age band",
                &r.age_band,
                threshold,
            ),
            table(
                "sample-sex",
                format!("Respondents in {area} by sex"),
                "Sex",
                &r.sex,
                threshold,
            ),
        ],
        population_note: format!(
            "Population: {} adults aged 16 and over in the covered council areas (mid-{} estimates).",
            count(usize::try_from(r.adult_population).unwrap_or(usize::MAX)),
            report.weighting.population.year
        ),
        weighting: if report.suppressed {
            Vec::new()
        } else {
            weighting_sentences(report)
        },
        areas: if report.suppressed { Vec::new() } else { areas },
    }
}
