//! `localvoice defs check`: validate the definitions without touching the database.

use crate::cli::Cli;

pub fn run(cli: &Cli) -> anyhow::Result<()> {
    let reference = crate::seeds::load_all(&cli.seeds).map_err(|e| anyhow::anyhow!("{e}"))?;
    match crate::defs::load_dir(&cli.defs, Some(&reference.geography)) {
        Ok(defs) => {
            for d in &defs {
                println!(
                    "ok  {}: {} ({} to {}, {} concerns, {} candidate priorities)",
                    d.id,
                    d.title,
                    d.opens,
                    d.closes,
                    d.concerns.len(),
                    d.priorities.len()
                );
            }
            println!("{} definition(s) in {} are valid.", defs.len(), cli.defs.display());
            Ok(())
        }
        Err(errors) => {
            eprintln!("{errors}");
            anyhow::bail!("the definitions in {} have errors (listed above)", cli.defs.display())
        }
    }
}
