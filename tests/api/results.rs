use crate::helpers::{repo_path, spawn_app, spawn_app_with_defs, TestApp};
use serde_json::{json, Value};

const BORDERS: &str = "S12000026";
const EAST_LOTHIAN: &str = "S12000010";

/// Posts `n` varied responses for `area` to `consultation`.
async fn post_responses(app: &TestApp, consultation: &str, area: &str, n: usize, comment: &str) {
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
            "comment": comment,
        });
        let res = app
            .post_json(&format!("/api/v1/consultations/{consultation}/responses"), &body)
            .await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    }
}

async fn get_json(app: &TestApp, path: &str) -> (u16, Value) {
    let res = app.get(path).await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

#[actix_web::test]
async fn results_for_a_council_area_follow_the_json_contract() {
    let app = spawn_app().await;
    post_responses(&app, "test-lothians", BORDERS, 60, "").await;
    app.snapshot().await;
    let (status, body) = get_json(
        &app,
        &format!("/api/v1/consultations/test-lothians/results?area={BORDERS}&bootstrap=30"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["consultation"], "test-lothians");
    assert_eq!(
        body["area"],
        json!({"type": "council_area", "code": BORDERS, "name": "Scottish Borders"})
    );
    assert_eq!(body["n"], 60);
    for key in ["sum_weights", "design_effect", "n_effective"] {
        assert!(body[key].is_number(), "{key}: {}", body[key]);
    }
    for key in ["feel_safe", "confidence"] {
        let p = &body[key];
        assert!(
            p["estimate"].is_number() && p["ci_low"].is_number() && p["ci_high"].is_number(),
            "{p}"
        );
        assert!(p["ci_low"].as_f64() <= p["estimate"].as_f64() && p["estimate"].as_f64() <= p["ci_high"].as_f64());
    }
    let concerns = body["concerns"].as_array().unwrap();
    assert_eq!(concerns.len(), 5);
    let worths: Vec<f64> = concerns.iter().map(|c| c["pl_worth"].as_f64().unwrap()).collect();
    assert!(
        worths.windows(2).all(|w| w[0] >= w[1]),
        "ordered by pl_worth: {worths:?}"
    );
    for c in concerns {
        for key in [
            "concern_id",
            "label",
            "borda_mean",
            "pl_worth",
            "p_rank_first",
            "suppressed",
            "low_base",
        ] {
            assert!(!c[key].is_null(), "{key} in {c}");
        }
        assert!(c["share_top_n"]["estimate"].is_number() && c["share_first"]["ci_high"].is_number());
        assert_eq!(c["rank_interval"].as_array().unwrap().len(), 2);
        assert_eq!(c["low_base"], false, "a base of 60 is not low: {c}");
    }
    let weighting = &body["weighting"];
    assert_eq!(weighting["population"]["year"], 2022);
    assert!(weighting["population"]["source"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let area = &weighting["areas"][0];
    assert_eq!(area["code"], BORDERS);
    assert_eq!(area["converged"], true);
    assert!(area["iterations"].is_number());
    assert!(area["margins"][0]["collapsed"].is_array());
    assert!(body.get("comparison").is_none());
}

#[actix_web::test]
async fn unknown_consultations_and_areas_are_404_and_asking_for_two_areas_is_400() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/consultations/no-such-thing/results",
        "/api/v1/consultations/test-lothians/results?area=S12000999",
        "/api/v1/consultations/test-lothians/results?division=Q",
        // Glasgow is not covered by the Lothians consultation.
        "/api/v1/consultations/test-lothians/results?area=S12000049",
        "/api/v1/consultations/test-lothians/results?compare_with=no-such-wave",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
    for path in [
        "/api/v1/consultations/test-lothians/results?area=S12000026&division=J",
        "/api/v1/consultations/test-lothians/results?division=J&scotland=true",
        "/api/v1/consultations/test-lothians/results?bootstrap=100000",
        "/api/v1/consultations/test-lothians/results?division=JJ",
        "/api/v1/consultations/test-lothians/results?area=S12000026&colour=blue",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 400, "{path}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
}

#[actix_web::test]
async fn a_small_area_is_suppressed_with_nulls_not_zeros() {
    let app = spawn_app().await;
    post_responses(&app, "test-lothians", EAST_LOTHIAN, 6, "").await;
    let (status, body) = get_json(
        &app,
        &format!("/api/v1/consultations/test-lothians/results?area={EAST_LOTHIAN}"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["suppressed"], true);
    assert_eq!(body["feel_safe"]["estimate"], Value::Null);
    assert_eq!(body["feel_safe"]["suppressed"], true);
    for c in body["concerns"].as_array().unwrap() {
        assert_eq!(c["share_top_n"]["estimate"], Value::Null);
        assert_eq!(c["pl_worth"], Value::Null);
        assert_eq!(c["suppressed"], true);
    }
}

#[actix_web::test]
async fn the_public_sees_scheduled_snapshots_and_one_more_response_changes_nothing_it_can_see() {
    let app = spawn_app().await;
    let path = "/api/v1/consultations/test-lothians/results?division=J&bootstrap=0";
    post_responses(&app, "test-lothians", BORDERS, 12, "").await;
    let (_, before) = get_json(&app, path).await;
    assert_eq!(before["n"], 0, "nothing is public before the first snapshot");
    assert_eq!(before["snapshot"]["snapshot_id"], Value::Null);
    assert_eq!(app.snapshot().await, 12);
    let first = app.get(path).await.bytes().await.unwrap();
    let report: Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(report["n"], 12);
    assert!(report["snapshot"]["taken_at"].is_string());
    assert_eq!(report["snapshot"]["release_threshold"], 10);

    // A neighbour answers: nothing a public client can see changes, byte for byte, until the
    // next snapshot; and that snapshot releases the area only once 10 new responses are in.
    post_responses(&app, "test-lothians", EAST_LOTHIAN, 1, "").await;
    assert_eq!(app.get(path).await.bytes().await.unwrap(), first);
    assert_eq!(app.snapshot().await, 0);
    let (_, held) = get_json(&app, path).await;
    assert_eq!(held["n"], 12, "one response is not released on its own");
    post_responses(&app, "test-lothians", EAST_LOTHIAN, 9, "").await;
    assert_eq!(app.snapshot().await, 10);
    let (_, after) = get_json(&app, path).await;
    assert_eq!(after["n"], 22);
    assert_eq!(after["weighting"]["areas"].as_array().unwrap().len(), 2);

    // Analysts see every response at once.
    post_responses(&app, "test-lothians", EAST_LOTHIAN, 1, "").await;
    let report = app.live_division_report("test-lothians", "J").await;
    assert_eq!(report.n, 23, "analysts' figures count the latest response");
    assert!(report.snapshot.is_none());
}

#[actix_web::test]
async fn an_area_can_be_compared_with_the_rest_of_its_division_and_with_another_consultation() {
    let app = spawn_app().await;
    post_responses(&app, "test-lothians", BORDERS, 40, "").await;
    post_responses(&app, "test-lothians", EAST_LOTHIAN, 30, "").await;
    post_responses(&app, "test-open", BORDERS, 25, "").await;
    app.snapshot().await;
    let base = format!("/api/v1/consultations/test-lothians/results?area={BORDERS}&bootstrap=0");
    let (status, body) = get_json(&app, &format!("{base}&compare_with=division")).await;
    assert_eq!(status, 200, "{body}");
    let comparison = &body["comparison"];
    assert_eq!(comparison["type"], "area_vs_rest_of_division");
    assert_eq!(comparison["area"]["type"], "rest_of_division");
    assert_eq!(comparison["n"], 30);
    assert!(comparison["concerns"][0]["p_adjusted"].is_number());
    let (status, body) = get_json(&app, &format!("{base}&compare_with=test-open")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["comparison"]["type"], "waves");
    assert_eq!(body["comparison"]["consultation"], "test-open");
    assert_eq!(body["comparison"]["n"], 25);
    assert_eq!(body["comparison"]["not_comparable"], json!([]));
}

#[actix_web::test]
async fn the_csv_export_is_an_attachment_and_safe_against_formulas() {
    let defs = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo_path("tests/api/defs/test-lothians.toml")).unwrap();
    let text = text.replace(
        "label = \"Speeding and dangerous driving\"",
        "label = \"=cmd|' /C calc'!A0\"",
    );
    assert!(text.contains("=cmd"));
    std::fs::write(defs.path().join("test-lothians.toml"), text).unwrap();
    let app = spawn_app_with_defs(defs.path()).await;
    post_responses(&app, "test-lothians", BORDERS, 20, "=cmd|' /C calc'!A0").await;
    let res = app
        .get(&format!(
            "/api/v1/consultations/test-lothians/results.csv?area={BORDERS}&bootstrap=0"
        ))
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(
        disposition.starts_with("attachment") && disposition.contains(".csv"),
        "{disposition}"
    );
    let body = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[4], "measure");
    let mut saw_label = false;
    for record in reader.records() {
        let record = record.unwrap();
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unsafe cell {cell:?}"
            );
        }
        saw_label |= record.iter().any(|c| c == "'=cmd|' /C calc'!A0");
    }
    assert!(saw_label, "the label is exported, neutralised");
}
