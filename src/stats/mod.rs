//! Survey statistics (placeholder doc, rewritten below).

pub mod collapsing;
pub mod comparisons;
pub mod design;
pub mod error;
pub mod intervals;
mod linear_algebra;
pub mod plackett_luce;
pub mod raking;
pub mod ranking_summary;
pub mod trimming;
pub mod variance;

pub use error::StatsError;

#[cfg(test)]
mod fixture_tests;
