//! The pack's sensitivity check for scripted responses: how many of the division's online
//! responses the duplicate and burst screening flags (per council area), and the division's
//! headline figures with and without them. Nothing is removed from any other figure in the pack.
//! Pure: built from the results service's `ScreeningReport`.

use crate::format::{count, suppressed_because, ShareFigure};
use crate::results::report::Proportion;
use crate::results::screening_service::ScreeningReport;
use serde::Serialize;

/// One council area's screening, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScreenedArea {
    pub name: String,
    /// Online responses screened.
    pub screened: String,
    /// Flagged by any rule; below the suppression threshold, withheld.
    pub flagged: String,
}

/// The section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScreeningSection {
    /// Responses flagged in the division (the exact count: the division is never a small cell).
    pub flagged: usize,
    pub areas: Vec<ScreenedArea>,
    /// "With every response" and "without the flagged ones": responses, feel safe, confident.
    pub with_all: [String; 3],
    pub without_flagged: Option<[String; 3]>,
}

fn share(p: &Proportion, threshold: u32) -> String {
    ShareFigure {
        estimate: p.estimate,
        ci_low: p.ci_low,
        ci_high: p.ci_high,
        suppressed: p.suppressed,
    }
    .with_interval(&suppressed_because(threshold))
}

/// The section of `report` (the division's screening), small counts withheld as elsewhere in the pack.
pub fn screening_section(report: &ScreeningReport, threshold: u32) -> ScreeningSection {
    let small = |n: usize| n > 0 && n < usize::try_from(threshold).unwrap_or(usize::MAX);
    let counted = |n: usize| {
        if small(n) {
            format!("fewer than {threshold}")
        } else {
            count(n)
        }
    };
    let headline = |h: &crate::results::screening_service::Headline| {
        [
            count(h.n),
            share(&h.feel_safe, threshold),
            share(&h.confidence, threshold),
        ]
    };
    ScreeningSection {
        flagged: report.flagged,
        areas: report
            .areas
            .iter()
            .map(|a| ScreenedArea {
                name: a.name.clone(),
                screened: counted(a.screened),
                flagged: counted(a.flagged),
            })
            .collect(),
        with_all: headline(&report.with_all),
        without_flagged: report.without_flagged.as_ref().map(headline),
    }
}
