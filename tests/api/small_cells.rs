//! Small cells and trimming over HTTP: an area with two respondents in one age band gets that
//! count and a sibling withheld in the results JSON, the results CSV, the analyst page and the
//! evidence pack (JSON and CSV); weights are trimmed unless `trim=false`.

use crate::evidence_pack::{
    app_with_demo_data, area_section, pack_json, pack_path, sql, text_of, CURRENT, EAST_LOTHIAN,
};
use crate::helpers::{spawn_app, TestApp};
use serde_json::{json, Value};

const BORDERS: &str = "S12000026";
const BANDS: [&str; 7] = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"];

/// 98 respondents in the Borders: two aged 16-24, then 16 in each older band; everyone gave
/// their age and sex.
async fn two_young_in_the_borders(app: &TestApp) {
    let concerns = [
        "drug_dealing",
        "antisocial_behaviour",
        "speeding",
        "housebreaking",
        "online_fraud",
    ];
    for i in 0..98usize {
        let band = if i < 2 { BANDS[0] } else { BANDS[1 + i % 6] };
        let body = json!({
            "council_area": BORDERS,
            "feel_safe": 1 + (i * 7 % 5),
            "confidence": 1 + (i * 3 % 5),
            "concerns": [concerns[i % 5], concerns[(i + 2) % 5]],
            "age_band": band,
            "sex": if i % 2 == 0 { "F" } else { "M" },
        });
        let res = app.post_json("/api/v1/consultations/test-open/responses", &body).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    }
    // The public API shows what a snapshot released.
    assert_eq!(app.snapshot().await, 98);
}

fn results_path(extra: &str) -> String {
    format!("/api/v1/consultations/test-open/results{extra}?area={BORDERS}&bootstrap=0")
}

/// The text of the table cell after the row header `label` in the table captioned `caption`.
fn cell_after<'a>(html: &'a str, caption: &str, label: &str) -> &'a str {
    let table = &html[html.find(caption).unwrap_or_else(|| panic!("no {caption}"))..];
    let row = &table[table.find(&format!("<th scope=\"row\">{label}</th>")).unwrap()..];
    let start = row.find("<td>").unwrap() + 4;
    &row[start..start + row[start..].find("</td>").unwrap()]
}

#[actix_web::test]
async fn two_respondents_in_an_age_band_are_withheld_with_a_sibling_in_the_json_csv_and_page() {
    let app = spawn_app().await;
    two_young_in_the_borders(&app).await;

    let body: Value = app.get(&results_path("")).await.json().await.unwrap();
    let ages = &body["representativeness"]["age_band"];
    let bands = ages["categories"].as_array().unwrap();
    let withheld: Vec<&str> = bands
        .iter()
        .filter(|c| c["suppressed"] == true)
        .map(|c| c["category"].as_str().unwrap())
        .collect();
    assert_eq!(withheld, ["16-24", "25-34"], "the next smallest goes with it: {ages}");
    for c in &bands[..2] {
        assert!(
            c["count"].is_null() && c["sample_share"].is_null() && c["weighted_share"].is_null(),
            "{c}"
        );
        assert!(c["population_share"].is_number(), "population figures are public");
    }
    assert_eq!(bands[2]["count"], 16);
    // The sum check: what the total and the published counts leave is 18, shared by two cells.
    let published: u64 = bands.iter().filter_map(|c| c["count"].as_u64()).sum();
    assert_eq!(
        body["n"].as_u64().unwrap() - published - ages["not_given"].as_u64().unwrap(),
        18
    );

    let csv = app.get(&results_path(".csv")).await.text().await.unwrap();
    let row = |measure: &str, label: &str| -> Vec<String> {
        let line = csv
            .lines()
            .find(|l| l.contains(&format!(",{measure},,{label},")))
            .unwrap_or_else(|| panic!("no {measure} {label} in {csv}"));
        line.split(',').map(str::to_string).collect()
    };
    for label in ["16 to 24", "25 to 34"] {
        for measure in ["age_band_count", "age_band_sample_share", "age_band_weighted_share"] {
            let cells = row(measure, label);
            assert_eq!(
                (cells[8].as_str(), cells[12].as_str()),
                ("", "true"),
                "{measure} {label}"
            );
        }
    }
    assert_eq!(row("age_band_count", "35 to 44")[8], "16");

    let page = app
        .get(&format!("/analyst/results?consultation=test-open&area={BORDERS}"))
        .await
        .text()
        .await
        .unwrap();
    let caption = "Respondents in Scottish Borders by age band";
    assert_eq!(cell_after(&page, caption, "16 to 24"), "suppressed");
    assert_eq!(cell_after(&page, caption, "25 to 34"), "suppressed");
    assert_eq!(cell_after(&page, caption, "35 to 44"), "16");
    assert!(page.contains("so that no suppressed count can be worked out from the total"));
}

#[actix_web::test]
async fn weights_are_trimmed_unless_the_request_says_trim_false() {
    let app = spawn_app().await;
    two_young_in_the_borders(&app).await;
    let trimmed: Value = app.get(&results_path("")).await.json().await.unwrap();
    let w = &trimmed["weighting"];
    assert_eq!(w["trimming"]["upper_ratio"], 5.0);
    assert!(w["trimming"]["rule"].as_str().unwrap().contains("0.2 or above 5 times"));
    let area = &w["areas"][0];
    for field in ["max_weight", "weight_ratio", "largest_weight_share"] {
        assert!(area[field].is_number(), "{field}: {area}");
    }
    assert!(area["over_share_limit"].is_boolean() && w["areas_over_share_limit"].is_array());

    let untrimmed: Value = app
        .get(&format!("{}&trim=false", results_path("")))
        .await
        .json()
        .await
        .unwrap();
    assert!(untrimmed["weighting"]["trimming"].is_null());
    assert!(untrimmed["weighting"]["areas"][0]["trimming"].is_null());
    let bad = app.get(&format!("{}&trim=maybe", results_path(""))).await;
    assert_eq!(bad.status(), 400);
}

#[actix_web::test]
async fn the_evidence_pack_withholds_a_small_age_band_of_an_area_and_a_sibling() {
    let app = app_with_demo_data(6_000).await;
    // East Lothian keeps two of its respondents aged 16-24; the others become 25-34.
    sql(
        &app,
        &format!(
            "UPDATE responses SET age_band = '25-34' WHERE consultation_id = '{CURRENT}' \
             AND council_area_code = '{EAST_LOTHIAN}' AND age_band = '16-24' AND id NOT IN \
             (SELECT id FROM responses WHERE consultation_id = '{CURRENT}' AND council_area_code = \
             '{EAST_LOTHIAN}' AND age_band = '16-24' ORDER BY id LIMIT 2)"
        ),
    );
    let pack = pack_json(&app, "J").await;
    let sample = &area_section(&pack, EAST_LOTHIAN)["representativeness"];
    let rows = sample["age_band"].as_array().unwrap();
    assert_eq!(rows[0]["label"], "16 to 24");
    assert!(
        rows[0]["count"].is_null() && rows[0]["suppressed"] == true,
        "{}",
        rows[0]
    );
    assert!(rows[0]["sample_share"].is_null() && rows[0]["under_represented"].is_null());
    let withheld = rows.iter().filter(|r| r["suppressed"] == true).count()
        + usize::from(sample["age_not_given_suppressed"] == true);
    assert!(withheld >= 2, "a sibling is withheld too: {sample}");
    assert!(rows
        .iter()
        .all(|r| r["count"].as_u64().is_none_or(|c| c == 0 || c >= 10)));
    assert!(sample["suppressed_groups"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g == "People aged 16 to 24"));

    let (status, csv) = text_of(&app, &pack_path("J", "&download=csv&table=representativeness")).await;
    assert_eq!(status, 200);
    let line = csv
        .lines()
        .find(|l| l.contains(EAST_LOTHIAN) && l.contains(",age_band,16 to 24,"))
        .unwrap_or_else(|| panic!("{csv}"));
    // place (3 columns), margin, category, count, sample, weighted, population, under, suppressed
    let cells: Vec<&str> = line.split(',').collect();
    assert_eq!(
        (cells[5], cells[6], cells[7], cells[10]),
        ("", "", "", "true"),
        "{line}"
    );
    assert!(!cells[8].is_empty(), "the population share is public: {line}");
}
