//! Descriptive summaries of weighted partial rankings ("rank your top N concerns"): the weighted
//! share ranking each item first, the share ranking it anywhere in the top N, and mean truncated
//! Borda points (rank r of N scores N + 1 − r, unranked 0).
//!
//! All shares are of the total weight of all ballots, including ballots that rank fewer than N
//! items (or none), so they answer "what share of residents put this concern in their top N".

use super::error::StatsError;

/// One respondent's ranking (item indices, most important first) and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightedBallot<'a> {
    /// Item indices in rank order; no repeats.
    pub ranking: &'a [usize],
    /// The respondent's weight (finite, non-negative).
    pub weight: f64,
}

/// Weighted share of ballots ranking each item first.
pub fn share_first(item_count: usize, ballots: &[WeightedBallot<'_>]) -> Result<Vec<f64>, StatsError> {
    share_top_n(item_count, 1, ballots)
}

/// Weighted share of ballots ranking each item in one of the first `top_n` positions.
pub fn share_top_n(item_count: usize, top_n: usize, ballots: &[WeightedBallot<'_>]) -> Result<Vec<f64>, StatsError> {
    let total = check_ballots(item_count, None, ballots)?;
    let mut shares = vec![0.0; item_count];
    for ballot in ballots {
        for &item in ballot.ranking.iter().take(top_n) {
            shares[item] += ballot.weight;
        }
    }
    Ok(shares.into_iter().map(|s| s / total).collect())
}

/// Weighted mean truncated Borda points: rank `r` (1-based) of `top_n` scores `top_n + 1 − r`,
/// unranked 0. Ballots longer than `top_n` are refused.
pub fn borda_mean(item_count: usize, top_n: usize, ballots: &[WeightedBallot<'_>]) -> Result<Vec<f64>, StatsError> {
    let total = check_ballots(item_count, Some(top_n), ballots)?;
    let mut points = vec![0.0; item_count];
    for ballot in ballots {
        for (position, &item) in ballot.ranking.iter().enumerate() {
            points[item] += ballot.weight * (top_n - position) as f64;
        }
    }
    Ok(points.into_iter().map(|p| p / total).collect())
}

/// Checks every ballot (items in range, no repeats, at most `max_length` items, valid weight) and
/// returns the total weight, which must be positive.
pub(crate) fn check_ballots(
    item_count: usize,
    max_length: Option<usize>,
    ballots: &[WeightedBallot<'_>],
) -> Result<f64, StatsError> {
    if item_count == 0 {
        return Err(StatsError::Empty { what: "items" });
    }
    let mut total = 0.0;
    for (index, ballot) in ballots.iter().enumerate() {
        let invalid = |reason| Err(StatsError::InvalidBallot { ballot: index, reason });
        if !(ballot.weight.is_finite() && ballot.weight >= 0.0) {
            return invalid("weight must be finite and non-negative");
        }
        if max_length.is_some_and(|max| ballot.ranking.len() > max) {
            return invalid("ranks more items than allowed");
        }
        for (position, &item) in ballot.ranking.iter().enumerate() {
            if item >= item_count {
                return invalid("item index out of range");
            }
            if ballot.ranking[..position].contains(&item) {
                return invalid("item ranked twice");
            }
        }
        total += ballot.weight;
    }
    if total > 0.0 {
        Ok(total)
    } else {
        Err(StatsError::Empty { what: "ballot weight" })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn short_and_empty_ballots_count_in_the_denominator() {
        let ballots = [
            WeightedBallot {
                ranking: &[1, 0],
                weight: 1.0,
            },
            WeightedBallot {
                ranking: &[],
                weight: 1.0,
            },
            WeightedBallot {
                ranking: &[1],
                weight: 2.0,
            },
        ];
        assert_eq!(share_first(3, &ballots).unwrap(), vec![0.0, 0.75, 0.0]);
        assert_eq!(share_top_n(3, 2, &ballots).unwrap(), vec![0.25, 0.75, 0.0]);
        // Borda with N = 2: item 1 gets 2 + 2×2 = 6 points, item 0 gets 1; total weight 4.
        assert_eq!(borda_mean(3, 2, &ballots).unwrap(), vec![0.25, 1.5, 0.0]);
    }

    #[test]
    fn invalid_ballots_are_refused_with_their_index() {
        let repeated = [
            WeightedBallot {
                ranking: &[0],
                weight: 1.0,
            },
            WeightedBallot {
                ranking: &[1, 1],
                weight: 1.0,
            },
        ];
        assert!(matches!(
            share_first(3, &repeated),
            Err(StatsError::InvalidBallot { ballot: 1, .. })
        ));
        let out_of_range = [WeightedBallot {
            ranking: &[3],
            weight: 1.0,
        }];
        assert!(share_first(3, &out_of_range).is_err());
        let too_long = [WeightedBallot {
            ranking: &[0, 1, 2],
            weight: 1.0,
        }];
        assert!(borda_mean(3, 2, &too_long).is_err());
        let negative = [WeightedBallot {
            ranking: &[0],
            weight: -1.0,
        }];
        assert!(share_first(3, &negative).is_err());
    }
}
