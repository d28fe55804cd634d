use crate::helpers::spawn_app;
use serde_json::Value;

#[actix_web::test]
async fn the_consultation_list_gives_id_title_status_and_dates() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/consultations").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let list = body["consultations"].as_array().unwrap();
    let open = list.iter().find(|c| c["id"] == "test-open").expect("test-open listed");
    assert_eq!(open["status"], "open");
    assert_eq!(open["opens"], "2000-01-01");
    assert_eq!(open["closes"], "2099-12-31");
    let closed = list.iter().find(|c| c["id"] == "test-closed").unwrap();
    assert_eq!(closed["status"], "closed");
    let upcoming = list.iter().find(|c| c["id"] == "test-upcoming").unwrap();
    assert_eq!(upcoming["status"], "upcoming");
}

#[actix_web::test]
async fn a_consultation_shows_its_areas_questions_concerns_priorities_and_response_count() {
    let app = spawn_app().await;
    let created = app
        .post_json(
            "/api/v1/consultations/test-lothians/responses",
            &serde_json::json!({"council_area": "S12000026", "concerns": ["speeding"]}),
        )
        .await;
    assert_eq!(created.status(), 201);
    let body: Value = app
        .get("/api/v1/consultations/test-lothians")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["id"], "test-lothians");
    assert_eq!(body["max_ranked"], 3);
    assert_eq!(body["responses"], 1);
    let areas: Vec<&str> = body["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert_eq!(areas.len(), 4, "division J has four council areas: {areas:?}");
    assert!(areas.contains(&"S12000026"));
    assert!(body["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "drug_dealing" && c["label"].is_string()));
    assert!(!body["candidate_priorities"].as_array().unwrap().is_empty());
}

#[actix_web::test]
async fn an_unknown_consultation_is_404_problem_json() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/consultations/no-such-thing").await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}
