//! Structured logging with tracing. Reads `LOCALVOICE_LOG` (or `RUST_LOG`) for the filter and
//! `LOCALVOICE_LOG_FORMAT=json` for one JSON object per line. Logs go to stderr.

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = std::env::var("LOCALVOICE_LOG")
        .or_else(|_| std::env::var("RUST_LOG"))
        .unwrap_or_else(|_| "info,actix_server=warn".to_string());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let result = if std::env::var("LOCALVOICE_LOG_FORMAT").as_deref() == Ok("json") {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    // A second init (tests) keeps the first subscriber; nothing to report.
    drop(result);
}
