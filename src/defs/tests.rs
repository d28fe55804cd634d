//! Bad-input cases, written as small inline files: each must name the file, the line and the field.
//! This file: the top-level fields, questions and coverage; `tests_taxonomy`: concerns, priorities, themes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::*;
use crate::domain::{CouncilArea, CouncilAreaCode, Coverage, Division, DivisionCode};

pub(super) const FILE: &str = "survey-defs/test-wave.toml";

/// A small valid definition; tests break one thing in it at a time.
pub(super) const GOOD: &str = r#"id = "test-wave"
title = "Test wave"
easy_read_title = "Test"
summary = "A test consultation."
easy_read_summary = "A test."
organiser = "Police Scotland"
opens = 2026-04-01
closes = 2027-03-31
max_ranked = 2
coverage = { scotland = true }

[[concerns]]
id = "speeding"
label = "Speeding"
easy_read_label = "Cars going too fast"
description = "Vehicles driven too fast for the road."

[[concerns]]
id = "drug_dealing"
label = "Drug dealing"
easy_read_label = "People selling drugs"
description = "Drugs sold in the area."

[[priorities]]
id = "road_safety"
label = "Improving road safety"
concerns = ["speeding"]

[[priorities]]
id = "serious_organised_crime"
label = "Tackling serious and organised crime"
concerns = ["drug_dealing"]

[[themes]]
id = "speeding"
label = "Speeding"
keywords = ["speed", "boy racer"]
"#;

pub(super) fn errors_of(text: &str) -> DefsErrors {
    match parse_str(FILE, text, None) {
        Ok(_) => panic!("expected errors for:\n{text}"),
        Err(e) => e,
    }
}

/// The line number (1-based) of the first line of `text` containing `needle`.
pub(super) fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle} not in text"))
}

/// Asserts that some error names `field`, at `line`, with `fragment` in its message.
pub(super) fn assert_error(errors: &DefsErrors, field: &str, line: Option<usize>, fragment: &str) {
    let found = errors
        .iter()
        .any(|e| e.field == field && e.line == line && e.message.contains(fragment) && e.file == FILE);
    assert!(
        found,
        "no error for {field} at line {line:?} containing {fragment:?}; got:\n{errors}"
    );
}

#[test]
fn a_good_file_loads_with_defaults_filled_in() {
    let d = parse_str(FILE, GOOD, None).unwrap();
    assert_eq!(d.id.as_str(), "test-wave");
    assert_eq!(d.comment_max_chars, DEFAULT_COMMENT_MAX_CHARS);
    assert_eq!(d.suppression_threshold, 10);
    assert_eq!(d.low_base_threshold, 50);
    assert_eq!(d.coverage, Coverage::Scotland);
    assert!(d.questions.demographics);
    assert!(d.questions.postcode_district.is_some());
    assert!(d.questions.concerns.hint.as_deref().unwrap().contains("up to 2"));
    assert!(d.questions.comment.hint.as_deref().unwrap().contains("2000 characters"));
    assert_eq!(d.themes[0].keywords, vec!["speed", "boy racer"]);
}

#[test]
fn a_toml_syntax_error_names_its_line() {
    let text = GOOD.replace("max_ranked = 2", "max_ranked = = 2");
    let e = errors_of(&text);
    assert_eq!(e.len(), 1);
    assert_eq!(e.errors[0].line, Some(line_of(&text, "max_ranked")));
}

#[test]
fn an_unknown_key_is_refused_with_a_suggestion() {
    let text = GOOD.replace("organiser =", "organizer =");
    let e = errors_of(&text);
    assert_error(
        &e,
        "organizer",
        Some(line_of(&text, "organizer")),
        "did you mean 'organiser'?",
    );
    let text = GOOD.replace("easy_read_label = \"Cars", "easy_label = \"Cars");
    let e = errors_of(&text);
    assert_error(
        &e,
        "easy_label",
        Some(line_of(&text, "easy_label")),
        "did you mean 'easy_read_label'?",
    );
}

#[test]
fn a_value_of_the_wrong_type_names_its_key() {
    let text = GOOD.replace("max_ranked = 2", "max_ranked = \"two\"");
    let e = errors_of(&text);
    assert_error(&e, "max_ranked", Some(line_of(&text, "max_ranked")), "");
}

#[test]
fn every_problem_in_a_file_is_reported_at_once() {
    let text = GOOD
        .replace("id = \"drug_dealing\"", "id = \"speeding\"")
        .replace("max_ranked = 2", "max_ranked = 0")
        .replace("keywords = [\"speed\", \"boy racer\"]", "keywords = []");
    let e = errors_of(&text);
    assert_error(&e, "concerns[2].id", Some(19), "used twice: concerns[1]");
    assert_error(
        &e,
        "max_ranked",
        Some(line_of(&text, "max_ranked")),
        "must be from 1 to 2",
    );
    assert_error(
        &e,
        "themes[1].keywords",
        Some(line_of(&text, "keywords")),
        "at least one keyword",
    );
    assert_error(
        &e,
        "priorities[2].concerns",
        Some(line_of(&text, "concerns = [\"drug_dealing\"]")),
        "not a concern id",
    );
    assert!(e.len() >= 4, "{e}");
    assert_eq!(e.to_string().lines().count(), e.len());
}

#[test]
fn the_id_must_be_valid_and_match_the_file_name() {
    let e = errors_of(&GOOD.replace("id = \"test-wave\"", "id = \"Test Wave\""));
    assert_error(&e, "id", Some(1), "is not a consultation id");
    let e = errors_of(&GOOD.replace("id = \"test-wave\"", "id = \"other-wave\""));
    assert_error(&e, "id", Some(1), "name the file other-wave.toml");
}

#[test]
fn dates_must_be_dates_in_order() {
    let text = GOOD.replace("closes = 2027-03-31", "closes = 2026-03-31");
    assert_error(&errors_of(&text), "closes", Some(8), "cannot close before it opens");
    let text = GOOD.replace("opens = 2026-04-01", "opens = \"1 April 2026\"");
    assert_error(&errors_of(&text), "opens", Some(7), "is not a date");
    let text = GOOD.replace("opens = 2026-04-01", "opens = \"2026-04-01\"");
    assert!(parse_str(FILE, &text, None).is_ok(), "a quoted date is accepted");
    let text = GOOD.replace("opens = 2026-04-01\n", "");
    assert_error(&errors_of(&text), "opens", None, "is missing");
}

#[test]
fn max_ranked_is_limited_by_the_concerns_and_ten() {
    let text = GOOD.replace("max_ranked = 2", "max_ranked = 3");
    assert_error(&errors_of(&text), "max_ranked", Some(9), "(there are 2 concerns)");
    let text = GOOD.replace("max_ranked = 2\n", "");
    assert_error(&errors_of(&text), "max_ranked", None, "is missing");
}

#[test]
fn question_wording_given_in_the_file_needs_easy_read_text() {
    let text = format!("{GOOD}\n[questions.feel_safe]\ntext = \"How safe do you feel?\"\n");
    let e = errors_of(&text);
    assert_error(
        &e,
        "questions.feel_safe.easy_read_text",
        Some(line_of(&text, "[questions.feel_safe]")),
        "is missing",
    );
    let text = format!("{GOOD}\n[questions.feel_safe]\ntext = \"Safe?\"\neasy_read_text = \"Do you feel {{safe}}?\"\n");
    assert_error(
        &errors_of(&text),
        "questions.feel_safe.easy_read_text",
        Some(line_of(&text, "{safe}")),
        "not a placeholder",
    );
    let text = format!("{GOOD}\n[questions]\nask_postcode_district = false\nask_demographics = false\n[questions.concerns]\ntext = \"Rank up to {{max_ranked}}\"\neasy_read_text = \"Pick {{max_ranked}}\"\n");
    let d = parse_str(FILE, &text, None).unwrap();
    assert_eq!(d.questions.concerns.text, "Rank up to 2");
    assert!(d.questions.postcode_district.is_none() && !d.questions.demographics);
    let text = format!("{GOOD}\n[questions]\nask_postcode_district = false\n[questions.postcode_district]\ntext = \"a\"\neasy_read_text = \"b\"\n");
    assert_error(
        &errors_of(&text),
        "questions.postcode_district",
        Some(line_of(&text, "[questions.postcode_district]")),
        "not asked",
    );
}

#[test]
fn thresholds_and_comment_length_are_checked() {
    let text = GOOD.replace("coverage = ", "suppression_threshold = 0\ncoverage = ");
    assert_error(&errors_of(&text), "suppression_threshold", Some(10), "must be from 1");
    let text = GOOD.replace(
        "coverage = ",
        "suppression_threshold = 20\nlow_base_threshold = 15\ncoverage = ",
    );
    assert_error(
        &errors_of(&text),
        "low_base_threshold",
        Some(11),
        "below suppression_threshold (20)",
    );
    let text = GOOD.replace("coverage = ", "comment_max_chars = 10001\ncoverage = ");
    assert_error(
        &errors_of(&text),
        "comment_max_chars",
        Some(10),
        "must be from 1 to 10000",
    );
}

pub(super) fn geography() -> Geography {
    let j = DivisionCode::parse("J").unwrap();
    Geography::new(
        vec![Division {
            code: j.clone(),
            name: "Lothians and Scottish Borders".into(),
        }],
        vec![CouncilArea {
            code: CouncilAreaCode::parse("S12000026").unwrap(),
            name: "Scottish Borders".into(),
            division: j,
            population_total: 116_020,
        }],
    )
}

#[test]
fn coverage_codes_must_be_valid_and_known() {
    let text = GOOD.replace("{ scotland = true }", "{ divisions = [\"J\", \"JJ\"] }");
    assert_error(
        &errors_of(&text),
        "coverage.divisions",
        Some(10),
        "'JJ' is not a police division letter",
    );
    let text = GOOD.replace("{ scotland = true }", "{ divisions = [\"J\", \"Z\"] }");
    assert!(
        parse_str(FILE, &text, None).is_ok(),
        "without a geography only the form is checked"
    );
    let e = parse_str(FILE, &text, Some(&geography())).unwrap_err();
    assert_error(
        &e,
        "coverage.divisions",
        Some(10),
        "Z is not in the reference geography",
    );
    let text = GOOD.replace("{ scotland = true }", "{ council_areas = [\"S12000026\"] }");
    let d = parse_str(FILE, &text, Some(&geography())).unwrap();
    assert_eq!(
        d.coverage,
        Coverage::CouncilAreas(vec![CouncilAreaCode::parse("S12000026").unwrap()])
    );
    let text = GOOD.replace("{ scotland = true }", "{ scotland = true, divisions = [\"J\"] }");
    assert_error(&errors_of(&text), "coverage", Some(10), "exactly one of");
}

#[test]
fn previous_cannot_be_the_consultation_itself() {
    let text = GOOD.replace("coverage = ", "previous = \"test-wave\"\ncoverage = ");
    assert_error(&errors_of(&text), "previous", Some(10), "its own previous wave");
}
#[test]
fn type_errors_are_worded_in_toml_terms() {
    let text = GOOD.replace("max_ranked = 2", "max_ranked = \"two\"");
    assert_error(&errors_of(&text), "max_ranked", Some(9), "expected a whole number");
    let text = GOOD.replace("coverage = { scotland = true }", "coverage = \"scotland\"");
    assert_error(&errors_of(&text), "coverage", Some(10), "expected a table");
}
