//! Fixtures for the results engine's unit tests: the real seeds (geography and population) and the
//! API tests' consultations, with small synthetic response sets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::dataset::{Dataset, RankingCodes, Respondent};
use super::engine::{EngineOptions, Inputs};
use super::selection::Selection;
use super::{results_report, Comparison, ResultsReport};
use crate::domain::population::PopulationMargins;
use crate::domain::{CouncilAreaCode, DivisionCode, Geography, SurveyDefinition};
use crate::stats::BootstrapOptions;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::sync::OnceLock;

pub struct Fixture {
    pub geography: Geography,
    pub population: PopulationMargins,
    pub definitions: Vec<SurveyDefinition>,
}

pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let reference = crate::seeds::load_all(&root.join("seeds")).unwrap();
        let definitions = crate::defs::load_dir(&root.join("tests/api/defs"), Some(&reference.geography)).unwrap();
        Fixture {
            geography: reference.geography,
            population: reference.population,
            definitions,
        }
    })
}

impl Fixture {
    pub fn definition(&self, id: &str) -> &SurveyDefinition {
        self.definitions.iter().find(|d| d.id.as_str() == id).unwrap()
    }
    pub fn area_index(&self, code: &str) -> usize {
        self.geography
            .areas
            .iter()
            .position(|a| a.code.as_str() == code)
            .unwrap()
    }
}

pub const BORDERS: &str = "S12000026";
pub const EAST_LOTHIAN: &str = "S12000010";
pub const MIDLOTHIAN: &str = "S12000019";

/// `n` respondents with every age band and sex well represented, random answers, and rankings of
/// up to three of `concerns` concerns with concern 0 the most popular.
pub fn random_respondents(n: usize, concerns: u8, seed: u64) -> Vec<Respondent> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|i| {
            let mut ranking = RankingCodes::default();
            let mut items: Vec<u8> = (0..concerns).collect();
            for _ in 0..3.min(concerns) {
                // Weighted towards low indices so the order is clear.
                let pick = (rng.gen::<f64>().powi(2) * items.len() as f64) as usize;
                ranking.push(items.remove(pick.min(items.len() - 1)));
            }
            Respondent {
                age: Some((i % 7) as u8).filter(|_| rng.gen_bool(0.95)),
                sex: Some(rng.gen_range(0..2u8)).filter(|_| rng.gen_bool(0.97)),
                feel_safe: Some(rng.gen_range(1..=5u8)).filter(|_| rng.gen_bool(0.9)),
                confidence: Some(rng.gen_range(1..=5u8)).filter(|_| rng.gen_bool(0.9)),
                ranking,
            }
        })
        .collect()
}

pub fn dataset(rows: &[(&str, Vec<Respondent>)]) -> Dataset {
    let f = fixture();
    let mut data = Dataset::new(f.geography.areas.len());
    for (code, respondents) in rows {
        let area = f.area_index(code) as u16;
        for r in respondents {
            data.push(area, *r);
        }
    }
    data
}

/// The published settings (weights trimmed), with `replicates` bootstrap replicates.
pub fn options(replicates: usize) -> EngineOptions {
    EngineOptions {
        bootstrap: (replicates > 0).then_some(BootstrapOptions {
            replicates,
            ..BootstrapOptions::default()
        }),
        ..EngineOptions::default()
    }
}

/// As [`options`], with raking alone (no trimming): for comparisons with figures worked out from
/// untrimmed raking, so that like is compared with like.
pub fn untrimmed(replicates: usize) -> EngineOptions {
    EngineOptions {
        weighting: super::WeightingOptions::untrimmed(),
        ..options(replicates)
    }
}

pub fn area(code: &str) -> Selection {
    Selection::CouncilArea(CouncilAreaCode::parse(code).unwrap())
}

pub fn division(code: &str) -> Selection {
    Selection::Division(DivisionCode::parse(code).unwrap())
}

pub fn report(consultation: &str, data: &Dataset, selection: &Selection, options: &EngineOptions) -> ResultsReport {
    let f = fixture();
    let inputs = Inputs {
        definition: f.definition(consultation),
        geography: &f.geography,
        population: &f.population,
        dataset: data,
    };
    results_report(&inputs, selection, Comparison::Nothing, options).unwrap()
}

pub fn respondent(age: Option<u8>, sex: u8, seed: usize) -> Respondent {
    let mut r = random_respondents(1, 5, seed as u64)[0];
    r.age = age;
    r.sex = Some(sex);
    r
}

/// 100 respondents in the Borders: two aged 16-24, three not saying their age, the rest spread
/// over the other bands (15 or 16 each).
pub fn borders_with_two_young() -> Vec<Respondent> {
    (0..100)
        .map(|i| {
            let age = match i {
                0 | 1 => Some(0),
                2..=4 => None,
                _ => Some(1 + (i % 6) as u8),
            };
            respondent(age, (i % 2) as u8, i)
        })
        .collect()
}
