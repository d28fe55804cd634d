//! The evidence pack for a police division and each of its council areas: which candidate
//! priorities the community evidence supports and how strongly, how the current plan lines up,
//! what changed, where areas differ, who responded, what people said, and how it was all worked out.
//!
//! * [`compute`] runs the results engine (no database) and gives [`inputs::PackInputs`]' figures;
//! * [`build_pack`] (pure) turns them into an [`EvidencePack`], one builder per section:
//!   [`headline`], [`priorities`], [`coverage`], [`changes`], [`sample`], [`comments`], [`method`];
//! * [`render`] writes it as one self-contained HTML file, CSV tables and one JSON document.
//!
//! Every figure comes through the results engine's disclosure control: a suppressed figure is
//! `null` / "suppressed", never 0. Reads no environment variables.

pub mod assemble;
pub mod changes;
pub mod comments;
pub mod compute;
pub mod coverage;
pub mod headline;
pub mod inputs;
pub mod method;
pub mod model;
pub mod plans;
pub mod priorities;
pub mod render;
pub mod sample;
pub mod screening;
pub mod words;

#[cfg(test)]
mod tests;

pub use assemble::{assemble_pack, AssembleError, PackSources, PackTimings};
pub use compute::{engine_evidence, EngineEvidence, EngineTimings};
pub use inputs::{PackInputs, PackSettings, PlaceEvidence, PlanEvidence, PriorityFigure};
pub use model::EvidencePack;

use crate::results::{AreaType, ResultsReport};
use model::{ConsultationRef, Place, PlaceSection};

/// Why a pack could not be built from its inputs (a bug or inconsistent data, not bad input).
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("the figures do not fit together: {0}")]
    Inconsistent(String),
}

/// The place a report is about.
pub(crate) fn place_of(label: &crate::results::selection::AreaLabel) -> Place {
    Place {
        kind: label.kind,
        code: label.code.clone(),
        name: label.name.clone(),
    }
}

fn consultation_ref(d: &crate::domain::SurveyDefinition) -> ConsultationRef {
    ConsultationRef {
        id: d.id.as_str().to_string(),
        title: d.title.clone(),
        opens: d.opens.to_string(),
        closes: d.closes.to_string(),
    }
}

fn place_section(
    inputs: &PackInputs<'_>,
    evidence: &PlaceEvidence,
    anchor: String,
    council_areas: Vec<model::CategoryRow>,
) -> Result<PlaceSection, PackError> {
    let d = inputs.definition;
    let report = &evidence.report;
    let place = place_of(&report.area);
    let previous_title = inputs.previous.map(|p| p.title.as_str());
    let concerns = priorities::concern_shares(d, evidence)?;
    let why_no_wave = match inputs.previous {
        Some(p) => format!(
            "{} did not cover {}, so there is nothing to compare with.",
            p.title, place.name
        ),
        None => format!("{} has no previous consultation to compare with.", d.title),
    };
    let wave = changes::build_changes(
        report.comparison.as_ref(),
        previous_title.unwrap_or("the previous consultation"),
        &why_no_wave,
        d.max_ranked,
    );
    let differences = (place.kind == AreaType::CouncilArea).then(|| {
        changes::build_changes(
            evidence.rest_of_division.as_ref(),
            &format!("the rest of {}", inputs.division.name),
            &format!(
                "{} is the only council area of its division in this consultation.",
                place.name
            ),
            d.max_ranked,
        )
    });
    Ok(PlaceSection {
        headline: headline::build_headline(report, &place.name, previous_title),
        priorities: priorities::build_priorities(d, evidence, &concerns, inputs.settings.bootstrap_replicates)?,
        changes: wave,
        differences,
        representativeness: sample::build_sample(report, council_areas),
        place,
        anchor,
    })
}

/// Builds the pack from the engine's figures, the plans and the coded comments. Pure.
pub fn build_pack(inputs: &PackInputs<'_>) -> Result<EvidencePack, PackError> {
    let d = inputs.definition;
    let area_reports: Vec<&ResultsReport> = inputs.areas.iter().map(|a| &a.report).collect();
    let council_area_rows = sample::council_area_rows(&inputs.division_evidence.report, &area_reports);
    let division_section = place_section(
        inputs,
        &inputs.division_evidence,
        "division".to_string(),
        council_area_rows,
    )?;
    let council_areas = inputs
        .areas
        .iter()
        .map(|a| place_section(inputs, a, format!("area-{}", a.report.area.code), Vec::new()))
        .collect::<Result<Vec<_>, _>>()?;
    let places: Vec<(Place, String)> = council_areas
        .iter()
        .map(|s| (s.place.clone(), format!("said-{}", s.place.code)))
        .collect();
    Ok(EvidencePack {
        title: format!("Community evidence for the Local Police Plan: {}", inputs.division.name),
        consultation: consultation_ref(d),
        compared_with: inputs.previous.map(consultation_ref),
        division: Place {
            kind: AreaType::Division,
            code: inputs.division.code.to_string(),
            name: inputs.division.name.clone(),
        },
        generated_on: inputs.generated_on.clone(),
        suppression_threshold: d.suppression_threshold,
        low_base_threshold: d.low_base_threshold,
        top_n: d.max_ranked,
        division_section,
        council_areas,
        plan_coverage: coverage::build_coverage(d, &inputs.plans, &inputs.superseded, &inputs.division.name)?,
        what_people_said: comments::build_comments(&inputs.comments, &places),
        method: method::build_method(inputs),
        screening: None,
    })
}
