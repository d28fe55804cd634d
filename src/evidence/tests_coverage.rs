//! Plan coverage on the real survey definition and plans, with planted support.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::coverage::{assess_concerns, plan_coverage, ConcernSupport, CoverageError, OTHER_EVIDENCE};
use super::strength::{Strength, SupportMeasure};
use super::tests_strength::m;
use crate::domain::{Concern, ConcernId, Priority, SurveyDefinition};
use crate::seeds::{parse_plan, CurrentPlan, PlanPriority};
use std::collections::HashMap;
use Strength::{Strong, Suppressed, Weak};

fn definition() -> SurveyDefinition {
    let text = include_str!("../../survey-defs/your-police-2026.toml");
    crate::defs::parse_str("your-police-2026.toml", text, None).unwrap()
}

fn lothians_plan() -> CurrentPlan {
    let text = include_str!("../../seeds/plans/lothians-and-scottish-borders-2023-26.toml");
    parse_plan("lothians-and-scottish-borders-2023-26.toml", text).unwrap()
}

fn id(s: &str) -> ConcernId {
    ConcernId::parse(s).unwrap()
}

/// Every concern in the middle (0.10–0.14) except the planted ones.
fn support_with(planted: &[(&str, f64, f64)], concerns: &[Concern]) -> Vec<ConcernSupport> {
    let measures: HashMap<ConcernId, SupportMeasure> = concerns
        .iter()
        .map(|c| {
            let (lo, hi) = planted
                .iter()
                .find(|(p, _, _)| *p == c.id.as_str())
                .map_or((0.10, 0.14), |p| (p.1, p.2));
            (c.id.clone(), m(lo, hi))
        })
        .collect();
    assess_concerns(concerns, &measures, 10).unwrap().concerns
}

#[test]
fn a_planted_strong_concern_absent_from_the_plan_is_reported_as_a_gap() {
    let def = definition();
    let plan = lothians_plan();
    // Vandalism is in no Lothians and Scottish Borders priority; speeding is (Improving Road Safety).
    let support = support_with(&[("vandalism", 0.30, 0.38), ("speeding", 0.25, 0.33)], &def.concerns);
    let coverage = plan_coverage(&support, &def.priorities, &plan, &HashMap::new());
    assert_eq!(coverage.plan_id, "lothians-and-scottish-borders-2023-26");
    assert_eq!(coverage.gaps.len(), 1, "{:#?}", coverage.gaps);
    let gap = &coverage.gaps[0];
    assert_eq!(gap.concern.concern_id, id("vandalism"));
    assert_eq!(gap.concern.strength, Strong);
    assert_eq!(
        gap.candidate_priorities,
        ["Reducing violent crime and antisocial behaviour"]
    );
    assert!(
        gap.why.contains("Vandalism and graffiti")
            && gap
                .why
                .contains("Lothians and Scottish Borders Local Police Plan 2023-26"),
        "{}",
        gap.why
    );
    // Speeding is strong too, but covered; the moderate concerns the plan leaves out are not gaps.
    let speeding = coverage
        .covered
        .iter()
        .find(|c| c.concern.concern_id == id("speeding"))
        .unwrap();
    assert_eq!(
        (speeding.concern.strength, speeding.plan_priorities.as_slice()),
        (Strong, &["Improving Road Safety".to_string()][..])
    );
    let left_out: Vec<&str> = coverage.not_in_plan.iter().map(|c| c.concern_id.as_str()).collect();
    assert_eq!(left_out, ["hate_crime", "shoplifting", "terrorism"]);
    assert!(coverage.weakly_supported_plan_priorities.is_empty());
    assert!(coverage.unmeasured_plan_priorities.is_empty());
}

#[test]
fn gaps_are_listed_strongest_first() {
    let def = definition();
    let support = support_with(&[("hate_crime", 0.30, 0.38), ("terrorism", 0.40, 0.45)], &def.concerns);
    let coverage = plan_coverage(&support, &def.priorities, &lothians_plan(), &HashMap::new());
    let gaps: Vec<&str> = coverage.gaps.iter().map(|g| g.concern.concern_id.as_str()).collect();
    assert_eq!(gaps, ["terrorism", "hate_crime"]);
}

#[test]
fn a_suppressed_or_moderate_concern_absent_from_the_plan_is_not_a_gap() {
    let def = definition();
    let mut support = support_with(&[("vandalism", 0.30, 0.38)], &def.concerns);
    support
        .iter_mut()
        .find(|c| c.concern_id == id("vandalism"))
        .unwrap()
        .strength = Suppressed;
    let coverage = plan_coverage(&support, &def.priorities, &lothians_plan(), &HashMap::new());
    assert!(coverage.gaps.is_empty());
    assert!(coverage.not_in_plan.iter().any(|c| c.concern_id == id("vandalism")));
}

fn plan_with(priorities: Vec<PlanPriority>) -> CurrentPlan {
    CurrentPlan {
        priorities,
        ..lothians_plan()
    }
}

fn plan_priority(label: &str, concerns: &[&str]) -> PlanPriority {
    PlanPriority {
        label: label.into(),
        summary: "…".into(),
        concerns: concerns.iter().map(|c| id(c)).collect(),
    }
}

#[test]
fn a_plan_priority_whose_concerns_are_all_weak_is_driven_by_other_evidence() {
    let def = definition();
    let support = support_with(
        &[("terrorism", 0.00, 0.02), ("organised_crime", 0.01, 0.03)],
        &def.concerns,
    );
    let plan = plan_with(vec![
        plan_priority("Counter Terrorism", &["terrorism"]),
        plan_priority("Serious Organised Crime & Drugs", &["organised_crime", "drug_dealing"]),
        plan_priority("Enhancing our service", &[]),
    ]);
    let union = SupportMeasure {
        estimate: 0.02,
        lower: 0.01,
        upper: 0.03,
        unweighted_base: 400,
    };
    let by_label = HashMap::from([("Counter Terrorism".to_string(), union)]);
    let coverage = plan_coverage(&support, &def.priorities, &plan, &by_label);
    // Drug dealing is moderate, so the organised crime priority is not weakly supported.
    assert_eq!(coverage.weakly_supported_plan_priorities.len(), 1);
    let weak = &coverage.weakly_supported_plan_priorities[0];
    assert_eq!(weak.plan_priority_label, "Counter Terrorism");
    assert_eq!(weak.priority_support, Some(union));
    assert_eq!(weak.concerns.iter().map(|c| c.strength).collect::<Vec<_>>(), [Weak]);
    assert!(
        weak.note.contains(OTHER_EVIDENCE) && weak.note.contains("Terrorism and violent extremism"),
        "{}",
        weak.note
    );
    // A priority with no concerns is not measured by the survey: said so, not called weak.
    assert_eq!(coverage.unmeasured_plan_priorities.len(), 1);
    let service = &coverage.unmeasured_plan_priorities[0];
    assert_eq!(service.plan_priority_label, "Enhancing our service");
    assert!(service.note.contains("not measure"), "{}", service.note);
}

#[test]
fn a_plan_priority_with_a_suppressed_or_unmeasured_concern_is_not_called_weak() {
    let def = definition();
    let mut support = support_with(
        &[("terrorism", 0.00, 0.02), ("organised_crime", 0.01, 0.03)],
        &def.concerns,
    );
    support
        .iter_mut()
        .find(|c| c.concern_id == id("organised_crime"))
        .unwrap()
        .strength = Suppressed;
    let plan = plan_with(vec![
        plan_priority("Crime", &["terrorism", "organised_crime"]),
        plan_priority("Unknown", &["terrorism", "not_a_concern"]),
    ]);
    let coverage = plan_coverage(&support, &def.priorities, &plan, &HashMap::new());
    assert!(coverage.weakly_supported_plan_priorities.is_empty());
}

#[test]
fn assessing_concerns_needs_a_measure_for_every_concern() {
    let def = definition();
    let measures = HashMap::from([(id("speeding"), m(0.1, 0.2))]);
    let e = assess_concerns(&def.concerns, &measures, 10).unwrap_err();
    assert_eq!(e, CoverageError::MissingMeasure(def.concerns[0].id.clone()));
}

#[test]
fn candidate_priorities_are_named_when_none_covers_a_gap() {
    let concerns = definition().concerns;
    let support = support_with(&[("vandalism", 0.30, 0.38)], &concerns);
    let no_candidates: Vec<Priority> = Vec::new();
    let coverage = plan_coverage(&support, &no_candidates, &lothians_plan(), &HashMap::new());
    assert!(coverage.gaps[0].candidate_priorities.is_empty());
    assert!(
        coverage.gaps[0].why.contains("No candidate priority"),
        "{}",
        coverage.gaps[0].why
    );
}
