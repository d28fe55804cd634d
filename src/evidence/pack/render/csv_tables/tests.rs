//! The pack's CSV tables against a previous wave in which far more people ranked drug dealing, so
//! that some differences are negative.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::table_csv;
use crate::evidence::pack::render::PackTable;
use crate::evidence::pack::tests::{dataset_of, pack_with, J_AREAS};
use crate::evidence::pack::EvidencePack;
use crate::testdata::{definition, definition_named};

/// A title a spreadsheet would run as a formula, planted where the CSV writes it as text.
const PLANTED_TITLE: &str = "=HYPERLINK(\"http://example.com\",\"Your Police 2025\")";

fn pack_against_a_previous_wave() -> EvidencePack {
    let mut previous_definition = definition_named("your-police-2025");
    previous_definition.title = PLANTED_TITLE.to_string();
    let current = dataset_of(&definition(), &J_AREAS.map(|a| (a, 300)), None);
    let previous = dataset_of(
        &previous_definition,
        &J_AREAS.map(|a| (a, 300)),
        Some(("drug_dealing", 2)),
    );
    pack_with(&current, &[], Some((&previous_definition, &previous)))
}

/// The header and the rows of a CSV text, cells as written.
fn parse(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn negative_differences_are_written_as_numbers_and_formula_like_text_is_still_neutralised() {
    let pack = pack_against_a_previous_wave();
    let (header, rows) = parse(&table_csv(&pack, PackTable::Changes).unwrap());
    assert!(!rows.is_empty(), "the planted change is significant");
    let numeric = ["this", "other", "difference", "p_adjusted"].map(|name| column(&header, name));
    let (mut negative, mut waves) = (0, 0);
    for row in &rows {
        for &i in &numeric {
            let cell = &row[i];
            let value: f64 = cell
                .parse()
                .unwrap_or_else(|_| panic!("{} is not a number: {cell:?}", header[i]));
            assert!(value.is_finite());
        }
        if row[column(&header, "difference")].starts_with('-') {
            negative += 1;
        }
        // The previous wave's title is text starting with `=`, so it is neutralised; the other
        // comparisons are with the rest of the division.
        let compared_with = &row[column(&header, "compared_with")];
        if compared_with.starts_with("the rest of ") {
            continue;
        }
        assert_eq!(compared_with, &format!("'{PLANTED_TITLE}"));
        waves += 1;
    }
    assert!(negative > 0, "some differences are negative: {rows:?}");
    assert!(waves > 0, "some rows compare with the previous wave");
    let drug_dealing = rows
        .iter()
        .find(|r| r[column(&header, "measure")].starts_with("Drug dealing"))
        .expect("fewer people rank drug dealing now");
    assert!(drug_dealing[column(&header, "difference")].parse::<f64>().unwrap() < -0.1);

    // The headline table's changes are numbers too, negative or not.
    let (header, rows) = parse(&table_csv(&pack, PackTable::Headline).unwrap());
    for name in ["feel_safe_change", "confidence_change"] {
        let i = column(&header, name);
        for row in &rows {
            assert!(row[i].parse::<f64>().is_ok(), "{name}: {:?}", row[i]);
        }
    }
}

#[test]
fn no_table_writes_a_number_as_text() {
    let pack = pack_against_a_previous_wave();
    for table in PackTable::ALL {
        let (header, rows) = parse(&table_csv(&pack, table).unwrap());
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{table}");
            for (name, cell) in header.iter().zip(row) {
                let quoted_number = cell.strip_prefix('\'').is_some_and(|rest| rest.parse::<f64>().is_ok());
                assert!(!quoted_number, "{table}.{name} writes a number as text: {cell:?}");
            }
        }
    }
}
