//! The pack's figures are the results engine's figures.

use super::{app_with_demo_data, area_section, pack_json, CURRENT, EAST_LOTHIAN, PREVIOUS};
use crate::helpers::TestApp;
use base64::Engine;
use serde_json::Value;
use sha2::Digest;

async fn results(app: &TestApp, query: &str) -> Value {
    let res = app
        .get(&format!("/api/v1/consultations/{CURRENT}/results?{query}"))
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

fn close(a: &Value, b: &Value, what: &str) {
    let (x, y) = (
        a.as_f64().unwrap_or_else(|| panic!("{what}: {a}")),
        b.as_f64().unwrap_or_else(|| panic!("{what}: {b}")),
    );
    assert!((x - y).abs() < 1e-12, "{what}: pack {x} vs results {y}");
}

/// Headline, concern shares and significant changes of one place against the results API.
fn same_figures(section: &Value, report: &Value, place: &str) {
    let h = &section["headline"];
    assert_eq!(h["responses"], report["n"], "{place}: n");
    close(
        &h["effective_sample_size"],
        &report["n_effective"],
        &format!("{place}: n_effective"),
    );
    for measure in ["feel_safe", "confidence"] {
        for field in ["estimate", "ci_low", "ci_high"] {
            close(
                &h[measure][field],
                &report[measure][field],
                &format!("{place}: {measure}.{field}"),
            );
        }
    }
    let concerns = report["concerns"].as_array().unwrap();
    let mut checked = 0;
    for priority in section["priorities"]["rows"].as_array().unwrap() {
        for c in priority["contributing"].as_array().unwrap() {
            let r = concerns.iter().find(|r| r["concern_id"] == c["id"]).unwrap();
            for field in ["estimate", "ci_low", "ci_high"] {
                close(
                    &c["share"][field],
                    &r["share_top_n"][field],
                    &format!("{place}: {} {field}", c["id"]),
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 21,
        "{place}: every concern appears under some priority ({checked})"
    );
    // What changed: exactly the comparisons the results API flags as significant.
    let comparison = &report["comparison"];
    let mut expected: Vec<String> = comparison["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["significant"] == true)
        .map(|c| format!("{} (in top 3)", c["label"].as_str().unwrap()))
        .collect();
    for (measure, label) in [
        ("feel_safe", "Feel safe"),
        ("confidence", "Confident in the local police"),
    ] {
        if comparison[measure]["significant"] == true {
            expected.push(label.to_string());
        }
    }
    let mut shown: Vec<String> = section["changes"]["significant"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["measure"].as_str().unwrap().to_string())
        .collect();
    expected.sort();
    shown.sort();
    assert_eq!(shown, expected, "{place}: significant changes");
}

#[actix_web::test]
async fn the_pack_for_a_division_and_an_area_has_the_results_engines_numbers() {
    let app = app_with_demo_data(8_000).await;
    let pack = pack_json(&app, "J").await;
    assert_eq!(pack["division"]["code"], "J");
    assert_eq!(
        pack["compared_with"]["id"], PREVIOUS,
        "the definition's previous wave by default"
    );
    let areas = pack["council_areas"].as_array().unwrap();
    assert_eq!(areas.len(), 4, "J has four council areas");

    let division = results(&app, &format!("division=J&compare_with={PREVIOUS}")).await;
    same_figures(&pack["division_section"], &division, "J");
    let area = results(&app, &format!("area={EAST_LOTHIAN}&compare_with={PREVIOUS}")).await;
    same_figures(area_section(&pack, EAST_LOTHIAN), &area, "East Lothian");

    // Differences from the division: the API's area-vs-rest comparison, significant ones only.
    let rest = results(&app, &format!("area={EAST_LOTHIAN}&compare_with=division")).await;
    let flagged = rest["comparison"]["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["significant"] == true)
        .count()
        + ["feel_safe", "confidence"]
            .iter()
            .filter(|m| rest["comparison"][**m]["significant"] == true)
            .count();
    let differences = &area_section(&pack, EAST_LOTHIAN)["differences"];
    assert_eq!(differences["significant"].as_array().unwrap().len(), flagged);
    assert_eq!(differences["tested"], 23, "2 headline shares and 21 concerns tested");

    // A priority's support counts each respondent once: at least its largest concern, at most their sum.
    let rows = pack["division_section"]["priorities"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 9);
    for row in rows {
        let support = row["support"]["estimate"].as_f64().unwrap();
        let shares: Vec<f64> = row["contributing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["share"]["estimate"].as_f64().unwrap())
            .collect();
        let largest = shares.iter().copied().fold(0.0, f64::max);
        let sum: f64 = shares.iter().sum();
        assert!(
            support >= largest - 1e-12 && support <= sum + 1e-12,
            "{}: {support} vs {shares:?}",
            row["id"]
        );
        if shares.len() > 1 {
            assert!(
                support < sum,
                "{}: respondents ranking two of its concerns are counted once",
                row["id"]
            );
        }
        assert!(
            row["rank_interval"].is_array(),
            "bootstrap rank interval for {}",
            row["id"]
        );
        assert!(["strong", "moderate", "weak"].contains(&row["strength"].as_str().unwrap()));
    }
    let supports: Vec<f64> = rows
        .iter()
        .map(|r| r["support"]["estimate"].as_f64().unwrap())
        .collect();
    assert!(
        supports.windows(2).all(|w| w[0] >= w[1]),
        "ranked by support: {supports:?}"
    );

    // Responses per 1,000 adults from the population margins.
    let h = &pack["division_section"]["headline"];
    let per_1000 = h["responses"].as_f64().unwrap() * 1000.0 / h["adult_population"].as_f64().unwrap();
    close(&h["responses_per_1000_adults"], &Value::from(per_1000), "per 1,000");

    // The HTML page shows the same pack, with the numbers in tables beside the charts.
    let res = app
        .get("/analyst/evidence-pack?consultation=your-police-2026&division=J")
        .await;
    assert_eq!(res.status(), 200);
    let policy = res.headers()["content-security-policy"].to_str().unwrap().to_string();
    let html = res.text().await.unwrap();
    // The page's only style sheet is allowed by its hash: the CSP still matches the CSS.
    let css = &html[html.find("<style>").unwrap() + 7..html.find("</style>").unwrap()];
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(css.as_bytes()));
    assert!(
        policy.contains(&format!("style-src 'sha256-{hash}'")),
        "{policy} does not allow the inline style sheet"
    );
    assert!(!html.contains(" style=\""), "no inline style attributes");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"en-GB\">"));
    assert!(html.contains("<svg") && html.contains("<title id=\"chart-division-title\">"));
    assert!(html.contains("East Lothian") && html.contains("8. Method"));
    let top = rows[0]["label"].as_str().unwrap();
    assert!(html.contains(top), "the most supported priority is named");

    // The CSV of the changes writes differences (negative ones too) as numbers.
    let res = app
        .get(&format!(
            "/analyst/evidence-pack?consultation={CURRENT}&division=J&download=csv&table=changes"
        ))
        .await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let difference = header.iter().position(|h| h == "difference").unwrap();
    let differences: Vec<f64> = reader
        .records()
        .map(|r| {
            let cell = r.unwrap()[difference].to_string();
            cell.parse()
                .unwrap_or_else(|_| panic!("a difference written as text: {cell:?}"))
        })
        .collect();
    assert!(!differences.is_empty(), "the demo waves differ significantly somewhere");
}
