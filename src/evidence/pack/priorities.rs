//! Section 2: Candidate priorities ranked by community support: each priority's share (respondents with at
//! least one of its concerns in their top N, each counted once), its interval, bootstrap rank
//! interval and chance of ranking first, its contributing concerns with their own shares, and a
//! strength label from the interval rule in `crate::evidence::strength` (never from point
//! estimates alone).

use super::inputs::PlaceEvidence;
use super::model::{ConcernShare, PrioritiesSection, PriorityRow, Share};
use super::PackError;
use crate::domain::SurveyDefinition;
use crate::evidence::coverage::assess_concerns;
use crate::evidence::strength::{strength_from_intervals, Strength, SupportMeasure};
use crate::format::{percent, percent_interval, rank_interval};
use std::collections::HashMap;

/// The strength rule's input for a share; a suppressed (or unanswered) share has base 0, so the
/// rule labels it suppressed without looking at its numbers.
pub fn support_measure(share: &Share) -> SupportMeasure {
    match (share.suppressed, share.estimate, share.ci_low, share.ci_high) {
        (false, Some(estimate), Some(lower), Some(upper)) => SupportMeasure {
            estimate,
            lower: lower.min(estimate),
            upper: upper.max(estimate),
            unweighted_base: u32::try_from(share.base).unwrap_or(u32::MAX),
        },
        _ => SupportMeasure {
            estimate: 0.0,
            lower: 0.0,
            upper: 0.0,
            unweighted_base: 0,
        },
    }
}

/// Every concern's top-N share in one place with its strength label, in the definition's order.
pub fn concern_shares(definition: &SurveyDefinition, evidence: &PlaceEvidence) -> Result<Vec<ConcernShare>, PackError> {
    let by_id: HashMap<&str, Share> = evidence
        .report
        .concerns
        .iter()
        .map(|c| (c.concern_id.as_str(), Share::of(&c.share_top_n)))
        .collect();
    let mut measures = HashMap::new();
    let mut shares = HashMap::new();
    for concern in &definition.concerns {
        let share = by_id.get(concern.id.as_str()).cloned().ok_or_else(|| {
            PackError::Inconsistent(format!("the results have no figures for concern '{}'", concern.id))
        })?;
        measures.insert(concern.id.clone(), support_measure(&share));
        shares.insert(concern.id.clone(), share);
    }
    let assessment = assess_concerns(&definition.concerns, &measures, definition.suppression_threshold)
        .map_err(|e| PackError::Inconsistent(e.to_string()))?;
    Ok(assessment
        .concerns
        .into_iter()
        .map(|c| ConcernShare {
            share: shares.remove(&c.concern_id).unwrap_or_else(Share::missing),
            id: c.concern_id.to_string(),
            label: c.label,
            strength: c.strength,
        })
        .collect())
}

pub fn build_priorities(
    definition: &SurveyDefinition,
    evidence: &PlaceEvidence,
    concerns: &[ConcernShare],
    bootstrap_replicates: usize,
) -> Result<PrioritiesSection, PackError> {
    if evidence.priorities.len() != definition.priorities.len() {
        return Err(PackError::Inconsistent(format!(
            "{} priority figures for {} candidate priorities",
            evidence.priorities.len(),
            definition.priorities.len()
        )));
    }
    let shares: Vec<Share> = evidence.priorities.iter().map(|p| Share::of(&p.share)).collect();
    let measures: Vec<SupportMeasure> = shares.iter().map(support_measure).collect();
    let assessment = strength_from_intervals(&measures, definition.suppression_threshold)
        .map_err(|e| PackError::Inconsistent(e.to_string()))?;
    let mut rows: Vec<PriorityRow> = definition
        .priorities
        .iter()
        .zip(&evidence.priorities)
        .zip(shares)
        .zip(&assessment.strengths)
        .map(|(((priority, figure), support), &strength)| PriorityRow {
            id: priority.id.clone(),
            label: priority.label.clone(),
            position: None,
            rank_interval: figure.rank_interval.filter(|_| !support.suppressed),
            p_rank_first: figure.p_rank_first.filter(|_| !support.suppressed),
            support,
            strength,
            contributing: priority
                .concerns
                .iter()
                .filter_map(|id| concerns.iter().find(|c| c.id == id.as_str()))
                .cloned()
                .collect(),
        })
        .collect();
    let suppressed = rows.iter().any(|r| r.support.suppressed);
    if !suppressed {
        // Stable: equal shares keep the consultation's order.
        rows.sort_by(|a, b| {
            let (x, y) = (a.support.estimate.unwrap_or(0.0), b.support.estimate.unwrap_or(0.0));
            y.total_cmp(&x)
        });
        for (i, row) in rows.iter_mut().enumerate() {
            row.position = Some(i + 1);
        }
    }
    let summary = summary(&rows, suppressed, definition);
    Ok(PrioritiesSection {
        suppressed,
        rows,
        reference: assessment.reference,
        bootstrap_replicates,
        summary,
    })
}

fn summary(rows: &[PriorityRow], suppressed: bool, definition: &SurveyDefinition) -> String {
    if suppressed {
        return format!(
            "Support for the candidate priorities is suppressed: fewer than {} people responded here.",
            definition.suppression_threshold
        );
    }
    let strong: Vec<&str> = rows
        .iter()
        .filter(|r| r.strength == Strength::Strong)
        .map(|r| r.label.as_str())
        .collect();
    let mut text = match rows.first() {
        Some(top) => match (top.support.estimate, top.support.ci_low, top.support.ci_high) {
            (Some(e), Some(lo), Some(hi)) => format!(
                "\u{201c}{}\u{201d} has the most support: {} of respondents ranked at least one of its concerns in \
                 their top {} ({}).",
                top.label,
                percent(e),
                definition.max_ranked,
                percent_interval(lo, hi)
            ),
            _ => String::new(),
        },
        None => String::new(),
    };
    if let Some(interval) = rows.first().and_then(|r| r.rank_interval) {
        text.push_str(&format!(" Its bootstrap rank interval is {}.", rank_interval(interval)));
    }
    if strong.is_empty() {
        text.push_str(" No priority's support is clearly above the middle of the candidate priorities.");
    } else {
        text.push_str(&format!(
            " Strong support (whole interval above the middle): {}.",
            strong.join("; ")
        ));
    }
    text
}
