//! What the pack is built from: the results engine's public reports and comparisons for the
//! division and each of its council areas, the candidate priorities' shares, the current plans,
//! and the coded comments. [`super::compute`] produces it from datasets; [`super::build_pack`]
//! turns it into an [`super::EvidencePack`] without looking at any respondent.

use crate::domain::{Division, SurveyDefinition};
use crate::evidence::comment_themes::SuppressedThemeCounts;
use crate::results::comparison::ComparisonReport;
use crate::results::report::Proportion;
use crate::results::ResultsReport;
use crate::seeds::CurrentPlan;

/// A candidate priority's support in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityFigure {
    /// Share of respondents with at least one of the priority's concerns in their top N.
    pub share: Proportion,
    pub rank_interval: Option<[usize; 2]>,
    pub p_rank_first: Option<f64>,
}

/// The engine's figures for one place.
#[derive(Debug, Clone)]
pub struct PlaceEvidence {
    /// The public report (suppression applied), with the previous wave in `comparison` when there is one.
    pub report: ResultsReport,
    /// A council area against the rest of its division (`None` for the division, or when the area is
    /// the only one covered).
    pub rest_of_division: Option<ComparisonReport>,
    /// One per candidate priority, in the definition's order.
    pub priorities: Vec<PriorityFigure>,
}

/// A current plan and the report its support is measured on (the plan's council areas).
#[derive(Debug, Clone)]
pub struct PlanEvidence {
    pub plan: CurrentPlan,
    pub report: ResultsReport,
}

/// Settings that shape the figures, for the method section.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PackSettings {
    pub bootstrap_replicates: usize,
    pub bootstrap_seed: u64,
    pub level: f64,
}

/// Everything [`super::build_pack`] needs.
#[derive(Debug, Clone)]
pub struct PackInputs<'a> {
    pub definition: &'a SurveyDefinition,
    /// The consultation compared with in "What changed".
    pub previous: Option<&'a SurveyDefinition>,
    pub division: &'a Division,
    pub division_evidence: PlaceEvidence,
    /// Covered council areas of the division, in name order.
    pub areas: Vec<PlaceEvidence>,
    pub plans: Vec<PlanEvidence>,
    /// Older plans replaced by a newer one, with the plan that replaced each.
    pub superseded: Vec<(CurrentPlan, String)>,
    /// Coded comments per council area code, small areas already suppressed.
    pub comments: SuppressedThemeCounts<String>,
    pub settings: PackSettings,
    /// "2026-12-02".
    pub generated_on: String,
}
