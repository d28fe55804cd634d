#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::stats::raking::{Margin, RakingDesign, RakingOptions};
use crate::stats::ranking_summary::{share_top_n, WeightedBallot};

/// 60 respondents, each ranking 2 of 4 concerns; concern 0 is clearly ahead, 1 and 2 close.
fn survey() -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let patterns = [
        vec![0, 1],
        vec![0, 2],
        vec![1, 0],
        vec![2, 1],
        vec![0, 3],
        vec![0, 2],
        vec![2, 0],
        vec![0, 1],
    ];
    let rankings = (0..60)
        .map(|i| patterns[(i * 7 + i / 8) % patterns.len()].clone())
        .collect();
    let sex = (0..60).map(|i| Some(i % 3 % 2)).collect();
    (rankings, sex)
}

/// Re-rakes the resample to the sex margin and scores concerns by weighted top-2 share.
fn score_with_reraking<'a>(
    rankings: &'a [Vec<usize>],
    design: &'a RakingDesign,
) -> impl Fn(&[usize]) -> Result<Vec<f64>, StatsError> + Sync + 'a {
    move |rows| {
        let raked = design.rake(
            &resample_multiplicities(rows, rankings.len()),
            &RakingOptions::default(),
        )?;
        let ballots: Vec<WeightedBallot<'_>> = rankings
            .iter()
            .zip(&raked.weights)
            .map(|(r, w)| WeightedBallot { ranking: r, weight: *w })
            .collect();
        share_top_n(4, 2, &ballots)
    }
}

#[test]
fn the_same_seed_gives_the_same_result_whatever_the_number_of_threads() {
    let (rankings, sex) = survey();
    let margins = [Margin {
        categories: &sex,
        targets: &[30.0, 30.0],
    }];
    let design = RakingDesign::new(&margins).unwrap();
    let options = BootstrapOptions {
        replicates: 120,
        seed: 7,
        threads: 1,
        level: 0.95,
    };
    let one = bootstrap_rank_stability(60, &options, score_with_reraking(&rankings, &design)).unwrap();
    let two = bootstrap_rank_stability(
        60,
        &BootstrapOptions { threads: 2, ..options },
        score_with_reraking(&rankings, &design),
    )
    .unwrap();
    let three = bootstrap_rank_stability(
        60,
        &BootstrapOptions { threads: 3, ..options },
        score_with_reraking(&rankings, &design),
    )
    .unwrap();
    assert_eq!(one, two);
    assert_eq!(one, three);
    // Scores that are the first drawn rows themselves show every difference between resamples.
    let drawn = |rows: &[usize]| Ok(rows[..3].iter().map(|r| *r as f64).collect());
    let seven = bootstrap_rank_stability(60, &options, drawn).unwrap();
    assert_eq!(
        seven,
        bootstrap_rank_stability(60, &BootstrapOptions { threads: 2, ..options }, drawn).unwrap()
    );
    let eight = bootstrap_rank_stability(60, &BootstrapOptions { seed: 8, ..options }, drawn).unwrap();
    assert_ne!(seven, eight, "a different seed draws different resamples");
}

#[test]
fn probabilities_of_ranking_first_sum_to_one_and_the_clear_leader_is_first() {
    let (rankings, sex) = survey();
    let margins = [Margin {
        categories: &sex,
        targets: &[30.0, 30.0],
    }];
    let design = RakingDesign::new(&margins).unwrap();
    let result = bootstrap_rank_stability(
        60,
        &BootstrapOptions::default(),
        score_with_reraking(&rankings, &design),
    )
    .unwrap();
    assert_eq!(result.replicates_used, DEFAULT_REPLICATES);
    let total: f64 = result.items.iter().map(|i| i.probability_first).sum();
    assert!((total - 1.0).abs() < 1e-12, "sum {total}");
    assert!(result.items[0].probability_first > 0.95, "{:?}", result.items);
    assert_eq!(result.items[0].rank_lower, 1);
    assert_eq!(result.items[3].rank_upper, 4);
    for item in &result.items {
        assert!(item.rank_lower <= item.rank_upper);
    }
}

#[test]
fn ties_share_first_place() {
    let result = bootstrap_rank_stability(
        5,
        &BootstrapOptions {
            replicates: 10,
            ..BootstrapOptions::default()
        },
        |_| Ok(vec![2.0, 2.0, 1.0, f64::NAN]),
    )
    .unwrap();
    assert_eq!(result.items[0].probability_first, 0.5);
    assert_eq!(result.items[1].probability_first, 0.5);
    assert_eq!((result.items[2].rank_lower, result.items[2].rank_upper), (3, 3));
    assert_eq!((result.items[3].rank_lower, result.items[3].rank_upper), (4, 4));
}

#[test]
fn failed_replicates_are_counted_and_all_failing_is_an_error() {
    let options = BootstrapOptions {
        replicates: 20,
        ..BootstrapOptions::default()
    };
    let some_fail = bootstrap_rank_stability(10, &options, |rows| {
        if rows[0] == 0 {
            Err(StatsError::EmptyCategory { margin: 0, category: 0 })
        } else {
            Ok(vec![1.0, 0.0])
        }
    })
    .unwrap();
    assert_eq!(some_fail.replicates_used + some_fail.replicates_failed, 20);
    let all_fail = bootstrap_rank_stability(10, &options, |_| Err(StatsError::NoWeightInDomain));
    assert_eq!(
        all_fail,
        Err(StatsError::AllReplicatesFailed(Box::new(StatsError::NoWeightInDomain)))
    );
}

#[test]
fn rank_interval_uses_ranks_that_occurred() {
    // 40 replicates: item 0 is first in the first 30 (replicate order does not matter to the result).
    let sorted: Vec<usize> = [vec![1; 30], vec![2; 10]].concat();
    assert_eq!(inverse_ecdf(&sorted, 0.025), 1);
    assert_eq!(inverse_ecdf(&sorted, 0.975), 2);
    assert_eq!(inverse_ecdf(&[1, 2, 3, 4], 0.5), 2);
}
