//! The analyst pages rendered from real engine reports (seeds and the API tests' consultations,
//! synthetic respondents), without HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::choose::choose_page;
use super::query::Place;
use super::view::{results_page, Links, PageContext, ResultsPage};
use crate::domain::population::PopulationMargins;
use crate::domain::{ConsultationStatus, CouncilAreaCode, Geography, SurveyDefinition};
use crate::results::dataset::{Dataset, RankingCodes, Respondent};
use crate::results::{results_report, Comparison, EngineOptions, Inputs, ResultsReport, Selection};
use crate::stats::BootstrapOptions;
use askama::Template;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::sync::OnceLock;

struct Fixture {
    geography: Geography,
    population: PopulationMargins,
    definitions: Vec<SurveyDefinition>,
}

fn fixture() -> &'static Fixture {
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

const BORDERS: &str = "S12000026";
const EAST_LOTHIAN: &str = "S12000010";
const MIDLOTHIAN: &str = "S12000019";

fn respondents(n: usize, seed: u64) -> Vec<Respondent> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|i| {
            let mut ranking = RankingCodes::default();
            let mut items: Vec<u8> = (0..5).collect();
            for _ in 0..3 {
                let pick = (rng.gen::<f64>().powi(2) * items.len() as f64) as usize;
                ranking.push(items.remove(pick.min(items.len() - 1)));
            }
            Respondent {
                age: Some((i % 7) as u8).filter(|_| rng.gen_bool(0.95)),
                sex: Some(rng.gen_range(0..2u8)).filter(|_| rng.gen_bool(0.97)),
                feel_safe: Some(rng.gen_range(1..=5u8)),
                confidence: Some(rng.gen_range(1..=5u8)),
                ranking,
            }
        })
        .collect()
}

fn report(rows: &[(&str, usize)], selection: Selection, compare: bool) -> ResultsReport {
    let f = fixture();
    let mut data = Dataset::new(f.geography.areas.len());
    for (seed, (code, n)) in rows.iter().enumerate() {
        let area = f.geography.areas.iter().position(|a| a.code.as_str() == *code).unwrap() as u16;
        for r in respondents(*n, seed as u64) {
            data.push(area, r);
        }
    }
    let definition = f.definitions.iter().find(|d| d.id.as_str() == "test-lothians").unwrap();
    let inputs = Inputs {
        definition,
        geography: &f.geography,
        population: &f.population,
        dataset: &data,
    };
    let options = EngineOptions {
        bootstrap: Some(BootstrapOptions {
            replicates: 40,
            ..BootstrapOptions::default()
        }),
        ..EngineOptions::default()
    };
    let compare = if compare {
        Comparison::RestOfDivision
    } else {
        Comparison::Nothing
    };
    results_report(&inputs, &selection, compare, &options).unwrap()
}

fn page(report: &ResultsReport) -> ResultsPage {
    let links = Links {
        csv: "/csv".into(),
        json: "/json".into(),
        change: "/analyst".into(),
        screening: "/analyst/screening".into(),
    };
    results_page(
        report,
        PageContext {
            consultation_title: "Test Lothians",
            other_title: None,
            links,
        },
    )
}

fn area(code: &str) -> Selection {
    Selection::CouncilArea(CouncilAreaCode::parse(code).unwrap())
}

#[test]
fn a_council_area_page_has_headline_intervals_a_ranked_table_a_chart_and_who_responded() {
    let report = report(&[(BORDERS, 150)], area(BORDERS), false);
    let view = page(&report);
    let html = view.render().unwrap();
    let interval = regex::Regex::new(r"\d+% \(\d+% to \d+%\)").unwrap();
    assert!(interval.is_match(&view.headline[3].value), "{}", view.headline[3].value);
    assert_eq!(view.concerns.len(), 5);
    assert_eq!(view.concerns[0].rank, "1");
    assert!(interval.is_match(&view.concerns[0].share_top_n));
    let rank = regex::Regex::new(r"^\d+(st|nd|rd|th)( to \d+(st|nd|rd|th))?$").unwrap();
    for c in &view.concerns {
        assert!(rank.is_match(&c.rank_interval), "{}", c.rank_interval);
    }
    assert!(html.contains("<svg class=\"lv-chart__svg\""), "{html}");
    assert!(html.contains("role=\"img\""));
    assert!(html.contains("<title id=\"concerns-chart-title\">"));
    assert!(html.contains("<desc id=\"concerns-chart-desc\">"));
    // The chart shows the table's numbers: one bar per concern, each labelled with its share.
    let chart = view.chart.as_ref().unwrap();
    assert_eq!(chart.rows.len(), 5);
    for (row, concern) in chart.rows.iter().zip(&view.concerns) {
        let bar = row.bar.as_ref().unwrap();
        assert!(
            concern.share_top_n.starts_with(&format!("{} (", bar.value.text)),
            "{}",
            concern.share_top_n
        );
    }
    assert!(html.contains("Respondents in Scottish Borders by age band"));
    assert!(html.contains("Not given or prefer not to say"));
    assert!(html.contains("The weighting converged after"), "{html}");
    assert!(!html.contains("suppressed (fewer than"));
    assert!(html.contains("Low base:") == report.low_base);
}

#[test]
fn a_suppressed_area_shows_the_word_suppressed_and_no_figures() {
    let report = report(&[(BORDERS, 60), (EAST_LOTHIAN, 6)], area(EAST_LOTHIAN), false);
    assert!(report.suppressed);
    let view = page(&report);
    let html = view.render().unwrap();
    let hidden = "suppressed (fewer than 10 responses)";
    assert!(view.chart.is_none());
    assert!(!html.contains("<svg class=\"lv-chart__svg\""));
    for c in &view.concerns {
        for cell in [
            &c.rank,
            &c.share_top_n,
            &c.share_first,
            &c.borda_mean,
            &c.pl_worth,
            &c.rank_interval,
            &c.p_rank_first,
        ] {
            assert_eq!(cell, hidden);
        }
    }
    for row in &view.headline[1..] {
        assert_eq!(row.value, hidden, "{}", row.key);
    }
    for table in &view.sample.tables {
        assert!(table
            .rows
            .iter()
            .all(|r| r.count == hidden && r.sample == hidden && r.weighted == hidden));
        assert!(table.rows.iter().all(|r| r.population.ends_with('%')));
    }
    assert!(html.contains("Only 6 people responded for East Lothian"), "{html}");
    assert!(!html.contains(">0%<"));
}

#[test]
fn a_comparison_with_the_rest_of_the_division_gives_differences_with_intervals_and_a_verdict_in_words() {
    let report = report(
        &[(BORDERS, 200), (MIDLOTHIAN, 150), (EAST_LOTHIAN, 150)],
        area(BORDERS),
        true,
    );
    let view = page(&report);
    let html = view.render().unwrap();
    let comparison = view.comparison.as_ref().unwrap();
    assert!(comparison.heading.starts_with("Compared with the rest of the division"));
    let concerns = &comparison.tables[1].rows;
    assert_eq!(concerns.len(), 5);
    let difference = regex::Regex::new(r"^[+−]?\d+\.\d points \([+−]?\d+\.\d to [+−]?\d+\.\d\)$").unwrap();
    for row in concerns {
        assert!(difference.is_match(&row.difference), "{}", row.difference);
        assert!(["Significant difference", "No significant difference"].contains(&row.verdict.as_str()));
        assert_eq!(row.significant, row.verdict == "Significant difference");
    }
    assert!(html.contains("Adjusted p-value"));
    assert!(html.contains("Weighting in each council area"));
}

#[test]
fn the_choice_form_groups_areas_and_lists_only_a_chosen_consultation_s_coverage() {
    let f = fixture();
    let all = choose_page(
        &f.definitions,
        &f.geography,
        |_| ConsultationStatus::Open,
        (None, None, None),
    );
    assert_eq!(all.areas.len(), f.geography.areas.len());
    assert!(all.scotland_selected);
    let place = Place::Area(BORDERS.into());
    let lothians = choose_page(
        &f.definitions,
        &f.geography,
        |_| ConsultationStatus::Open,
        (Some("test-lothians"), Some(&place), Some("division")),
    );
    assert!(lothians.areas.len() < all.areas.len());
    assert_eq!(lothians.divisions.len(), 1);
    assert!(lothians.areas.iter().any(|a| a.selected && a.value == "area:S12000026"));
    assert!(lothians.compare.iter().any(|c| c.selected && c.value == "division"));
    let html = lothians.render().unwrap();
    assert!(html.contains("<optgroup label=\"Council areas\">"));
    assert!(html.contains("action=\"/analyst/results\""));
    // The evidence pack form offers the divisions the consultation covers, by letter.
    assert_eq!(all.pack_divisions.len(), f.geography.divisions.len());
    let pack_values: Vec<&str> = lothians.pack_divisions.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(pack_values, ["J"]);
    assert!(html.contains("action=\"/analyst/evidence-pack\""));
    assert!(html.contains("<option value=\"J\">"));
}
