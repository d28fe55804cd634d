//! Unit tests of the representativeness tables (before disclosure control).
#![allow(clippy::unwrap_used)] // a panic is how a test fails

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
                division: "J",
                respondents: &first,
                weights: &[2.0, 1.0, 3.0, 4.0],
            },
            WeightedRespondents {
                division: "J",
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
            division: "J",
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
