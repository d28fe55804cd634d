//! The subcommands. Each prepares what it needs (database, reference data, definitions) through
//! `prepare`, so `serve` and `demo` start the same way.

pub mod defs_check;
pub mod demo;
pub mod digests;
pub mod evidence_pack;
pub mod import;
pub mod migrate;
pub mod prepare;
pub mod results;
pub mod seed;
pub mod serve;
pub mod snapshot;

use crate::cli::{Cli, Command, DefsCommand};

pub async fn dispatch(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Serve(args) => serve::run(&cli, args).await,
        Command::Demo(args) => demo::run(&cli, args).await,
        Command::Migrate(args) => migrate::run(&cli, args),
        Command::Seed => seed::run(&cli),
        Command::Defs(DefsCommand::Check) => defs_check::run(&cli),
        Command::ImportResponses(args) => import::run(&cli, args),
        Command::Results(args) => results::run(&cli, args).await,
        Command::EvidencePack(args) => evidence_pack::run(&cli, args).await,
        Command::Snapshot(args) => snapshot::run(&cli, args).await,
        Command::Digests(command) => digests::run(&cli, command).await,
    }
}
