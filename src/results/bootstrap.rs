//! Rank stability of the concerns by a seeded bootstrap over respondents, re-raking every replicate.
//!
//! * **Resampling.** Each replicate resamples respondents with replacement *within each council
//!   area* (areas are raked separately, so they are strata). For a single area the draw is exactly
//!   the one [`bootstrap_rank_stability`] hands over; for several areas, the within-area draws come
//!   from a ChaCha8 generator seeded by a hash of that draw — itself a function of the seed and the
//!   replicate number only — so the same seed always gives the same result, whatever the threads.
//! * **Re-raking.** Raking only sees how much weight each (age band, sex) cell has, so a replicate
//!   rakes each area's 24-cell table (8 age codes including unknown × 3 sex codes) with the resampled
//!   counts as initial weights, which gives exactly the weights re-raking every respondent would.
//!   Respondents are grouped once by (area, cell, ballot), so a replicate costs one pass over its
//!   draw plus work on a few thousand groups. Trimming, when asked for, is not repeated in the
//!   replicates (they are raked only).
//! * **Scores.** Concerns are ranked by Plackett–Luce worth when the model is identified on the
//!   full data, otherwise by weighted top-N share (see [`RankBasis`]); a replicate that cannot be
//!   raked (a resample leaves a raking group empty) is skipped and counted.

use super::concerns::{truncate, MergedBallots, RankBasis};
use super::dataset::{RankingCodes, Respondent};
use super::estimates::AreaForEstimates;
use super::weighting::design_for;
use super::ResultsError;
use crate::stats::{bootstrap_rank_stability, BootstrapOptions, BootstrapRanks, RakingDesign, RakingOptions, StatsError};
use rand::{Rng, SeedableRng};
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
    group_ballot: Vec<usize>,
    ballots: Vec<RankingCodes>,
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
    Ok(Plan { designs, spans, group_of, group_area, group_cell, group_ballot, ballots })
}

impl Plan {
    /// How many times each group was drawn in a replicate, resampling within each area.
    fn group_counts(&self, rows: &[usize]) -> Vec<f64> {
        let mut counts = vec![0.0; self.group_area.len()];
        if self.spans.len() == 1 {
            for &row in rows {
                counts[self.group_of[row] as usize] += 1.0;
            }
            return counts;
        }
        // FNV-1a of the replicate's draw: a seed that depends on the bootstrap seed and replicate only.
        let seed = rows.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &r| (h ^ r as u64).wrapping_mul(0x0100_0000_01b3));
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        for &(start, len) in &self.spans {
            for _ in 0..len {
                counts[self.group_of[start + rng.gen_range(0..len)] as usize] += 1.0;
            }
        }
        counts
    }

    /// Merged ballots of one replicate, re-raked area by area.
    fn replicate_ballots(&self, rows: &[usize], raking: &RakingOptions) -> Result<MergedBallots, StatsError> {
        let counts = self.group_counts(rows);
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
        let rows = counts.iter().enumerate().filter(|(_, c)| **c > 0.0).map(|(g, count)| {
            let weight = count * factors[self.group_area[g]][self.group_cell[g]];
            (&self.ballots[self.group_ballot[g]], weight)
        });
        Ok(MergedBallots::from_weighted(rows, usize::MAX))
    }
}

/// Bootstrap rank intervals and probabilities of ranking first, one per concern.
pub fn rank_stability(
    areas: &[AreaForEstimates<'_>],
    concerns: usize,
    max_ranked: usize,
    basis: RankBasis,
    raking: &RakingOptions,
    options: &BootstrapOptions,
) -> Result<BootstrapRanks, ResultsError> {
    let plan = plan(areas, max_ranked)?;
    let n = plan.group_of.len();
    let ranks = bootstrap_rank_stability(n, options, |rows| {
        let ballots = plan.replicate_ballots(rows, raking)?;
        basis.scores(&ballots, concerns, max_ranked)
    })?;
    Ok(ranks)
}

/// The merged ballots of the full data, through the same cell-level path as the replicates (used
/// by the tests to check that re-raking cells equals raking respondents).
pub fn full_sample_ballots(
    areas: &[AreaForEstimates<'_>],
    max_ranked: usize,
    raking: &RakingOptions,
) -> Result<MergedBallots, ResultsError> {
    let plan = plan(areas, max_ranked)?;
    let rows: Vec<usize> = (0..plan.group_of.len()).collect();
    let single = Plan { spans: vec![(0, plan.group_of.len())], ..plan };
    Ok(single.replicate_ballots(&rows, raking)?)
}
