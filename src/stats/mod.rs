//! Survey statistics (placeholder doc, rewritten below).

pub mod design;
pub mod error;
pub mod intervals;
mod linear_algebra;
pub mod raking;
pub mod variance;

pub use error::StatsError;

#[cfg(test)]
mod fixture_tests;
