//! Benchmarks of the results engine, in memory (issue 3's performance figures):
//!
//! * `rake_1m_32_areas`: raking 1,000,000 synthetic responses, each of the 32 council areas to its
//!   adult population by age band and sex;
//! * `rake_and_estimates_1m_scotland`: the same plus every estimate for Scotland (shares with
//!   Korn–Graubard intervals, Borda, Plackett–Luce…), without the bootstrap;
//! * `area_5000_without_bootstrap` and `area_5000_bootstrap_500`: one council area of 5,000
//!   responses, without and with the 500-replicate rank-stability bootstrap (re-raking each
//!   replicate); the difference is the bootstrap's cost.
//!
//! Data: `localvoice::demo` generation (seed 2026, Your Police 2026, real seeds), which is skewed
//! like real consultations (older people and some councils over-represented, about 8% not giving
//! age or sex). Run with `cargo bench --bench results` (a few minutes; generating the million
//! responses takes some seconds first). `LV_BENCH_RESPONSES` changes the size of the large set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use localvoice::demo::{generate_dataset, Wave};
use localvoice::domain::SurveyDefinition;
use localvoice::results::engine::{compute_selection, weight_selection};
use localvoice::results::{Dataset, EngineOptions, Inputs, Selection};
use localvoice::seeds::ReferenceData;
use localvoice::stats::BootstrapOptions;
use std::path::Path;
use std::time::{Duration, Instant};

const SEED: u64 = 2026;
const AREA_RESPONSES: usize = 5_000;
const REPLICATES: usize = 500;

fn reference() -> (ReferenceData, SurveyDefinition) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let reference = localvoice::seeds::load_all(&root.join("seeds")).expect("seeds/ loads");
    let definition = localvoice::defs::load_file(
        &root.join("survey-defs/your-police-2026.toml"),
        Some(&reference.geography),
    )
    .expect("survey-defs/your-police-2026.toml loads");
    (reference, definition)
}

/// The first `n` respondents of the largest council area, alone in a dataset.
fn one_area(data: &Dataset, n: usize) -> (Dataset, usize) {
    let area = (0..data.area_count())
        .max_by_key(|&a| data.area(a).len())
        .expect("areas");
    let rows = data.area(area);
    assert!(rows.len() >= n, "the largest area has only {} responses", rows.len());
    let mut single = Dataset::new(data.area_count());
    for r in &rows[..n] {
        single.push(area as u16, *r);
    }
    (single, area)
}

fn results(c: &mut Criterion) {
    let responses: usize = std::env::var("LV_BENCH_RESPONSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let (reference, definition) = reference();
    let started = Instant::now();
    let data = generate_dataset(
        &definition,
        &reference.geography,
        &reference.population,
        responses,
        SEED,
        Wave::Current,
    )
    .expect("demo data");
    eprintln!(
        "generated {} responses in {:.1} s",
        data.respondents(),
        started.elapsed().as_secs_f64()
    );
    let inputs = Inputs {
        definition: &definition,
        geography: &reference.geography,
        population: &reference.population,
        dataset: &data,
    };
    let scotland = Selection::Scotland
        .resolve(&reference.geography, &definition)
        .expect("Scotland");
    let no_bootstrap = EngineOptions {
        bootstrap: None,
        ..EngineOptions::default()
    };

    let mut group = c.benchmark_group("results_1m");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    group.bench_function("rake_1m_32_areas", |b| {
        b.iter(|| black_box(weight_selection(&inputs, &scotland, &no_bootstrap.weighting).expect("raking")))
    });
    group.bench_function("rake_and_estimates_1m_scotland", |b| {
        b.iter(|| black_box(compute_selection(&inputs, &scotland, &no_bootstrap, false).expect("estimates")))
    });
    group.finish();

    let (area_data, area) = one_area(&data, AREA_RESPONSES);
    let area_inputs = Inputs {
        dataset: &area_data,
        ..inputs
    };
    let code = reference.geography.areas[area].code.clone();
    eprintln!(
        "bootstrap area: {} ({code}), {AREA_RESPONSES} responses",
        reference.geography.areas[area].name
    );
    let selection = Selection::CouncilArea(code)
        .resolve(&reference.geography, &definition)
        .expect("area");
    let with_bootstrap = EngineOptions {
        bootstrap: Some(BootstrapOptions {
            replicates: REPLICATES,
            ..BootstrapOptions::default()
        }),
        ..EngineOptions::default()
    };
    let mut group = c.benchmark_group("bootstrap_area");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    group.bench_function("area_5000_without_bootstrap", |b| {
        b.iter(|| black_box(compute_selection(&area_inputs, &selection, &no_bootstrap, false).expect("estimates")))
    });
    group.bench_function("area_5000_bootstrap_500", |b| {
        b.iter(|| {
            let figures = compute_selection(&area_inputs, &selection, &with_bootstrap, true).expect("bootstrap");
            assert!(figures.ranks.is_some(), "the bootstrap ran");
            black_box(figures)
        })
    });
    group.finish();
}

criterion_group!(benches, results);
criterion_main!(benches);
