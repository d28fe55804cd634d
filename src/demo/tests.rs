use super::*;
use crate::domain::{AgeAnswer, AgeBand, Channel, CouncilAreaCode, SexAnswer};
use crate::testdata::{definition, geography, population};
use std::collections::HashMap;

fn sample(n: usize, seed: u64, wave: Wave) -> Vec<SurveyResponse> {
    let (d, g, p) = (definition(), geography(), population());
    generate(&d, g, p, n, seed, wave)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

/// Share of first choices per concern among responses matching `keep`.
fn first_choice_shares(responses: &[SurveyResponse], keep: impl Fn(&SurveyResponse) -> bool) -> Vec<(String, f64)> {
    let mut counts: HashMap<String, f64> = HashMap::new();
    let mut total = 0.0;
    for r in responses.iter().filter(|r| keep(r)) {
        *counts.entry(r.ranking.concerns()[0].as_str().to_string()).or_default() += 1.0;
        total += 1.0;
    }
    let mut shares: Vec<(String, f64)> = counts.into_iter().map(|(k, v)| (k, v / total)).collect();
    shares.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    shares
}

fn share(shares: &[(String, f64)], id: &str) -> f64 {
    shares.iter().find(|(k, _)| k == id).map(|(_, v)| *v).unwrap_or(0.0)
}

#[test]
fn the_same_seed_gives_the_same_responses_and_another_seed_does_not() {
    let a = sample(2_000, 42, Wave::Current);
    assert_eq!(a, sample(2_000, 42, Wave::Current));
    assert_ne!(a, sample(2_000, 43, Wave::Current));
}

#[test]
fn every_generated_response_is_valid_and_well_spread() {
    let responses = sample(20_000, 1, Wave::Current);
    assert_eq!(responses.len(), 20_000);
    let d = definition();
    for r in &responses {
        let t = crate::domain::uk_time::uk_date(r.submitted_at.unwrap());
        assert!(t >= d.opens && t <= d.closes);
        assert!(!r.ranking.is_empty() && r.ranking.len() <= 3);
    }
    let full = responses.iter().filter(|r| r.ranking.len() == 3).count() as f64 / 20_000.0;
    assert!(full > 0.7 && full < 0.85, "share ranking all three: {full}");
    let areas: std::collections::HashSet<_> = responses.iter().map(|r| &r.council_area).collect();
    assert_eq!(areas.len(), 32, "every council area responds");
    let web = responses.iter().filter(|r| r.channel == Channel::Web).count() as f64 / 20_000.0;
    let paper = responses.iter().filter(|r| r.channel == Channel::Paper).count();
    assert!(web > 0.7 && paper > 0, "web {web}, paper {paper}");
    let commented = responses.iter().filter(|r| r.comment.is_some()).count() as f64 / 20_000.0;
    assert!((commented - 0.4).abs() < 0.05, "comment rate {commented}");
    let blank_safe = responses.iter().filter(|r| r.feel_safe.is_none()).count();
    assert!(blank_safe > 0);
}

#[test]
fn older_people_and_women_are_over_represented_as_in_real_consultations() {
    let responses = sample(30_000, 2, Wave::Current);
    let p = population();
    let mut pop_by_age = [0.0; 7];
    let mut pop_female = 0.0;
    for (_, adults) in p.areas() {
        for (age, total) in pop_by_age.iter_mut().enumerate() {
            *total += adults.age_margin()[age];
        }
        pop_female += adults.sex_margin()[1];
    }
    let pop_total: f64 = pop_by_age.iter().sum();
    let with_age: Vec<AgeBand> = responses
        .iter()
        .filter_map(|r| r.age.and_then(AgeAnswer::band))
        .collect();
    let sample_share = |band: AgeBand| with_age.iter().filter(|b| **b == band).count() as f64 / with_age.len() as f64;
    let ratio_65 = sample_share(AgeBand::A65To74) / (pop_by_age[5] / pop_total);
    let ratio_16 = sample_share(AgeBand::A16To24) / (pop_by_age[0] / pop_total);
    assert!(ratio_65 > 2.5, "65-74s at {ratio_65:.2}× their population share");
    assert!(ratio_16 < 0.4, "16-24s at {ratio_16:.2}× their population share");

    let with_sex: Vec<SexAnswer> = responses
        .iter()
        .filter_map(|r| r.sex)
        .filter(|s| s.sex().is_some())
        .collect();
    let female = with_sex.iter().filter(|s| s.as_str() == "F").count() as f64 / with_sex.len() as f64;
    assert!(female > pop_female / pop_total + 0.04, "women {female:.3}");

    let no_age = responses
        .iter()
        .filter(|r| r.age.and_then(AgeAnswer::band).is_none())
        .count() as f64
        / 30_000.0;
    let no_sex = responses
        .iter()
        .filter(|r| r.sex.and_then(SexAnswer::sex).is_none())
        .count() as f64
        / 30_000.0;
    assert!(
        (no_age - 0.08).abs() < 0.015 && (no_sex - 0.08).abs() < 0.015,
        "no age {no_age}, no sex {no_sex}"
    );
    assert!(responses.iter().any(|r| r.age == Some(AgeAnswer::PreferNotToSay)));
}

#[test]
fn response_rates_per_head_differ_between_areas() {
    let responses = sample(40_000, 3, Wave::Current);
    let p = population();
    let per_head = |code: &str| {
        let code = CouncilAreaCode::parse(code).unwrap();
        let n = responses.iter().filter(|r| r.council_area == code).count() as f64;
        n / p.adult_total(&code).unwrap()
    };
    let borders = per_head("S12000026");
    let glasgow = per_head("S12000049");
    assert!(
        borders / glasgow > 2.5,
        "Borders {borders:e} vs Glasgow {glasgow:e} per head"
    );
}

#[test]
fn urban_and_rural_areas_put_different_concerns_first() {
    let responses = sample(30_000, 4, Wave::Current);
    let urban = |r: &SurveyResponse| areas::profile(r.council_area.as_str()).kind == areas::AreaKind::Urban;
    let rural = |r: &SurveyResponse| areas::profile(r.council_area.as_str()).kind == areas::AreaKind::Rural;
    let city = first_choice_shares(&responses, urban);
    let country = first_choice_shares(&responses, rural);
    assert_eq!(city[0].0, "drug_dealing", "{city:?}");
    assert_eq!(country[0].0, "speeding", "{country:?}");
    assert!(share(&country, "rural_crime") > 5.0 * share(&city, "rural_crime"));
}

#[test]
fn older_and_younger_respondents_worry_about_different_things() {
    let responses = sample(30_000, 5, Wave::Current);
    let band = |b: AgeBand| move |r: &SurveyResponse| r.age == Some(AgeAnswer::Band(b));
    let old = first_choice_shares(&responses, band(AgeBand::A75Plus));
    let young = first_choice_shares(&responses, band(AgeBand::A16To24));
    assert!(share(&old, "doorstep_crime") > 3.0 * share(&young, "doorstep_crime"));
    assert!(share(&young, "violence") > 2.0 * share(&old, "violence"));
}

#[test]
fn the_previous_wave_worried_less_about_online_fraud_and_more_about_housebreaking() {
    let now = first_choice_shares(&sample(30_000, 6, Wave::Current), |_| true);
    let before = first_choice_shares(&sample(30_000, 6, Wave::Previous), |_| true);
    assert!(share(&now, "online_fraud") > 1.5 * share(&before, "online_fraud"));
    assert!(share(&before, "housebreaking") > 1.3 * share(&now, "housebreaking"));
}

#[test]
fn generated_responses_round_trip_through_the_import_format() {
    let (d, g, p) = (definition(), geography(), population());
    let mut csv = Vec::new();
    let written = write_csv(&mut csv, &d, g, generate(&d, g, p, 3_000, 9, Wave::Current).unwrap()).unwrap();
    assert_eq!(written, 3_000);
    let rows = crate::import::check_reader(csv.as_slice(), std::path::Path::new("demo.csv"), &d, g).unwrap();
    assert_eq!(rows, 3_000);
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with("council_area,postcode_district,feel_safe,confidence,concern_1,concern_2,concern_3,age_band,sex,disability,comment,submitted_at,channel\n"));
}

#[test]
fn the_previous_wave_and_a_division_only_consultation_get_valid_responses_too() {
    let (g, p) = (geography(), population());
    let previous = crate::testdata::definition_named("your-police-2025");
    let n = generate(&previous, g, p, 5_000, 1, Wave::Previous)
        .unwrap()
        .filter(Result::is_ok)
        .count();
    assert_eq!(n, 5_000);
    let rural = crate::testdata::definition_named("lothians-borders-rural-2026");
    for response in generate(&rural, g, p, 2_000, 1, Wave::Current).unwrap() {
        let area = g.area(&response.unwrap().council_area).unwrap();
        assert!(rural.coverage.covers(area), "{} is outside the consultation", area.name);
    }
}
