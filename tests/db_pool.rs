//! The web application's connection pool against a real PostgreSQL (`TEST_DATABASE_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`; the tests fail loudly without it). They only run
//! `SELECT`s on the server's maintenance database, so they need no database of their own.

// Test code through and through: a panic with the error is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use localvoice::config::DatabaseSettings;
use localvoice::db::{self, pool::build_pool_with, DbError};
use std::time::{Duration, Instant};

fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn settings(statement_timeout: Duration) -> DatabaseSettings {
    DatabaseSettings {
        pool_size: 1,
        checkout_timeout: Duration::from_secs(5),
        statement_timeout,
        lock_timeout: Duration::from_millis(300),
    }
}

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = Text)]
    statement_timeout: String,
}

#[derive(QueryableByName)]
struct Pid {
    #[diesel(sql_type = Integer)]
    pid: i32,
}

fn backend_pid(conn: &mut PgConnection) -> Result<i32, DbError> {
    let row: Pid = diesel::sql_query("SELECT pg_backend_pid() AS pid").get_result(conn)?;
    Ok(row.pid)
}

#[actix_web::test]
async fn a_statement_running_past_the_statement_timeout_is_cancelled_as_unavailable_not_a_hang() {
    let pool = build_pool_with(&server_url(), &settings(Duration::from_millis(300)));
    let shown = db::run(&pool, |conn| {
        let row: Setting = diesel::sql_query("SHOW statement_timeout").get_result(conn)?;
        Ok(row.statement_timeout)
    })
    .await
    .unwrap_or_else(|e| panic!("PostgreSQL is required for this test, at {}: {e}", server_url()));
    assert_eq!(shown, "300ms");

    let started = Instant::now();
    let slow = db::run(&pool, |conn| {
        diesel::sql_query("SELECT pg_sleep(10)").execute(conn)?;
        Ok(())
    })
    .await;
    let elapsed = started.elapsed();
    match slow {
        // Unavailable, so that the request answers 503 with Retry-After rather than 500.
        Err(DbError::Unavailable(e)) => assert!(e.contains("statement timeout"), "{e}"),
        other => panic!("expected a cancelled statement, got {other:?}"),
    }
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");

    // The connection went back to the pool in working order.
    let pid = db::run(&pool, backend_pid).await.unwrap();
    assert!(pid > 0);
}

#[actix_web::test]
async fn a_pooled_connection_whose_server_process_died_is_replaced_on_checkout() {
    let pool = build_pool_with(&server_url(), &settings(Duration::from_secs(30)));
    let first = db::run(&pool, backend_pid)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL is required for this test, at {}: {e}", server_url()));

    // What a database restart does to every idle pooled connection.
    let mut admin = PgConnection::establish(&server_url()).unwrap();
    diesel::sql_query(format!("SELECT pg_terminate_backend({first})"))
        .execute(&mut admin)
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        #[derive(QueryableByName)]
        struct Alive {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let alive: Alive = diesel::sql_query(format!(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE pid = {first}"
        ))
        .get_result(&mut admin)
        .unwrap();
        if alive.n == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "backend {first} did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }

    let second = db::run(&pool, backend_pid).await.unwrap();
    assert_ne!(second, first, "the dead connection was handed out again");
}

#[actix_web::test]
async fn a_statement_waiting_past_the_lock_timeout_is_cancelled_as_unavailable_and_rolled_back() {
    let pool = build_pool_with(&server_url(), &settings(Duration::from_secs(30)));
    // A session holding a lock that the pooled connection's statement then waits for.
    let mut holder = PgConnection::establish(&server_url())
        .unwrap_or_else(|e| panic!("PostgreSQL is required for this test, at {}: {e}", server_url()));
    diesel::sql_query("BEGIN").execute(&mut holder).unwrap();
    diesel::sql_query("SELECT pg_advisory_xact_lock(424242)")
        .execute(&mut holder)
        .unwrap();

    let started = Instant::now();
    let waiting = db::run(&pool, |conn| {
        conn.transaction(|conn| {
            diesel::sql_query("CREATE TEMPORARY TABLE written_before_the_wait (n int)").execute(conn)?;
            diesel::sql_query("SELECT pg_advisory_xact_lock(424242)").execute(conn)?;
            Ok::<_, DbError>(())
        })
    })
    .await;
    let elapsed = started.elapsed();
    match waiting {
        Err(DbError::Unavailable(e)) => assert!(e.contains("lock timeout"), "{e}"),
        other => panic!("expected a lock timeout, got {other:?}"),
    }
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    diesel::sql_query("ROLLBACK").execute(&mut holder).unwrap();

    // The pool's only connection is usable and what the transaction wrote was rolled back.
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let left = db::run(&pool, |conn| {
        let row: Count = diesel::sql_query(
            "SELECT count(*) AS n FROM pg_class WHERE relname = 'written_before_the_wait' AND relpersistence = 't'",
        )
        .get_result(conn)?;
        Ok(row.n)
    })
    .await
    .unwrap();
    assert_eq!(left, 0);
}
