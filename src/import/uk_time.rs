//! UK civil time (GMT in winter, BST in summer) without a time-zone database: since 1996 British
//! Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
//! October, and those are the only instants the import and the demo generator need to convert.
//! Earlier years followed other rules and are converted with the same (post-1996) rule.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

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

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    let last = first_of_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    last.checked_sub_signed(Duration::days(i64::from(back)))
}

fn one_am_utc(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)) + Duration::hours(1)
}

/// Whether British Summer Time is in force at an instant.
pub fn is_bst(instant: DateTime<Utc>) -> bool {
    let year = instant.year();
    match (last_sunday(year, 3), last_sunday(year, 10)) {
        (Some(start), Some(end)) => instant >= one_am_utc(start) && instant < one_am_utc(end),
        _ => false,
    }
}

/// The UTC instant(s) a UK wall-clock time stands for.
pub fn from_uk_local(local: NaiveDateTime) -> UkLocal {
    let as_bst = Utc.from_utc_datetime(&local) - Duration::hours(1);
    let as_gmt = Utc.from_utc_datetime(&local);
    match (is_bst(as_bst), !is_bst(as_gmt)) {
        (true, true) => UkLocal::Ambiguous(as_bst, as_gmt),
        (true, false) => UkLocal::Single(as_bst),
        (false, true) => UkLocal::Single(as_gmt),
        (false, false) => UkLocal::Skipped,
    }
}

/// The UK wall-clock time of an instant.
pub fn to_uk_local(instant: DateTime<Utc>) -> NaiveDateTime {
    let offset = if is_bst(instant) {
        Duration::hours(1)
    } else {
        Duration::zero()
    };
    (instant + offset).naive_utc()
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
        assert_eq!(from_uk_local(local("2026-03-29 01:30")), UkLocal::Skipped);
        assert_eq!(
            from_uk_local(local("2026-03-29 02:00")),
            UkLocal::Single(utc("2026-03-29T01:00:00Z"))
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
    fn converting_to_local_and_back_gives_the_same_instant() {
        for s in [
            "2026-03-29T00:59:00Z",
            "2026-03-29T01:00:00Z",
            "2026-10-25T00:30:00Z",
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
}
