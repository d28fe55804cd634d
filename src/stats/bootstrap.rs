//! Bootstrap over respondents for the stability of a ranking of items (concerns).
//!
//! Each replicate draws `n` respondents with replacement and hands the drawn row indices to a
//! caller's closure, which recomputes the whole pipeline — typically re-raking with the draw counts
//! as initial weights ([`resample_multiplicities`]) and scoring every item — and returns one score
//! per item. Per item we report the interval of its rank over replicates (1 = highest score) and
//! the probability that it ranks first.
//!
//! * **Deterministic:** replicate `r` uses `ChaCha8Rng::seed_from_u64(seed)` on stream `r`, so the
//!   result depends on the seed only, never on the number of threads or their scheduling.
//! * **Ties** get the best rank they share (1 + number of strictly higher scores), and an item tied
//!   for first with `k − 1` others gets `1/k` of that replicate's first place, so the probabilities
//!   of ranking first sum to 1. A NaN score ranks below every number.
//! * **Rank interval:** the `(1−level)/2` and `(1+level)/2` quantiles of the replicate ranks by the
//!   inverse empirical distribution function (R's `quantile(type = 1)`), so the limits are ranks
//!   that actually occurred.
//! * **Failed replicates** (the closure returned an error, e.g. a resample left an age band empty)
//!   are skipped and counted; if every replicate fails the first error is returned.

use super::error::StatsError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Default number of bootstrap replicates.
pub const DEFAULT_REPLICATES: usize = 500;

/// How many replicates, from which seed, on how many threads, at which confidence level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BootstrapOptions {
    /// Number of replicates.
    pub replicates: usize,
    /// Seed of the random number generator.
    pub seed: u64,
    /// Worker threads (results do not depend on it).
    pub threads: usize,
    /// Coverage of the rank interval.
    pub level: f64,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        Self {
            replicates: DEFAULT_REPLICATES,
            seed: 20_220_630,
            threads: 2,
            level: 0.95,
        }
    }
}

/// How stable one item's rank is across replicates.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RankStability {
    /// Lower limit of the rank interval (best rank; 1 = highest score).
    pub rank_lower: usize,
    /// Upper limit of the rank interval (worst rank).
    pub rank_upper: usize,
    /// Share of replicates in which the item ranked first (ties shared).
    pub probability_first: f64,
}

/// Rank stability of every item, and how many replicates were used.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BootstrapRanks {
    /// One entry per item, in the closure's item order.
    pub items: Vec<RankStability>,
    /// Replicates whose scores were used.
    pub replicates_used: usize,
    /// Replicates whose closure returned an error.
    pub replicates_failed: usize,
}

/// How many times each of `respondents` rows was drawn: the initial weights for re-raking a replicate.
pub fn resample_multiplicities(rows: &[usize], respondents: usize) -> Vec<f64> {
    let mut counts = vec![0.0; respondents];
    for &row in rows {
        if let Some(count) = counts.get_mut(row) {
            *count += 1.0;
        }
    }
    counts
}

/// Runs the bootstrap: `score(rows)` gets the drawn row indices of one replicate and returns one
/// score per item (higher is more important).
pub fn bootstrap_rank_stability<F>(
    respondents: usize,
    options: &BootstrapOptions,
    score: F,
) -> Result<BootstrapRanks, StatsError>
where
    F: Fn(&[usize]) -> Result<Vec<f64>, StatsError> + Sync,
{
    if respondents == 0 {
        return Err(StatsError::Empty { what: "respondents" });
    }
    let mut segments = bootstrap_rank_stability_drawn(options, 1, |rng| {
        let rows: Vec<usize> = (0..respondents).map(|_| rng.gen_range(0..respondents)).collect();
        score(&rows).map(|scores| vec![scores])
    })?;
    segments.pop().ok_or(StatsError::Empty { what: "item scores" })
}

/// The general form: replicate `r` gets the generator `ChaCha8Rng::seed_from_u64(seed)` on stream
/// `r`, draws its own resample from it (e.g. within strata) and returns, for each of `segments`
/// independent sets of items, one score per item. Each set is ranked on its own (e.g. concerns and
/// candidate priorities from the same replicates), giving one [`BootstrapRanks`] per set.
pub fn bootstrap_rank_stability_drawn<F>(
    options: &BootstrapOptions,
    segments: usize,
    score: F,
) -> Result<Vec<BootstrapRanks>, StatsError>
where
    F: Fn(&mut ChaCha8Rng) -> Result<Vec<Vec<f64>>, StatsError> + Sync,
{
    if options.replicates == 0 {
        return Err(StatsError::Empty {
            what: "bootstrap replicates",
        });
    }
    if !(options.level > 0.0 && options.level < 1.0) {
        return Err(StatsError::InvalidValue {
            what: "confidence level",
            requirement: "strictly between 0 and 1",
            value: options.level,
        });
    }
    let threads = options.threads.clamp(1, options.replicates);
    let run = |replicate: usize| {
        let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
        rng.set_stream(replicate as u64);
        let scores = score(&mut rng)?;
        if scores.len() != segments {
            return Err(StatsError::LengthMismatch {
                what: "sets of item scores",
                expected: segments,
                found: scores.len(),
            });
        }
        Ok(scores)
    };
    let mut results: Vec<Option<Result<Vec<Vec<f64>>, StatsError>>> = (0..options.replicates).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let run = &run;
                scope.spawn(move || {
                    (t..options.replicates)
                        .step_by(threads)
                        .map(|r| (r, run(r)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(done) => done.into_iter().for_each(|(r, result)| results[r] = Some(result)),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    let results: Vec<Result<Vec<Vec<f64>>, StatsError>> = results.into_iter().flatten().collect();
    (0..segments)
        .map(|segment| {
            let of_segment = results.iter().map(|result| match result {
                Ok(sets) => Ok(sets[segment].clone()),
                Err(error) => Err(error.clone()),
            });
            summarise(of_segment, options.level)
        })
        .collect()
}

/// Turns per-replicate score vectors (in replicate order) into rank intervals and P(first).
fn summarise(
    results: impl Iterator<Item = Result<Vec<f64>, StatsError>>,
    level: f64,
) -> Result<BootstrapRanks, StatsError> {
    let mut ranks: Vec<Vec<usize>> = Vec::new();
    let mut first = Vec::new();
    let (mut used, mut failed, mut first_error) = (0, 0, None);
    for result in results {
        let scores = match result {
            Ok(scores) => scores,
            Err(error) => {
                failed += 1;
                first_error.get_or_insert(error);
                continue;
            }
        };
        if used == 0 {
            if scores.is_empty() {
                return Err(StatsError::Empty { what: "item scores" });
            }
            ranks = vec![Vec::new(); scores.len()];
            first = vec![0.0; scores.len()];
        } else if scores.len() != ranks.len() {
            return Err(StatsError::LengthMismatch {
                what: "item scores",
                expected: ranks.len(),
                found: scores.len(),
            });
        }
        used += 1;
        let replicate_ranks: Vec<usize> = scores
            .iter()
            .map(|s| 1 + scores.iter().filter(|other| ranks_above(**other, *s)).count())
            .collect();
        let tied_first = replicate_ranks.iter().filter(|r| **r == 1).count() as f64;
        for (item, rank) in replicate_ranks.into_iter().enumerate() {
            if rank == 1 {
                first[item] += 1.0 / tied_first;
            }
            ranks[item].push(rank);
        }
    }
    if used == 0 {
        let error = first_error.unwrap_or(StatsError::Empty {
            what: "bootstrap replicates",
        });
        return Err(StatsError::AllReplicatesFailed(Box::new(error)));
    }
    let tail = (1.0 - level) / 2.0;
    let items = ranks
        .into_iter()
        .zip(first)
        .map(|(mut item_ranks, first)| {
            item_ranks.sort_unstable();
            RankStability {
                rank_lower: inverse_ecdf(&item_ranks, tail),
                rank_upper: inverse_ecdf(&item_ranks, 1.0 - tail),
                probability_first: first / used as f64,
            }
        })
        .collect();
    Ok(BootstrapRanks {
        items,
        replicates_used: used,
        replicates_failed: failed,
    })
}

/// Whether score `a` ranks strictly above score `b` (NaN ranks below every number).
fn ranks_above(a: f64, b: f64) -> bool {
    a > b || (!a.is_nan() && b.is_nan())
}

/// R's `quantile(type = 1)` of sorted values: the `⌈p·B⌉`-th smallest (at least the first).
fn inverse_ecdf(sorted: &[usize], probability: f64) -> usize {
    let position = (probability * sorted.len() as f64 - 1e-9).ceil().max(1.0) as usize;
    sorted[position.min(sorted.len()) - 1]
}

#[cfg(test)]
#[path = "bootstrap_tests.rs"]
mod tests;
