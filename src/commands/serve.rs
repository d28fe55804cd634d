//! `localvoice serve`: migrate, seed, load definitions, serve until SIGINT/SIGTERM.

use crate::cli::{Cli, ServeArgs};
use crate::commands::prepare;
use crate::startup::Application;

pub async fn run(cli: &Cli, args: &ServeArgs) -> anyhow::Result<()> {
    let database = prepare::database(cli)?;
    let state = prepare::app_state(&database, &cli.seeds, &cli.defs)?;
    serve(state, &args.bind).await
}

/// Binds, prints the URL and serves; shared with `demo`.
pub async fn serve(state: crate::state::AppState, bind: &str) -> anyhow::Result<()> {
    let app = Application::build(bind, state).map_err(|e| anyhow::anyhow!("could not listen on {bind}: {e}"))?;
    let host = bind.rsplit_once(':').map(|(h, _)| h).unwrap_or("127.0.0.1");
    println!("LocalVoice is listening on http://{host}:{}/", app.port());
    tracing::info!(port = app.port(), "listening");
    app.run_until_stopped().await?;
    tracing::info!("stopped");
    Ok(())
}
