//! Trimming by default, and what the weighting section says about the largest weights.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::tests::*;
use super::weighting::LARGEST_SHARE_LIMIT;
use super::{Respondent, ResultsReport};

fn person(age: u8, sex: u8, seed: u64) -> Respondent {
    let mut r = random_respondents(1, 5, seed)[0];
    r.age = Some(age);
    r.sex = Some(sex);
    r
}

/// 60 respondents in the Borders, where men are almost missing: three scripted responses from men
/// aged 16-24 (with three women of that age) and three other men; 51 women over 25.
fn scripted_men() -> Vec<Respondent> {
    let mut people: Vec<Respondent> = (0..3).map(|i| person(0, 0, i)).collect();
    people.extend((0..3).map(|i| person(0, 1, 10 + i)));
    people.extend((0..3).map(|i| person(1 + i as u8, 0, 20 + i)));
    people.extend((0..51).map(|i| person(1 + (i % 6) as u8, 1, 100 + i)));
    people
}

fn borders_report(people: Vec<Respondent>, trimmed: bool) -> ResultsReport {
    let data = dataset(&[(BORDERS, people)]);
    let options = if trimmed { options(0) } else { untrimmed(0) };
    report("test-lothians", &data, &area(BORDERS), &options)
}

#[test]
fn a_thin_cell_s_weights_are_trimmed_by_default_and_the_area_is_flagged() {
    let report = borders_report(scripted_men(), true);
    let w = &report.weighting;
    let settings = w.trimming.as_ref().expect("trimmed by default");
    assert_eq!((settings.lower_ratio, settings.upper_ratio), (0.2, 5.0));
    let a = &w.areas[0];
    let trimming = a.trimming.as_ref().unwrap();
    assert!(trimming.rounds > 0, "some weights had to be trimmed");
    assert!(trimming.within_bounds);
    let (max, min) = (a.max_weight.unwrap(), a.min_weight.unwrap());
    assert!(max <= trimming.upper_bound * (1.0 + 1e-9) && min >= trimming.lower_bound * (1.0 - 1e-9));
    assert!((a.weight_ratio.unwrap() - max / min).abs() < 1e-9);
    assert!(a.weight_ratio.unwrap() <= 25.0 + 1e-6);
    // Capped at 5 times the mean of 60 respondents, one still carries 5/60 of the area's weight.
    let share = a.largest_weight_share.unwrap();
    assert!((share - max / a.adult_population).abs() < 1e-9);
    assert!(share > LARGEST_SHARE_LIMIT && share <= 5.0 / 60.0 + 1e-9, "{share}");
    assert!(a.over_share_limit);
    assert_eq!(w.areas_over_share_limit.len(), 1);
    assert_eq!(w.areas_over_share_limit[0].code, BORDERS);
    let json = serde_json::to_value(&report).unwrap();
    let area = &json["weighting"]["areas"][0];
    for field in ["max_weight", "weight_ratio", "largest_weight_share"] {
        assert!(area[field].is_number(), "{field}: {area}");
    }
    assert_eq!(area["over_share_limit"], true);
    assert_eq!(json["weighting"]["largest_share_limit"], 0.05);
}

#[test]
fn without_trimming_the_flag_shows_the_untrimmed_largest_share() {
    let trimmed = borders_report(scripted_men(), true);
    let report = borders_report(scripted_men(), false);
    assert!(report.weighting.trimming.is_none());
    let a = &report.weighting.areas[0];
    assert!(a.trimming.is_none() && a.over_share_limit);
    let share = a.largest_weight_share.unwrap();
    assert!(
        share > 0.15 && share > trimmed.weighting.areas[0].largest_weight_share.unwrap(),
        "{share}"
    );
    assert!((share - a.max_weight.unwrap() / a.adult_population).abs() < 1e-9);
    assert!(a.weight_ratio.unwrap() > 100.0, "{:?}", a.weight_ratio);
    assert!(
        a.converged && a.max_relative_error <= 1e-8,
        "untrimmed raking meets every total"
    );
}

#[test]
fn a_well_filled_area_is_neither_trimmed_nor_flagged() {
    let report = borders_report(random_respondents(400, 5, 3), true);
    let a = &report.weighting.areas[0];
    let trimming = a.trimming.as_ref().unwrap();
    assert!(trimming.rounds == 0 && trimming.within_bounds && trimming.margins_met);
    assert!(!a.over_share_limit && report.weighting.areas_over_share_limit.is_empty());
    assert!(a.largest_weight_share.unwrap() < LARGEST_SHARE_LIMIT);
    assert!(a.weight_ratio.unwrap() > 1.0);
    // Nothing to trim: the same figures as raking alone.
    let plain = borders_report(random_respondents(400, 5, 3), false);
    assert_eq!(report.feel_safe, plain.feel_safe);
}
