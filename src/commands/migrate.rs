//! `localvoice migrate`: apply pending migrations, or revert them all.

use crate::cli::{Cli, MigrateArgs};
use crate::commands::prepare;
use crate::db;
use crate::local_postgres::resolve_database;
use anyhow::Context;
use diesel::{Connection, PgConnection};

pub fn run(cli: &Cli, args: &MigrateArgs) -> anyhow::Result<()> {
    if args.revert_all {
        let (url, _cluster) = resolve_database(cli.database_url.as_deref())?;
        let mut conn =
            PgConnection::establish(&url).with_context(|| format!("could not connect to {}", prepare::redact(&url)))?;
        let n = db::pool::revert_all_migrations(&mut conn)?;
        println!("Reverted {n} migration(s).");
        return Ok(());
    }
    let database = prepare::database(cli)?;
    println!("Database {} is migrated.", prepare::redact(&database.url));
    Ok(())
}
