//! The `signing_keys` table: keys created once at random and shared by every instance.

use super::error::DbError;
use super::schema::signing_keys;
use diesel::prelude::*;

/// The key called `name`; `fresh` is stored first if there is none yet (the first instance to ask
/// wins, and every other instance reads the same key).
pub fn get_or_create(conn: &mut PgConnection, name: &str, fresh: &[u8]) -> Result<Vec<u8>, DbError> {
    diesel::insert_into(signing_keys::table)
        .values((signing_keys::name.eq(name), signing_keys::key.eq(fresh)))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(signing_keys::table.find(name).select(signing_keys::key).first(conn)?)
}
