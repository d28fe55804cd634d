//! Generated responses straight into the results engine's in-memory [`Dataset`], without a
//! database: for benchmarks (`benches/results.rs`) and the weightipy comparison
//! (`examples/results_bench_data.rs`). Responses are coded exactly as the database path codes them
//! (`crate::db::results::load_responses`), through the same [`Codebook`].

use super::{generate, DemoError, Wave};
use crate::domain::population::PopulationMargins;
use crate::domain::{Geography, SurveyDefinition, SurveyResponse};
use crate::results::{Codebook, Dataset, RankingCodes, Respondent};

/// `n` generated responses to `definition` (see [`generate`]), as a [`Dataset`].
pub fn generate_dataset(
    definition: &SurveyDefinition,
    geography: &Geography,
    population: &PopulationMargins,
    n: usize,
    seed: u64,
    wave: Wave,
) -> Result<Dataset, DemoError> {
    let codebook = Codebook::new(geography, definition);
    let mut data = Dataset::new(geography.areas.len());
    for response in generate(definition, geography, population, n, seed, wave)? {
        push_response(&mut data, &codebook, &response?);
    }
    let rows = data.respondents() as u64 + data.unknown_areas;
    data.version = crate::results::DatasetVersion {
        rows,
        max_id: i64::try_from(rows).unwrap_or(i64::MAX),
        generation: 0,
    };
    Ok(data)
}

/// Codes one validated response and adds it to `data`.
pub fn push_response(data: &mut Dataset, codebook: &Codebook, response: &SurveyResponse) {
    let Some(area) = codebook.area(response.council_area.as_str().as_bytes()) else {
        data.unknown_areas += 1;
        return;
    };
    let mut ranking = RankingCodes::default();
    for id in response.ranking.concerns() {
        match codebook.concern(id.as_str().as_bytes()) {
            Some(code) => ranking.push(code),
            None => data.unknown_concerns += 1,
        }
    }
    let respondent = Respondent {
        age: response.age.and_then(|a| Codebook::age_band(a.as_str().as_bytes())),
        sex: response.sex.and_then(|s| Codebook::sex(s.as_str().as_bytes())),
        feel_safe: response.feel_safe.map(|v| v.get()),
        confidence: response.confidence.map(|v| v.get()),
        ranking,
    };
    data.push(area, respondent);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::testdata::{definition, geography, population};

    #[test]
    fn a_generated_dataset_keeps_every_response_and_codes_them_like_the_database() {
        let definition = definition();
        let data = generate_dataset(&definition, geography(), population(), 2_000, 7, Wave::Current).unwrap();
        assert_eq!(data.respondents(), 2_000);
        assert_eq!(data.unknown_areas, 0);
        assert_eq!(data.unknown_concerns, 0);
        assert_eq!(data.version.rows, 2_000);
        let all: Vec<&Respondent> = (0..data.area_count()).flat_map(|a| data.area(a)).collect();
        assert!(all.iter().any(|r| r.age.is_none()), "some decline the age question");
        assert!(all
            .iter()
            .all(|r| r.age.is_none_or(|a| a < 7) && r.sex.is_none_or(|s| s < 2)));
        assert!(all.iter().all(|r| r.feel_safe.is_none_or(|v| (1..=5).contains(&v))));
        assert!(all.iter().filter(|r| !r.ranking.is_empty()).count() > 1_900);

        let again = generate_dataset(&definition, geography(), population(), 2_000, 7, Wave::Current).unwrap();
        assert!(
            (0..data.area_count()).all(|a| data.area(a) == again.area(a)),
            "same seed, same data"
        );
    }
}
