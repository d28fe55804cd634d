//! `raking-synth*`: 2,000 synthetic respondents raked by R `survey::rake` to age, sex and area.

use super::*;
use crate::stats::design::summarise_weights;
use crate::stats::intervals::{korn_graubard_interval, logit_interval};
use crate::stats::raking::{Margin, RakingDesign, RakingOptions};
use crate::stats::variance::{fixed_weights_proportion_variance, CalibrationVariance};

/// Weights and weight summaries: R stopped at its own criterion, we at 1e-8 relative margin error.
const TOLERANCE: f64 = 1e-6;
/// Proportion, standard errors and intervals (the reference README promises 1e-9 for the SE).
const ESTIMATE_TOLERANCE: f64 = 1e-9;

struct Synth {
    age: Vec<Option<usize>>,
    sex: Vec<Option<usize>>,
    area: Vec<Option<usize>>,
    concern: Vec<Option<bool>>,
}

const AGES: [&str; 4] = ["16-24", "25-44", "45-64", "65+"];
const SEXES: [&str; 2] = ["M", "F"];
const AREAS: [&str; 3] = ["A", "B", "C"];

fn category(labels: &[&str], value: &str) -> Option<usize> {
    Some(
        labels
            .iter()
            .position(|l| *l == value)
            .unwrap_or_else(|| panic!("unknown label {value}")),
    )
}

fn read_synth() -> Synth {
    let text = fixture_text("raking-synth.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["age", "sex", "area", "concern"]);
    let mut synth = Synth {
        age: vec![],
        sex: vec![],
        area: vec![],
        concern: vec![],
    };
    for record in reader.records() {
        let record = record.unwrap();
        synth.age.push(category(&AGES, &record[0]));
        synth.sex.push(category(&SEXES, &record[1]));
        synth.area.push(category(&AREAS, &record[2]));
        synth.concern.push(Some(&record[3] == "1"));
    }
    synth
}

fn read_reference_weights() -> Vec<f64> {
    let text = fixture_text("raking-synth-weights.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .enumerate()
        .map(|(i, record)| {
            let record = record.unwrap();
            assert_eq!(record[0].parse::<usize>().unwrap(), i + 1, "rows in order");
            record[1].parse().unwrap()
        })
        .collect()
}

/// Targets in the fixture's category order, scaled from percent to the number of respondents.
fn targets(expected: &Value, margin: &str, labels: &[&str], n: f64) -> Vec<f64> {
    labels
        .iter()
        .map(|l| number(&expected["targets_percent"][margin][*l]) * n / 100.0)
        .collect()
}

struct Raked {
    synth: Synth,
    design: RakingDesign,
    weights: Vec<f64>,
    expected: Value,
}

fn rake_synth() -> Raked {
    let synth = read_synth();
    let expected = fixture_json("raking-synth-expected.json");
    let n = synth.age.len() as f64;
    assert_eq!(n, number(&expected["n"]));
    let age_targets = targets(&expected, "age", &AGES, n);
    let sex_targets = targets(&expected, "sex", &SEXES, n);
    let area_targets = targets(&expected, "area", &AREAS, n);
    let margins = [
        Margin {
            categories: &synth.age,
            targets: &age_targets,
        },
        Margin {
            categories: &synth.sex,
            targets: &sex_targets,
        },
        Margin {
            categories: &synth.area,
            targets: &area_targets,
        },
    ];
    let design = RakingDesign::new(&margins).unwrap();
    let result = design
        .rake(&vec![1.0; synth.age.len()], &RakingOptions::default())
        .unwrap();
    assert!(result.converged, "raking converged: {result:?}");
    assert!(result.max_error <= 1e-8);
    Raked {
        synth,
        design,
        weights: result.weights,
        expected,
    }
}

#[test]
fn raked_weights_match_r_survey_rake_row_by_row() {
    let raked = rake_synth();
    let reference = read_reference_weights();
    assert_eq!(raked.weights.len(), reference.len());
    let worst = raked
        .weights
        .iter()
        .zip(&reference)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    for (row, (got, want)) in raked.weights.iter().zip(&reference).enumerate() {
        assert_close(&format!("weight of row {}", row + 1), *got, *want, TOLERANCE);
    }
    eprintln!("largest weight difference from R: {worst:.3e}");
}

#[test]
fn weight_summary_matches_r() {
    let raked = rake_synth();
    let summary = summarise_weights(&raked.weights).unwrap();
    let w = &raked.expected["weights"];
    assert_close("min weight", summary.min, number(&w["min"]), TOLERANCE);
    assert_close("max weight", summary.max, number(&w["max"]), TOLERANCE);
    assert_close("sum of weights", summary.sum, number(&w["sum"]), TOLERANCE);
    assert_close(
        "Kish design effect",
        summary.kish_design_effect,
        number(&w["kish_deff"]),
        TOLERANCE,
    );
    assert_close(
        "effective n",
        summary.effective_sample_size,
        number(&w["n_eff"]),
        TOLERANCE,
    );
}

#[test]
fn proportion_standard_errors_and_intervals_match_r_svyciprop() {
    let raked = rake_synth();
    let e = &raked.expected;
    let n = raked.weights.len() as f64;
    let fixed = fixed_weights_proportion_variance(&raked.weights, &raked.synth.concern).unwrap();
    let calibration = CalibrationVariance::new(&raked.design, &vec![1.0; raked.weights.len()]).unwrap();
    let calibrated = calibration
        .proportion_variance(&raked.weights, &raked.synth.concern)
        .unwrap();
    assert_close(
        "proportion",
        fixed.proportion,
        number(&e["proportion"]),
        ESTIMATE_TOLERANCE,
    );
    assert_close(
        "proportion (calibrated)",
        calibrated.proportion,
        number(&e["proportion"]),
        ESTIMATE_TOLERANCE,
    );
    assert_close(
        "SE, weights fixed",
        fixed.standard_error(),
        number(&e["se_fixed_weights"]),
        ESTIMATE_TOLERANCE,
    );
    assert_close(
        "SE, raked design",
        calibrated.standard_error(),
        number(&e["se_raked_design"]),
        ESTIMATE_TOLERANCE,
    );
    eprintln!(
        "SE differences from R: fixed {:.3e}, raked {:.3e}",
        fixed.standard_error() - number(&e["se_fixed_weights"]),
        calibrated.standard_error() - number(&e["se_raked_design"])
    );
    for (label, estimate) in [("ci95_fixed_weights", fixed), ("ci95_raked_design", calibrated)] {
        let kg = korn_graubard_interval(estimate.proportion, estimate.variance, n, 0.95).unwrap();
        let logit = logit_interval(estimate.proportion, estimate.variance, n, 0.95).unwrap();
        let want_kg = numbers(&e[label]["korn_graubard_beta"]);
        let want_logit = numbers(&e[label]["logit"]);
        assert_close(
            &format!("{label} Korn-Graubard lower"),
            kg.lower,
            want_kg[0],
            ESTIMATE_TOLERANCE,
        );
        assert_close(
            &format!("{label} Korn-Graubard upper"),
            kg.upper,
            want_kg[1],
            ESTIMATE_TOLERANCE,
        );
        assert_close(
            &format!("{label} logit lower"),
            logit.lower,
            want_logit[0],
            ESTIMATE_TOLERANCE,
        );
        assert_close(
            &format!("{label} logit upper"),
            logit.upper,
            want_logit[1],
            ESTIMATE_TOLERANCE,
        );
        eprintln!(
            "{label}: KG diff {:.3e} {:.3e}, logit diff {:.3e} {:.3e}",
            kg.lower - want_kg[0],
            kg.upper - want_kg[1],
            logit.lower - want_logit[0],
            logit.upper - want_logit[1]
        );
    }
}
