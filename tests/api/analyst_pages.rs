//! The analyst results pages over HTTP: HTML for good and bad requests, the chart and tables,
//! suppression in words, redirects from the choice form, and representativeness in the JSON.

use crate::helpers::{spawn_app, TestApp};
use serde_json::{json, Value};

const BORDERS: &str = "S12000026";
const MIDLOTHIAN: &str = "S12000019";
const EAST_LOTHIAN: &str = "S12000010";

/// Posts `n` varied responses for `area` to the `test-open` consultation (its five concerns).
async fn post_responses(app: &TestApp, area: &str, n: usize) {
    let bands = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"];
    let concerns = [
        "drug_dealing",
        "antisocial_behaviour",
        "speeding",
        "housebreaking",
        "online_fraud",
    ];
    for i in 0..n {
        let mut ranked: Vec<&str> = Vec::new();
        for c in [concerns[i % 5], concerns[(i + 1 + i / 5) % 5], concerns[(i + 3) % 5]] {
            if !ranked.contains(&c) {
                ranked.push(c);
            }
        }
        let body = json!({
            "council_area": area,
            "feel_safe": 1 + (i * 7 % 5),
            "confidence": 1 + (i * 3 % 5),
            "concerns": ranked,
            "age_band": if i % 11 == 10 { "prefer_not_to_say" } else { bands[i % 7] },
            "sex": if i % 2 == 0 { "F" } else { "M" },
        });
        let res = app.post_json("/api/v1/consultations/test-open/responses", &body).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    }
}

async fn get_html(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.get(path).await;
    let status = res.status().as_u16();
    let content_type = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(content_type.starts_with("text/html"), "{path}: {content_type}");
    assert!(res.headers().contains_key("content-security-policy"), "{path}");
    (status, res.text().await.unwrap())
}

/// The body of the ranked concerns table.
fn concerns_rows(html: &str) -> &str {
    let table = &html[html.find("id=\"concerns-caption\"").expect("concerns table")..];
    &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()]
}

#[actix_web::test]
async fn the_results_page_renders_the_ranked_table_an_svg_chart_and_who_responded() {
    let app = spawn_app().await;
    post_responses(&app, BORDERS, 40).await;
    let (status, html) = get_html(&app, "/analyst").await;
    assert_eq!(status, 200);
    assert!(html.contains("<optgroup label=\"Council areas\">") && html.contains("action=\"/analyst/results\""));

    let (status, html) = get_html(&app, &format!("/analyst/results?consultation=test-open&area={BORDERS}")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h1 class=\"lv-heading-xl\">Scottish Borders</h1>"));
    let interval = regex::Regex::new(r"\d+% \(\d+% to \d+%\)").unwrap();
    assert!(interval.is_match(concerns_rows(&html)), "{html}");
    assert!(concerns_rows(&html).contains("Drug dealing and drug misuse"));
    assert!(html.contains("<svg class=\"lv-chart__svg\"") && html.contains("role=\"img\""));
    assert!(html.contains("<title id=\"concerns-chart-title\">Share ranking each concern in their top 3"));
    assert!(html.contains(
        "<caption id=\"sample-age-caption\" class=\"lv-table__caption\">Respondents in Scottish Borders by age band"
    ));
    assert!(html.contains("<caption id=\"sample-sex-caption\""));
    assert!(html.contains("Share of adult population"));
    assert!(html.contains(&format!(
        "href=\"/api/v1/consultations/test-open/results.csv?area={BORDERS}\""
    )));
    assert!(
        html.contains("Low base: 40 people responded for Scottish Borders, fewer than 50."),
        "{html}"
    );
}

#[actix_web::test]
async fn a_council_area_with_fewer_than_ten_responses_shows_suppressed_and_no_numbers() {
    let app = spawn_app().await;
    post_responses(&app, BORDERS, 30).await;
    post_responses(&app, EAST_LOTHIAN, 6).await;
    let (status, html) = get_html(
        &app,
        &format!("/analyst/results?consultation=test-open&area={EAST_LOTHIAN}"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("suppressed (fewer than 10 responses)"));
    let rows = concerns_rows(&html).replace("fewer than 10 responses", "");
    assert!(
        !rows.contains('%') && !rows.chars().any(|c| c.is_ascii_digit()),
        "{rows}"
    );
    assert!(
        !html.contains("<svg class=\"lv-chart__svg\""),
        "no chart of suppressed figures"
    );
    assert!(html.contains("Only 6 people responded for East Lothian"));
}

#[actix_web::test]
async fn bad_requests_get_html_error_pages_with_the_right_status() {
    let app = spawn_app().await;
    for (path, status, words) in [
        (
            "/analyst/results?consultation=no-such-thing&scotland=true",
            404,
            "Results not found",
        ),
        (
            "/analyst/results?consultation=test-open&area=S12000999",
            404,
            "Results not found",
        ),
        (
            "/analyst/results?consultation=test-lothians&area=S12000049",
            404,
            "does not cover",
        ),
        (
            "/analyst/results?consultation=test-open&compare_with=no-such-wave",
            404,
            "to compare with",
        ),
        (
            "/analyst/results?consultation=test-open&area=S12000026&division=J",
            400,
            "not several at once",
        ),
        (
            "/analyst/results?consultation=test-open&colour=blue",
            400,
            "cannot be shown",
        ),
        ("/analyst/results?scotland=true", 400, "Choose a consultation"),
        (
            "/analyst/results?consultation=test-open&compare_with=previous",
            400,
            "no previous wave",
        ),
        (
            "/analyst/results?consultation=test-open&place=narnia",
            400,
            "not an area",
        ),
        (
            "/analyst/results?consultation=test-open&scotland=true&compare_with=division",
            400,
            "council area can be compared",
        ),
    ] {
        let (got, html) = get_html(&app, path).await;
        assert_eq!(got, status, "{path}: {html}");
        assert!(html.contains(words), "{path}: {html}");
        assert!(html.contains("href=\"/analyst\""), "{path}");
    }
}

#[actix_web::test]
async fn the_choice_form_is_redirected_to_the_canonical_address_and_comparisons_render() {
    let app = spawn_app().await;
    post_responses(&app, BORDERS, 40).await;
    post_responses(&app, MIDLOTHIAN, 40).await;
    let res = app
        .get(&format!(
            "/analyst/results?consultation=test-open&place=area%3A{BORDERS}&compare_with=division"
        ))
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        location,
        format!("/analyst/results?consultation=test-open&area={BORDERS}&compare_with=division")
    );
    let res = app
        .get("/analyst/results?consultation=test-open&place=scotland&compare_with=")
        .await;
    assert_eq!(
        res.headers()["location"],
        "/analyst/results?consultation=test-open&scotland=true"
    );

    let (status, html) = get_html(&app, &location).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains(
            "Compared with the rest of the division: Lothians and Scottish Borders excluding Scottish Borders"
        ),
        "{html}"
    );
    assert!(
        html.contains("Adjusted p-value") && html.contains("ignificant difference"),
        "{html}"
    );
    assert!(
        html.contains(&format!("results.csv?area={BORDERS}&#38;compare_with=division")),
        "{html}"
    );
}

#[actix_web::test]
async fn the_json_results_carry_representativeness_by_age_band_and_sex() {
    let app = spawn_app().await;
    post_responses(&app, BORDERS, 30).await;
    app.snapshot().await;
    let res = app
        .get(&format!(
            "/api/v1/consultations/test-open/results?area={BORDERS}&bootstrap=0"
        ))
        .await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let r = &body["representativeness"];
    assert_eq!(r["suppressed"], false);
    let ages = r["age_band"]["categories"].as_array().unwrap();
    assert_eq!(ages.len(), 7);
    assert_eq!(ages[0]["category"], "16-24");
    // Four or five respondents per band and two who preferred not to say: every one of those
    // counts is small, so all are withheld (never 0), with the shares made from them.
    for c in ages {
        assert!(c["count"].is_null() && c["suppressed"] == true, "{c}");
        assert!(c["sample_share"].is_null() && c["weighted_share"].is_null(), "{c}");
        assert!(c["population_share"].as_f64().unwrap() > 0.0);
    }
    assert!(r["age_band"]["not_given"].is_null() && r["age_band"]["answered"].is_null());
    assert_eq!(r["age_band"]["not_given_suppressed"], true);
    // 15 women and 15 men: published.
    let sexes = r["sex"]["categories"].as_array().unwrap();
    assert_eq!(sexes.len(), 2);
    assert_eq!(
        (sexes[0]["count"].clone(), sexes[1]["count"].clone()),
        (json!(15), json!(15))
    );
    assert!(sexes
        .iter()
        .all(|c| c["weighted_share"].is_number() && c["sample_share"].is_number()));
}
