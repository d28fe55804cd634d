//! Faults with real processes (issue 11, short versions; the long ones are `scripts/chaos-kill`
//! and `scripts/chaos-pg-restart`): the `localvoice` binary serving under load is SIGKILLed and
//! restarted, and the PostgreSQL under it is restarted; afterwards every acknowledged response
//! must be stored exactly once. Needs PostgreSQL on `TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) and its server tools in `PG_BIN` (default: the
//! newest /usr/lib/postgresql/N/bin) for a private cluster; fails loudly without them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod load;
pub mod private_cluster;
pub mod processes;
pub mod scenarios;
pub mod verify;

use private_cluster::PrivateCluster;
use processes::{pg_bin, ScratchDatabase, ServerProcess};
use scenarios::{Fault, Load};
use std::path::Path;
use std::time::Duration;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn serve(database_url: &str, log: &tempfile::NamedTempFile) -> ServerProcess {
    ServerProcess::start(
        Path::new(env!("CARGO_BIN_EXE_localvoice")),
        repo(),
        database_url,
        &repo().join("tests/api/defs"),
        // One client sends thousands of responses a minute here: no per-client rate limit
        // (main's LOCALVOICE_SUBMIT_RATE_PER_MINUTE; 0 switches it off, ignored where absent).
        &[
            ("LOCALVOICE_LOG", "warn"),
            ("LOCALVOICE_DB_POOL", "8"),
            ("LOCALVOICE_SUBMIT_RATE_PER_MINUTE", "0"),
        ],
        log.path(),
    )
    .expect("localvoice serve starts")
}

fn load() -> Load {
    Load {
        consultation: "test-open".into(),
        workers: 8,
        drain: Duration::from_secs(20),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_response_survives_sigkills_of_the_server_exactly_once() {
    let db = ScratchDatabase::create(&server_url(), "lv_chaos_kill").expect("a scratch database");
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut server = serve(&db.url, &log);
    let report = scenarios::kill_under_load(&mut server, &db.url, &load(), 2, Duration::from_millis(1500))
        .await
        .unwrap();
    println!("{}", report.summary());
    assert!(
        report.verdict.acknowledged > 0,
        "no load got through: {}",
        report.summary()
    );
    assert!(
        report.no_answer > 0,
        "the kills should have cut requests off: {}",
        report.summary()
    );
    assert!(report.passed(), "{}", report.summary());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgresql_restart_gives_quick_503s_and_loses_no_acknowledged_response() {
    let cluster = PrivateCluster::start(&pg_bin()).expect("a private PostgreSQL cluster starts");
    let url = cluster.url("localvoice");
    let log = tempfile::NamedTempFile::new().unwrap();
    let server = serve(&url, &log);
    let report = scenarios::outage_under_load(
        &server,
        &url,
        &load(),
        Fault::Restart(&cluster),
        (Duration::from_secs(1), Duration::from_secs(3), Duration::from_secs(2)),
    )
    .await
    .unwrap();
    println!("{}", report.summary());
    assert!(
        report.during_unavailable > 0,
        "no 503 during the outage: {}",
        report.summary()
    );
    assert!(
        report.max_latency < Duration::from_secs(5),
        "answers during the outage must be quick: {}",
        report.summary()
    );
    assert_eq!(report.bad_503s + report.server_errors, 0, "{}", report.summary());
    assert!(report.readyz_failed > 0, "/readyz never failed: {}", report.summary());
    assert_eq!(report.livez_failed, 0, "/livez must stay up: {}", report.summary());
    assert!(
        report.recovered_after.is_some() && report.ready_at_end,
        "{}",
        report.summary()
    );
    assert!(report.verdict.passed(), "{}", report.summary());
}
