//! The public results: the JSON contract, with disclosure control applied.
//!
//! **Disclosure control.** A figure whose unweighted base is below the consultation's
//! `suppression_threshold` is suppressed: its estimate and interval are `null` and it says
//! `"suppressed": true` (never 0). When the whole selection has fewer respondents than the
//! threshold, every figure is suppressed, including the weight summary. Bases below
//! `low_base_threshold` carry `"low_base": true`. The base of a share is the respondents who
//! answered that question (everyone, for the concern shares).
//!
//! Counts of respondents are cells too: an unweighted count of those answering yes (or, the base
//! being published, no) from 1 to below the threshold withholds the unweighted share and its
//! intervals (`unweighted.suppressed`); the representativeness tables and the weighting
//! diagnostics withhold small cells and those that would give them away ([`super::disclosure`]).

use super::concerns::RankBasis;
use super::engine::{EngineOptions, SelectionFigures};
pub use super::proportion::{proportion, IntervalOut, Proportion, Thresholds, UnweightedProportion};
use super::selection::AreaLabel;
use super::weighting_info::weighting_info;
pub use super::weighting_info::{AreaRef, PopulationSource, TrimmingSettings, WeightingInfo};
use crate::domain::population::PopulationMargins;
use crate::domain::{Geography, SurveyDefinition};
use crate::stats::StatsError;
use serde::Serialize;

/// One concern's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConcernResult {
    pub concern_id: String,
    pub label: String,
    pub share_top_n: Proportion,
    pub share_first: Proportion,
    pub borda_mean: Option<f64>,
    /// Plackett–Luce worth (the worths sum to 1); `null` when suppressed or the model is not identified.
    pub pl_worth: Option<f64>,
    /// 95% bootstrap interval of the concern's rank (1 = most important).
    pub rank_interval: Option<[usize; 2]>,
    /// Bootstrap probability that the concern ranks first.
    pub p_rank_first: Option<f64>,
    pub suppressed: bool,
    pub low_base: bool,
}

/// How the concerns were ordered and how stable that order is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankingInfo {
    pub basis: RankBasis,
    pub explanation: &'static str,
    pub top_n: usize,
    pub plackett_luce: Option<PlackettLuceInfo>,
    pub bootstrap: Option<BootstrapInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlackettLuceInfo {
    pub identified: bool,
    pub converged: bool,
    pub iterations: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BootstrapInfo {
    pub replicates: usize,
    pub replicates_used: usize,
    pub replicates_failed: usize,
    pub seed: u64,
    pub level: f64,
    pub method: &'static str,
}

/// The disclosure rules applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisclosureInfo {
    pub suppression_threshold: u32,
    pub low_base_threshold: u32,
}

/// The results of one consultation for one area. The OpenAPI schema (the results API's body)
/// names the top-level fields; the nested objects are described by their field docs here.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ResultsReport {
    pub consultation: String,
    #[schema(value_type = Object)]
    pub area: AreaLabel,
    pub n: usize,
    pub sum_weights: Option<f64>,
    pub design_effect: Option<f64>,
    pub n_effective: Option<f64>,
    pub suppressed: bool,
    pub low_base: bool,
    #[schema(value_type = Object)]
    pub feel_safe: Proportion,
    #[schema(value_type = Object)]
    pub confidence: Proportion,
    /// Ordered by `pl_worth` descending (by `share_top_n` when the model is not identified).
    #[schema(value_type = Vec<Object>)]
    pub concerns: Vec<ConcernResult>,
    #[schema(value_type = Object)]
    pub ranking: RankingInfo,
    #[schema(value_type = Object)]
    pub weighting: WeightingInfo,
    #[schema(value_type = Object)]
    pub disclosure: DisclosureInfo,
    /// Sample against population by age band and sex (see `super::representativeness`).
    #[schema(value_type = Object)]
    pub representativeness: super::representativeness::Representativeness,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub comparison: Option<super::comparison::ComparisonReport>,
    /// For published figures: the snapshot they come from (absent for an analyst's live figures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub snapshot: Option<crate::domain::dataset::Published>,
    /// Survey forms refused as automated in the selection's areas (never stored, so not in `n`);
    /// filled in by the service on every request, absent from the engine's own output.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused_as_automated: Option<super::refusals::RefusedAsAutomated>,
}

pub const RANKING_EXPLANATION: &str =
    "Concerns are ordered by their weighted Plackett-Luce worth (the modelled chance \
     that each is a resident's first choice). When the model is not identified (some concerns are never ranked below \
     the others, so their worths are unbounded) they are ordered by the weighted share ranking them in the top N \
     instead, and pl_worth is null. The rank interval and the probability of ranking first come from the bootstrap, \
     ranking by the same measure.";

/// Builds the public report of one selection.
pub fn build_report(
    definition: &SurveyDefinition,
    geography: &Geography,
    population: &PopulationMargins,
    figures: &SelectionFigures,
    options: &EngineOptions,
) -> Result<ResultsReport, StatsError> {
    let thresholds = Thresholds::of(definition);
    let level = options.level;
    let suppressed = thresholds.suppressed(figures.n);
    let weights = figures.weights.filter(|_| !suppressed);
    let mut concerns = concern_results(definition, figures, thresholds, level)?;
    order_concerns(&mut concerns, figures);
    let representativeness = figures
        .representativeness
        .disclosed(suppressed, thresholds.suppression, &figures.areas);
    Ok(ResultsReport {
        consultation: definition.id.as_str().to_string(),
        area: figures.label.clone(),
        n: figures.n,
        sum_weights: weights.map(|w| w.sum),
        design_effect: weights.map(|w| w.kish_design_effect),
        n_effective: weights.map(|w| w.effective_sample_size),
        suppressed,
        low_base: thresholds.low_base(figures.n),
        feel_safe: proportion(figures.feel_safe.as_ref(), thresholds, level)?,
        confidence: proportion(figures.confidence.as_ref(), thresholds, level)?,
        concerns,
        ranking: ranking_info(definition, figures, options),
        weighting: weighting_info(
            geography,
            population,
            figures,
            options,
            thresholds.suppression,
            &figures.representativeness.area_cells,
        ),
        disclosure: DisclosureInfo {
            suppression_threshold: definition.suppression_threshold,
            low_base_threshold: definition.low_base_threshold,
        },
        representativeness,
        comparison: None,
        snapshot: None,
        refused_as_automated: None,
    })
}

/// One row per concern, in the definition's order, with disclosure control applied.
fn concern_results(
    definition: &SurveyDefinition,
    figures: &SelectionFigures,
    thresholds: Thresholds,
    level: f64,
) -> Result<Vec<ConcernResult>, StatsError> {
    let suppressed = thresholds.suppressed(figures.n);
    let pl = figures.figures.as_ref().and_then(|f| f.plackett_luce.as_ref());
    let mut concerns = Vec::with_capacity(definition.concerns.len());
    for (k, concern) in definition.concerns.iter().enumerate() {
        let estimates = &figures.concerns[k];
        let visible = |v: Option<f64>| v.filter(|_| !suppressed);
        let stability = figures
            .ranks
            .as_ref()
            .and_then(|r| r.items.get(k))
            .filter(|_| !suppressed);
        concerns.push(ConcernResult {
            concern_id: concern.id.as_str().to_string(),
            label: concern.label.clone(),
            share_top_n: proportion(estimates.share_top_n.as_ref(), thresholds, level)?,
            share_first: proportion(estimates.share_first.as_ref(), thresholds, level)?,
            borda_mean: visible(figures.figures.as_ref().map(|f| f.borda_mean[k])),
            pl_worth: visible(pl.filter(|fit| fit.identified).map(|fit| fit.worth[k])),
            rank_interval: stability.map(|s| [s.rank_lower, s.rank_upper]),
            p_rank_first: stability.map(|s| s.probability_first),
            suppressed,
            low_base: thresholds.low_base(figures.n),
        });
    }
    Ok(concerns)
}

/// How the concerns were ordered: the basis, the model fit and the bootstrap settings.
fn ranking_info(definition: &SurveyDefinition, figures: &SelectionFigures, options: &EngineOptions) -> RankingInfo {
    let pl = figures.figures.as_ref().and_then(|f| f.plackett_luce.as_ref());
    RankingInfo {
        basis: figures.basis,
        explanation: RANKING_EXPLANATION,
        top_n: definition.max_ranked,
        plackett_luce: pl.map(|fit| PlackettLuceInfo {
            identified: fit.identified,
            converged: fit.converged,
            iterations: fit.iterations,
        }),
        bootstrap: figures
            .ranks
            .as_ref()
            .zip(options.bootstrap.as_ref())
            .map(|(ranks, b)| BootstrapInfo {
                replicates: b.replicates,
                replicates_used: ranks.replicates_used,
                replicates_failed: ranks.replicates_failed,
                seed: b.seed,
                level: b.level,
                method: super::BOOTSTRAP_METHOD,
            }),
    }
}

/// Orders concerns by the ranking score, highest first (ties and suppressed figures keep the
/// definition's order, so a suppressed report reveals nothing through its order).
fn order_concerns(concerns: &mut [ConcernResult], figures: &SelectionFigures) {
    let Some(f) = figures
        .figures
        .as_ref()
        .filter(|_| concerns.iter().all(|c| !c.suppressed))
    else {
        return;
    };
    let score = |k: usize| -> f64 {
        match (figures.basis, &f.plackett_luce) {
            (RankBasis::PlWorth, Some(fit)) => fit.worth[k],
            _ => f.share_top_n[k],
        }
    };
    let mut keyed: Vec<(f64, usize, ConcernResult)> = concerns
        .iter()
        .cloned()
        .enumerate()
        .map(|(k, c)| (score(k), k, c))
        .collect();
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (slot, (_, _, c)) in concerns.iter_mut().zip(keyed) {
        *slot = c;
    }
}
