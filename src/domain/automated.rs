//! Cheap signs that a survey form was sent by a script, not a person, with no cookie and no
//! JavaScript: a honeypot field people never see (scripts fill every field), and a form sent back
//! sooner after it was served than anyone could read it (the signed form token carries its issue
//! time, see `super::form_token`). Either refuses the form politely with the answers kept, so that a
//! person caught by mistake simply sends it again; the refusals are counted, never the content.

use super::form_token::FormToken;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// The honeypot's field name: a word form-filling scripts recognise and fill.
pub const HONEYPOT_FIELD: &str = "website";

/// Why a form was refused as automated. Stored as [`AutomatedReason::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AutomatedReason {
    /// The hidden field was filled in.
    Honeypot,
    /// Sent back sooner than the minimum time after it was served.
    TooFast,
}

impl AutomatedReason {
    pub const ALL: [AutomatedReason; 2] = [AutomatedReason::Honeypot, AutomatedReason::TooFast];

    pub fn as_str(self) -> &'static str {
        match self {
            AutomatedReason::Honeypot => "honeypot",
            AutomatedReason::TooFast => "too_fast",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }
}

/// Whether a form looks automated: `honeypot` is the hidden field's value as sent, `token` the
/// form's verified token, `min_time` the fewest seconds a person needs (zero switches it off).
pub fn automated_reason(
    honeypot: Option<&str>,
    token: &FormToken,
    now: DateTime<Utc>,
    min_time: Duration,
) -> Option<AutomatedReason> {
    if honeypot.is_some_and(|v| !v.trim().is_empty()) {
        return Some(AutomatedReason::Honeypot);
    }
    let issued = token.issued_at()?;
    let min = chrono::Duration::from_std(min_time).ok()?;
    (now - issued < min).then_some(AutomatedReason::TooFast)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;
    use crate::domain::form_token::FormKey;

    fn served_at(seconds: i64) -> (FormToken, DateTime<Utc>) {
        let served = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let token = FormKey::random().0.issue("c", served);
        (token, served + chrono::Duration::seconds(seconds))
    }

    #[test]
    fn a_filled_honeypot_is_automated_however_slow() {
        let (token, now) = served_at(600);
        assert_eq!(
            automated_reason(Some("http://spam.example"), &token, now, Duration::from_secs(3)),
            Some(AutomatedReason::Honeypot)
        );
        assert_eq!(automated_reason(Some("  "), &token, now, Duration::from_secs(3)), None);
    }

    #[test]
    fn a_form_sent_back_within_the_minimum_time_is_too_fast() {
        let three = Duration::from_secs(3);
        let (token, now) = served_at(2);
        assert_eq!(
            automated_reason(None, &token, now, three),
            Some(AutomatedReason::TooFast)
        );
        let (token, now) = served_at(3);
        assert_eq!(automated_reason(None, &token, now, three), None);
        let (token, now) = served_at(0);
        assert_eq!(automated_reason(Some(""), &token, now, Duration::ZERO), None);
    }

    #[test]
    fn reasons_round_trip_through_their_stored_names() {
        for reason in AutomatedReason::ALL {
            assert_eq!(AutomatedReason::parse(reason.as_str()), Some(reason));
        }
        assert_eq!(AutomatedReason::parse("other"), None);
    }
}
