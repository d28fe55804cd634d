//! A slow or stuck database: requests fail fast with 503 and Retry-After (the pool's lock and
//! statement timeouts), nothing is half-written, and the same Idempotency-Key works afterwards.

use crate::helpers::spawn_app;
use diesel::prelude::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn response_body() -> Value {
    json!({"council_area": "S12000036", "feel_safe": 2, "concerns": ["speeding", "drug_dealing"]})
}

fn count(conn: &mut PgConnection, table: &str) -> i64 {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let row: Count = diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
        .get_result(conn)
        .unwrap();
    row.n
}

#[actix_web::test]
async fn a_submission_blocked_by_a_table_lock_answers_503_quickly_and_stores_nothing() {
    let app = spawn_app().await;
    let mut holder = app.db.connect();
    diesel::sql_query("BEGIN").execute(&mut holder).unwrap();
    diesel::sql_query("LOCK TABLE responses IN ACCESS EXCLUSIVE MODE")
        .execute(&mut holder)
        .unwrap();

    let key = "3f1a0c52-5d3e-4b8e-9c1f-0a7b6d2e4f11";
    let send = || {
        app.client
            .post(app.url("/api/v1/consultations/test-open/responses"))
            .header("Idempotency-Key", key)
            .json(&response_body())
            .send()
    };
    let started = Instant::now();
    let blocked = send().await.unwrap();
    let waited = started.elapsed();
    assert_eq!(blocked.status(), 503);
    assert!(blocked.headers().contains_key("retry-after"));
    assert_eq!(blocked.headers()["content-type"], "application/problem+json");
    assert!(
        waited < Duration::from_secs(5),
        "the lock timeout should answer in ~2 s, took {waited:?}"
    );
    let problem: Value = blocked.json().await.unwrap();
    assert_eq!(problem["status"], 503);

    diesel::sql_query("ROLLBACK").execute(&mut holder).unwrap();
    let mut conn = app.db.connect();
    assert_eq!(count(&mut conn, "responses"), 0, "nothing half-written");
    assert_eq!(
        count(&mut conn, "idempotency_keys"),
        0,
        "the key's claim was rolled back"
    );

    let retried = send().await.unwrap();
    assert_eq!(retried.status(), 201);
    assert!(retried.headers().get("idempotent-replayed").is_none());
    assert_eq!(count(&mut conn, "responses"), 1);
}
