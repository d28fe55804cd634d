//! `localvoice serve`: migrate, seed, load definitions, serve until SIGINT/SIGTERM.

use crate::cli::{Cli, ServeArgs};
use crate::commands::prepare;
use crate::startup::Application;

pub async fn run(cli: &Cli, args: &ServeArgs) -> anyhow::Result<()> {
    let database = prepare::database(cli)?;
    let state = prepare::app_state(&database, &cli.seeds, &cli.defs)?;
    serve(state, &args.bind).await
}

/// Hours between snapshots of what the public sees (`LOCALVOICE_SNAPSHOT_HOURS`, default 24).
fn snapshot_interval() -> anyhow::Result<std::time::Duration> {
    let hours: u64 = match std::env::var("LOCALVOICE_SNAPSHOT_HOURS") {
        Ok(raw) => raw.trim().parse().ok().filter(|h| *h > 0).ok_or_else(|| {
            anyhow::anyhow!("LOCALVOICE_SNAPSHOT_HOURS must be a whole number of hours above 0, not '{raw}'")
        })?,
        Err(_) => 24,
    };
    Ok(std::time::Duration::from_secs(hours * 3600))
}

/// Takes snapshots at start-up and then on a timer, for as long as the server runs.
fn schedule_snapshots(results: std::sync::Arc<crate::results::ResultsService>, every: std::time::Duration) {
    actix_web::rt::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            match results.take_snapshots(None).await {
                Ok(taken) => {
                    let released: i64 = taken.iter().map(|(_, s)| s.released).sum();
                    tracing::info!(consultations = taken.len(), released, "snapshot taken");
                }
                Err(error) => tracing::warn!(%error, "snapshot not taken; the next tick tries again"),
            }
        }
    });
}

/// Builds due digests and sends the outbox on a timer (every `LOCALVOICE_DIGEST_INTERVAL_SECONDS`).
/// Several instances may run it: digests are unique per period and rows are claimed with SKIP LOCKED.
fn schedule_digests(digests: std::sync::Arc<crate::digest::DigestService>) {
    let every = digests.settings().interval;
    actix_web::rt::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            let build = tokio::select! {
                _ = ticks.tick() => true,
                () = digests.woken() => false,
            };
            if build {
                match digests.build_due(chrono::Utc::now(), false, false).await {
                    Ok(built) if built.built > 0 => tracing::info!(built = built.built, "digests queued"),
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "digests not built; the next tick tries again"),
                }
            }
            match digests.send_due().await {
                Ok(sent) if sent.sent + sent.deferred + sent.failed > 0 => {
                    tracing::info!(
                        sent = sent.sent,
                        deferred = sent.deferred,
                        failed = sent.failed,
                        "outbox sent"
                    )
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "outbox not sent; the next tick tries again"),
            }
        }
    });
}

/// Binds, prints the URL and serves; shared with `demo`.
pub async fn serve(state: crate::state::AppState, bind: &str) -> anyhow::Result<()> {
    schedule_snapshots(state.results.clone(), snapshot_interval()?);
    schedule_digests(state.digests.clone());
    let app = Application::build(bind, state).map_err(|e| anyhow::anyhow!("could not listen on {bind}: {e}"))?;
    let host = bind.rsplit_once(':').map(|(h, _)| h).unwrap_or("127.0.0.1");
    println!("LocalVoice is listening on http://{host}:{}/", app.port());
    tracing::info!(port = app.port(), "listening");
    app.run_until_stopped().await?;
    tracing::info!("stopped");
    Ok(())
}
