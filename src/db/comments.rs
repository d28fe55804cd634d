//! Reading residents' free-text comments for the evidence pack: one council area at a time, so
//! memory is bounded by the largest area's comments, never the whole consultation.

use super::error::DbError;
use super::schema::responses;
use crate::domain::Channel;
use diesel::prelude::*;

/// A comment, and whether the pack may quote it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct AreaComment {
    pub text: String,
    /// False for comments sent through the JSON API (channel `api`): they are the easiest to
    /// script, so they are counted but never quoted until an analyst can approve quotes.
    pub quotable: bool,
}

/// The channel whose comments are never quoted.
pub const UNQUOTED_CHANNEL: Channel = Channel::Api;

/// The non-blank comments of `consultation_id` in council area `area_code`, in `id` order.
pub fn area_comments(
    conn: &mut PgConnection,
    consultation_id: &str,
    area_code: &str,
) -> Result<Vec<AreaComment>, DbError> {
    let rows = responses::table
        .filter(responses::consultation_id.eq(consultation_id))
        .filter(responses::council_area_code.eq(area_code))
        .filter(responses::comment.is_not_null())
        .filter(responses::comment.ne(""))
        .order(responses::id)
        .select((
            responses::comment.assume_not_null(),
            responses::channel.ne(UNQUOTED_CHANNEL.as_str()),
        ))
        .load_iter::<AreaComment, diesel::connection::DefaultLoadingMode>(conn)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}
