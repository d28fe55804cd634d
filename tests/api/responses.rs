use crate::helpers::spawn_app;
use diesel::prelude::*;
use localvoice::db::schema::responses;
use serde_json::{json, Value};

fn full_response() -> Value {
    json!({
        "council_area": "S12000036",
        "postcode_district": "EH12",
        "feel_safe": 4,
        "confidence": 3,
        "concerns": ["drug_dealing", "speeding", "housebreaking"],
        "comment": "Cars speed down our street every night.",
        "age_band": "35-44",
        "sex": "F",
        "disability": "no"
    })
}

#[actix_web::test]
async fn a_valid_response_is_stored_with_its_ranking_in_order_and_201_returned() {
    let app = spawn_app().await;
    let res = app
        .post_json("/api/v1/consultations/test-open/responses", &full_response())
        .await;
    assert_eq!(res.status(), 201);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["consultation"], "test-open");
    assert_eq!(body["council_area"], "S12000036");
    let id: uuid::Uuid = body["id"].as_str().unwrap().parse().unwrap();

    let mut conn = app.db.connect();
    let (concerns, feel_safe, age, channel): (Vec<String>, Option<i16>, Option<String>, String) = responses::table
        .filter(responses::public_id.eq(id))
        .select((
            responses::concerns,
            responses::feel_safe,
            responses::age_band,
            responses::channel,
        ))
        .first(&mut conn)
        .unwrap();
    assert_eq!(concerns, vec!["drug_dealing", "speeding", "housebreaking"]);
    assert_eq!(feel_safe, Some(4));
    assert_eq!(age.as_deref(), Some("35-44"));
    assert_eq!(channel, "api");
}

#[actix_web::test]
async fn only_council_area_and_concerns_are_required() {
    let app = spawn_app().await;
    let res = app
        .post_json(
            "/api/v1/consultations/test-open/responses",
            &json!({"council_area": "Scottish Borders", "concerns": ["speeding"]}),
        )
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    assert_eq!(app.stored_responses(), 1);
}

#[actix_web::test]
async fn prefer_not_to_say_is_accepted_for_every_demographic_question() {
    let app = spawn_app().await;
    let mut body = full_response();
    body["age_band"] = json!("prefer_not_to_say");
    body["sex"] = json!("prefer_not_to_say");
    body["disability"] = json!("prefer_not_to_say");
    let res = app.post_json("/api/v1/consultations/test-open/responses", &body).await;
    assert_eq!(res.status(), 201);
}

#[actix_web::test]
async fn a_retried_submission_with_the_same_idempotency_key_is_stored_once() {
    let app = spawn_app().await;
    let send = || {
        app.client
            .post(app.url("/api/v1/consultations/test-open/responses"))
            .header("Idempotency-Key", "1b4e28ba-2fa1-41d2-883f-0016d3cca427")
            .json(&full_response())
            .send()
    };
    let first = send().await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let second = send().await.unwrap();
    assert_eq!(second.status(), 201);
    assert_eq!(second.headers()["idempotent-replayed"], "true");
    let second: Value = second.json().await.unwrap();
    assert_eq!(first["id"], second["id"]);
    assert_eq!(first["submitted_at"], second["submitted_at"]);
    assert_eq!(app.stored_responses(), 1);
}

#[actix_web::test]
async fn concurrent_retries_with_one_idempotency_key_store_one_response() {
    let app = spawn_app().await;
    let mut handles = Vec::new();
    for _ in 0..8 {
        let client = app.client.clone();
        let url = app.url("/api/v1/consultations/test-open/responses");
        handles.push(actix_web::rt::spawn(async move {
            let res = client
                .post(url)
                .header("Idempotency-Key", "kT9_x-2QmZ8rW4pLs7VbN1qq")
                .json(&full_response())
                .send()
                .await
                .unwrap();
            let status = res.status();
            let body: Value = res.json().await.unwrap();
            (status, body["id"].clone())
        }));
    }
    let mut ids = Vec::new();
    for h in handles {
        let (status, id) = h.await.unwrap();
        assert_eq!(status, 201);
        ids.push(id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "every retry got the first response's id");
    assert_eq!(app.stored_responses(), 1);
}

#[actix_web::test]
async fn reusing_an_idempotency_key_for_a_different_response_is_a_422_naming_the_header() {
    let app = spawn_app().await;
    let post = |body: Value| {
        app.client
            .post(app.url("/api/v1/consultations/test-open/responses"))
            .header("Idempotency-Key", "6f0d1c1e-3b0c-4f51-9a59-2b7e3f5d9c10")
            .json(&body)
            .send()
    };
    assert_eq!(post(full_response()).await.unwrap().status(), 201);
    let mut other = full_response();
    other["feel_safe"] = json!(1);
    let res = post(other).await.unwrap();
    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "Idempotency-Key");
    assert!(problem["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("already used in the last 24 hours for a different response"));
    assert_eq!(app.stored_responses(), 1);
}

#[actix_web::test]
async fn an_idempotency_key_expires_after_24_hours_and_then_starts_a_new_response() {
    let app = spawn_app().await;
    let send = || {
        app.client
            .post(app.url("/api/v1/consultations/test-open/responses"))
            .header("Idempotency-Key", "a0c5f7b2-9d4e-4a61-8f3b-7c2d1e0f9a8b")
            .json(&full_response())
            .send()
    };
    let first: Value = send().await.unwrap().json().await.unwrap();
    diesel::sql_query("UPDATE idempotency_keys SET created_at = now() - interval '23 hours 59 minutes'")
        .execute(&mut app.db.connect())
        .unwrap();
    let replayed = send().await.unwrap();
    assert_eq!(replayed.headers()["idempotent-replayed"], "true");
    diesel::sql_query("UPDATE idempotency_keys SET created_at = now() - interval '24 hours 1 minute'")
        .execute(&mut app.db.connect())
        .unwrap();
    let fresh = send().await.unwrap();
    assert_eq!(fresh.status(), 201);
    assert!(fresh.headers().get("idempotent-replayed").is_none());
    let fresh: Value = fresh.json().await.unwrap();
    assert_ne!(first["id"], fresh["id"]);
    assert_eq!(app.stored_responses(), 2);
}
