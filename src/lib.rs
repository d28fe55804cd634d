//! LocalVoice: public consultations for local policing in Scotland, turned into evidence for the
//! next Local Police Plan.

pub mod chart;
pub mod cli;
pub mod client_address;
pub mod client_key;
pub mod commands;
pub mod config;
pub mod db;
pub mod defs;
pub mod demo;
pub mod digest;
pub mod domain;
pub mod error;
pub mod evidence;
pub mod format;
pub mod import;
pub mod local_postgres;
pub mod rate_limit;
pub mod request_span;
pub mod results;
pub mod routes;
pub mod security_headers;
pub mod seeds;
pub mod startup;
pub mod state;
pub mod stats;
pub mod submission;
pub mod telemetry;
#[cfg(test)]
pub(crate) mod testdata;

#[cfg(test)]
mod architecture_tests;
