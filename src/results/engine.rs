//! The results pipeline for one selection of council areas: rake each area, pool, estimate, and
//! (optionally) bootstrap the order of the concerns. Returns figures with their variances; the
//! public report (with suppression) is made from them in `report`.

use super::bootstrap::rank_stability_with_groups;
use super::concerns::{concern_figures, ConcernFigures, MergedBallots, RankBasis};
use super::dataset::{Dataset, Respondent};
use super::estimates::{concern_counts, pooled_from_counts, pooled_proportion, AreaCounts, AreaForEstimates, Estimate};
use super::selection::{AreaLabel, ResolvedSelection};
use super::weighting::{weight_area, AreaWeightingReport, WeightedArea, WeightingOptions};
use super::ResultsError;
use crate::domain::population::PopulationMargins;
use crate::domain::{Geography, Likert5, SurveyDefinition};
use crate::stats::{summarise_weights, BootstrapOptions, BootstrapRanks, StatsError, WeightSummary};

/// Everything the engine reads.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub definition: &'a SurveyDefinition,
    pub geography: &'a Geography,
    pub population: &'a PopulationMargins,
    pub dataset: &'a Dataset,
}

/// How results are computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EngineOptions {
    pub weighting: WeightingOptions,
    /// Rank-stability bootstrap; `None` to skip it.
    pub bootstrap: Option<BootstrapOptions>,
    /// Confidence level of every interval.
    pub level: f64,
}

impl Default for EngineOptions {
    fn default() -> Self {
        Self {
            weighting: WeightingOptions::default(),
            bootstrap: Some(BootstrapOptions::default()),
            level: crate::stats::DEFAULT_CONFIDENCE_LEVEL,
        }
    }
}

impl EngineOptions {
    /// Default weighting and confidence level, with `replicates` rank-bootstrap replicates from
    /// `seed` (no bootstrap when `replicates` is 0).
    pub fn with_bootstrap(replicates: usize, seed: u64) -> Self {
        Self {
            bootstrap: (replicates > 0).then(|| BootstrapOptions {
                replicates,
                seed,
                ..BootstrapOptions::default()
            }),
            ..Self::default()
        }
    }
}

/// One concern's estimated shares (`None` when nobody in the selection responded).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConcernEstimates {
    pub share_top_n: Option<Estimate>,
    pub share_first: Option<Estimate>,
}

/// The figures of one selection, before disclosure control.
#[derive(Debug, Clone)]
pub struct SelectionFigures {
    pub label: AreaLabel,
    pub n: usize,
    pub weights: Option<WeightSummary>,
    pub feel_safe: Option<Estimate>,
    pub confidence: Option<Estimate>,
    /// In the definition's concern order.
    pub concerns: Vec<ConcernEstimates>,
    pub figures: Option<ConcernFigures>,
    pub basis: RankBasis,
    pub ranks: Option<BootstrapRanks>,
    /// Per group of concerns asked for (see [`compute_selection_grouped`]): the weighted share of
    /// respondents naming at least one of its concerns in their top N.
    pub groups: Vec<Option<Estimate>>,
    /// Bootstrap rank stability of the groups, from the same replicates as `ranks`.
    pub group_ranks: Option<BootstrapRanks>,
    pub areas: Vec<AreaWeightingReport>,
    /// Covered areas of the selection with no responses (indices into `Geography::areas`).
    pub without_responses: Vec<usize>,
    /// Sample against population by age band and sex (before disclosure control).
    pub representativeness: super::representativeness::Representativeness,
}

/// "Feels safe": answered fairly or very safe ([`Likert5::is_top_two`]).
pub fn feels_safe(r: &Respondent) -> Option<bool> {
    top_two(r.feel_safe)
}

/// "Confident in the local police": answered fairly or very confident ([`Likert5::is_top_two`]).
pub fn is_confident(r: &Respondent) -> Option<bool> {
    top_two(r.confidence)
}

/// `None` for no answer (the database only stores 1 to 5, so nothing else is dropped).
fn top_two(answer: Option<u8>) -> Option<bool> {
    answer.and_then(|v| Likert5::try_from(v).ok()).map(Likert5::is_top_two)
}

/// Rakes every area of the selection that has responses.
pub fn weight_selection(
    inputs: &Inputs<'_>,
    selection: &ResolvedSelection,
    options: &WeightingOptions,
) -> Result<(Vec<WeightedArea>, Vec<usize>), ResultsError> {
    let mut weighted = Vec::new();
    let mut without = Vec::new();
    for &index in &selection.areas {
        let respondents = inputs.dataset.area(index);
        let area = &inputs.geography.areas[index];
        if respondents.is_empty() {
            without.push(index);
            continue;
        }
        let population = inputs.population.area(&area.code).ok_or_else(|| {
            ResultsError::Internal(format!(
                "there are no population figures for {} ({})",
                area.name, area.code
            ))
        })?;
        weighted.push(weight_area(
            index,
            (area.code.as_str(), &area.name),
            respondents,
            population,
            options,
        )?);
    }
    Ok((weighted, without))
}

/// Computes every figure of `selection`; the bootstrap runs only when `bootstrap` is true.
pub fn compute_selection(
    inputs: &Inputs<'_>,
    selection: &ResolvedSelection,
    options: &EngineOptions,
    bootstrap: bool,
) -> Result<SelectionFigures, ResultsError> {
    compute_selection_grouped(inputs, selection, options, bootstrap, &[])
}

/// As [`compute_selection`], and for each group of concerns (indices into the definition's
/// concerns, e.g. the concerns a candidate priority maps to) the weighted share of respondents who
/// put at least one of them in their top N — each respondent counted once per group — with its
/// variance, and (with the bootstrap) the groups' rank stability from the same replicates.
pub fn compute_selection_grouped(
    inputs: &Inputs<'_>,
    selection: &ResolvedSelection,
    options: &EngineOptions,
    bootstrap: bool,
    groups: &[Vec<u8>],
) -> Result<SelectionFigures, ResultsError> {
    let definition = inputs.definition;
    let concerns = definition.concerns.len();
    let max_ranked = definition.max_ranked.max(1);
    let (weighted, without_responses) = weight_selection(inputs, selection, &options.weighting)?;
    let areas: Vec<AreaForEstimates<'_>> = weighted
        .iter()
        .map(|w| AreaForEstimates::new(w, inputs.dataset.area(w.area)))
        .collect::<Result<_, _>>()?;
    let n: usize = areas.iter().map(|a| a.respondents.len()).sum();
    let representativeness = super::representativeness::of_selection(
        inputs.dataset,
        inputs.geography,
        inputs.population,
        selection,
        &weighted,
    )?;
    let mut figures = SelectionFigures {
        label: selection.label.clone(),
        n,
        weights: None,
        feel_safe: None,
        confidence: None,
        concerns: vec![
            ConcernEstimates {
                share_top_n: None,
                share_first: None
            };
            concerns
        ],
        figures: None,
        basis: RankBasis::ShareTopN,
        ranks: None,
        groups: vec![None; groups.len()],
        group_ranks: None,
        areas: weighted.iter().map(|w| w.report.clone()).collect(),
        without_responses,
        representativeness,
    };
    if n == 0 {
        return Ok(figures);
    }
    let all_weights: Vec<f64> = weighted.iter().flat_map(|w| w.weights.iter().copied()).collect();
    figures.weights = Some(summarise_weights(&all_weights)?);
    estimate_shares(&mut figures, &areas, max_ranked, groups)?;
    let ballots = MergedBallots::of_areas(&areas, max_ranked);
    let concern_figures = concern_figures(&ballots, concerns, max_ranked)?;
    figures.basis = RankBasis::of(&concern_figures);
    figures.figures = Some(concern_figures);
    if let (true, Some(bootstrap_options)) = (bootstrap, &options.bootstrap) {
        add_rank_stability(&mut figures, &areas, max_ranked, groups, options, bootstrap_options)?;
    }
    Ok(figures)
}

/// The pooled shares: feeling safe, confident, each concern (top N and first) and each group.
fn estimate_shares(
    figures: &mut SelectionFigures,
    areas: &[AreaForEstimates<'_>],
    max_ranked: usize,
    groups: &[Vec<u8>],
) -> Result<(), ResultsError> {
    figures.feel_safe = pooled_proportion(areas, feels_safe)?;
    figures.confidence = pooled_proportion(areas, is_confident)?;
    let (top_n, first) = concern_counts(areas, figures.concerns.len(), max_ranked);
    for (k, estimates) in figures.concerns.iter_mut().enumerate() {
        let of_concern = |counts: &[Vec<AreaCounts>]| counts.iter().map(|area| area[k].clone()).collect::<Vec<_>>();
        estimates.share_top_n = pooled_from_counts(areas, &of_concern(&top_n))?;
        estimates.share_first = pooled_from_counts(areas, &of_concern(&first))?;
    }
    for (estimate, group) in figures.groups.iter_mut().zip(groups) {
        *estimate = pooled_proportion(areas, |r| {
            Some(r.ranking.as_slice().iter().take(max_ranked).any(|c| group.contains(c)))
        })?;
    }
    Ok(())
}

/// Bootstrap rank stability of the concerns and groups, started from the fitted worths.
fn add_rank_stability(
    figures: &mut SelectionFigures,
    areas: &[AreaForEstimates<'_>],
    max_ranked: usize,
    groups: &[Vec<u8>],
    options: &EngineOptions,
    bootstrap_options: &BootstrapOptions,
) -> Result<(), ResultsError> {
    let start = figures
        .figures
        .as_ref()
        .and_then(|f| f.plackett_luce.as_ref())
        .map(|fit| fit.log_worth.as_slice());
    match rank_stability_with_groups(
        areas,
        figures.concerns.len(),
        max_ranked,
        figures.basis,
        start,
        groups,
        &options.weighting.raking,
        bootstrap_options,
    ) {
        Ok((ranks, group_ranks)) => {
            figures.ranks = Some(ranks);
            figures.group_ranks = group_ranks;
        }
        // Every resample left some raking group empty: report no rank intervals rather than fail.
        Err(ResultsError::Stats(StatsError::AllReplicatesFailed(cause))) => {
            tracing::warn!(%cause, area = %figures.label.code, "no bootstrap replicate could be raked");
        }
        Err(e) => return Err(e),
    }
    Ok(())
}
