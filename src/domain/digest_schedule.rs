//! When a community council's digest is due: once a period (a calendar month, or an ISO week) while
//! a consultation covering its area is open, and a final one after it closes. Periods are UK dates
//! and a period's digests become due at 07:00 UK time on its first day (the 1st of the month, or
//! Monday), so they arrive at the start of a working day.

use super::uk_time::{from_uk_local, uk_date, UkLocal};
use super::ConsultationStatus;
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};

/// How often a subscription receives a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Frequency {
    Weekly,
    #[default]
    Monthly,
}

impl Frequency {
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim() {
            "weekly" => Ok(Self::Weekly),
            "monthly" | "" => Ok(Self::Monthly),
            other => Err(format!("choose weekly or monthly, not '{other}'")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
        }
    }

    /// "every week" / "every month", for the pages and emails.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Weekly => "every week",
            Self::Monthly => "every month",
        }
    }
}

/// Days after closing during which the final digest is still sent.
pub const FINAL_DIGEST_DAYS: u64 = 28;

/// The hour (UK time) a period's digests become due.
const SEND_HOUR: u32 = 7;

/// The period a digest belongs to: `2026-12`, `2026-W49` or `final`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestPeriod {
    pub key: String,
    /// When it became due (07:00 UK time on its first day); `None` for the final digest.
    pub starts: Option<DateTime<Utc>>,
}

impl DigestPeriod {
    pub fn is_final(&self) -> bool {
        self.key == "final"
    }
}

/// The period `now` falls in for `frequency`.
pub fn current_period(frequency: Frequency, now: DateTime<Utc>) -> DigestPeriod {
    let today = uk_date(now);
    let (key, first_day) = match frequency {
        Frequency::Monthly => (
            format!("{:04}-{:02}", today.year(), today.month()),
            today.with_day(1).unwrap_or(today),
        ),
        Frequency::Weekly => {
            let week = today.iso_week();
            let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
            (format!("{:04}-W{:02}", week.year(), week.week()), monday)
        }
    };
    DigestPeriod {
        key,
        starts: Some(send_time(first_day)),
    }
}

/// 07:00 UK time on `day`, as UTC (never skipped or repeated: clocks change at 01:00).
fn send_time(day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::from_hms_opt(SEND_HOUR, 0, 0).unwrap_or_default());
    match from_uk_local(local) {
        UkLocal::Single(t) | UkLocal::Ambiguous(t, _) => t,
        UkLocal::Skipped => local.and_utc(),
    }
}

/// What a subscription is owed for one consultation now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// Consultation status now.
    pub status: ConsultationStatus,
    /// The consultation's last day.
    pub closes: NaiveDate,
    pub frequency: Frequency,
    /// When the subscription was confirmed.
    pub confirmed_at: DateTime<Utc>,
}

/// The digest period due now, if any. A regular digest is due from its period's start for
/// subscriptions confirmed before it (a new subscriber waits for the next period rather than
/// getting a digest straight after the confirmation email), or at once with `now_anyway`
/// (`localvoice digests run --now`). The final digest is due in the [`FINAL_DIGEST_DAYS`] after
/// closing, for subscriptions confirmed while it was open.
pub fn due_period(due: Due, now: DateTime<Utc>, now_anyway: bool) -> Option<DigestPeriod> {
    match due.status {
        ConsultationStatus::Upcoming => None,
        ConsultationStatus::Open => {
            let period = current_period(due.frequency, now);
            let started = period.starts.is_some_and(|s| s <= now && due.confirmed_at < s);
            (started || now_anyway).then_some(period)
        }
        ConsultationStatus::Closed => {
            let closed_on = due.closes.checked_add_days(Days::new(1))?;
            let closed_at = send_time(closed_on);
            let last_day = due.closes.checked_add_days(Days::new(FINAL_DIGEST_DAYS))?;
            let in_window = uk_date(now) <= last_day;
            let subscribed_while_open = due.confirmed_at < closed_at;
            (in_window && subscribed_while_open && (now >= closed_at || now_anyway)).then(|| DigestPeriod {
                key: "final".into(),
                starts: None,
            })
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn due(status: ConsultationStatus, frequency: Frequency, confirmed: &str) -> Due {
        Due {
            status,
            closes: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
            frequency,
            confirmed_at: utc(confirmed),
        }
    }

    #[test]
    fn periods_are_uk_months_and_iso_weeks() {
        // 23:30 UTC on 31 July is 00:30 BST on 1 August.
        let p = current_period(Frequency::Monthly, utc("2026-07-31T23:30:00Z"));
        assert_eq!(p.key, "2026-08");
        assert_eq!(p.starts, Some(utc("2026-08-01T06:00:00Z")));
        let w = current_period(Frequency::Weekly, utc("2026-12-04T12:00:00Z"));
        assert_eq!(w.key, "2026-W49");
        assert_eq!(w.starts, Some(utc("2026-11-30T07:00:00Z")));
        // ISO week 53 of 2026 runs into January 2027.
        assert_eq!(
            current_period(Frequency::Weekly, utc("2027-01-01T12:00:00Z")).key,
            "2026-W53"
        );
    }

    #[test]
    fn a_new_subscriber_waits_for_the_next_period_unless_asked_now() {
        let open = due(ConsultationStatus::Open, Frequency::Monthly, "2026-12-03T10:00:00Z");
        assert_eq!(due_period(open, utc("2026-12-04T12:00:00Z"), false), None);
        assert_eq!(
            due_period(open, utc("2026-12-04T12:00:00Z"), true).unwrap().key,
            "2026-12"
        );
        // From 07:00 on 1 January it is due.
        assert_eq!(due_period(open, utc("2027-01-01T06:59:00Z"), false), None);
        assert_eq!(
            due_period(open, utc("2027-01-01T07:00:00Z"), false).unwrap().key,
            "2027-01"
        );
    }

    #[test]
    fn the_final_digest_follows_closing_within_four_weeks() {
        let closed = due(ConsultationStatus::Closed, Frequency::Weekly, "2026-12-03T10:00:00Z");
        // 1 April 2027 07:00 BST = 06:00 UTC.
        assert_eq!(due_period(closed, utc("2027-04-01T05:59:00Z"), false), None);
        assert!(due_period(closed, utc("2027-04-01T06:00:00Z"), false)
            .unwrap()
            .is_final());
        assert!(due_period(closed, utc("2027-04-28T12:00:00Z"), false).is_some());
        assert_eq!(due_period(closed, utc("2027-04-29T12:00:00Z"), false), None);
        let late = due(ConsultationStatus::Closed, Frequency::Weekly, "2027-04-02T10:00:00Z");
        assert_eq!(due_period(late, utc("2027-04-03T12:00:00Z"), true), None);
        let upcoming = due(ConsultationStatus::Upcoming, Frequency::Weekly, "2026-12-03T10:00:00Z");
        assert_eq!(due_period(upcoming, utc("2026-12-04T12:00:00Z"), true), None);
    }
}
