//! UK civil time: GMT in winter, BST in summer, by the tz database's `Europe/London` rules (the
//! `chrono-tz` crate), so every year, past or future, is converted by the rule in force then.
//!
//! Consultation periods are UK dates: a consultation closing on 31 March takes answers until
//! midnight UK time (23:00 UTC in summer), so "today" is the UK date, never the UTC one.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::London;

/// How a UK wall-clock time maps onto UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UkLocal {
    /// The usual case: exactly one instant.
    Single(DateTime<Utc>),
    /// The hour repeated when the clocks go back (01:00–01:59 on the last Sunday of October):
    /// the earlier (BST) and the later (GMT) instant.
    Ambiguous(DateTime<Utc>, DateTime<Utc>),
    /// The hour skipped when the clocks go forward (01:00–01:59 on the last Sunday of March).
    Skipped,
}

/// The UTC instant(s) a UK wall-clock time stands for.
pub fn from_uk_local(local: NaiveDateTime) -> UkLocal {
    match London.from_local_datetime(&local) {
        LocalResult::Single(t) => UkLocal::Single(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.with_timezone(&Utc), b.with_timezone(&Utc));
            UkLocal::Ambiguous(a.min(b), a.max(b))
        }
        LocalResult::None => UkLocal::Skipped,
    }
}

/// The UK wall-clock time of an instant.
pub fn to_uk_local(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&London).naive_local()
}

/// The UK date of an instant: the day a resident's calendar shows.
pub fn uk_date(instant: DateTime<Utc>) -> NaiveDate {
    to_uk_local(instant).date()
}

/// Today's date in the UK, which decides whether a consultation is open.
pub fn today() -> NaiveDate {
    uk_date(Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }
    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn winter_times_are_gmt_and_summer_times_are_bst() {
        assert_eq!(
            from_uk_local(local("2026-01-15 09:30")),
            UkLocal::Single(utc("2026-01-15T09:30:00Z"))
        );
        assert_eq!(
            from_uk_local(local("2026-07-01 09:30")),
            UkLocal::Single(utc("2026-07-01T08:30:00Z"))
        );
    }

    #[test]
    fn the_hour_skipped_in_march_and_repeated_in_october_are_recognised() {
        // 2026: clocks go forward on 29 March and back on 25 October.
        assert_eq!(
            from_uk_local(local("2026-03-29 00:59")),
            UkLocal::Single(utc("2026-03-29T00:59:00Z"))
        );
        assert_eq!(from_uk_local(local("2026-03-29 01:00")), UkLocal::Skipped);
        assert_eq!(from_uk_local(local("2026-03-29 01:30")), UkLocal::Skipped);
        assert_eq!(
            from_uk_local(local("2026-03-29 02:00")),
            UkLocal::Single(utc("2026-03-29T01:00:00Z"))
        );
        assert_eq!(
            from_uk_local(local("2026-10-25 00:59")),
            UkLocal::Single(utc("2026-10-24T23:59:00Z"))
        );
        assert_eq!(
            from_uk_local(local("2026-10-25 01:30")),
            UkLocal::Ambiguous(utc("2026-10-25T00:30:00Z"), utc("2026-10-25T01:30:00Z"))
        );
        assert_eq!(
            from_uk_local(local("2026-10-25 02:00")),
            UkLocal::Single(utc("2026-10-25T02:00:00Z"))
        );
    }

    #[test]
    fn the_clock_changes_of_other_years_fall_on_their_own_sundays() {
        // 2027: forward on 28 March, back on 31 October.
        assert_eq!(from_uk_local(local("2027-03-28 01:30")), UkLocal::Skipped);
        assert_eq!(
            from_uk_local(local("2027-03-29 01:30")),
            UkLocal::Single(utc("2027-03-29T00:30:00Z"))
        );
        assert!(matches!(
            from_uk_local(local("2027-10-31 01:30")),
            UkLocal::Ambiguous(..)
        ));
    }

    #[test]
    fn converting_to_local_and_back_gives_the_same_instant() {
        for s in [
            "2026-03-29T00:59:00Z",
            "2026-03-29T01:00:00Z",
            "2026-10-25T00:30:00Z",
            "2026-10-25T01:30:00Z",
            "2026-12-31T23:59:00Z",
        ] {
            let instant = utc(s);
            match from_uk_local(to_uk_local(instant)) {
                UkLocal::Single(back) => assert_eq!(back, instant),
                UkLocal::Ambiguous(a, b) => assert!(a == instant || b == instant),
                UkLocal::Skipped => panic!("{s} maps to a skipped local time"),
            }
        }
    }

    #[test]
    fn the_uk_date_turns_at_uk_midnight_not_utc_midnight() {
        // Summer: 23:30 UTC is already 00:30 the next day in the UK.
        assert_eq!(
            uk_date(utc("2027-03-31T22:30:00Z")),
            NaiveDate::from_ymd_opt(2027, 3, 31).unwrap()
        );
        assert_eq!(
            uk_date(utc("2027-03-31T23:30:00Z")),
            NaiveDate::from_ymd_opt(2027, 4, 1).unwrap()
        );
        // Winter: UK and UTC dates agree.
        assert_eq!(
            uk_date(utc("2026-12-31T23:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
    }
}
