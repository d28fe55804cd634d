//! The report as JSON: one rendering for the API's response body and `localvoice results`, so the
//! two are byte for byte the same document.

use super::ResultsReport;

/// The report as compact JSON (the API's `application/json` body).
pub fn to_json(report: &ResultsReport) -> serde_json::Result<String> {
    serde_json::to_string(report)
}
