//! Names where the text says a name follows (see `redact`): people introducing themselves ("my
//! name is Jean McLeod") and titles ("Mr Smith", "PC Brown", "Cllr Reid"). Names elsewhere are
//! found by `name_runs`.
//!
//! A name word starts with a capital letter and is not an ordinary word, a listed place or an
//! organisation (`name_lists`: "The", "Police", "Scotland", "Street"); lower-case particles ("de",
//! "van", "mac") may join two name words; up to four words are taken. After "my name is" and a
//! title, capitals-only words count ("MY NAME IS JEAN MCLEOD"), and so does a name in lower case
//! that starts with a listed given name ("my name is jean mcleod"). After "this is" and "I'm
//! called", where ordinary sentences are common ("THIS IS A DISGRACE", "this is Leith"), words in
//! capitals only do not count, and "this is" needs at least two name words, none of them a place
//! word ("this is Leith Walk" is kept).

use super::name_lists::{
    is_common_word, is_given_name, is_listed_phrase, is_organisation, is_place_word, is_surname, phrase_key,
};
use regex::Captures;
use std::ops::Range;

const MAX_NAME_WORDS: usize = 4;

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
    let mut lower_case_name = false;
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
        } else if (names.is_empty() || lower_case_name) && lower_case_name_word(w, after, names.is_empty()) {
            lower_case_name = true;
            names.push(word.clone());
            pending_particles = false;
        } else {
            break;
        }
        at = word.end;
    }
    let (first, last) = (names.first()?, names.last()?);
    if after == After::ThisIs {
        let place = names.iter().any(|r| {
            let word = &text[r.clone()];
            is_place_word(&word.to_lowercase()) || is_listed_phrase(&phrase_key(word))
        }) || is_listed_phrase(&phrase_key(&text[first.start..last.end]));
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
    let lower = letters.to_lowercase();
    first.is_uppercase()
        && (!is_common_word(&lower) || is_surname(letters))
        && !is_organisation(&phrase_key(letters))
        && (after == After::Introduction || !capitals_only)
}

/// After "my name is" or a title, a name in lower case: a listed given name first ("jean"), then
/// words that are not ordinary words ("mcleod").
fn lower_case_name_word(word: &str, after: After, first: bool) -> bool {
    let lower = word.trim_end_matches('.');
    let all_lower = lower.chars().all(|c| c.is_lowercase() || !c.is_alphabetic());
    let fits = if first {
        is_given_name(lower) && !is_common_word(lower)
    } else {
        !is_common_word(lower) && !is_place_word(lower)
    };
    after == After::Introduction && all_lower && fits
}
