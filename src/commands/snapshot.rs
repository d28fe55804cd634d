//! `localvoice snapshot [--consultation ID]`: release to the public what the release rule allows
//! now, and say what each consultation's snapshot released.

use super::prepare;
use crate::cli::{Cli, SnapshotArgs};

pub async fn run(cli: &Cli, args: &SnapshotArgs) -> anyhow::Result<()> {
    let database = prepare::database(cli)?;
    let services = prepare::direct_services(&database, cli)?;
    for (consultation, snapshot) in services.results.take_snapshots(args.consultation.as_deref()).await? {
        println!(
            "{consultation}: snapshot {} at {} released {} responses",
            snapshot.id,
            snapshot.taken_at.format("%Y-%m-%d %H:%M:%S UTC"),
            snapshot.released
        );
    }
    Ok(())
}
