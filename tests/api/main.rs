//! Integration tests: the real application over HTTP, against a fresh PostgreSQL database per test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod analyst_pages;
mod cli_parity;
mod consultations;
mod database_faults;
mod evidence_pack;
mod health;
mod helpers;
mod instances;
mod migrations;
mod openapi;
mod replica;
mod responses;
mod responses_rejected;
mod results;
mod results_cache;
mod small_cells;
mod survey_form;
