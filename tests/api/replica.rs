//! `--replica-url`: results read from the replica's pool, writes go to the primary. A second test
//! database stands in for the replica here, so every read can be traced to the database it came
//! from; `scripts/test-replica` runs the same code against a real streaming replica.

use crate::helpers::{spawn_app_with_replica, TestDb};
use diesel::RunQueryDsl;
use serde_json::json;

fn insert_rows(conn: &mut diesel::PgConnection, n: usize) {
    diesel::sql_query(format!(
        "INSERT INTO responses (public_id, consultation_id, council_area_code, concerns, channel) \
         SELECT gen_random_uuid(), 'test-lothians', 'S12000026', ARRAY['speeding'], 'paper' \
         FROM generate_series(1, {n})"
    ))
    .execute(conn)
    .unwrap();
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn count(db: &TestDb, query: &str) -> i64 {
    diesel::sql_query(query)
        .get_result::<Count>(&mut db.connect())
        .unwrap()
        .n
}

#[actix_web::test]
async fn submissions_go_to_the_primary_and_results_read_from_the_replica() {
    let replica = TestDb::new();
    let app = spawn_app_with_replica(&replica).await;
    assert!(app.state.results.has_replica());
    for _ in 0..3 {
        let res = app
            .post_json(
                "/api/v1/consultations/test-lothians/responses",
                &json!({"council_area": "S12000026", "concerns": ["speeding"]}),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    assert_eq!(app.stored_responses(), 3, "the primary stored them");
    assert_eq!(count(&replica, "SELECT count(*) AS n FROM responses"), 0);
    assert_eq!(
        app.live_division_report("test-lothians", "J").await.n,
        0,
        "results read the replica, which has none yet"
    );
    insert_rows(&mut replica.connect(), 12);
    assert_eq!(
        app.live_division_report("test-lothians", "J").await.n,
        12,
        "the replica's rows, through the cache's version check"
    );

    // Snapshots are writes: taken on the primary, and the public results (read from the replica)
    // show what the replica has released, here nothing.
    assert_eq!(app.snapshot().await, 0, "3 responses are below the release threshold");
    insert_rows(&mut app.db.connect(), 20);
    assert_eq!(app.snapshot().await, 23);
    let snapshots = "SELECT count(*) AS n FROM snapshots";
    assert!(count(&app.db, snapshots) > 0);
    assert_eq!(count(&replica, snapshots), 0);
    let res = app
        .get("/api/v1/consultations/test-lothians/results?division=J&bootstrap=0")
        .await;
    let not_a_standby = res.headers().get("LocalVoice-Replica-Lag-Ms").is_none();
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["n"], 0, "the replica has released nothing: {body}");
    assert!(not_a_standby, "no lag is claimed for a server that is not a standby");
}
