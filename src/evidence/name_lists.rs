//! The word lists that tell a person's name from a place, an organisation or an ordinary word, for
//! the name rules of `redact_names` and `name_runs`. The lists are text files in `wordlists/`
//! (compiled in), each saying at its top what it holds and how it is used:
//! * `given_names.txt` and `surnames.txt`: names;
//! * `common_words.txt`: ordinary words, including the names that are also words ("Grace", "Brown");
//! * `areas.txt`: Scottish council areas, police divisions and regions (always places);
//! * `places.txt`: towns, neighbourhoods, islands and landmarks;
//! * `organisations.txt`: services, shops and other capitalised phrases that are not people;
//! * `place_words.txt`: street and feature words ("Road", "Park", "Bridge").
//!
//! Short lists of words that mark where a name is (particles, cues) are kept here as constants.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Lower-case name particles, allowed only between name words.
pub(super) const PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "del", "van", "von", "der", "le", "la", "mac", "bin", "al",
];

/// Words before a one-word place that make it a place rather than a person ("in Keith",
/// "county lines has reached Keith").
pub(super) const LOCATIVES: &[&str] = &[
    "in", "at", "near", "from", "to", "around", "round", "through", "outside", "into", "across", "of", "towards",
    "past", "via", "beyond", "between", "and", "or", "about", "for", "like", "than", "reached", "reach", "visit",
    "visited", "visiting", "leave", "leaving", "left", "entering", "live", "lived", "living",
];

/// Words after which a capitalised word is a person ("my neighbour Tadeusz", "a boy called Kez").
pub(super) const CUES: &[&str] = &[
    "neighbour",
    "neighbours",
    "neighbor",
    "called",
    "named",
    "son",
    "daughter",
    "lad",
    "boy",
    "girl",
    "guy",
    "man",
    "woman",
    "wife",
    "husband",
    "partner",
    "pal",
    "mate",
    "friend",
    "brother",
    "sister",
    "cousin",
    "uncle",
    "auntie",
    "aunt",
    "granny",
    "gran",
    "grandad",
    "grandson",
    "granddaughter",
    "nephew",
    "niece",
    "tenant",
    "landlord",
    "landlady",
    "bloke",
    "fella",
    "dealer",
    "driver",
    "owner",
    "boyfriend",
    "girlfriend",
    "ex",
    "mum",
    "dad",
    "mother",
    "father",
    "teenager",
    "youth",
    "kid",
    "child",
];

/// Words before which a capitalised word is a family name ("the Pettigrew brothers").
pub(super) const FAMILY_CUES: &[&str] = &[
    "family",
    "families",
    "brothers",
    "sisters",
    "twins",
    "household",
    "clan",
];

struct Lists {
    given: HashSet<String>,
    surnames: HashSet<String>,
    common: HashSet<String>,
    place_words: HashSet<String>,
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
        place_words: words(include_str!("wordlists/place_words.txt")),
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
    LISTS.place_words.contains(lower.trim_end_matches('.'))
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
