//! Summaries of the ranked concerns: weighted top-N and first-choice shares, mean Borda points and a
//! weighted Plackett–Luce fit, all from `crate::stats` on the respondents' weighted ballots.
//!
//! Identical ballots are merged first (their weights added, in a sorted order so results do not
//! depend on hashing): a top-3 of ten concerns has at most 720 distinct ballots, so the summaries
//! cost one pass over the respondents. Rankings longer than the consultation's `max_ranked` are cut
//! to `max_ranked` (the survey never accepts longer ones).

use super::dataset::RankingCodes;
use super::estimates::AreaForEstimates;
use super::ResultsError;
use crate::stats::{
    borda_mean, fit_plackett_luce, share_first, share_top_n, PlackettLuceFit, PlackettLuceOptions, StatsError,
    WeightedBallot,
};
use std::collections::HashMap;

/// Distinct ballots (concern indices) and their summed weights, in ballot order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergedBallots {
    pub rankings: Vec<Vec<usize>>,
    pub weights: Vec<f64>,
}

impl MergedBallots {
    /// Merges weighted rankings (each cut to `max_ranked`).
    pub fn from_weighted<'r>(
        rows: impl Iterator<Item = (&'r RankingCodes, f64)>,
        max_ranked: usize,
    ) -> MergedBallots {
        let mut by_ranking: HashMap<RankingCodes, f64> = HashMap::new();
        for (ranking, weight) in rows {
            let cut = truncate(ranking, max_ranked);
            *by_ranking.entry(cut).or_insert(0.0) += weight;
        }
        let mut merged: Vec<(RankingCodes, f64)> = by_ranking.into_iter().collect();
        merged.sort_by_key(|a| a.0);
        MergedBallots {
            rankings: merged.iter().map(|(r, _)| r.as_slice().iter().map(|&c| usize::from(c)).collect()).collect(),
            weights: merged.iter().map(|(_, w)| *w).collect(),
        }
    }

    /// The ballots of the raked respondents of `areas`.
    pub fn of_areas(areas: &[AreaForEstimates<'_>], max_ranked: usize) -> MergedBallots {
        let rows = areas
            .iter()
            .flat_map(|a| a.respondents.iter().zip(&a.weighted.weights).map(|(r, w)| (&r.ranking, *w)));
        MergedBallots::from_weighted(rows, max_ranked)
    }

    pub fn ballots(&self) -> Vec<WeightedBallot<'_>> {
        self.rankings.iter().zip(&self.weights).map(|(r, w)| WeightedBallot { ranking: r, weight: *w }).collect()
    }
}

/// A ranking cut to its first `max_ranked` concerns.
pub fn truncate(ranking: &RankingCodes, max_ranked: usize) -> RankingCodes {
    let items = ranking.as_slice();
    RankingCodes::new(&items[..items.len().min(max_ranked)]).unwrap_or_default()
}

/// Point estimates for every concern, in the definition's order.
#[derive(Debug, Clone, PartialEq)]
pub struct ConcernFigures {
    pub share_top_n: Vec<f64>,
    pub share_first: Vec<f64>,
    pub borda_mean: Vec<f64>,
    /// `None` when no ballot ranks anything.
    pub plackett_luce: Option<PlackettLuceFit>,
}

/// Summaries of merged ballots over `concerns` concerns.
pub fn concern_figures(
    ballots: &MergedBallots,
    concerns: usize,
    max_ranked: usize,
) -> Result<ConcernFigures, ResultsError> {
    let weighted = ballots.ballots();
    let plackett_luce = match fit_plackett_luce(concerns, &weighted, &PlackettLuceOptions::default()) {
        Ok(fit) => Some(fit),
        Err(StatsError::Empty { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(ConcernFigures {
        share_top_n: share_top_n(concerns, max_ranked, &weighted)?,
        share_first: share_first(concerns, &weighted)?,
        borda_mean: borda_mean(concerns, max_ranked, &weighted)?,
        plackett_luce,
    })
}

/// What concerns are ranked by, and the score of each under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RankBasis {
    /// Plackett–Luce worth, when the model is identified.
    PlWorth,
    /// Weighted top-N share, when it is not (some concerns never ranked below others).
    ShareTopN,
}

impl RankBasis {
    pub fn of(figures: &ConcernFigures) -> RankBasis {
        match &figures.plackett_luce {
            Some(fit) if fit.identified => RankBasis::PlWorth,
            _ => RankBasis::ShareTopN,
        }
    }

    /// One score per concern (higher ranks higher).
    pub fn scores(self, ballots: &MergedBallots, concerns: usize, max_ranked: usize) -> Result<Vec<f64>, StatsError> {
        let weighted = ballots.ballots();
        Ok(match self {
            RankBasis::PlWorth => fit_plackett_luce(concerns, &weighted, &PlackettLuceOptions::default())?.worth,
            RankBasis::ShareTopN => share_top_n(concerns, max_ranked, &weighted)?,
        })
    }
}
