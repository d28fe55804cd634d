//! Tests against independent reference figures (R `survey`, Python `choix` and `statsmodels`) kept
//! in `tests/fixtures/stats/`. They compare with the fixtures, never with this crate's own output.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod intervals_and_tests;
mod raking_synth;
mod ranking_small;

use serde_json::Value;

fn fixture_text(name: &str) -> String {
    let path = format!("{}/tests/fixtures/stats/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read fixture {path}: {e}"))
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture_text(name)).unwrap()
}

fn number(value: &Value) -> f64 {
    value.as_f64().unwrap_or_else(|| panic!("not a number: {value}"))
}

fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(number)
        .collect()
}

/// Asserts `|got − want| ≤ tolerance` with a message naming the figure.
#[track_caller]
fn assert_close(what: &str, got: f64, want: f64, tolerance: f64) {
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got:.15}, reference {want:.15}, difference {:.3e} > {tolerance:e}",
        (got - want).abs()
    );
}
