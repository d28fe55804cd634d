//! The word lists that tell a person's name from a place, an organisation or an ordinary word, for
//! the name rules of `redact_names` and `name_runs`. The lists are text files in `wordlists/`
//! (compiled in), each saying at its top what it holds and how it is used:
//! * `given_names.txt` and `surnames.txt`: names;
//! * `common_words.txt`: ordinary words, including the names that are also words ("Grace", "Brown");
//! * `areas.txt`: Scottish council areas, police divisions and regions (always places);
//! * `places.txt`: towns, neighbourhoods, islands and landmarks;
//! * `organisations.txt`: services, shops and other capitalised phrases that are not people.
//!
//! Street and feature words ("Road", "Park", "Bridge") are listed here, in [`PLACE_WORDS`].

use std::collections::HashSet;
use std::sync::LazyLock;

/// Words that make a run of capitalised words a place, not a person ("Leith Walk", "Victoria Park").
pub(super) const PLACE_WORDS: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "drive",
    "place",
    "terrace",
    "crescent",
    "gardens",
    "square",
    "court",
    "park",
    "way",
    "walk",
    "close",
    "grove",
    "row",
    "wynd",
    "brae",
    "loan",
    "vennel",
    "mews",
    "quadrant",
    "circus",
    "parade",
    "town",
    "city",
    "village",
    "estate",
    "centre",
    "center",
    "station",
    "hill",
    "bridge",
    "green",
    "cross",
    "shopping",
    "primary",
    "school",
    "academy",
    "high",
    "college",
    "university",
    "hospital",
    "library",
    "church",
    "kirk",
    "hall",
    "castle",
    "harbour",
    "port",
    "fort",
    "bay",
    "loch",
    "glen",
    "burn",
    "river",
    "beach",
    "pier",
    "quay",
    "links",
    "moor",
    "muir",
    "wood",
    "woods",
    "forest",
    "farm",
    "mill",
    "hotel",
    "bar",
    "pub",
    "inn",
    "club",
    "stadium",
    "arena",
    "retail",
    "industrial",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "new",
    "old",
    "mount",
    "isle",
    "island",
    "saint",
];

struct Lists {
    given: HashSet<String>,
    surnames: HashSet<String>,
    common: HashSet<String>,
    areas: HashSet<String>,
    places: HashSet<String>,
    organisations: HashSet<String>,
    longest_phrase: usize,
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn words(text: &str) -> HashSet<String> {
    lines(text)
        .flat_map(str::split_whitespace)
        .map(str::to_lowercase)
        .collect()
}

fn phrases(text: &str) -> HashSet<String> {
    lines(text).map(phrase_key).collect()
}

/// How a phrase (or a run of words) is looked up: lower case, curly apostrophes straightened,
/// "St." written "st", one space between words.
pub(super) fn phrase_key(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|w| w.to_lowercase().replace('’', "'"))
        .map(|w| if w == "st." { "st".to_string() } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let areas = phrases(include_str!("wordlists/areas.txt"));
    let places = phrases(include_str!("wordlists/places.txt"));
    let organisations = phrases(include_str!("wordlists/organisations.txt"));
    let longest_phrase = places
        .iter()
        .chain(&areas)
        .chain(&organisations)
        .map(|p| p.split(' ').count())
        .max()
        .unwrap_or(1);
    Lists {
        given: words(include_str!("wordlists/given_names.txt")),
        surnames: words(include_str!("wordlists/surnames.txt")),
        common: words(include_str!("wordlists/common_words.txt")),
        areas,
        places,
        organisations,
        longest_phrase,
    }
});

/// `lower` (a word in lower case) is a given name.
pub(super) fn is_given_name(lower: &str) -> bool {
    LISTS.given.contains(lower)
}

/// `lower` is an ordinary word (or a name that is also one).
pub(super) fn is_common_word(lower: &str) -> bool {
    LISTS.common.contains(lower)
}

/// `lower` is a street or feature word.
pub(super) fn is_place_word(lower: &str) -> bool {
    PLACE_WORDS.contains(&lower.trim_end_matches('.'))
}

/// `word` (as written) is a surname: listed, or spelt Mc…, Mac… with a capital after it, or O'….
pub(super) fn is_surname(word: &str) -> bool {
    let lower = word.to_lowercase();
    if LISTS.surnames.contains(&lower) {
        return true;
    }
    if LISTS.organisations.contains(&phrase_key(word)) {
        return false; // "McDonald's"
    }
    let rest_starts_upper = |rest: &str| rest.chars().next().is_some_and(char::is_uppercase);
    let mc = ["Mc", "mc", "MC"].iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|r| r.chars().count() >= 2 && r.chars().all(char::is_alphabetic))
    });
    let mac = word.strip_prefix("Mac").is_some_and(rest_starts_upper);
    let o = ["O'", "O’"]
        .iter()
        .any(|p| word.strip_prefix(p).is_some_and(rest_starts_upper));
    mc || mac || o
}

/// The most words a listed place or organisation has.
pub(super) fn longest_phrase() -> usize {
    LISTS.longest_phrase
}

/// `key` (see [`phrase_key`]) is a listed place or organisation.
pub(super) fn is_listed_phrase(key: &str) -> bool {
    LISTS.areas.contains(key) || LISTS.places.contains(key) || LISTS.organisations.contains(key)
}

/// `key` is a council area, police division or region: a place wherever it stands ("Angus").
pub(super) fn is_area(key: &str) -> bool {
    LISTS.areas.contains(key)
}

/// `key` is a listed organisation (or service, shop, holiday).
pub(super) fn is_organisation(key: &str) -> bool {
    LISTS.organisations.contains(key)
}
