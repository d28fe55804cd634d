//! Who answered, set against who lives there: for the respondents of a selection, per age band and
//! per sex, the unweighted count and share (of those who gave an answer), the weighted share after
//! raking, and the share of the adult (16+) population of the selection's covered council areas.
//! Reads no environment variables.
//!
//! * Shares are of the respondents who gave that answer; those who did not (or preferred not to
//!   say) are counted in `not_given` and left out of the shares, as the raking leaves them out of
//!   that margin.
//! * The population is summed over *every* covered council area of the selection, including areas
//!   with no responses (which cannot be weighted), so a gap between the weighted and the population
//!   share shows what the weighting could not fix: merged bands, areas without responses, and (in a
//!   division or Scotland) areas whose respondents gave their age or sex less often.
//! * The public form ([`Representativeness::disclosed`], in `super::disclosure`) withholds small
//!   counts and those that would give them away, with the shares made from them; in a suppressed
//!   report (too few respondents) every count and share is `null`. The population shares are
//!   published statistics and stay.

use super::dataset::{Dataset, Respondent};
use super::selection::ResolvedSelection;
use super::weighting::WeightedArea;
use super::ResultsError;
use crate::domain::population::{AdultPopulation, PopulationMargins};
use crate::domain::{AgeBand, Geography, Sex};
use serde::Serialize;

/// `representativeness.note`.
pub const REPRESENTATIVENESS_NOTE: &str = "Unweighted and weighted shares are of the respondents who gave their age \
     band (or sex); those who did not, or preferred not to say, are counted in not_given and kept in every other \
     figure. Population shares are of the adults (16+) of every covered council area in the selection, including \
     areas without responses. A count from 1 to below the suppression threshold is withheld (null, with \
     suppressed: true), and so are the next smallest counts of the same table until no withheld count can be worked \
     out from the total and the published counts; a division's or Scotland's count is also withheld where it would \
     give away a withheld count of one of its council areas. Shares are withheld with their counts. When not_given \
     is withheld, answered and every unweighted share are withheld too (any share and its count would give answered \
     away). A weighted share is also withheld when its band was weighted together with a withheld band.";

/// One age band or sex.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryShares {
    /// The stored code (`"16-24"`, `"F"`).
    pub category: &'static str,
    /// Words for people (`"16 to 24"`, `"Female"`).
    pub label: &'static str,
    /// Respondents who gave this answer; `null` when suppressed.
    pub count: Option<usize>,
    /// `count` over the respondents who answered; `null` when suppressed, when `not_given` is
    /// suppressed, or when nobody answered.
    pub sample_share: Option<f64>,
    /// Raked weight of this answer over the raked weight of those who answered; `null` when
    /// suppressed, when weighted together with a suppressed category, or when nobody answered.
    pub weighted_share: Option<f64>,
    /// Share of the selection's adult population; `null` only if that population is 0.
    pub population_share: Option<f64>,
    /// Whether `count` (and the shares made from it) is withheld.
    pub suppressed: bool,
}

/// One margin (age band or sex).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarginShares {
    /// Respondents who gave an answer; `null` when suppressed.
    pub answered: Option<usize>,
    /// Respondents who did not answer or preferred not to say; `null` when suppressed.
    pub not_given: Option<usize>,
    /// Whether `not_given` (and so `answered`, and every unweighted share) is withheld.
    pub not_given_suppressed: bool,
    pub categories: Vec<CategoryShares>,
}

/// The `representativeness` section of the results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Representativeness {
    pub suppressed: bool,
    /// Adults (16+) in the selection's covered council areas.
    pub adult_population: u64,
    pub age_band: MarginShares,
    pub sex: MarginShares,
    pub note: &'static str,
    /// Per council area of the selection, what disclosure control works from (not published).
    #[serde(skip)]
    pub area_cells: Vec<AreaCells>,
}

/// One council area's respondents per age band and then per sex, each followed by those who did
/// not say, and its police division.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaCells {
    pub division: String,
    pub cells: [Vec<usize>; 2],
}

/// One council area's respondents with their raked weights (same length and order).
#[derive(Debug, Clone, Copy)]
pub struct WeightedRespondents<'a> {
    /// The area's police division.
    pub division: &'a str,
    pub respondents: &'a [Respondent],
    pub weights: &'a [f64],
}

struct Tally {
    counts: Vec<usize>,
    weights: Vec<f64>,
    not_given: usize,
}

impl Tally {
    fn new(categories: usize) -> Self {
        Self {
            counts: vec![0; categories],
            weights: vec![0.0; categories],
            not_given: 0,
        }
    }

    fn add(&mut self, code: Option<u8>, weight: f64) {
        match code.map(usize::from).filter(|&c| c < self.counts.len()) {
            Some(c) => {
                self.counts[c] += 1;
                self.weights[c] += weight;
            }
            None => self.not_given += 1,
        }
    }

    /// The counts per category, then the number who did not say.
    fn cells(&self) -> Vec<usize> {
        self.counts.iter().copied().chain([self.not_given]).collect()
    }

    fn shares(&self, labels: &[(&'static str, &'static str)], population: &[f64]) -> MarginShares {
        let answered: usize = self.counts.iter().sum();
        let weight_answered: f64 = self.weights.iter().sum();
        let population_total: f64 = population.iter().sum();
        let share = |part: f64, whole: f64| (whole > 0.0).then(|| part / whole);
        let categories = labels
            .iter()
            .enumerate()
            .map(|(c, &(category, label))| CategoryShares {
                category,
                label,
                count: Some(self.counts[c]),
                sample_share: share(self.counts[c] as f64, answered as f64),
                weighted_share: share(self.weights[c], weight_answered),
                population_share: share(population[c], population_total),
                suppressed: false,
            })
            .collect();
        MarginShares {
            answered: Some(answered),
            not_given: Some(self.not_given),
            not_given_suppressed: false,
            categories,
        }
    }
}

/// Sample against population for the respondents of `areas` (each with its raked weights), with
/// `population` the adult population of the selection. Pure: no database, no raking.
pub fn representativeness(areas: &[WeightedRespondents<'_>], population: &AdultPopulation) -> Representativeness {
    let mut age = Tally::new(AgeBand::ALL.len());
    let mut sex = Tally::new(Sex::ALL.len());
    let mut area_cells = Vec::with_capacity(areas.len());
    for area in areas {
        let (mut area_age, mut area_sex) = (Tally::new(AgeBand::ALL.len()), Tally::new(Sex::ALL.len()));
        for (r, &w) in area.respondents.iter().zip(area.weights) {
            age.add(r.age, w);
            sex.add(r.sex, w);
            area_age.add(r.age, w);
            area_sex.add(r.sex, w);
        }
        area_cells.push(AreaCells {
            division: area.division.to_string(),
            cells: [area_age.cells(), area_sex.cells()],
        });
    }
    let age_labels: Vec<(&'static str, &'static str)> = AgeBand::ALL.iter().map(|b| (b.as_str(), b.label())).collect();
    let sex_labels: Vec<(&'static str, &'static str)> = Sex::ALL.iter().map(|s| (s.as_str(), s.label())).collect();
    Representativeness {
        suppressed: false,
        adult_population: population.total(),
        age_band: age.shares(&age_labels, &population.age_margin()),
        sex: sex.shares(&sex_labels, &population.sex_margin()),
        note: REPRESENTATIVENESS_NOTE,
        area_cells,
    }
}

/// [`representativeness`] of a resolved selection, from its raked areas and the population of all
/// its covered areas.
pub fn of_selection(
    dataset: &Dataset,
    geography: &Geography,
    population: &PopulationMargins,
    selection: &ResolvedSelection,
    weighted: &[WeightedArea],
) -> Result<Representativeness, ResultsError> {
    let codes = selection
        .areas
        .iter()
        .filter_map(|&i| geography.areas.get(i))
        .map(|a| &a.code);
    let adults = population
        .sum_areas(codes)
        .map_err(|code| ResultsError::Internal(format!("there are no population figures for {code}")))?;
    let areas: Vec<WeightedRespondents<'_>> = weighted
        .iter()
        .map(|w| WeightedRespondents {
            division: geography.areas[w.area].division.as_str(),
            respondents: dataset.area(w.area),
            weights: &w.weights,
        })
        .collect();
    Ok(representativeness(&areas, &adults))
}

#[cfg(test)]
#[path = "representativeness_tests.rs"]
mod tests;
