//! Survey statistics (placeholder doc, rewritten below).

pub mod error;
pub mod raking;

pub use error::StatsError;
