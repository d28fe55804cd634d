//! The one error type of the statistics layer.
//!
//! Every variant names the input that was wrong so that a caller (an evidence-pack builder, an
//! import job) can say which area, margin or ballot could not be used, rather than "stats failed".

use thiserror::Error;

/// Why a statistic could not be computed from the inputs given.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatsError {
    /// Nothing to work on (no respondents, no margins, no items, no p-values where some are needed).
    #[error("{what} is empty")]
    Empty {
        /// What was empty.
        what: &'static str,
    },
    /// Two inputs that must describe the same respondents (or items) have different lengths.
    #[error("{what}: expected length {expected}, found {found}")]
    LengthMismatch {
        /// Which input had the wrong length.
        what: &'static str,
        /// The length it should have had.
        expected: usize,
        /// The length it had.
        found: usize,
    },
    /// A number outside its allowed range (negative weight, NaN target, level outside (0, 1), …).
    #[error("{what} must be {requirement}, found {value}")]
    InvalidValue {
        /// Which input.
        what: &'static str,
        /// What it must be.
        requirement: &'static str,
        /// The offending value.
        value: f64,
    },
    /// A respondent's category index is not a category of that margin.
    #[error("margin {margin}: respondent {respondent} has category {category}, but the margin has {categories}")]
    CategoryOutOfRange {
        /// Margin index.
        margin: usize,
        /// Respondent (row) index.
        respondent: usize,
        /// The category found.
        category: usize,
        /// How many categories the margin has.
        categories: usize,
    },
    /// Raking needs every margin to describe the same population total.
    #[error("margin {margin} totals {total}, but margin 0 totals {expected}")]
    MarginTotalsDisagree {
        /// Margin index.
        margin: usize,
        /// That margin's target total.
        total: f64,
        /// Margin 0's target total.
        expected: f64,
    },
    /// A category has a positive target but no respondent (with positive weight) in it, so no
    /// weighting can reach the target. Collapse it with a neighbour first.
    #[error("margin {margin}: category {category} has a positive target but no respondents")]
    EmptyCategory {
        /// Margin index.
        margin: usize,
        /// Category index.
        category: usize,
    },
    /// No respondent with positive weight is in the domain of the estimate.
    #[error("no weight in the domain of the estimate")]
    NoWeightInDomain,
    /// A test statistic needs a positive standard error.
    #[error("the standard error of the difference is zero")]
    ZeroStandardError,
    /// A ballot that is not a valid partial ranking.
    #[error("ballot {ballot}: {reason}")]
    InvalidBallot {
        /// Ballot index.
        ballot: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Every bootstrap replicate failed (the first failure is given).
    #[error("every bootstrap replicate failed; the first failure was: {0}")]
    AllReplicatesFailed(Box<StatsError>),
}
