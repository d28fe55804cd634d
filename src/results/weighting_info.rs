//! The `weighting` section of the public results: how the responses were weighted, against which
//! population, with which trimming bounds, and per council area what the weights came to (the
//! largest weight, the ratio of the largest to the smallest, and a flag where one respondent
//! carries more than [`LARGEST_SHARE_LIMIT`] of the area's weight), with small cells withheld
//! ([`super::disclosure::disclosed_areas`]). Reads no environment variables.

use super::disclosure::disclosed_areas;
use super::engine::{EngineOptions, SelectionFigures};
use super::weighting::{AreaWeightingReport, LARGEST_SHARE_LIMIT};
use crate::domain::population::PopulationMargins;
use crate::domain::Geography;
use serde::Serialize;

/// Where the population figures come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PopulationSource {
    pub source: String,
    pub year: i32,
}

/// The trimming bounds, as ratios to each area's mean weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrimmingSettings {
    pub lower_ratio: f64,
    pub upper_ratio: f64,
    pub max_rounds: usize,
    /// Why these bounds (see [`TRIMMING`]).
    pub rule: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRef {
    pub code: String,
    pub name: String,
}

/// The `weighting` section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightingInfo {
    pub method: &'static str,
    pub margins: [&'static str; 2],
    pub population: PopulationSource,
    pub unknown_age_or_sex: &'static str,
    pub collapsing: &'static str,
    pub pooling: &'static str,
    pub variance: &'static str,
    pub tolerance: f64,
    pub max_iterations: usize,
    pub minimum_cell: usize,
    /// `null` when trimming was switched off (`trim=false`, `--no-trim`).
    pub trimming: Option<TrimmingSettings>,
    /// An area is flagged when one respondent carries more than this share of its weight.
    pub largest_share_limit: f64,
    /// The areas so flagged (see each area's `over_share_limit` and `largest_weight_share`).
    pub areas_over_share_limit: Vec<AreaRef>,
    /// Whether raking converged in every area.
    pub converged: bool,
    pub areas: Vec<AreaWeightingReport>,
    pub areas_without_responses: Vec<AreaRef>,
}

/// `weighting.trimming.rule`, and the method section's account of trimming.
pub const TRIMMING: &str = "After raking, any weight below 0.2 or above 5 times its council area's mean weight \
     is set to that bound and the area is raked again, repeatedly, until every weight is within the bounds. Where a \
     group of respondents is too thinly filled for its population total to be met within the bounds, the bounds are \
     kept: the weights beyond them are set to them and the difference is shared among the others in proportion, so \
     that the area's total is kept and its age and sex totals are met as closely as the bounds allow (each area \
     reports whether its totals were met, and its largest relative error). The bounds keep an area's largest weight \
     within 25 times its smallest: the upper bound is the cap of 5 times the mean weight of the American National \
     Election Studies' raking, and the Scottish Government's Scottish Climate Survey trims its weights at 0.13 and \
     4; a council area's sample is small and thinly filled age and sex groups are common, so the ceiling is not set \
     lower. Trimming moves the weighted shares a little away from the population shares; the representativeness \
     tables show how far. The rank bootstrap re-rakes its replicates without trimming them.";

/// How the responses were weighted, area by area, and against which population. `threshold` is
/// the suppression threshold; `area_cells` the areas' counts by age band and sex, in the order of
/// `figures.areas` (see `Representativeness::area_cells`).
pub fn weighting_info(
    geography: &Geography,
    population: &PopulationMargins,
    figures: &SelectionFigures,
    options: &EngineOptions,
    threshold: usize,
    area_cells: &[super::representativeness::AreaCells],
) -> WeightingInfo {
    let trimming = options.weighting.trim.map(|t| TrimmingSettings {
        lower_ratio: t.lower_ratio,
        upper_ratio: t.upper_ratio,
        max_rounds: t.max_rounds,
        rule: TRIMMING,
    });
    let area_ref = |code: &str, name: &str| AreaRef {
        code: code.to_string(),
        name: name.to_string(),
    };
    WeightingInfo {
        method: super::WEIGHTING_METHOD,
        margins: ["age_band", "sex"],
        population: PopulationSource {
            source: population.source.clone(),
            year: population.year,
        },
        unknown_age_or_sex: super::UNKNOWN_CATEGORIES,
        collapsing: super::COLLAPSING,
        pooling: super::POOLING,
        variance: super::VARIANCE,
        tolerance: options.weighting.raking.tolerance,
        max_iterations: options.weighting.raking.max_iterations,
        minimum_cell: options.weighting.minimum_cell,
        trimming,
        largest_share_limit: LARGEST_SHARE_LIMIT,
        areas_over_share_limit: figures
            .areas
            .iter()
            .filter(|a| a.over_share_limit)
            .map(|a| area_ref(&a.code, &a.name))
            .collect(),
        converged: figures.areas.iter().all(|a| a.converged),
        areas: disclosed_areas(&figures.areas, threshold, area_cells),
        areas_without_responses: figures
            .without_responses
            .iter()
            .map(|&i| area_ref(geography.areas[i].code.as_str(), &geography.areas[i].name))
            .collect(),
    }
}
