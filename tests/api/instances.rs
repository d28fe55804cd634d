//! Two stateless instances behind one database (issue 12, "Scale-out"): each has its own pool and
//! caches, and the database alone keeps them consistent. Idempotency keys, the results cache's
//! version (kept by triggers in `response_counters`) and the snapshot lock are all in PostgreSQL.

use crate::helpers::{another_instance, spawn_app, TestApp};
use diesel::RunQueryDsl;
use serde_json::{json, Value};

fn response() -> Value {
    json!({
        "council_area": "S12000026",
        "feel_safe": 4,
        "concerns": ["speeding", "drug_dealing"],
        "age_band": "35-44",
        "sex": "F"
    })
}

async fn post(instance: &TestApp, consultation: &str, key: Option<&str>) -> (u16, Value) {
    let mut request = instance
        .client
        .post(instance.url(&format!("/api/v1/consultations/{consultation}/responses")))
        .json(&response());
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    let res = request.send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

#[actix_web::test]
async fn one_idempotency_key_sent_to_two_instances_at_once_stores_one_response() {
    let first = spawn_app().await;
    let second = another_instance(&first);
    for round in 0..5_i64 {
        let key = uuid::Uuid::new_v4().to_string();
        let (a, b) = tokio::join!(
            post(&first, "test-open", Some(&key)),
            post(&second, "test-open", Some(&key))
        );
        assert_eq!((a.0, b.0), (201, 201), "{a:?} {b:?}");
        assert_eq!(
            a.1["id"], b.1["id"],
            "both instances answer with the one stored response"
        );
        assert_eq!(first.stored_responses(), round + 1);
    }
}

#[actix_web::test]
async fn a_response_stored_through_one_instance_shows_in_the_other_instances_live_results_at_once() {
    let first = spawn_app().await;
    let second = another_instance(&first);
    for _ in 0..3 {
        assert_eq!(post(&first, "test-lothians", None).await.0, 201);
    }
    // Both caches now hold the dataset with three responses.
    assert_eq!(
        (
            first.live_division_report("test-lothians", "J").await.n,
            second.live_division_report("test-lothians", "J").await.n
        ),
        (3, 3)
    );
    for expected in 4..=6 {
        assert_eq!(post(&first, "test-lothians", None).await.0, 201);
        assert_eq!(
            second.live_division_report("test-lothians", "J").await.n,
            expected,
            "the other instance's cached results"
        );
    }
    assert_eq!(post(&second, "test-lothians", None).await.0, 201);
    assert_eq!(first.live_division_report("test-lothians", "J").await.n, 7);
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn count(app: &TestApp, query: &str) -> i64 {
    diesel::sql_query(query)
        .get_result::<Count>(&mut app.db.connect())
        .unwrap()
        .n
}

#[actix_web::test]
async fn snapshots_taken_by_two_instances_at_the_same_moment_release_each_response_once() {
    let first = spawn_app().await;
    let second = another_instance(&first);
    // 40 responses in the Scottish Borders (enough to release) and 3 in East Lothian (too few).
    diesel::sql_query(
        "INSERT INTO responses (public_id, consultation_id, council_area_code, concerns, channel) \
         SELECT gen_random_uuid(), 'test-lothians', CASE WHEN i <= 40 THEN 'S12000026' ELSE 'S12000010' END, \
                ARRAY['speeding'], 'paper' FROM generate_series(1, 43) AS i",
    )
    .execute(&mut first.db.connect())
    .unwrap();
    let (a, b) = tokio::join!(first.snapshot(), second.snapshot());
    assert_eq!(a + b, 40, "released {a} and {b}");
    assert!(
        a == 0 || b == 0,
        "one snapshot released them, the other found none left: {a} and {b}"
    );
    assert_eq!(
        count(
            &first,
            "SELECT count(*) AS n FROM responses WHERE released_in IS NOT NULL"
        ),
        40
    );
    assert_eq!(
        count(&first, "SELECT coalesce(sum(released), 0)::bigint AS n FROM snapshots"),
        40,
        "the snapshots' own counts agree: nothing was released twice"
    );
}
