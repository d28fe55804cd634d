use super::*;
use chrono::TimeZone;

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, hour, minute, 0).unwrap()
}

fn row(id: i64, area: &str, time: DateTime<Utc>, answers: &str, comment: Option<&str>) -> ScreeningRow {
    ScreeningRow {
        id,
        area: area.into(),
        submitted_at: time,
        answers: answers.into(),
        comment: comment.map(str::to_string),
    }
}

fn ids(flagged: &BTreeMap<i64, BTreeSet<ScreeningRule>>, rule: ScreeningRule) -> Vec<i64> {
    flagged
        .iter()
        .filter(|(_, r)| r.contains(&rule))
        .map(|(id, _)| *id)
        .collect()
}

#[test]
fn identical_answers_with_a_comment_close_together_in_one_area_are_flagged() {
    let rows = [
        row(1, "A", at(9, 0), "4|3|x,y", Some("Too many vans")),
        row(2, "A", at(9, 8), "4|3|x,y", Some("Too many vans")),
        // Same answers, another area; same area but 30 minutes later; another comment.
        row(3, "B", at(9, 5), "4|3|x,y", Some("Too many vans")),
        row(4, "A", at(9, 40), "4|3|x,y", Some("Too many vans")),
        row(5, "A", at(9, 1), "4|3|x,y", Some("Too many cars")),
    ];
    assert_eq!(ids(&flag_responses(&rows), ScreeningRule::IdenticalAnswers), [1, 2]);
}

#[test]
fn identical_answers_without_a_comment_need_three_within_the_window() {
    let two = [
        row(1, "A", at(9, 0), "4|3|x", None),
        row(2, "A", at(9, 1), "4|3|x", Some(" ")),
    ];
    assert!(
        flag_responses(&two).is_empty(),
        "two identical short answers happen by chance"
    );
    let three = [
        row(1, "A", at(9, 0), "4|3|x", None),
        row(2, "A", at(9, 5), "4|3|x", None),
        row(3, "A", at(9, 14), "4|3|x", None),
    ];
    assert_eq!(ids(&flag_responses(&three), ScreeningRule::IdenticalAnswers), [1, 2, 3]);
}

#[test]
fn an_hour_far_above_the_areas_usual_rate_is_a_burst() {
    let mut rows: Vec<ScreeningRow> = (0..8)
        .map(|h| row(h, "A", at(h as u32, 30), &format!("a{h}"), None))
        .collect();
    rows.extend((0..12).map(|i| row(100 + i, "A", at(10, i as u32 * 4), &format!("b{i}"), None)));
    // Another area's busy hour is its normal: 12 an hour every hour.
    rows.extend((0..36).map(|i| {
        row(
            200 + i,
            "B",
            at(i as u32 / 12, (i as u32 % 12) * 5),
            &format!("c{i}"),
            None,
        )
    }));
    let burst = ids(&flag_responses(&rows), ScreeningRule::Burst);
    assert_eq!(burst, (100..112).collect::<Vec<_>>());
}

#[test]
fn the_same_long_comment_anywhere_is_flagged_but_short_common_ones_are_not() {
    let rows = [
        row(1, "A", at(9, 0), "1", Some("Speeding on the B6374 is dangerous!")),
        row(2, "B", at(15, 0), "2", Some("speeding on the  b6374 is dangerous")),
        row(3, "A", at(9, 0), "3", Some("No comment")),
        row(4, "C", at(11, 0), "4", Some("No comment")),
    ];
    let flagged = flag_responses(&rows);
    assert_eq!(ids(&flagged, ScreeningRule::RepeatedComment), [1, 2]);
    assert_eq!(flagged.len(), 2);
}

#[test]
fn ordinary_varied_responses_are_not_flagged() {
    let rows: Vec<ScreeningRow> = (0..50)
        .map(|i| {
            let comment = format!("Comment number {i} about a different street");
            row(
                i,
                "A",
                at((i / 5) as u32, (i % 5) as u32 * 10),
                &format!("{}", i % 7),
                Some(&comment),
            )
        })
        .collect();
    assert!(flag_responses(&rows).is_empty());
}
