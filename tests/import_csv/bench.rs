//! The import benchmark, run by `scripts/bench-import` (ignored in normal test runs).

use super::support::{reference_and_definition, repo};
use diesel::prelude::*;
use localvoice::demo::{self, Wave};
use localvoice::import::{import_csv_with, ImportOptions, RowWriter};
use std::path::PathBuf;

fn bench_csv_path() -> PathBuf {
    PathBuf::from(std::env::var("LV_BENCH_CSV").unwrap_or_else(|_| "/tmp/lv-bench-import.csv".into()))
}

/// Writes `LV_BENCH_ROWS` (default 1,000,000) generated responses to `LV_BENCH_CSV`.
#[test]
#[ignore = "benchmark: run by scripts/bench-import"]
fn bench_write_demo_csv() {
    let (reference, definition) = reference_and_definition();
    let rows: usize = std::env::var("LV_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let started = std::time::Instant::now();
    let out = std::io::BufWriter::new(std::fs::File::create(bench_csv_path()).unwrap());
    let responses = demo::generate(
        &definition,
        &reference.geography,
        &reference.population,
        rows,
        2026,
        Wave::Current,
    )
    .unwrap();
    let written = demo::write_csv(out, &definition, &reference.geography, responses).unwrap();
    eprintln!(
        "wrote {written} rows to {} in {:.1} s",
        bench_csv_path().display(),
        started.elapsed().as_secs_f64()
    );
}

/// Imports `LV_BENCH_CSV` into the database at `LV_BENCH_DATABASE_URL` (migrated and seeded here)
/// with `LV_BENCH_WRITER` (`copy`, `insert`, or `check` to only read and validate it).
#[test]
#[ignore = "benchmark: run by scripts/bench-import"]
fn bench_import_demo_csv() {
    let (reference, definition) = reference_and_definition();
    let url = std::env::var("LV_BENCH_DATABASE_URL").expect("LV_BENCH_DATABASE_URL");
    let writer = match std::env::var("LV_BENCH_WRITER").as_deref() {
        Ok("insert") => RowWriter::Insert,
        Ok("check") => {
            // Reading and validating only: the client's share of the work.
            let started = std::time::Instant::now();
            let rows = localvoice::import::check_csv(&definition, &reference.geography, &bench_csv_path()).unwrap();
            let seconds = started.elapsed().as_secs_f64();
            eprintln!(
                "Check: checked {rows} rows in {seconds:.1} s ({:.0} rows/s)",
                rows as f64 / seconds
            );
            return;
        }
        _ => RowWriter::Copy,
    };
    let mut conn = PgConnection::establish(&url).unwrap();
    localvoice::db::pool::run_migrations(&mut conn).unwrap();
    localvoice::commands::prepare::seed_reference(&mut conn, &repo("seeds")).unwrap();
    localvoice::db::consultations::sync_definitions(&mut conn, std::slice::from_ref(&definition)).unwrap();
    let options = ImportOptions {
        progress: true,
        writer,
        ..ImportOptions::default()
    };
    let report = import_csv_with(&mut conn, &definition, &reference.geography, &bench_csv_path(), options).unwrap();
    eprintln!("{writer:?}: {report}");
}
