//! Names in free text, found only where the text says a name follows (see `redact`): people
//! introducing themselves ("my name is Jean McLeod") and titles ("Mr Smith", "PC Brown").
//!
//! A name word starts with a capital letter and is not a common word, place word or organisation
//! ("The", "Police", "Scotland", "Street"); lower-case particles ("de", "van", "mac") may join two
//! name words; up to four words are taken. After "my name is" and a title, capitals-only words
//! count ("MY NAME IS JEAN MCLEOD"). After "this is" and "I'm called", where ordinary sentences are
//! common ("THIS IS A DISGRACE", "this is Leith"), words in capitals only do not count, and "this
//! is" needs at least two name words, none of them a place word ("this is Leith Walk" is kept).

use regex::Captures;
use std::ops::Range;

const MAX_NAME_WORDS: usize = 4;

/// Capitalised words that are not names (compared in lower case), separated by spaces.
const NOT_NAMES: &str = "\
    a about after all also an and any are as at be because been but by can could dear did do does each even every \
    for from god had has have he hello her here hi his how i if in into is it its just like lord many me more most \
    much my never no not nothing now of ok okay on one only or our please really she since so some sorry still \
    such than thank thanks that the their them then there these they this those to too totally up us very was we \
    well were what when where which who why will with would yes you your absolutely ridiculous disgraceful \
    terrible awful unacceptable shocking monday tuesday wednesday thursday friday saturday sunday january february \
    march april may june july august september october november december christmas easter police scotland scottish \
    british uk council government parliament community division world edinburgh glasgow aberdeen dundee inverness \
    stirling perth falkirk paisley livingston hamilton motherwell kilmarnock ayr dumfries galashiels leith \
    lanarkshire lothian lothians borders fife highland highlands clackmannanshire";

/// Words that make a run of capitalised words a place, not a person.
const PLACE_WORDS: &[&str] = &[
    "street", "road", "avenue", "lane", "drive", "place", "terrace", "crescent", "gardens", "square", "court", "park",
    "way", "walk", "close", "grove", "row", "wynd", "brae", "loan", "vennel", "town", "city", "village", "estate",
    "centre", "center", "station", "hill", "bridge", "green", "cross", "shopping", "primary", "school", "academy",
];

/// Lower-case name particles, allowed only between name words.
const PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "del", "van", "von", "der", "le", "la", "mac", "bin", "al",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    /// "my name is", "my name's", or a title: capitals-only words count.
    Introduction,
    /// "I'm called", "I am called".
    Called,
    /// "this is": two or more name words, no place word.
    ThisIs,
}

/// The name after "my name is", "I'm called" or "this is" (the match of `redact`'s `name_intro`).
pub(super) fn intro_name_span(text: &str, caps: &Captures) -> Option<Range<usize>> {
    let intro = caps.name("intro")?.as_str().to_lowercase();
    let after = if intro.starts_with("my") {
        After::Introduction
    } else if intro.starts_with("this") {
        After::ThisIs
    } else {
        After::Called
    };
    name_span(text, caps.get(0)?.end(), after)
}

/// The name after a title (the match of `redact`'s `titled_name`), keeping the title.
pub(super) fn titled_name_span(text: &str, caps: &Captures) -> Option<Range<usize>> {
    name_span(text, caps.get(0)?.end(), After::Introduction)
}

fn name_span(text: &str, from: usize, after: After) -> Option<Range<usize>> {
    let mut names: Vec<Range<usize>> = Vec::new();
    let mut pending_particles = false;
    let mut at = from;
    while names.len() < MAX_NAME_WORDS {
        let Some(word) = next_word(text, at, names.is_empty() && !pending_particles) else {
            break;
        };
        let w = &text[word.clone()];
        if !names.is_empty() && PARTICLES.contains(&w) {
            pending_particles = true;
        } else if is_name_word(w, after) {
            names.push(word.clone());
            pending_particles = false;
        } else {
            break;
        }
        at = word.end;
    }
    let (first, last) = (names.first()?, names.last()?);
    if after == After::ThisIs {
        let place = names
            .iter()
            .any(|r| PLACE_WORDS.contains(&text[r.clone()].to_lowercase().as_str()));
        if names.len() < 2 || place {
            return None;
        }
    }
    Some(first.start..last.end)
}

/// The word starting at `at` after spaces or tabs (at least one unless `first`): letters with
/// inner apostrophes or hyphens ("O'Neill", "Mary-Jane"), or an initial with its full stop ("J.").
fn next_word(text: &str, at: usize, first: bool) -> Option<Range<usize>> {
    let rest = &text[at..];
    let start = at + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    if start == at && !first {
        return None;
    }
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins_letters = matches!(c, '\'' | '’' | '-') && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if c.is_alphabetic() || (joins_letters && end > start) {
            end = start + i + c.len_utf8();
        } else {
            if c == '.' && end - start == 1 {
                end += 1;
            }
            break;
        }
    }
    (end > start).then_some(start..end)
}

fn is_name_word(word: &str, after: After) -> bool {
    let letters = word.trim_end_matches('.');
    let Some(first) = letters.chars().next() else {
        return false;
    };
    let capitals_only = letters.chars().count() > 1 && !letters.chars().any(char::is_lowercase);
    first.is_uppercase()
        && !listed(NOT_NAMES, &letters.to_lowercase())
        && (after == After::Introduction || !capitals_only)
}

/// Whether `word` is one of the space-separated words of `list`.
fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}
