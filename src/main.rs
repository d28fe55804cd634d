//! `localvoice`: parse the command line, start logging, run the subcommand.

use clap::Parser;
use localvoice::cli::Cli;
use std::process::ExitCode;

#[actix_web::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    localvoice::telemetry::init();
    match localvoice::commands::dispatch(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
