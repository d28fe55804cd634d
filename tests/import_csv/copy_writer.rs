//! The binary COPY writer (src/db/response_copy.rs) and the check-while-copying pipeline
//! (src/import/pipeline.rs): what they store is exactly what the INSERT writer stores, and a file
//! or database problem at any point leaves nothing behind.

use super::support::{count, csv_file, reference_and_definition, ScratchDb, HEADER};
use diesel::prelude::*;
use diesel::sql_types::Text;
use localvoice::import::{import_csv_with, ImportError, ImportOptions, RowWriter};

/// Every stored column but the generated ids, as PostgreSQL prints the row, in file order.
fn stored_rows(conn: &mut PgConnection) -> Vec<String> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        r: String,
    }
    diesel::sql_query(
        "SELECT (council_area_code, postcode_district, feel_safe, confidence, concerns, comment, age_band, sex, \
         disability, channel, submitted_at, import_batch_id IS NOT NULL)::text AS r FROM responses ORDER BY id",
    )
    .load::<Row>(conn)
    .unwrap()
    .into_iter()
    .map(|row| row.r)
    .collect()
}

fn options(writer: RowWriter, chunk_rows: usize) -> ImportOptions {
    ImportOptions {
        progress: false,
        writer,
        chunk_rows,
    }
}

const AWKWARD_COMMENT: &str =
    "tab\there, a new line\nthen \\N and \\. and a back\\slash, \"double\" and 'single' quotes, naïve café in Dùn Èideann 🚓";

#[test]
fn the_copy_writer_stores_awkward_comments_and_every_column_exactly_as_the_insert_writer_does() {
    let (reference, definition) = reference_and_definition();
    let quoted = AWKWARD_COMMENT.replace('"', "\"\"");
    let mut content = format!(
        "{HEADER}S12000036,4,3,speeding,drug_dealing,violence,65-74,F,no,\"{quoted}\",2026-05-01T18:30:00.123456+01:00,paper\n\
         Borders,,,rural_crime,,,,,,,2026-12-01 09:00,event\n\
         S12000049,1,5,violence,speeding,,prefer_not_to_say,prefer_not_to_say,prefer_not_to_say,\\,2026-06-01 00:00:01,\n"
    );
    for i in 0..25 {
        content.push_str(&format!(
            "S12000049,{},2,drug_dealing,,,16-24,M,yes,row {i}\\t\\n,2026-07-01 12:00,phone\n",
            1 + i % 5
        ));
    }
    let file = csv_file(content.as_bytes());
    let mut stored = Vec::new();
    for writer in [RowWriter::Copy, RowWriter::Insert] {
        let db = ScratchDb::new(&definition);
        let mut conn = db.connect();
        let report = import_csv_with(
            &mut conn,
            &definition,
            &reference.geography,
            file.path(),
            options(writer, 7),
        )
        .unwrap();
        assert_eq!(report.rows_imported, 28);
        if writer == RowWriter::Copy {
            let comment: Option<String> = diesel::dsl::sql::<diesel::sql_types::Nullable<Text>>(
                "SELECT comment FROM responses ORDER BY id LIMIT 1",
            )
            .get_result(&mut conn)
            .unwrap();
            assert_eq!(comment.as_deref(), Some(AWKWARD_COMMENT));
            let exact_time = "responses WHERE submitted_at = '2026-05-01 17:30:00.123456+00'";
            assert_eq!(count(&mut conn, exact_time), 1, "microseconds kept");
        }
        stored.push(stored_rows(&mut conn));
    }
    assert_eq!(stored[0].len(), 28);
    assert_eq!(stored[0], stored[1], "COPY and INSERT store the same values");
}

#[test]
fn bad_rows_in_the_first_and_last_chunks_are_all_reported_and_nothing_is_copied() {
    let (reference, definition) = reference_and_definition();
    let db = ScratchDb::new(&definition);
    let mut content = HEADER.to_string();
    for i in 0..35 {
        // Lines 2 and 36 are bad (an unknown council area, then a repeated concern).
        match i {
            0 => content.push_str("Atlantis,4,3,speeding,,,,,,,,\n"),
            34 => content.push_str("S12000036,4,3,violence,violence,,,,,,,\n"),
            _ => content.push_str("S12000049,4,3,drug_dealing,violence,,,,,,,\n"),
        }
    }
    let file = csv_file(content.as_bytes());
    let mut conn = db.connect();
    let err = import_csv_with(
        &mut conn,
        &definition,
        &reference.geography,
        file.path(),
        options(RowWriter::Copy, 10),
    )
    .unwrap_err();
    let ImportError::Rejected(rejected) = err else {
        panic!("expected rejection, got {err}")
    };
    assert_eq!((rejected.rows_read, rejected.bad_rows), (35, 2));
    let lines: Vec<u64> = rejected.first_problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![2, 36]);
    assert_eq!(count(&mut conn, "responses"), 0);
    assert_eq!(count(&mut conn, "import_batches"), 0);
}

#[test]
fn a_row_the_database_refuses_mid_copy_fails_the_whole_import_without_hanging() {
    let (reference, definition) = reference_and_definition();
    let db = ScratchDb::new(&definition);
    let mut conn = db.connect();
    // A rule only the database knows, so the row passes every check in the file and is refused
    // by the server while later chunks are still being checked and handed on.
    diesel::sql_query("ALTER TABLE responses ADD CONSTRAINT no_event_rows CHECK (channel <> 'event')")
        .execute(&mut conn)
        .unwrap();
    let mut content = HEADER.to_string();
    for i in 0..2_000 {
        let channel = if i == 45 { "event" } else { "paper" };
        content.push_str(&format!("S12000049,4,3,drug_dealing,violence,,,,,,,{channel}\n"));
    }
    let file = csv_file(content.as_bytes());
    let err = import_csv_with(
        &mut conn,
        &definition,
        &reference.geography,
        file.path(),
        options(RowWriter::Copy, 10),
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Db(_)), "{err}");
    assert!(err.to_string().contains("no_event_rows"), "{err}");
    assert_eq!(count(&mut conn, "responses"), 0);
    assert_eq!(count(&mut conn, "import_batches"), 0);
}
