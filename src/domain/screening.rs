//! One stored response as duplicate and burst screening sees it (`crate::results::screening`),
//! filled by `crate::db::screening`.

use chrono::{DateTime, Utc};

/// One stored response, as screening sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreeningRow {
    pub id: i64,
    pub area: String,
    pub submitted_at: DateTime<Utc>,
    /// Every answer but the comment, in a fixed order (equal text ⇔ equal answers).
    pub answers: String,
    pub comment: Option<String>,
}
