//! Unit tests of the results engine on small hand-built data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::bootstrap::full_sample_ballots;
use super::concerns::MergedBallots;
use super::engine::{feels_safe, weight_selection, Inputs};
use super::estimates::AreaForEstimates;
use super::tests::*;
use super::{results_report, Comparison, Dataset, Respondent, WeightingOptions};
use crate::stats::{
    collapse_small_categories, korn_graubard_interval, CalibrationVariance, Margin, RakingDesign, RakingOptions,
};

fn inputs<'a>(consultation: &str, data: &'a Dataset) -> Inputs<'a> {
    let f = fixture();
    Inputs {
        definition: f.definition(consultation),
        geography: &f.geography,
        population: &f.population,
        dataset: data,
    }
}

/// The raking design of `respondents` of one council area, built respondent by respondent straight
/// from the stats module (the independent check on the engine's cell-level weighting).
fn respondent_design(respondents: &[Respondent], area_code: &str) -> RakingDesign {
    let f = fixture();
    let code = f.geography.areas[f.area_index(area_code)].code.clone();
    let age: Vec<Option<usize>> = respondents.iter().map(|r| r.age.map(usize::from)).collect();
    let sex: Vec<Option<usize>> = respondents.iter().map(|r| r.sex.map(usize::from)).collect();
    let age_targets = f.population.age_margin(&code).unwrap();
    let sex_targets = f.population.sex_margin(&code).unwrap();
    RakingDesign::new(&[
        Margin {
            categories: &age,
            targets: &age_targets,
        },
        Margin {
            categories: &sex,
            targets: &sex_targets,
        },
    ])
    .unwrap()
}

#[test]
fn a_council_area_share_and_its_interval_are_what_the_stats_module_gives_directly() {
    let respondents = random_respondents(400, 5, 1);
    let data = dataset(&[(BORDERS, respondents.clone())]);
    // Compared with untrimmed raking straight from the stats module.
    let report = report("test-lothians", &data, &area(BORDERS), &untrimmed(0));

    let f = fixture();
    let code = f.geography.areas[f.area_index(BORDERS)].code.clone();
    let age_counts = (0..7u8)
        .map(|b| respondents.iter().filter(|r| r.age == Some(b)).count())
        .collect::<Vec<_>>();
    assert!(
        collapse_small_categories(&age_counts, 5).collapsed.is_empty(),
        "test data needs no collapsing"
    );
    let design = respondent_design(&respondents, BORDERS);
    let ones = vec![1.0; respondents.len()];
    let raked = design.rake(&ones, &RakingOptions::default()).unwrap();
    let outcome: Vec<Option<bool>> = respondents.iter().map(feels_safe).collect();
    let direct = CalibrationVariance::new(&design, &ones)
        .unwrap()
        .proportion_variance(&raked.weights, &outcome)
        .unwrap();
    let base = outcome.iter().flatten().count();
    let ci = korn_graubard_interval(direct.proportion, direct.variance, base as f64, 0.95).unwrap();

    assert!((report.feel_safe.estimate.unwrap() - direct.proportion).abs() < 1e-12);
    assert!(
        (report.feel_safe.ci_low.unwrap() - ci.lower).abs() < 1e-9,
        "{:?} vs {ci:?}",
        report.feel_safe
    );
    assert!((report.feel_safe.ci_high.unwrap() - ci.upper).abs() < 1e-9);
    assert_eq!(report.feel_safe.base, base);
    assert!((report.sum_weights.unwrap() - f.population.adult_total(&code).unwrap()).abs() < 1e-6);
    assert!(report.weighting.areas[0].converged);
    assert!(report.weighting.areas[0].max_relative_error <= 1e-8);
}

#[test]
fn an_area_with_fewer_than_ten_responses_is_suppressed_everywhere_and_never_shown_as_zero() {
    let data = dataset(&[(BORDERS, random_respondents(7, 5, 2))]);
    let report = report("test-lothians", &data, &area(BORDERS), &options(20));
    assert!(report.suppressed);
    assert_eq!(report.n, 7);
    assert_eq!(report.sum_weights, None);
    for p in [&report.feel_safe, &report.confidence] {
        assert!(p.suppressed && p.estimate.is_none() && p.ci_low.is_none() && p.unweighted.is_none());
    }
    for c in &report.concerns {
        assert!(c.suppressed && c.share_top_n.suppressed && c.share_first.suppressed);
        assert!(c.share_top_n.estimate.is_none() && c.borda_mean.is_none() && c.pl_worth.is_none());
        assert!(c.rank_interval.is_none() && c.p_rank_first.is_none());
    }
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["feel_safe"]["estimate"], serde_json::Value::Null);
    assert_eq!(json["concerns"][0]["suppressed"], true);
}

#[test]
fn a_question_answered_by_too_few_is_suppressed_while_the_rest_is_shown_with_a_low_base_flag() {
    let mut respondents = random_respondents(30, 5, 3);
    for r in respondents.iter_mut().skip(5) {
        r.confidence = None;
    }
    let data = dataset(&[(BORDERS, respondents)]);
    let report = report("test-lothians", &data, &area(BORDERS), &options(0));
    assert!(!report.suppressed && report.low_base);
    assert!(report.confidence.suppressed && report.confidence.estimate.is_none());
    assert_eq!(report.confidence.base, 5);
    assert!(report.feel_safe.estimate.is_some() && report.feel_safe.low_base);
}

#[test]
fn respondents_without_age_or_sex_are_kept_counted_and_weighted() {
    let mut respondents = random_respondents(120, 5, 4);
    for r in respondents.iter_mut().take(15) {
        r.age = None;
    }
    for r in respondents.iter_mut().skip(100).take(8) {
        r.sex = None;
    }
    let expected_unknown_age = respondents.iter().filter(|r| r.age.is_none()).count();
    let data = dataset(&[(BORDERS, respondents)]);
    let report = report("test-lothians", &data, &area(BORDERS), &options(0));
    assert_eq!(report.n, 120);
    let weighting = &report.weighting.areas[0];
    assert_eq!(weighting.n, 120);
    assert_eq!(weighting.margins[0].unknown, Some(expected_unknown_age));
    assert!(weighting.margins[1].unknown.unwrap() >= 8);
    assert!(
        weighting.min_weight.unwrap() > 0.0,
        "nobody is dropped by getting weight 0"
    );
    assert!(report.weighting.unknown_age_or_sex.contains("kept"));
}

#[test]
fn small_age_bands_are_collapsed_with_a_neighbour_and_reported() {
    let mut respondents = random_respondents(140, 5, 5);
    // Only two respondents aged 75+: merged into 65-74.
    let mut old = 0;
    for r in respondents.iter_mut() {
        if r.age == Some(6) {
            old += 1;
            if old > 2 {
                r.age = Some(5);
            }
        }
    }
    let data = dataset(&[(BORDERS, respondents)]);
    let report = report("test-lothians", &data, &area(BORDERS), &options(0));
    let age = &report.weighting.areas[0].margins[0];
    assert_eq!(age.collapsed, vec!["65-74", "75+"]);
    assert_eq!(age.groups.last().unwrap(), &vec!["65-74", "75+"]);
    assert!(report.weighting.areas[0].converged);
}

#[test]
fn a_division_share_is_the_population_weighted_mean_of_its_area_shares() {
    let everyone = |feel_safe: u8, seed| {
        let mut r = random_respondents(80, 5, seed);
        r.iter_mut().for_each(|r| r.feel_safe = Some(feel_safe));
        r
    };
    let data = dataset(&[(BORDERS, everyone(5, 6)), (EAST_LOTHIAN, everyone(1, 7))]);
    let report = report("test-lothians", &data, &division("J"), &options(0));
    let f = fixture();
    let pop = |code: &str| {
        f.population
            .adult_total(&crate::domain::CouncilAreaCode::parse(code).unwrap())
            .unwrap()
    };
    let expected = pop(BORDERS) / (pop(BORDERS) + pop(EAST_LOTHIAN));
    assert!((report.feel_safe.estimate.unwrap() - expected).abs() < 1e-12);
    assert_eq!(report.area.kind, super::AreaType::Division);
    assert_eq!(report.n, 160);
    assert_eq!(report.weighting.areas.len(), 2);
    assert_eq!(
        report.weighting.areas_without_responses.len(),
        2,
        "Midlothian, West Lothian"
    );
}

#[test]
fn the_pooled_variance_of_one_area_is_that_area_s_own_variance() {
    let respondents = random_respondents(300, 5, 8);
    let data = dataset(&[(BORDERS, respondents.clone())]);
    let inputs = inputs("test-lothians", &data);
    let selection = area(BORDERS).resolve(inputs.geography, inputs.definition).unwrap();
    let (weighted, _) = weight_selection(&inputs, &selection, &Default::default()).unwrap();
    let areas = vec![AreaForEstimates::new(&weighted[0], &respondents).unwrap()];
    let pooled = super::estimates::pooled_proportion(&areas, feels_safe)
        .unwrap()
        .unwrap();
    let outcome: Vec<Option<bool>> = respondents.iter().map(feels_safe).collect();
    let ones = vec![1.0; respondents.len()];
    let own = CalibrationVariance::new(&weighted[0].design, &ones)
        .unwrap()
        .proportion_variance(&weighted[0].weights, &outcome)
        .unwrap();
    assert!((pooled.variance - own.variance).abs() < 1e-12 * own.variance.max(1e-300) + 1e-18);
}

#[test]
fn concerns_are_ordered_by_worth_and_re_raking_cells_equals_raking_respondents() {
    let data = dataset(&[
        (BORDERS, random_respondents(500, 5, 9)),
        (EAST_LOTHIAN, random_respondents(200, 5, 10)),
    ]);
    let report = report("test-lothians", &data, &division("J"), &options(50));
    let worths: Vec<f64> = report.concerns.iter().map(|c| c.pl_worth.unwrap()).collect();
    assert!(worths.windows(2).all(|w| w[0] >= w[1]), "{worths:?}");
    assert!((worths.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert_eq!(
        report.concerns[0].concern_id, "drug_dealing",
        "concern 0 is the most popular by construction"
    );
    let first = report.concerns[0].rank_interval.unwrap();
    assert!(first[0] == 1 && first[1] <= 2);
    let p_first: f64 = report.concerns.iter().map(|c| c.p_rank_first.unwrap()).sum();
    assert!((p_first - 1.0).abs() < 1e-9);

    let inputs = inputs("test-lothians", &data);
    let selection = division("J").resolve(inputs.geography, inputs.definition).unwrap();
    // Cells are raked without trimming, so the respondents are too.
    let (weighted, _) = weight_selection(&inputs, &selection, &WeightingOptions::untrimmed()).unwrap();
    let areas: Vec<_> = weighted
        .iter()
        .map(|w| AreaForEstimates::new(w, data.area(w.area)).unwrap())
        .collect();
    let by_respondent = MergedBallots::of_areas(&areas, 3);
    let by_cell = full_sample_ballots(&areas, 3, &RakingOptions::default()).unwrap();
    assert_eq!(by_respondent.rankings, by_cell.rankings);
    for (a, b) in by_respondent.weights.iter().zip(&by_cell.weights) {
        assert!((a - b).abs() < 1e-6 * a.abs().max(1.0), "{a} vs {b}");
    }
}

#[test]
fn the_same_seed_gives_the_same_report() {
    let data = dataset(&[
        (BORDERS, random_respondents(150, 5, 11)),
        (EAST_LOTHIAN, random_respondents(90, 5, 12)),
    ]);
    let a = report("test-lothians", &data, &division("J"), &options(40));
    let b = report("test-lothians", &data, &division("J"), &options(40));
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    assert_eq!(a.ranking.bootstrap.as_ref().unwrap().replicates, 40);
}

#[test]
fn waves_are_compared_concern_by_concern_and_concerns_in_one_wave_are_not_comparable() {
    let f = fixture();
    let this = f.definition("test-lothians");
    let mut previous = this.clone();
    previous.id = crate::domain::ConsultationId::parse("test-lothians-previous").unwrap();
    previous.concerns.pop();
    let data = dataset(&[(BORDERS, random_respondents(300, 5, 13))]);
    let mut old_rows = random_respondents(300, 4, 14);
    old_rows.iter_mut().for_each(|r| r.feel_safe = Some(1));
    let old = dataset(&[(BORDERS, old_rows)]);
    let inputs = inputs("test-lothians", &data);
    let other = Inputs {
        definition: &previous,
        geography: &f.geography,
        population: &f.population,
        dataset: &old,
    };
    let report = results_report(&inputs, &area(BORDERS), Comparison::Wave(other), &options(0)).unwrap();
    let comparison = report.comparison.unwrap();
    assert_eq!(comparison.kind, super::comparison::ComparisonKind::Waves);
    assert_eq!(comparison.concerns.len(), 4);
    assert_eq!(comparison.not_comparable.len(), 1);
    assert_eq!(comparison.not_comparable[0].concern_id, "online_fraud");
    assert_eq!(comparison.not_comparable[0].only_in, "test-lothians");
    // Nobody felt safe before, about 40% do now: flagged.
    assert!(comparison.feel_safe.difference.unwrap() > 0.2);
    assert!(comparison.feel_safe.significant && comparison.feel_safe.p_adjusted.unwrap() < 0.05);
}

#[test]
fn an_area_is_compared_with_the_rest_of_its_division_not_with_the_division_that_contains_it() {
    let data = dataset(&[
        (BORDERS, random_respondents(200, 5, 15)),
        (EAST_LOTHIAN, random_respondents(100, 5, 16)),
        ("S12000019", random_respondents(60, 5, 17)),
    ]);
    let inputs = inputs("test-lothians", &data);
    let report = results_report(&inputs, &area(BORDERS), Comparison::RestOfDivision, &options(0)).unwrap();
    let comparison = report.comparison.unwrap();
    assert_eq!(comparison.area.kind, super::AreaType::RestOfDivision);
    assert_eq!(comparison.n, 160);
    assert!(
        comparison.area.name.contains("excluding Scottish Borders"),
        "{}",
        comparison.area.name
    );
    assert!(comparison.concerns.iter().all(|c| c.difference.p_value.is_some()));
    let scotland = results_report(&inputs, &division("J"), Comparison::RestOfDivision, &options(0));
    assert!(matches!(scotland, Err(super::ResultsError::BadRequest(_))));
}

#[test]
fn an_area_the_consultation_does_not_cover_is_not_found() {
    let data = dataset(&[]);
    let inputs = inputs("test-lothians", &data);
    let glasgow = area("S12000049");
    assert!(matches!(
        results_report(&inputs, &glasgow, Comparison::Nothing, &options(0)),
        Err(super::ResultsError::NotFound(_))
    ));
}

#[test]
fn no_responses_at_all_gives_a_suppressed_report_rather_than_an_error() {
    let data = dataset(&[]);
    let report = report("test-lothians", &data, &division("J"), &options(10));
    assert_eq!(report.n, 0);
    assert!(report.suppressed && report.feel_safe.estimate.is_none());
    assert_eq!(report.weighting.areas_without_responses.len(), 4);
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    use super::csv::neutralise;
    assert_eq!(neutralise("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
    for bad in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
        assert!(neutralise(bad).starts_with('\''));
    }
    assert_eq!(neutralise("Drug dealing"), "Drug dealing");
    let data = dataset(&[(BORDERS, random_respondents(60, 5, 18))]);
    let mut report = report("test-lothians", &data, &area(BORDERS), &options(0));
    report.concerns[0].label = "=HYPERLINK(\"http://x\")".into();
    let text = super::csv::to_csv(&report).unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
    assert!(!text.lines().any(|l| l.split(',').any(|cell| cell.starts_with('='))));
}

#[test]
fn unknown_respondent_codes_are_never_counted_as_answers() {
    let r = Respondent::default();
    assert_eq!(feels_safe(&r), None);
}

#[test]
fn a_group_of_concerns_counts_each_respondent_once_and_is_ranked_in_the_same_replicates() {
    let data = dataset(&[
        (BORDERS, random_respondents(400, 5, 21)),
        (EAST_LOTHIAN, random_respondents(250, 5, 22)),
    ]);
    let inputs = inputs("test-lothians", &data);
    let selection = division("J").resolve(inputs.geography, inputs.definition).unwrap();
    // Group 0 = concerns {0, 1}; group 1 = concern {2} alone; group 2 = concerns {3, 4}.
    let groups = vec![vec![0u8, 1], vec![2], vec![3, 4]];
    let figures = super::engine::compute_selection_grouped(&inputs, &selection, &options(60), true, &groups).unwrap();

    // By hand: weighted share of respondents with concern 0 or 1 in their top 3, counted once.
    let (weighted, _) = weight_selection(&inputs, &selection, &Default::default()).unwrap();
    let (mut named, mut total) = (0.0, 0.0);
    for w in &weighted {
        for (r, weight) in data.area(w.area).iter().zip(&w.weights) {
            total += weight;
            if r.ranking.as_slice().iter().take(3).any(|&c| c <= 1) {
                named += weight;
            }
        }
    }
    let group0 = figures.groups[0].unwrap();
    assert!(
        (group0.proportion - named / total).abs() < 1e-12,
        "{} vs {}",
        group0.proportion,
        named / total
    );
    assert!(group0.variance > 0.0);
    // A group of one concern is that concern's top-N share, with the same variance.
    let single = figures.groups[1].unwrap();
    let concern2 = figures.concerns[2].share_top_n.unwrap();
    assert!((single.proportion - concern2.proportion).abs() < 1e-12);
    assert!((single.variance - concern2.variance).abs() < 1e-15);
    // Never more than the sum of its concerns' shares (no double counting), never less than either.
    let (c0, c1) = (
        figures.concerns[0].share_top_n.unwrap(),
        figures.concerns[1].share_top_n.unwrap(),
    );
    assert!(group0.proportion < c0.proportion + c1.proportion && group0.proportion >= c0.proportion.max(c1.proportion));

    let ranks = figures.group_ranks.as_ref().unwrap();
    assert_eq!(ranks.items.len(), 3);
    assert_eq!(ranks.replicates_used, 60);
    assert_eq!(
        ranks.items[0].rank_lower, 1,
        "concerns 0 and 1 are the most popular by construction"
    );
    let p_first: f64 = ranks.items.iter().map(|r| r.probability_first).sum();
    assert!((p_first - 1.0).abs() < 1e-9);
    // The concern ranks are those compute_selection gives without groups (same replicates).
    let plain = super::engine::compute_selection(&inputs, &selection, &options(60), true).unwrap();
    assert_eq!(plain.ranks, figures.ranks);
    assert!(plain.group_ranks.is_none() && plain.groups.is_empty());
}

#[test]
fn the_cell_level_bootstrap_of_one_area_equals_re_raking_every_resampled_respondent() {
    let respondents = random_respondents(300, 5, 31);
    let data = dataset(&[(BORDERS, respondents.clone())]);
    let inputs = inputs("test-lothians", &data);
    let selection = area(BORDERS).resolve(inputs.geography, inputs.definition).unwrap();
    // The replicates are raked without trimming; so is the full sample here, like with like.
    let figures = super::engine::compute_selection(&inputs, &selection, &untrimmed(40), true).unwrap();

    // The slow, obvious way: each replicate re-rakes the respondents with their draw counts.
    let design = respondent_design(&respondents, BORDERS);
    let bootstrap = options(40).bootstrap.unwrap();
    let direct = crate::stats::bootstrap_rank_stability(respondents.len(), &bootstrap, |rows| {
        let counts = crate::stats::resample_multiplicities(rows, respondents.len());
        let raked = design.rake(&counts, &RakingOptions::default())?;
        let drawn = respondents
            .iter()
            .zip(&raked.weights)
            .zip(&counts)
            .filter(|(_, c)| **c > 0.0);
        let ballots = MergedBallots::from_weighted(drawn.map(|((r, w), _)| (&r.ranking, *w)), 3);
        figures.basis.scores(&ballots, 5, 3)
    })
    .unwrap();
    assert_eq!(figures.ranks.as_ref().unwrap(), &direct);
}

#[test]
fn group_shares_count_each_ballot_once_per_group() {
    let ballots = MergedBallots {
        rankings: vec![vec![0, 1], vec![2], vec![1, 3]],
        weights: vec![1.0, 2.0, 3.0],
    };
    // Group 0 = {0, 1}: ballots 0 and 2 (ballot 0 names both, counted once); group 1 = {3}: ballot 2;
    // group 2 = {2, 3}: ballots 1 and 2; group 3 = {4}: nobody.
    let shares = super::bootstrap::group_shares(&ballots, &[vec![0, 1], vec![3], vec![2, 3], vec![4]]);
    assert_eq!(shares, vec![4.0 / 6.0, 3.0 / 6.0, 5.0 / 6.0, 0.0]);
}
