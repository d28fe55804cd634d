//! "Plan coverage": how the current Local Police Plan's priorities line up with what residents
//! said in the consultation.
//!
//! * A **gap** is a concern whose support is [`Strength::Strong`] (clearly above the middle of all
//!   concerns; rule in [`super::strength`]) that no priority of the plan lists.
//! * A plan priority is **weakly supported** when it lists at least one concern and every concern
//!   it lists is measured and [`Strength::Weak`]. Such priorities are driven by other evidence, and
//!   the note says so. A suppressed or unmeasured concern means "cannot tell", so a priority with
//!   one is not called weak. A per-priority measure from the caller (e.g. the share of residents
//!   ranking any of its concerns, each respondent counted once) is carried for display; the
//!   decision rests on the concerns' strengths.
//! * A plan priority that lists no concern at all (e.g. "Enhancing our service") is **not
//!   measured** by this survey's concerns; its note says so rather than calling it weak.
//!
//! One plan at a time: where a division has a plan per council area, call [`plan_coverage`] for
//! each plan with support measured over that plan's areas.

use super::strength::{strength_from_intervals, MedianBounds, Strength, StrengthError, SupportMeasure};
use crate::domain::{Concern, ConcernId, Priority};
use crate::seeds::CurrentPlan;
use serde::Serialize;
use std::collections::HashMap;

/// The words used for evidence other than this consultation.
pub const OTHER_EVIDENCE: &str =
    "driven by other evidence (for example recorded crime, partner information or national priorities)";

/// Residents' support for one concern, with its strength label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConcernSupport {
    pub concern_id: ConcernId,
    pub label: String,
    pub support: SupportMeasure,
    pub strength: Strength,
}

/// Every concern's support and strength, in the consultation's concern order, and the middle the
/// strengths were judged against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConcernAssessment {
    pub reference: Option<MedianBounds>,
    pub concerns: Vec<ConcernSupport>,
}

/// Why a concern's support could not be labelled.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CoverageError {
    #[error("no support measure was given for concern '{0}'")]
    MissingMeasure(ConcernId),
    #[error("concern '{concern}': {source}")]
    BadMeasure { concern: ConcernId, source: StrengthError },
}

/// Labels the support of every concern of the consultation (see [`strength_from_intervals`]).
pub fn assess_concerns(
    concerns: &[Concern],
    measures: &HashMap<ConcernId, SupportMeasure>,
    suppression_threshold: u32,
) -> Result<ConcernAssessment, CoverageError> {
    let items = concerns
        .iter()
        .map(|c| {
            measures
                .get(&c.id)
                .copied()
                .ok_or_else(|| CoverageError::MissingMeasure(c.id.clone()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let assessment = strength_from_intervals(&items, suppression_threshold).map_err(|source| {
        let StrengthError::BadInterval { index, .. } = &source;
        // `items` was built from `concerns` one for one, so the index names a concern.
        let concern = concerns[*index].id.clone();
        CoverageError::BadMeasure { concern, source }
    })?;
    let labelled = concerns
        .iter()
        .zip(items)
        .zip(assessment.strengths)
        .map(|((c, support), strength)| ConcernSupport {
            concern_id: c.id.clone(),
            label: c.label.clone(),
            support,
            strength,
        })
        .collect();
    Ok(ConcernAssessment {
        reference: assessment.reference,
        concerns: labelled,
    })
}

/// A strongly supported concern that no priority of the plan lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub concern: ConcernSupport,
    /// Labels of the consultation's candidate priorities that list the concern.
    pub candidate_priorities: Vec<String>,
    pub why: String,
}

/// A plan priority every one of whose concerns has weak support.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeaklySupportedPlanPriority {
    pub plan_priority_label: String,
    pub concerns: Vec<ConcernSupport>,
    /// The caller's measure for the priority as a whole, if given.
    pub priority_support: Option<SupportMeasure>,
    pub note: String,
}

/// A plan priority that lists no concern, so the survey does not measure support for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmeasuredPlanPriority {
    pub plan_priority_label: String,
    pub note: String,
}

/// A concern the plan lists, with the plan priorities that list it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoveredConcern {
    pub concern: ConcernSupport,
    pub plan_priorities: Vec<String>,
}

/// How one plan lines up with residents' support.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanCoverage {
    pub plan_id: String,
    pub plan_title: String,
    /// Strongest first (by lower bound, then estimate, then concern id).
    pub gaps: Vec<Gap>,
    /// In plan order.
    pub weakly_supported_plan_priorities: Vec<WeaklySupportedPlanPriority>,
    /// In plan order.
    pub unmeasured_plan_priorities: Vec<UnmeasuredPlanPriority>,
    /// In the order of the `support` input.
    pub covered: Vec<CoveredConcern>,
    /// Concerns the plan does not list whose support is not strong (so not gaps), in input order.
    pub not_in_plan: Vec<ConcernSupport>,
}

/// Compares `plan` with residents' support for each concern (`support`, from [`assess_concerns`]).
/// `candidate_priorities` are the consultation's priorities, named in a gap's explanation;
/// `plan_priority_support` holds optional per-plan-priority measures, by plan priority label.
pub fn plan_coverage(
    support: &[ConcernSupport],
    candidate_priorities: &[Priority],
    plan: &CurrentPlan,
    plan_priority_support: &HashMap<String, SupportMeasure>,
) -> PlanCoverage {
    let listing = |id: &ConcernId| -> Vec<String> {
        plan.priorities
            .iter()
            .filter(|p| p.concerns.contains(id))
            .map(|p| p.label.clone())
            .collect()
    };
    let mut gaps = Vec::new();
    let mut covered = Vec::new();
    let mut not_in_plan = Vec::new();
    for c in support {
        let plan_priorities = listing(&c.concern_id);
        if !plan_priorities.is_empty() {
            covered.push(CoveredConcern {
                concern: c.clone(),
                plan_priorities,
            });
        } else if c.strength == Strength::Strong {
            gaps.push(gap(c, candidate_priorities, plan));
        } else {
            not_in_plan.push(c.clone());
        }
    }
    gaps.sort_by(|a, b| {
        let (x, y) = (&a.concern.support, &b.concern.support);
        y.lower
            .total_cmp(&x.lower)
            .then(y.estimate.total_cmp(&x.estimate))
            .then(a.concern.concern_id.cmp(&b.concern.concern_id))
    });
    let (weakly_supported_plan_priorities, unmeasured_plan_priorities) =
        plan_priorities_without_support(support, plan, plan_priority_support);
    PlanCoverage {
        plan_id: plan.id.clone(),
        plan_title: plan.title.clone(),
        gaps,
        weakly_supported_plan_priorities,
        unmeasured_plan_priorities,
        covered,
        not_in_plan,
    }
}

/// The plan's priorities that list no concern (not measured by the survey), and those every one
/// of whose concerns is weakly supported, in plan order.
fn plan_priorities_without_support(
    support: &[ConcernSupport],
    plan: &CurrentPlan,
    plan_priority_support: &HashMap<String, SupportMeasure>,
) -> (Vec<WeaklySupportedPlanPriority>, Vec<UnmeasuredPlanPriority>) {
    let mut weakly_supported_plan_priorities = Vec::new();
    let mut unmeasured_plan_priorities = Vec::new();
    for p in &plan.priorities {
        if p.concerns.is_empty() {
            unmeasured_plan_priorities.push(UnmeasuredPlanPriority {
                plan_priority_label: p.label.clone(),
                note: format!(
                    "\u{201c}{}\u{201d} is about the police service itself or public confidence in it, not a kind of \
                     crime or disorder residents rank: no concern maps to it, so this survey's concerns do not \
                     measure support for it.",
                    p.label
                ),
            });
            continue;
        }
        let concerns: Vec<ConcernSupport> = p
            .concerns
            .iter()
            .filter_map(|id| support.iter().find(|c| &c.concern_id == id))
            .cloned()
            .collect();
        let all_weak = concerns.len() == p.concerns.len() && concerns.iter().all(|c| c.strength == Strength::Weak);
        if all_weak {
            let labels: Vec<&str> = concerns.iter().map(|c| c.label.as_str()).collect();
            weakly_supported_plan_priorities.push(WeaklySupportedPlanPriority {
                plan_priority_label: p.label.clone(),
                note: format!(
                    "Weak community support in this consultation: every concern this priority covers ({}) is \
                     below the middle of residents' concerns. The priority is {OTHER_EVIDENCE}.",
                    labels.join("; ")
                ),
                concerns,
                priority_support: plan_priority_support.get(&p.label).copied(),
            });
        }
    }
    (weakly_supported_plan_priorities, unmeasured_plan_priorities)
}

fn gap(c: &ConcernSupport, candidate_priorities: &[Priority], plan: &CurrentPlan) -> Gap {
    let candidates: Vec<String> = candidate_priorities
        .iter()
        .filter(|p| p.concerns.contains(&c.concern_id))
        .map(|p| p.label.clone())
        .collect();
    let candidate_sentence = if candidates.is_empty() {
        " No candidate priority of the consultation lists it either.".to_string()
    } else {
        let quoted: Vec<String> = candidates.iter().map(|l| format!("\u{201c}{l}\u{201d}")).collect();
        format!(
            " The consultation's candidate priorities that cover it: {}.",
            quoted.join(", ")
        )
    };
    Gap {
        why: format!(
            "Residents' support for \u{201c}{}\u{201d} is strong (its whole 95% interval lies above the middle of \
             all concerns), but no priority of the {} lists it.{candidate_sentence}",
            c.label, plan.title
        ),
        candidate_priorities: candidates,
        concern: c.clone(),
    }
}
