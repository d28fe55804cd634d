//! People's names found anywhere in a comment (see `redact`), not only after "my name is" or a
//! title (`redact_names`). Words are compared with the lists of `name_lists`.
//!
//! 1. Listed places and organisations are kept, longest first ("Port Glasgow", "Police Scotland",
//!    "Bridge of Don"). A one-word place that is also a given name ("Keith", "Lewis") is a place
//!    only after a preposition ("in Keith"), unless it is a council area or division ("Angus");
//!    one right after a given name is a surname ("Jean Hamilton").
//! 2. Capitalised words that run together (only spaces between them, name particles such as "de"
//!    or "van" allowed) ending in, or followed by, a street or feature word are a place ("Leith
//!    Walk", "Victoria Park", "Victoria road"). Otherwise two neighbours in the run are a name when
//!    * the first is a given name and the second a surname or, Capitalised, not an ordinary word
//!      ("Jane Doe", "JANE DOE", "Mark White"), or
//!    * the second is a surname (listed, Mc…, Mac…, O'…) and the first not an ordinary word
//!      ("Shonagh McTavish"), or
//!    * both are Capitalised (not CAPITALS), neither is an ordinary, street or feature word, the
//!      first does not start a sentence, and the comment is not mostly Capitalised ("reported Kez
//!      Dunlop"): the pair rule of the issue, made safe for places by the lists.
//! 3. In lower case, a given name followed by a listed surname ("fiona macleod").
//! 4. One word alone: a capitalised word that is not an ordinary word after a cue ("my neighbour
//!    Tadeusz", "a lad called Kez") or before "family", "brothers"… ("the Pettigrew brothers"); a given name that is not also an ordinary word ("Kyle sells
//!    weed"); a surname that is not also an ordinary word ("the McTavish family").

use super::name_lists::{
    is_area, is_common_word, is_given_name, is_listed_phrase, is_organisation, is_place_word, is_surname,
    longest_phrase, phrase_key, CUES, FAMILY_CUES, LOCATIVES, PARTICLES,
};
use super::name_tokens::{mostly_title_case, words, Case, Word};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    /// Part of a listed place or organisation.
    Protected,
    /// Part of a run of capitalised words that ends in a street or feature word.
    PlaceRun,
    Name,
}

/// The spans of `text` that are people's names, in order.
pub(super) fn name_spans(text: &str) -> Vec<Range<usize>> {
    let words = words(text);
    let mut marks = protect_places(text, &words);
    mark_capitalised_runs(text, &words, &mut marks, !mostly_title_case(&words));
    mark_lower_case_names(text, &words, &mut marks);
    mark_single_names(text, &words, &mut marks);
    spans(&words, &marks)
}

fn written<'t>(text: &'t str, word: &Word) -> &'t str {
    &text[word.range.clone()]
}

fn protect_places(text: &str, words: &[Word]) -> Vec<Mark> {
    let mut marks = vec![Mark::Open; words.len()];
    let mut i = 0;
    while i < words.len() {
        let longest = longest_phrase().min(words.len() - i);
        let listed = (1..=longest).rev().find_map(|len| {
            let key = phrase_key(&text[words[i].range.start..words[i + len - 1].full_end]);
            let joined = words[i + 1..i + len].iter().all(|w| w.joined);
            (joined && is_listed_phrase(&key)).then_some((len, key))
        });
        match listed {
            Some((1, key)) if !single_place_stands(words, i, &key) => i += 1,
            Some((len, _)) => {
                marks[i..i + len].fill(Mark::Protected);
                i += len;
            }
            None => i += 1,
        }
    }
    marks
}

/// Whether the listed one-word place or organisation at `i` is one here, not a person.
fn single_place_stands(words: &[Word], i: usize, key: &str) -> bool {
    if is_organisation(key) {
        return true;
    }
    let word = &words[i];
    let previous = i.checked_sub(1).map(|p| &words[p]);
    let after_locative = previous.is_some_and(|p| LOCATIVES.contains(&p.lower.as_str()));
    let after_given_name = previous.is_some_and(|p| word.joined && p.capitalised() && is_given_name(&p.lower));
    after_locative || (!after_given_name && (is_area(key) || !is_given_name(&word.lower)))
}

fn open_capitalised(words: &[Word], marks: &[Mark], i: usize) -> bool {
    marks[i] == Mark::Open && words[i].capitalised()
}

/// The capitalised words that run together from `start` (particles between them left out).
fn run_from(words: &[Word], marks: &[Mark], start: usize) -> Vec<usize> {
    let mut run = vec![start];
    let mut j = start + 1;
    while j < words.len() && words[j].joined {
        if open_capitalised(words, marks, j) {
            run.push(j);
            j += 1;
        } else if PARTICLES.contains(&words[j].lower.as_str())
            && words[j].case == Case::Lower
            && j + 1 < words.len()
            && words[j + 1].joined
            && open_capitalised(words, marks, j + 1)
        {
            run.push(j + 1);
            j += 2;
        } else {
            break;
        }
    }
    run
}

fn mark_capitalised_runs(text: &str, words: &[Word], marks: &mut [Mark], loose_pairs: bool) {
    let mut i = 0;
    while i < words.len() {
        if !open_capitalised(words, marks, i) {
            i += 1;
            continue;
        }
        let run = run_from(words, marks, i);
        let last = run[run.len() - 1];
        // "Victoria road": a street word written in lower case after the run.
        let street_after = words
            .get(last + 1)
            .is_some_and(|w| w.joined && w.case == Case::Lower && is_place_word(&w.lower));
        if (run.len() > 1 && is_place_word(&words[last].lower)) || street_after {
            run.iter().for_each(|&j| marks[j] = Mark::PlaceRun);
        } else {
            for pair in run.windows(2) {
                if is_name_pair(text, &words[pair[0]], &words[pair[1]], loose_pairs) {
                    marks[pair[0]] = Mark::Name;
                    marks[pair[1]] = Mark::Name;
                }
            }
        }
        i = last + 1;
    }
}

/// Not an ordinary word, nor a street or feature word.
fn unusual(word: &Word) -> bool {
    !is_common_word(&word.lower) && !is_place_word(&word.lower)
}

fn is_name_pair(text: &str, first: &Word, second: &Word, loose_pairs: bool) -> bool {
    let surname = is_surname(written(text, second));
    // In capitals a given name is followed by a surname, not just any word ("KEITH SELLS DRUGS").
    let follows_given_name = surname || (second.case == Case::Title && unusual(second));
    let given_first = is_given_name(&first.lower) && follows_given_name;
    // A surname that is also a word needs Capitals mid-sentence ("met Shonagh Young", not
    // "AS A PENSIONER YOUNG KIDS").
    let title_pair = first.case == Case::Title && second.case == Case::Title && !first.sentence_start;
    let surname_second = surname && unusual(first) && (!is_common_word(&second.lower) || title_pair);
    let loose = loose_pairs
        && first.case == Case::Title
        && second.case == Case::Title
        && !first.sentence_start
        && unusual(first)
        && unusual(second);
    given_first || surname_second || loose
}

fn mark_lower_case_names(text: &str, words: &[Word], marks: &mut [Mark]) {
    for i in 1..words.len() {
        let (first, second) = (&words[i - 1], &words[i]);
        let open = marks[i - 1] == Mark::Open && marks[i] == Mark::Open;
        let lower = first.case == Case::Lower && second.case == Case::Lower && second.joined;
        if open
            && lower
            && is_given_name(&first.lower)
            && !is_common_word(&first.lower)
            && is_surname(written(text, second))
            && !is_common_word(&second.lower)
        {
            marks[i - 1] = Mark::Name;
            marks[i] = Mark::Name;
        }
    }
}

fn after_cue(text: &str, words: &[Word], i: usize) -> bool {
    let Some(previous) = i.checked_sub(1).map(|p| &words[p]) else {
        return false;
    };
    let gap = &text[previous.full_end..words[i].range.start];
    CUES.contains(&previous.lower.as_str()) && (words[i].joined || gap == ", ")
}

fn mark_single_names(text: &str, words: &[Word], marks: &mut [Mark]) {
    let mut i = 0;
    while i < words.len() {
        if !open_capitalised(words, marks, i) {
            i += 1;
            continue;
        }
        let word = &words[i];
        let ordinary = is_common_word(&word.lower);
        let listed_name = is_given_name(&word.lower) || is_surname(written(text, word));
        // In capitals any word follows a cue ("MY MUM LOST"): there only a listed name counts.
        let cue_name = unusual(word) && (word.case == Case::Title || listed_name);
        let before_family = words
            .get(i + 1)
            .is_some_and(|next| next.joined && FAMILY_CUES.contains(&next.lower.as_str()));
        if before_family && cue_name {
            marks[i] = Mark::Name;
            i += 1;
            continue;
        }
        if after_cue(text, words, i) && cue_name {
            marks[i] = Mark::Name;
            // "my neighbour Tadeusz Nowak": the words that run on are the rest of the name.
            let mut j = i + 1;
            while j < words.len() && words[j].joined && words[j].case == word.case && unusual(&words[j]) {
                marks[j] = Mark::Name;
                j += 1;
            }
            i = j;
            continue;
        }
        // "met Dawn at the shops": a name that is also a word, capitalised inside a sentence.
        let previous = i.checked_sub(1).map(|p| words[p].lower.as_str());
        let word_like_use = previous.is_some_and(|p| ["the", "a", "an", "this", "that", "of"].contains(&p));
        let named_mid_sentence = word.case == Case::Title && !word.sentence_start && !word_like_use;
        if listed_name && (!ordinary || (is_given_name(&word.lower) && named_mid_sentence)) {
            marks[i] = Mark::Name;
        }
        i += 1;
    }
}

/// One span per name: neighbouring name words (only spaces, or a particle, between) make one.
fn spans(words: &[Word], marks: &[Mark]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut previous_name: Option<usize> = None;
    for (i, word) in words.iter().enumerate() {
        if marks[i] != Mark::Name {
            continue;
        }
        let continues = previous_name.is_some_and(|p| {
            let between_is_particle = (p + 1..i).all(|k| PARTICLES.contains(&words[k].lower.as_str()));
            i - p <= 2 && between_is_particle && (p + 1..=i).all(|k| words[k].joined)
        });
        match out.last_mut() {
            Some(last) if continues => last.end = word.range.end,
            _ => out.push(word.range.clone()),
        }
        previous_name = Some(i);
    }
    out
}
