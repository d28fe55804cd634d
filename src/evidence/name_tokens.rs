//! Words of a comment as the name rules see them (`name_runs`): where each word is, how it is
//! written (lower case, Capitalised, CAPITALS), whether it starts a sentence and whether only
//! spaces separate it from the word before, which is what lets words run together into a name.

use std::ops::Range;

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// "speeding"
    Lower,
    /// "Jane", "McTavish", "J."
    Title,
    /// "JANE", "CCTV"
    Caps,
    /// Anything with a digit, or mixed case that is not Title ("eBay", "A9").
    Other,
}

/// One word of the text.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// The word without a possessive "'s" (so "Doe's" is removed as "[name removed]'s").
    pub range: Range<usize>,
    /// Where the word as written ends (with its "'s").
    pub full_end: usize,
    pub lower: String,
    pub case: Case,
    /// First word of the text or of a sentence (after . ! ? : ; a line break or an opening quote).
    pub sentence_start: bool,
    /// Only spaces or tabs separate it from the word before.
    pub joined: bool,
}

impl Word {
    pub fn capitalised(&self) -> bool {
        matches!(self.case, Case::Title | Case::Caps)
    }
}

fn case_of(word: &str) -> Case {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if word.chars().any(|c| c.is_ascii_digit()) || letters.is_empty() {
        return Case::Other;
    }
    if letters.iter().all(|c| c.is_lowercase()) {
        return Case::Lower;
    }
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return Case::Caps;
    }
    if letters[0].is_uppercase() {
        // "McTavish", "MacLeod", "O'Neill", "Mary-Jane": capitals only at the start of a part.
        return Case::Title;
    }
    Case::Other
}

fn ends_sentence(gap: &str) -> bool {
    gap.chars()
        .any(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '\n' | '\r' | '"' | '“' | '(' | '…'))
}

/// The end of the word that starts at `start`: letters and digits, with apostrophes and hyphens
/// inside it ("O'Neill", "Mary-Jane"), and the full stop of a one-letter initial ("J.").
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = matches!(c, '\'' | '’' | '-') && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || (joins && end > start) {
            end = start + i + c.len_utf8();
        } else {
            let initial = text[start..end].chars().count() == 1 && text[start..end].chars().all(char::is_uppercase);
            if c == '.' && initial {
                end += 1;
            }
            break;
        }
    }
    end
}

/// The words of `text`, in order.
pub(super) fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut at = 0;
    let mut previous_end = 0;
    while let Some(offset) = text[at..].find(|c: char| c.is_alphanumeric()) {
        let start = at + offset;
        let end = word_end(text, start);
        let gap = &text[previous_end..start];
        let written = &text[start..end];
        let base = written
            .strip_suffix("'s")
            .or_else(|| written.strip_suffix("’s"))
            .filter(|b| !b.is_empty())
            .unwrap_or(written);
        out.push(Word {
            range: start..start + base.len(),
            full_end: end,
            lower: base.trim_end_matches('.').to_lowercase(),
            case: case_of(base),
            sentence_start: out.is_empty() || ends_sentence(gap),
            joined: !out.is_empty() && !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t'),
        });
        previous_end = end;
        at = end.max(start + 1);
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
    out
}

/// Whether most of a comment's words are capitalised ("Speeding Cars On The Main Road"): then
/// capitalised pairs say nothing about names, and only the rules that need a listed name apply.
pub(super) fn mostly_title_case(words: &[Word]) -> bool {
    let long: Vec<&Word> = words.iter().filter(|w| w.lower.chars().count() > 1).collect();
    let title = long.iter().filter(|w| w.case == Case::Title).count();
    long.len() >= 6 && title * 2 >= long.len()
}
