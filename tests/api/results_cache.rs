//! The results cache is exact: whatever commits after a cached report was computed — a response
//! written straight into the table, one whose id is lower than rows already cached because its
//! transaction committed late, a deleted or a moved response — shows in the next request, and the
//! trigger-kept version always equals what `count(*)` says.

use crate::helpers::{spawn_app, TestApp};
use diesel::RunQueryDsl;

fn sql(conn: &mut diesel::PgConnection, statement: &str) -> usize {
    diesel::sql_query(statement)
        .execute(conn)
        .unwrap_or_else(|e| panic!("{statement}: {e}"))
}

/// Inserts `n` responses for the Scottish Borders (S12000026) straight into the table.
fn insert_rows(conn: &mut diesel::PgConnection, n: usize) {
    sql(
        conn,
        &format!(
            "INSERT INTO responses (public_id, consultation_id, council_area_code, concerns, age_band, sex, channel) \
             SELECT gen_random_uuid(), 'test-lothians', 'S12000026', ARRAY['speeding','drug_dealing'], \
             (ARRAY['16-24','35-44','55-64','75+'])[1 + i % 4], (ARRAY['M','F'])[1 + i % 2], 'paper' \
             FROM generate_series(1, {n}) AS i"
        ),
    );
}

/// The `response_counters` slot this connection's inserts update (see the migration).
fn counter_slot(conn: &mut diesel::PgConnection) -> i32 {
    #[derive(diesel::QueryableByName)]
    struct Slot {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        slot: i32,
    }
    let row: Slot = diesel::sql_query("SELECT pg_backend_pid() % 16 AS slot")
        .get_result(conn)
        .unwrap();
    row.slot
}

/// The division's n as analysts see it (every stored response, through the cache).
async fn n_of(app: &TestApp) -> u64 {
    app.live_division_report("test-lothians", "J").await.n as u64
}

fn version_matches_count(app: &TestApp) {
    let mut conn = app.db.connect();
    let version = localvoice::db::results::dataset_version(&mut conn, "test-lothians").unwrap();
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        max_id: i64,
    }
    let count: Count = diesel::sql_query(
        "SELECT count(*) AS n, coalesce(max(id), 0) AS max_id FROM responses WHERE consultation_id = 'test-lothians'",
    )
    .get_result(&mut conn)
    .unwrap();
    assert_eq!(version.rows as i64, count.n, "the counters count every stored response");
    assert!(version.max_id >= count.max_id);
}

#[actix_web::test]
async fn rows_written_outside_the_app_and_late_commits_of_lower_ids_reach_the_next_request() {
    let app = spawn_app().await;
    let mut conn = app.db.connect();
    insert_rows(&mut conn, 12);
    assert_eq!(n_of(&app).await, 12);

    // A slow import takes its ids first but commits after a later submission. Its connection
    // must write another counter slot than `conn` (slots are chosen by backend pid % 16), or
    // `conn`'s insert below would wait for the slow transaction's counter row and the test hang.
    let mut slow = loop {
        let mut candidate = app.db.connect();
        if counter_slot(&mut candidate) != counter_slot(&mut conn) {
            break candidate;
        }
    };
    sql(&mut slow, "BEGIN");
    insert_rows(&mut slow, 5);
    insert_rows(&mut conn, 1);
    assert_eq!(
        n_of(&app).await,
        13,
        "the committed row is seen, the open transaction is not"
    );
    sql(&mut slow, "COMMIT");
    assert_eq!(n_of(&app).await, 18, "rows with lower ids committed late are picked up");
    version_matches_count(&app);

    sql(
        &mut conn,
        "DELETE FROM responses WHERE id IN (SELECT id FROM responses ORDER BY id LIMIT 2)",
    );
    assert_eq!(n_of(&app).await, 16, "deleted rows leave the results");
    // Moving a response out of the division changes the division's results though counts stay.
    sql(
        &mut conn,
        "UPDATE responses SET council_area_code = 'S12000036' WHERE id = (SELECT max(id) FROM responses)",
    );
    assert_eq!(n_of(&app).await, 15, "a moved response leaves its old division");
    version_matches_count(&app);
    sql(&mut conn, "TRUNCATE responses CASCADE");
    assert_eq!(n_of(&app).await, 0);
    version_matches_count(&app);
}
