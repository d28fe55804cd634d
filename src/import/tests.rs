use super::*;
use crate::testdata::{definition, geography};

fn check(text: &[u8]) -> Result<u64, ImportError> {
    check_reader(text, Path::new("paper-forms.csv"), &definition(), geography())
}

fn rejected(text: &[u8]) -> RejectedRows {
    match check(text) {
        Err(ImportError::Rejected(r)) => *r,
        other => panic!("expected the file to be rejected, got {other:?}"),
    }
}

const HEADER: &str = "council_area,feel_safe,confidence,concern_1,concern_2,concern_3,age_band,sex,disability,comment,submitted_at,channel\n";

#[test]
fn a_good_file_with_codes_names_and_aliases_is_accepted() {
    let file = format!(
        "{HEADER}S12000036,4,3,drug_dealing,speeding,,65-74,F,no,,2026-05-01 18:30,paper\n\
         Scottish Borders,,,speeding,,,,,,\"never see a bobby\",,\n\
         glasgow,5,5,violence,hate_crime,drug_dealing,16-24,M,yes,,2026-06-01T10:00:00Z,web\n"
    );
    assert_eq!(check(file.as_bytes()).unwrap(), 3);
}

#[test]
fn one_bad_row_among_good_ones_rejects_the_file_and_names_its_line_and_every_problem() {
    let file = format!(
        "{HEADER}S12000036,4,3,drug_dealing,,,,,,,,\n\
         Narnia,7,3,speeding,speeding,,,X,,,yesterday,pigeon\n\
         S12000036,4,3,drug_dealing,,,,,,,,\n"
    );
    let r = rejected(file.as_bytes());
    assert_eq!((r.rows_read, r.bad_rows), (3, 1));
    let p = &r.first_problems[0];
    assert_eq!(p.line, 3);
    let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
    for field in [
        "council_area",
        "feel_safe",
        "concerns",
        "sex",
        "submitted_at",
        "channel",
    ] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    assert!(r.to_string().contains("line 3: "), "{r}");
}

#[test]
fn line_numbers_stay_right_after_a_comment_that_spans_lines() {
    let file = format!(
        "{HEADER}S12000036,4,3,drug_dealing,,,,,,\"first line\nsecond line\n\nfourth, with a comma\",,\n\
         S12000036,9,3,drug_dealing,,,,,,,,\n"
    );
    let r = rejected(file.as_bytes());
    assert_eq!(r.first_problems[0].line, 6, "{r}");
}

#[test]
fn a_field_that_is_not_utf8_is_reported_with_its_line() {
    let mut file = HEADER.as_bytes().to_vec();
    file.extend_from_slice(b"S12000036,4,3,drug_dealing,,,,,,caf\xe9 closed,,\n");
    let r = rejected(&file);
    assert_eq!(r.first_problems[0].line, 2);
    assert_eq!(r.first_problems[0].errors[0].field, "comment");
    assert!(r.first_problems[0].errors[0].message.contains("not valid UTF-8"), "{r}");
}

#[test]
fn a_ragged_row_is_reported_with_its_line() {
    let file = format!("{HEADER}S12000036,4,3,drug_dealing,,,,,,,,\nS12000036,4,3,drug_dealing\n");
    let r = rejected(file.as_bytes());
    assert_eq!(r.first_problems[0].line, 3);
    assert!(
        r.first_problems[0].errors[0]
            .message
            .contains("has 4 fields but the header has 12"),
        "{r}"
    );
}

#[test]
fn a_wrong_header_is_refused_before_any_row_is_read() {
    let err = check(b"area,concern_1,concern_2,concern_3,concern_4,sex,sex\nS12000036,speeding,,,,,\n").unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, ImportError::Header { .. }), "{text}");
    assert!(
        text.starts_with("paper-forms.csv: the header row has problems"),
        "{text}"
    );
    for expected in [
        "missing required column(s): council_area",
        "'area' (column 1)",
        "remove concern_4",
        "'sex' appears more than once",
    ] {
        assert!(text.contains(expected), "{expected} not in {text}");
    }
}

#[test]
fn an_empty_file_and_a_file_without_rows_are_refused() {
    assert!(check(b"").unwrap_err().to_string().contains("the file is empty"));
    assert!(matches!(
        check(HEADER.as_bytes()).unwrap_err(),
        ImportError::NoRows { .. }
    ));
}

#[test]
fn a_spreadsheets_byte_order_mark_and_crlf_line_ends_are_fine() {
    let file = "\u{feff}council_area,concern_1\r\nS12000036,speeding\r\nHighland,rural_crime\r\n";
    assert_eq!(check(file.as_bytes()).unwrap(), 2);
}

#[test]
fn timestamps_outside_the_consultation_period_are_refused() {
    let file = "council_area,concern_1,submitted_at\nS12000036,speeding,2025-12-01 10:00\n";
    let r = rejected(file.as_bytes());
    assert!(
        r.first_problems[0].errors[0]
            .message
            .contains("outside the consultation period"),
        "{r}"
    );
}

#[test]
fn every_bad_row_is_counted_even_past_the_listing_limit() {
    let mut file = String::from("council_area,concern_1\n");
    for _ in 0..250 {
        file.push_str("S12000036,not_a_concern\nS12000036,speeding\n");
    }
    let r = rejected(file.as_bytes());
    assert_eq!(
        (r.rows_read, r.bad_rows, r.first_problems.len()),
        (500, 250, ROW_PROBLEMS_KEPT)
    );
    assert_eq!(r.first_problems[1].line, 4);
    assert!(r.to_string().contains("… and 150 more rows with problems"));
}

#[test]
fn the_example_file_in_the_fixtures_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/paper-forms-example.csv");
    assert_eq!(check_csv(&definition(), geography(), &path).unwrap(), 6);
}

#[test]
fn a_uk_time_skipped_when_the_clocks_go_forward_is_refused_naming_the_field() {
    // 28 March 2027: the clocks go from 01:00 GMT to 02:00 BST.
    let file = "council_area,concern_1,submitted_at\nS12000036,speeding,2027-03-28 01:30\n";
    let r = rejected(file.as_bytes());
    let problem = &r.first_problems[0].errors[0];
    assert_eq!(problem.field, "submitted_at");
    assert!(problem.message.contains("did not happen in the UK"), "{r}");
    assert_eq!(
        check(b"council_area,concern_1,submitted_at\nS12000036,speeding,2027-03-28 02:30\n").unwrap(),
        1
    );
}

#[test]
fn a_uk_time_repeated_when_the_clocks_go_back_is_read_as_the_earlier_bst_time() {
    // 25 October 2026: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
    let t = row::parse_submitted_at("2026-10-25 01:30").unwrap();
    assert_eq!(t.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    let after = row::parse_submitted_at("2026-10-25 02:30").unwrap();
    assert_eq!(after.to_rfc3339(), "2026-10-25T02:30:00+00:00");
}

#[test]
fn the_consultation_period_is_checked_against_the_uk_date_of_the_submission() {
    // 23:30 UTC on 31 March 2027 is 00:30 BST on 1 April, after the consultation closed.
    let late = "council_area,concern_1,submitted_at\nS12000036,speeding,2027-03-31T23:30:00Z\n";
    assert!(rejected(late.as_bytes()).first_problems[0].errors[0]
        .message
        .contains("1 April 2027 is outside the consultation period"));
    let in_time = "council_area,concern_1,submitted_at\nS12000036,speeding,2027-03-31T22:30:00Z\n";
    assert_eq!(check(in_time.as_bytes()).unwrap(), 1);
}
