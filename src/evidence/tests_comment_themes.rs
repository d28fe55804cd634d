//! Theme counts per group, example quotes and suppression of small groups.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::comment_themes::{
    code_comments, short_quote, suppress_small_groups, Comment, GroupComments, MAX_EXAMPLES, MAX_QUOTE_CHARS,
};
use super::tests_themes::your_police_coder;
use super::themes::ThemeCoder;
use crate::domain::Theme;
use std::collections::HashMap;
use std::time::Instant;

fn coder() -> ThemeCoder {
    let theme = |id: &str, keywords: &[&str]| Theme {
        id: id.into(),
        label: format!("Label {id}"),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
    };
    ThemeCoder::new(&[
        theme("speed", &["speed", "boy racer"]),
        theme("drugs", &["drug", "dealer"]),
    ])
}

/// A comment that may be quoted.
fn quotable(text: &str) -> Comment<'_> {
    Comment { text, quotable: true }
}

/// Comments in one group "g", all quotable.
fn in_one_group<'a>(comments: &'a [&'a str]) -> impl Iterator<Item = (&'static str, Comment<'a>)> + 'a {
    comments.iter().map(|c| ("g", quotable(c)))
}

#[test]
fn themes_are_counted_per_group_and_a_comment_counts_in_every_theme_it_mentions() {
    let comments = [
        ("east", "Speeding cars"),
        ("east", "drug dealers and boy racers"),
        ("east", "   "),
        ("east", "lovely area"),
        ("west", "Drugs"),
    ];
    let counts = code_comments(&coder(), comments.map(|(g, c)| (g, quotable(c))));
    assert_eq!(
        counts.themes.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["speed", "drugs"]
    );
    assert_eq!(counts.themes[1].label, "Label drugs");
    let east = &counts.groups["east"];
    assert_eq!((east.comments, east.coded), (3, 2)); // the blank comment is not a comment
    assert_eq!(east.themes.iter().map(|t| t.count).collect::<Vec<_>>(), [2, 1]);
    let west = &counts.groups["west"];
    assert_eq!(
        (west.comments, west.coded, west.themes[0].count, west.themes[1].count),
        (1, 1, 0, 1)
    );
    assert!(west.themes[0].examples.is_empty());
}

#[test]
fn examples_are_informative_distinct_comments_closest_to_the_median_length_with_ties_by_text() {
    let comments = [
        "Speed.",                                                      // one word: too short to inform
        "speeding on the road",                                        // four words: too short
        "Cars speed down Main Street every single night without fail", // 59 characters
        "Boy racers every night on the main road",                     // 39: the median of 37–59
        "BOY RACERS EVERY NIGHT ON THE MAIN ROAD!",                    // 40: reads the same, shown once
        "Speeding vans near the primary school",                       // 37: 2 from the median
        "Speeding cars near the primary school",                       // 37: the tie goes by text
        "The speeding here is far too much for anyone, honestly!",     // 55
    ];
    let counts = code_comments(&coder(), in_one_group(&comments));
    let speed = &counts.groups["g"].themes[0];
    assert_eq!(speed.count, 8);
    assert_eq!(
        speed.examples,
        [
            "Boy racers every night on the main road",
            "Speeding cars near the primary school",
            "Speeding vans near the primary school",
        ]
    );
}

#[test]
fn only_short_comments_are_quoted_when_there_is_nothing_longer() {
    let comments = ["Speed.", "speeding", "Speeding!!"];
    let counts = code_comments(&coder(), in_one_group(&comments));
    // The median of 6, 8 and 10 characters is 8; "Speeding!!" reads the same as "speeding".
    assert_eq!(counts.groups["g"].themes[0].examples, ["speeding", "Speed."]);
}

#[test]
fn needing_redaction_neither_helps_nor_hurts_a_comment_being_quoted() {
    // The comment at the median length names someone: it is quoted (redacted), not passed over
    // for the comments that needed no redaction.
    let with_name = "Jane Doe speeds past the school";
    let comments = [
        "speeding on the road",
        "speeding on the main road",
        with_name,
        "speeding cars outside the school every day",
        "speeding vans and cars outside the big school every morning",
    ];
    let counts = code_comments(&coder(), in_one_group(&comments));
    let examples = &counts.groups["g"].themes[0].examples;
    assert_eq!(examples[0], "[name removed] speeds past the school");
    // The same comments without the name give the same choice, in the same places.
    let plain = "Some lad speeds past the school";
    let replaced: Vec<&str> = comments
        .iter()
        .map(|c| if *c == with_name { plain } else { c })
        .collect();
    let counts = code_comments(&coder(), in_one_group(&replaced));
    assert_eq!(counts.groups["g"].themes[0].examples[0], plain);
    assert_eq!(examples.len(), MAX_EXAMPLES);
}

#[test]
fn comments_that_may_not_be_quoted_are_counted_but_never_quoted() {
    let comments = [
        (
            "g",
            Comment {
                text: "Speeding cars every night on our road",
                quotable: false,
            },
        ),
        (
            "g",
            Comment {
                text: "Boy racers speeding past the school",
                quotable: false,
            },
        ),
        ("g", quotable("speed")),
        (
            "h",
            Comment {
                text: "Drug dealers on the corner every day",
                quotable: false,
            },
        ),
    ];
    let counts = code_comments(&coder(), comments);
    let g = &counts.groups["g"];
    assert_eq!((g.comments, g.coded, g.themes[0].count), (3, 3, 3));
    assert_eq!(g.themes[0].examples, ["speed"]);
    let h = &counts.groups["h"];
    assert_eq!((h.comments, h.themes[1].count), (1, 1));
    assert!(h.themes[1].examples.is_empty());
}

#[test]
fn personal_data_never_reaches_an_example() {
    let comments = [
        "call 07700 900123 about the dealer",
        "my name is Jean McLeod, drug dealing at EH12 5AB",
    ];
    let counts = code_comments(&coder(), in_one_group(&comments));
    let examples = &counts.groups["g"].themes[1].examples;
    assert_eq!(
        examples,
        &[
            "call [phone number removed] about the dealer",
            "my name is [name removed], drug dealing at [postcode removed]"
        ]
    );
}

#[test]
fn the_choice_of_examples_does_not_depend_on_the_order_of_comments() {
    let comments: Vec<String> = (0..40)
        .map(|i| format!("speeding cars on road number {:02} every day", i % 17))
        .collect();
    let forward = code_comments(&coder(), comments.iter().map(|c| ("g", quotable(c))));
    let backward = code_comments(&coder(), comments.iter().rev().map(|c| ("g", quotable(c))));
    assert_eq!(forward, backward);
    assert_eq!(forward.groups["g"].themes[0].examples.len(), 3);
}

#[test]
fn long_quotes_are_cut_at_a_sentence_end_or_else_a_word_with_an_ellipsis() {
    let first = "The speeding on our road is constant and nobody seems to care about it at all.";
    let long = format!(
        "{first} {}",
        "Cars go past the school at fifty or sixty miles an hour. ".repeat(4)
    );
    let quote = short_quote(&long);
    assert!(quote.ends_with(". …"), "{quote}");
    assert!(quote.starts_with(first));
    assert!(quote.chars().count() <= MAX_QUOTE_CHARS + 2);

    let no_stops = "speeding ".repeat(40);
    let quote = short_quote(&no_stops);
    assert!(quote.ends_with("speeding …"), "{quote}");
    assert!(quote.chars().count() <= MAX_QUOTE_CHARS + 2);

    assert_eq!(short_quote("  short\n\n  and   tidy "), "short and tidy");
}

#[test]
fn groups_under_the_threshold_are_suppressed_not_shown_as_zero() {
    let comments = [("big", "speeding"), ("small", "drug dealing"), ("unknown", "speed")];
    let counts = code_comments(&coder(), comments.map(|(g, c)| (g, quotable(c))));
    let bases = HashMap::from([("big", 10), ("small", 9), ("quiet", 50)]);
    let published = suppress_small_groups(counts, &bases, 10);
    assert_eq!(published.suppression_threshold, 10);
    let GroupComments::Shown { base, counts } = &published.groups["big"] else {
        panic!("big is shown")
    };
    assert_eq!((*base, counts.themes[0].count), (10, 1)); // a base equal to the threshold is shown
    assert_eq!(published.groups["small"], GroupComments::Suppressed { base: 9 });
    assert_eq!(published.groups["unknown"], GroupComments::Suppressed { base: 0 }); // no base: suppressed
    let GroupComments::Shown { counts: quiet, .. } = &published.groups["quiet"] else {
        panic!("quiet is shown")
    };
    assert_eq!((quiet.comments, quiet.themes.len(), quiet.themes[1].count), (0, 2, 0));
    let json = serde_json::to_value(&published.groups["small"]).unwrap();
    assert_eq!(json, serde_json::json!({ "status": "suppressed", "base": 9 }));
}

/// 400,000 comments of realistic length; run with `cargo test --release -- --ignored` to see the time.
#[test]
#[ignore = "timing; run by hand"]
fn coding_four_hundred_thousand_comments_takes_about_a_second() {
    let coder = your_police_coder();
    let phrases = [
        "We never see police on the beat here any more and the kids are running wild at night",
        "Speeding cars and boy racers along the main road past the school, someone will be killed",
        "Drug dealing in the park in broad daylight, reported it to 101 but nobody came",
        "Lovely quiet area, no complaints, thank you for asking our views on local policing",
        "Fly tipping, litter and graffiti everywhere, the street lights are broken and it is dark",
    ];
    let comments: Vec<(u8, String)> = (0..400_000)
        .map(|i| ((i % 32) as u8, format!("{} ({i})", phrases[i % phrases.len()])))
        .collect();
    let started = Instant::now();
    let counts = code_comments(&coder, comments.iter().map(|(g, c)| (*g, quotable(c))));
    let elapsed = started.elapsed();
    assert_eq!(counts.groups.values().map(|g| g.comments).sum::<u32>(), 400_000);
    println!("coded 400,000 comments in {elapsed:?}");
    assert!(elapsed.as_secs_f64() < 5.0, "{elapsed:?}");
}
