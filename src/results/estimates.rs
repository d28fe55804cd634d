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

use super::dataset::Respondent;
use super::weighting::WeightedArea;
use super::ResultsError;
use crate::stats::{CalibrationVariance, StatsError};

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
}

impl<'a> AreaForEstimates<'a> {
    pub fn new(weighted: &'a WeightedArea, respondents: &'a [Respondent]) -> Result<Self, ResultsError> {
        let ones = vec![1.0; respondents.len()];
        let variance = CalibrationVariance::new(&weighted.design, &ones)?;
        Ok(Self { weighted, respondents, variance })
    }

    pub fn total_weight(&self) -> f64 {
        self.weighted.weights.iter().sum()
    }

    /// `S_h(x)` for a 0/1 outcome of everyone, or 0 for an area of one respondent.
    fn quadratic(&self, outcome: &[Option<bool>], total: f64) -> Result<f64, ResultsError> {
        if outcome.len() < 2 {
            return Ok(0.0);
        }
        match self.variance.proportion_variance(&self.weighted.weights, outcome) {
            Ok(v) => Ok(v.variance * total * total),
            Err(StatsError::NoWeightInDomain) => Ok(0.0),
            Err(e) => Err(e.into()),
        }
    }
}

/// Per-area pieces of a pooled share.
struct AreaTerms {
    yes: f64,
    domain: f64,
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
    let (mut base, mut count) = (0usize, 0usize);
    let mut terms = Vec::with_capacity(areas.len());
    let mut a = Vec::new();
    let mut b = Vec::new();
    let mut c = Vec::new();
    for area in areas {
        a.clear();
        b.clear();
        c.clear();
        let (mut yes, mut domain) = (0.0, 0.0);
        let mut everyone_answered = true;
        for (r, w) in area.respondents.iter().zip(&area.weighted.weights) {
            let y = outcome(r);
            match y {
                Some(v) => {
                    base += 1;
                    domain += w;
                    if v {
                        count += 1;
                        yes += w;
                    }
                }
                None => everyone_answered = false,
            }
            a.push(Some(y == Some(true)));
            b.push(Some(y.is_some()));
            c.push(Some(y == Some(false)));
        }
        let total = area.total_weight();
        let s_a = area.quadratic(&a, total)?;
        let (s_b, c_ab) = if everyone_answered {
            (0.0, 0.0)
        } else {
            let s_b = area.quadratic(&b, total)?;
            let s_c = area.quadratic(&c, total)?;
            (s_b, (s_a + s_b - s_c) / 2.0)
        };
        terms.push(AreaTerms { yes, domain, s_a, s_b, c_ab });
    }
    let yes: f64 = terms.iter().map(|t| t.yes).sum();
    let domain: f64 = terms.iter().map(|t| t.domain).sum();
    if base == 0 || domain <= 0.0 {
        return Ok(None);
    }
    let p = yes / domain;
    let variance: f64 =
        terms.iter().map(|t| t.s_a - 2.0 * p * t.c_ab + p * p * t.s_b).sum::<f64>() / (domain * domain);
    Ok(Some(Estimate { proportion: p, variance: variance.max(0.0), base, count }))
}
