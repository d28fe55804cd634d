//! Weighted proportions pooled over council areas, with the linearised variance of the raked
//! estimator, council areas being strata.
//!
//! A pooled share is `p = Σ_h Y_h / Σ_h D_h`, where in area `h` the raked weights give `Y_h` (weight
//! of those answering "yes") and `D_h` (weight of those who answered). Its linearised variance is
//! the stratified sum `V = Σ_h S_h(a − p·b) / D²`, where `a_i = 1[answered and yes]`,
//! `b_i = 1[answered]` and `S_h(x) = n_h/(n_h−1) Σ_{i∈h} (w_i e_i(x) − mean)²` with `e(x)` the
//! residuals of `x` on area `h`'s calibration variables — exactly what
//! [`CalibrationVariance::proportion_variance`] computes within one area for a share of everyone
//! (`S_h(x) = V_h(x)·T_h²`). `S_h` is a quadratic form, so
//! `S_h(a − p b) = S_h(a) − 2p·C_h + p²·S_h(b)` with `C_h = (S_h(a) + S_h(b) − S_h(b − a)) / 2`, and
//! `b − a` is again a 0/1 outcome ("answered, and no"). For a single area this is the same
//! variance `proportion_variance` gives for the domain share (checked in the tests). A council area
//! with one respondent contributes no variance (as R's `survey.lonely.psu = "certainty"`).

//!
//! **Speed.** Respondents of an area who share their age and sex codes and weight form one group
//! ([`RespondentGroups`]); a share only needs, per group, how many said yes, no or did not answer
//! ([`OutcomeCounts`]), so each share costs one counting pass (or less: [`concern_counts`] counts
//! every concern's top-N and first-choice outcome in one pass) and the variance algebra runs on a
//! few dozen groups per area.

use super::dataset::Respondent;
use super::weighting::WeightedArea;
use super::ResultsError;
use crate::stats::{CalibrationVariance, OutcomeCounts, RespondentGroups, StatsError};

/// A weighted share with its variance and unweighted base.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub proportion: f64,
    pub variance: f64,
    /// Respondents in the domain (who answered the question; everyone for concern shares).
    pub base: usize,
    /// Respondents in the domain whose answer counts as "yes".
    pub count: usize,
}

/// A raked area ready for variance calculations.
pub struct AreaForEstimates<'a> {
    pub weighted: &'a WeightedArea,
    pub respondents: &'a [Respondent],
    variance: CalibrationVariance<'a>,
    groups: RespondentGroups,
}

/// Per-group outcome counts of one area.
pub type AreaCounts = Vec<OutcomeCounts>;

impl<'a> AreaForEstimates<'a> {
    pub fn new(weighted: &'a WeightedArea, respondents: &'a [Respondent]) -> Result<Self, ResultsError> {
        let ones = vec![1.0; respondents.len()];
        let variance = CalibrationVariance::new(&weighted.design, &ones)?;
        let groups = variance.groups(&weighted.weights)?;
        Ok(Self {
            weighted,
            respondents,
            variance,
            groups,
        })
    }

    pub fn total_weight(&self) -> f64 {
        self.weighted.weights.iter().sum()
    }

    /// Per-group counts of `outcome` over the area's respondents.
    pub fn count(&self, outcome: impl Fn(&Respondent) -> Option<bool>) -> AreaCounts {
        let mut counts = vec![OutcomeCounts::default(); self.groups.len()];
        for (r, g) in self.respondents.iter().zip(&self.groups.group_of) {
            counts[*g as usize].add(outcome(r));
        }
        counts
    }

    /// `S_h(x)` for a 0/1 outcome of everyone given per group as (yes, no) counts, or 0 for an area
    /// of one respondent.
    fn quadratic(&self, counts: &[OutcomeCounts], total: f64) -> Result<f64, ResultsError> {
        if self.respondents.len() < 2 {
            return Ok(0.0);
        }
        match self.variance.proportion_variance_grouped(&self.groups, counts) {
            Ok(v) => Ok(v.variance * total * total),
            Err(StatsError::NoWeightInDomain) => Ok(0.0),
            Err(e) => Err(e.into()),
        }
    }

    /// The per-area pieces of a pooled share from the area's per-group counts.
    fn terms(&self, counts: &[OutcomeCounts]) -> Result<AreaTerms, ResultsError> {
        let (mut yes, mut domain, mut base, mut count, mut unanswered) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (g, c) in counts.iter().enumerate() {
            let w = self.groups.weight(g);
            yes += w * c.yes;
            domain += w * (c.yes + c.no);
            base += c.yes + c.no;
            count += c.yes;
            unanswered += c.outside;
        }
        let total = self.total_weight();
        let everyone = |yes: &dyn Fn(&OutcomeCounts) -> f64| -> Vec<OutcomeCounts> {
            counts
                .iter()
                .map(|c| OutcomeCounts {
                    yes: yes(c),
                    no: c.yes + c.no + c.outside - yes(c),
                    outside: 0.0,
                })
                .collect()
        };
        let s_a = self.quadratic(&everyone(&|c| c.yes), total)?;
        let (s_b, c_ab) = if unanswered == 0.0 {
            (0.0, 0.0)
        } else {
            let s_b = self.quadratic(&everyone(&|c| c.yes + c.no), total)?;
            let s_c = self.quadratic(&everyone(&|c| c.no), total)?;
            (s_b, (s_a + s_b - s_c) / 2.0)
        };
        Ok(AreaTerms {
            yes,
            domain,
            base: base as usize,
            count: count as usize,
            s_a,
            s_b,
            c_ab,
        })
    }
}

/// Per-area pieces of a pooled share.
struct AreaTerms {
    yes: f64,
    domain: f64,
    base: usize,
    count: usize,
    s_a: f64,
    s_b: f64,
    c_ab: f64,
}

/// The pooled weighted share of `outcome` (`None` = not in the domain) and its variance; `None`
/// when nobody is in the domain.
pub fn pooled_proportion(
    areas: &[AreaForEstimates<'_>],
    outcome: impl Fn(&Respondent) -> Option<bool>,
) -> Result<Option<Estimate>, ResultsError> {
    let counts: Vec<AreaCounts> = areas.iter().map(|a| a.count(&outcome)).collect();
    pooled_from_counts(areas, &counts)
}

/// The pooled share from per-area, per-group counts (`counts[h]` for `areas[h]`).
pub fn pooled_from_counts(
    areas: &[AreaForEstimates<'_>],
    counts: &[AreaCounts],
) -> Result<Option<Estimate>, ResultsError> {
    let terms: Vec<AreaTerms> = areas
        .iter()
        .zip(counts)
        .map(|(a, c)| a.terms(c))
        .collect::<Result<_, _>>()?;
    let yes: f64 = terms.iter().map(|t| t.yes).sum();
    let domain: f64 = terms.iter().map(|t| t.domain).sum();
    let base: usize = terms.iter().map(|t| t.base).sum();
    let count: usize = terms.iter().map(|t| t.count).sum();
    if base == 0 || domain <= 0.0 {
        return Ok(None);
    }
    let p = yes / domain;
    let variance: f64 = terms
        .iter()
        .map(|t| t.s_a - 2.0 * p * t.c_ab + p * p * t.s_b)
        .sum::<f64>()
        / (domain * domain);
    Ok(Some(Estimate {
        proportion: p,
        variance: variance.max(0.0),
        base,
        count,
    }))
}

/// Per area, the per-group counts of every concern's "in the top `max_ranked`" and "ranked first"
/// outcomes, in one pass over the respondents: `(top_n[h][k], first[h][k])` for area `h`, concern `k`.
#[allow(clippy::type_complexity)]
pub fn concern_counts(
    areas: &[AreaForEstimates<'_>],
    concerns: usize,
    max_ranked: usize,
) -> (Vec<Vec<AreaCounts>>, Vec<Vec<AreaCounts>>) {
    let mut top_n = Vec::with_capacity(areas.len());
    let mut first = Vec::with_capacity(areas.len());
    for area in areas {
        let groups = area.groups.len();
        // yes counts per (concern, group); members per group.
        let mut named = vec![0.0; concerns * groups];
        let mut firsts = vec![0.0; concerns * groups];
        let mut members = vec![0.0; groups];
        for (r, g) in area.respondents.iter().zip(&area.groups.group_of) {
            let g = *g as usize;
            members[g] += 1.0;
            let ranking = r.ranking.as_slice();
            for (position, &k) in ranking.iter().take(max_ranked).enumerate() {
                let k = usize::from(k);
                // Concern codes outside the definition are never counted as answers.
                if k < concerns && !ranking[..position].contains(&ranking[position]) {
                    named[k * groups + g] += 1.0;
                }
            }
            if let Some(&k) = ranking.first().filter(|&&k| usize::from(k) < concerns) {
                firsts[usize::from(k) * groups + g] += 1.0;
            }
        }
        let to_counts = |yes: &[f64]| -> Vec<AreaCounts> {
            (0..concerns)
                .map(|k| {
                    (0..groups)
                        .map(|g| {
                            let y = yes[k * groups + g];
                            OutcomeCounts {
                                yes: y,
                                no: members[g] - y,
                                outside: 0.0,
                            }
                        })
                        .collect()
                })
                .collect()
        };
        top_n.push(to_counts(&named));
        first.push(to_counts(&firsts));
    }
    (top_n, first)
}
