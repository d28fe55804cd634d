//! Running the results engine for a pack: the division and each covered council area, each with
//! the candidate priorities' shares and rank intervals, the previous wave, and each area against the
//! rest of its division. The same functions as `crate::results::results_report` (weighting,
//! estimates, `build_report`, `compare`), so the pack and the results API give identical numbers
//! for the same bootstrap settings. No database: datasets in, figures out.

use super::inputs::{PackSettings, PlaceEvidence, PlanEvidence, PriorityFigure};
use super::plans::current_plans;
use crate::domain::{DivisionCode, SurveyDefinition};
use crate::results::comparison::{compare, ComparisonKind, ComparisonReport, Side};
use crate::results::engine::{compute_selection, compute_selection_grouped, SelectionFigures};
use crate::results::report::{build_report, proportion, ResultsReport, Thresholds};
use crate::results::selection::{AreaLabel, AreaType};
use crate::results::{EngineOptions, Inputs, ResolvedSelection, ResultsError, Selection};
use crate::seeds::CurrentPlan;
use std::time::{Duration, Instant};

/// The engine's part of a pack.
#[derive(Debug, Clone)]
pub struct EngineEvidence {
    pub division: PlaceEvidence,
    pub areas: Vec<PlaceEvidence>,
    pub plans: Vec<PlanEvidence>,
    pub superseded: Vec<(CurrentPlan, String)>,
    pub settings: PackSettings,
    pub timings: EngineTimings,
}

/// Where the engine's time went.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct EngineTimings {
    /// Weighting, estimates and the rank bootstrap of the division and its areas (current wave).
    pub current_wave: Duration,
    /// The previous wave and the rest-of-division comparisons (weighting and estimates, no bootstrap).
    pub comparisons: Duration,
}

/// Each candidate priority as the concern indices it maps to.
pub fn priority_groups(definition: &SurveyDefinition) -> Vec<Vec<u8>> {
    definition
        .priorities
        .iter()
        .map(|p| {
            p.concerns
                .iter()
                .filter_map(|id| definition.concern_index(id.as_str()))
                .filter_map(|k| u8::try_from(k).ok())
                .collect()
        })
        .collect()
}

fn place_evidence(
    inputs: &Inputs<'_>,
    selection: &ResolvedSelection,
    options: &EngineOptions,
    groups: &[Vec<u8>],
) -> Result<(PlaceEvidence, SelectionFigures), ResultsError> {
    let figures = compute_selection_grouped(inputs, selection, options, true, groups)?;
    let report = build_report(
        inputs.definition,
        inputs.geography,
        inputs.population,
        &figures,
        options,
    )?;
    let thresholds = Thresholds::of(inputs.definition);
    let hidden = report.suppressed;
    let mut priorities = Vec::with_capacity(groups.len());
    for (k, estimate) in figures.groups.iter().enumerate() {
        let stability = figures
            .group_ranks
            .as_ref()
            .and_then(|r| r.items.get(k))
            .filter(|_| !hidden);
        priorities.push(PriorityFigure {
            share: proportion(estimate.as_ref(), thresholds, options.level)?,
            rank_interval: stability.map(|s| [s.rank_lower, s.rank_upper]),
            p_rank_first: stability.map(|s| s.probability_first),
        });
    }
    Ok((
        PlaceEvidence {
            report,
            rest_of_division: None,
            priorities,
        },
        figures,
    ))
}

/// The same place in the previous wave; `None` when that consultation does not cover it.
fn wave_comparison(
    this: &Inputs<'_>,
    figures: &SelectionFigures,
    previous: &Inputs<'_>,
    selection: &Selection,
    options: &EngineOptions,
) -> Result<Option<ComparisonReport>, ResultsError> {
    let resolved = match selection.resolve(previous.geography, previous.definition) {
        Ok(r) => r,
        Err(ResultsError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let other = compute_selection(previous, &resolved, options, false)?;
    let this_side = Side {
        definition: this.definition,
        figures,
    };
    let other_side = Side {
        definition: previous.definition,
        figures: &other,
    };
    Ok(Some(compare(&this_side, &other_side, ComparisonKind::Waves)?))
}

fn rest_comparison(
    inputs: &Inputs<'_>,
    figures: &SelectionFigures,
    area: usize,
    options: &EngineOptions,
) -> Result<Option<ComparisonReport>, ResultsError> {
    let rest = match ResolvedSelection::rest_of_division(inputs.geography, inputs.definition, area) {
        Ok(rest) => rest,
        Err(ResultsError::BadRequest(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let other = compute_selection(inputs, &rest, options, false)?;
    let this_side = Side {
        definition: inputs.definition,
        figures,
    };
    let other_side = Side {
        definition: inputs.definition,
        figures: &other,
    };
    Ok(Some(compare(
        &this_side,
        &other_side,
        ComparisonKind::AreaVsRestOfDivision,
    )?))
}

/// Computes the engine's part of the pack for `division`. `previous` is the consultation compared
/// with in "What changed"; `plans` are all the plans in seeds/ (the division's are picked out).
pub fn engine_evidence(
    current: &Inputs<'_>,
    previous: Option<&Inputs<'_>>,
    division: &DivisionCode,
    plans: &[CurrentPlan],
    options: &EngineOptions,
) -> Result<EngineEvidence, ResultsError> {
    let groups = priority_groups(current.definition);
    let selection = Selection::Division(division.clone());
    let resolved = selection.resolve(current.geography, current.definition)?;
    let mut timings = EngineTimings::default();

    let started = Instant::now();
    let (mut division_evidence, division_figures) = place_evidence(current, &resolved, options, &groups)?;
    let mut areas = area_evidence(
        current,
        &resolved,
        (&division_evidence, &division_figures),
        options,
        &groups,
    )?;
    timings.current_wave = started.elapsed();

    let started = Instant::now();
    if let Some(previous) = previous {
        division_evidence.report.comparison =
            wave_comparison(current, &division_figures, previous, &selection, options)?;
    }
    for area in &mut areas {
        if let Some(previous) = previous {
            area.evidence.report.comparison =
                wave_comparison(current, &area.figures, previous, &area.selection, options)?;
        }
        area.evidence.rest_of_division = rest_comparison(current, &area.figures, area.index, options)?;
    }
    let (in_force, replaced) = current_plans(plans, division);
    let place = DivisionPlaces {
        division,
        resolved: &resolved,
        division_evidence: &division_evidence,
        areas: &areas,
    };
    let mut plan_evidence = Vec::with_capacity(in_force.len());
    for plan in in_force {
        if let Some(report) = plan_report(current, &place, plan, options)? {
            plan_evidence.push(PlanEvidence {
                plan: plan.clone(),
                report,
            });
        }
    }
    timings.comparisons = started.elapsed();

    let bootstrap = options.bootstrap.as_ref();
    Ok(EngineEvidence {
        division: division_evidence,
        areas: areas.into_iter().map(|area| area.evidence).collect(),
        plans: plan_evidence,
        superseded: replaced
            .into_iter()
            .map(|(old, new)| (old.clone(), new.title.clone()))
            .collect(),
        settings: PackSettings {
            bootstrap_replicates: bootstrap.map_or(0, |b| b.replicates),
            bootstrap_seed: bootstrap.map_or(0, |b| b.seed),
            level: options.level,
        },
        timings,
    })
}

/// One council area of the division while the pack is computed.
struct AreaWork {
    /// Index in `Geography::areas`.
    index: usize,
    selection: Selection,
    evidence: PlaceEvidence,
    figures: SelectionFigures,
}

/// The division's council areas in name order, each with its current-wave evidence.
fn area_evidence(
    current: &Inputs<'_>,
    resolved: &ResolvedSelection,
    (division_evidence, division_figures): (&PlaceEvidence, &SelectionFigures),
    options: &EngineOptions,
    groups: &[Vec<u8>],
) -> Result<Vec<AreaWork>, ResultsError> {
    let (geography, definition) = (current.geography, current.definition);
    let mut area_indices: Vec<usize> = resolved.areas.clone();
    area_indices.sort_by(|&a, &b| geography.areas[a].name.cmp(&geography.areas[b].name));
    let mut areas = Vec::with_capacity(area_indices.len());
    for &index in &area_indices {
        let area_selection = Selection::CouncilArea(geography.areas[index].code.clone());
        let area_resolved = area_selection.resolve(geography, definition)?;
        let (evidence, figures) = if resolved.areas == [index] {
            // A division of one council area (Edinburgh, Fife…): the same respondents and weights,
            // so the same figures under the area's label, without raking and bootstrapping twice.
            let mut evidence = division_evidence.clone();
            let mut figures = division_figures.clone();
            evidence.report.area = area_resolved.label.clone();
            figures.label = area_resolved.label.clone();
            (evidence, figures)
        } else {
            place_evidence(current, &area_resolved, options, groups)?
        };
        areas.push(AreaWork {
            index,
            selection: area_selection,
            evidence,
            figures,
        });
    }
    Ok(areas)
}

/// The division's evidence, for the plans that cover it.
struct DivisionPlaces<'a> {
    division: &'a DivisionCode,
    resolved: &'a ResolvedSelection,
    division_evidence: &'a PlaceEvidence,
    areas: &'a [AreaWork],
}

/// The results for the council areas a plan covers: the division's or one area's report when the
/// plan covers exactly that, otherwise computed for those areas (no bootstrap); `None` when the
/// plan covers none of the division's areas.
fn plan_report(
    current: &Inputs<'_>,
    place: &DivisionPlaces<'_>,
    plan: &CurrentPlan,
    options: &EngineOptions,
) -> Result<Option<ResultsReport>, ResultsError> {
    let geography = current.geography;
    let mut plan_areas: Vec<usize> = plan
        .council_areas
        .iter()
        .filter_map(|code| geography.areas.iter().position(|a| &a.code == code))
        .filter(|i| place.resolved.areas.contains(i))
        .collect();
    plan_areas.sort_unstable();
    let mut division_areas = place.resolved.areas.clone();
    division_areas.sort_unstable();
    if plan_areas == division_areas {
        return Ok(Some(place.division_evidence.report.clone()));
    }
    if let Some(area) = place.areas.iter().find(|area| plan_areas == [area.index]) {
        return Ok(Some(area.evidence.report.clone()));
    }
    if plan_areas.is_empty() {
        return Ok(None);
    }
    let names: Vec<&str> = plan_areas.iter().map(|&i| geography.areas[i].name.as_str()).collect();
    let label = AreaLabel {
        kind: AreaType::Division,
        code: place.division.to_string(),
        name: names.join(", "),
    };
    let custom = ResolvedSelection {
        label,
        areas: plan_areas,
    };
    let figures = compute_selection(current, &custom, options, false)?;
    let report = build_report(current.definition, geography, current.population, &figures, options)?;
    Ok(Some(report))
}
