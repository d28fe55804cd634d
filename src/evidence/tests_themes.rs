//! Theme coding against the real Your Police 2026 coding frame and small hand-made ones.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::themes::ThemeCoder;
use crate::domain::Theme;

pub(super) fn your_police_coder() -> ThemeCoder {
    let text = include_str!("../../survey-defs/your-police-2026.toml");
    let definition = crate::defs::parse_str("your-police-2026.toml", text, None).unwrap();
    ThemeCoder::new(&definition.themes)
}

fn theme(id: &str, keywords: &[&str]) -> Theme {
    Theme {
        id: id.into(),
        label: id.into(),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
    }
}

fn ids(coder: &ThemeCoder, comment: &str) -> Vec<String> {
    coder
        .themes_of(comment)
        .into_iter()
        .map(|i| coder.themes()[i].id.clone())
        .collect()
}

#[test]
fn comments_are_coded_with_the_your_police_keyword_lists() {
    let coder = your_police_coder();
    let cases: &[(&str, &[&str])] = &[
        ("Speeders on the main road every night", &["speeding_driving"]),
        // Where the cars are is not what the comment is about: no parking theme for "school gate".
        ("Cars SPEEDING past the school gate", &["speeding_driving"]),
        (
            "Parents parked on the zig zags at the school gate",
            &["parking_nuisance_vehicles"],
        ),
        ("boy racers on the main road", &["speeding_driving"]),
        ("Drink driving is rife", &["speeding_driving"]),
        ("too many drink drivers", &["speeding_driving"]),
        ("We never see a police officer", &["police_visibility"]),
        ("I have never seen a bobby on the beat here", &["police_visibility"]),
        ("The polis never came", &["response_times"]),
        ("Nobody came when I phoned", &["response_times"]),
        ("I waited two hours on hold to 101", &["response_times", "contact_101"]),
        ("they didn't turn up", &["response_times"]),
        ("They didnae turn up at all", &["response_times"]),
        ("Drug dealers outside the shops", &["drugs"]),
        (
            "Weans on scramblers tearing up the park",
            &["asb_youths", "parking_nuisance_vehicles"],
        ),
        ("Anti-social behaviour every weekend", &["asb_youths"]),
        ("antisocial teenagers", &["asb_youths"]),
        ("E-scooters on the pavement", &["parking_nuisance_vehicles"]),
        ("escooters everywhere", &["parking_nuisance_vehicles"]),
        ("Flytipping and graffiti", &["street_environment"]),
        ("scammers phoned my mum", &["scams_fraud"]),
        ("My shed was broken into and bikes stolen", &["theft_housebreaking"]),
        ("a spate of housebreakings and burglaries", &["theft_housebreaking"]),
        ("vandalised bus shelter", &["street_environment"]),
        ("Poachers and hare coursing on the farm", &["rural_issues"]),
        ("The officer was helpful", &["trust_conduct"]),
        ("20 mph limits are ignored", &["speeding_driving", "trust_conduct"]),
        ("Drug dealing in the park", &["drugs"]),
        ("Vans parked on the pavement", &["parking_nuisance_vehicles"]),
        (
            "car parks are full of boy racers",
            &["speeding_driving", "parking_nuisance_vehicles"],
        ),
        ("waiting hours for a call back", &["response_times", "contact_101"]),
        ("my drink was spiked", &["women_safety"]),
        ("the street lights are out", &["street_environment"]),
    ];
    let mut failures = Vec::new();
    for (comment, expected) in cases {
        let got = ids(&coder, comment);
        if got != *expected {
            failures.push(format!("{comment:?}: got {got:?}, want {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn words_that_only_begin_like_a_keyword_do_not_match() {
    let coder = your_police_coder();
    for comment in [
        "I ordered scampi",           // scam
        "the speedometer was broken", // speed … and "broken" is not "broken into"
        "please help us",             // helpful stems to help, but keeps its meaning
        "dogs in the park",           // parking and parked stem to park
        "they should deal with it",   // dealing stems to deal
        "a quadrant of the estate",   // quad
        "the trustees of the hall",   // trust
        "nice weather",
        "",
        "!!!",
    ] {
        assert_eq!(ids(&coder, comment), Vec::<String>::new(), "{comment:?}");
    }
}

#[test]
fn a_phrase_needs_its_words_consecutive_and_in_order() {
    let coder = ThemeCoder::new(&[theme("visibility", &["never see"]), theme("racers", &["boy racer"])]);
    assert_eq!(ids(&coder, "we never see them"), ["visibility"]);
    assert_eq!(ids(&coder, "we see them, never"), Vec::<String>::new());
    assert_eq!(ids(&coder, "never, ever see them"), Vec::<String>::new());
    assert_eq!(ids(&coder, "Boy-racers!"), ["racers"]);
}

#[test]
fn matching_ignores_case_and_punctuation_and_handles_apostrophes() {
    let coder = ThemeCoder::new(&[theme("no_show", &["didn't turn up"]), theme("kids", &["kids"])]);
    assert_eq!(ids(&coder, "They DIDN’T turn up."), ["no_show"]);
    assert_eq!(ids(&coder, "they didnt turn up"), ["no_show"]);
    assert_eq!(ids(&coder, "the kids' bikes"), ["kids"]);
    assert_eq!(ids(&coder, "(KIDS)"), ["kids"]);
}

#[test]
fn a_theme_is_reported_once_however_often_its_keywords_appear() {
    let coder = ThemeCoder::new(&[theme("a", &["drug", "dealer"]), theme("b", &["speed"])]);
    assert_eq!(coder.themes_of("drugs drugs dealers speed"), [0, 1]);
}

#[test]
fn themes_without_keywords_match_nothing() {
    let coder = ThemeCoder::new(&[theme("empty", &[]), theme("blank", &["", "  "])]);
    assert!(coder.themes_of("anything at all").is_empty());
}
