//! Section 3: Plan coverage: for each current plan of the division, the strongly supported concerns no plan
//! priority covers ("gaps"), the plan priorities with weak community support ("driven by other
//! evidence"), and the ones the survey does not measure. Support is measured over the plan's own
//! council areas; the rules are `crate::evidence::coverage`'s.

use super::inputs::PlanEvidence;
use super::model::{
    ConcernShare, CoverageSection, CoveredRow, GapRow, NamedNote, PlanCoverageSection, Share, WeakPlanPriority,
};
use super::priorities::support_measure;
use super::PackError;
use crate::domain::ConcernId;
use crate::domain::SurveyDefinition;
use crate::evidence::coverage::{assess_concerns, plan_coverage, ConcernSupport, PlanCoverage};
use crate::evidence::strength::{Strength, SupportMeasure};
use crate::seeds::CurrentPlan;
use std::collections::HashMap;

/// Each concern's public share in the plan's areas, by concern id.
fn shares_of(evidence: &PlanEvidence) -> HashMap<String, Share> {
    evidence
        .report
        .concerns
        .iter()
        .map(|c| (c.concern_id.clone(), Share::of(&c.share_top_n)))
        .collect()
}

/// The strength rule's input for every concern of the consultation.
fn measures_of(
    definition: &SurveyDefinition,
    shares: &HashMap<String, Share>,
) -> Result<HashMap<ConcernId, SupportMeasure>, PackError> {
    definition
        .concerns
        .iter()
        .map(|c| {
            let share = shares.get(c.id.as_str()).ok_or_else(|| {
                PackError::Inconsistent(format!("the results have no figures for concern '{}'", c.id))
            })?;
            Ok((c.id.clone(), support_measure(share)))
        })
        .collect()
}

/// The coverage findings with the public shares (not the strength rule's input, which holds 0 for
/// a suppressed share).
struct Findings {
    gaps: Vec<GapRow>,
    weakly_supported: Vec<WeakPlanPriority>,
    unmeasured: Vec<NamedNote>,
    covered: Vec<CoveredRow>,
}

fn findings(coverage: &PlanCoverage, shares: &HashMap<String, Share>) -> Findings {
    let public = |c: &ConcernSupport| ConcernShare {
        id: c.concern_id.to_string(),
        label: c.label.clone(),
        share: shares
            .get(c.concern_id.as_str())
            .cloned()
            .unwrap_or_else(Share::missing),
        strength: c.strength,
    };
    Findings {
        gaps: coverage
            .gaps
            .iter()
            .map(|g| GapRow {
                concern: public(&g.concern),
                candidate_priorities: g.candidate_priorities.clone(),
                why: g.why.clone(),
            })
            .collect(),
        weakly_supported: coverage
            .weakly_supported_plan_priorities
            .iter()
            .map(|w| WeakPlanPriority {
                label: w.plan_priority_label.clone(),
                concerns: w.concerns.iter().map(public).collect(),
                note: w.note.clone(),
            })
            .collect(),
        unmeasured: coverage
            .unmeasured_plan_priorities
            .iter()
            .map(|u| NamedNote {
                label: u.plan_priority_label.clone(),
                note: u.note.clone(),
            })
            .collect(),
        covered: coverage
            .covered
            .iter()
            .map(|c| CoveredRow {
                concern: public(&c.concern),
                plan_priorities: c.plan_priorities.clone(),
            })
            .collect(),
    }
}

fn assess_plan(definition: &SurveyDefinition, evidence: &PlanEvidence) -> Result<PlanCoverageSection, PackError> {
    let shares = shares_of(evidence);
    let assessed = assess_concerns(
        &definition.concerns,
        &measures_of(definition, &shares)?,
        definition.suppression_threshold,
    )
    .map_err(|e| PackError::Inconsistent(e.to_string()))?;
    let coverage = plan_coverage(
        &assessed.concerns,
        &definition.priorities,
        &evidence.plan,
        &HashMap::new(),
    );
    let suppressed = evidence.report.suppressed;
    let found = findings(&coverage, &shares);
    let summary = summary(
        &evidence.plan,
        &found.gaps,
        &found.weakly_supported,
        suppressed,
        &assessed.concerns,
        definition,
    );
    Ok(PlanCoverageSection {
        plan_id: coverage.plan_id,
        plan_title: coverage.plan_title,
        period: evidence.plan.period.to_string(),
        measured_on: super::place_of(&evidence.report.area),
        suppressed,
        gaps: found.gaps,
        weakly_supported: found.weakly_supported,
        unmeasured: found.unmeasured,
        covered: found.covered,
        summary,
    })
}

fn summary(
    plan: &CurrentPlan,
    gaps: &[GapRow],
    weak: &[WeakPlanPriority],
    suppressed: bool,
    concerns: &[ConcernSupport],
    definition: &SurveyDefinition,
) -> String {
    if suppressed {
        return format!(
            "Fewer than {} people responded in the plan's area, so support cannot be assessed against the {}.",
            definition.suppression_threshold, plan.title
        );
    }
    let strong = concerns.iter().filter(|c| c.strength == Strength::Strong).count();
    let gap_text = match gaps.len() {
        0 => format!("Every one of the {strong} strongly supported concerns is covered by a priority of the plan."),
        1 => format!(
            "1 strongly supported concern is not covered by any priority of the plan: {}.",
            gaps[0].concern.label
        ),
        n => format!(
            "{n} strongly supported concerns are not covered by any priority of the plan: {}.",
            gaps.iter()
                .map(|g| g.concern.label.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    let weak_text = match weak.len() {
        0 => " No plan priority has only weakly supported concerns.".to_string(),
        _ => format!(
            " Plan priorities with weak community support (driven by other evidence): {}.",
            weak.iter().map(|w| w.label.as_str()).collect::<Vec<_>>().join("; ")
        ),
    };
    format!("{gap_text}{weak_text}")
}

pub fn build_coverage(
    definition: &SurveyDefinition,
    plans: &[PlanEvidence],
    superseded: &[(CurrentPlan, String)],
    division_name: &str,
) -> Result<CoverageSection, PackError> {
    let assessed = plans
        .iter()
        .map(|p| assess_plan(definition, p))
        .collect::<Result<Vec<_>, _>>()?;
    let note = assessed.is_empty().then(|| {
        format!(
            "No Local Police Plan for {division_name} is held in LocalVoice's reference data (seeds/plans/), so \
             the community's priorities cannot be compared with a current plan here. The ranked candidate \
             priorities above still show what residents support."
        )
    });
    Ok(CoverageSection {
        plans: assessed,
        superseded: superseded
            .iter()
            .map(|(old, newer)| format!("{} (replaced by the {newer}; not assessed)", old.title))
            .collect(),
        note,
    })
}
