//! Raking one council area's respondents to its adult population by age band and by sex.
//!
//! * Targets are the area's adult population (16+) per age band and per sex, so the raked weights
//!   sum to the area's adult population and pooling areas weights each by its population.
//! * Age bands (and the two sexes) with fewer than `minimum_cell` respondents who gave that answer
//!   are merged with a neighbour first ([`collapse_small_categories`]); the merge is reported.
//! * Respondents who did not give their age (or sex), or preferred not to say, are kept. For that
//!   margin they keep the weight they have: the margin is applied proportionally to those who
//!   answered, so their total weight stays their (current) share and the others are raked to the
//!   population shares within the rest (see `crate::stats::raking`).
//! * A margin nobody in the area answered cannot be raked and is left out (reported as not used);
//!   if neither is usable the weights are simply the population total shared equally.
//! * Weights are trimmed by default ([`WeightingOptions::default`]): kept within
//!   [`TrimOptions::default`] (0.2 to 5 times the area's mean weight) and re-raked, so that a few
//!   respondents in a thinly filled group cannot carry an area's figures. [`WeightingOptions::untrimmed`]
//!   is raking alone, for comparisons with untrimmed reference figures.
//! * Each area reports its largest weight, the ratio of its largest to its smallest weight and the
//!   largest share of the area's weight one respondent carries, flagged above [`LARGEST_SHARE_LIMIT`].

use super::dataset::Respondent;
use super::ResultsError;
use crate::domain::population::AdultPopulation;
use crate::domain::{AgeBand, Sex};
use crate::stats::{collapse_small_categories, summarise_weights, Margin, RakingDesign, RakingOptions, TrimOptions};
use serde::Serialize;

/// An area where one respondent carries more than this share of the area's weight is flagged.
pub const LARGEST_SHARE_LIMIT: f64 = 0.05;

/// How areas are raked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightingOptions {
    pub raking: RakingOptions,
    /// Trim weights to these ratios of the mean weight and re-rake; `None` for no trimming.
    pub trim: Option<TrimOptions>,
    /// Fewest respondents an age band (or sex) may have before it is merged with a neighbour.
    pub minimum_cell: usize,
}

impl Default for WeightingOptions {
    /// Raking with trimming to the default bounds: what every published figure uses.
    fn default() -> Self {
        Self {
            raking: RakingOptions::default(),
            trim: Some(TrimOptions::default()),
            minimum_cell: crate::stats::DEFAULT_MINIMUM_CELL,
        }
    }
}

impl WeightingOptions {
    /// Raking alone, without trimming (for comparisons with untrimmed reference figures).
    pub fn untrimmed() -> Self {
        Self {
            trim: None,
            ..Self::default()
        }
    }
}

/// A raking variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variable {
    AgeBand,
    Sex,
    /// Only the area total (used when neither age nor sex can be raked).
    Total,
}

/// A margin as used in one area: which original category falls in which group, and the targets.
#[derive(Debug, Clone, PartialEq)]
pub struct UsedMargin {
    pub variable: Variable,
    /// `mapping[c]` is the raking group of original category `c`.
    pub mapping: Vec<usize>,
    pub targets: Vec<f64>,
}

impl UsedMargin {
    /// The raking group of a respondent with these age and sex codes (`None` when unknown).
    pub fn category(&self, age: Option<u8>, sex: Option<u8>) -> Option<usize> {
        let code = match self.variable {
            Variable::AgeBand => age,
            Variable::Sex => sex,
            Variable::Total => return Some(0),
        };
        code.and_then(|c| self.mapping.get(usize::from(c)).copied())
    }
}

/// How one margin was used in an area, for the `weighting` section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarginReport {
    pub variable: Variable,
    /// Whether the margin was raked (false when no respondent in the area answered).
    pub used: bool,
    /// The raking groups, as lists of original categories ("25-34", "35-44" when merged).
    pub groups: Vec<Vec<&'static str>>,
    /// Original categories that were merged with a neighbour for having too few respondents.
    pub collapsed: Vec<&'static str>,
    /// Respondents who did not give this (kept at their current weight for this margin); `null`
    /// when suppressed (see `super::disclosure`).
    pub unknown: Option<usize>,
    pub unknown_suppressed: bool,
}

/// What trimming did in an area. (How many weights each round clamped is not published: all the
/// respondents of one age band and sex share a weight, so it would count a small group.)
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrimmingReport {
    /// The bounds as weights (adults per respondent): the ratios times the area's mean weight.
    pub lower_bound: f64,
    pub upper_bound: f64,
    /// Trim-and-re-rake rounds that had to clamp weights (0: every raked weight was within bounds).
    pub rounds: usize,
    /// Whether every final weight is within the bounds.
    pub within_bounds: bool,
    /// Whether the weights still meet the population totals (false when the bounds could only be
    /// kept by missing them; `max_relative_error` says by how much).
    pub margins_met: bool,
}

/// How one council area was weighted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaWeightingReport {
    pub code: String,
    pub name: String,
    pub n: usize,
    /// Adults (16+) in the area: the raked weights sum to this.
    pub adult_population: f64,
    pub iterations: usize,
    pub converged: bool,
    pub max_relative_error: f64,
    /// Whether this area's weights and counts are withheld (fewer respondents than the suppression
    /// threshold): the `Option` figures below are then `null` and `margins` is empty.
    pub suppressed: bool,
    /// Smallest and largest weight: adults one respondent stands for.
    pub min_weight: Option<f64>,
    pub max_weight: Option<f64>,
    /// Largest over smallest weight (`null` when the smallest is 0).
    pub weight_ratio: Option<f64>,
    /// The largest share of the area's weight that one respondent carries.
    pub largest_weight_share: Option<f64>,
    /// Whether one respondent carries more than [`LARGEST_SHARE_LIMIT`] of the area's weight.
    pub over_share_limit: bool,
    pub margins: Vec<MarginReport>,
    pub trimming: Option<TrimmingReport>,
}

/// The largest weight's share of the total weight, and whether it is over [`LARGEST_SHARE_LIMIT`].
pub fn largest_share(weights: &[f64]) -> (Option<f64>, bool) {
    let total: f64 = weights.iter().sum();
    let largest = weights.iter().copied().fold(0.0, f64::max);
    let share = (total > 0.0).then(|| largest / total);
    (share, share.is_some_and(|s| s > LARGEST_SHARE_LIMIT))
}

/// One raked council area.
#[derive(Debug, Clone)]
pub struct WeightedArea {
    /// Index of the area in `Geography::areas`.
    pub area: usize,
    pub design: RakingDesign,
    pub margins: Vec<UsedMargin>,
    pub weights: Vec<f64>,
    pub report: AreaWeightingReport,
}

const AGE_LABELS: [&str; 7] = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"];
const SEX_LABELS: [&str; 2] = ["M", "F"];

/// Rakes the respondents of one area (at least one) to its adult population.
pub fn weight_area(
    area: usize,
    (code, name): (&str, &str),
    respondents: &[Respondent],
    population: &AdultPopulation,
    options: &WeightingOptions,
) -> Result<WeightedArea, ResultsError> {
    let (margins, reports) = area_margins(respondents, population, options.minimum_cell.max(1));
    let design = design_for(&margins, respondents.iter().map(|r| (r.age, r.sex)))?;
    let ones = vec![1.0; respondents.len()];
    let (raking, trimming) = match &options.trim {
        None => (design.rake(&ones, &options.raking)?, None),
        Some(trim) => {
            let trimmed = design.rake_with_trimming(&ones, &options.raking, trim)?;
            let report = TrimmingReport {
                lower_bound: trimmed.lower_bound,
                upper_bound: trimmed.upper_bound,
                rounds: trimmed.rounds.len(),
                within_bounds: trimmed.within_bounds,
                margins_met: trimmed.margins_met,
            };
            (trimmed.raking, Some(report))
        }
    };
    let summary = summarise_weights(&raking.weights)?;
    let (largest_weight_share, over_share_limit) = largest_share(&raking.weights);
    let report = AreaWeightingReport {
        code: code.to_string(),
        name: name.to_string(),
        n: respondents.len(),
        adult_population: design.total(),
        iterations: raking.iterations,
        converged: raking.converged,
        max_relative_error: raking.max_error,
        suppressed: false,
        min_weight: Some(summary.min),
        max_weight: Some(summary.max),
        weight_ratio: (summary.min > 0.0).then(|| summary.max / summary.min),
        largest_weight_share,
        over_share_limit,
        margins: reports,
        trimming,
    };
    Ok(WeightedArea {
        area,
        design,
        margins,
        weights: raking.weights,
        report,
    })
}

/// The margins an area is raked to (age band and sex, small categories merged with a neighbour;
/// only the total when nobody answered either), and a report on each.
fn area_margins(
    respondents: &[Respondent],
    population: &AdultPopulation,
    minimum: usize,
) -> (Vec<UsedMargin>, Vec<MarginReport>) {
    debug_assert_eq!(AGE_LABELS.len(), AgeBand::ALL.len());
    debug_assert_eq!(SEX_LABELS.len(), Sex::ALL.len());
    let mut margins = Vec::new();
    let mut reports = Vec::new();
    let specs: [(Variable, Vec<f64>, &[&'static str]); 2] = [
        (Variable::AgeBand, population.age_margin().to_vec(), &AGE_LABELS),
        (Variable::Sex, population.sex_margin().to_vec(), &SEX_LABELS),
    ];
    for (variable, targets, labels) in specs {
        let (counts, unknown) = category_counts(respondents, variable, labels.len());
        let collapse = collapse_small_categories(&counts, minimum);
        let used = unknown < respondents.len();
        reports.push(MarginReport {
            variable,
            used,
            groups: collapse
                .groups
                .iter()
                .map(|g| g.iter().map(|&c| labels[c]).collect())
                .collect(),
            collapsed: collapse.collapsed.iter().map(|&c| labels[c]).collect(),
            unknown: Some(unknown),
            unknown_suppressed: false,
        });
        if used {
            margins.push(UsedMargin {
                variable,
                targets: collapse.merge_targets(&targets),
                mapping: collapse.mapping,
            });
        }
    }
    if margins.is_empty() {
        margins.push(UsedMargin {
            variable: Variable::Total,
            mapping: vec![0],
            targets: vec![population.total() as f64],
        });
    }
    (margins, reports)
}

/// Respondents per category of `variable` (age band or sex), and how many did not say.
fn category_counts(respondents: &[Respondent], variable: Variable, categories: usize) -> (Vec<usize>, usize) {
    let mut counts = vec![0usize; categories];
    let mut unknown = 0;
    for r in respondents {
        let code = if variable == Variable::AgeBand { r.age } else { r.sex };
        match code.and_then(|c| counts.get_mut(usize::from(c))) {
            Some(count) => *count += 1,
            None => unknown += 1,
        }
    }
    (counts, unknown)
}

/// A raking design over units with the given (age, sex) codes, using `margins`' groups and targets.
pub fn design_for(
    margins: &[UsedMargin],
    units: impl Iterator<Item = (Option<u8>, Option<u8>)> + Clone,
) -> Result<RakingDesign, ResultsError> {
    let categories: Vec<Vec<Option<usize>>> = margins
        .iter()
        .map(|m| units.clone().map(|(age, sex)| m.category(age, sex)).collect())
        .collect();
    let compiled: Vec<Margin<'_>> = margins
        .iter()
        .zip(&categories)
        .map(|(m, c)| Margin {
            categories: c,
            targets: &m.targets,
        })
        .collect();
    Ok(RakingDesign::new(&compiled)?)
}
