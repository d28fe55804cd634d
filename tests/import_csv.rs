//! CSV import against a real PostgreSQL: each test creates its own database (`lv_import_test_…`),
//! migrates and seeds it, and drops it afterwards. Needs PostgreSQL at `TEST_DATABASE_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`) and fails loudly without it. Reference
//! data and the definition are the repository's `seeds/` and `survey-defs/your-police-2026.toml`.
//!
//! Two `#[ignore]`d tests are the import benchmark driven by `scripts/bench-import`.

// Test code through and through: a panic with the error is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use localvoice::demo::{self, Wave};
use localvoice::domain::SurveyDefinition;
use localvoice::import::{import_csv, import_csv_with, ImportError, ImportOptions, RowWriter};
use localvoice::seeds::ReferenceData;
use std::io::Write;
use std::path::{Path, PathBuf};

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The repository's seeds and the Your Police 2026 definition.
fn reference_and_definition() -> (ReferenceData, SurveyDefinition) {
    let reference = localvoice::seeds::load_all(&repo("seeds")).unwrap();
    let definition =
        localvoice::defs::load_file(&repo("survey-defs/your-police-2026.toml"), Some(&reference.geography)).unwrap();
    (reference, definition)
}

// ---------------------------------------------------------------------------------------------
// A scratch database per test.

struct ScratchDb {
    admin_url: String,
    name: String,
    url: String,
}

impl ScratchDb {
    fn new(definition: &SurveyDefinition) -> Self {
        let admin_url =
            std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let name = format!("lv_import_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("these tests need PostgreSQL at {admin_url} (set TEST_DATABASE_URL): {e}"));
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&format!("/{name}"));
        let db = Self {
            admin_url,
            name,
            url: url.to_string(),
        };
        let mut conn = db.connect();
        localvoice::db::pool::run_migrations(&mut conn).unwrap();
        localvoice::commands::prepare::seed_reference(&mut conn, &repo("seeds")).unwrap();
        localvoice::db::consultations::sync_definitions(&mut conn, std::slice::from_ref(definition)).unwrap();
        db
    }

    fn connect(&self) -> PgConnection {
        PgConnection::establish(&self.url).unwrap()
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ =
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&mut admin);
        }
    }
}

#[derive(QueryableByName, Debug, PartialEq)]
struct Stored {
    #[diesel(sql_type = Text)]
    council_area_code: String,
    #[diesel(sql_type = diesel::sql_types::Array<Text>)]
    concerns: Vec<String>,
    #[diesel(sql_type = Nullable<Text>)]
    comment: Option<String>,
    #[diesel(sql_type = Text)]
    channel: String,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    submitted_at: DateTime<Utc>,
    #[diesel(sql_type = Nullable<BigInt>)]
    import_batch_id: Option<i64>,
}

fn stored(conn: &mut PgConnection) -> Vec<Stored> {
    diesel::sql_query(
        "SELECT council_area_code, concerns, comment, channel, submitted_at, import_batch_id FROM responses ORDER BY id",
    )
    .load(conn)
    .unwrap()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut PgConnection, table: &str) -> i64 {
    diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
        .get_result::<Count>(conn)
        .unwrap()
        .n
}

fn csv_file(content: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    file.write_all(content).unwrap();
    file.flush().unwrap();
    file
}

const HEADER: &str = "council_area,feel_safe,confidence,concern_1,concern_2,concern_3,age_band,sex,disability,comment,submitted_at,channel\n";

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

// ---------------------------------------------------------------------------------------------

#[test]
fn a_good_file_imports_every_row_with_its_ranking_in_order() {
    let (reference, definition) = reference_and_definition();
    let db = ScratchDb::new(&definition);
    let file = csv_file(
        format!(
            "{HEADER}S12000036,4,3,speeding,drug_dealing,violence,65-74,F,no,,2026-05-01 18:30,paper\n\
             City of Edinburgh,2,,housebreaking,online_fraud,,,,,\"never see a bobby\",2026-12-01T09:00:00Z,\n\
             Borders,,,rural_crime,,,,,,,,event\n"
        )
        .as_bytes(),
    );
    let mut conn = db.connect();
    let report = import_csv(&mut conn, &definition, &reference.geography, file.path(), false).unwrap();
    assert_eq!(report.rows_imported, 3);
    assert!(
        report
            .to_string()
            .starts_with("imported 3 responses to your-police-2026"),
        "{report}"
    );

    let rows = stored(&mut conn);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].concerns, vec!["speeding", "drug_dealing", "violence"]);
    assert_eq!(
        rows[0].submitted_at,
        utc("2026-05-01T17:30:00Z"),
        "UK local time in summer is BST"
    );
    assert_eq!(rows[0].channel, "paper");
    assert_eq!(rows[1].council_area_code, "S12000036", "found by name");
    assert_eq!(rows[1].concerns, vec!["housebreaking", "online_fraud"]);
    assert_eq!(rows[1].channel, "import", "a blank channel is an import");
    assert_eq!(rows[2].council_area_code, "S12000026", "found by alias");
    assert!(
        rows[2].submitted_at > Utc::now() - chrono::Duration::minutes(5),
        "a blank time is the import time"
    );
    assert!(rows.iter().all(|r| r.import_batch_id == Some(report.batch_id)));

    #[derive(QueryableByName)]
    struct Batch {
        #[diesel(sql_type = BigInt)]
        row_count: i64,
        #[diesel(sql_type = Text)]
        source_file: String,
    }
    let batch: Batch = diesel::sql_query("SELECT row_count, source_file FROM import_batches")
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(batch.row_count, 3);
    assert!(batch.source_file.ends_with(".csv"));
}

#[test]
fn one_bad_row_among_many_good_ones_writes_nothing_and_reports_its_line() {
    let (reference, definition) = reference_and_definition();
    let db = ScratchDb::new(&definition);
    let mut content = HEADER.to_string();
    for i in 0..60 {
        // Line 2 + i; the bad row is at line 47, after several chunks of 10 were already written.
        if i == 45 {
            content.push_str("S12000036,4,3,speeding,speeding,,,,,,,\n");
        } else {
            content.push_str("S12000049,4,3,drug_dealing,violence,,,,,,,\n");
        }
    }
    let file = csv_file(content.as_bytes());
    let mut conn = db.connect();
    for writer in [RowWriter::Copy, RowWriter::Insert] {
        let options = ImportOptions {
            progress: false,
            writer,
            chunk_rows: 10,
        };
        let err = import_csv_with(&mut conn, &definition, &reference.geography, file.path(), options).unwrap_err();
        let ImportError::Rejected(rejected) = err else {
            panic!("expected rejection, got {err}")
        };
        assert_eq!((rejected.rows_read, rejected.bad_rows), (60, 1));
        assert_eq!(rejected.first_problems[0].line, 47);
        assert!(rejected.first_problems[0].errors[0].message.contains("more than once"));
        assert_eq!(count(&mut conn, "responses"), 0, "nothing written with {writer:?}");
        assert_eq!(count(&mut conn, "import_batches"), 0);
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_line_and_nothing_is_written() {
    let (reference, definition) = reference_and_definition();
    let db = ScratchDb::new(&definition);
    let mut content = HEADER.as_bytes().to_vec();
    content.extend_from_slice(b"S12000036,4,3,speeding,,,,,,fine,,\n");
    content.extend_from_slice(b"S12000036,4,3,speeding,,,,,,na\xefve,,\n");
    let file = csv_file(&content);
    let mut conn = db.connect();
    let err = import_csv(&mut conn, &definition, &reference.geography, file.path(), false).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("line 3: comment: is not valid UTF-8"), "{text}");
    assert_eq!(count(&mut conn, "responses"), 0);
}

#[test]
fn a_wrong_or_missing_header_is_refused_naming_the_file_and_columns() {
    let (reference, definition) = reference_and_definition();
    let db = ScratchDb::new(&definition);
    let file = csv_file(b"council,concern_1,concern_1\nS12000036,speeding,violence\n");
    let mut conn = db.connect();
    let err = import_csv(&mut conn, &definition, &reference.geography, file.path(), false).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, ImportError::Header { .. }));
    assert!(text.contains(&file.path().display().to_string()), "{text}");
    assert!(text.contains("missing required column(s): council_area"), "{text}");
    assert!(text.contains("'council' (column 1)"), "{text}");
    assert!(
        text.contains("'concern_1' appears more than once (columns 2 and 3)"),
        "{text}"
    );
    assert_eq!(count(&mut conn, "import_batches"), 0);

    let missing = std::env::temp_dir().join("lv-no-such-file.csv");
    let err = import_csv(&mut conn, &definition, &reference.geography, &missing, false).unwrap_err();
    assert!(matches!(err, ImportError::Io { .. }) && err.to_string().contains("lv-no-such-file.csv"));
}

#[test]
fn a_comment_spanning_lines_is_kept_whole_and_later_line_numbers_stay_right() {
    let (reference, definition) = reference_and_definition();
    let db = ScratchDb::new(&definition);
    let good =
        format!("{HEADER}S12000036,4,3,speeding,,,,,,\"line one\nline two, with a comma\n\n\"\"quoted\"\"\",,\n");
    let mut conn = db.connect();
    let file = csv_file(good.as_bytes());
    import_csv(&mut conn, &definition, &reference.geography, file.path(), false).unwrap();
    assert_eq!(
        stored(&mut conn)[0].comment.as_deref(),
        Some("line one\nline two, with a comma\n\n\"quoted\"")
    );

    let bad = format!("{good}S12000036,4,3,speeding,,,,,,,,\nS12000036,4,3,speeding,,,,,,,,nowhere\n");
    let file = csv_file(bad.as_bytes());
    let err = import_csv(&mut conn, &definition, &reference.geography, file.path(), false).unwrap_err();
    let ImportError::Rejected(rejected) = err else {
        panic!("expected rejection, got {err}")
    };
    assert_eq!(rejected.first_problems[0].line, 7, "{rejected}");
    assert_eq!(count(&mut conn, "responses"), 1, "only the first import");
}

#[test]
fn generated_responses_round_trip_through_csv_with_both_writers() {
    let (reference, definition) = reference_and_definition();
    let db = ScratchDb::new(&definition);
    let population = &reference.population;
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let responses = demo::generate(&definition, &reference.geography, population, 4_000, 7, Wave::Current).unwrap();
    let written = demo::write_csv(&mut file, &definition, &reference.geography, responses).unwrap();
    assert_eq!(written, 4_000);
    let mut conn = db.connect();
    for writer in [RowWriter::Copy, RowWriter::Insert] {
        let options = ImportOptions {
            progress: false,
            writer,
            chunk_rows: 1_500,
        };
        let report = import_csv_with(&mut conn, &definition, &reference.geography, file.path(), options).unwrap();
        assert_eq!(report.rows_imported, 4_000);
    }
    assert_eq!(count(&mut conn, "responses"), 8_000);
    let again: Vec<_> = demo::generate(&definition, &reference.geography, population, 4_000, 7, Wave::Current)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let rows = stored(&mut conn);
    for (generated, row) in again.iter().zip(&rows) {
        let concerns: Vec<&str> = generated.ranking.concerns().iter().map(|c| c.as_str()).collect();
        assert_eq!(row.concerns, concerns);
        assert_eq!(row.council_area_code, generated.council_area.as_str());
        assert_eq!(Some(row.submitted_at), generated.submitted_at);
        assert_eq!(row.comment.as_deref(), generated.comment.as_ref().map(|c| c.as_str()));
    }
}

// ---------------------------------------------------------------------------------------------
// Benchmark (run by scripts/bench-import).

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
/// with `LV_BENCH_WRITER` (`copy` or `insert`).
#[test]
#[ignore = "benchmark: run by scripts/bench-import"]
fn bench_import_demo_csv() {
    let (reference, definition) = reference_and_definition();
    let url = std::env::var("LV_BENCH_DATABASE_URL").expect("LV_BENCH_DATABASE_URL");
    let writer = match std::env::var("LV_BENCH_WRITER").as_deref() {
        Ok("insert") => RowWriter::Insert,
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
