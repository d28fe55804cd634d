//! Bad-input cases for concerns, priorities, `unmapped` and themes (helpers in `tests`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::line_col;
use super::parse_str;
use super::tests::{assert_error, errors_of, line_of, FILE, GOOD};

#[test]
fn a_bad_concern_id_names_the_concern_and_its_line() {
    let text = GOOD.replace("id = \"drug_dealing\"", "id = \"Drug Dealing\"");
    let e = errors_of(&text);
    assert_error(
        &e,
        "concerns[2].id",
        Some(line_of(&text, "Drug Dealing")),
        "'Drug Dealing' is not a concern id",
    );
    // ...and the priority that refers to the old id is reported too, in the same run.
    assert_error(
        &e,
        "priorities[2].concerns",
        Some(line_of(&text, "concerns = [\"drug_dealing\"]")),
        "is not a concern id",
    );
}

#[test]
fn at_least_two_concerns_are_needed() {
    let start = GOOD.find("[[concerns]]\nid = \"drug_dealing\"").unwrap();
    let end = GOOD.find("[[priorities]]").unwrap();
    let text = format!("{}{}", &GOOD[..start], &GOOD[end..]).replace("max_ranked = 2", "max_ranked = 1");
    let e = errors_of(&text);
    assert_error(
        &e,
        "concerns",
        Some(line_of(&text, "[[concerns]]")),
        "at least 2 concerns",
    );
}

#[test]
fn every_concern_must_support_a_priority_or_be_listed_unmapped() {
    let text = GOOD.replace("concerns = [\"drug_dealing\"]", "concerns = [\"speeding\"]");
    let e = errors_of(&text);
    assert_error(
        &e,
        "concerns[2].id",
        Some(line_of(&text, "\"drug_dealing\"")),
        "supports no priority",
    );
    let text = text.replace("coverage = ", "unmapped = [\"drug_dealing\"]\ncoverage = ");
    assert!(parse_str(FILE, &text, None).is_ok());
    let text = GOOD.replace("coverage = ", "unmapped = [\"speeding\"]\ncoverage = ");
    assert_error(&errors_of(&text), "unmapped", Some(10), "a priority lists it");
}

#[test]
fn priorities_need_unique_ids_and_known_concerns() {
    let text = GOOD.replace("id = \"serious_organised_crime\"", "id = \"road_safety\"");
    let e = errors_of(&text);
    assert_error(
        &e,
        "priorities[2].id",
        Some(line_of(&text, "Tackling serious") - 1),
        "used twice",
    );
    let text = GOOD.replace("concerns = [\"speeding\"]", "concerns = [\"speeding\", \"Speeding\"]");
    assert_error(
        &errors_of(&text),
        "priorities[1].concerns",
        Some(line_of(&text, "\"Speeding\"]")),
        "did you mean 'speeding'?",
    );
    let text = GOOD.replace("concerns = [\"speeding\"]\n", "");
    assert_error(
        &errors_of(&text),
        "priorities[1].concerns",
        Some(line_of(&text, "[[priorities]]")),
        "is missing",
    );
}

#[test]
fn easy_read_labels_are_required() {
    let text = GOOD.replace("easy_read_label = \"People selling drugs\"\n", "");
    let e = errors_of(&text);
    let block = text
        .match_indices("[[concerns]]")
        .nth(1)
        .map(|(i, _)| line_col(&text, i).0);
    assert_error(&e, "concerns[2].easy_read_label", block, "is missing");
    let text = GOOD.replace("easy_read_label = \"People selling drugs\"", "easy_read_label = \"  \"");
    assert_error(
        &errors_of(&text),
        "concerns[2].easy_read_label",
        Some(line_of(&text, "easy_read_label = \"  \"")),
        "blank",
    );
}

#[test]
fn themes_need_non_blank_keywords_and_unique_ids() {
    let text = GOOD.replace("keywords = [\"speed\", \"boy racer\"]", "keywords = [\"speed\", \" \"]");
    assert_error(
        &errors_of(&text),
        "themes[1].keywords",
        Some(line_of(&text, "keywords")),
        "must not be blank",
    );
    let text = format!("{GOOD}\n[[themes]]\nid = \"speeding\"\nlabel = \"Again\"\nkeywords = [\"x\"]\n");
    assert_error(
        &errors_of(&text),
        "themes[2].id",
        Some(line_of(&text, "label = \"Again\"") - 1),
        "used twice",
    );
}
