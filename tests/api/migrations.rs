use crate::helpers::TestDb;
use diesel::RunQueryDsl;
use localvoice::db::pool::{revert_all_migrations, run_migrations};

#[test]
fn every_migration_has_a_working_down_and_can_be_applied_again() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let reverted = revert_all_migrations(&mut conn).expect("every down.sql runs");
    assert!(reverted >= 2, "reverted {reverted}");
    let leftover: Vec<(String,)> = diesel::sql_query(
        "SELECT tablename::text AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__diesel_schema_migrations'",
    )
    .load::<TableName>(&mut conn)
    .expect("list tables")
    .into_iter()
    .map(|t| (t.t,))
    .collect();
    assert!(leftover.is_empty(), "tables left behind by down.sql: {leftover:?}");
    let applied = run_migrations(&mut conn).expect("migrations apply again");
    assert_eq!(applied.len(), reverted);
}

#[derive(diesel::QueryableByName)]
struct TableName {
    #[diesel(sql_type = diesel::sql_types::Text)]
    t: String,
}
