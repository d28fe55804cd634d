//! Section 8: Method: the methodology written out from the settings actually used, so the pack stands alone.

use super::inputs::PackInputs;
use super::model::{MethodParagraph, MethodSection, UNDER_REPRESENTED_RATIO};
use crate::evidence::comment_themes::quote_method;
use crate::format::{count, percent, uk_date, uk_date_from_iso};
use crate::results::comparison::COMPARISON_METHOD;
use crate::results::weighting_info::TRIMMING;
use crate::results::{BOOTSTRAP_METHOD, POOLING, UNKNOWN_CATEGORIES, VARIANCE, WEIGHTING_METHOD};

fn paragraph(heading: &str, text: String) -> MethodParagraph {
    MethodParagraph {
        heading: heading.to_string(),
        text,
    }
}

/// Where the figures come from: the responses, the previous wave, the population, the plans.
fn sources(inputs: &PackInputs<'_>) -> MethodParagraph {
    let d = inputs.definition;
    let report = &inputs.division_evidence.report;
    let population = &report.weighting.population;
    let plans: Vec<String> = inputs
        .plans
        .iter()
        .map(|p| format!("{} (from {})", p.plan.title, p.plan.source_file))
        .collect();
    let previous = match inputs.previous {
        Some(p) => format!(
            " Changes are measured against {} ({} to {}).",
            p.title,
            uk_date(p.opens),
            uk_date(p.closes)
        ),
        None => " There is no previous consultation to compare with.".to_string(),
    };
    paragraph(
        "Sources",
        format!(
            "Responses to {} (open {} to {}), as stored in LocalVoice when this pack was made on {}: {} \
             from {}.{previous} Adult (16+) population by council area, sex and age band: {} ({}). Current \
             plans: {}.",
            d.title,
            uk_date(d.opens),
            uk_date(d.closes),
            uk_date_from_iso(&inputs.generated_on),
            count(report.n),
            inputs.division.name,
            population.source,
            population.year,
            if plans.is_empty() {
                "none held for this division".to_string()
            } else {
                plans.join("; ")
            }
        ),
    )
}

/// How a priority's support is measured, and where its rank interval comes from.
fn candidate_priorities(inputs: &PackInputs<'_>) -> MethodParagraph {
    let d = inputs.definition;
    let settings = inputs.settings;
    let bootstrap = if settings.bootstrap_replicates > 0 {
        format!(
            "Rank intervals and the chance of ranking first come from a bootstrap of {} replicates (seed {}): {}",
            settings.bootstrap_replicates, settings.bootstrap_seed, BOOTSTRAP_METHOD
        )
    } else {
        "The rank bootstrap was not run for this pack, so no rank intervals are given.".to_string()
    };
    paragraph(
        "Candidate priorities",
        format!(
            "The consultation maps each of its {} concerns to the candidate priorities it supports. A \
             priority's support is the weighted share of respondents who put at least one of its concerns \
             in their top {}: each respondent counts once for a priority, however many of its concerns they \
             ranked. {bootstrap}",
            d.concerns.len(),
            d.max_ranked
        ),
    )
}

/// The rules that need no figures: strength labels and plan coverage.
fn rules() -> [MethodParagraph; 2] {
    [
        paragraph(
            "Strength of support",
            "Labels come from the intervals, never from point estimates alone. Over the items compared (the \
             candidate priorities, or the concerns), M_lo is the median of their lower bounds and M_hi the \
             median of their upper bounds. Support is strong when the lower bound is above M_hi (the whole \
             interval lies above the middle), weak when the upper bound is below M_lo (the whole interval lies \
             below it), and moderate otherwise. Suppressed items take no part."
                .to_string(),
        ),
        paragraph(
            "Plan coverage",
            "Each current plan priority is mapped to the concerns it addresses (seeds/plans/). A gap is a \
             concern with strong support that no priority of the plan lists. A plan priority is weakly \
             supported when every concern it lists has weak support: it is driven by other evidence, such as \
             recorded crime, partner information or national priorities. A priority that lists no concern is \
             not measured by this survey. Support is measured over the plan's own council areas. A plan \
             replaced by a later plan for the same areas is not assessed."
                .to_string(),
        ),
    ]
}

/// Who is named as under-represented, and what a withheld figure looks like.
fn representativeness_and_suppression(inputs: &PackInputs<'_>) -> [MethodParagraph; 2] {
    let d = inputs.definition;
    [
        paragraph(
            "Representativeness",
            format!(
                "Respondents are compared with adult residents by age band, sex and council area. A group is \
                 named as under-represented when its share of respondents is below {} of its share of \
                 adults. Weighting corrects for age, sex and council area, not for other differences between \
                 those who respond and those who do not.",
                percent(UNDER_REPRESENTED_RATIO)
            ),
        ),
        paragraph(
            "Suppression",
            format!(
                "A figure based on fewer than {} responses is suppressed: it is shown as \u{201c}suppressed\u{201d} \
                 and given as null in the JSON and empty in the CSV, never as 0. Figures based on fewer than {} \
                 responses are marked as a low base. Counts of respondents are treated the same way: in the tables \
                 of who responded, a count from 1 to {} (of an age band, a sex, or those who did not say) is \
                 suppressed, and so are the next smallest counts of the same table until the suppressed counts add \
                 up to at least {}, so that none can be worked out from the total; a division's count is also \
                 suppressed where it would give away a suppressed count of one of its council areas; the shares \
                 made from suppressed counts are suppressed with them, and the weights of a council area with \
                 fewer than {} respondents are not shown. Comments are not counted or quoted for an area with fewer than {} respondents, and \
                 division totals of themes leave such areas out.",
                d.suppression_threshold,
                d.low_base_threshold,
                d.suppression_threshold.saturating_sub(1),
                d.suppression_threshold,
                d.suppression_threshold,
                d.suppression_threshold
            ),
        ),
    ]
}

/// How comments are coded and quoted.
fn what_people_said(inputs: &PackInputs<'_>) -> MethodParagraph {
    let themes: Vec<&str> = inputs.definition.themes.iter().map(|t| t.label.as_str()).collect();
    paragraph(
        "What people said",
        format!(
            "Free-text comments are coded into the consultation's {} themes ({}) by keyword lists in the \
             consultation definition, matched case-insensitively on word stems, so that \u{201c}speed\u{201d} \
             also finds \u{201c}speeding\u{201d}. A comment can mention several themes. {}",
            themes.len(),
            themes.join("; "),
            quote_method()
        ),
    )
}

/// How the responses were weighted and trimmed, and when an area is flagged.
fn weighting(inputs: &PackInputs<'_>) -> MethodParagraph {
    let w = &inputs.division_evidence.report.weighting;
    let trimming = match &w.trimming {
        Some(_) => TRIMMING.to_string(),
        None => "Weights were not trimmed for this pack.".to_string(),
    };
    paragraph(
        "Weighting",
        format!(
            "{WEIGHTING_METHOD} {UNKNOWN_CATEGORIES} {POOLING} {trimming} For each council area the pack gives the \
             spread of the weights, the ratio of the largest weight to the smallest, and the largest share of the \
             area's weight that one respondent carries; an area where one respondent carries more than {} of the \
             weight is flagged, as its figures lean heavily on a few people.",
            percent(w.largest_share_limit)
        ),
    )
}

/// The method, from the settings and inputs actually used.
pub fn build_method(inputs: &PackInputs<'_>) -> MethodSection {
    let level = percent(inputs.settings.level);
    let [strength, coverage] = rules();
    let [representativeness, suppression] = representativeness_and_suppression(inputs);
    MethodSection {
        paragraphs: vec![
            sources(inputs),
            weighting(inputs),
            paragraph(
                "Intervals",
                format!(
                    "Every share has a {level} Korn\u{2013}Graubard interval. {VARIANCE} An interval shows the \
                     range of values consistent with the responses; two shares whose intervals overlap may not \
                     differ."
                ),
            ),
            candidate_priorities(inputs),
            strength,
            coverage,
            paragraph(
                "Changes and differences",
                format!(
                    "{COMPARISON_METHOD} Only significant differences are listed; the number of figures tested is \
                     given with them."
                ),
            ),
            representativeness,
            suppression,
            what_people_said(inputs),
        ],
    }
}
