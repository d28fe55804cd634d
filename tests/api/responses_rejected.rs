//! Every kind of bad submission gets a clear 4xx naming the field, and nothing is written.

use crate::helpers::{spawn_app, TestApp};
use serde_json::{json, Value};

const PATH: &str = "/api/v1/consultations/test-open/responses";

fn valid() -> Value {
    json!({"council_area": "S12000036", "feel_safe": 4, "confidence": 3, "concerns": ["drug_dealing", "speeding"]})
}

/// Posts `body`, expects `status` with problem+json, and returns the problem document.
async fn rejected(app: &TestApp, path: &str, body: &Value, status: u16) -> Value {
    let res = app.post_json(path, body).await;
    assert_eq!(res.status().as_u16(), status, "body: {body}");
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["status"], status);
    assert!(problem["title"].is_string() && problem["detail"].is_string());
    assert_eq!(app.stored_responses(), 0, "nothing may be written");
    problem
}

fn field_message<'a>(problem: &'a Value, field: &str) -> &'a str {
    problem["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["field"] == field))
        .and_then(|e| e["message"].as_str())
        .unwrap_or_else(|| panic!("no error for field {field} in {problem}"))
}

async fn rejected_field(body: Value, field: &str) -> String {
    let app = spawn_app().await;
    let problem = rejected(&app, PATH, &body, 422).await;
    field_message(&problem, field).to_string()
}

#[actix_web::test]
async fn malformed_json_is_a_400() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(app.url(PATH))
        .header("content-type", "application/json")
        .body("{\"council_area\": \"S12000036\", ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    assert_eq!(app.stored_responses(), 0);
}

#[actix_web::test]
async fn a_wrong_content_type_is_a_415() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(app.url(PATH))
        .header("content-type", "text/plain")
        .body(valid().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    assert_eq!(app.stored_responses(), 0);
}

#[actix_web::test]
async fn an_oversized_body_is_a_413() {
    let app = spawn_app().await;
    let mut body = valid();
    body["comment"] = json!("x".repeat(200_000));
    let res = app.post_json(PATH, &body).await;
    assert_eq!(res.status(), 413);
    assert_eq!(app.stored_responses(), 0);
}

#[actix_web::test]
async fn an_unknown_field_is_a_400_naming_it() {
    let app = spawn_app().await;
    let mut body = valid();
    body["name"] = json!("Jane Smith");
    let res = app.post_json(PATH, &body).await;
    assert_eq!(res.status(), 400);
    let problem: Value = res.json().await.unwrap();
    assert!(problem["detail"].as_str().unwrap().contains("name"), "{problem}");
}

#[actix_web::test]
async fn an_unknown_consultation_is_a_404() {
    let app = spawn_app().await;
    rejected(
        &app,
        "/api/v1/consultations/no-such-consultation/responses",
        &valid(),
        404,
    )
    .await;
}

#[actix_web::test]
async fn a_closed_consultation_refuses_responses_with_409() {
    let app = spawn_app().await;
    let problem = rejected(&app, "/api/v1/consultations/test-closed/responses", &valid(), 409).await;
    assert!(problem["detail"].as_str().unwrap().contains("closed"), "{problem}");
}

#[actix_web::test]
async fn a_consultation_not_yet_open_refuses_responses_with_409() {
    let app = spawn_app().await;
    let problem = rejected(&app, "/api/v1/consultations/test-upcoming/responses", &valid(), 409).await;
    assert!(problem["detail"].as_str().unwrap().contains("opens"), "{problem}");
}

#[actix_web::test]
async fn an_unknown_council_area_is_refused() {
    let mut body = valid();
    body["council_area"] = json!("S12000999");
    assert!(rejected_field(body, "council_area")
        .await
        .contains("not a Scottish council area"));
}

#[actix_web::test]
async fn a_council_area_outside_the_consultation_is_refused() {
    let app = spawn_app().await;
    let mut body = valid();
    body["council_area"] = json!("S12000049"); // Glasgow City: not in division J
    let problem = rejected(&app, "/api/v1/consultations/test-lothians/responses", &body, 422).await;
    assert!(field_message(&problem, "council_area").contains("not covered"));
}

#[actix_web::test]
async fn a_missing_council_area_and_ranking_are_both_reported() {
    let app = spawn_app().await;
    let problem = rejected(&app, PATH, &json!({"feel_safe": 3}), 422).await;
    field_message(&problem, "council_area");
    field_message(&problem, "concerns");
}

#[actix_web::test]
async fn an_unknown_concern_is_refused() {
    let mut body = valid();
    body["concerns"] = json!(["drug_dealing", "alien_abduction"]);
    assert!(rejected_field(body, "concerns")
        .await
        .contains("not one of this consultation's concerns"));
}

#[actix_web::test]
async fn the_same_concern_ranked_twice_is_refused() {
    let mut body = valid();
    body["concerns"] = json!(["speeding", "speeding"]);
    assert!(rejected_field(body, "concerns").await.contains("more than once"));
}

#[actix_web::test]
async fn more_concerns_than_the_consultation_allows_are_refused() {
    let mut body = valid();
    body["concerns"] = json!(["speeding", "drug_dealing", "housebreaking", "antisocial_behaviour"]);
    assert!(rejected_field(body, "concerns").await.contains("no more than 3"));
}

#[actix_web::test]
async fn a_gap_in_the_ranking_is_refused() {
    let mut body = valid();
    body["concerns"] = json!([null, "speeding"]);
    assert!(rejected_field(body, "concerns")
        .await
        .contains("2nd concern without a 1st"));
}

#[actix_web::test]
async fn likert_answers_out_of_range_or_of_the_wrong_type_are_refused() {
    let mut body = valid();
    body["feel_safe"] = json!(6);
    body["confidence"] = json!(true);
    let app = spawn_app().await;
    let problem = rejected(&app, PATH, &body, 422).await;
    assert!(field_message(&problem, "feel_safe").contains("1 to 5"));
    field_message(&problem, "confidence");
}

#[actix_web::test]
async fn an_over_long_comment_is_refused() {
    let mut body = valid();
    body["comment"] = json!("a".repeat(2_001));
    assert!(rejected_field(body, "comment")
        .await
        .contains("2000 characters or fewer"));
}

#[actix_web::test]
async fn a_full_postcode_is_refused_to_keep_the_response_anonymous() {
    let mut body = valid();
    body["postcode_district"] = json!("EH12 5AB");
    assert!(rejected_field(body, "postcode_district").await.contains("first part"));
}

#[actix_web::test]
async fn a_guessable_or_oversized_idempotency_key_is_a_400_saying_what_a_key_must_be() {
    let app = spawn_app().await;
    for key in [
        "k1".to_string(),
        "retry-7f3a".to_string(),
        "x".repeat(300),
        "a".repeat(30),
    ] {
        let res = app
            .client
            .post(app.url(PATH))
            .header("Idempotency-Key", key.as_str())
            .json(&valid())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{key}");
        let problem: Value = res.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("random UUID"), "{problem}");
    }
    assert_eq!(app.stored_responses(), 0);
}
