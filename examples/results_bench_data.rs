//! The Rust side of `scripts/bench-results`: generates the synthetic responses (the `demo`
//! generator, seed 2026 by default) into the results engine's in-memory dataset, times the raking of
//! every council area and the full estimates for Scotland (no bootstrap), and writes the data with
//! the raked weights to a CSV that `scripts/weightipy_baseline.py` rakes again with weightipy.
//!
//! ```text
//! cargo run --release --example results_bench_data -- --responses 1000000 --out /tmp/lv-results-bench.csv
//! ```
//!
//! CSV columns: `row`, `council_area_code`, `age_band` and `sex` (blank when not given),
//! `rust_weight` (the engine's weight: unknown age or sex kept, see `stats::raking`) and
//! `rust_weight_complete` (blank unless both age and sex were given: the weight when only those
//! respondents are raked, which is what weightipy does, so the two can be compared exactly).
//! Timings go to stdout as `key=value` lines (seconds, median of `--runs`).

use anyhow::{anyhow, Context};
use clap::Parser;
use localvoice::demo::{generate_dataset, Wave};
use localvoice::domain::{AgeBand, Sex};
use localvoice::results::engine::{compute_selection, weight_selection, Inputs};
use localvoice::results::weighting::WeightedArea;
use localvoice::results::{Dataset, EngineOptions, Selection};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Parser)]
struct Args {
    /// Responses to generate.
    #[arg(long, default_value_t = 1_000_000)]
    responses: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Where to write the CSV (not written when absent).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Timed runs of each step (the median is reported).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Consultation definition to answer.
    #[arg(long, default_value = "survey-defs/your-police-2026.toml")]
    definition: PathBuf,
    /// The seeds directory.
    #[arg(long, default_value = "seeds")]
    seeds: PathBuf,
}

fn median_seconds<T>(runs: usize, mut step: impl FnMut() -> anyhow::Result<T>) -> anyhow::Result<(f64, T)> {
    let mut times = Vec::with_capacity(runs.max(1));
    let mut last = None;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let out = step()?;
        times.push(started.elapsed().as_secs_f64());
        last = Some(out);
    }
    times.sort_by(f64::total_cmp);
    let out = last.ok_or_else(|| anyhow!("no run"))?;
    Ok((times[times.len() / 2], out))
}

/// Only the respondents who gave both age band and sex, in the same order within each area.
fn complete_cases(data: &Dataset) -> Dataset {
    let mut complete = Dataset::new(data.area_count());
    for area in 0..data.area_count() {
        for r in data.area(area).iter().filter(|r| r.age.is_some() && r.sex.is_some()) {
            complete.push(area as u16, *r);
        }
    }
    complete
}

fn weights_by_area(weighted: &[WeightedArea], areas: usize) -> Vec<&[f64]> {
    let mut out: Vec<&[f64]> = vec![&[]; areas];
    for w in weighted {
        out[w.area] = &w.weights;
    }
    out
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let reference = localvoice::seeds::load_all(&args.seeds).context("reading the seeds")?;
    let definition = localvoice::defs::load_file(&args.definition, Some(&reference.geography))
        .map_err(|e| anyhow!("{}: {e}", args.definition.display()))?;
    let geography = &reference.geography;

    let started = Instant::now();
    let data = generate_dataset(
        &definition,
        geography,
        &reference.population,
        args.responses,
        args.seed,
        Wave::Current,
    )?;
    println!("rust_generate_seconds={:.3}", started.elapsed().as_secs_f64());
    let complete = complete_cases(&data);
    println!("responses={}", data.respondents());
    println!("responses_with_age_and_sex={}", complete.respondents());
    println!(
        "areas_with_responses={}",
        (0..data.area_count()).filter(|&a| !data.area(a).is_empty()).count()
    );

    let scotland = Selection::Scotland.resolve(geography, &definition)?;
    let options = EngineOptions {
        bootstrap: None,
        ..EngineOptions::default()
    };
    let inputs = Inputs {
        definition: &definition,
        geography,
        population: &reference.population,
        dataset: &data,
    };
    let complete_inputs = Inputs {
        dataset: &complete,
        ..inputs
    };

    let (rake, (weighted, _)) = median_seconds(args.runs, || {
        Ok(weight_selection(&inputs, &scotland, &options.weighting)?)
    })?;
    println!("rust_rake_seconds={rake:.4}");
    let (rake_complete, (weighted_complete, _)) = median_seconds(args.runs, || {
        Ok(weight_selection(&complete_inputs, &scotland, &options.weighting)?)
    })?;
    println!("rust_rake_complete_seconds={rake_complete:.4}");
    let (estimates, figures) = median_seconds(args.runs, || {
        Ok(compute_selection(&inputs, &scotland, &options, false)?)
    })?;
    println!("rust_rake_and_estimates_seconds={estimates:.4}");

    let reports = weighted.iter().chain(&weighted_complete).map(|w| &w.report);
    let (mut converged, mut iterations, mut collapsed) = (true, 0, 0);
    for report in reports {
        converged &= report.converged;
        iterations = iterations.max(report.iterations);
        collapsed += report.margins.iter().map(|m| m.collapsed.len()).sum::<usize>();
    }
    println!("rust_all_converged={converged}");
    println!("rust_max_iterations={iterations}");
    println!("rust_collapsed_bands={collapsed}");
    println!(
        "rust_scotland_n_effective={:.1}",
        figures.weights.map_or(f64::NAN, |w| w.effective_sample_size)
    );

    if let Some(out) = &args.out {
        write_csv(out, &data, &weighted, &weighted_complete, geography)?;
        println!("csv={}", out.display());
    }
    Ok(())
}

fn write_csv(
    path: &Path,
    data: &Dataset,
    weighted: &[WeightedArea],
    weighted_complete: &[WeightedArea],
    geography: &localvoice::domain::Geography,
) -> anyhow::Result<()> {
    let areas = data.area_count();
    let all = weights_by_area(weighted, areas);
    let complete = weights_by_area(weighted_complete, areas);
    let mut writer = csv::Writer::from_path(path).with_context(|| format!("creating {}", path.display()))?;
    writer.write_record([
        "row",
        "council_area_code",
        "age_band",
        "sex",
        "rust_weight",
        "rust_weight_complete",
    ])?;
    let mut row = 0u64;
    for area in 0..areas {
        let code = geography.areas[area].code.as_str();
        let mut next_complete = complete[area].iter();
        for (i, r) in data.area(area).iter().enumerate() {
            let age = r
                .age
                .and_then(|a| AgeBand::ALL.get(usize::from(a)))
                .map_or("", |b| b.as_str());
            let sex = r
                .sex
                .and_then(|s| Sex::ALL.get(usize::from(s)))
                .map_or("", |s| s.as_str());
            let weight = all[area]
                .get(i)
                .ok_or_else(|| anyhow!("no weight for row {i} of area {code}"))?;
            let weight_complete = if r.age.is_some() && r.sex.is_some() {
                let w = next_complete
                    .next()
                    .ok_or_else(|| anyhow!("too few complete-case weights in {code}"))?;
                format!("{w:.12e}")
            } else {
                String::new()
            };
            writer.write_record([
                &row.to_string(),
                code,
                age,
                sex,
                &format!("{weight:.12e}"),
                &weight_complete,
            ])?;
            row += 1;
        }
    }
    writer.flush()?;
    Ok(())
}
