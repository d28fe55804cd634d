//! "What the weighting did" on the results page, from the report's `weighting` section: the
//! population, convergence, merged bands, trimming, the largest weights and the areas where one
//! respondent carries more than 5% of the area's weight, in sentences and per council area.

use crate::format::{count, fixed, percent, whole, SUPPRESSED};
use crate::results::report::{ResultsReport, WeightingInfo};
use crate::results::weighting::{AreaWeightingReport, Variable};

/// One council area's weighting, for the per-area table.
pub struct AreaWeightingRow {
    pub name: String,
    pub n: String,
    pub iterations: String,
    pub converged: String,
    pub merged: String,
    pub weights: String,
    pub ratio: String,
    pub largest_share: String,
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

fn convergence(w: &WeightingInfo) -> Option<String> {
    let areas = &w.areas;
    let least = areas.iter().map(|a| a.iterations).min()?;
    let most = areas.iter().map(|a| a.iterations).max()?;
    let iterations = if least == most {
        format!("{least}")
    } else {
        format!("{least} to {most}")
    };
    let failed: Vec<&str> = areas.iter().filter(|a| !a.converged).map(|a| a.name.as_str()).collect();
    let totals_met = areas.iter().all(|a| a.max_relative_error <= w.tolerance);
    Some(if failed.is_empty() && areas.len() == 1 && totals_met {
        format!(
            "The weighting converged after {iterations} iterations: every population total is met to within {:e} \
             of its size.",
            w.tolerance
        )
    } else if failed.is_empty() && areas.len() == 1 {
        format!("The weighting converged after {iterations} iterations.")
    } else if failed.is_empty() {
        format!(
            "The weighting converged in all {} council areas with responses, after {iterations} iterations.",
            areas.len()
        )
    } else {
        format!(
            "Warning: the weighting did not converge within {} iterations in {}. Its figures match the population \
             less closely than intended.",
            w.max_iterations,
            failed.join(", ")
        )
    })
}

fn merging(w: &WeightingInfo) -> String {
    let merged = w.areas.iter().filter(|a| !merged_groups(a).is_empty()).count();
    if merged == 0 {
        format!(
            "No age bands or sexes were merged: each had at least {} respondents in every council area shown.",
            w.minimum_cell
        )
    } else {
        format!(
            "In {merged} of {} council areas some age bands (or the sexes) had fewer than {} respondents and were \
             weighted together with a neighbouring band; the table below says which.",
            w.areas.len(),
            w.minimum_cell
        )
    }
}

fn trimming(w: &WeightingInfo) -> String {
    let Some(t) = &w.trimming else {
        return "Weights were not trimmed: trimming was switched off for these results.".to_string();
    };
    let mut text = format!(
        "Weights were trimmed: kept between {} and {} times each council area's mean weight, the area re-weighted \
         to its population after each trim, for up to {} rounds.",
        t.lower_ratio, t.upper_ratio, t.max_rounds
    );
    let missed: Vec<&AreaWeightingReport> = w
        .areas
        .iter()
        .filter(|a| a.trimming.as_ref().is_some_and(|r| !r.margins_met))
        .collect();
    let kept = "the population totals by age and sex could not all be met within the bounds: the bounds were kept";
    match missed.as_slice() {
        [] => {}
        [a] => text.push_str(&format!(
            " In {} {kept}, and the totals are met to within {}.",
            a.name,
            percent(a.max_relative_error)
        )),
        many => {
            let listed: Vec<String> = many
                .iter()
                .map(|a| format!("{} ({})", a.name, percent(a.max_relative_error)))
                .collect();
            text.push_str(&format!(
                " In {} council areas {kept}, and the totals are met to within the share given: {}.",
                many.len(),
                listed.join(", ")
            ));
        }
    }
    text
}

/// The largest weights, and the areas where one respondent carries more than the limit.
fn largest_weights(w: &WeightingInfo) -> Vec<String> {
    let limit = percent(w.largest_share_limit);
    let shown: Vec<&AreaWeightingReport> = w.areas.iter().filter(|a| !a.suppressed).collect();
    let mut out = Vec::new();
    if let (Some(low), Some(high)) = (
        shown.iter().filter_map(|a| a.min_weight).reduce(f64::min),
        shown.iter().filter_map(|a| a.max_weight).reduce(f64::max),
    ) {
        out.push(format!(
            "Each respondent stands for between {} and {} adults.",
            whole(low),
            whole(high)
        ));
    }
    if let Some(ratio) = shown.iter().filter_map(|a| a.weight_ratio).reduce(f64::max) {
        out.push(format!(
            "Within a council area the largest weight is at most {} times the smallest.",
            fixed(ratio, 1)
        ));
    }
    let flagged: Vec<&str> = w.areas_over_share_limit.iter().map(|a| a.name.as_str()).collect();
    out.push(if flagged.is_empty() {
        format!("In no council area does one respondent carry more than {limit} of the area's weight.")
    } else {
        format!(
            "Warning: in {} one respondent carries more than {limit} of the area's weight, so the figures there lean \
             heavily on a few people.",
            flagged.join(", ")
        )
    });
    out
}

/// What the weighting did, sentence by sentence.
pub fn weighting_sentences(report: &ResultsReport) -> Vec<String> {
    let w = &report.weighting;
    let mut out = vec![format!(
        "Each council area's respondents were weighted (raked) to that area's adults aged 16 and over by age band \
         and by sex, using National Records of Scotland mid-year population estimates for {}.",
        w.population.year
    )];
    if let Some(converged) = convergence(w) {
        out.push(converged);
        out.push(merging(w));
        out.extend(largest_weights(w));
    }
    out.push(trimming(w));
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

/// One row per council area with responses.
pub fn area_rows(report: &ResultsReport) -> Vec<AreaWeightingRow> {
    let limit = report.weighting.largest_share_limit;
    report
        .weighting
        .areas
        .iter()
        .map(|a| {
            let merged = merged_groups(a);
            let or_withheld = |v: Option<String>| v.unwrap_or_else(|| SUPPRESSED.to_string());
            AreaWeightingRow {
                name: a.name.clone(),
                n: count(a.n),
                iterations: a.iterations.to_string(),
                converged: if a.converged { "Yes".into() } else { "No".into() },
                merged: match (a.suppressed, merged.is_empty()) {
                    (true, _) => SUPPRESSED.to_string(),
                    (false, true) => "None".into(),
                    (false, false) => merged.join("; "),
                },
                weights: or_withheld(
                    a.min_weight
                        .zip(a.max_weight)
                        .map(|(low, high)| format!("{} to {}", whole(low), whole(high))),
                ),
                ratio: or_withheld(a.weight_ratio.map(|r| fixed(r, 1))),
                largest_share: match a.largest_weight_share {
                    Some(s) if a.over_share_limit => format!("{} (over {})", percent(s), percent(limit)),
                    Some(s) => percent(s),
                    None if a.over_share_limit => format!("over {} ({SUPPRESSED})", percent(limit)),
                    None => SUPPRESSED.to_string(),
                },
            }
        })
        .collect()
}
