//! `localvoice import-responses --consultation ID FILE.csv`: all or nothing, every bad row reported.

use crate::cli::{Cli, ImportArgs};
use crate::commands::prepare;
use crate::db;
use std::io::IsTerminal;

pub fn run(cli: &Cli, args: &ImportArgs) -> anyhow::Result<()> {
    let database = prepare::database(cli)?;
    let mut conn = database.connect()?;
    let reference = prepare::seed_reference(&mut conn, &cli.seeds)?;
    let definitions = prepare::definitions(&cli.defs, &reference.geography)?;
    db::consultations::sync_definitions(&mut conn, &definitions)?;
    let Some(definition) = definitions.iter().find(|d| d.id.as_str() == args.consultation) else {
        let known: Vec<&str> = definitions.iter().map(|d| d.id.as_str()).collect();
        anyhow::bail!(
            "--consultation: there is no consultation called '{}' in {} (known: {})",
            args.consultation,
            cli.defs.display(),
            known.join(", ")
        );
    };
    let progress = !args.quiet && std::io::stderr().is_terminal();
    match crate::import::import_csv(&mut conn, definition, &reference.geography, &args.file, progress) {
        Ok(report) => {
            println!("{report}");
            Ok(())
        }
        Err(error) => {
            eprintln!("{error}");
            anyhow::bail!("nothing was imported from {}", args.file.display())
        }
    }
}
