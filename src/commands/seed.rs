//! `localvoice seed`: load the reference data in seeds/ (idempotent).

use crate::cli::Cli;
use crate::commands::prepare;

pub fn run(cli: &Cli) -> anyhow::Result<()> {
    let database = prepare::database(cli)?;
    let mut conn = database.connect()?;
    let reference = prepare::seed_reference(&mut conn, &cli.seeds)?;
    println!(
        "Seeded {} divisions, {} council areas and their adult population by sex and age band.",
        reference.geography.divisions.len(),
        reference.geography.areas.len()
    );
    Ok(())
}
