//! Survey statistics for consultation responses: pure, deterministic functions on plain slices.
//! No database, no HTTP, no I/O, no environment variables.
//!
//! Responses to an open consultation are a self-selected sample, so every published figure is
//! weighted to the population and carries a design-based uncertainty. The method choices, each
//! checked against independent reference figures (R `survey` 4.1.1, Python `choix` 0.4.1 and
//! `statsmodels`) in `fixture_tests`:
//!
//! * **Weighting** — [`raking`]: raking (iterative proportional fitting) to population margins
//!   (age band, sex, area), as R's `survey::rake`. Respondents who did not give a category keep
//!   their weight for that margin, which applies proportionally to those who answered. Small age
//!   bands are merged first ([`collapsing`]); extreme weights can be trimmed and re-raked
//!   ([`trimming`]). [`design`] gives the Kish design effect and effective sample size.
//! * **Uncertainty of a weighted share** — [`variance`]: linearised variance that accounts for
//!   raking (residuals of a regression on the margins' calibration variables), as R computes it
//!   for a raked design; the fixed-weights variance is available for comparison.
//! * **Intervals** — [`intervals`]: Korn–Graubard (R `svyciprop(method = "beta")`) is the one to
//!   publish: it stays within [0, 1] and keeps its coverage for small shares and small areas. Logit,
//!   Wilson, Clopper–Pearson and Jeffreys are there for comparison and for unweighted counts.
//! * **Differences** — [`comparisons`]: design-based Wald z test of two independent shares, and
//!   Benjamini–Hochberg adjustment across the many comparisons of an evidence pack.
//! * **Priorities** — [`ranking_summary`] gives weighted first-choice and top-N shares and mean
//!   truncated Borda points; [`plackett_luce`] fits a weighted Plackett–Luce model to the partial
//!   rankings (Hunter's MM, as choix); [`bootstrap`] resamples respondents (re-raking each
//!   replicate) to say how stable the order of concerns is.
//!
//! Errors are reported as [`StatsError`]; nothing here panics on bad input.

pub mod bootstrap;
mod checks;
pub mod collapsing;
pub mod comparisons;
pub mod design;
pub mod error;
pub mod intervals;
mod linear_algebra;
pub mod plackett_luce;
pub mod raking;
mod raking_sweep;
pub mod ranking_summary;
pub mod trimming;
pub mod variance;

pub use bootstrap::{
    bootstrap_rank_stability, bootstrap_rank_stability_drawn, resample_multiplicities, BootstrapOptions,
    BootstrapRanks, RankStability,
};
pub use collapsing::{collapse_small_categories, CategoryCollapse, DEFAULT_MINIMUM_CELL};
pub use comparisons::{benjamini_hochberg, binomial_variance, wald_difference_test, DifferenceTest};
pub use design::{effective_sample_size, kish_design_effect, summarise_weights, weighted_proportion, WeightSummary};
pub use error::StatsError;
pub use intervals::{
    clopper_pearson_interval, jeffreys_interval, korn_graubard_interval, logit_interval, wilson_interval, Interval,
    DEFAULT_CONFIDENCE_LEVEL,
};
pub use plackett_luce::{fit_plackett_luce, plackett_luce_worth_from, PlackettLuceFit, PlackettLuceOptions};
pub use raking::{rake_to_margins, Margin, RakingDesign, RakingOptions, RakingResult};
pub use ranking_summary::{borda_mean, share_first, share_top_n, WeightedBallot};
pub use trimming::{TrimOptions, TrimRound, TrimmedRaking};
pub use variance::grouped::{OutcomeCounts, RespondentGroups};
pub use variance::{fixed_weights_proportion_variance, CalibrationVariance, LinearisedProportion};

#[cfg(test)]
mod fixture_tests;
