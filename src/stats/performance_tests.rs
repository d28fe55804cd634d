//! Timing check for the evidence-pack workload: rake 1,000,000 responses in 32 areas to age and sex,
//! then estimate a share with its raked-design variance and Korn–Graubard interval per area.
//! The budget is 1 s on the project's 2-core machine; at the test profile's opt-level 1 it takes
//! well under 0.1 s there, so the check has room for a busy CI machine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::{Duration, Instant};

struct Area {
    age: Vec<Option<usize>>,
    sex: Vec<Option<usize>>,
    concern: Vec<Option<bool>>,
}

fn synthetic_areas(respondents: usize, areas: usize) -> Vec<Area> {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let age_skew = [0.05, 0.10, 0.15, 0.20, 0.22, 0.18, 0.10];
    (0..areas)
        .map(|_| {
            let n = respondents / areas;
            let mut area = Area {
                age: Vec::with_capacity(n),
                sex: Vec::with_capacity(n),
                concern: Vec::with_capacity(n),
            };
            for _ in 0..n {
                let u: f64 = rng.gen();
                let mut cumulative = 0.0;
                let band = age_skew.iter().position(|p| {
                    cumulative += p;
                    u < cumulative
                });
                let age = if rng.gen_bool(0.03) {
                    None
                } else {
                    Some(band.unwrap_or(6))
                };
                let sex = if rng.gen_bool(0.02) {
                    None
                } else {
                    Some(usize::from(rng.gen_bool(0.55)))
                };
                let p = 0.2 + 0.05 * age.unwrap_or(3) as f64;
                area.age.push(age);
                area.sex.push(sex);
                area.concern.push(Some(rng.gen_bool(p)));
            }
            area
        })
        .collect()
}

#[test]
fn raking_and_estimates_for_a_million_responses_in_32_areas_take_under_a_second() {
    let areas = synthetic_areas(1_000_000, 32);
    let age_targets = [13.0, 16.0, 15.0, 16.0, 16.0, 13.0, 11.0];
    let sex_targets = [48.5, 51.5];
    let start = Instant::now();
    let mut sweeps = 0;
    for area in &areas {
        let n = area.age.len();
        let margins = [
            Margin {
                categories: &area.age,
                targets: &age_targets,
            },
            Margin {
                categories: &area.sex,
                targets: &sex_targets,
            },
        ];
        let design = RakingDesign::new(&margins).unwrap();
        let ones = vec![1.0; n];
        let raked = design.rake(&ones, &RakingOptions::default()).unwrap();
        assert!(raked.converged);
        sweeps += raked.iterations;
        let summary = summarise_weights(&raked.weights).unwrap();
        let estimate = CalibrationVariance::new(&design, &ones)
            .unwrap()
            .proportion_variance(&raked.weights, &area.concern)
            .unwrap();
        let interval =
            korn_graubard_interval(estimate.proportion, estimate.variance, n as f64, 0.95).unwrap();
        assert!(interval.lower < estimate.proportion && estimate.proportion < interval.upper);
        assert!(summary.kish_design_effect >= 1.0);
    }
    let elapsed = start.elapsed();
    eprintln!("1,000,000 responses, 32 areas: {elapsed:?} ({sweeps} raking sweeps in all)");
    assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
}
