//! The same linearised variance of a raked proportion, computed from groups of respondents instead
//! of respondent by respondent.
//!
//! Respondents who share every margin's category code, their raked weight and their design weight
//! have the same calibration variables and the same weight, so for a 0/1 outcome their influence
//! values take only three values (yes, no, outside the domain). Everything the variance needs — the
//! regression's right-hand side, the residuals and `Σ (z − z̄)²` — is then a sum over groups of
//! counts times those values. A raked council area has at most a few dozen groups (age band × sex
//! cells, with unknowns), so once respondents are counted per group ([`RespondentGroups`]) a
//! proportion's variance costs nothing like a pass over the respondents, and many outcomes can be
//! counted in one pass. The result equals [`CalibrationVariance::proportion_variance`] up to
//! floating-point summation order (checked in the tests).

use super::{CalibrationVariance, LinearisedProportion};
use crate::stats::error::StatsError;
use std::collections::HashMap;

/// Respondents grouped by (category code of every margin, raked weight, design weight).
#[derive(Debug, Clone, PartialEq)]
pub struct RespondentGroups {
    /// The group of each respondent, in the design's order.
    pub group_of: Vec<u32>,
    /// Per group: the category code of each margin.
    codes: Vec<Vec<u32>>,
    /// Per group: raked weight.
    weights: Vec<f64>,
    /// Per group: design (pre-raking) weight.
    design_weights: Vec<f64>,
}

impl RespondentGroups {
    /// Number of groups.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether there are no groups (no respondents).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The raked weight of group `g`'s members.
    pub fn weight(&self, g: usize) -> f64 {
        self.weights[g]
    }
}

/// How many members of one group answered "yes", "no", or are outside the domain.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OutcomeCounts {
    pub yes: f64,
    pub no: f64,
    pub outside: f64,
}

impl OutcomeCounts {
    /// Adds one respondent with outcome `y` (`None` = outside the domain).
    pub fn add(&mut self, y: Option<bool>) {
        match y {
            Some(true) => self.yes += 1.0,
            Some(false) => self.no += 1.0,
            None => self.outside += 1.0,
        }
    }

    fn members(&self) -> f64 {
        self.yes + self.no + self.outside
    }
}

impl CalibrationVariance<'_> {
    /// Groups the design's respondents by codes and weights; `weights` are the raked weights.
    pub fn groups(&self, weights: &[f64]) -> Result<RespondentGroups, StatsError> {
        let n = self.design.respondents();
        if weights.len() != n {
            return Err(StatsError::LengthMismatch {
                what: "weights",
                expected: n,
                found: weights.len(),
            });
        }
        let margins = self.design.compiled_margins();
        // Key: the codes, then the two weights' bits as four u32s (looked up without allocating).
        let mut index: HashMap<Vec<u32>, u32> = HashMap::new();
        let mut groups = RespondentGroups {
            group_of: Vec::with_capacity(n),
            codes: Vec::new(),
            weights: Vec::new(),
            design_weights: Vec::new(),
        };
        let mut key = Vec::with_capacity(margins.len() + 4);
        for (i, (&w, &d)) in weights.iter().zip(&self.design_weights).enumerate() {
            key.clear();
            key.extend(margins.iter().map(|m| m.codes[i]));
            for bits in [w.to_bits(), d.to_bits()] {
                key.extend([bits as u32, (bits >> 32) as u32]);
            }
            let g = match index.get(key.as_slice()) {
                Some(&g) => g,
                None => {
                    let g = groups.weights.len() as u32;
                    index.insert(key.clone(), g);
                    groups.codes.push(key[..margins.len()].to_vec());
                    groups.weights.push(w);
                    groups.design_weights.push(d);
                    g
                }
            };
            groups.group_of.push(g);
        }
        Ok(groups)
    }

    /// [`CalibrationVariance::proportion_variance`] from per-group outcome counts (`counts[g]` for
    /// group `g` of `groups`).
    pub fn proportion_variance_grouped(
        &self,
        groups: &RespondentGroups,
        counts: &[OutcomeCounts],
    ) -> Result<LinearisedProportion, StatsError> {
        if counts.len() != groups.len() {
            return Err(StatsError::LengthMismatch {
                what: "group counts",
                expected: groups.len(),
                found: counts.len(),
            });
        }
        let n: f64 = counts.iter().map(OutcomeCounts::members).sum();
        if n < 2.0 {
            return Err(StatsError::InvalidValue {
                what: "number of respondents",
                requirement: "at least 2 for a variance",
                value: n,
            });
        }
        let (mut yes, mut domain) = (0.0, 0.0);
        for (c, w) in counts.iter().zip(&groups.weights) {
            yes += w * c.yes;
            domain += w * (c.yes + c.no);
        }
        if domain <= 0.0 {
            return Err(StatsError::NoWeightInDomain);
        }
        let p = yes / domain;
        let (u_yes, u_no) = ((1.0 - p) / domain, -p / domain);
        let margins = self.design.compiled_margins();
        let mut rhs = vec![0.0; self.columns];
        for (g, c) in counts.iter().enumerate() {
            let du = groups.design_weights[g] * (c.yes * u_yes + c.no * u_no);
            rhs[0] += du;
            for ((margin, offset), &a) in margins.iter().zip(&self.offsets).zip(&groups.codes[g]) {
                for k in 1..margin.categories() {
                    rhs[offset + k - 1] += super::calibration_value(margin, k, a as usize) * du;
                }
            }
        }
        let beta = self.normal_equations.solve(&rhs);
        // Residual part of each group: e_g = β₀ + Σ_m Σ_k β_mk x_mk(code).
        let explained: Vec<f64> = groups
            .codes
            .iter()
            .map(|codes| {
                let mut e = beta[0];
                for ((margin, offset), &a) in margins.iter().zip(&self.offsets).zip(codes) {
                    for k in 1..margin.categories() {
                        e += beta[offset + k - 1] * super::calibration_value(margin, k, a as usize);
                    }
                }
                e
            })
            .collect();
        // The three values of z = w (u − e) in each group, with their counts.
        let values = |g: usize| {
            let (w, e, c) = (groups.weights[g], explained[g], counts[g]);
            [(c.yes, w * (u_yes - e)), (c.no, w * (u_no - e)), (c.outside, -w * e)]
        };
        let total: f64 = (0..groups.len()).flat_map(values).map(|(k, z)| k * z).sum();
        let mean = total / n;
        let sum_sq: f64 = (0..groups.len())
            .flat_map(values)
            .map(|(k, z)| k * (z - mean) * (z - mean))
            .sum();
        Ok(LinearisedProportion {
            proportion: p,
            variance: n / (n - 1.0) * sum_sq,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::stats::{Margin, RakingDesign, RakingOptions};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn grouped_counts_give_the_respondent_level_variance() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let n = 700;
        let age: Vec<Option<usize>> = (0..n).map(|i| Some(i % 4).filter(|_| rng.gen_bool(0.9))).collect();
        let sex: Vec<Option<usize>> = (0..n)
            .map(|_| Some(rng.gen_range(0..2)).filter(|_| rng.gen_bool(0.95)))
            .collect();
        let age_targets = [300.0, 250.0, 260.0, 190.0];
        let sex_targets = [480.0, 520.0];
        let design = RakingDesign::new(&[
            Margin {
                categories: &age,
                targets: &age_targets,
            },
            Margin {
                categories: &sex,
                targets: &sex_targets,
            },
        ])
        .unwrap();
        for design_weight in [1.0, 2.5] {
            let initial = vec![design_weight; n];
            let raked = design.rake(&initial, &RakingOptions::default()).unwrap();
            let calibration = CalibrationVariance::new(&design, &initial).unwrap();
            let groups = calibration.groups(&raked.weights).unwrap();
            assert!(groups.len() <= 15, "5 age codes × 3 sex codes, got {}", groups.len());
            for (yes_rate, answered_rate) in [(0.3, 1.0), (0.6, 0.8), (0.02, 0.5)] {
                let outcome: Vec<Option<bool>> = (0..n)
                    .map(|_| Some(rng.gen_bool(yes_rate)).filter(|_| rng.gen_bool(answered_rate)))
                    .collect();
                let direct = calibration.proportion_variance(&raked.weights, &outcome).unwrap();
                let mut counts = vec![OutcomeCounts::default(); groups.len()];
                for (g, y) in groups.group_of.iter().zip(&outcome) {
                    counts[*g as usize].add(*y);
                }
                let grouped = calibration.proportion_variance_grouped(&groups, &counts).unwrap();
                assert!(
                    (grouped.proportion - direct.proportion).abs() < 1e-13,
                    "{grouped:?} vs {direct:?}"
                );
                assert!(
                    (grouped.variance - direct.variance).abs() < 1e-10 * direct.variance,
                    "{grouped:?} vs {direct:?}"
                );
            }
        }
    }

    #[test]
    fn nobody_in_the_domain_and_too_few_respondents_are_errors() {
        let age: Vec<Option<usize>> = vec![Some(0), Some(1), Some(0)];
        let targets = [5.0, 5.0];
        let design = RakingDesign::new(&[Margin {
            categories: &age,
            targets: &targets,
        }])
        .unwrap();
        let ones = vec![1.0; 3];
        let raked = design.rake(&ones, &RakingOptions::default()).unwrap();
        let calibration = CalibrationVariance::new(&design, &ones).unwrap();
        let groups = calibration.groups(&raked.weights).unwrap();
        let outside = vec![
            OutcomeCounts {
                outside: 2.0,
                ..Default::default()
            },
            OutcomeCounts {
                outside: 1.0,
                ..Default::default()
            },
        ];
        assert_eq!(
            calibration.proportion_variance_grouped(&groups, &outside),
            Err(StatsError::NoWeightInDomain)
        );
        let one = vec![
            OutcomeCounts {
                yes: 1.0,
                ..Default::default()
            },
            OutcomeCounts::default(),
        ];
        assert!(calibration.proportion_variance_grouped(&groups, &one).is_err());
    }
}
