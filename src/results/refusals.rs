//! "Responses refused as automated": survey forms the service refused because they looked sent by
//! a script (`crate::domain::automated`), for the council areas of a selection. They were never
//! stored, so the figures do not include them; the count tells analysts how much was kept out.
//! Read from the database per request by the service (the engine stays pure, and a cached report
//! must not show an old count). Reads no environment variables.

use super::ResultsError;
use crate::db::automated_refusals::refusals_by_reason;
use crate::db::DbPool;
use crate::domain::automated::AutomatedReason;
use serde::Serialize;

/// Forms refused as automated, in total and by reason, over the whole consultation so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RefusedAsAutomated {
    pub total: i64,
    /// The hidden field meant to be left empty was filled in.
    pub honeypot: i64,
    /// Sent back sooner after the form was served than a person could answer it.
    pub too_fast: i64,
}

impl RefusedAsAutomated {
    pub fn from_counts(counts: &[(AutomatedReason, i64)]) -> Self {
        let of = |wanted| counts.iter().filter(|(r, _)| *r == wanted).map(|(_, n)| n).sum::<i64>();
        let (honeypot, too_fast) = (of(AutomatedReason::Honeypot), of(AutomatedReason::TooFast));
        Self {
            total: honeypot + too_fast,
            honeypot,
            too_fast,
        }
    }
}

/// The refusals of consultation `id` in council areas `codes`.
pub async fn read_refusals(pool: &DbPool, id: &str, codes: Vec<String>) -> Result<RefusedAsAutomated, ResultsError> {
    let id = id.to_string();
    let counts = crate::db::run(pool, move |conn| refusals_by_reason(conn, &id, Some(&codes))).await?;
    Ok(RefusedAsAutomated::from_counts(&counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_reason_add_up_to_the_total() {
        let r = RefusedAsAutomated::from_counts(&[(AutomatedReason::TooFast, 4), (AutomatedReason::Honeypot, 2)]);
        assert_eq!(
            r,
            RefusedAsAutomated {
                total: 6,
                honeypot: 2,
                too_fast: 4
            }
        );
        assert_eq!(RefusedAsAutomated::from_counts(&[]), RefusedAsAutomated::default());
    }
}
