//! `localvoice evidence-pack --consultation ID --division CODE [--compare-with ID|previous|none]
//! [--bootstrap N] --out DIR`: the evidence pack for a division as `DIR/evidence-pack.html`,
//! `DIR/evidence-pack.json` and `DIR/csv/*.csv`, with what was written and how long each stage
//! took. The same use case as the analyst page ([`crate::evidence::service::EvidenceService::pack`]),
//! reading only the division's responses straight from the database.

use super::prepare;
use crate::cli::{Cli, EvidencePackArgs};
use crate::evidence::pack::render::write_pack;
use crate::evidence::service::{PackOutcome, PackRequest};
use std::time::{Duration, Instant};

pub async fn run(cli: &Cli, args: &EvidencePackArgs) -> anyhow::Result<()> {
    let total = Instant::now();
    let database = prepare::database(cli)?;
    let services = prepare::direct_services(&database, cli)?;
    let request = PackRequest {
        consultation: args.consultation.clone(),
        division: args.division.clone(),
        compare_with: args.compare_with.clone(),
        bootstrap: args.bootstrap,
        seed: args.seed,
        generated_on: crate::state::today(),
    };
    let outcome = services.evidence.pack(&request).await?;
    let started = Instant::now();
    let written = write_pack(&outcome.pack, &args.out)?;
    let render = started.elapsed();
    print_summary(&outcome, &written, args.bootstrap);
    print_timings(&outcome, render, total.elapsed(), args.bootstrap);
    Ok(())
}

fn print_summary(outcome: &PackOutcome, written: &[std::path::PathBuf], bootstrap: usize) {
    let pack = &outcome.pack;
    println!(
        "Evidence pack for {} ({}) from {} ({} responses in the division, {bootstrap} bootstrap replicates){}:",
        pack.division.name,
        pack.division.code,
        pack.consultation.title,
        pack.division_section.headline.responses,
        pack.compared_with
            .as_ref()
            .map(|p| format!(", compared with {}", p.title))
            .unwrap_or_default()
    );
    for path in written {
        println!("  wrote {}", path.display());
    }
}

fn print_timings(outcome: &PackOutcome, render: Duration, total: Duration, bootstrap: usize) {
    let secs = |d: Duration| d.as_secs_f64();
    let timings = &outcome.timings;
    println!("Timings (seconds):");
    println!("  load responses from the database      {:>8.3}", secs(outcome.load));
    println!(
        "  weighting, estimates and bootstrap     {:>8.3}  (division and {} council areas, {bootstrap} replicates)",
        secs(timings.engine.current_wave),
        outcome.pack.council_areas.len(),
    );
    println!(
        "  previous wave and area comparisons    {:>8.3}",
        secs(timings.engine.comparisons)
    );
    println!(
        "  comments (read and code)              {:>8.3}",
        secs(timings.comments)
    );
    println!("  build sections                        {:>8.3}", secs(timings.build));
    println!("  render and write HTML, JSON, CSV      {:>8.3}", secs(render));
    println!("  total (including start-up)            {:>8.3}", secs(total));
}
