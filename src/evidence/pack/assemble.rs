//! One call from datasets and a source of comments to a finished [`EvidencePack`], timed by stage;
//! shared by `localvoice evidence-pack` and the analyst page so both give the same pack.

use super::comments::AreaCommentCoder;
use super::compute::{engine_evidence, EngineTimings};
use super::inputs::PackInputs;
use super::{build_pack, EvidencePack, PackError};
use crate::domain::DivisionCode;
use crate::evidence::comment_themes::StoredComment;
use crate::evidence::themes::ThemeCoder;
use crate::results::{EngineOptions, Inputs, ResultsError};
use crate::seeds::CurrentPlan;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What a pack is made from.
#[derive(Debug, Clone, Copy)]
pub struct PackSources<'a> {
    pub current: Inputs<'a>,
    /// The consultation to compare with, and its data.
    pub previous: Option<Inputs<'a>>,
    pub division: &'a DivisionCode,
    /// All plans in seeds/; the division's are picked out.
    pub plans: &'a [CurrentPlan],
    pub options: &'a EngineOptions,
    pub generated_on: &'a str,
}

/// Where the time went.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PackTimings {
    pub engine: EngineTimings,
    /// Reading and coding the comments.
    pub comments: Duration,
    /// Building the pack's sections from the figures.
    pub build: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum AssembleError {
    #[error(transparent)]
    Results(#[from] ResultsError),
    #[error(transparent)]
    Pack(#[from] PackError),
}

/// Builds the pack; `area_comments(code)` gives the non-blank comments of one council area, each
/// saying whether it may be quoted.
pub fn assemble_pack(
    request: &PackSources<'_>,
    mut area_comments: impl FnMut(&str) -> Result<Vec<StoredComment>, ResultsError>,
) -> Result<(EvidencePack, PackTimings), AssembleError> {
    let current = &request.current;
    let definition = current.definition;
    let division = current
        .geography
        .division(request.division)
        .ok_or_else(|| ResultsError::NotFound(format!("there is no police division {}", request.division)))?;
    let engine = engine_evidence(
        current,
        request.previous.as_ref(),
        request.division,
        request.plans,
        request.options,
    )?;

    let started = Instant::now();
    let coder = ThemeCoder::new(&definition.themes);
    let mut coding = AreaCommentCoder::new(&coder);
    let mut bases = HashMap::new();
    for area in &engine.areas {
        let code = area.report.area.code.as_str();
        bases.insert(code.to_string(), u32::try_from(area.report.n).unwrap_or(u32::MAX));
        // Comments of an area under the threshold are never shown, so they are not even read.
        if area.report.n >= definition.suppression_threshold as usize {
            coding.add_area(code, &area_comments(code)?);
        }
    }
    let comments = coding.finish(&bases, definition.suppression_threshold);
    let comments_time = started.elapsed();

    let started = Instant::now();
    let inputs = PackInputs {
        definition,
        previous: request.previous.map(|p| p.definition),
        division,
        division_evidence: engine.division,
        areas: engine.areas,
        plans: engine.plans,
        superseded: engine.superseded,
        comments,
        settings: engine.settings,
        generated_on: request.generated_on.to_string(),
    };
    let pack = build_pack(&inputs)?;
    let timings = PackTimings {
        engine: engine.timings,
        comments: comments_time,
        build: started.elapsed(),
    };
    Ok((pack, timings))
}
