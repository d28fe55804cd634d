//! Integration tests: the real application over HTTP, against a fresh PostgreSQL database per test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod analyst_pages;
mod cli_parity;
mod consultations;
mod database_faults;
mod digests;
mod evidence_pack;
mod form_friction;
mod health;
mod helpers;
mod instances;
mod migrations;
mod openapi;
mod rate_limits;
mod replica;
mod responses;
mod responses_rejected;
mod results;
mod results_cache;
mod screening;
mod security_headers;
mod small_cells;
mod survey_form;
