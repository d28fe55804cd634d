//! Street addresses and flats in free text (see `redact`), which identify a household:
//! * a house number (12, 12a, 12-14, "No. 12") and one to three words ending in a street word
//!   ("12 Easter Road", "14a high st", "3 Mill Wynd", "1 The Loan"). The words between may be in
//!   any case but may not be ordinary words that put a number before a road in everyday text ("30
//!   mph on the road", "5 minutes drive", "2 kids in the park"); street words that are also
//!   ordinary words (Park, Way, Close, Drive, Place…) count only when capitalised;
//! * flats: "Flat 3", "flat 2/1", "Flat 3F2", "apartment 4", Edinburgh's "3F2" and "PF1", and
//!   Glasgow's "2/1" after "flat", "in", "at", "from", "the"… unless it is a date ("on 2/1",
//!   "2/1/24") or a fraction ("1/2 an hour");
//! * "number 12" after "at", "from", "outside", "lives in"… ("the house at number 12").
//!
//! A year (1900–2099) or a number glued to a time, a price or a fraction is not a house number.

use super::name_tokens::{words, Case};
use regex::Captures;
use std::ops::Range;

/// Street words in any case.
const STREET_WORDS: &[&str] = &[
    "road",
    "rd",
    "street",
    "st",
    "avenue",
    "ave",
    "crescent",
    "cres",
    "terrace",
    "terr",
    "gardens",
    "gdns",
    "lane",
    "wynd",
    "brae",
    "loan",
    "loaning",
    "vennel",
    "boulevard",
    "quadrant",
    "mews",
    "parade",
    "causeway",
];

/// Street words that are also ordinary words: only when capitalised.
const CAPITALISED_STREET_WORDS: &[&str] = &[
    "drive", "dr", "place", "pl", "court", "ct", "close", "row", "square", "sq", "way", "park", "grove", "walk",
    "view", "gate", "green", "hill", "rise", "circus", "bank", "path", "neuk", "gait", "steps", "yard", "wharf",
    "quay", "glade", "grange", "heights", "loan",
];

/// Words that sit between a number and a road in everyday text, and never in an address.
const NOT_IN_ADDRESSES: &[&str] = &[
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "of",
    "to",
    "by",
    "and",
    "or",
    "for",
    "from",
    "up",
    "down",
    "along",
    "off",
    "into",
    "onto",
    "past",
    "near",
    "round",
    "around",
    "across",
    "over",
    "through",
    "every",
    "each",
    "per",
    "mph",
    "kph",
    "mile",
    "miles",
    "min",
    "mins",
    "minute",
    "minutes",
    "hour",
    "hours",
    "hr",
    "hrs",
    "second",
    "seconds",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "yr",
    "yrs",
    "time",
    "times",
    "yard",
    "yards",
    "metre",
    "metres",
    "meter",
    "meters",
    "foot",
    "feet",
    "km",
    "car",
    "cars",
    "kid",
    "kids",
    "people",
    "youths",
    "boys",
    "girls",
    "men",
    "women",
    "times",
    "o'clock",
    "am",
    "pm",
    "lane",
    "way",
    "storey",
    "bedroom",
    "door",
    "doors",
    "house",
    "houses",
    "different",
    "separate",
    "other",
    "more",
    "than",
    "lanes",
    "old",
    "year-old",
    "dogs",
    "vans",
    "bikes",
];

/// Words after "1/2" that make it a fraction, not a flat.
const AFTER_FRACTIONS: &[&str] = &[
    "a", "an", "the", "of", "hour", "hours", "hr", "hrs", "mile", "miles", "mins", "minutes", "way", "price", "time",
    "day", "days", "dozen", "pint", "empty", "full",
];

fn street_word(lower: &str, case: Case) -> bool {
    let lower = lower.trim_end_matches('.');
    STREET_WORDS.contains(&lower)
        || (matches!(case, Case::Title | Case::Caps) && CAPITALISED_STREET_WORDS.contains(&lower))
}

fn glued_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '/' | '£' | '$' | '€' | '-' | '–' | ','))
        && !text[..at].ends_with(", ")
}

/// A house number followed by up to three words and a street word (the match of `redact`'s
/// `house_number`: the number with the spaces after it).
pub(super) fn house_number_span(text: &str, caps: &Captures) -> Option<Range<usize>> {
    let whole = caps.get(0)?;
    let number = caps.name("number")?;
    if glued_before(text, whole.start()) {
        return None;
    }
    let year = number.as_str().len() == 4 && (number.as_str().starts_with("19") || number.as_str().starts_with("20"));
    if year {
        return None;
    }
    let after = &text[whole.end()..];
    let following = words(after);
    for (k, word) in following.iter().enumerate().take(4) {
        let starts_right = if k == 0 { word.range.start == 0 } else { word.joined };
        if !starts_right {
            return None;
        }
        if k > 0 && street_word(&word.lower, word.case) {
            // "33 Larch Grove Court": street words that follow belong to the address.
            let end = following[k..]
                .iter()
                .enumerate()
                .take_while(|(i, w)| *i == 0 || (w.joined && street_word(&w.lower, w.case)))
                .last()
                .map_or(word.range.end, |(_, w)| w.range.end);
            return Some(whole.start()..whole.end() + end);
        }
        // "1 The Wynd", "4 St John's Road"
        let the_first = k == 0 && word.case == Case::Title && matches!(word.lower.as_str(), "the" | "st");
        // "2 lane road" is ordinary text, "12 Loan Brae" an address.
        let lower_street_word = word.case == Case::Lower && STREET_WORDS.contains(&word.lower.as_str());
        let ordinary = NOT_IN_ADDRESSES.contains(&word.lower.as_str()) || lower_street_word;
        if word.case == Case::Other || (ordinary && !the_first) {
            return None;
        }
    }
    None
}

/// "Flat 3", "flat 2/1", "3F2" (the whole match).
pub(super) fn flat_span(text: &str, caps: &Captures) -> Option<Range<usize>> {
    let m = caps.get(0)?;
    (!glued_before(text, m.start())).then(|| m.range())
}

/// Glasgow's "2/1" after a cue word, unless a date or a fraction (the cue word is kept).
pub(super) fn tenement_flat_span(text: &str, caps: &Captures) -> Option<Range<usize>> {
    let flat = caps.name("flat")?;
    let rest = &text[flat.end()..];
    if rest.starts_with(['/', '-', '.']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None; // "2/1/24"
    }
    let next = rest
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    (!AFTER_FRACTIONS.contains(&next.as_str())).then(|| flat.range())
}

/// "number 12" after "at", "outside"… (the cue word is kept).
pub(super) fn numbered_house_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
    caps.name("house").map(|m| m.range())
}
