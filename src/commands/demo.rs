//! `localvoice demo`: everything `serve` does, after loading deterministic synthetic responses for
//! every open consultation and for its previous wave (so comparisons have something to show).
//! Running it again with the same seed and size reuses the data already loaded.

use crate::cli::{Cli, DemoArgs};
use crate::commands::{prepare, serve};
use crate::db::import_batches::{batch_rows, delete_batches_with_prefix};
use crate::demo::{batch_source, store_generated, Wave, DEMO_SOURCE_PREFIX};
use crate::domain::{ConsultationStatus, SurveyDefinition};
use crate::state::status_today;
use diesel::PgConnection;
use std::io::IsTerminal;

pub async fn run(cli: &Cli, args: &DemoArgs) -> anyhow::Result<()> {
    let database = prepare::database(cli)?;
    let state = prepare::app_state(&database, &cli.seeds, &cli.defs)?;
    let mut conn = database.connect()?;
    let progress = std::io::stderr().is_terminal();
    for definition in state.consultations.all() {
        if status_today(definition) != ConsultationStatus::Open {
            continue;
        }
        load(
            &mut conn,
            definition,
            &state,
            args.responses,
            args.seed,
            Wave::Current,
            progress,
        )?;
        let previous = definition
            .previous
            .as_ref()
            .and_then(|id| state.consultations.get(id.as_str()));
        if let Some(previous) = previous {
            // Last year's wave: a little smaller, from another seed.
            let n = args.responses * 4 / 5;
            load(
                &mut conn,
                previous,
                &state,
                n,
                args.seed.wrapping_add(1),
                Wave::Previous,
                progress,
            )?;
        }
    }
    drop(conn);
    demo_digests(&state).await?;
    if args.no_serve {
        println!("Demo data is loaded.");
        return Ok(());
    }
    serve::serve(state, &args.bind).await
}

fn load(
    conn: &mut PgConnection,
    definition: &SurveyDefinition,
    state: &crate::state::AppState,
    n: usize,
    seed: u64,
    wave: Wave,
    progress: bool,
) -> anyhow::Result<()> {
    let id = definition.id.as_str();
    let wave_name = if wave == Wave::Previous { "previous" } else { "current" };
    let source = batch_source(seed, wave);
    if batch_rows(conn, id, &source)? == Some(i64::try_from(n).unwrap_or(i64::MAX)) {
        println!("{id}: {n} demo responses (seed {seed}) are already loaded.");
        return Ok(());
    }
    let removed = delete_batches_with_prefix(conn, id, DEMO_SOURCE_PREFIX)?;
    if removed > 0 {
        println!("{id}: removed {removed} earlier demo responses.");
    }
    let started = std::time::Instant::now();
    let stored = store_generated(
        conn,
        definition,
        &state.geography,
        &state.population,
        n,
        seed,
        wave,
        progress,
    )
    .map_err(|e| anyhow::anyhow!("{id}: {e}"))?;
    println!(
        "{id}: loaded {} demo responses ({wave_name} wave) in {:.1} s.",
        stored.rows,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Example community-council digests: the demo's subscriptions, the published figures they read
/// (a snapshot), and this month's digests built and sent (as `.eml` files without an SMTP server).
async fn demo_digests(state: &crate::state::AppState) -> anyhow::Result<()> {
    use crate::digest::settings::MailTarget;
    let MailTarget::Files(dir) = &state.digests.settings().target else {
        println!("Example digests: not sent, because LOCALVOICE_SMTP_URL is set (they would go to example.org).");
        return Ok(());
    };
    state.digests.add_demo_subscriptions().await?;
    state.results.take_snapshots(None).await?;
    let built = state.digests.build_due(chrono::Utc::now(), true, false).await?;
    let sent = state.digests.send_due().await?;
    println!(
        "Example community-council digests: {} built, {} written as .eml files to {} (open one in a mail program).",
        built.built,
        sent.sent,
        dir.display()
    );
    Ok(())
}
