//! The results engine: stored responses → weighted, defensible figures for a council area, a police
//! division or Scotland, as JSON (`GET /api/v1/consultations/{id}/results`), CSV (`…/results.csv`)
//! and `localvoice results`. Reads no environment variables.
//!
//! **Pipeline** ([`results_report`]):
//! 1. *Weighting* ([`weighting`]): each council area is raked separately to its adult (16+)
//!    population by age band and by sex (National Records of Scotland mid-year estimates, from the
//!    `population_margins` table), to a largest relative margin error of 1e-8 or until the
//!    iteration limit (non-convergence is reported). Small age bands are merged with a neighbour;
//!    respondents who did not give their age or sex are kept (see [`UNKNOWN_CATEGORIES`]); weights
//!    are trimmed to 0.2–5 times the area's mean weight and re-raked, unless switched off
//!    (see [`weighting_info::TRIMMING`]).
//! 2. *Pooling*: the weights of an area sum to its adult population, so a division or Scotland is
//!    the union of its areas' raked respondents, which combines areas in proportion to their adult
//!    population. Variances treat council areas as strata ([`estimates`]).
//! 3. *Estimates*: base, sum of weights, Kish design effect and effective sample size; the shares
//!    feeling safe and confident (4 or 5, of those who answered) and, per concern, top-N share,
//!    first-choice share, mean Borda points and Plackett–Luce worth ([`concerns`]); Korn–Graubard
//!    intervals from the linearised variance of the raked estimator, and Wilson and Clopper–Pearson
//!    intervals for the unweighted counts.
//! 4. *Rank stability*: a seeded bootstrap re-raking every replicate ([`bootstrap`]).
//! 5. *Comparisons* with another wave or with the rest of the division ([`comparison`]).
//! 6. *Disclosure control* in the public report ([`report`], [`disclosure`], [`small_cells`]).
//!
//! **Data and cache** ([`cache`]): a consultation's responses are held in memory as a compact
//! [`Dataset`] and refreshed incrementally; computed reports are cached by request and data version.
//! The invalidation rule is in the [`cache`] module doc.

pub mod bootstrap;
/// The in-memory dataset (it lives in `crate::domain`, so that `crate::db` can fill it).
pub use crate::domain::dataset;
pub mod cache;
pub mod comparison;
pub mod compute;
pub mod concerns;
pub mod csv;
pub mod disclosure;
pub mod engine;
pub mod estimates;
pub mod json;
pub mod linked_cells;
pub mod proportion;
pub mod refusals;
pub mod replica;
pub mod report;
pub mod representativeness;
pub mod request;
pub mod screening;
pub mod screening_service;
pub mod selection;
pub mod service;
pub mod small_cells;
pub mod weighting;
pub mod weighting_info;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_engine;
#[cfg(test)]
mod tests_linked;
#[cfg(test)]
mod tests_weights;

pub use dataset::{Codebook, Dataset, DatasetVersion, RankingCodes, Respondent};
pub use engine::{EngineOptions, Inputs};
pub use report::ResultsReport;
pub use request::{CompareWith, ResultsRequest};
pub use selection::{AreaType, ResolvedSelection, Selection};
pub use service::{DataMode, ResultsService, Scope};
pub use weighting::WeightingOptions;

use crate::stats::StatsError;
use comparison::{compare, ComparisonKind, Side};
use engine::compute_selection;

/// Why results could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    /// The consultation, area or division does not exist or is not covered.
    #[error("{0}")]
    NotFound(String),
    /// The request does not make sense (e.g. comparing Scotland with "its division").
    #[error("{0}")]
    BadRequest(String),
    /// A statistic could not be computed.
    #[error("statistics failed: {0}")]
    Stats(#[from] StatsError),
    /// The database could not be read.
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    /// Too many results are being computed already; the caller may retry in a few seconds.
    #[error("{0}")]
    Busy(String),
    /// Reference data is missing or inconsistent.
    #[error("{0}")]
    Internal(String),
}

/// What the results are compared with.
#[derive(Debug, Clone, Copy)]
pub enum Comparison<'a> {
    Nothing,
    /// The same area in another consultation (e.g. the previous wave).
    Wave(Inputs<'a>),
    /// A council area against the rest of its division.
    RestOfDivision,
}

/// Computes the public report for `selection`, with its comparison.
pub fn results_report(
    inputs: &Inputs<'_>,
    selection: &Selection,
    comparison: Comparison<'_>,
    options: &EngineOptions,
) -> Result<ResultsReport, ResultsError> {
    let resolved = selection.resolve(inputs.geography, inputs.definition)?;
    let figures = compute_selection(inputs, &resolved, options, true)?;
    let mut report = report::build_report(
        inputs.definition,
        inputs.geography,
        inputs.population,
        &figures,
        options,
    )?;
    let this = Side {
        definition: inputs.definition,
        figures: &figures,
    };
    report.comparison = match comparison {
        Comparison::Nothing => None,
        Comparison::Wave(other) => {
            let other_selection = selection.resolve(other.geography, other.definition)?;
            let other_figures = compute_selection(&other, &other_selection, options, false)?;
            let side = Side {
                definition: other.definition,
                figures: &other_figures,
            };
            Some(compare(&this, &side, ComparisonKind::Waves)?)
        }
        Comparison::RestOfDivision => {
            let (Selection::CouncilArea(_), [area]) = (selection, resolved.areas.as_slice()) else {
                return Err(ResultsError::BadRequest(
                    "only a council area can be compared with the rest of its division".into(),
                ));
            };
            let rest = ResolvedSelection::rest_of_division(inputs.geography, inputs.definition, *area)?;
            let rest_figures = compute_selection(inputs, &rest, options, false)?;
            let side = Side {
                definition: inputs.definition,
                figures: &rest_figures,
            };
            Some(compare(&this, &side, ComparisonKind::AreaVsRestOfDivision)?)
        }
    };
    Ok(report)
}

/// `weighting.method`.
pub const WEIGHTING_METHOD: &str = "Raking (iterative proportional fitting) within each council area to that area's \
     adult (16+) population by age band and by sex, starting from equal weights, until every margin is met to a \
     relative error of the tolerance or the iteration limit is reached.";
/// `weighting.unknown_age_or_sex`.
pub const UNKNOWN_CATEGORIES: &str =
    "Respondents who did not give their age band or sex (or preferred not to say) are \
     kept and counted in n. For that margin they keep the weight they have: the margin is applied proportionally to \
     those who answered, who are raked to the population shares within the weight of the answering respondents, while \
     those who did not answer keep their current share of the total. They are still raked on the other margin.";
/// `weighting.collapsing`.
pub const COLLAPSING: &str =
    "An age band (or sex) with fewer respondents than minimum_cell is merged with its smaller \
     neighbouring band (the younger on ties), repeatedly, before raking; the groups used and the bands merged are \
     listed per council area. A margin that nobody in an area answered is not used there.";
/// `weighting.pooling`.
pub const POOLING: &str = "Each council area's weights sum to its adult population, so division and Scotland figures \
     pool the raked respondents of their council areas, which combines the areas in proportion to their adult \
     population. Covered areas without responses cannot be represented and are listed.";
/// `weighting.variance`.
pub const VARIANCE: &str = "Linearised (Taylor) variance of the raked estimator: residuals of the influence values on \
     the calibration variables are computed within each council area, and the areas are treated as strata (the \
     variance is the sum of the within-area with-replacement variances). Korn-Graubard intervals use it; Wilson and \
     Clopper-Pearson intervals are for the unweighted counts.";
/// `ranking.bootstrap.method`.
pub const BOOTSTRAP_METHOD: &str = "Respondents resampled with replacement within each council area, each replicate \
     re-raked and the concerns re-scored; rank interval = 2.5% and 97.5% quantiles of the replicate ranks; \
     p_rank_first = share of replicates ranking the concern first (ties shared). Seeded: the same seed gives the same \
     result.";
