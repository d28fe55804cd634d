//! Sections 4 and 5: what changed since the previous wave, and where a council area differs from the rest of its
//! division: only differences significant after the Benjamini–Hochberg adjustment the results
//! engine applies (`crate::results::comparison`), largest first, with how many were tested.

use super::headline::change_row;
use super::model::{ChangeRow, ChangesSection};
use crate::format::{percent, points};
use crate::results::comparison::ComparisonReport;

/// `comparison` as a section; `compared_with` names the other side for people. `None` comparison
/// means there was nothing to compare with (`why_not` says why).
pub fn build_changes(
    comparison: Option<&ComparisonReport>,
    compared_with: &str,
    why_not: &str,
    top_n: usize,
) -> ChangesSection {
    let Some(c) = comparison else {
        return ChangesSection {
            compared_with: None,
            other_responses: None,
            significant: Vec::new(),
            tested: 0,
            suppressed: 0,
            summary: why_not.to_string(),
        };
    };
    let mut all: Vec<ChangeRow> = vec![
        change_row("Feel safe", &c.feel_safe),
        change_row("Confident in the local police", &c.confidence),
    ];
    all.extend(
        c.concerns
            .iter()
            .map(|d| change_row(&format!("{} (in top {top_n})", d.label), &d.difference)),
    );
    let tested = all.iter().filter(|r| r.p_adjusted.is_some()).count();
    let suppressed = all.iter().filter(|r| r.suppressed).count();
    let mut significant: Vec<ChangeRow> = all.into_iter().filter(|r| r.significant).collect();
    significant.sort_by(|a, b| {
        b.difference
            .unwrap_or(0.0)
            .abs()
            .total_cmp(&a.difference.unwrap_or(0.0).abs())
    });
    let summary = if tested == 0 {
        format!("No figure could be compared with {compared_with}: too few responses on one side or the other.")
    } else if significant.is_empty() {
        format!(
            "None of the {tested} figures compared differs significantly from {compared_with} after adjusting for \
             multiple comparisons."
        )
    } else {
        let listed: Vec<String> = significant
            .iter()
            .take(3)
            .filter_map(|r| {
                let (this, other, d) = (r.this?, r.other?, r.difference?);
                Some(format!(
                    "{}: {} against {} ({} points)",
                    r.measure,
                    percent(this),
                    percent(other),
                    points(d)
                ))
            })
            .collect();
        format!(
            "{} of the {tested} figures compared differ significantly from {compared_with}. Largest: {}.",
            significant.len(),
            listed.join("; ")
        )
    };
    ChangesSection {
        compared_with: Some(compared_with.to_string()),
        other_responses: Some(c.n),
        significant,
        tested,
        suppressed,
        summary,
    }
}
