//! CSV import against a real PostgreSQL: each test creates its own database (`lv_import_test_…`),
//! migrates and seeds it, and drops it afterwards. Needs PostgreSQL at `TEST_DATABASE_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`) and fails loudly without it. Reference
//! data and the definition are the repository's `seeds/` and `survey-defs/your-police-2026.toml`.
//!
//! Two `#[ignore]`d tests are the import benchmark driven by `scripts/bench-import`.

// Test code through and through: a panic with the error is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "import_csv/bench.rs"]
mod bench;
#[path = "import_csv/copy_writer.rs"]
mod copy_writer;
#[path = "import_csv/support.rs"]
mod support;

use chrono::Utc;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use localvoice::demo::{self, Wave};
use localvoice::import::{import_csv, import_csv_with, ImportError, ImportOptions, RowWriter};
use support::{count, csv_file, reference_and_definition, stored, utc, ScratchDb, HEADER};

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
    let population = &reference.population;
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let responses = demo::generate(&definition, &reference.geography, population, 4_000, 7, Wave::Current).unwrap();
    let written = demo::write_csv(&mut file, &definition, &reference.geography, responses).unwrap();
    assert_eq!(written, 4_000);
    let again: Vec<_> = demo::generate(&definition, &reference.geography, population, 4_000, 7, Wave::Current)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // One database per writer: the same file may be imported only once into a consultation.
    for writer in [RowWriter::Copy, RowWriter::Insert] {
        let db = ScratchDb::new(&definition);
        let mut conn = db.connect();
        let options = ImportOptions {
            progress: false,
            writer,
            chunk_rows: 1_500,
        };
        let report = import_csv_with(&mut conn, &definition, &reference.geography, file.path(), options).unwrap();
        assert_eq!(report.rows_imported, 4_000);
        assert_eq!(count(&mut conn, "responses"), 4_000);
        let rows = stored(&mut conn);
        for (generated, row) in again.iter().zip(&rows) {
            let concerns: Vec<&str> = generated.ranking.concerns().iter().map(|c| c.as_str()).collect();
            assert_eq!(row.concerns, concerns);
            assert_eq!(row.council_area_code, generated.council_area.as_str());
            assert_eq!(Some(row.submitted_at), generated.submitted_at);
            assert_eq!(row.comment.as_deref(), generated.comment.as_ref().map(|c| c.as_str()));
        }
    }
}

#[test]
fn demo_data_is_stored_as_one_batch_exactly_as_generated() {
    let (reference, definition) = reference_and_definition();
    let db = ScratchDb::new(&definition);
    let mut conn = db.connect();
    let (geography, population) = (&reference.geography, &reference.population);
    let stored_demo = demo::store_generated(
        &mut conn,
        &definition,
        geography,
        population,
        12_345,
        5,
        Wave::Current,
        false,
    )
    .unwrap();
    assert_eq!(stored_demo.rows, 12_345);
    let rows = stored(&mut conn);
    assert_eq!(rows.len(), 12_345);
    assert!(rows.iter().all(|r| r.import_batch_id == Some(stored_demo.batch_id)));
    let generated = demo::generate(&definition, geography, population, 12_345, 5, Wave::Current).unwrap();
    for (row, response) in rows.iter().zip(generated) {
        let response = response.unwrap();
        assert_eq!(row.channel, response.channel.as_str());
        assert_eq!(Some(row.submitted_at), response.submitted_at);
    }
}

#[test]
fn importing_the_same_file_twice_is_refused_and_adds_nothing() {
    let (reference, definition) = reference_and_definition();
    let db = ScratchDb::new(&definition);
    let file =
        csv_file(format!("{HEADER}S12000036,4,3,speeding,drug_dealing,violence,65-74,F,no,,,paper\n").as_bytes());
    let mut conn = db.connect();
    let first = import_csv(&mut conn, &definition, &reference.geography, file.path(), false).unwrap();
    assert_eq!(first.rows_imported, 1);
    let again = import_csv(&mut conn, &definition, &reference.geography, file.path(), false).unwrap_err();
    match &again {
        ImportError::AlreadyImported { batch_id, .. } => assert_eq!(*batch_id, first.batch_id),
        other => panic!("expected AlreadyImported, got {other}"),
    }
    assert!(again.to_string().contains("already imported"), "{again}");
    assert_eq!(stored(&mut conn).len(), 1, "the second import wrote nothing");
}
