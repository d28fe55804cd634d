//! Rank stability of the concerns by a seeded bootstrap over respondents, re-raking every replicate.
//!
//! * **Resampling.** Each replicate resamples respondents with replacement *within each council
//!   area* (areas are raked separately, so they are strata), drawing from the replicate's own
//!   ChaCha8 stream ([`bootstrap_rank_stability_drawn`]): area by area, as many draws as the area has
//!   respondents. For a single area this is exactly the draw of [`crate::stats::bootstrap_rank_stability`].
//!   The result depends on the seed only, whatever the threads.
//! * **Re-raking.** Raking only sees how much weight each (age band, sex) cell has, so a replicate
//!   rakes each area's 24-cell table (8 age codes including unknown × 3 sex codes) with the resampled
//!   counts as initial weights, which gives exactly the weights re-raking every respondent would.
//!   Respondents are grouped once by (area, cell, ballot) and the distinct ballots sorted once, so
//!   a replicate costs one pass over its draw plus work on a few thousand groups, and its merged
//!   ballots come out already in order (no hashing per replicate). Trimming, when asked for, is not repeated in the
//!   replicates (they are raked only).
//! * **Groups.** Candidate priorities (sets of concerns) can be ranked in the same replicates by
//!   their weighted share of respondents naming at least one of their concerns ([`group_shares`]).
//! * **Scores.** Concerns are ranked by Plackett–Luce worth when the model is identified on the
//!   full data, otherwise by weighted top-N share (see [`RankBasis`]); a replicate that cannot be
//!   raked (a resample leaves a raking group empty) is skipped and counted.

use super::concerns::{truncate, MergedBallots, RankBasis};
use super::dataset::{RankingCodes, Respondent};
use super::estimates::AreaForEstimates;
use super::weighting::design_for;
use super::ResultsError;
use crate::stats::{
    bootstrap_rank_stability_drawn, plackett_luce_worth_from, BootstrapOptions, BootstrapRanks, PlackettLuceOptions,
    RakingDesign, RakingOptions, StatsError,
};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

/// Age codes 0–6 and 7 for unknown, times sex codes 0–1 and 2 for unknown.
const CELLS: usize = 8 * 3;

fn cell_of(r: &Respondent) -> usize {
    let age = r.age.map_or(7, |a| usize::from(a.min(7)));
    let sex = r.sex.map_or(2, |s| usize::from(s.min(2)));
    age * 3 + sex
}

fn cell_codes(cell: usize) -> (Option<u8>, Option<u8>) {
    let (age, sex) = (cell / 3, cell % 3);
    ((age < 7).then_some(age as u8), (sex < 2).then_some(sex as u8))
}

/// Respondents grouped by (area, cell, ballot), and each area's cell-level raking design.
struct Plan {
    designs: Vec<RakingDesign>,
    /// Start of each area's respondents in the pooled order, and their number.
    spans: Vec<(usize, usize)>,
    group_of: Vec<u32>,
    group_area: Vec<usize>,
    group_cell: Vec<usize>,
    /// Index into `rankings`, which are sorted like `MergedBallots` sorts them.
    group_ballot: Vec<usize>,
    rankings: Vec<Vec<usize>>,
}

fn plan(areas: &[AreaForEstimates<'_>], max_ranked: usize) -> Result<Plan, ResultsError> {
    let mut designs = Vec::with_capacity(areas.len());
    let mut spans = Vec::with_capacity(areas.len());
    let mut ballot_index: HashMap<RankingCodes, usize> = HashMap::new();
    let mut ballots = Vec::new();
    let mut group_index: HashMap<(usize, usize, usize), u32> = HashMap::new();
    let (mut group_area, mut group_cell, mut group_ballot) = (Vec::new(), Vec::new(), Vec::new());
    let mut group_of = Vec::new();
    for (h, area) in areas.iter().enumerate() {
        designs.push(design_for(&area.weighted.margins, (0..CELLS).map(cell_codes))?);
        spans.push((group_of.len(), area.respondents.len()));
        for r in area.respondents {
            let ballot = truncate(&r.ranking, max_ranked);
            let b = *ballot_index.entry(ballot).or_insert_with(|| {
                ballots.push(ballot);
                ballots.len() - 1
            });
            let cell = cell_of(r);
            let next = group_area.len() as u32;
            let g = *group_index.entry((h, cell, b)).or_insert(next);
            if g == next {
                group_area.push(h);
                group_cell.push(cell);
                group_ballot.push(b);
            }
            group_of.push(g);
        }
    }
    // Renumber the ballots in sorted order, so a replicate's merged ballots need no sorting.
    let mut order: Vec<usize> = (0..ballots.len()).collect();
    order.sort_by_key(|&b| ballots[b]);
    let mut new_index = vec![0; ballots.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let group_ballot = group_ballot.iter().map(|&b| new_index[b]).collect();
    let rankings = order
        .iter()
        .map(|&b| ballots[b].as_slice().iter().map(|&c| usize::from(c)).collect())
        .collect();
    Ok(Plan {
        designs,
        spans,
        group_of,
        group_area,
        group_cell,
        group_ballot,
        rankings,
    })
}

impl Plan {
    /// How many times each group was drawn in a replicate, resampling within each area.
    fn group_counts(&self, rng: &mut ChaCha8Rng) -> Vec<f64> {
        let mut counts = vec![0.0; self.group_area.len()];
        for &(start, len) in &self.spans {
            for _ in 0..len {
                counts[self.group_of[start + rng.gen_range(0..len)] as usize] += 1.0;
            }
        }
        counts
    }

    /// Merged ballots of a replicate drawn `counts` times per group, re-raked area by area.
    fn replicate_ballots(&self, counts: &[f64], raking: &RakingOptions) -> Result<MergedBallots, StatsError> {
        let mut cell_counts = vec![[0.0; CELLS]; self.designs.len()];
        for (g, count) in counts.iter().enumerate() {
            cell_counts[self.group_area[g]][self.group_cell[g]] += count;
        }
        let mut factors = vec![[0.0; CELLS]; self.designs.len()];
        for ((design, cells), area_factors) in self.designs.iter().zip(&cell_counts).zip(factors.iter_mut()) {
            let raked = design.rake(cells, raking)?;
            for ((factor, weight), count) in area_factors.iter_mut().zip(&raked.weights).zip(cells) {
                *factor = if *count > 0.0 { weight / count } else { 0.0 };
            }
        }
        // Summed in group order per ballot, as `MergedBallots::from_weighted` would.
        let mut weights = vec![0.0; self.rankings.len()];
        let mut drawn = vec![false; self.rankings.len()];
        for (g, &count) in counts.iter().enumerate() {
            if count > 0.0 {
                let b = self.group_ballot[g];
                weights[b] += count * factors[self.group_area[g]][self.group_cell[g]];
                drawn[b] = true;
            }
        }
        let mut merged = MergedBallots::default();
        for ((ranking, weight), drawn) in self.rankings.iter().zip(weights).zip(drawn) {
            if drawn {
                merged.rankings.push(ranking.clone());
                merged.weights.push(weight);
            }
        }
        Ok(merged)
    }
}

/// Each group's weighted share of respondents naming at least one of its concerns in their
/// (already cut) ballot; a respondent counts once per group however many of its concerns they name.
pub fn group_shares(ballots: &MergedBallots, groups: &[Vec<u8>]) -> Vec<f64> {
    // The groups each concern belongs to, so a ballot costs one look per ranked concern.
    let mut groups_of: Vec<Vec<usize>> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for &c in group {
            let c = usize::from(c);
            if groups_of.len() <= c {
                groups_of.resize(c + 1, Vec::new());
            }
            groups_of[c].push(g);
        }
    }
    let mut named = vec![0.0; groups.len()];
    // The last ballot counted in each group: a respondent counts once however many concerns match.
    let mut counted = vec![usize::MAX; groups.len()];
    for (b, (ranking, w)) in ballots.rankings.iter().zip(&ballots.weights).enumerate() {
        for &c in ranking {
            for &g in groups_of.get(c).map_or(&[][..], Vec::as_slice) {
                if counted[g] != b {
                    counted[g] = b;
                    named[g] += w;
                }
            }
        }
    }
    let total: f64 = ballots.weights.iter().sum();
    named
        .into_iter()
        .map(|n| if total > 0.0 { n / total } else { f64::NAN })
        .collect()
}

/// Bootstrap rank intervals and probabilities of ranking first, one per concern, and in the same
/// replicates the rank stability of `groups` (sets of concern indices, e.g. candidate priorities)
/// by [`group_shares`]; `None` when `groups` is empty.
/// `pl_start`, the full sample's Plackett–Luce log-worths, warm-starts each replicate's fit (same
/// maximum, far fewer iterations).
#[allow(clippy::too_many_arguments)]
pub fn rank_stability_with_groups(
    areas: &[AreaForEstimates<'_>],
    concerns: usize,
    max_ranked: usize,
    basis: RankBasis,
    pl_start: Option<&[f64]>,
    groups: &[Vec<u8>],
    raking: &RakingOptions,
    options: &BootstrapOptions,
) -> Result<(BootstrapRanks, Option<BootstrapRanks>), ResultsError> {
    let plan = plan(areas, max_ranked)?;
    if plan.group_of.is_empty() {
        return Err(StatsError::Empty { what: "respondents" }.into());
    }
    let segments = if groups.is_empty() { 1 } else { 2 };
    let mut ranks = bootstrap_rank_stability_drawn(options, segments, |rng| {
        let counts = plan.group_counts(rng);
        let ballots = plan.replicate_ballots(&counts, raking)?;
        let concern_scores = match (basis, pl_start) {
            (RankBasis::PlWorth, Some(start)) => {
                plackett_luce_worth_from(concerns, &ballots.ballots(), &PlackettLuceOptions::default(), start)?
            }
            _ => basis.scores(&ballots, concerns, max_ranked)?,
        };
        let mut scores = vec![concern_scores];
        if !groups.is_empty() {
            scores.push(group_shares(&ballots, groups));
        }
        Ok(scores)
    })?
    .into_iter();
    let concern_ranks = ranks.next().ok_or(StatsError::Empty { what: "item scores" })?;
    Ok((concern_ranks, ranks.next()))
}

/// The merged ballots of the full data, through the same cell-level path as the replicates (used
/// by the tests to check that re-raking cells equals raking respondents).
pub fn full_sample_ballots(
    areas: &[AreaForEstimates<'_>],
    max_ranked: usize,
    raking: &RakingOptions,
) -> Result<MergedBallots, ResultsError> {
    let plan = plan(areas, max_ranked)?;
    let mut counts = vec![0.0; plan.group_area.len()];
    for &g in &plan.group_of {
        counts[g as usize] += 1.0;
    }
    Ok(plan.replicate_ballots(&counts, raking)?)
}
