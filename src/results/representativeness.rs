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
     out from the total and the published counts; their shares are withheld with them. When not_given is withheld, \
     answered and every unweighted share are withheld too (any share and its count would give answered away). A \
     weighted share is also withheld when its band was weighted together with a withheld band.";

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
}

/// One council area's respondents with their raked weights (same length and order).
#[derive(Debug, Clone, Copy)]
pub struct WeightedRespondents<'a> {
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
    for area in areas {
        for (r, &w) in area.respondents.iter().zip(area.weights) {
            age.add(r.age, w);
            sex.add(r.sex, w);
        }
    }
    let age_labels: Vec<(&'static str, &'static str)> = AgeBand::ALL.iter().map(|b| (b.as_str(), b.label())).collect();
    let sex_labels: Vec<(&'static str, &'static str)> = Sex::ALL.iter().map(|s| (s.as_str(), s.label())).collect();
    Representativeness {
        suppressed: false,
        adult_population: population.total(),
        age_band: age.shares(&age_labels, &population.age_margin()),
        sex: sex.shares(&sex_labels, &population.sex_margin()),
        note: REPRESENTATIVENESS_NOTE,
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
            respondents: dataset.area(w.area),
            weights: &w.weights,
        })
        .collect();
    Ok(representativeness(&areas, &adults))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    fn respondent(age: Option<u8>, sex: Option<u8>) -> Respondent {
        Respondent {
            age,
            sex,
            ..Respondent::default()
        }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    /// Two areas by hand. Area 1: 16-24 M (w 2), 16-24 F (w 1), 75+ F (w 3), unknown age M (w 4).
    /// Area 2: 25-34 unknown sex (w 10). Population: 100 per cell for males, 300 per cell for
    /// females, so every band is 400 of 2,800 (1/7) and males 700 of 2,800 (1/4).
    fn example() -> Representativeness {
        let first = [
            respondent(Some(0), Some(0)),
            respondent(Some(0), Some(1)),
            respondent(Some(6), Some(1)),
            respondent(None, Some(0)),
        ];
        let second = [respondent(Some(1), None)];
        let population = AdultPopulation::new([[100; 7], [300; 7]]);
        representativeness(
            &[
                WeightedRespondents {
                    respondents: &first,
                    weights: &[2.0, 1.0, 3.0, 4.0],
                },
                WeightedRespondents {
                    respondents: &second,
                    weights: &[10.0],
                },
            ],
            &population,
        )
    }

    #[test]
    fn age_bands_count_answers_and_share_them_among_those_who_answered() {
        let r = example();
        assert_eq!(r.adult_population, 2_800);
        assert_eq!(r.age_band.answered, Some(4));
        assert_eq!(r.age_band.not_given, Some(1));
        let bands = &r.age_band.categories;
        assert_eq!(bands.len(), 7);
        assert_eq!((bands[0].category, bands[0].label), ("16-24", "16 to 24"));
        assert_eq!(bands[0].count, Some(2));
        assert!(close(bands[0].sample_share, 0.5));
        // Weights of those who gave an age: 2 + 1 + 3 + 10 = 16; 16-24 holds 3 of it.
        assert!(close(bands[0].weighted_share, 3.0 / 16.0));
        assert!(close(bands[1].weighted_share, 10.0 / 16.0));
        assert!(close(bands[6].sample_share, 0.25));
        assert_eq!(bands[3].count, Some(0));
        assert!(close(bands[3].weighted_share, 0.0));
        for band in bands {
            assert!(close(band.population_share, 1.0 / 7.0), "{band:?}");
        }
    }

    #[test]
    fn sexes_leave_out_those_who_did_not_say() {
        let r = example();
        assert_eq!(r.sex.answered, Some(4));
        assert_eq!(r.sex.not_given, Some(1));
        let [male, female] = [&r.sex.categories[0], &r.sex.categories[1]];
        assert_eq!((male.category, male.label, male.count), ("M", "Male", Some(2)));
        assert_eq!(female.count, Some(2));
        // Weights of those who gave their sex: 2 + 1 + 3 + 4 = 10; males 2 + 4.
        assert!(close(male.weighted_share, 0.6));
        assert!(close(female.weighted_share, 0.4));
        assert!(close(male.population_share, 0.25));
        assert!(close(female.population_share, 0.75));
    }

    #[test]
    fn nobody_answering_gives_no_shares_rather_than_zero() {
        let people = [respondent(None, None), respondent(None, None)];
        let r = representativeness(
            &[WeightedRespondents {
                respondents: &people,
                weights: &[1.0, 1.0],
            }],
            &AdultPopulation::new([[1; 7], [1; 7]]),
        );
        assert_eq!(r.age_band.answered, Some(0));
        assert_eq!(r.age_band.not_given, Some(2));
        assert!(r
            .age_band
            .categories
            .iter()
            .all(|c| c.sample_share.is_none() && c.weighted_share.is_none()));
        assert!(r.age_band.categories.iter().all(|c| c.population_share.is_some()));
    }

    #[test]
    fn in_a_report_raking_brings_weighted_shares_to_the_population_shares() {
        use crate::results::tests::{area, dataset, options, random_respondents, report, BORDERS};
        let data = dataset(&[(BORDERS, random_respondents(400, 5, 7))]);
        let r = report("test-lothians", &data, &area(BORDERS), &options(0)).representativeness;
        assert!(!r.suppressed);
        assert_eq!(r.age_band.answered.unwrap() + r.age_band.not_given.unwrap(), 400);
        assert!(r.age_band.not_given.unwrap() > 0, "the fixture leaves some ages out");
        for c in r.age_band.categories.iter().chain(&r.sex.categories) {
            let (weighted, population) = (c.weighted_share.unwrap(), c.population_share.unwrap());
            assert!((weighted - population).abs() < 1e-6, "{c:?}");
        }
        let sample: f64 = r.age_band.categories.iter().map(|c| c.sample_share.unwrap()).sum();
        assert!((sample - 1.0).abs() < 1e-12);
    }
}
