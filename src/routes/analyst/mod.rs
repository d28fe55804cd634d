//! The analyst results pages: weighted results of a consultation for Scotland, a police division or
//! a council area, with their uncertainty, as server-rendered HTML (askama templates in
//! `templates/analyst/`) that works without JavaScript and uses the resident pages' layout,
//! stylesheet, security headers and error pages.
//!
//! * `GET /analyst`: choose a consultation, an area and a comparison ([`choose`]).
//! * `GET /analyst/results?consultation=ID&area=…|division=…|scotland=true[&compare_with=…]`: the
//!   results ([`results`]): headline shares with 95% intervals, the ranked concerns as a table and
//!   an SVG chart, who responded against the population, what the weighting did, the comparison,
//!   and links to the same report as CSV and JSON.
//! * `GET /analyst/screening?…`: possible duplicates and bursts, and the headline figures without
//!   them ([`screening`]).
//!
//! The figures come from the JSON API's cached report ([`crate::results::ResultsService::report`]),
//! so the page, the CSV and the JSON always agree. Reads no environment variables.

mod chart;
mod choose;
mod comparison_view;
mod format;
mod query;
mod results;
mod sample_view;
mod screening;
mod view;
mod weighting_view;

#[cfg(test)]
mod tests;

mod error_page;

pub use error_page::error_response;

use actix_web::web;

/// Registers the analyst pages. Call before the default service is set.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/analyst", web::get().to(choose::show))
        .route("/analyst/results", web::get().to(results::show))
        .route("/analyst/screening", web::get().to(screening::show));
}
