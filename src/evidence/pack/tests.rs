//! Unit tests of the pack builders and renderers on synthetic respondents in the real
//! definition, geography and population (no database).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::comments::AreaCommentCoder;
use super::compute::engine_evidence;
use super::inputs::PackInputs;
use super::render::{render_html, table_csv, PackTable};
use super::{build_pack, EvidencePack};
use crate::domain::{DivisionCode, SurveyDefinition};
use crate::evidence::comment_themes::StoredComment;
use crate::evidence::themes::ThemeCoder;
use crate::results::dataset::{Dataset, RankingCodes, Respondent};
use crate::results::{EngineOptions, Inputs};
use crate::stats::BootstrapOptions;
use crate::testdata::{definition, geography, population};
use std::collections::HashMap;

pub(super) const J_AREAS: [&str; 4] = ["S12000010", "S12000019", "S12000026", "S12000040"];

fn index_of(code: &str) -> u16 {
    geography().areas.iter().position(|a| a.code.as_str() == code).unwrap() as u16
}

fn concern(definition: &SurveyDefinition, id: &str) -> u8 {
    definition.concern_index(id).unwrap() as u8
}

/// `n` respondents in `area` with varied answers; every `planted`-th ranks `first` first.
pub(super) fn respondents(
    definition: &SurveyDefinition,
    n: usize,
    seed: usize,
    first: Option<(&str, usize)>,
) -> Vec<Respondent> {
    let k = definition.concerns.len();
    (0..n)
        .map(|i| {
            let j = i * 7 + seed;
            let mut ranked = vec![(j % k) as u8, ((j / k + 3 * j + 1) % k) as u8, ((j * 5 + 2) % k) as u8];
            if let Some((id, every)) = first {
                if i % every == 0 {
                    ranked.insert(0, concern(definition, id));
                }
            }
            ranked.dedup();
            let mut seen = Vec::new();
            ranked.retain(|c| {
                if seen.contains(c) {
                    false
                } else {
                    seen.push(*c);
                    true
                }
            });
            ranked.truncate(3);
            Respondent {
                age: Some((j % 7) as u8),
                sex: Some((j % 2) as u8),
                feel_safe: Some(1 + (j % 5) as u8),
                confidence: Some(1 + ((j / 3) % 5) as u8),
                ranking: RankingCodes::new(&ranked).unwrap(),
            }
        })
        .collect()
}

pub(super) fn dataset(sizes: &[(&str, usize)], first: Option<(&str, usize)>) -> Dataset {
    dataset_of(&definition(), sizes, first)
}

/// Respondents of `d` in each area of `sizes`.
pub(super) fn dataset_of(d: &SurveyDefinition, sizes: &[(&str, usize)], first: Option<(&str, usize)>) -> Dataset {
    let mut data = Dataset::new(geography().areas.len());
    for (s, (code, n)) in sizes.iter().enumerate() {
        for r in respondents(d, *n, s * 13, first) {
            data.push(index_of(code), r);
        }
    }
    data
}

fn options() -> EngineOptions {
    EngineOptions {
        bootstrap: Some(BootstrapOptions {
            replicates: 40,
            ..BootstrapOptions::default()
        }),
        ..EngineOptions::default()
    }
}

/// A pack for J from `data`, with `comments` per area code.
fn pack_of(data: &Dataset, comments: &[(&str, Vec<String>)]) -> EvidencePack {
    pack_with(data, comments, None)
}

/// A pack for J from `data`, with `comments` per area code, compared with `previous` (a wave's
/// definition and respondents).
pub(super) fn pack_with(
    data: &Dataset,
    comments: &[(&str, Vec<String>)],
    previous: Option<(&SurveyDefinition, &Dataset)>,
) -> EvidencePack {
    let d = definition();
    let (geography, population) = (geography(), population());
    let plans =
        crate::seeds::read_plans(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/plans")).unwrap();
    let inputs = Inputs {
        definition: &d,
        geography,
        population,
        dataset: data,
    };
    let code = DivisionCode::parse("J").unwrap();
    let previous_inputs = previous.map(|(definition, dataset)| Inputs {
        definition,
        geography,
        population,
        dataset,
    });
    let engine = engine_evidence(&inputs, previous_inputs.as_ref(), &code, &plans, &options()).unwrap();
    let coder = ThemeCoder::new(&d.themes);
    let mut coding = AreaCommentCoder::new(&coder);
    for (area, texts) in comments {
        let stored: Vec<StoredComment> = texts
            .iter()
            .map(|text| StoredComment {
                text: text.clone(),
                quotable: true,
            })
            .collect();
        coding.add_area(area, &stored);
    }
    let bases: HashMap<String, u32> = engine
        .areas
        .iter()
        .map(|a| (a.report.area.code.clone(), a.report.n as u32))
        .collect();
    let inputs = PackInputs {
        definition: &d,
        previous: previous.map(|(definition, _)| definition),
        division: geography.division(&code).unwrap(),
        division_evidence: engine.division,
        areas: engine.areas,
        plans: engine.plans,
        superseded: engine.superseded,
        comments: coding.finish(&bases, d.suppression_threshold),
        settings: engine.settings,
        generated_on: "2026-12-02".into(),
    };
    build_pack(&inputs).unwrap()
}

#[test]
fn priorities_are_ranked_by_support_and_each_respondent_counts_once_per_priority() {
    let data = dataset(&J_AREAS.map(|a| (a, 300)), None);
    let pack = pack_of(&data, &[]);
    let rows = &pack.division_section.priorities.rows;
    assert_eq!(rows.len(), definition().priorities.len());
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.position, Some(i + 1));
        let support = row.support.estimate.unwrap();
        let shares: Vec<f64> = row.contributing.iter().map(|c| c.share.estimate.unwrap()).collect();
        let largest = shares.iter().copied().fold(0.0, f64::max);
        assert!(
            support + 1e-12 >= largest && support <= shares.iter().sum::<f64>() + 1e-12,
            "{}",
            row.id
        );
        assert!(row.rank_interval.is_some() && row.p_rank_first.is_some());
    }
    assert!(rows.windows(2).all(|w| w[0].support.estimate >= w[1].support.estimate));
    assert_eq!(pack.council_areas.len(), 4);
    let names: Vec<&str> = pack.council_areas.iter().map(|s| s.place.name.as_str()).collect();
    assert_eq!(
        names,
        ["East Lothian", "Midlothian", "Scottish Borders", "West Lothian"]
    );
    assert!(pack.council_areas.iter().all(|s| s.differences.is_some()));
    assert!(pack
        .division_section
        .changes
        .summary
        .contains("no previous consultation"));
}

#[test]
fn a_small_area_is_suppressed_everywhere_never_zero() {
    let data = dataset(
        &[
            ("S12000010", 300),
            ("S12000019", 6),
            ("S12000026", 300),
            ("S12000040", 300),
        ],
        None,
    );
    let comment = vec!["We never see a patrol, email a.b@example.com".to_string(); 6];
    let pack = pack_of(&data, &[("S12000019", comment.clone()), ("S12000010", comment)]);
    let small = pack.council_areas.iter().find(|s| s.place.code == "S12000019").unwrap();
    assert!(small.headline.suppressed && small.headline.feel_safe.estimate.is_none());
    assert_eq!(small.headline.feel_safe.estimate_text(), "suppressed");
    assert!(small.priorities.suppressed);
    assert!(small
        .priorities
        .rows
        .iter()
        .all(|r| r.support.estimate.is_none() && r.position.is_none()));
    assert!(small
        .priorities
        .rows
        .iter()
        .flat_map(|r| &r.contributing)
        .all(|c| c.share.estimate.is_none()));
    let said = pack
        .what_people_said
        .areas
        .iter()
        .find(|a| a.place.code == "S12000019")
        .unwrap();
    assert!(said.suppressed && said.comments.is_none() && said.themes.is_empty());
    let shown = pack
        .what_people_said
        .areas
        .iter()
        .find(|a| a.place.code == "S12000010")
        .unwrap();
    let quotes: Vec<&String> = shown.themes.iter().flat_map(|t| &t.examples).collect();
    assert!(
        !quotes.is_empty()
            && quotes
                .iter()
                .all(|q| q.contains("[email removed]") && !q.contains("a.b@"))
    );
    // Division totals leave the suppressed area out.
    let visibility = pack
        .what_people_said
        .themes
        .iter()
        .position(|t| t.id == "police_visibility")
        .unwrap();
    assert_eq!(pack.what_people_said.division_totals.as_ref().unwrap()[visibility], 6);
    assert_eq!(pack.what_people_said.areas_left_out, ["Midlothian"]);

    let json = serde_json::to_value(&pack).unwrap();
    let small_json = &json["council_areas"][1];
    assert!(small_json["headline"]["feel_safe"]["estimate"].is_null());
    let csv = table_csv(&pack, PackTable::Priorities).unwrap();
    for line in csv.lines().filter(|l| l.contains("S12000019")) {
        assert!(line.contains(",,,"), "suppressed support is empty, not 0: {line}");
        assert!(line.contains(",suppressed,"), "{line}");
    }
}

#[test]
fn a_concern_most_rank_first_that_the_plan_does_not_list_is_a_gap() {
    let data = dataset(&J_AREAS.map(|a| (a, 400)), Some(("shoplifting", 3)));
    let pack = pack_of(&data, &[]);
    let coverage = &pack.plan_coverage;
    assert_eq!(coverage.plans.len(), 1);
    let plan = &coverage.plans[0];
    assert_eq!(plan.plan_id, "lothians-and-scottish-borders-2023-26");
    let gap = plan
        .gaps
        .iter()
        .find(|g| g.concern.id == "shoplifting")
        .expect("shoplifting is a gap");
    assert_eq!(gap.concern.strength, crate::evidence::Strength::Strong);
    assert!(gap
        .candidate_priorities
        .contains(&"Tackling acquisitive crime".to_string()));
    assert!(plan.summary.contains("Shoplifting"));
    assert!(plan.covered.iter().all(|c| c.concern.id != "shoplifting"));
}

#[test]
fn the_html_is_self_contained_with_ordered_headings_and_charts_described_and_tabulated() {
    let data = dataset(&J_AREAS.map(|a| (a, 200)), None);
    let pack = pack_of(
        &data,
        &[(
            "S12000010",
            vec!["=HYPERLINK(\"x\") we never see a patrol at all".into()],
        )],
    );
    let html = render_html(&pack).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"en-GB\">"));
    assert!(!html.contains("<script") && !html.contains("<link") && html.contains("<style>"));
    assert!(html.contains("@media print"));
    let mut last = 0;
    for (i, _) in html.match_indices("<h") {
        let level = html[i + 2..].chars().next().and_then(|c| c.to_digit(10));
        if let Some(level) = level {
            assert!(
                level <= last + 1,
                "heading h{level} after h{last} at {}",
                &html[i..i + 60]
            );
            last = level;
        }
    }
    let svgs = html.matches("<svg").count();
    assert_eq!(svgs, 5, "a chart for the division and each area");
    assert_eq!(html.matches("<title id=\"chart-").count(), svgs);
    assert_eq!(html.matches("<desc id=\"chart-").count(), svgs);
    let top = &pack.division_section.priorities.rows[0];
    let shown = top.support.estimate_text();
    assert!(
        html.matches(&shown).count() >= 2,
        "{shown} in the chart description and the table"
    );
    for word in ["TODO", "lorem", "placeholder", "NaN", "inf%", "-inf"] {
        assert!(!html.contains(word), "{word} in the HTML");
    }
    // Formula injection: a quote starting with = is neutralised in the CSV.
    let themes = table_csv(&pack, PackTable::Themes).unwrap();
    assert!(themes.contains("'=HYPERLINK"), "{themes}");
    for table in PackTable::ALL {
        assert!(table_csv(&pack, table).is_ok(), "{table}");
    }
}

#[test]
fn under_representation_and_responses_per_thousand_follow_their_rules() {
    use super::headline::per_thousand;
    assert_eq!(per_thousand(50, 100_000), Some(0.5));
    assert_eq!(per_thousand(50, 0), None);
    let data = dataset(&J_AREAS.map(|a| (a, 300)), None);
    let pack = pack_of(&data, &[]);
    let sample = &pack.division_section.representativeness;
    for row in sample.age_band.iter().chain(&sample.sex).chain(&sample.council_areas) {
        let expected = row.sample_share.unwrap() < 0.8 * row.population_share.unwrap();
        assert_eq!(row.under_represented, Some(expected), "{}", row.label);
    }
    // Equal numbers in each area: West Lothian (the largest) is under-represented, and named.
    assert!(sample
        .under_represented
        .iter()
        .any(|s| s.starts_with("People living in West Lothian")));
    assert_eq!(sample.council_areas.len(), 4);
}
